"""Construire le livre de la seule façon dont le kit le construit : données vérifiées
d'abord, puis Jupyter Book avec tout avertissement tenu pour une erreur. Sert à
``make book``, aux tests et au banc de mesure ::

    python -m transfonum.site [--etudiant] [--sortie DOSSIER] [--sans-validation] [SOURCE]

``--etudiant`` construit l'édition étudiante : chaque exercice sans sa solution, et sans
les pages réservées aux enseignants (:mod:`transfonum.site.edition_etudiante`), dans
``_build/etudiant/_build/html`` sauf si ``--sortie`` dit autre chose.

La validation de ``data/`` n'est relancée que si les données ou le code qui les valide
ont changé depuis la dernière validation réussie dans ce dossier de construction (même
contenu, même verdict) : une reconstruction sans changement ne la refait pas.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from transfonum import chemins
from transfonum.chemins import EDITION_ETUDIANTE, RACINE
from transfonum.site import edition_etudiante
from transfonum.site.empreinte import empreinte

#: Lue par l'extension (:mod:`transfonum.site.extension`) : posée, la construction
#: laisse les solutions de côté.
VARIABLE_EDITION_ETUDIANTE = "TRANSFONUM_EDITION_ETUDIANTE"
#: Tout avertissement est une erreur, et ``--keep-going`` les rapporte tous avant d'échouer.
OPTIONS_STRICTES = ["--warningiserror", "--keep-going"]
#: Dans le dossier de construction : l'empreinte des données de la dernière validation réussie.
TAMPON_VALIDATION = chemins.CONSTRUCTION / ".donnees-validees"


def empreinte_a_valider() -> str:
    """L'empreinte de ce dont dépend le verdict de la validation : ``data/``, le code de
    :mod:`transfonum.donnees` et les règles du français."""
    paquet = RACINE / chemins.PAQUET
    fichiers = [p for p in (RACINE / chemins.DONNEES).rglob("*") if p.is_file()]
    fichiers += [*(paquet / "donnees").glob("*.py"), paquet / "fr.py"]
    return empreinte(sorted(fichiers))


def valider_si_besoin(dossier: Path, capturer: bool = False) -> subprocess.CompletedProcess | None:
    """Valide ``data/`` sauf si la dernière validation réussie notée dans ``dossier``
    (le dossier de construction) portait sur les mêmes fichiers ; renvoie le processus
    de validation, ou ``None`` s'il n'a pas fallu la refaire."""
    tampon = dossier / TAMPON_VALIDATION
    attendue = empreinte_a_valider()
    if tampon.exists() and tampon.read_text(encoding="utf-8") == attendue:
        return None
    sortie_texte = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True} if capturer else {}
    verifie = subprocess.run([sys.executable, "-m", "transfonum.donnees.validation"], **sortie_texte)
    if verifie.returncode == 0:
        tampon.parent.mkdir(parents=True, exist_ok=True)
        tampon.write_text(attendue, encoding="utf-8")
    return verifie


def commande_jupyter_book(source: Path, sortie: Path | None = None, table: Path | None = None) -> list[str]:
    """La ligne de commande ``jupyter-book build`` avec les options strictes du kit (et une
    autre table des matières que ``_toc.yml`` si ``table`` est donnée)."""
    executable = Path(sys.executable).with_name("jupyter-book")
    commande = [str(executable), "build", *OPTIONS_STRICTES]
    if sortie is not None:
        commande += ["--path-output", str(sortie)]
    if table is not None:
        commande += ["--toc", str(table)]
    return commande + [str(source)]


def construire(
    source: Path = RACINE, sortie: Path | None = None, valider: bool = True,
    capturer: bool = False, etudiant: bool = False,
) -> subprocess.CompletedProcess:
    """Valide ``data/`` (sauf si ``valider`` est faux), puis construit le livre.

    Renvoie le processus de l'étape qui a échoué, ou de la construction ; avec
    ``capturer``, sa sortie est dans ``stdout`` (erreurs comprises). ``etudiant``
    construit l'édition étudiante (sans les solutions ni les pages des enseignants).
    """
    env = {**os.environ, VARIABLE_EDITION_ETUDIANTE: "1"} if etudiant else None
    table = edition_etudiante.ecrire_table(source, (sortie or source) / chemins.CONSTRUCTION) if etudiant else None
    if valider:
        verifie = valider_si_besoin(sortie or source, capturer)
        if verifie is not None and verifie.returncode != 0:
            return verifie
    sortie_texte = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True} if capturer else {}
    return subprocess.run(commande_jupyter_book(source, sortie, table), env=env, **sortie_texte)


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée de la ligne de commande ; renvoie le code de sortie."""
    parser = argparse.ArgumentParser(prog="python -m transfonum.site", description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=RACINE, help="racine du livre (par défaut : le dépôt)")
    parser.add_argument("--sortie", type=Path, default=None, help="dossier où écrire _build/")
    parser.add_argument("--sans-validation", action="store_true", help="ne pas valider data/ d'abord")
    parser.add_argument("--etudiant", action="store_true", help="édition étudiante, sans les solutions")
    args = parser.parse_args(argv)
    if args.etudiant and args.sortie is None:
        args.sortie = args.source / EDITION_ETUDIANTE
    resultat = construire(args.source, args.sortie, valider=not args.sans_validation, etudiant=args.etudiant)
    if resultat.returncode == 0:
        page = (args.sortie or args.source) / "_build" / "html" / "index.html"
        servir = "make serve-etudiant" if args.etudiant else "make serve"
        print(f"\nSite construit ({page}) : lancez « {servir} » pour le lire dans un navigateur "
              "(ouvert depuis le disque, ses explorateurs ne s'animent pas).")
    else:
        print("\nÉchec de la construction : voir les messages ci-dessus.", file=sys.stderr)
    return resultat.returncode


if __name__ == "__main__":
    sys.exit(main())
