"""The « Enseigner avec ce kit » part: session plans, case briefs and their rubrics.

What is checked, for every chapter of the « Chapitres » part of ``_toc.yml``:

- the book's root page (the introduction) may have a plan of its own
  (``seance-<racine>.md``), a half-session without case nor exercise, first in the part;
- a chapter has a session plan (``book/enseigner/seance-<chapitre>.md``) and a case
  (``cas-<chapitre>.md``), both or neither, both in the « Enseigner avec ce kit » part;
  a chapter without them must be named in ``SANS_PLAN`` with its reason, so a chapter
  added to the book later fails here until someone writes its plan or says why not;
- a plan's timed steps add up to 90 minutes; it maps every objective of the chapter, in
  order, and names every exercise of the chapter's keys and no other; it links the
  chapter's discussion questions when the chapter has some;
- a case says « fictif » in an admonition before anything else, holds the exercise
  ``cas-<chapitre>`` and its solution, and a rubric (criteria × four levels × points)
  printed before the solution, whose points sum to 20;
- the course page links every chapter of the book and every case;
- no page outside the plans names a plan: the student edition leaves plans out, and a
  link to one would break its build (or leak its name).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from transfonum.chemins import RACINE
from transfonum.exercices.cles import DOSSIER_CLES
from transfonum.site.programme import en_tete
from transfonum.sommaire import chapitres_du_sommaire, lire_table, pages_du_sommaire, racine_du_sommaire

LIVRE = RACINE / "book"
ENSEIGNER = LIVRE / "enseigner"
TOC = lire_table()

# Chapters of the book that have no session plan yet, and why. A chapter of the
# « Chapitres » part that is neither here nor planned makes test_every_chapter_is_planned fail.
SANS_PLAN: dict[str, str] = {}
#: The pages of the part that are neither a plan nor a case: the course page and the syllabus.
PAGES_DU_COURS = ("index", "programme")

ETAPES = ["Accroche", "Lecture des chiffres", "Exercices du carnet", "Discussion du cas", "Synthèse"]
NIVEAUX = ["Insuffisant", "Acceptable", "Bien", "Très bien"]
ID_EXERCICE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
ROLE = re.compile(r"\{[\w:.+-]+\}`[^`]*`")
_CODE = re.compile(r"(?<!`)`([^`]+)`(?!`)")
GRAS = re.compile(r"\*\*([^*]+)\*\*")
NOMBRE = r"\d+(?:,\d+)?"
POINTS_NIVEAU = re.compile(rf"^\*\*({NOMBRE})(?:–({NOMBRE}))?\*\*\s*:")


class ErreurPage(ValueError):
    """A page of the instructor part that breaks a rule, with a French message."""


def _partie(caption: str) -> dict:
    for part in TOC["parts"]:
        if part.get("caption") == caption:
            return part
    raise AssertionError(f"_toc.yml : pas de partie « {caption} »")


def _fichiers(entrees) -> list[str]:
    out = []
    for entree in entrees:
        out += [entree["file"]] if "file" in entree else []
        out += _fichiers(entree.get("sections", []))
    return out


CHAPITRES = [Path(f).name for f in chapitres_du_sommaire()]
RACINE_LIVRE = Path(racine_du_sommaire()).name
PLAN_RACINE = ENSEIGNER / f"seance-{RACINE_LIVRE}.md"
PLANIFIES = [c for c in CHAPITRES if (ENSEIGNER / f"seance-{c}.md").exists()]


def _lire(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _section(texte: str, titre: str) -> str:
    """The body of the ``## titre`` section (up to the next heading of level 1 or 2)."""
    match = re.search(rf"^## {re.escape(titre)}\s*$(.*?)(?=^#{{1,2}} |\Z)", texte, re.M | re.S)
    if not match:
        raise ErreurPage(f"section « {titre} » introuvable")
    return match.group(1)


def _tableau(texte: str) -> list[list[str]]:
    """The first Markdown table of ``texte``: header then rows, separator dropped."""
    lignes = [l.strip() for l in texte.splitlines() if l.strip().startswith("|")]
    if len(lignes) < 3:
        raise ErreurPage("aucun tableau trouvé")
    cellules = [[c.strip() for c in l.strip("|").split("|")] for l in lignes]
    return [cellules[0]] + cellules[2:]


def codes(texte: str) -> list[str]:
    """The inline code of ``texte`` (roles such as {ref}`…` left out)."""
    return _CODE.findall(ROLE.sub(" ", texte))


def _nombre(texte: str) -> float:
    return float(texte.replace(",", "."))


def duree_seance(texte: str) -> int:
    """Check the timed steps of a plan and return their total, in minutes."""
    tableau = _tableau(_section(texte, "Déroulé"))
    if tableau[0][:2] != ["Durée (min)", "Étape"]:
        raise ErreurPage(f"déroulé : colonnes « Durée (min) » et « Étape » attendues, pas {tableau[0][:2]}")
    etapes = [ligne[1] for ligne in tableau[1:]]
    if etapes != ETAPES:
        raise ErreurPage(f"déroulé : étapes {etapes}, attendues {ETAPES}")
    try:
        return sum(int(ligne[0]) for ligne in tableau[1:])
    except ValueError as err:
        raise ErreurPage(f"déroulé : une durée n'est pas un nombre entier de minutes ({err})") from None


def grille(texte: str) -> list[tuple[str, float]]:
    """Check the rubric of a case and return its criteria with their points.

    Each level cell starts with its points in bold (``**2–3** : …``); levels must rise
    without overlapping, from 0 to the criterion's points, and the points sum to 20.
    """
    tableau = _tableau(_section(texte, "Grille d'évaluation"))
    if tableau[0] != ["Critère", "Points", *NIVEAUX]:
        raise ErreurPage(f"grille : en-tête {tableau[0]}, attendu {['Critère', 'Points', *NIVEAUX]}")
    criteres = []
    for ligne in tableau[1:]:
        critere, points = ligne[0], _nombre(ligne[1])
        precedent = -1.0
        for niveau, cellule in zip(NIVEAUX, ligne[2:]):
            match = POINTS_NIVEAU.match(cellule)
            if not match:
                raise ErreurPage(f"grille, « {critere} », niveau « {niveau} » : la case doit commencer par ses points en gras")
            bas = _nombre(match.group(1))
            haut = _nombre(match.group(2)) if match.group(2) else bas
            if bas <= precedent or haut < bas:
                raise ErreurPage(f"grille, « {critere} », niveau « {niveau} » : les points doivent monter d'un niveau à l'autre")
            precedent = haut
        premier = _nombre(POINTS_NIVEAU.match(ligne[2]).group(1))
        if premier != 0 or precedent != points:
            raise ErreurPage(f"grille, « {critere} » : les niveaux doivent aller de 0 à {ligne[1]} points")
        criteres.append((critere, points))
    if not 4 <= len(criteres) <= 5:
        raise ErreurPage(f"grille : {len(criteres)} critères, il en faut de quatre à cinq")
    total = sum(p for _, p in criteres)
    if total != 20:
        raise ErreurPage(f"grille : les points font {total:g}, pas 20")
    return criteres


def _cles(chapitre: str) -> list[str]:
    donnees = json.loads(_lire(DOSSIER_CLES / f"{chapitre}.json"))
    return [e["id"] for e in donnees["exercises"]]


def _objectifs(chapitre: str) -> list[str]:
    """The verbs (first bold word of each bullet) of the chapter's learning objectives."""
    corps = _section(_lire(LIVRE / f"{chapitre}.md"), "Objectifs d'apprentissage")
    puces = re.findall(r"^- (.*)$", corps, re.M)
    return [GRAS.search(p).group(1) for p in puces]


# -- the checkers reject what they should ------------------------------------------------

BONNE_GRILLE = """## Grille d'évaluation

| Critère | Points | Insuffisant | Acceptable | Bien | Très bien |
|---|---|---|---|---|---|
| A | 6 | **0–1** : x | **2–3** : x | **4–5** : x | **6** : x |
| B | 5 | **0–1** : x | **2** : x | **3–4** : x | **5** : x |
| C | 5 | **0–1** : x | **2** : x | **3–4** : x | **5** : x |
| D | 4 | **0** : x | **1–2** : x | **3** : x | **4** : x |
"""


def test_a_good_rubric_is_read():
    assert grille(BONNE_GRILLE) == [("A", 6), ("B", 5), ("C", 5), ("D", 4)]


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (lambda t: t.replace("| D | 4 | **0** : x | **1–2** : x | **3** : x | **4** : x |",
                             "| D | 3 | **0** : x | **1** : x | **2** : x | **3** : x |"), "font 19, pas 20"),
        (lambda t: t.replace("**2–3** : x | **4–5**", "**2–4** : x | **4–5**"), "doivent monter"),
        (lambda t: t.replace("| A | 6 |", "| A | 7 |").replace("| D | 4 |", "| D | 3 |"), "de 0 à 7 points"),
        (lambda t: t.replace("**6** : x", "6 : x"), "points en gras"),
        (lambda t: t.replace("Très bien |\n", "Excellent |\n"), "en-tête"),
        (lambda t: t.replace("## Grille d'évaluation", "## Barème"), "« Grille d'évaluation » introuvable"),
    ],
    ids=["somme", "chevauchement", "maximum", "sans-points", "niveaux", "sans-section"],
)
def test_a_wrong_rubric_is_refused_with_a_french_message(mutation, message):
    with pytest.raises(ErreurPage, match=message):
        grille(mutation(BONNE_GRILLE))


BON_DEROULE = "## Déroulé\n\n| Durée (min) | Étape |\n|---|---|\n" + "".join(
    f"| {d} | {e} |\n" for d, e in zip((10, 20, 30, 20, 10), ETAPES))


def test_a_plan_timing_is_summed_and_a_missing_step_is_named():
    assert duree_seance(BON_DEROULE) == 90
    with pytest.raises(ErreurPage, match="étapes"):
        duree_seance(BON_DEROULE.replace("| Synthèse |", "| Conclusion |"))
    with pytest.raises(ErreurPage, match="nombre entier"):
        duree_seance(BON_DEROULE.replace("| 10 | Accroche |", "| dix | Accroche |"))


# -- the kit's pages --------------------------------------------------------------------

def test_the_chapters_part_is_read():
    assert "social-business" in CHAPITRES and len(PLANIFIES) >= 5


def test_every_chapter_is_planned_or_says_why_not():
    manquants = [c for c in CHAPITRES if c not in PLANIFIES and c not in SANS_PLAN]
    assert not manquants, (
        f"chapitres sans plan de séance ni raison dans SANS_PLAN : {manquants} ; écrivez "
        "book/enseigner/seance-<chapitre>.md et cas-<chapitre>.md"
    )
    planifies_quand_meme = [c for c in SANS_PLAN if c in PLANIFIES]
    assert not planifies_quand_meme, f"retirez de SANS_PLAN les chapitres qui ont un plan : {planifies_quand_meme}"


def test_plans_and_cases_come_in_pairs_in_the_instructor_part():
    # The pages of the part as the table of contents lists them: a plan or case left on
    # disk but out of the table is not part of the course.
    pages = sorted(Path(p).name for p in pages_du_sommaire() if p.startswith("book/enseigner/"))
    for stem in pages:
        if stem not in PAGES_DU_COURS:
            genre, chapitre = stem.split("-", 1)
            assert genre in ("seance", "cas"), f"book/enseigner/{stem}.md : ni plan ni cas"
            if (genre, chapitre) == ("seance", RACINE_LIVRE):
                continue
            assert chapitre in CHAPITRES, f"book/enseigner/{stem}.md : « {chapitre} » n'est pas un chapitre de _toc.yml"
    attendu = [f"book/enseigner/{g}-{c}" for c in PLANIFIES for g in ("seance", "cas")]
    if PLAN_RACINE.exists():
        attendu.append(f"book/enseigner/seance-{RACINE_LIVRE}")
    partie = _partie("Enseigner avec ce kit")
    assert not partie.get("numbered"), "la partie des enseignants n'est pas numérotée"
    assert partie["chapters"][0]["file"] == "book/enseigner/index"
    sections = [f for f in _fichiers(partie["chapters"][0].get("sections", [])) if Path(f).name not in PAGES_DU_COURS]
    assert sorted(sections) == sorted(attendu)
    if PLAN_RACINE.exists():
        assert sections[0] == f"book/enseigner/seance-{RACINE_LIVRE}", "le plan de l'introduction vient en premier"

    for chapitre in PLANIFIES:
        assert (ENSEIGNER / f"cas-{chapitre}.md").exists(), f"le chapitre « {chapitre} » a un plan mais pas de cas"


@pytest.mark.parametrize("chapitre", PLANIFIES)
def test_a_plan_lasts_ninety_minutes(chapitre):
    assert duree_seance(_lire(ENSEIGNER / f"seance-{chapitre}.md")) == 90


@pytest.mark.parametrize("chapitre", PLANIFIES)
def test_a_plan_names_exactly_the_chapter_exercises(chapitre):
    plan = _lire(ENSEIGNER / f"seance-{chapitre}.md")
    nommes = {c for c in codes(plan) if ID_EXERCICE.match(c)}
    cles = set(_cles(chapitre))
    assert not nommes - cles, f"seance-{chapitre}.md nomme des exercices absents des clés : {sorted(nommes - cles)}"
    assert not cles - nommes, f"seance-{chapitre}.md ne nomme pas les exercices {sorted(cles - nommes)}"
    objectifs = _section(plan, "Objectifs et exercices")
    assert not cles - set(codes(objectifs)), "chaque exercice est relié à un objectif"


@pytest.mark.parametrize("chapitre", PLANIFIES)
def test_a_plan_maps_every_objective_of_the_chapter_in_order(chapitre):
    lignes = _tableau(_section(_lire(ENSEIGNER / f"seance-{chapitre}.md"), "Objectifs et exercices"))[1:]
    verbes = [GRAS.search(ligne[0]).group(1) for ligne in lignes]
    attendus = [v[0].upper() + v[1:] for v in _objectifs(chapitre)]
    assert verbes == attendus, f"seance-{chapitre}.md : objectifs {verbes}, le chapitre en a {attendus}"


@pytest.mark.parametrize("chapitre", PLANIFIES)
def test_a_plan_links_the_chapter_discussion_questions(chapitre):
    page = _lire(LIVRE / f"{chapitre}.md")
    plan = _lire(ENSEIGNER / f"seance-{chapitre}.md")
    if "\n## Questions de discussion\n" in page:
        assert f"(questions-{chapitre})=\n## Questions de discussion" in page
        assert f"{{ref}}`questions-{chapitre}`" in plan
        nombre = len(re.findall(r"^\d+\. ", _section(page, "Questions de discussion"), re.M))
        reponses = len(re.findall(r"^\d+\. \*\*", _section(plan, "Questions de discussion"), re.M))
        assert reponses == nombre, f"seance-{chapitre}.md : {reponses} réponses pour {nombre} questions"


@pytest.mark.parametrize("chapitre", PLANIFIES)
def test_a_case_is_fictional_graded_on_twenty_and_hides_only_its_model_answer(chapitre):
    texte = _lire(ENSEIGNER / f"cas-{chapitre}.md")
    premiere_directive = re.search(r"^```\{(\w+)\}(.*)$", texte, re.M)
    assert premiere_directive.groups() == ("admonition", " Cas fictif"), "le cas s'ouvre sur l'encadré « Cas fictif »"
    encadre = texte[premiere_directive.end():texte.index("```", premiere_directive.end())]
    assert "fictif" in encadre or "fictive" in encadre
    assert "```{exercise}" in texte and f":label: cas-{chapitre}\n" in texte
    assert texte.count("```{solution}") == 1 and f"```{{solution}} cas-{chapitre}\n" in texte
    assert texte.index("## Grille d'évaluation") < texte.index("```{solution}"), "la grille reste visible"
    assert sum(p for _, p in grille(texte)) == 20


def test_the_course_page_and_the_syllabus_are_generated_from_the_toc():
    """No hand-written row: the course table, the list of cases and the syllabus come from
    the table of contents (transfonum.site.programme), so a chapter taken out leaves them."""
    index = _lire(ENSEIGNER / "index.md")
    assert "```{tableau-des-seances}" in index and "```{liste-des-cas}" in index
    assert not re.search(r"^\|.*\{doc\}`\.\./", index, re.M), "une ligne du tableau écrite à la main"
    assert not re.search(r"\{doc\}`/book/enseigner/cas-", index), "un cas listé à la main"
    assert "```{programme-du-cours}" in _lire(ENSEIGNER / "programme.md")


@pytest.mark.parametrize("chapitre", [RACINE_LIVRE, *PLANIFIES])
def test_a_plan_says_in_its_header_what_the_course_table_shows(chapitre):
    entete = en_tete(ENSEIGNER / f"seance-{chapitre}.md")
    for cle in ("seance", "prerequis", "production"):
        assert isinstance(entete.get(cle), str) and entete[cle].strip(), f"seance-{chapitre}.md : « {cle} » manque dans l'en-tête"


def test_no_page_but_a_plan_names_a_plan():
    fautifs = [
        str(p.relative_to(RACINE)) for p in LIVRE.rglob("*.md")
        if not p.name.startswith("seance-") and "seance-" in _lire(p)
    ]
    assert not fautifs, f"ces pages nomment un plan de séance, absent de l'édition étudiante : {fautifs}"


def test_cases_are_linked_by_their_full_path():
    """A case's page and its exercise share a name (cas-<chapitre>): sphinx-exercise turns
    any reference whose target is an exercise label into « Exercice n », even a {doc}
    link. The full path (/book/enseigner/cas-…) keeps the page's title as the link text."""
    fautifs = [
        str(p.relative_to(RACINE)) for p in LIVRE.rglob("*.md")
        if re.search(r"\{doc\}`(?:\./)?cas-", _lire(p))
    ]
    assert not fautifs, f"liez les cas par {{doc}}`/book/enseigner/cas-…` : {fautifs}"


def test_the_introduction_plan_is_a_half_session_without_exercise():
    """The course page lists an introduction session; its plan, when there is one, lasts
    45 minutes (the other half of the initiation's session), names no exercise and
    links the introduction."""
    if not PLAN_RACINE.exists():
        pytest.skip("pas de plan pour l'introduction")
    plan = _lire(PLAN_RACINE)
    lignes = _tableau(_section(plan, "Déroulé"))
    assert lignes[0][:2] == ["Durée (min)", "Étape"]
    assert sum(int(ligne[0]) for ligne in lignes[1:]) == 45
    assert [ligne[1] for ligne in lignes[1:]][0] == "Accroche" and lignes[-1][1] == "Synthèse"
    cles = {e for c in CHAPITRES for e in _cles(c)}
    assert not {c for c in codes(plan) if ID_EXERCICE.match(c)} & cles
    assert f"{{doc}}`../{RACINE_LIVRE}`" in plan
