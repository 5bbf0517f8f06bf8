"""The student branch: what Binder and the hub hand to students, with no worked solution,
written without touching the work tree, and only ever moving forward."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from transfonum.chemins import RACINE
from transfonum.outils import branche_etudiante as be

STUDENT = sorted(p.name for p in (RACINE / "exercises").glob("*.ipynb"))


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture()
def clone(tmp_path) -> Path:
    """A clone of this repository's committed state, with an author for new commits."""
    repo = tmp_path / "kit"
    subprocess.run(["git", "clone", "-q", str(RACINE), str(repo)], check=True)
    _git(repo, "config", "user.name", "Essai")
    _git(repo, "config", "user.email", "essai@example.invalid")
    return repo


@pytest.mark.parametrize("path, kept", [
    ("exercises/cdo.ipynb", True), ("exercises/cles/cdo.json", True), ("data/chiffres.csv", True),
    ("transfonum/chemins.py", True), ("binder/postBuild", True), ("pyproject.toml", True),
    ("exercises/corriges/cdo.ipynb", False), ("exercises/sources/cdo.md", False),
    ("book/cdo.md", False), ("tests/conftest.py", False), ("exercises/README.md", False),
    ("_config.yml", False), ("Makefile", False), ("autre/exercises/cdo.ipynb", False),
])
def test_the_branch_keeps_what_students_need_and_nothing_else(path, kept):
    assert be.garde(path) is kept


def test_the_branch_holds_the_notebooks_without_solutions_and_only_moves_forward(clone):
    first = be.ecrire(clone)
    assert first.nouveau
    files = _git(clone, "ls-tree", "-r", "--name-only", be.BRANCHE).splitlines()
    assert sorted(f.removeprefix("exercises/") for f in files if f.count("/") == 1 and f.endswith(".ipynb")) == STUDENT
    assert not [f for f in files if f.startswith(("exercises/corriges/", "exercises/sources/", "book/", "tests/"))]
    assert {"README.md", "pyproject.toml", "binder/requirements.txt", "data/datapackage.json"} <= set(files)
    assert "exercises/cles/" in _git(clone, "show", f"{be.BRANCHE}:README.md")
    assert _git(clone, "status", "--porcelain") == "", "le dossier de travail ne doit pas changer"

    again = be.ecrire(clone)
    assert (again.commit, again.nouveau) == (first.commit, False), "rien de neuf : pas de commit"

    (clone / "data" / "README.md").write_text("Modifié.\n", encoding="utf-8")
    _git(clone, "commit", "-qam", "données")
    later = be.ecrire(clone)
    assert later.nouveau and _git(clone, "rev-parse", f"{later.commit}^") == first.commit
    assert _git(clone, "show", f"{be.BRANCHE}:data/README.md") == "Modifié."


def test_a_student_notebook_with_a_solution_is_refused_and_the_branch_left_as_it_was(clone, capsys):
    be.ecrire(clone)
    before = _git(clone, "rev-parse", be.BRANCHE)
    notebook = clone / "exercises" / STUDENT[0]
    content = json.loads(notebook.read_text(encoding="utf-8"))
    content["cells"][3].setdefault("metadata", {})["tags"] = ["solution"]
    notebook.write_text(json.dumps(content), encoding="utf-8")
    _git(clone, "commit", "-qam", "une solution glissée dans un carnet d'élève")
    with pytest.raises(be.ErreurBrancheEtudiante, match=rf"exercises/{STUDENT[0]} : cellule\(s\) 4 marquée"):
        be.ecrire(clone)
    assert _git(clone, "rev-parse", be.BRANCHE) == before


def test_a_kernel_started_next_to_the_notebooks_imports_the_copys_package(clone, tmp_path):
    """On a hub, the image has no kit: a kernel in exercises/ (a fresh one, nothing run
    before) must still import the package of the student's copy."""
    be.ecrire(clone)
    copy = tmp_path / "eleve"
    subprocess.run(["git", "clone", "-q", "-b", be.BRANCHE, str(clone), str(copy)], check=True)
    assert (copy / "exercises" / "transfonum").is_symlink()
    # -S: no site-packages, so no installed kit; the kernel's folder first, as ipykernel does.
    seen = subprocess.run([sys.executable, "-S", "-c", "import sys; sys.path.insert(0, '');"
                           " import transfonum.chemins as c; print(c.RACINE)"],
                          cwd=copy / "exercises", capture_output=True, text=True)
    assert seen.stdout.strip() == str(copy), seen.stderr


def test_an_untagged_cell_holding_a_solution_is_refused_too(clone):
    """Tags are not enough: a cell that carries a solution's code from the chapter's
    instructor notebook (reindented, comments added, no tag) is refused, naming the cell."""
    be.ecrire(clone)
    before = _git(clone, "rev-parse", be.BRANCHE)
    name = STUDENT[0]
    solutions = [c for c in json.loads((clone / "exercises" / "corriges" / name).read_text(encoding="utf-8"))["cells"]
                 if "solution" in c.get("metadata", {}).get("tags", [])]
    assert solutions, f"pas de solution dans le corrigé de {name}"
    code = "".join(solutions[0]["source"])
    notebook = clone / "exercises" / name
    content = json.loads(notebook.read_text(encoding="utf-8"))
    content["cells"].insert(4, {"cell_type": "code", "execution_count": None, "id": "glissee", "metadata": {},
                                "outputs": [], "source": "# ma réponse\n" + code.replace("\n", "\n  ")})
    notebook.write_text(json.dumps(content), encoding="utf-8")
    _git(clone, "commit", "-qam", "une solution sans étiquette dans un carnet d'élève")
    with pytest.raises(be.ErreurBrancheEtudiante,
                       match=rf"exercises/{name} : cellule\(s\) 5 contiennent le code d'une solution"):
        be.ecrire(clone)
    assert _git(clone, "rev-parse", be.BRANCHE) == before


def test_the_command_says_in_french_what_it_did_or_what_is_wrong(capsys):
    assert be.main(["--depuis", "pas-un-commit"]) == 1
    assert capsys.readouterr().err.startswith("erreur : git rev-parse --verify a échoué")


def test_the_pages_workflow_writes_the_branch_before_the_book_and_publishes_the_pdfs():
    """The book's links name the student branch only if it exists when the book is built;
    the chapters' PDF links need make pdf before the site is uploaded."""
    workflow = (RACINE / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    order = [workflow.find(step) for step in (f"origin {be.BRANCHE}:{be.BRANCHE}", "make branche-etudiante",
                                               "make pdf\n", "make pdf-etudiant", f"git push origin {be.BRANCHE}",
                                               "upload-pages-artifact")]
    assert -1 not in order and order == sorted(order), order
    assert "contents: write" in workflow
