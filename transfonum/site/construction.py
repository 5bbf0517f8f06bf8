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
import re
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


#: Dans le dossier de construction : tout ce que la construction a dit.
JOURNAL_CONSTRUCTION = chemins.CONSTRUCTION / "construction.log"
#: La marque des avis du kit qui doivent paraître à l'écran (voir :func:`avis`).
MARQUE_AVIS = "[kit] "
#: Les lignes de la construction montrées à l'écran : avertissements, erreurs, avis du kit.
_A_MONTRER = re.compile(r"WARNING:|ERROR:|CRITICAL:|SEVERE:|Traceback|Exception|Error\b|" + re.escape(MARQUE_AVIS))
#: ... sauf ce bruit d'ipykernel, qui n'arrête rien (il reste dans le journal).
_BRUIT = re.compile(r"\[IPKernelApp\] WARNING \| Kernel is running over TCP")
_CARNET_EXECUTE = re.compile(r"(\S+)\.(?:md|ipynb): Executed notebook in ([\d.]+) seconds")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Les dernières lignes du journal montrées quand la construction échoue.
FIN_DU_JOURNAL = 25


def avis(journal, message: str, **options) -> None:
    """Un avis du kit pendant la construction (``journal`` : un logger de Sphinx) : il va
    au journal comme les autres lignes, et paraît aussi à l'écran (:data:`MARQUE_AVIS`)."""
    journal.info(MARQUE_AVIS + message, **options)


def ligne_pour_l_ecran(ligne: str) -> str | None:
    """Ce qu'une ligne de la construction montre à l'écran : un avertissement, une erreur
    ou un avis du kit tels quels, un carnet exécuté en une ligne ; ``None`` pour le reste."""
    ligne = _ANSI.sub("", ligne).rstrip()
    if _BRUIT.search(ligne):
        return None
    if _A_MONTRER.search(ligne):
        return ligne
    execute = _CARNET_EXECUTE.search(ligne)
    if execute:
        return f"Carnet exécuté : {Path(execute.group(1)).name} ({execute.group(2).replace('.', ',')} s)"
    return None


def _executer(commande: list[str], env: dict | None, journal: Path, ecran) -> subprocess.CompletedProcess:
    """Lance ``commande`` ; chaque ligne qu'elle écrit va dans ``journal`` et, si elle le
    mérite (:func:`ligne_pour_l_ecran`), sur ``ecran`` dès qu'elle est écrite."""
    journal.parent.mkdir(parents=True, exist_ok=True)
    env = {**(env or os.environ), "PYTHONUNBUFFERED": "1"}
    lignes = []
    with journal.open("w", encoding="utf-8") as fichier, subprocess.Popen(
            commande, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            encoding="utf-8", errors="replace") as processus:
        for ligne in processus.stdout:
            fichier.write(ligne)
            lignes.append(ligne)
            montree = ligne_pour_l_ecran(ligne) if ecran is not None else None
            if montree:
                print(montree, file=ecran, flush=True)
    return subprocess.CompletedProcess(commande, processus.returncode, "".join(lignes))


def construire(
    source: Path = RACINE, sortie: Path | None = None, valider: bool = True,
    capturer: bool = False, etudiant: bool = False,
) -> subprocess.CompletedProcess:
    """Valide ``data/`` (sauf si ``valider`` est faux), puis construit le livre.

    Renvoie le processus de l'étape qui a échoué, ou de la construction, avec dans
    ``stdout`` tout ce qu'elle a dit (erreurs comprises), que garde aussi le journal
    ``_build/construction.log`` du dossier de construction. Sans ``capturer``, les
    avertissements, les erreurs, les avis du kit et les carnets exécutés paraissent à
    l'écran pendant la construction. ``etudiant`` construit l'édition étudiante (sans les
    solutions ni les pages des enseignants).
    """
    env = {**os.environ, VARIABLE_EDITION_ETUDIANTE: "1"} if etudiant else None
    dossier = sortie or source
    table = edition_etudiante.ecrire_table(source, dossier / chemins.CONSTRUCTION) if etudiant else None
    if valider:
        verifie = valider_si_besoin(dossier, capturer)
        if verifie is not None and verifie.returncode != 0:
            return verifie
    return _executer(commande_jupyter_book(source, sortie, table), env, dossier / JOURNAL_CONSTRUCTION,
                     None if capturer else sys.stdout)


def resume(resultat: subprocess.CompletedProcess, dossier: Path, etudiant: bool = False) -> list[str]:
    """Les lignes qui terminent la construction à l'écran : ce qui a été construit, où,
    quoi faire ensuite ; en cas d'échec, la fin du journal et où lire le reste."""
    journal = dossier / JOURNAL_CONSTRUCTION
    texte = _ANSI.sub("", resultat.stdout or "")
    if resultat.returncode != 0:
        fin = [l.rstrip() for l in texte.splitlines() if l.strip()][-FIN_DU_JOURNAL:]
        if not fin:  # la validation des données, qui a parlé à l'écran
            return ["", "Échec de la construction : voir les messages ci-dessus."]
        return ["", "Fin du journal de construction :", *fin, "",
                f"Échec de la construction : voir les messages ci-dessus, et le journal complet ({journal})."]
    executes = len(_CARNET_EXECUTE.findall(texte))
    page = dossier / chemins.SITE / "index.html"
    servir = "make serve-etudiant" if etudiant else "make serve"
    edition = "Édition étudiante" if etudiant else "Édition enseignante"
    lignes = ["", f"{edition} construite : {page}",
              f"Carnets exécutés : {executes} ; les autres viennent du cache." if executes
              else "Aucun carnet à exécuter : tous viennent du cache."]
    avertissements = [l for l in texte.splitlines() if "WARNING:" in l and not _BRUIT.search(l)]
    if avertissements:
        lignes.append(f"Avertissements : {len(avertissements)} (ci-dessus).")
    lignes += [f"Journal complet : {journal}",
               f"Pour le lire : « {servir} », puis http://127.0.0.1:8000/, ou ouvrez la page "
               "ci-dessus dans un navigateur."]
    return lignes


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
    dossier = args.sortie or args.source
    print(f"Construction de l'édition {'étudiante' if args.etudiant else 'enseignante'} : les carnets modifiés "
          "sont exécutés (quelques minutes la première fois) ; "
          f"le détail va dans {dossier / JOURNAL_CONSTRUCTION}.", flush=True)
    resultat = construire(args.source, args.sortie, valider=not args.sans_validation, etudiant=args.etudiant)
    sortie = sys.stdout if resultat.returncode == 0 else sys.stderr
    for ligne in resume(resultat, dossier, args.etudiant):
        print(ligne, file=sortie)
    return resultat.returncode


if __name__ == "__main__":
    sys.exit(main())
