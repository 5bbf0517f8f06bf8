"""The bibliography comes from data/ (one entry per post and per study, nothing guessed),
is written by the build into its own folder (never into the sources), and a chapter's
footnote citations need their list."""

from __future__ import annotations

import pytest

import re
from types import SimpleNamespace

from test_construction import build_small, make_book

from transfonum.chemins import BIBLIOGRAPHIE, LIVRE, RACINE
from transfonum.donnees import charger_table
from transfonum.site import bibliographie


def test_no_bibliography_in_the_sources():
    assert not list((RACINE / LIVRE).rglob("*.bib")), "la bibliographie est générée sous _build/"


def test_the_build_writes_it_in_its_own_folder_and_names_it_to_sphinxcontrib_bibtex(tmp_path):
    """Beside .doctrees (as Jupyter Book lays out _build/ or --path-output), after any
    bibliography of the teacher's own listed in _config.yml."""
    app = SimpleNamespace(doctreedir=str(tmp_path / "_build" / ".doctrees"))
    config = SimpleNamespace(bibtex_bibfiles=["book/mes-references.bib"])
    bibliographie.declarer(app, config)
    written = tmp_path / "_build" / BIBLIOGRAPHIE
    assert written.read_text(encoding="utf-8") == bibliographie.bibtex()
    assert config.bibtex_bibfiles == ["book/mes-references.bib", str(written)]


def test_one_entry_per_post_and_per_study_keyed_by_data_id():
    keys = re.findall(r"^@misc\{([^,]+),", bibliographie.bibtex(), flags=re.M)
    expected = list(charger_table("billets")["id"]) + list(charger_table("etudes")["id"])
    assert keys == expected


def test_nothing_is_guessed_no_address_no_month_and_unknown_year_left_out():
    text = bibliographie.bibtex()
    assert not re.search(r"^\s*(url|month|day|doi)\s*=", text, flags=re.M)
    entry = text.split("@misc{et-ibm-forrester,", 1)[1].split("\n}\n", 1)[0]
    assert "year" not in entry and "étude d'origine non trouvée" in entry


def test_special_characters_are_escaped_and_titles_keep_their_case():
    etudes = charger_table("etudes").head(1).copy()
    etudes["titre"] = ["Social CRM & 50 % des_cas"]
    entry = bibliographie.bibtex(charger_table("billets").head(0), etudes)
    assert r'title = "{Social CRM \& 50 \% des\_cas}",' in entry


def test_write_reports_change_only_when_content_differs(tmp_path):
    assert bibliographie.ecrire(tmp_path / "_build") is True
    assert bibliographie.ecrire(tmp_path / "_build") is False


@pytest.mark.lent
def test_footnote_citations_with_their_list_build(tmp_path):
    body = "Selon {footcite:t}`b-cdo-forrester`.\n\n## Sources\n\n```{footbibliography}\n```\n"
    result = build_small(make_book(tmp_path, body))
    assert result.returncode == 0, result.stdout[-3000:]
    page = (tmp_path / "_build" / "html" / "book" / "page.html").read_text(encoding="utf-8")
    assert "Le Directeur des Activités Digitales" in page and "footcite-b-cdo-forrester" in page
    assert (tmp_path / "_build" / BIBLIOGRAPHIE).exists() and not list(tmp_path.glob("book/*.bib"))


@pytest.mark.lent
def test_a_footnote_citation_without_its_list_stops_the_build(tmp_path):
    result = build_small(make_book(tmp_path, "Selon {footcite:t}`b-cdo-forrester`.\n"))
    assert result.returncode != 0
    assert "note de bas de page sans définition : « footcite-b-cdo-forrester »" in result.stdout


def test_a_post_dated_only_by_a_span_of_years_shows_the_span():
    """A post known only to be from 2013–2014 is not given the year 2013."""
    text = bibliographie.bibtex()
    entry = text.split("@misc{b-cdo-forrester,", 1)[1].split("\n}\n", 1)[0]
    assert "2013–2014" in entry
    # A post with a known year and a period inside it keeps that year alone.
    entry = text.split("@misc{b-adobe-summit,", 1)[1].split("\n}\n", 1)[0]
    assert re.search(r"year\s*=\s*\"?\{?2014\}?\"?", entry) and "–" not in entry


def test_french_style_joins_authors_with_et():
    from pybtex.database import Entry, Person
    from pybtex.plugin import find_plugin
    style = find_plugin("pybtex.style.formatting", "francais")()
    entry = Entry("misc", fields={"title": "T", "year": "2013"},
                  persons={"author": [Person("Fenwick, Nigel"), Person("Gill, Martin")]})
    entry.key = "x"
    text = style.format_entry("x", entry).text.render_as("text")
    assert "Fenwick et" in text and " and " not in text
