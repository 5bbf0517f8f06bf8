"""La branche étudiante du dépôt : ce que Binder et le hub donnent aux élèves, sans corrigés.

``python -m transfonum.outils.branche_etudiante [--branche etudiant] [--depuis HEAD]``
(``make branche-etudiante``) écrit, dans le dépôt git courant, un commit de la branche
``etudiant`` dont l'arbre ne garde du commit ``--depuis`` que :data:`GARDES` — les
carnets des élèves, les clés du correcteur, les données, le paquet, ``binder/`` — et un
README pour les élèves (:data:`README`). Le commit a pour parent le sommet précédent de
la branche : l'historique avance sans jamais être réécrit, ce qu'attend nbgitpuller pour
mettre à jour la copie d'un élève. Rien n'est écrit si l'arbre n'a pas changé. Le dossier
de travail et l'index ne sont pas touchés (plomberie git, index temporaire).

Refusé, avec un message qui nomme le fichier et la cellule : un carnet d'élève qui
contient une cellule marquée ``solution``, ou une cellule, marquée ou non, qui contient le
code d'une solution du corrigé du même chapitre (``exercises/corriges/``, du même commit) ;
ou un corrigé qui passerait la liste.

Le module n'utilise que la bibliothèque standard et git : il tourne avant toute
installation (workflow des Pages, autre hébergeur).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from transfonum.chemins import BINDER, CLES, CORRIGES, DONNEES, EXERCICES, RACINE, SOURCES_CARNETS

#: La branche que les liens Binder et JupyterHub ouvrent (``_config.yml`` la nomme aussi).
BRANCHE = "etudiant"
#: Ce que la branche garde : dossiers entiers, ou fichiers d'un motif.
GARDES: tuple[str, ...] = (
    "transfonum/", f"{DONNEES.as_posix()}/", f"{CLES.as_posix()}/", f"{BINDER.as_posix()}/",
    f"{EXERCICES.as_posix()}/*.ipynb", "pyproject.toml", "LICENSE", "LICENSE-CONTENT",
)
#: Ce qui ne doit jamais y être, même si :data:`GARDES` change.
INTERDITS: tuple[str, ...] = (f"{CORRIGES.as_posix()}/", f"{SOURCES_CARNETS.as_posix()}/")
#: Un lien symbolique à côté des carnets vers le paquet de la copie : un noyau démarré dans
#: ``exercises/`` (où Jupyter lance celui d'un carnet) importe ``transfonum`` sans rien
#: d'installé ni de cellule exécutée avant (le hub, le lendemain, n'a que
#: ``binder/requirements.txt``) : chaque cellule de vérification marche seule.
LIEN_PAQUET: tuple[str, str] = (f"{EXERCICES.as_posix()}/transfonum", "../transfonum")
#: Le README de la branche, pour l'élève qui ouvre le dépôt.
README = """\
# Exercices du kit « Transformation numérique » — édition étudiante

Cette branche est faite pour les élèves : elle est produite automatiquement depuis le
dépôt du kit (`make branche-etudiante`), ne la modifiez pas à la main.

- `exercises/<chapitre>.ipynb` : un carnet d'exercices par chapitre. Ouvrez-le, puis
  exécutez toutes ses cellules (menu *Exécution*). Chaque cellule `verifier(...)` corrige
  votre réponse en français.
- `data/` : les données des chapitres, avec leur provenance (`data/datapackage.json`).
- `transfonum/` : le code que les carnets importent (`exercises/transfonum` n'en est qu'un
  lien, pour que chaque carnet le trouve) ; `binder/` : l'environnement de Binder et du
  JupyterHub.

Ce qui n'est pas ici : les solutions rédigées des exercices (les corrigés des
enseignants) et les pages du livre. Ce qui y est, par honnêteté : les clés du correcteur
(`exercises/cles/`), dont il a besoin pour vous répondre sans serveur ; elles donnent les
réponses attendues à qui les lit. Le livre, lui, se lit sur son site.
"""


class ErreurBrancheEtudiante(RuntimeError):
    """La branche étudiante ne peut pas être écrite ; le message nomme le fichier en cause."""


@dataclass(frozen=True)
class Resultat:
    """Le commit écrit (ou le sommet inchangé), et s'il est nouveau."""

    commit: str
    nouveau: bool
    fichiers: int


def garde(chemin: str) -> bool:
    """``chemin`` (relatif à la racine, séparateur ``/``) va-t-il dans la branche étudiante ?"""
    if chemin.startswith(INTERDITS):
        return False
    for motif in GARDES:
        if motif.endswith("/") and chemin.startswith(motif):
            return True
        if PurePosixPath(chemin).match(motif) and chemin.count("/") == motif.count("/"):
            return True
    return False


def _git(depot: Path, *arguments: str, entree: bytes | None = None, env: dict | None = None) -> bytes:
    fait = subprocess.run(["git", "-C", str(depot), *arguments], input=entree, capture_output=True,
                          env={**os.environ, **(env or {})})
    if fait.returncode != 0:
        raise ErreurBrancheEtudiante(
            f"git {' '.join(arguments[:2])} a échoué : {fait.stderr.decode(errors='replace').strip()}")
    return fait.stdout


def _cellules(texte: bytes, chemin: str) -> list[dict]:
    """Les cellules d'un carnet (JSON)."""
    try:
        return json.loads(texte).get("cells", [])
    except (json.JSONDecodeError, AttributeError) as err:
        raise ErreurBrancheEtudiante(f"{chemin} : carnet illisible ({err})") from err


def _cellules_solution(texte: bytes, chemin: str) -> list[int]:
    """Les numéros (à partir de 1) des cellules marquées ``solution`` d'un carnet."""
    return [n for n, cellule in enumerate(_cellules(texte, chemin), start=1)
            if "solution" in cellule.get("metadata", {}).get("tags", [])]


def _code(cellule: dict) -> str:
    """Le code d'une cellule, sans commentaires ni lignes vides ni espaces de bord : ce
    qu'une copie de la solution garde même déplacée, réindentée ou commentée autrement."""
    source = cellule.get("source", "")
    lignes = (source if isinstance(source, str) else "".join(source)).splitlines()
    return "\n".join(ligne.strip() for ligne in lignes if ligne.strip() and not ligne.strip().startswith("#"))


def _cellules_qui_copient(eleve: bytes, corrige: bytes, chemin: str) -> list[int]:
    """Les numéros des cellules du carnet d'élève qui contiennent le code d'une cellule
    ``solution`` du corrigé (étiquette ou non)."""
    solutions = [_code(c) for c in _cellules(corrige, chemin)
                 if "solution" in c.get("metadata", {}).get("tags", []) and _code(c)]
    return [n for n, cellule in enumerate(_cellules(eleve, chemin), start=1)
            if cellule.get("cell_type") == "code" and any(s in _code(cellule) for s in solutions)]


def _identite(depot: Path) -> dict[str, str]:
    """Un auteur pour le commit si git n'en a pas (CI, serveur de l'établissement)."""
    try:
        _git(depot, "config", "user.email")
        return {}
    except ErreurBrancheEtudiante:
        nom, courriel = "Édition étudiante du kit", "edition-etudiante@transfonum.invalid"
        return {"GIT_AUTHOR_NAME": nom, "GIT_AUTHOR_EMAIL": courriel,
                "GIT_COMMITTER_NAME": nom, "GIT_COMMITTER_EMAIL": courriel}


def _refuser_les_solutions(depot: Path, chemin: str, objet: str, arbre: dict[str, list[str]]) -> None:
    """Lève :class:`ErreurBrancheEtudiante` si le carnet d'élève ``chemin`` (blob ``objet``)
    a une cellule marquée ``solution`` ou le code d'une solution de son corrigé."""
    texte = _git(depot, "cat-file", "blob", objet)
    solutions = _cellules_solution(texte, chemin)
    if solutions:
        raise ErreurBrancheEtudiante(
            f"{chemin} : cellule(s) {', '.join(map(str, solutions))} marquée(s) « solution » ; "
            "régénérez les carnets (python -m transfonum.exercices.carnets)")
    corrige = f"{CORRIGES.as_posix()}/{PurePosixPath(chemin).name}"
    if corrige in arbre:
        copies = _cellules_qui_copient(texte, _git(depot, "cat-file", "blob", arbre[corrige][2]), chemin)
        if copies:
            raise ErreurBrancheEtudiante(
                f"{chemin} : cellule(s) {', '.join(map(str, copies))} contiennent le code d'une solution de "
                f"{corrige} ; régénérez les carnets (python -m transfonum.exercices.carnets)")


def ecrire(depot: Path = RACINE, branche: str = BRANCHE, depuis: str = "HEAD") -> Resultat:
    """Écrit (ou laisse) le sommet de ``branche`` : l'arbre de ``depuis`` réduit à :data:`GARDES`.

    :raises ErreurBrancheEtudiante: git échoue, ou un carnet d'élève contient une solution.
    """
    source = _git(depot, "rev-parse", "--verify", f"{depuis}^{{commit}}").decode().strip()
    arbre_source = {}
    for entree in _git(depot, "ls-tree", "-r", "-z", "--full-tree", source).split(b"\0"):
        if entree:
            entete, chemin = entree.decode().split("\t", 1)
            arbre_source[chemin] = entete.split()
    lignes = []
    for chemin, (mode, _type, objet) in arbre_source.items():
        if not garde(chemin):
            continue
        if chemin.endswith(".ipynb"):
            _refuser_les_solutions(depot, chemin, objet, arbre_source)
        lignes.append(f"{mode} {objet}\t{chemin}")
    readme = _git(depot, "hash-object", "-w", "--stdin", entree=README.encode()).decode().strip()
    lignes.append(f"100644 {readme}\tREADME.md")
    lien = _git(depot, "hash-object", "-w", "--stdin", entree=LIEN_PAQUET[1].encode()).decode().strip()
    lignes.append(f"120000 {lien}\t{LIEN_PAQUET[0]}")
    with tempfile.TemporaryDirectory() as dossier:
        index = {"GIT_INDEX_FILE": str(Path(dossier) / "index")}
        _git(depot, "update-index", "--add", "--index-info", entree="\n".join(lignes).encode() + b"\n", env=index)
        arbre = _git(depot, "write-tree", env=index).decode().strip()
    try:
        parent = _git(depot, "rev-parse", "--verify", "--quiet", f"refs/heads/{branche}").decode().strip()
    except ErreurBrancheEtudiante:
        parent = ""
    if parent and _git(depot, "rev-parse", f"{parent}^{{tree}}").decode().strip() == arbre:
        return Resultat(parent, False, len(lignes))
    message = f"Édition étudiante, tirée de {source[:12]}"
    commit = _git(depot, "commit-tree", arbre, *(["-p", parent] if parent else []), "-m", message,
                  env=_identite(depot)).decode().strip()
    _git(depot, "update-ref", f"refs/heads/{branche}", commit, *([parent] if parent else []))
    return Resultat(commit, True, len(lignes))


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée : écrit la branche, dit ce qui a été fait, code 1 en cas d'erreur."""
    parser = argparse.ArgumentParser(prog="python -m transfonum.outils.branche_etudiante",
                                     description="Écrit la branche étudiante (sans corrigés) du dépôt.")
    parser.add_argument("--branche", default=BRANCHE, help=f"branche à écrire (défaut : {BRANCHE})")
    parser.add_argument("--depuis", default="HEAD", help="commit d'où tirer l'édition (défaut : HEAD)")
    args = parser.parse_args(argv)
    try:
        resultat = ecrire(RACINE, args.branche, args.depuis)
    except ErreurBrancheEtudiante as err:
        print(f"erreur : {err}", file=sys.stderr)
        return 1
    etat = "écrite" if resultat.nouveau else "déjà à jour"
    print(f"Branche « {args.branche} » {etat} : {resultat.commit[:12]} ({resultat.fichiers} fichiers). "
          f"Publiez-la : git push origin {args.branche}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
