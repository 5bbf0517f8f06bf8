"""The light student environment: built from ``binder/requirements.txt`` alone in a fresh
virtual environment (as Binder does), it runs every exercise notebook without an error.
Student editions answer « À revoir » with the « no answer yet » hint at every check;
instructor editions answer « Juste »."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from transfonum.chemins import BINDER, RACINE
from transfonum.outils import binder

NB = "\u00a0"
EXERCISES = RACINE / "exercises"
STUDENT = sorted(EXERCISES.glob("*.ipynb"))
SOLUTIONS = sorted((EXERCISES / "corriges").glob("*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _run(path: Path, kernel: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name=kernel, timeout=120, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def _errors(notebook: nbformat.NotebookNode) -> list[str]:
    return [
        f"cellule {i} : {out.get('ename')} : {out.get('evalue')}"
        for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
        for out in cell.get("outputs", []) if out.output_type == "error"
    ]


def _verdicts(notebook: nbformat.NotebookNode) -> list[str]:
    """The text/plain result of every cell that calls verifier(...)."""
    found = []
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or "verifier(" not in cell.source:
            continue
        results = [o for o in cell.outputs if o.output_type == "execute_result"]
        assert results, f"cellule {i} : verifier(...) n'affiche rien"
        found.append(results[-1]["data"]["text/plain"])
    return found


def test_there_are_notebooks_to_run():
    assert STUDENT, "aucun carnet étudiant dans exercises/"
    assert [p.name for p in SOLUTIONS] == [p.name for p in STUDENT]


#: What the Binder environment has and the book's does not: JupyterLab, in French.
BINDER_ONLY = {"jupyterlab", "jupyterlab-language-pack-fr-fr"}


def test_binder_pins_equal_the_full_environment():
    light = binder.versions_epinglees(binder.EXIGENCES)
    full = binder.versions_epinglees(RACINE / "requirements.txt")
    assert set(light) == {"pandas", "altair", "networkx", "ipykernel", "ipywidgets"} | BINDER_ONLY
    assert {name: full.get(name) for name in set(light) - BINDER_ONLY} == {
        name: light[name] for name in set(light) - BINDER_ONLY}
    assert (RACINE / BINDER / "runtime.txt").read_text().strip() == "python-3.11"


def test_the_kit_is_installed_after_its_dependencies_without_them():
    """Dependencies in requirements.txt, the kit in postBuild: Binder's dependency layer
    does not change when only the kit's content does."""
    lines = [ln.split("#", 1)[0].strip() for ln in binder.EXIGENCES.read_text().splitlines()]
    assert not [ln for ln in lines if ln.startswith(("-e", "."))], "le kit n'a rien à faire dans requirements.txt"
    overrides = json.loads((RACINE / BINDER / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"
    assert overrides["@jupyter-widgets/jupyterlab-manager:plugin"] == {"saveState": True}


def test_jupyterlab_is_pinned_where_the_real_client_test_takes_it():
    """The JupyterLab students get is the one tests/outils/test_jupyterlab.py tries: pinned
    in binder/requirements.txt, not added by the test's own list."""
    assert "jupyterlab" in binder.versions_epinglees(binder.EXIGENCES)
    client = RACINE / "tests" / "outils" / "client-jupyterlab.txt"
    assert "jupyterlab" not in binder.versions_epinglees(client)


def test_postbuild_leaves_no_trace_in_the_copy_and_the_kit_imports_from_it(tmp_path):
    """postBuild, run from a clean clone with a bare environment's Python first on PATH:
    the clone has no new file (no transfonum.egg-info/, ignored or not), and that Python
    imports the kit from the clone; the settings are where JupyterLab reads them."""
    clone = tmp_path / "copie"
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(RACINE), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", "HEAD"], check=True)
    # What postBuild runs on is this worktree's binder/ (it may be newer than HEAD).
    for name in ("postBuild", "overrides.json"):
        (clone / BINDER / name).write_bytes((RACINE / BINDER / name).read_bytes())
    subprocess.run(["git", "-C", str(clone), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(clone), "-c", "user.name=t", "-c", "user.email=t@t", "commit",
                    "-q", "--allow-empty", "-m", "binder"], check=True)
    prefix = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True)
    env = {**os.environ, "PATH": f"{prefix / 'bin'}{os.pathsep}{os.environ['PATH']}", "VIRTUAL_ENV": str(prefix)}
    done = subprocess.run(["bash", str(clone / BINDER / "postBuild")], cwd=clone, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    status = subprocess.run(["git", "-C", str(clone), "status", "--porcelain", "--ignored"],
                            capture_output=True, text=True, check=True).stdout
    assert status == "", f"postBuild laisse des fichiers dans la copie :\n{status}"
    seen = subprocess.run([str(prefix / "bin" / "python"), "-c", "import transfonum; print(transfonum.__file__)"],
                          cwd=tmp_path, env={**env, "PYTHONNOUSERSITE": "1"}, capture_output=True, text=True)
    assert seen.stdout.strip() == str(clone / "transfonum" / "__init__.py"), seen.stderr
    assert (prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json").is_file()


def test_package_imports_without_the_book_toolchain(binder_kernel, tmp_path):
    cells = [
        "import importlib.util, sys\n"
        "import transfonum.exercices, transfonum.donnees, transfonum.exercices.widgets, transfonum.graphiques\n"
        "from transfonum.donnees import DOSSIER_DONNEES, charger_table\n"
        "print(len(charger_table('chiffres')) > 0, DOSSIER_DONNEES.is_dir())\n"
        "print([m for m in ('sphinx', 'jupyter_book', 'myst_nb', 'frictionless', 'playwright')"
        " if importlib.util.find_spec(m)])\n"
        "print(sys.prefix)",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    path = tmp_path / "imports.ipynb"
    nbformat.write(notebook, path)
    ran = _run(path, binder_kernel)
    assert not _errors(ran), _errors(ran)
    text = ran.cells[0].outputs[0]["text"].splitlines()
    assert text[0] == "True True"
    assert text[1] == "[]", f"outils du livre présents dans l'environnement léger : {text[1]}"
    assert Path(text[2]) != Path(sys.prefix)


def _run_checked(path: Path, kernel: str):
    """Run a notebook in the light environment: no cell error, at least one verdict."""
    ran = _run(path, kernel)
    assert not _errors(ran), _errors(ran)
    verdicts = _verdicts(ran)
    assert verdicts, f"{path.name} : aucune cellule verifier(...)"
    return ran, verdicts


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.name)
def test_student_notebook_runs_and_asks_for_answers(binder_kernel, path):
    _, verdicts = _run_checked(path, binder_kernel)
    for text in verdicts:
        assert text.startswith(f"À revoir{NB}:"), text
        assert f"Pas encore de réponse{NB}: remplacez" in text, text


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_instructor_notebook_runs_and_every_check_is_right(binder_kernel, path):
    ran, verdicts = _run_checked(path, binder_kernel)
    for text in verdicts:
        assert text.startswith(f"Juste{NB}:"), text
    widget_cells = [c for c in ran.cells if c.cell_type == "code" and "exercice(" in c.source]
    for cell in widget_cells:
        assert any(WIDGET_MIME in o.get("data", {}) for o in cell.outputs), cell.source


def test_the_environment_is_reused_until_what_it_is_made_of_changes(tmp_path, monkeypatch):
    """Made once per content of binder/* and of the lists installed on top: kept while they
    stay the same, made anew (the old one removed) when one changes, and made again when
    a previous attempt did not finish."""
    made = []

    def creer(prefix):
        made.append(prefix)
        prefix.mkdir(parents=True)

    monkeypatch.setattr(binder, "creer", creer)
    extra = tmp_path / "client.txt"
    extra.write_text("jupyterlab==1\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = binder.creer_ou_reprendre(cache, [extra])
    assert binder.creer_ou_reprendre(cache, [extra]) == first and made == [first]
    extra.write_text("jupyterlab==2\n", encoding="utf-8")
    second = binder.creer_ou_reprendre(cache, [extra])
    assert second != first and made == [first, second]
    assert [p.name for p in cache.iterdir()] == [second.parent.name]
    (second.parent / binder.TAMPON).unlink()  # interrupted before the end
    assert binder.creer_ou_reprendre(cache, [extra]) == second and made == [first, second, second]
