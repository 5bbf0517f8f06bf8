"""make pdf: every chapter and its exercise sheet printed by Debian's Chromium from the
built site, into the site, where the chapter page links them. Each chapter PDF holds every
chart's « Source : » line; no sheet holds a solution."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata

import pypdf
import pytest
from bs4 import BeautifulSoup

from transfonum.chemins import fiche_exercices, pdf_chapitre
from transfonum.outils import impression


def _text(path) -> str:
    """The PDF's text, as comparable with the page's: ligatures and spaces normalised."""
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _same(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@pytest.fixture(scope="module")
def printed(built_site, tmp_path_factory):
    """``make pdf`` on a copy of the built site (its own process, as make runs it); the
    site and the PDFs it says it wrote."""
    html_dir, _ = built_site
    site = tmp_path_factory.mktemp("impression") / "html"
    shutil.copytree(html_dir, site)
    done = subprocess.run([sys.executable, "-m", "transfonum.outils.impression", "--site", str(site)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    written = [site / line.split(" ", 2)[2].rsplit(" (", 1)[0] for line in done.stdout.splitlines()
               if line.startswith("écrit : ")]
    return site, written


def test_every_chapter_is_printed_with_its_sheet_and_its_page_links_them(printed):
    site, written = printed
    chapters = impression.chapitres(site)
    assert len(chapters) >= 6
    assert sorted(written) == sorted([site / pdf_chapitre(c) for c in chapters] + [site / fiche_exercices(c) for c in chapters])
    for chapter in chapters:
        page = (site / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        for target in (pdf_chapitre(chapter), fiche_exercices(chapter)):
            assert f'href="../{target.as_posix()}"' in page, f"{chapter} : pas de lien vers {target}"


def test_each_chapter_pdf_holds_every_chart_source_line(printed):
    site, _ = printed
    for chapter in impression.chapitres(site):
        soup = BeautifulSoup((site / "book" / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")
        captions = [_same(f.get_text()) for f in soup.select("figure.transfonum-figure figcaption")]
        pdf = site / pdf_chapitre(chapter)
        pages = len(pypdf.PdfReader(pdf).pages)
        assert 2 <= pages <= 40, f"{chapter} : {pages} pages"
        text = _text(pdf)
        assert [c[:70] for c in captions if c not in text] == [], chapter
        assert captions and all(c.startswith("Source") for c in captions), chapter


def test_each_sheet_has_every_exercise_and_no_solution(printed):
    site, _ = printed
    for chapter in impression.chapitres(site):
        soup = BeautifulSoup((site / "book" / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")
        titles = [_same(t.get_text()) for t in soup.select("div.exercise p.admonition-title")]
        solutions = [_same(s.select_one("#solution-content").get_text())[:60] for s in soup.select("div.solution")]
        sheet = site / fiche_exercices(chapter)
        text = _text(sheet)
        assert 1 <= len(pypdf.PdfReader(sheet).pages) <= 12
        assert text.startswith("Fiche d'exercices"), text[:80]
        assert [t for t in titles if t not in text] == [], chapter
        assert solutions and [s for s in solutions if s in text] == [], f"{chapter} : une solution dans la fiche"


def test_a_site_never_built_is_named_in_french(tmp_path, capsys):
    assert impression.main(["--site", str(tmp_path)]) == 1
    assert "construisez d'abord le site (make book)" in capsys.readouterr().err
