"""The book builds from clean with no warning, and bad input stops the build with the
file and the reason. Small books are built in temporary folders with the kit's real
``_config.yml``, so these tests check the settings the site is built with: in this
process, by Sphinx's test application (``sphinx.testing``) with the configuration
jupyter-book derives from the book's ``_config.yml`` and ``_toc.yml``."""

from __future__ import annotations

import pytest

import os
import re
import shutil
import subprocess
import traceback
from dataclasses import dataclass
from pathlib import Path

from transfonum.chemins import CONSTRUCTION, RACINE
from transfonum.site import construction, edition_etudiante, empreinte
from transfonum.site.construction import OPTIONS_STRICTES, VARIABLE_EDITION_ETUDIANTE, construire

NOTEBOOK_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Page d'essai

"""


def make_book(root: Path, body: str, data_dir: Path | None = None) -> Path:
    """A one-page book using the kit's configuration; ``body`` follows the header."""
    config = (RACINE / "_config.yml").read_text(encoding="utf-8")
    if data_dir is not None:
        config = config.replace("transfonum_dossier_donnees: data", f"transfonum_dossier_donnees: {data_dir}")
    (root / "_config.yml").write_text(config, encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/page\n", encoding="utf-8")
    (root / "book").mkdir()
    (root / "book" / "page.md").write_text(NOTEBOOK_HEADER + body, encoding="utf-8")
    return root


@dataclass
class SmallBuild:
    """How a small book's build ended, as the kit's command would say it: ``returncode``
    is 1 on any warning or error (the kit builds with ``--warningiserror``), and
    ``stdout`` holds what the build said (status, warnings, the error that stopped it)."""

    returncode: int
    stdout: str


def build_small(root: Path, etudiant: bool = False) -> SmallBuild:
    """Build the book in ``root`` (its own ``_config.yml`` and ``_toc.yml``) in this process,
    as ``python -m transfonum.site --sans-validation [--etudiant]`` builds it, into
    ``root/_build/html``."""
    from jupyter_book.config import get_final_config
    from sphinx.testing.util import SphinxTestApp

    toc = edition_etudiante.ecrire_table(root, root / CONSTRUCTION) if etudiant else root / "_toc.yml"
    config, _ = get_final_config(user_yaml=root / "_config.yml", cli_config={"external_toc_path": toc.as_posix(), "latex_individualpages": False},
                                 sourcedir=root, use_external_toc=True)
    (root / "conf.py").touch()  # Sphinx reads its configuration there: all of it is in ``config``
    previous = os.environ.get(VARIABLE_EDITION_ETUDIANTE)
    if etudiant:
        os.environ[VARIABLE_EDITION_ETUDIANTE] = "1"
    app = None
    try:
        app = SphinxTestApp("html", srcdir=root, confoverrides=config)
        app.build()
        failure = ""
    except Exception:  # noqa: BLE001 - the error that stops the build, reported as the command would
        failure = traceback.format_exc()
    finally:
        if etudiant and previous is None:
            del os.environ[VARIABLE_EDITION_ETUDIANTE]
        if app is not None:
            app.cleanup()
    said = (app.status.getvalue() + app.warning.getvalue()) if app is not None else ""
    failed = bool(failure) or bool(app.warning.getvalue().strip())
    return SmallBuild(1 if failed else 0, said + failure)


def test_the_kit_builds_with_warnings_as_errors():
    """What build_small reproduces: the kit's command stops on any warning, and reports them all."""
    assert set(OPTIONS_STRICTES) <= set(construction.commande_jupyter_book(RACINE))


def test_book_builds_from_clean_without_warnings(built_site):
    html_dir, log = built_site
    assert (html_dir / "book" / "intro.html").exists()
    assert "build succeeded." in log
    assert not re.search(r": (WARNING|ERROR|CRITICAL):|finished with problems", log), log[-4000:]


def test_a_successful_build_says_little_and_keeps_the_rest_in_its_log(built_site):
    """What ``make book`` shows of a real build from clean (every notebook executed): the
    lines the terminal gets, plus the summary, plus make's, the command's and the data
    check's own line; everything Jupyter Book said is in ``_build/construction.log``."""
    html_dir, log = built_site
    ecran = [ligne for ligne in map(construction.ligne_pour_l_ecran, log.splitlines()) if ligne]
    ecran += construction.resume(subprocess.CompletedProcess([], 0, log), html_dir.parent.parent)
    assert len(ecran) + 3 <= 40, "\n".join(ecran)
    assert any(ligne.startswith("Carnet exécuté : rse (") for ligne in ecran), "the build shows its progress"
    assert (html_dir.parent / "construction.log").read_text(encoding="utf-8") == log
    assert "INFO fontTools" not in "\n".join(ecran)


def test_warnings_errors_and_the_kits_notices_reach_the_terminal_and_noise_does_not():
    montrer = construction.ligne_pour_l_ecran
    assert montrer("\x1b[91m/k/book/a.md:3: WARNING: unknown document: 'b'\x1b[39;49;00m") == "/k/book/a.md:3: WARNING: unknown document: 'b'"
    assert montrer("ZeroDivisionError: division by zero") and montrer("Traceback (most recent call last):")
    assert montrer(f"{construction.MARQUE_AVIS}Liens de lancement désactivés")
    assert montrer("/k/book/rse.md: Executed notebook in 20.47 seconds [mystnb]") == "Carnet exécuté : rse (20,47 s)"
    for bruit in ("# 2026-12-03 19:57:22,477 INFO fontTools.subset __init__.py:3858 -- glyf pruned",
                  "reading sources... [ 25%] book/annexe-sources", "[IPKernelApp] WARNING | Kernel is running over TCP",
                  "/k/book/rse.md: Executing notebook using local CWD [mystnb]"):
        assert montrer(bruit) is None, bruit


def test_a_failed_build_shows_the_end_of_its_log(tmp_path):
    log = "".join(f"ligne {n}\n" for n in range(100)) + "ZeroDivisionError: division by zero\n"
    fin = construction.resume(subprocess.CompletedProcess([], 1, log), tmp_path)
    assert "ZeroDivisionError: division by zero" in fin and "ligne 99" in fin and "ligne 10" not in fin
    assert "construction.log" in fin[-1] and fin[-1].startswith("Échec")


def test_site_is_french(built_site):
    html_dir, _ = built_site
    page = (html_dir / "book" / "intro.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert "Show code" not in page and "Afficher" in page


def test_no_published_page_holds_a_traceback(built_site):
    html_dir, _ = built_site
    for page in html_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in text, page
        assert 'class="output traceback' not in text, page


@pytest.mark.lent
def test_a_cell_that_raises_stops_the_build(tmp_path):
    book = make_book(tmp_path, "```{code-cell} ipython3\n1 / 0\n```\n")
    result = build_small(book)
    assert result.returncode != 0
    assert "page.md" in result.stdout
    assert "ZeroDivisionError" in result.stdout
    assert not (book / "_build" / "html" / "book" / "page.html").exists()


@pytest.mark.lent
def test_a_clean_page_builds(tmp_path):
    """The small-book harness itself builds a page that has nothing wrong with it."""
    book = make_book(tmp_path, "```{code-cell} ipython3\n1 + 1\n```\n")
    result = build_small(book)
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.lent
def test_a_broken_cross_reference_stops_the_build(tmp_path):
    book = make_book(tmp_path, "Voir {ref}`section-absente`.\n")
    result = build_small(book)
    assert result.returncode != 0
    assert "page.md" in result.stdout and "section-absente" in result.stdout


@pytest.mark.lent
def test_a_missing_data_file_stops_the_build(tmp_path):
    book = make_book(
        tmp_path,
        "```{code-cell} ipython3\nimport pandas as pd\npd.read_csv('absent.csv')\n```\n",
    )
    result = build_small(book)
    assert result.returncode != 0
    assert "page.md" in result.stdout and "absent.csv" in result.stdout


@pytest.mark.lent
def test_changed_data_reruns_the_notebook(tmp_path):
    """The execution cache keys on code only; a changed data file must still re-execute
    the notebook that reads it, never leave the old output in place."""
    data = tmp_path / "donnees"
    data.mkdir()
    (data / "valeur.csv").write_text("valeur\nPREMIERE\n", encoding="utf-8")
    cell = (
        "```{code-cell} ipython3\nimport transfonum, pandas as pd\n"
        f"print(pd.read_csv({str(data / 'valeur.csv')!r})['valeur'][0])\n```\n"
    )
    (tmp_path / "livre").mkdir()
    book = make_book(tmp_path / "livre", cell, data_dir=data)
    page = book / "_build" / "html" / "book" / "page.html"

    assert build_small(book).returncode == 0
    assert "PREMIERE" in page.read_text(encoding="utf-8")
    (data / "valeur.csv").write_text("valeur\nSECONDE\n", encoding="utf-8")
    result = build_small(book)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "SECONDE" in page.read_text(encoding="utf-8")


@pytest.mark.lent
def test_unchanged_notebook_comes_from_the_cache(tmp_path):
    """A second build with nothing changed executes nothing."""
    book = make_book(tmp_path, "```{code-cell} ipython3\nimport transfonum\n1 + 1\n```\n")
    assert build_small(book).returncode == 0
    second = build_small(book)
    assert second.returncode == 0
    assert "Executing notebook" not in second.stdout


@pytest.mark.lent
def test_editing_the_engine_or_a_tool_reruns_no_notebook(tmp_path, monkeypatch):
    """The cache is invalidated by what a page can read, never by the engine or the
    tools: a copy of the kit is put first on the path, its ``site/`` and ``outils/`` are
    edited (nothing re-executed), then a chapter module (the notebook runs again). Built
    by the kit's command, in its own process: the build must import the copy."""
    kit = tmp_path / "kit"
    shutil.copytree(RACINE / "transfonum", kit / "transfonum", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(RACINE / "data", kit / "data")
    shutil.copytree(RACINE / "exercises" / "cles", kit / "exercises" / "cles")
    monkeypatch.setenv("PYTHONPATH", str(kit))
    (tmp_path / "livre").mkdir()
    book = make_book(tmp_path / "livre", "```{code-cell} ipython3\nimport transfonum\n1 + 1\n```\n")
    first = construire(book, valider=False, capturer=True)
    assert first.returncode == 0, first.stdout[-3000:]
    assert "Executing notebook" in first.stdout
    site = book / "_build" / "html"
    filled = (site / "_static" / "copybutton.js").read_text(encoding="utf-8")  # from its template

    def edit_and_rebuild(module: str) -> str:
        path = kit / "transfonum" / module
        path.write_text(path.read_text(encoding="utf-8") + "\n# modifié par le test\n", encoding="utf-8")
        result = construire(book, valider=False, capturer=True)
        assert result.returncode == 0, result.stdout[-3000:]
        return result.stdout

    assert "Executing notebook" not in edit_and_rebuild("site/interface.py")
    assert "Executing notebook" not in edit_and_rebuild("outils/banc.py")
    # A style sheet changed alone (no page to rewrite) reaches the site all the same; the
    # static files Sphinx fills from the configuration stay as it wrote them.
    for sheet in ("transfonum.css", "transfonum-impression.css"):
        path = kit / "transfonum" / "site" / "static" / sheet
        path.write_text(path.read_text(encoding="utf-8") + "\nbody { --transfonum-essai: 1; }\n", encoding="utf-8")
    result = construire(book, valider=False, capturer=True)
    assert result.returncode == 0 and "Executing notebook" not in result.stdout, result.stdout[-3000:]
    assert (site / "_static" / "copybutton.js").read_text(encoding="utf-8") == filled
    assert "--transfonum-essai" in (site / "_static" / "transfonum-impression.css").read_text(encoding="utf-8")
    sheets = re.findall(r'href="(_static/transfonum-feuilles-[^"]+\.css)', (site / "book" / "page.html").read_text(encoding="utf-8").replace("../", ""))
    assert sheets and "--transfonum-essai" in (site / sheets[0]).read_text(encoding="utf-8")
    assert "Executing notebook" in edit_and_rebuild("chapitres/sbf2014.py")


def test_validation_is_redone_only_when_what_it_checks_changed(tmp_path):
    """A no-op rebuild does not validate the same data twice; a changed file (here, the
    stamp no longer matching) makes it validate again."""
    first = construction.valider_si_besoin(tmp_path, capturer=True)
    assert first is not None and first.returncode == 0, first.stdout
    stamp = tmp_path / construction.TAMPON_VALIDATION
    assert stamp.read_text(encoding="utf-8") == construction.empreinte_a_valider()
    assert construction.valider_si_besoin(tmp_path, capturer=True) is None
    stamp.write_text("données d'avant", encoding="utf-8")
    again = construction.valider_si_besoin(tmp_path, capturer=True)
    assert again is not None and "Données valides" in again.stdout


def test_what_a_page_can_read_is_tracked_and_nothing_else():
    files = {p.relative_to(RACINE).as_posix() for p in empreinte.fichiers_suivis(RACINE, RACINE / "data")}
    assert "data/chiffres.csv" in files and "exercises/cles/cdo.json" in files
    assert "transfonum/graphiques.py" in files and "transfonum/chapitres/sbf2014.py" in files
    assert not [f for f in files if f.startswith(("transfonum/site/", "transfonum/outils/"))]


def test_prose_has_french_spacing_on_every_page(built_site):
    """No ordinary space before « : ; ? ! % » or inside guillemets, outside code."""
    html_dir, _ = built_site
    problems = []
    for page in sorted(html_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "<article" not in html:
            continue  # theme templates copied as they are, not pages of the book
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        article = re.sub(r"<(pre|code|script|style|svg)\b.*?</\1>", " ", article, flags=re.S)
        text = re.sub(r"<[^>]+>", "", article)
        problems += [f"{page.name} : …{m.group(0)}…" for m in re.finditer(r"\w{1,12} [:;?!»%]|« \w{1,12}", text)]
    assert problems == [], "\n".join(problems[:20])


def test_an_apostrophe_before_markup_stays_an_apostrophe(built_site):
    """« l'**index** » must not come out as « l”index » (docutils' smart quotes, in French)."""
    html_dir, _ = built_site
    found = [f"{p.name} : {m.group(0)}" for p in sorted((html_dir / "book").glob("*.html"))
             for m in re.finditer(r"\b\w{1,3}”<", p.read_text(encoding="utf-8"))]
    assert found == []


WIDGET_MARK = re.compile(r"application/vnd\.jupyter\.widget|jupyter-widgets")


def test_no_page_holds_a_jupyter_widget(built_site):
    """ipywidgets need a kernel: they belong in the notebooks, never on the static site."""
    html_dir, _ = built_site
    assert [p.name for p in html_dir.rglob("*.html") if WIDGET_MARK.search(p.read_text(encoding="utf-8"))] == []


@pytest.mark.lent
def test_a_widget_on_a_page_would_be_seen(tmp_path):
    """The check above can fail: a page that displays a widget carries the mark."""
    root = make_book(tmp_path, "```{code-cell} ipython3\nimport ipywidgets\nipywidgets.IntSlider()\n```\n")
    result = build_small(root)
    assert result.returncode == 0, result.stdout[-3000:]
    assert WIDGET_MARK.search((root / "_build" / "html" / "book" / "page.html").read_text(encoding="utf-8"))
