"""Every exercise cell stands alone, and the kit's own errors read as one French line.

- a generated cell that calls a notebook tool (``verifier``, ``exercice``…) imports it;
- in IPython, a kit error (unknown table or exercise, a table without its columns, not a
  table at all) shows as one French line, not a traceback, and is still an error: the
  cell fails, and a build that executes it stops;
- a checking cell run before its answer reads « Pas encore de réponse »;
- a form Jupyter cannot draw (untrusted copy) reads as a French sentence.
"""

from __future__ import annotations

import nbformat
import pytest
from IPython.core.interactiveshell import InteractiveShell
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from transfonum import chemins
from transfonum.donnees.tables import ErreurTable
from transfonum.exercices import carnets
from transfonum.exercices.correction import ExerciceInconnu
from transfonum.exercices.widgets import REPONSE_NON_EXECUTEE, exercice

STUDENT = sorted((chemins.RACINE / chemins.EXERCICES).glob("*.ipynb"))


@pytest.fixture()
def shell(capsys):
    """An IPython shell with a fresh namespace; ``shell.lancer(code)`` returns (result, printed)."""
    ip = InteractiveShell.instance()
    ip.reset(new_session=False)

    def lancer(code: str):
        capsys.readouterr()
        result = ip.run_cell(code)
        out = capsys.readouterr()
        return result, out.out + out.err

    ip.lancer = lancer
    yield ip
    ip.reset(new_session=False)


def _one_french_line(printed: str) -> str:
    lines = [line for line in printed.strip().splitlines() if line.strip()]
    assert len(lines) == 1, printed
    assert "Traceback" not in printed and ".py" not in printed, printed
    return lines[0]


@pytest.mark.parametrize(("code", "expected", "kind"), [
    ('charger_table("etude")', "table inconnue «\u00a0etude\u00a0»\u00a0; vouliez-vous dire «\u00a0etudes\u00a0»", ErreurTable),
    ('exiger_colonnes(charger_table("etudes"), "chiffres", ["valeur"])',
     "colonne(s) manquante(s)\u00a0: valeur\u00a0; passez la table telle que la donne charger_table(\"chiffres\")",
     ErreurTable),
    ('exiger_colonnes([1, 2], "chiffres", ["valeur"])', "un tableau pandas est attendu, pas un objet list", ErreurTable),
    ('verifier("cdo-domaine", 3)', "exercice inconnu «\u00a0cdo-domaine\u00a0»\u00a0; vouliez-vous dire «\u00a0cdo-domaines\u00a0»",
     ExerciceInconnu),
])
def test_a_kit_error_is_one_french_line_and_still_an_error(shell, code, expected, kind):
    shell.lancer("from transfonum.donnees import charger_table, exiger_colonnes\n"
                 "from transfonum.exercices.widgets import verifier")
    result, printed = shell.lancer(code)
    assert isinstance(result.error_in_exec, kind), "l'erreur doit rester une erreur (la cellule échoue)"
    line = _one_french_line(printed)
    assert line.startswith("\x1b[1;31mErreur\x1b[0m\u00a0: ") and expected in line, line


def test_the_usual_python_errors_keep_their_traceback(shell):
    """Only the kit's errors are shortened: a student's own bug still shows where it is."""
    _, printed = shell.lancer("def f():\n    return 1 / 0\nf()")
    assert "ZeroDivisionError" in printed and "Traceback" in printed or "----> " in printed


def test_checking_before_answering_reads_no_answer_yet():
    """On a fresh kernel, the first checking cell of a student notebook run before anything
    else (and a name not defined yet): one French line each, and still an error."""
    first = next(c for c in nbformat.read(STUDENT[0], as_version=4).cells
                 if c.cell_type == "code" and "verifier(" in c.source)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(first.source),
                                               nbformat.v4.new_code_cell("chifres")])
    NotebookClient(notebook, timeout=60, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(STUDENT[0].parent)}}).execute()
    lines = []
    for cell in notebook.cells:
        [error] = [o for o in cell.outputs if o.output_type == "error"]
        assert error.ename == "NameError" and len(error.traceback) == 1, error.traceback
        lines.append(error.traceback[0])
    assert REPONSE_NON_EXECUTEE in lines[0]
    assert REPONSE_NON_EXECUTEE.startswith("Pas encore de réponse\u00a0: ")
    assert "«\u00a0chifres\u00a0» n’existe pas encore dans ce carnet" in lines[1]


def test_every_generated_cell_that_calls_a_tool_imports_it():
    checked = 0
    for path in sorted((chemins.RACINE / chemins.EXERCICES).rglob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            calls = carnets._APPEL_OUTIL.findall(cell.source) if cell.cell_type == "code" else []
            for name in calls:
                assert f"from transfonum.exercices.widgets import" in cell.source and name in cell.source.split("\n")[0], \
                    f"{path.name} : la cellule qui appelle {name}() ne l'importe pas :\n{cell.source}"
                checked += 1
    assert checked > 40
    assert carnets.autonome("x = 1") == "x = 1"
    assert carnets.autonome('exercice("a")\nverifier("a", reponse)').startswith(
        "from transfonum.exercices.widgets import exercice, verifier\n\n")


def test_a_kit_error_stops_a_build_that_executes_it():
    """What myst-nb and the grading do: nbclient without allow_errors raises."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'from transfonum.donnees import charger_table\ncharger_table("etude")')])
    with pytest.raises(CellExecutionError, match="table inconnue"):
        NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    error = notebook.cells[0].outputs[-1]
    assert error.output_type == "error" and len(error.traceback) == 1
    assert "table inconnue" in error.traceback[0]


def test_a_form_jupyter_cannot_draw_reads_as_a_french_sentence():
    bundle = exercice("cdo-domaines")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == ("Formulaire de réponse de l’exercice «\u00a0cdo-domaines\u00a0»\u00a0: "
                                    "exécutez cette cellule pour l’afficher.")
