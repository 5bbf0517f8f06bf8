"""Benchmark of the book build and of the weight of its pages (``make bench``).

Prints: clean build seconds, no-op rebuild seconds, seconds to rebuild after touching
one chapter, and the bytes a reader downloads per page (HTML + the JS and CSS it loads),
shared assets counted once. Targets: no-op rebuild ≤ 10 % and one-chapter rebuild
≤ 30 % of a clean build.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from transfonum.build import REPO_ROOT, build

TOUCHED_CHAPTER = REPO_ROOT / "book" / "intro.md"
NO_OP_TARGET = 0.10
ONE_CHAPTER_TARGET = 0.30
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


def main() -> int:
    """Run the benchmark and print its report."""
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
