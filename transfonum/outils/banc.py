"""Banc de mesure de la construction du livre, du poids de ses pages et de
l'environnement des élèves (``make bench`` ; ``--seulement livre`` ou ``--seulement
binder`` pour une seule partie).

Livre : secondes d'une construction complète, d'une reconstruction sans changement,
d'une reconstruction après modification d'un chapitre et après modification du moteur
(``transfonum/site/``, qui ne doit ré-exécuter aucun carnet), et octets que charge un
lecteur par page (HTML + JS et CSS qu'elle appelle ; fichiers partagés comptés une fois).
Objectifs : reconstruction sans changement ≤ 10 % et après un chapitre ≤ 30 % d'une
construction complète.

Binder : taille installée d'un environnement neuf fait depuis ``binder/requirements.txt``,
comparée à celle de l'environnement complet qui lance le banc (objectif ≤ 40 %), et
secondes entre le démarrage d'un noyau dans cet environnement et le premier widget d'un
carnet d'exercices (objectif ≤ 3 s).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
from nbclient import NotebookClient

from transfonum import fr
from transfonum.chemins import EXERCICES, LIVRE, PAQUET, RACINE
from transfonum.outils import binder
from transfonum.site.construction import construire

CHAPITRE_TOUCHE = RACINE / LIVRE / "intro.md"
MOTEUR_TOUCHE = RACINE / PAQUET / "site" / "interface.py"
OBJECTIF_SANS_CHANGEMENT = 0.10
OBJECTIF_UN_CHAPITRE = 0.30
OBJECTIF_TAILLE_BINDER = 0.40
OBJECTIF_PREMIER_WIDGET = 3.0
ESSAIS_PREMIER_WIDGET = 3
TYPE_WIDGET = "application/vnd.jupyter.widget-view+json"
LIEN_FICHIER = re.compile(r'<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+\.(?:js|css)[^"]*)"')


def construction_chronometree(sortie: Path) -> float:
    """Secondes d'une construction dans ``sortie`` ; quitte si elle échoue."""
    debut = time.perf_counter()
    resultat = construire(RACINE, sortie=sortie, capturer=True)
    if resultat.returncode != 0:
        sys.exit(f"la construction a échoué :\n{resultat.stdout[-4000:]}")
    return time.perf_counter() - debut


def fichiers_de_page(page: Path) -> set[Path]:
    """Les fichiers JS et CSS locaux que charge une page HTML."""
    fichiers = set()
    for lien in LIEN_FICHIER.findall(page.read_text(encoding="utf-8")):
        parties = urlsplit(lien)
        if not parties.scheme and not parties.netloc:
            fichiers.add((page.parent / parties.path).resolve())
    return fichiers


def poids_des_pages(dossier_html: Path) -> tuple[dict[str, int], int, int]:
    """Octets par page (HTML et tout ce qu'elle charge, comme à une première visite), octets
    du HTML de toutes les pages, et octets de tous les fichiers JS et CSS, comptés une fois."""
    pages = [p for p in sorted(dossier_html.rglob("*.html")) if "_static" not in p.parts]
    premiere_visite: dict[str, int] = {}
    partages: set[Path] = set()
    for page in pages:
        fichiers = {f for f in fichiers_de_page(page) if f.exists()}
        partages |= fichiers
        premiere_visite[page.relative_to(dossier_html).as_posix()] = page.stat().st_size + sum(
            f.stat().st_size for f in fichiers)
    return premiere_visite, sum(p.stat().st_size for p in pages), sum(f.stat().st_size for f in partages)


def _verdict(rapport: float, objectif: float) -> str:
    return "objectif atteint" if rapport <= objectif else f"AU-DESSUS de l'objectif ({objectif:.0%})"


def carnet_du_premier_widget() -> Path:
    """Le premier carnet élève (par nom) dont une cellule affiche un widget d'exercice."""
    for chemin in sorted((RACINE / EXERCICES).glob("*.ipynb")):
        cellules = nbformat.read(chemin, as_version=4).cells
        if any(c.cell_type == "code" and "exercice(" in c.source for c in cellules):
            return chemin
    sys.exit("aucun carnet d'exercices n'affiche de widget (exercice(...)) dans exercises/")


def secondes_jusquau_premier_widget(chemin: Path, noyau: str) -> float:
    """Secondes entre le démarrage de ``noyau`` et la fin de la première cellule de
    ``chemin`` qui affiche un widget (les cellules d'avant tournent d'abord, comme chez
    l'élève)."""
    carnet = nbformat.read(chemin, as_version=4)
    client = NotebookClient(carnet, kernel_name=noyau, timeout=120,
                            resources={"metadata": {"path": str(chemin.parent)}})
    debut = time.perf_counter()
    with client.setup_kernel():
        for index, cellule in enumerate(carnet.cells):
            if cellule.cell_type != "code":
                continue
            client.execute_cell(cellule, index)
            if any(TYPE_WIDGET in sortie.get("data", {}) for sortie in cellule.outputs):
                return time.perf_counter() - debut
    sys.exit(f"{chemin.name} : aucune cellule n'a affiché de widget")


def _plus_gros_paquets(prefix: Path, nombre: int = 5) -> list[tuple[str, int]]:
    tailles = []
    for site in prefix.glob("lib/python*/site-packages"):
        for entree in site.iterdir():
            if entree.is_dir() and not entree.name.endswith((".dist-info", "__pycache__")):
                tailles.append((entree.name, sum(f.stat().st_size for f in entree.rglob("*") if f.is_file())))
    return sorted(tailles, key=lambda t: -t[1])[:nombre]


def rapport_binder() -> None:
    """Construit l'environnement léger de zéro, le pèse et chronomètre le premier widget."""
    prefix_complet = Path(sys.prefix)
    with tempfile.TemporaryDirectory(prefix="transfonum-binder-") as tmp:
        racine = Path(tmp)
        debut = time.perf_counter()
        try:
            python = binder.creer(racine / "venv")
        except binder.ErreurBinder as err:
            sys.exit(str(err))
        installation = time.perf_counter() - debut
        leger, complet = binder.octets_installes(racine / "venv"), binder.octets_installes(prefix_complet)
        plus_gros = _plus_gros_paquets(racine / "venv")
        os.environ["JUPYTER_PATH"] = str(racine / "jupyter")
        noyau = binder.ecrire_noyau(python, racine / "jupyter")
        carnet = carnet_du_premier_widget()
        essais = [secondes_jusquau_premier_widget(carnet, noyau) for _ in range(ESSAIS_PREMIER_WIDGET)]

    rapport = leger / complet
    print(f"Environnement Binder ({binder.EXIGENCES.relative_to(RACINE)}), installé en {installation:.0f} s :")
    print(f"  site-packages : {leger / 2**20:6.0f} Mio, contre {complet / 2**20:.0f} Mio pour "
          f"l'environnement complet ({prefix_complet})")
    print(f"  soit {fr.pourcent(rapport * 100, 1)} — {_verdict(rapport, OBJECTIF_TAILLE_BINDER)}")
    print("  plus gros paquets : " + ", ".join(f"{nom} {taille / 2**20:.0f} Mio" for nom, taille in plus_gros))
    mediane = statistics.median(essais)
    print(f"Du démarrage du noyau au premier widget ({carnet.relative_to(RACINE)}) : "
          f"{mediane:.1f} s (médiane de {len(essais)} : {', '.join(f'{e:.1f}' for e in essais)}) — "
          + ("objectif atteint" if mediane <= OBJECTIF_PREMIER_WIDGET
             else f"AU-DESSUS de l'objectif ({OBJECTIF_PREMIER_WIDGET:.0f} s)"))


def rapport_livre() -> None:
    """Chronomètre quatre constructions (complète, sans changement, un chapitre touché, le
    moteur touché) et pèse les pages."""
    with tempfile.TemporaryDirectory(prefix="transfonum-bench-") as tmp:
        sortie = Path(tmp)
        complete = construction_chronometree(sortie)
        sans_changement = construction_chronometree(sortie)
        os.utime(CHAPITRE_TOUCHE)
        un_chapitre = construction_chronometree(sortie)
        os.utime(MOTEUR_TOUCHE)
        moteur = construction_chronometree(sortie)
        poids, total_html, total_partage = poids_des_pages(sortie / "_build" / "html")

    print(f"Construction complète (cache vide) : {complete:6.1f} s")
    print(f"Reconstruction sans changement     : {sans_changement:6.1f} s  "
          f"({sans_changement / complete:.0%} — {_verdict(sans_changement / complete, OBJECTIF_SANS_CHANGEMENT)})")
    print(f"Après modification d'un chapitre   : {un_chapitre:6.1f} s  "
          f"({un_chapitre / complete:.0%} — {_verdict(un_chapitre / complete, OBJECTIF_UN_CHAPITRE)})"
          f"  [{CHAPITRE_TOUCHE.relative_to(RACINE)}]")
    print(f"Après modification du moteur       : {moteur:6.1f} s  "
          f"({moteur / complete:.0%}, aucun carnet ré-exécuté)  [{MOTEUR_TOUCHE.relative_to(RACINE)}]")
    print("\nPoids par page, première visite (HTML + JS + CSS chargés) :")
    for page, taille in poids.items():
        print(f"  {page:<40} {taille / 1024:8.0f} Kio")
    nombre = len(poids)
    print(f"Site entier : {total_html / 1024:.0f} Kio de HTML pour {nombre} pages, "
          f"{total_partage / 1024:.0f} Kio de JS et CSS (chaque fichier compté une fois) ; "
          f"soit {(total_html + total_partage) / nombre / 1024:.0f} Kio par page en moyenne.")


def main(argv: list[str] | None = None) -> int:
    """Lance le banc et affiche son rapport ; renvoie le code de sortie."""
    parser = argparse.ArgumentParser(
        prog="python -m transfonum.outils.banc",
        description="Banc de mesure : construction du livre, poids des pages, environnement Binder.")
    parser.add_argument("--seulement", choices=("livre", "binder"), help="une seule partie du banc")
    args = parser.parse_args(argv)
    if args.seulement != "binder":
        rapport_livre()
    if args.seulement != "livre":
        if args.seulement is None:
            print()
        rapport_binder()
    return 0


if __name__ == "__main__":
    sys.exit(main())
