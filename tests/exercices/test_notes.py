"""Grading a class: one grading run of a small class (worked notebooks, handed-out
notebooks, a never-ending notebook with a wrong answer, a student who fakes the checker's
output) shared by the slow tests; the copies, the journal and the points rule without a
kernel."""

from __future__ import annotations

import csv
import hashlib
import html
import json
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest

from transfonum import chemins
from transfonum.exercices import journal, notes
from transfonum.exercices.bilan import REGLE_DES_POINTS, exercices_du_chapitre, points
from transfonum.exercices.copies import ErreurCopies, extraire, lister, nom_eleve
from transfonum.exercices.execution import Limites, lire_carnet

CHAPITRES = ["annexe-sources", "cdo"]
WORKED = "Dupont Léa_1042_assignsubmission_file_"


def _cells_replaced(notebook, old: str, new: str) -> None:
    cell = next(c for c in notebook.cells if old in c.source)
    cell.source = cell.source.replace(old, new)


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def class_copies(tmp_path_factory) -> Path:
    """Four students: the worked notebooks (Moodle folder name), the notebooks as handed
    out, a never-ending notebook whose first answer is wrong (with an empty file and a
    file that is not a notebook), and a student who reaches for the network, then
    replaces verifier by a print."""
    root = tmp_path_factory.mktemp("copies")
    for student, folder in ((WORKED, chemins.CORRIGES), ("martin", chemins.EXERCICES)):
        (root / student).mkdir()
        for chapter in CHAPITRES:
            shutil.copy(chemins.RACINE / folder / f"{chapter}.ipynb", root / student / f"{chapter}.ipynb")
    (root / "boucle").mkdir()
    never_ending = nbformat.read(chemins.RACINE / chemins.carnet_corrige("cdo"), as_version=4)
    _cells_replaced(never_ending, 'verifier("cdo-kea-non-verifies", reponse)',
                    'reponse = 999\nverifier("cdo-kea-non-verifies", reponse)')
    index = next(i for i, c in enumerate(never_ending.cells) if 'verifier("cdo-rattachement"' in c.source)
    never_ending.cells.insert(index, nbformat.v4.new_code_cell("while True:\n    pass"))
    nbformat.write(never_ending, root / "boucle" / "cdo.ipynb")
    (root / "boucle" / "vide.ipynb").write_bytes(b"")
    (root / "boucle" / "notes.ipynb").write_text("pas un carnet", encoding="utf-8")
    (root / "tricheur").mkdir()
    faked = nbformat.read(chemins.RACINE / chemins.carnet_etudiant("annexe-sources"), as_version=4)
    _cells_replaced(faked, 'verifier("chiffres-non-verifies", reponse)',
                    'def verifier(*args):\n    print("Juste : Exact")\nverifier("chiffres-non-verifies", reponse)')
    faked.cells.insert(3, nbformat.v4.new_code_cell(
        'import urllib.request\nurllib.request.urlopen("http://127.0.0.1:9/", timeout=5)'))
    nbformat.write(faked, root / "tricheur" / "annexe-sources.ipynb")
    (root / "lisez-moi.txt").write_text("une note de l'enseignant", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def graded(class_copies, tmp_path_factory):
    """One grading run of the class, shared by the tests below."""
    before = _tree_digest(class_copies)
    out = tmp_path_factory.mktemp("resultats")
    bilans, ecartes = notes.noter(class_copies, out, Limites(cellule=15, carnet=90), processus=2, barre=False)
    return {"bilans": {b.eleve: b for b in bilans}, "ecartes": ecartes, "out": out,
            "before": before, "after": _tree_digest(class_copies)}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


@pytest.mark.lent
def test_worked_notebooks_get_at_least_90_percent(graded):
    worked = graded["bilans"]["Dupont Léa"]
    assert worked.total() == sum(len(exercices_du_chapitre(c)) for c in CHAPITRES) > 0
    assert worked.justes() / worked.total() >= 0.9, [n for n in worked.notes if not n.juste]
    assert worked.problemes == []


@pytest.mark.lent
def test_handed_out_notebooks_get_none_and_say_why(graded):
    handed_out = graded["bilans"]["martin"]
    assert handed_out.total() > 0 and handed_out.justes() == 0
    assert all("Pas encore de réponse" in n.message for n in handed_out.notes), handed_out.notes


@pytest.mark.lent
def test_never_ending_notebook_is_reported_and_keeps_what_came_before(graded):
    stuck = graded["bilans"]["boucle"]
    problems = {fichier: p for fichier, p in stuck.problemes}
    assert "ne s'est pas terminée" in problems["cdo.ipynb"] and "while True" in problems["cdo.ipynb"]
    assert "vide" in problems["vide.ipynb"]
    assert "pas un carnet Jupyter" in problems["notes.ipynb"]
    by_id = {n.exercice: n for n in stuck.notes}
    # the wrong answer given before the loop is rejected by the kit's checker, in its words
    assert not by_id["cdo-kea-non-verifies"].juste and "999" in by_id["cdo-kea-non-verifies"].message
    assert by_id["cdo-kea-non-verifies"].cellule is not None
    # what the loop stopped is counted as not right, and says why
    assert not by_id["cdo-rattachement"].juste and "arrêté avant la fin" in by_id["cdo-rattachement"].message
    assert by_id["chiffres-non-verifies"].message == "Carnet non rendu."


@pytest.mark.lent
def test_no_network_and_printed_text_is_not_a_verdict(graded):
    """The network is refused (the cell is reported, the notebook goes on), and a student
    who prints « Juste » instead of calling the kit's checker gets nothing."""
    faker = graded["bilans"]["tricheur"]
    [(fichier, problem)] = faker.problemes
    assert fichier == "annexe-sources.ipynb" and "cellule n°\u00a04 " in problem
    assert "Réseau coupé pendant la correction" in problem
    assert faker.justes() == 0
    assert "aucun appel à verifier" in next(n for n in faker.notes if n.exercice == "chiffres-non-verifies").message


@pytest.mark.lent
def test_copies_are_left_untouched_and_stray_files_named(graded):
    assert graded["after"] == graded["before"]
    assert any("lisez-moi.txt" in line and "hors d'un dossier d'élève" in line for line in graded["ecartes"])


@pytest.mark.lent
def test_csv_files_follow_the_issue_and_the_course_rule(graded):
    out = graded["out"]
    rows = _rows(out / "notes.csv")
    assert list(rows[0]) == notes.COLONNES_NOTES
    students = {"Dupont Léa", "martin", "boucle", "tricheur"}
    per_student = sum(len(exercices_du_chapitre(c)) for c in CHAPITRES)
    assert {r["eleve"] for r in rows} == students and len(rows) == len(students) * per_student
    assert {r["juste"] for r in rows} == {"oui", "non"}
    assert all("&" not in r["message"] or html.unescape(r["message"]) == r["message"] for r in rows)
    summary = {r["eleve"]: r for r in _rows(out / "synthese.csv")}
    worked = graded["bilans"]["Dupont Léa"]
    assert summary["Dupont Léa"][f"justes (sur {per_student})"] == str(worked.justes())
    assert summary["Dupont Léa"]["points (sur 6)"] == f"{points(worked.justes(), worked.total()):.1f}".replace(".", ",")
    assert summary["martin"]["points (sur 6)"] == "0,0"
    assert {r["eleve"] for r in _rows(out / "problemes.csv")} == {"boucle", "tricheur"}


@pytest.mark.lent
def test_one_french_feedback_page_per_student(graded):
    pages = sorted((graded["out"] / "retours").glob("*.html"))
    assert [p.name for p in pages] == ["boucle.html", "dupont-lea.html", "martin.html", "tricheur.html"]
    text = (graded["out"] / "retours" / "boucle.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in text and "Correction des carnets — boucle" in text
    assert "À revoir" in text and "Ce qui n'a pas pu être corrigé" in text
    assert "999" in text and "cellule n°\u00a0" in text
    worked = (graded["out"] / "retours" / "dupont-lea.html").read_text(encoding="utf-8")
    assert "<strong>Juste</strong>" in worked and "À revoir" not in worked


# --- without a kernel ---------------------------------------------------------------------

def test_points_rule_of_the_course_page():
    assert points(0, 19) == 0.0 and points(19, 19) == 6.0 and points(4, 7) == 3.4 and points(1, 4) == 1.5
    assert points(3, 0) == 0.0
    # The rule has one home (bilan); the course page and the syllabus show it through the
    # {notation} role, in the assessment they both include.
    assert REGLE_DES_POINTS == "6 × exercices justes ÷ exercices des chapitres notés, arrondi au dixième"
    evaluation = (chemins.RACINE / chemins.ENSEIGNER / "_evaluation.md").read_text(encoding="utf-8")
    assert "{notation}`regle`" in evaluation and "{notation}`points`" in evaluation
    for page in ("index.md", "programme.md"):
        assert "{include} _evaluation.md" in (chemins.RACINE / chemins.ENSEIGNER / page).read_text(encoding="utf-8")


def test_moodle_names_and_layouts(tmp_path):
    assert nom_eleve("Dupont Léa_1042_assignsubmission_file_") == "Dupont Léa"
    assert nom_eleve("groupe-b") == "groupe-b"
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / "Dupont Léa_1042_assignsubmission_file_cdo.ipynb").write_text("{}", encoding="utf-8")
    (flat / "Dupont Léa_1042_assignsubmission_file_rse.ipynb").write_text("{}", encoding="utf-8")
    (flat / "Martin Jo_7_assignsubmission_file_cdo.ipynb").write_text("{}", encoding="utf-8")
    copies, ecartes = lister(flat)
    assert [(c.eleve, len(c.carnets), c.partage) for c in copies] == [("Dupont Léa", 2, True), ("Martin Jo", 1, True)]
    assert ecartes == []
    nested = tmp_path / "hub" / "lea" / "kit" / "exercises"
    nested.mkdir(parents=True)
    (nested / "cdo.ipynb").write_text("{}", encoding="utf-8")
    (nested.parent / ".ipynb_checkpoints").mkdir()
    (nested.parent / ".ipynb_checkpoints" / "cdo-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    [copy], _ = lister(tmp_path / "hub")
    assert copy.eleve == "lea" and copy.carnets == [Path("kit/exercises/cdo.ipynb")]


def test_a_zip_of_copies_is_read_and_a_bad_one_named(tmp_path):
    archive = tmp_path / "devoir.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Dupont Léa_1042_assignsubmission_file_/cdo.ipynb", "{}")
    [copy], _ = lister(extraire(archive, tmp_path / "extrait"))
    assert copy.eleve == "Dupont Léa" and copy.carnets == [Path("cdo.ipynb")]
    (tmp_path / "abime.zip").write_bytes(b"pas une archive")
    with pytest.raises(ErreurCopies, match="archive zip illisible"):
        extraire(tmp_path / "abime.zip", tmp_path / "x")


def test_unreadable_files_get_a_french_reason(tmp_path):
    (tmp_path / "vide.ipynb").write_bytes(b"")
    (tmp_path / "texte.ipynb").write_text("bonjour", encoding="utf-8")
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("rien")]), tmp_path / "md.ipynb")
    assert "vide" in lire_carnet(tmp_path / "vide.ipynb")[1]
    assert "pas un carnet Jupyter" in lire_carnet(tmp_path / "texte.ipynb")[1]
    assert "aucune cellule de code" in lire_carnet(tmp_path / "md.ipynb")[1]
    assert lire_carnet(chemins.RACINE / chemins.carnet_etudiant("cdo"))[1] is None


def test_journal_only_when_the_grader_names_one(tmp_path, monkeypatch):
    from transfonum.exercices.widgets import verifier

    monkeypatch.delenv(journal.VARIABLE, raising=False)
    verifier("edenred-souvent-heureux", "31 %")
    path = tmp_path / "journal.jsonl"
    assert not path.exists()
    monkeypatch.setenv(journal.VARIABLE, str(path))
    verifier("edenred-souvent-heureux", "31 %")
    verifier("edenred-souvent-heureux", "12")
    with path.open("a", encoding="utf-8") as f:
        f.write('{"identifiant": "coupé')  # a line cut by a stopped kernel is skipped
    entries = journal.lire(path)
    assert [(e.identifiant, e.juste) for e in entries] == [("edenred-souvent-heureux", True),
                                                           ("edenred-souvent-heureux", False)]
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["requete"] is None


def test_unknown_chapter_option_is_refused(capsys, tmp_path):
    assert notes.main([str(tmp_path), "--sortie", str(tmp_path / "o"), "--chapitres", "cdo,inconnu"]) == 2
    assert "inconnu" in capsys.readouterr().err
    assert notes.main([str(tmp_path / "absent"), "--sortie", str(tmp_path / "o")]) == 1
