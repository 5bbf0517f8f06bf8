"""make pdf: the pages the table of contents lists (each chapter and its exercise sheet,
the course page, the syllabus when there is one, each case with its rubric), printed by
Debian's Chromium from the built site, into the site, where the pages link them. Each
chapter PDF holds every chart's « Source : » line; a self-check prints as a paper
question, never as a form; every sheet opens on a name line; no PDF holds a solution;
every PDF is tagged."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from livre_exemple import CONFIG_ENSEIGNANTS, table_des_matieres
from transfonum.chemins import IMPRESSIONS, fiche_exercices, pdf_chapitre
from transfonum.outils import impression
from transfonum.site.autoevaluation import CASE, html_papier
from transfonum.site.documents import imprimes

#: What the screen shows and paper must not.
ECRAN = ("(à classer)", "Afficher le résultat", "corrigée dans la page", "Afficher le code", "Masquer le")


def _text(path) -> str:
    """The PDF's text, as comparable with the page's: ligatures, apostrophes and spaces normalised."""
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return _same(text)


def _same(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).replace("’", "'")).strip()


# --- Without a browser ---------------------------------------------------------------

TOC = table_des_matieres(["book/a", "book/sans-carnet"], ["book/enseigner/programme", "book/enseigner/seance-a",
                                                     "book/enseigner/cas-a"], ["book/annexe", "book/glossaire"])


def test_the_printed_list_is_the_toc(tmp_path):
    (tmp_path / "_config.yml").write_text(CONFIG_ENSEIGNANTS, encoding="utf-8")
    (tmp_path / "_toc.yml").write_text(TOC, encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    for name in ("a", "annexe", "retire"):  # « retire » has a notebook but left the toc
        (tmp_path / "exercises" / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    found = imprimes(tmp_path)
    assert [d.page for d in found] == ["book/a", "book/sans-carnet", "book/annexe", "book/enseigner/index",
                                       "book/enseigner/programme", "book/enseigner/cas-a"]
    assert [d.chapitre for d in found] == [True, True, True, False, False, False]
    assert found[1].pdf == pdf_chapitre("sans-carnet") and found[1].fiche == fiche_exercices("sans-carnet")
    assert found[5].pdf == IMPRESSIONS / "enseigner" / "cas-a.pdf"
    (tmp_path / "_toc.yml").write_text(TOC.replace("      - file: book/a\n", ""), encoding="utf-8")
    assert "book/a" not in [d.page for d in imprimes(tmp_path)]


def test_a_pdf_of_a_page_left_out_of_the_toc_is_deleted(tmp_path):
    for name in ("a.pdf", "retire.pdf", "enseigner/cas-retire.pdf"):
        (tmp_path / IMPRESSIONS / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / IMPRESSIONS / name).write_bytes(b"%PDF")
    assert impression.effacer_anciens(tmp_path, [IMPRESSIONS / "a.pdf"]) == [
        tmp_path / IMPRESSIONS / "enseigner/cas-retire.pdf", tmp_path / IMPRESSIONS / "retire.pdf"]
    assert [p.name for p in (tmp_path / IMPRESSIONS).rglob("*.pdf")] == ["a.pdf"]


@pytest.mark.parametrize("texte, avec_question, nature", [
    ("Votre directrice vous demande une note d'une demi-page. Rédigez ensuite la note : qui conduit ?", True, "page"),
    ("Rédigez un mémo d'une page au plus, adressé au président.", False, "page"),
    ("Choisissez le placement, puis écrivez pourquoi vous écartez les trois autres.", True, "cadre"),
    ("Combien de chiffres ? Que dit ce résultat de la façon de les lire ?", True, "cadre"),
    ("Avec pandas, comptez les études de la table.", True, "aucune"),
    ("Avec pandas, comptez les études de la table.", False, "ligne"),
])
def test_the_answer_space_follows_what_the_exercise_asks(texte, avec_question, nature):
    assert impression.nature_reponse(texte, avec_question) == nature


def test_a_self_check_on_paper_lists_its_options_with_boxes():
    choix = {"id": "x", "type": "choice", "statement": "Quel est l'avis ?",
             "choices": [{"id": "a", "label": "Premier"}, {"id": "b", "label": "Second"}]}
    papier = html_papier(choix)
    assert papier.count(CASE) == 2 and "Premier" in papier and "Quel est l&#x27;avis ?" in papier
    classement = {"id": "y", "type": "classification", "statement": "Rangez.",
                  "items": [{"id": "i", "label": "Un"}, {"id": "j", "label": "Deux"}],
                  "categories": [{"id": "c", "label": "C1"}, {"id": "d", "label": "C2"}, {"id": "e", "label": "C3"}]}
    assert html_papier(classement).count(CASE) == 6 and "(à classer)" not in html_papier(classement)
    nombre = {"id": "z", "type": "numeric", "statement": "Combien ?", "unit": "pourcent"}
    assert "transfonum-selfcheck-blanc" in html_papier(nombre) and "%" in html_papier(nombre)


def test_typographic_apostrophes():
    assert impression.typographique("Fiche d'exercices — l'entreprise 'cite'") == "Fiche d’exercices — l’entreprise 'cite'"


def test_a_site_never_built_is_named_in_french(tmp_path, capsys):
    assert impression.main(["--site", str(tmp_path)]) == 1
    assert "construisez d'abord le site (make book)" in capsys.readouterr().err


# --- make pdf on the built editions ---------------------------------------------------

def _make_pdf(html_dir, tmp_path_factory, *options) -> tuple:
    site = tmp_path_factory.mktemp("impression") / "html"
    shutil.copytree(html_dir, site)
    done = subprocess.run([sys.executable, "-m", "transfonum.outils.impression", "--site", str(site), *options],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    written = [site / line.split(" ", 2)[2].rsplit(" (", 1)[0] for line in done.stdout.splitlines()
               if line.startswith("écrit : ")]
    return site, written


@pytest.fixture(scope="module")
def printed(built_site, tmp_path_factory):
    """``make pdf`` on a copy of the built site (its own process, as make runs it); the
    site and the PDFs it says it wrote."""
    return _make_pdf(built_site[0], tmp_path_factory)


@pytest.fixture(scope="module")
def printed_student(built_student_site, tmp_path_factory):
    """``make pdf-etudiant`` on a copy of the student edition."""
    return _make_pdf(built_student_site[0], tmp_path_factory, "--etudiant")


def test_every_page_of_the_toc_is_printed_and_its_page_links_it(printed):
    site, written = printed
    documents = imprimes(impression.RACINE)
    assert sum(d.chapitre for d in documents) >= 6 and any(d.page.endswith("/index") for d in documents)
    expected = [site / d.pdf for d in documents] + [site / d.fiche for d in documents if d.chapitre]
    assert sorted(written) == sorted(expected)
    for document in documents:
        page = (site / f"{document.page}.html").read_text(encoding="utf-8")
        depth = "../" * document.page.count("/")
        for target in (document.pdf, document.fiche) if document.chapitre else (document.pdf,):
            assert f'href="{depth}{target.as_posix()}"' in page, f"{document.page} : pas de lien vers {target}"
    course = (site / "book/enseigner/index.html").read_text(encoding="utf-8")
    assert all(f'href="../../{d.pdf.as_posix()}"' in course for d in documents), "la page du cours les liste tous"


def test_each_chapter_pdf_holds_every_chart_source_line(printed):
    site, _ = printed
    for document in [d for d in imprimes(impression.RACINE) if d.chapitre]:
        soup = BeautifulSoup((site / f"{document.page}.html").read_text(encoding="utf-8"), "html.parser")
        captions = [_same(f.get_text()) for f in soup.select("figure.transfonum-figure figcaption")]
        pdf = site / document.pdf
        pages = len(pypdf.PdfReader(pdf).pages)
        assert 2 <= pages <= 40, f"{document.page} : {pages} pages"
        text = _text(pdf)
        assert [c[:70] for c in captions if c not in text] == [], document.page
        assert captions and all(c.startswith("Source") for c in captions), document.page


def test_a_case_prints_on_one_sheet_with_its_whole_rubric(printed):
    """A case is one sheet, both sides: two A4 pages at most, the rubric (its last row
    included) on the last; the page's own table of contents is not printed."""
    site, _ = printed
    cases = [d for d in imprimes(impression.RACINE) if "/cas-" in d.page]
    assert cases
    for document in cases:
        reader = pypdf.PdfReader(site / document.pdf)
        soup = BeautifulSoup((site / f"{document.page}.html").read_text(encoding="utf-8"), "html.parser")
        last_row = _same(soup.select("table")[-1].select("tbody tr")[-1].select_one("td").get_text())
        last_page = _same(reader.pages[-1].extract_text())
        assert len(reader.pages) <= 2, f"{document.page} : {len(reader.pages)} pages"
        assert last_row in last_page and "Grille" in _same(" ".join(p.extract_text() for p in reader.pages)), document.page
        assert "Contenu" not in _same(reader.pages[0].extract_text()), f"{document.page} : sommaire imprimé"


def _solutions(soup) -> list[str]:
    return [_same(s.select_one("#solution-content").get_text())[:60] for s in soup.select("div.solution")]


def _solutions_printed(pages: Path, site: Path) -> dict[str, list[str]]:
    """Each PDF of ``site`` (a chapter, its sheet, a course page) that prints the start of a
    solution of its page in ``pages`` (the teacher edition, where solutions are): PDF → them."""
    found = {}
    for document in imprimes(impression.RACINE):
        soup = BeautifulSoup((pages / f"{document.page}.html").read_text(encoding="utf-8"), "html.parser")
        for pdf in [document.pdf] + ([document.fiche] if document.chapitre and (site / document.fiche).exists() else []):
            text = _text(site / pdf)
            if printed := [s for s in _solutions(soup) if s in text]:
                found[pdf.as_posix()] = printed
    return found


def test_no_pdf_prints_the_screen_nor_a_solution_and_every_pdf_is_tagged(printed):
    site, written = printed
    for pdf in written:
        text = _text(pdf)
        assert [s for s in ECRAN if s in text] == [], pdf.name
        assert "/StructTreeRoot" in pypdf.PdfReader(pdf).trailer["/Root"], f"{pdf.name} : PDF non balisé"
    assert _solutions_printed(site, site) == {}, "une solution imprimée"
    cdo = _text(site / pdf_chapitre("cdo"))
    assert "Les chiffres des billets du chapitre et leur vérification" in cdo, "le tableau replié s'imprime ouvert"
    assert ("ce graphique se règle : « Compétences numériques de l'équipe de direction (0 à 10) » et « Maturité"
            in cdo and CASE in cdo), "explorateur (ses réglages nommés tels quels) et auto-évaluation imprimés pour le papier"


def test_each_sheet_has_a_name_line_every_exercise_and_says_where_solutions_are(printed):
    site, _ = printed
    for document in [d for d in imprimes(impression.RACINE) if d.chapitre]:
        soup = BeautifulSoup((site / f"{document.page}.html").read_text(encoding="utf-8"), "html.parser")
        titles = [_same(t.get_text()) for t in soup.select("div.exercise p.admonition-title")]
        sheet = site / document.fiche
        text = _text(sheet)
        assert 1 <= len(pypdf.PdfReader(sheet).pages) <= 14
        assert text.startswith("Fiche d'exercices"), text[:80]
        assert re.search(r"Nom, prénom ?: ?Groupe ?: ?Date ?:", text), f"{sheet.name} : pas de ligne pour le nom"
        assert "édition enseignante" in text and "reportez vos réponses dans le carnet du chapitre" in text
        assert [t for t in titles if t not in text] == [], document.page


def test_student_pdfs_hold_no_solution_nor_model_answer(built_site, printed_student):
    site, written = printed_student
    teacher, _ = built_site
    assert any("enseigner/cas-" in p.as_posix() for p in written), "les cas sont imprimés pour les étudiants"
    assert _solutions_printed(teacher, site) == {}, "une solution imprimée"
    sheet = _text(site / fiche_exercices("cdo"))
    assert "remises par l'enseignant" in sheet and "sont dans le livre" not in sheet
