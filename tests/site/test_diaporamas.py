"""Each chapter's deck, as a lecturer projects it: written with the site from the
chapter's doctree, its session plan and its case; opens on the session's objectives;
charts (an explorer as its static chart), status tables split to fit the screen,
exercise statements (never a solution), the case, discussion questions and « À retenir »,
in the order of the plan's steps; speaker notes from the plan, hidden until « N »; the
plan names each step's slides. Every chapter of the table of contents has one.

The unit tests build a tiny book in process (``sphinx.testing``): a notebook whose stored
outputs are charts and pandas tables, as myst-nb puts them in the doctree, a session plan
and a case. The browser tests reuse the built site (``built_site``)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import altair as alt
import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from sphinx.errors import SphinxError
from sphinx.testing.util import SphinxTestApp
from test_accessibilite import violations

from transfonum.chemins import DIAPORAMAS, carnet_etudiant, diaporama
from transfonum.graphiques import CLASSE_EXPLORATEUR, CLASSE_STATIQUE, html_explorateur
from transfonum.site import diaporamas
from transfonum.site.diaporamas import structure
from transfonum.site.documents import Imprime, boutons

CONF = """
from transfonum.site import diaporamas

extensions = ["myst_nb", "sphinx_exercise"]
nb_execution_mode = "off"
exclude_patterns = ["_build", "exercises"]
language = "fr"
numfig = True


def setup(app):
    app.connect("doctree-resolved", diaporamas.ecrire)
    app.add_post_transform(diaporamas.NumerosDesDiapos)
"""
INDEX = """# Un livre

```{toctree}
:numbered:
book/chapitre
book/sans-graphique
book/autre
```

```{toctree}
book/enseigner/seance-chapitre
book/enseigner/cas-chapitre
book/annexe
```
"""
SPEC = alt.Chart(pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})).mark_bar().encode(
    x="x", y=alt.Y("y").scale(domainMax=alt.expr("plafond"))).add_params(
    alt.param(name="plafond", value=3, bind=alt.binding_range(min=2, max=5, step=1))).properties(
    width="container", title="Un explorateur", usermeta={"transfonum": {"source": "Source : une étude."}}).to_dict()
EXPLORER = html_explorateur(SPEC, "tf-explorateur")
STATIC = (f'<figure class="transfonum-figure"><div class="transfonum-chart {CLASSE_STATIQUE}" role="img" '
          'aria-label="Un graphique"><svg></svg></div><figcaption>Source : une autre.</figcaption></figure>')
STATUS = pd.DataFrame({"Chiffre": ["72 %"], "Statut": ["Confirmé"]}).set_index("Chiffre")
LONG = pd.DataFrame({"Chiffre": [f"Chiffre {n}" for n in range(40)],
                     "Mise en garde": ["Une mise en garde assez longue pour tenir sur deux lignes au moins " * 2] * 40,
                     "Statut": ["Non vérifié"] * 40})
OTHER = pd.DataFrame({"Colonne": ["a"], "Type": ["texte"]})
EXERCISES = """## Exercices

```{exercise} Compter les chiffres
:label: ex-compter

Comptez les chiffres confirmés.
```

```{solution} ex-compter
:class: dropdown

LA-SOLUTION-SECRÈTE : 42.
```
"""


def _output(html: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "<objet>"})


def _notebook(*cells: nbformat.NotebookNode) -> str:
    notebook = nbformat.v4.new_notebook(cells=list(cells))
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(notebook)


def _code(*outputs: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell("graphique", outputs=list(outputs))


CHAPTER = _notebook(
    nbformat.v4.new_markdown_cell("# Un chapitre\n\nIntroduction."),
    nbformat.v4.new_markdown_cell("## Chiffres clés"),
    _code(_output(EXPLORER)),
    _code(_output(STATIC)),
    nbformat.v4.new_markdown_cell("Après."),
    _code(_output(STATUS._repr_html_()), _output(OTHER._repr_html_())),
    nbformat.v4.new_markdown_cell("### Dans le texte\n\n| Chiffre | Statut |\n|---|---|\n| 5 % | à vérifier |\n\n"
                                  "| Colonne | Type |\n|---|---|\n| b | nombre |"),
    nbformat.v4.new_markdown_cell("### Beaucoup de chiffres"),
    _code(_output(LONG.to_html(index=False))),
    nbformat.v4.new_markdown_cell(EXERCISES),
    nbformat.v4.new_markdown_cell("## Questions de discussion\n\n1. Pourquoi ?\n2. Comment ? Voir {doc}`autre`."),
    nbformat.v4.new_markdown_cell("## À retenir\n\n- Une idée.\n- Une autre."),
)
PLAN = """# Séance : un chapitre

## Déroulé

| Durée (min) | Étape | L'enseignant | Les étudiants | Support |
|---|---|---|---|---|
| 10 | Accroche | Pose LA-QUESTION-D-ACCROCHE | Votent | Introduction |
| 20 | Lecture des chiffres | Présente les chiffres | Lisent | Graphiques |
| 20 | Exercices du carnet | Circule | Comptent | Carnet |
| 25 | Discussion du cas | Présente le cas | Préparent le mémo | {doc}`cas-chapitre` |
| 15 | Synthèse | Anime la question 1 | Répondent | « À retenir » |

## Objectifs et exercices

| Objectif du chapitre | Exercices |
|---|---|
| **Compter** les chiffres confirmés | `ex-compter` |
| **Lire** un graphique | aucun |
"""
CASE = """# Cas : une entreprise cherche un pilote

```{exercise} Mémo au président
:label: cas-chapitre

Rédigez un mémo d'une page au président.

1. Un point de détail qui ne va pas sur la diapositive.
```

```{solution} cas-chapitre
:class: dropdown

LE-CORRIGÉ-DU-CAS.
```
"""
WITHOUT_CHART = "# Sans graphique\n\n## Objectifs d'apprentissage\n\n- **Lire** sans graphique.\n\n" \
                "## Questions de discussion\n\n1. Q ?\n"
OTHER_PAGE = "# Autre page\n\n## Objectifs d'apprentissage\n\n- **Comprendre** sans carnet.\n"
ANNEX = "# Annexe\n\nHors des chapitres numérotés : pas de diaporama.\n"


def _write(root: Path, **changes: str) -> None:
    files = {"conf.py": CONF, "index.md": INDEX, "book/chapitre.ipynb": CHAPTER,
             "book/sans-graphique.md": WITHOUT_CHART, "book/autre.md": OTHER_PAGE, "book/annexe.md": ANNEX,
             "book/enseigner/seance-chapitre.md": PLAN, "book/enseigner/cas-chapitre.md": CASE,
             carnet_etudiant("chapitre").as_posix(): "{}", carnet_etudiant("annexe").as_posix(): "{}", **changes}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _build(root: Path, parallel: int = 0, **changes: str) -> Path:
    """Builds the tiny book in ``root``; returns its HTML folder (no warning allowed)."""
    _write(root, **changes)
    warnings = io.StringIO()
    app = SphinxTestApp(srcdir=root, status=io.StringIO(), warning=warnings, parallel=parallel)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings.getvalue() == ""
    return Path(app.outdir)


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("diapos"))


def _slides(site: Path, chapter: str) -> tuple[BeautifulSoup, list]:
    deck = BeautifulSoup((site / diaporama(chapter)).read_text(encoding="utf-8"), "html.parser")
    return deck, deck.select("section.diapo")


def _kinds(slides) -> list[str]:
    return [next(c for c in s["class"] if c.startswith("diapo-"))[6:] for s in slides]


def test_a_deck_follows_its_session_plan(tiny_site):
    deck, slides = _slides(tiny_site, "chapitre")
    kinds = _kinds(slides)
    split = kinds.count("tableau") - 2
    assert split >= 2, "the long table is split"
    assert kinds == ["titre", "graphique", "graphique", "tableau", "tableau"] + ["tableau"] * split \
        + ["exercice", "cas", "question", "question", "retenir"], "the plan's order: a table without status is no slide"
    assert deck.title.get_text() == "Diaporama — Un chapitre", "the title's text, without its section number"
    assert slides[0].h1.get_text() == "Un chapitre"
    assert [li.get_text() for li in slides[0].select("ul.objectifs li")] == \
        ["Compter les chiffres confirmés", "Lire un graphique"], "the objectives of the session plan"
    assert slides[0].select_one("h2.objectifs").get_text() == "Objectifs de la séance"
    assert slides[0].select_one("a")["href"] == "../book/chapitre.html"
    assert slides[1].h2.get_text() == "Chiffres clés" and "Source : une étude." in slides[1].get_text()
    assert "Question de discussion 2 sur 2" in slides[-2].get_text() and "Comment ?" in slides[-2].get_text()
    assert [li.get_text() for li in slides[-1].select("li")] == ["Une idée.", "Une autre."]
    assert [a["href"] for a in slides[-2].select("a")] == ["../book/autre.html"], "links lead to the site"
    assert not deck.select("script[src]"), "nothing loaded: an explorer is a static chart in a deck"


def test_an_explorer_is_shown_as_its_static_chart_full_width(tiny_site):
    _, slides = _slides(tiny_site, "chapitre")
    chart = slides[1]
    assert chart.select_one(f".{CLASSE_STATIQUE} svg") and not chart.select(f".{CLASSE_EXPLORATEUR}")
    assert not chart.select("script"), "no spec, no script: the chart is drawn"
    assert chart.select_one(".explorateur a")["href"] == "../book/chapitre.html"


def test_status_tables_are_split_with_their_header_and_continued_title(tiny_site):
    _, slides = _slides(tiny_site, "chapitre")
    long = [s for s in slides if s.h2 and s.h2.get_text().startswith("Beaucoup de chiffres")]
    assert len(long) >= 2 and [s.h2.get_text() for s in long[1:]] == ["Beaucoup de chiffres (suite)"] * (len(long) - 1)
    rows = [len(s.select("tbody tr")) for s in long]
    assert sum(rows) == 40 and max(rows) < 40
    assert all(s.select_one("thead").get_text(" ", strip=True) == "Chiffre Mise en garde Statut" for s in long)
    assert [s.select_one("tbody td").get_text() for s in long][0] == "Chiffre 0"


def test_split_follows_the_text_length():
    short = [["a", "b"]] * 30
    long = [["a" * 200, "b"]] * 30
    assert len(structure.tranches(["x", "y"], short)) < len(structure.tranches(["x", "y"], long))
    assert structure.tranches(["x"], [["a"]]) == [(0, 1)]
    slices = structure.tranches(["x", "y"], long)
    sizes = [b - a for a, b in slices]
    assert max(sizes) - min(sizes) <= 1, "balanced slices, no orphan row on the last slide"


def test_exercise_slides_show_statements_never_solutions(tiny_site):
    _, slides = _slides(tiny_site, "chapitre")
    exercise = slides[_kinds(slides).index("exercice")]
    assert exercise.select_one(".surtitre").get_text() == "Exercice 1.1"
    assert exercise.h2.get_text() == "Compter les chiffres"
    assert "Comptez les chiffres confirmés." in exercise.get_text()
    assert exercise.select_one(".lien-page a")["href"] == "../book/chapitre.html#ex-compter"
    for name in ("chapitre", "sans-graphique", "autre"):
        text = (tiny_site / diaporama(name)).read_text(encoding="utf-8")
        assert "LA-SOLUTION-SECRÈTE" not in text and "LE-CORRIGÉ-DU-CAS" not in text


def test_the_case_slide_has_its_title_question_and_link(tiny_site):
    _, slides = _slides(tiny_site, "chapitre")
    case = slides[_kinds(slides).index("cas")]
    assert case.h2.get_text() == "Cas : une entreprise cherche un pilote"
    assert case.h3.get_text() == "Mémo au président" and "Rédigez un mémo" in case.get_text()
    assert "point de détail" not in case.get_text(), "the question's first paragraph (and its list if it announces one)"
    assert case.select_one(".lien-page a")["href"] == "../book/enseigner/cas-chapitre.html"


def test_speaker_notes_come_from_the_plan_steps_and_are_hidden(tiny_site):
    deck, slides = _slides(tiny_site, "chapitre")
    kinds = _kinds(slides)
    exercise, case, question = (kinds.index(k) + 1 for k in ("exercice", "cas", "question"))
    notes = {n: s.select_one("aside.notes") for n, s in enumerate(slides, start=1) if s.select_one("aside.notes")}
    assert sorted(notes) == [1, 2, exercise, case, question], "each step's notes on its first slide"
    assert "LA-QUESTION-D-ACCROCHE" in notes[1].get_text() and "Étape 1 sur 5\u00a0: Accroche" in notes[1].get_text()
    assert f"(20 min, diapos 2 à {exercise - 1})" in notes[2].get_text()
    assert notes[case].select_one("a")["href"].startswith("../book/enseigner/cas-chapitre.html")
    assert "N\u00a0: notes de l’enseignant" in deck.select_one(".commandes").get_text()
    assert deck.select_one("#panneau-notes").has_attr("hidden"), "hidden until asked for"


def test_the_session_plan_names_the_slides_of_each_step(tiny_site):
    plan = BeautifulSoup((tiny_site / "book/enseigner/seance-chapitre.html").read_text(encoding="utf-8"),
                         "html.parser")
    table = plan.select_one("#deroule table")
    assert len(table.select("thead th")) == 5, "no column added"
    cells = [tr.select("td")[1] for tr in table.select("tbody tr")]
    assert [c.p.get_text() for c in cells] == ["Accroche", "Lecture des chiffres", "Exercices du carnet",
                                                "Discussion du cas", "Synthèse"], "the step's name stays first"
    links = [c.select_one(f"p.{diaporamas.CLASSE_DIAPOS} a") for c in cells]
    _, slides = _slides(tiny_site, "chapitre")
    kinds, total = _kinds(slides), len(slides)
    exercise, case, question = (kinds.index(k) + 1 for k in ("exercice", "cas", "question"))
    assert [a.get_text() for a in links] == ["diapo 1", f"diapos 2 à {exercise - 1}", f"diapo {exercise}",
                                             f"diapo {case}", f"diapos {question} à {total}"]
    assert [a["href"] for a in links][:3] == ["../../diapos/chapitre.html#diapo-1", "../../diapos/chapitre.html#diapo-2",
                                              f"../../diapos/chapitre.html#diapo-{exercise}"]
    assert slides[exercise - 1]["id"] == f"diapo-{exercise}"


def test_every_chapter_of_the_toc_has_a_deck_with_or_without_notebook(tiny_site):
    assert sorted(p.name for p in (tiny_site / DIAPORAMAS).iterdir()) == \
        ["autre.html", "chapitre.html", "sans-graphique.html"], "numbered chapters only, notebook or not"
    deck, slides = _slides(tiny_site, "autre")
    assert [li.get_text() for li in slides[0].select("ul.objectifs li")] == ["Comprendre sans carnet."], \
        "without a session plan, the chapter's own objectives"
    assert slides[0].select_one("h2.objectifs").get_text() == "Objectifs du chapitre"
    assert not deck.select("aside"), "no plan, no notes"
    _, slides = _slides(tiny_site, "sans-graphique")
    assert [s["aria-label"] for s in slides] == ["Diapositive 1 sur 2 : titre et objectifs",
                                                 "Diapositive 2 sur 2 : question 1"]


def test_only_a_page_with_a_deck_links_one_in_its_menu():
    def labels(page: str, diapos: bool) -> list[str]:
        imprime = Imprime(page, Path(f"impressions/{page}.pdf"), Path(f"impressions/{page}-exercices.pdf"))
        return [b["label"] for b in boutons(imprime, lambda cible, _: cible, exercices=True, diapos=diapos)]

    assert "transfonum-diaporama" not in labels("book/annexe", False) and "transfonum-pdf-chapitre" in labels("book/annexe", False)
    assert "transfonum-diaporama" in labels("book/cdo", True)


def test_a_plan_without_objectives_or_with_an_unknown_step_stops_the_build_in_french(tmp_path):
    with pytest.raises(SphinxError, match="seance-chapitre.md : il manque la section « Objectifs et exercices »"):
        _build(tmp_path / "a", **{"book/enseigner/seance-chapitre.md": PLAN.split("## Objectifs")[0]})
    with pytest.raises(SphinxError, match="étape « Pause café » inconnue du diaporama"):
        _build(tmp_path / "b", **{"book/enseigner/seance-chapitre.md": PLAN.replace("| Synthèse |", "| Pause café |")})
    with pytest.raises(SphinxError, match="book/autre.md : ni plan de séance"):
        _build(tmp_path / "c", **{"book/autre.md": "# Autre page\n"})


def test_a_parallel_build_writes_the_same_decks(tiny_site, tmp_path):
    """``doctree-resolved`` runs in the main process when pages are written in parallel."""
    parallel = _build(tmp_path, parallel=2)
    for name in ("chapitre", "sans-graphique", "autre"):
        assert (parallel / diaporama(name)).read_text(encoding="utf-8") == \
            (tiny_site / diaporama(name)).read_text(encoding="utf-8")


#: The data's codes and a float printed as such (« 80.0 »), never shown on a slide.
CODES = re.compile(r"\b(?:non_verifie|non_trouve|differe|confirme|moins_de|plus_de)\b|\[Sans titre\]"
                   r"|(?<![Ee]ntreprise )\b\d+\.0\b|\.\.\.$|plus \.\.\.")


def _deck_text(path: Path) -> list[str]:
    deck = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in deck(["script", "style", "aside", "code"]):  # code: what a student types (`non_verifie`)
        tag.decompose()
    return [s.get_text(" ", strip=True) for s in deck.select("section.diapo")]


def test_the_scan_finds_raw_codes():
    assert CODES.search("Statut non_verifie") and CODES.search("valeur 80.0 ici") and CODES.search("« [Sans titre] x »")
    assert not CODES.search("Entreprise 2.0 et non vérifié, 80 %")


def test_built_decks_show_french_labels_and_numbers_only(built_site, built_student_site):
    for html_dir in (built_site[0], built_student_site[0]):
        decks = sorted((html_dir / DIAPORAMAS).glob("*.html"))
        assert len(decks) >= 8
        for deck in decks:
            for n, text in enumerate(_deck_text(deck), start=1):
                assert not CODES.search(text), f"{deck.name}, diapo {n} : {CODES.search(text).group(0)!r}"


def test_the_student_decks_have_no_notes_and_no_solution(built_site, built_student_site):
    teacher, student = built_site[0], built_student_site[0]
    for deck in sorted((student / DIAPORAMAS).glob("*.html")):
        soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
        assert not soup.select("aside.notes, #panneau-notes"), deck.name
        assert not soup.select(".solution, .diapo-etape"), deck.name
        assert soup.select("section.diapo")[0].select("ul.objectifs li"), f"{deck.name} : objectifs"
        teacher_deck = BeautifulSoup((teacher / DIAPORAMAS / deck.name).read_text(encoding="utf-8"), "html.parser")
        assert teacher_deck.select("aside.notes"), f"{deck.name} : notes (enseignant)"


MESURE = """() => [...document.querySelectorAll('.diapo')].map((d) => {
  const coupes = [...d.querySelectorAll('.tableau, figure')].filter((e) => e.scrollWidth > e.clientWidth + 1).length;
  return [d.id, Math.ceil(d.getBoundingClientRect().height), coupes];
})"""


def test_every_slide_fits_the_screen_and_notes_show_on_n(built_site, site_url, browser):
    html_dir, _ = built_site
    decks = sorted((html_dir / DIAPORAMAS).glob("*.html"))
    outside: list[str] = []
    too_big: list[str] = []
    for width, height in ((1280, 720), (1024, 768)):
        page = browser.new_page(viewport={"width": width, "height": height})

        def route(r):
            if urlsplit(r.request.url).hostname == "127.0.0.1":
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        for deck in decks:
            chapter = BeautifulSoup((html_dir / "book" / f"{deck.stem}.html").read_text(encoding="utf-8"),
                                    "html.parser")
            assert chapter.select_one(f'a[href="../{DIAPORAMAS.as_posix()}/{deck.name}"]'), f"{deck.stem} : pas de lien"
            page.goto(f"{site_url}/{DIAPORAMAS.as_posix()}/{deck.name}")
            for ident, h, cut in page.evaluate(MESURE):
                if h > height + 1 or cut:
                    too_big.append(f"{width}×{height} {deck.stem} {ident} : {h} px, {cut} coupé(s)")
            if width == 1280:
                total = page.locator(".diapo").count()
                assert violations(page) == [], deck.name
                assert page.locator(".commandes output").inner_text() == f"1 / {total}"
                assert not page.locator("#panneau-notes").is_visible(), "notes hidden by default"
                page.keyboard.press("n")
                assert page.locator("#panneau-notes").is_visible() and "Étape 1" in page.locator("#panneau-notes").inner_text()
                page.keyboard.press("N")
                assert not page.locator("#panneau-notes").is_visible()
                page.keyboard.press("PageDown")
                page.wait_for_function(f"() => document.querySelector('.commandes output').textContent === '2 / {total}'")
        page.close()
    assert too_big == []
    assert outside == []
