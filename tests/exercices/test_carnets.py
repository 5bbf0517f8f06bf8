"""Exercise notebooks: generated from their sources (a stale one fails), conventions
enforced with the file and cell named, every reference solution passes its checker and
every untouched starter fails with a helpful message."""

from __future__ import annotations

import ast
import os
import re
import shutil
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from transfonum import chemins
from transfonum.exercices import carnets
from transfonum.exercices import corriger, identifiants
from transfonum.exercices.cles import cles_du_kit

SOURCES = carnets.sources()


def test_every_source_has_fresh_generated_notebooks():
    assert SOURCES, "aucune source de carnet dans exercises/sources/"
    assert carnets.perimes() == [], "carnets périmés : lancez python -m transfonum.exercices.carnets"


def test_an_edited_source_makes_its_notebooks_stale(tmp_path):
    """The staleness check can fail: edit a copy of a source, both editions go stale."""
    shutil.copytree(chemins.RACINE / chemins.EXERCICES, tmp_path / chemins.EXERCICES)
    source = tmp_path / chemins.SOURCES_CARNETS / SOURCES[0].name
    source.write_text(source.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    chapter = source.stem
    assert set(carnets.perimes(tmp_path)) == {
        tmp_path / chemins.carnet_etudiant(chapter), tmp_path / chemins.carnet_corrige(chapter)}
    carnets.ecrire_tout(tmp_path)
    assert carnets.perimes(tmp_path) == []


def test_generated_notebooks_open_unmodified_and_say_to_run_all_first():
    for path in sorted((chemins.RACINE / chemins.EXERCICES).rglob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        assert notebook.metadata["kernelspec"] == carnets.NOYAU, path
        assert notebook.metadata["language_info"] == carnets.LANGAGE, path
        first = notebook.cells[0]
        assert first.cell_type == "markdown" and first.source == carnets.MODE_D_EMPLOI, path
        assert "exécutez toutes ses cellules" in first.source
        second = notebook.cells[1]
        assert second.cell_type == "code" and second.source == carnets.PREPARATION, path
        assert second.metadata["jupyter"] == {"source_hidden": True}, path


def _racine_vue(dossier: Path) -> str:
    """What ``transfonum.chemins.RACINE`` is for a notebook run in ``dossier`` after the
    preparation cell, in a kernel where the kit is installed from this repository."""
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(carnets.PREPARATION),
        nbformat.v4.new_code_cell("import transfonum.chemins\nprint(transfonum.chemins.RACINE)")])
    NotebookClient(notebook, timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": str(dossier)}}).execute()
    return notebook.cells[1].outputs[0]["text"].strip()


@pytest.mark.lent
def test_a_notebook_reads_the_kit_of_the_copy_it_sits_in(tmp_path):
    """On a hub each student has a copy of the repository (nbgitpuller) while the image may
    hold another: the notebook must read its own copy's package and data."""
    copy = tmp_path / "copie-eleve"
    shutil.copytree(chemins.RACINE / "transfonum", copy / "transfonum",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (copy / chemins.EXERCICES / "corriges").mkdir(parents=True)
    assert _racine_vue(copy / chemins.EXERCICES) == str(copy)
    assert _racine_vue(copy / chemins.EXERCICES / "corriges") == str(copy)
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    assert _racine_vue(elsewhere) == str(chemins.RACINE), "hors d'une copie, le paquet installé sert"


def test_student_edition_has_no_solution_and_instructor_edition_no_starter():
    for source in SOURCES:
        editions = carnets.generer(source)
        assert '"solution"' not in editions.etudiant and '"starter"' in editions.etudiant
        assert '"starter"' not in editions.corrige and '"solution"' in editions.corrige


def test_every_exercise_of_a_chapter_with_a_notebook_is_in_it():
    chapters = {s.stem: carnets.ids_verifies(jupytext.read(s)) for s in SOURCES}
    missing = [ex.id for ex in cles_du_kit().values()
               if ex.chapter in chapters and ex.id not in chapters[ex.chapter]]
    assert missing == []


BROKEN = [
    ("starter without solution", "```{code-cell} ipython3\n:tags: [starter]\n\nreponse = ...\n```\n",
     "doit être suivie de sa cellule « solution »"),
    ("solution without starter", "```{code-cell} ipython3\n:tags: [solution]\n\nreponse = 1\n```\n",
     "doit suivre sa cellule « starter »"),
    ("starter with an answer", "```{code-cell} ipython3\n:tags: [starter]\n\nreponse = 3\n```\n"
     "```{code-cell} ipython3\n:tags: [solution]\n\nreponse = 1\n```\n", "laisser la réponse à « ... »"),
    ("no check after solution", "```{code-cell} ipython3\n:tags: [starter]\n\nreponse = ...\n```\n"
     "```{code-cell} ipython3\n:tags: [solution]\n\nreponse = 1\n```\n", "doit appeler verifier"),
    ("unknown exercise", '```{code-cell} ipython3\nverifier("exercice-fantome", 1)\n```\n',
     "exercice inconnu « exercice-fantome »"),
    ("exercise of another chapter", '```{code-cell} ipython3\nverifier("drives-lsa-2013", 1)\n```\n',
     "appartient au chapitre « relation-client »"),
]


@pytest.mark.parametrize("body, reason", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_a_source_breaking_the_conventions_is_refused_naming_file_and_cell(tmp_path, body, reason):
    source = tmp_path / "annexe-sources.md"
    source.write_text("# Titre\n\n" + body, encoding="utf-8")
    with pytest.raises(carnets.ErreurSourceCarnet) as err:
        carnets.generer(source)
    assert "annexe-sources.md, cellule" in str(err.value) and reason in str(err.value)


def _verdicts(notebook) -> list[tuple[str, object]]:
    """Run a notebook's code in-process, cell by cell, and check ``reponse`` at each
    ``verifier`` cell (the kernel run, in the light environment, is test_binder_env)."""
    namespace: dict = {}
    verdicts = []
    cwd = os.getcwd()
    os.chdir(carnets.RACINE / "exercises")
    try:
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            found = carnets.APPEL_VERIFIER.findall(cell.source)
            if found:
                verdicts += [(i, corriger(i, namespace.get("reponse"))) for i in found]
            else:
                exec(compile(cell.source, "<cellule>", "exec"), namespace)  # noqa: S102 - our own notebooks
    finally:
        os.chdir(cwd)
    return verdicts


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_reference_solutions_pass_their_checker(source):
    notebook = jupytext.read(source)
    notebook.cells = [c for c in notebook.cells if "starter" not in c.metadata.get("tags", [])]
    verdicts = _verdicts(notebook)
    assert verdicts and all(v.juste for _, v in verdicts), [(i, v.message) for i, v in verdicts if not v.juste]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_untouched_starters_fail_with_a_helpful_message(source):
    notebook = jupytext.read(source)
    notebook.cells = [c for c in notebook.cells if "solution" not in c.metadata.get("tags", [])]
    verdicts = _verdicts(notebook)
    assert verdicts
    for exercise_id, verdict in verdicts:
        assert exercise_id in identifiants() and not verdict.juste
        assert "Pas encore de réponse" in verdict.message, verdict.message


def test_command_line_check_fails_on_a_stale_notebook(tmp_path, monkeypatch, capsys):
    shutil.copytree(chemins.RACINE / chemins.EXERCICES, tmp_path / chemins.EXERCICES)
    monkeypatch.setattr(carnets, "RACINE", tmp_path)
    monkeypatch.setattr(carnets.perimes, "__defaults__", (tmp_path,))
    assert carnets.main(["--verifier"]) == 0
    (tmp_path / chemins.carnet_etudiant(SOURCES[0].stem)).write_text("{}", encoding="utf-8")
    assert carnets.main(["--verifier"]) == 1
    assert "périmé : exercises/" in capsys.readouterr().out


#: A tip in a code cell: ``# Astuce : <code>`` (or ``# Astuce, pour … : <code>``).
TIP_COMMENT = re.compile(r"^\s*#\s*Astuce[^:\n]*:\s*(.+?)\s*$", re.M)
INLINE_CODE = re.compile(r"`([^`\n]+)`")


def tips(notebook) -> list[str]:
    """The code a student notebook suggests running: ``# Astuce : …`` lines of code cells,
    and inline code of its text that is a Python expression calling or indexing something
    (placeholders with ``...`` left out)."""
    found = []
    for cell in notebook.cells:
        candidates = TIP_COMMENT.findall(cell.source) if cell.cell_type == "code" else INLINE_CODE.findall(cell.source)
        for code in candidates:
            try:
                tree = ast.parse(code, mode="eval")
            except SyntaxError:
                continue
            nodes = list(ast.walk(tree))
            if any(isinstance(n, (ast.Call, ast.Subscript)) for n in nodes) and not any(
                    isinstance(n, ast.Constant) and n.value is Ellipsis for n in nodes):
                found.append(code)
    return found


def test_the_tip_finder_sees_tips_and_skips_prose():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell('Voyez `table["x"].value_counts()`, la colonne `sens` et `verifier(...)`.'),
        nbformat.v4.new_code_cell("# Astuce, pour voir : len(table)\n# Une phrase : sans code.\nreponse = ..."),
    ])
    assert tips(notebook) == ['table["x"].value_counts()', "len(table)"]


@pytest.mark.lent
@pytest.mark.parametrize("path", sorted((chemins.RACINE / chemins.EXERCICES).glob("*.ipynb")), ids=lambda p: p.name)
def test_every_tip_runs_in_the_student_notebook_as_it_stands(path):
    """Run the student notebook as handed out (starters left at ``...``), then each tip it
    gives, in the same kernel: none may raise (a NameError on a variable only the
    solutions define, a column that does not exist…)."""
    notebook = nbformat.read(path, as_version=4)
    suggested = tips(notebook)
    notebook.cells += [nbformat.v4.new_code_cell(f"_astuce = {code}") for code in suggested]
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as err:
        pytest.fail(f"{path.name} : une astuce ou une cellule échoue telle que l'élève la reçoit :\n{str(err)[-1500:]}")
