"""The student edition leaves out the pages named for instructors in _config.yml."""

from __future__ import annotations

import pytest

from transfonum.site import edition_etudiante as ee
from transfonum.sommaire import pages_de_la_table

TOC = {
    "format": "jb-book", "root": "book/intro",
    "parts": [
        {"caption": "Chapitres", "numbered": True,
         "chapters": [{"file": "book/cdo"}, {"file": "book/rse", "sections": [{"file": "book/rse-lab"}]}]},
        {"caption": "Enseigner avec ce kit",
         "chapters": [{"file": "book/enseigner/index",
                       "sections": [{"file": "book/enseigner/seance-cdo"}, {"file": "book/enseigner/cas-cdo"}]}]},
        {"caption": "Séances", "chapters": [{"file": "book/enseigner/seance-rse"}]},
    ],
}


def test_instructor_pages_leave_the_table_and_empty_parts_go_with_them():
    table = ee.table_sans_pages_enseignants(TOC, ["book/enseigner/seance-*"])
    assert pages_de_la_table(table)[1:] == ["book/cdo", "book/rse", "book/rse-lab", "book/enseigner/index",
                                      "book/enseigner/cas-cdo"]
    assert [p["caption"] for p in table["parts"]] == ["Chapitres", "Enseigner avec ce kit"]
    assert table["parts"][0]["numbered"] is True
    assert pages_de_la_table(TOC)[-1] == "book/enseigner/seance-rse", "the given table is left unchanged"


def test_no_pattern_leaves_the_table_as_it_is():
    assert ee.table_sans_pages_enseignants(TOC, []) == TOC


def test_the_root_cannot_be_an_instructor_page():
    with pytest.raises(ee.ErreurEditionEtudiante, match="racine du livre « book/intro »"):
        ee.table_sans_pages_enseignants(TOC, ["book/*"])


def test_a_setting_that_is_not_a_list_is_named(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text("sphinx:\n  config:\n    transfonum_pages_enseignants: book/enseigner/seance-*\n", encoding="utf-8")
    with pytest.raises(ee.ErreurEditionEtudiante, match="transfonum_pages_enseignants : une liste"):
        ee.motifs_enseignants(config)


def test_the_kit_names_its_session_plans_for_instructors_only():
    from transfonum.chemins import RACINE

    assert ee.motifs_enseignants(RACINE / "_config.yml") == ["book/enseigner/seance-*"]


CASE = """# Cas : une entreprise fictive

```{exercise} Le mémo
:label: cas-essai

Rédigez le mémo.
```

```{solution} cas-essai
Réponse modèle : ce qu'un bon mémo contient.
```
"""


def _small_course(root):
    from test_construction import make_book

    make_book(root, "Du texte.\n")
    (root / "book" / "enseigner").mkdir()
    (root / "book" / "enseigner" / "cas-essai.md").write_text(CASE, encoding="utf-8")
    (root / "book" / "enseigner" / "seance-essai.md").write_text(
        "# Plan de séance\n\nErreurs fréquentes des élèves.\n", encoding="utf-8")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/page\nparts:\n  - caption: Enseigner\n    chapters:\n"
        "      - file: book/enseigner/cas-essai\n      - file: book/enseigner/seance-essai\n", encoding="utf-8")
    return root


@pytest.mark.lent
@pytest.mark.parametrize("student", [False, True], ids=["enseignant", "etudiant"])
def test_the_student_edition_has_no_session_plan_and_no_model_answer(tmp_path, student):
    from test_construction import build_small

    root = _small_course(tmp_path)
    result = build_small(root, etudiant=student)
    assert result.returncode == 0, result.stdout[-3000:]
    html = root / "_build" / "html"
    case = (html / "book" / "enseigner" / "cas-essai.html").read_text(encoding="utf-8")
    assert "Rédigez le mémo" in case
    assert ("Réponse modèle" in case) is not student
    assert (html / "book" / "enseigner" / "seance-essai.html").exists() is not student
    everything = "".join(p.read_text(encoding="utf-8") for p in html.rglob("*.html"))
    everything += (html / "searchindex.js").read_text(encoding="utf-8")
    assert ("seance-essai" in everything) is not student
    # A page's Markdown source holds its solutions: the student edition publishes none.
    assert (html / "_sources").exists() is not student
    assert ("_sources/" in everything) is not student


def test_the_books_student_edition_runs_no_notebook_again(built_student_site):
    """Built from the teacher build's notebook cache: every notebook comes from it."""
    _, log = built_student_site
    assert "build succeeded." in log
    assert "Executing notebook" not in log


def test_the_books_student_edition_keeps_cases_and_rubrics_but_no_plan_and_no_model_answer(built_site,
                                                                                           built_student_site):
    """The whole book, both editions: what the instructor edition holds in its solutions
    and its session plans is nowhere in the student edition."""
    from bs4 import BeautifulSoup

    html_dir, _ = built_site
    student, _ = built_student_site
    plans = sorted((html_dir / "book" / "enseigner").glob("seance-*.html"))
    cases = sorted((html_dir / "book" / "enseigner").glob("cas-*.html"))
    assert plans and cases
    assert not [p.name for p in plans if (student / p.relative_to(html_dir)).exists()]
    # The syllabus is in both editions, and the student's names no plan.
    programme = (student / "book" / "enseigner" / "programme.html").read_text(encoding="utf-8")
    assert (html_dir / "book" / "enseigner" / "programme.html").exists() and "Séance 2" in programme
    assert "seance-" not in programme
    for case in cases:
        teacher = BeautifulSoup(case.read_text(encoding="utf-8"), "html.parser")
        answers = [s.get_text(" ", strip=True)[40:140] for s in teacher.select("div.solution #solution-content")]
        assert answers, f"{case.name} : pas de réponse modèle dans l'édition enseignante"
        page = BeautifulSoup((student / case.relative_to(html_dir)).read_text(encoding="utf-8"), "html.parser")
        text = page.get_text(" ", strip=True)
        assert page.select("table"), f"{case.name} : la grille a disparu de l'édition étudiante"
        assert [a for a in answers if a in text] == [], f"{case.name} : réponse modèle dans l'édition étudiante"
    leaks = [p.name for p in student.rglob("*.html") if 'class="solution' in p.read_text(encoding="utf-8")
             or "_sources/" in p.read_text(encoding="utf-8")]
    assert leaks == [] and not (student / "_sources").exists()
