"""Benchmark of the book build, of the weight of its pages and of the student
environment (``make bench``; ``--seulement livre`` or ``--seulement binder`` for one part).

Book: clean build seconds, no-op rebuild seconds, seconds to rebuild after touching one
chapter, and the bytes a reader downloads per page (HTML + the JS and CSS it loads),
shared assets counted once. Targets: no-op rebuild ≤ 10 % and one-chapter rebuild
≤ 30 % of a clean build.

Binder: installed size of a fresh environment built from ``binder/requirements.txt``
against the full environment running the bench (site-packages bytes; target ≤ 40 %),
and seconds from starting a kernel in that light environment to the first widget
displayed by an exercise notebook (target ≤ 3 s).
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

from transfonum import binder_env, fr
from transfonum.build import REPO_ROOT, build

TOUCHED_CHAPTER = REPO_ROOT / "book" / "intro.md"
NO_OP_TARGET = 0.10
ONE_CHAPTER_TARGET = 0.30
BINDER_SIZE_TARGET = 0.40
FIRST_WIDGET_TARGET = 3.0
FIRST_WIDGET_RUNS = 3
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ASSET_LINK = re.compile(r'<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+\.(?:js|css)[^"]*)"')


def timed_build(output: Path) -> float:
    """Seconds taken by one build into ``output``; exits if the build fails."""
    start = time.perf_counter()
    result = build(REPO_ROOT, path_output=output, capture=True)
    if result.returncode != 0:
        sys.exit(f"la construction a échoué :\n{result.stdout[-4000:]}")
    return time.perf_counter() - start


def page_assets(page: Path) -> set[Path]:
    """The local JS and CSS files an HTML page loads."""
    assets = set()
    for link in ASSET_LINK.findall(page.read_text(encoding="utf-8")):
        parts = urlsplit(link)
        if not parts.scheme and not parts.netloc:
            assets.add((page.parent / parts.path).resolve())
    return assets


def page_weights(html_dir: Path) -> tuple[dict[str, int], int, int]:
    """Bytes per page (HTML plus every asset it loads, as on a first visit), the bytes
    of all pages' HTML, and the bytes of all assets, each counted once."""
    pages = [p for p in sorted(html_dir.rglob("*.html")) if "_static" not in p.parts]
    first_visit: dict[str, int] = {}
    shared: set[Path] = set()
    for page in pages:
        assets = {a for a in page_assets(page) if a.exists()}
        shared |= assets
        first_visit[page.relative_to(html_dir).as_posix()] = page.stat().st_size + sum(
            a.stat().st_size for a in assets
        )
    html_total = sum(p.stat().st_size for p in pages)
    return first_visit, html_total, sum(a.stat().st_size for a in shared)


def _verdict(ratio: float, target: float) -> str:
    return "objectif atteint" if ratio <= target else f"AU-DESSUS de l'objectif ({target:.0%})"


def first_widget_notebook() -> Path:
    """The first student notebook (by name) with a cell that shows an exercise widget."""
    for path in sorted((REPO_ROOT / "exercises").glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        if any(c.cell_type == "code" and "exercice(" in c.source for c in cells):
            return path
    sys.exit("aucun carnet d'exercices n'affiche de widget (exercice(...)) dans exercises/")


def seconds_to_first_widget(path: Path, kernel: str) -> float:
    """Seconds from starting ``kernel`` to the end of the first cell of ``path`` whose
    output is a widget (the cells before it run first, as a student would run them)."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name=kernel, timeout=120,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, index)
            if any(WIDGET_MIME in out.get("data", {}) for out in cell.outputs):
                return time.perf_counter() - start
    sys.exit(f"{path.name} : aucune cellule n'a affiché de widget")


def _packages_by_size(prefix: Path, count: int = 5) -> list[tuple[str, int]]:
    sizes = []
    for site in prefix.glob("lib/python*/site-packages"):
        for entry in site.iterdir():
            if entry.is_dir() and not entry.name.endswith((".dist-info", "__pycache__")):
                sizes.append((entry.name, sum(f.stat().st_size for f in entry.rglob("*") if f.is_file())))
    return sorted(sizes, key=lambda item: -item[1])[:count]


def binder_report() -> None:
    """Build the light environment from scratch, weigh it and time the first widget."""
    full_prefix = Path(sys.prefix)
    with tempfile.TemporaryDirectory(prefix="transfonum-binder-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        try:
            python = binder_env.create(root / "venv")
        except binder_env.BinderEnvError as err:
            sys.exit(str(err))
        install = time.perf_counter() - start
        light, full = binder_env.site_packages_bytes(root / "venv"), binder_env.site_packages_bytes(full_prefix)
        biggest = _packages_by_size(root / "venv")
        os.environ["JUPYTER_PATH"] = str(root / "jupyter")
        kernel = binder_env.write_kernelspec(python, root / "jupyter")
        notebook = first_widget_notebook()
        runs = [seconds_to_first_widget(notebook, kernel) for _ in range(FIRST_WIDGET_RUNS)]

    ratio = light / full
    print(f"Environnement Binder ({binder_env.REQUIREMENTS.relative_to(REPO_ROOT)}), installé en {install:.0f} s :")
    print(f"  site-packages : {light / 2**20:6.0f} Mio, contre {full / 2**20:.0f} Mio pour "
          f"l'environnement complet ({full_prefix})")
    print(f"  soit {fr.percent(ratio * 100, 1)} — {_verdict(ratio, BINDER_SIZE_TARGET)}")
    print("  plus gros paquets : " + ", ".join(f"{name} {size / 2**20:.0f} Mio" for name, size in biggest))
    median = statistics.median(runs)
    print(f"Du démarrage du noyau au premier widget ({notebook.relative_to(REPO_ROOT)}) : "
          f"{median:.1f} s (médiane de {len(runs)} : {', '.join(f'{r:.1f}' for r in runs)}) — "
          + ("objectif atteint" if median <= FIRST_WIDGET_TARGET
             else f"AU-DESSUS de l'objectif ({FIRST_WIDGET_TARGET:.0f} s)"))


def book_report() -> None:
    """Time three builds (clean, no-op, one chapter touched) and weigh the pages."""
    with tempfile.TemporaryDirectory(prefix="transfonum-bench-") as tmp:
        output = Path(tmp)
        clean = timed_build(output)
        no_op = timed_build(output)
        os.utime(TOUCHED_CHAPTER)
        one_chapter = timed_build(output)
        weights, html_total, shared_total = page_weights(output / "_build" / "html")

    print(f"Construction complète (cache vide) : {clean:6.1f} s")
    print(f"Reconstruction sans changement     : {no_op:6.1f} s  "
          f"({no_op / clean:.0%} — {_verdict(no_op / clean, NO_OP_TARGET)})")
    print(f"Après modification d'un chapitre   : {one_chapter:6.1f} s  "
          f"({one_chapter / clean:.0%} — {_verdict(one_chapter / clean, ONE_CHAPTER_TARGET)})"
          f"  [{TOUCHED_CHAPTER.relative_to(REPO_ROOT)}]")
    print("\nPoids par page, première visite (HTML + JS + CSS chargés) :")
    for page, size in weights.items():
        print(f"  {page:<40} {size / 1024:8.0f} Kio")
    count = len(weights)
    print(f"Site entier : {html_total / 1024:.0f} Kio de HTML pour {count} pages, "
          f"{shared_total / 1024:.0f} Kio de JS et CSS (chaque fichier compté une fois) ; "
          f"soit {(html_total + shared_total) / count / 1024:.0f} Kio par page en moyenne.")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(
        prog="python -m transfonum.bench",
        description="Banc de mesure : construction du livre, poids des pages, environnement Binder.")
    parser.add_argument("--seulement", choices=("livre", "binder"), help="une seule partie du banc")
    args = parser.parse_args(argv)
    if args.seulement != "binder":
        book_report()
    if args.seulement != "livre":
        if args.seulement is None:
            print()
        binder_report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
