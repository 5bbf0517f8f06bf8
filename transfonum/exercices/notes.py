"""Corriger les carnets d'une classe : ``python -m transfonum.exercices.notes COPIES --sortie DOSSIER``.

``COPIES`` : un dossier par élève, le téléchargement d'un devoir Moodle, ou une archive
zip de l'un ou l'autre (:mod:`transfonum.exercices.copies`). Chaque carnet est exécuté à
l'écart, plusieurs à la fois (un par cœur), par :mod:`transfonum.exercices.execution` ;
les verdicts viennent du correcteur du kit, par son journal. Écrit dans ``DOSSIER`` :

- ``notes.csv`` : une ligne par élève et par exercice (``eleve, fichier, exercice,
  juste, message``) ; un exercice sans réponse compte faux ;
- ``synthese.csv`` : par élève, les exercices justes de chaque chapitre et les points
  des exercices continus, par la règle de la page du cours (:func:`points`) ;
- ``problemes.csv`` : chaque carnet qui n'a pas pu être corrigé en entier, et pourquoi ;
- ``retours/<élève>.html`` : une page par élève, chaque exercice avec son verdict.

Les CSV sont séparés par des points-virgules et encodés en UTF-8 avec BOM : un tableur
réglé en français les ouvre tels quels. Rien n'est écrit dans ``COPIES``.

Les chapitres corrigés sont ceux d'au moins un carnet rendu (ou ceux de
``--chapitres``) ; comment les verdicts deviennent des notes : :mod:`transfonum.exercices.bilan`.
"""

from __future__ import annotations

import argparse
import csv
import html
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from tqdm import tqdm

from transfonum import fr
from transfonum.exercices import retours
from transfonum.exercices.bilan import (
    POINTS_EXERCICES, Bilan, bilan, chapitre_du_carnet, chapitres_du_kit, exercices_du_chapitre, points,
)
from transfonum.exercices.copies import Copie, ErreurCopies, extraire, lister
from transfonum.exercices.execution import Execution, Limites, executer
from transfonum.fr import INSECABLE, guillemets

#: Les colonnes de ``notes.csv``.
COLONNES_NOTES = ["eleve", "fichier", "exercice", "juste", "message"]


def corriger_la_classe(copies: list[Copie], limites: Limites, processus: int,
                       barre: bool = True) -> dict[str, list[Execution]]:
    """Exécute chaque carnet de chaque copie, ``processus`` à la fois ; les exécutions par élève."""
    taches = [(copie, fichier) for copie in copies for fichier in copie.carnets]
    resultats: dict[str, list[Execution]] = {copie.eleve: [] for copie in copies}
    with ProcessPoolExecutor(max_workers=max(1, processus)) as pool, \
            tqdm(total=len(taches), desc="Carnets corrigés", unit=" carnet", disable=not barre) as progression:
        futurs = {pool.submit(executer, copie.dossier, fichier, limites, copie.partage): (copie, fichier)
                  for copie, fichier in taches}
        for futur in as_completed(futurs):
            copie, fichier = futurs[futur]
            try:
                resultats[copie.eleve].append(futur.result())
            except Exception as err:  # noqa: BLE001 — un processus perdu n'arrête pas le lot
                resultats[copie.eleve].append(Execution(fichier.as_posix(), problemes=[
                    f"le carnet n'a pas pu être exécuté ({type(err).__name__})"]))
            progression.update()
    for executions in resultats.values():
        executions.sort(key=lambda x: x.fichier)
    return resultats


def _ecrire_csv(chemin: Path, lignes: list[list[object]]) -> None:
    with chemin.open("w", encoding="utf-8-sig", newline="") as fichier:
        csv.writer(fichier, delimiter=";").writerows(lignes)


def _texte(message: str) -> str:
    """Le message du correcteur en texte simple (entités HTML décodées)."""
    return html.unescape(message)


def ecrire_resultats(bilans: list[Bilan], chapitres: list[str], sortie: Path) -> None:
    """Écrit ``notes.csv``, ``synthese.csv``, ``problemes.csv`` et les pages de retour."""
    sortie.mkdir(parents=True, exist_ok=True)
    _ecrire_csv(sortie / "notes.csv", [COLONNES_NOTES] + [
        [n.eleve, n.fichier, n.exercice, "oui" if n.juste else "non", _texte(n.message)]
        for b in bilans for n in b.notes])
    total = sum(len(exercices_du_chapitre(c)) for c in chapitres)
    _ecrire_csv(sortie / "synthese.csv", [
        ["eleve", *(f"{c} (sur {len(exercices_du_chapitre(c))})" for c in chapitres),
         f"justes (sur {total})", f"points (sur {POINTS_EXERCICES})"]] + [
        [b.eleve, *(b.justes(c) for c in chapitres), b.justes(),
         fr.nombre(points(b.justes(), b.total()), 1)] for b in bilans])
    _ecrire_csv(sortie / "problemes.csv", [["eleve", "fichier", "probleme"]] + [
        [b.eleve, fichier, probleme] for b in bilans for fichier, probleme in b.problemes])
    retours.ecrire_pages(bilans, chapitres, sortie / "retours")


def noter(copies_dir: Path, sortie: Path, limites: Limites = Limites(), processus: int | None = None,
          chapitres: list[str] | None = None, barre: bool = True) -> tuple[list[Bilan], list[str]]:
    """Corrige une classe et écrit ses résultats dans ``sortie`` ; renvoie les bilans et
    les fichiers écartés (chacun avec sa raison).

    :raises ErreurCopies: si ``copies_dir`` n'est ni un dossier ni une archive zip lisible.
    """
    processus = processus or len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="transfonum-copies-") as tmp:
        racine = extraire(copies_dir, Path(tmp)) if copies_dir.suffix.lower() == ".zip" else copies_dir
        copies, ecartes = lister(racine)
        if not copies:
            raise ErreurCopies(f"{copies_dir} : aucune copie d'élève (un dossier par élève est attendu)")
        executions = corriger_la_classe(copies, limites, processus, barre)
    if chapitres is None:
        trouves = {chapitre_du_carnet(x) for xs in executions.values() for x in xs}
        chapitres = [c for c in chapitres_du_kit() if c in trouves]
    bilans = [bilan(copie.eleve, executions[copie.eleve], chapitres) for copie in copies]
    for b, copie in zip(bilans, copies):
        if not copie.carnets:
            b.problemes.append(("", "aucun carnet (.ipynb) dans la copie"))
    ecrire_resultats(bilans, chapitres, sortie)
    return bilans, ecartes


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée de ``python -m transfonum.exercices.notes`` ; renvoie le code de sortie."""
    parser = argparse.ArgumentParser(
        prog="python -m transfonum.exercices.notes",
        description="Corrige les carnets rendus par une classe et écrit notes, synthèse et retours.")
    parser.add_argument("copies", type=Path, help="dossier des copies (un dossier par élève), ou son archive zip")
    parser.add_argument("--sortie", type=Path, required=True, help="dossier où écrire les résultats")
    parser.add_argument("--limite-cellule", type=float, default=Limites.cellule, help="secondes par cellule")
    parser.add_argument("--limite-carnet", type=float, default=Limites.carnet, help="secondes par carnet")
    parser.add_argument("--processus", type=int, default=None, help="carnets exécutés à la fois (un par cœur)")
    parser.add_argument("--chapitres", default=None,
                        help="chapitres à corriger, séparés par des virgules (par défaut : ceux des carnets rendus)")
    args = parser.parse_args(argv)
    chapitres = [c.strip() for c in args.chapitres.split(",")] if args.chapitres else None
    inconnus = sorted(set(chapitres or []) - set(chapitres_du_kit()))
    if inconnus:
        print(f"erreur{INSECABLE}: chapitre(s) inconnu(s) {', '.join(map(guillemets, inconnus))} ; chapitres "
              f"du kit{INSECABLE}: {', '.join(chapitres_du_kit())}", file=sys.stderr)
        return 2
    debut = time.monotonic()
    try:
        bilans, ecartes = noter(args.copies, args.sortie, Limites(args.limite_cellule, args.limite_carnet),
                                args.processus, chapitres)
    except ErreurCopies as err:
        print(f"erreur{INSECABLE}: {err}", file=sys.stderr)
        return 1
    for ligne in ecartes:
        print(f"écarté{INSECABLE}: {ligne}")
    for b in bilans:
        for fichier, probleme in b.problemes:
            print(f"{b.eleve}{' / ' + fichier if fichier else ''}{INSECABLE}: {probleme}")
    duree = time.monotonic() - debut
    print(f"{len(bilans)} élève(s) corrigé(s) en {fr.nombre(duree)}{INSECABLE}s{INSECABLE}; résultats dans "
          f"{args.sortie}{INSECABLE}: notes.csv, synthese.csv, problemes.csv, retours/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
