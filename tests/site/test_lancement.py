"""Launch links: Binder and JupyterHub (nbgitpuller) open a chapter's exercise notebook,
from the page header and from each exercise; a wrong exercise id stops the build."""

from __future__ import annotations

import pytest

from urllib.parse import parse_qs, urlsplit

import shutil

from test_construction import build_small, make_book

from transfonum.chemins import RACINE

import subprocess

from transfonum.site.lancement import (Depot, adresse_binder, adresse_jupyterhub, adresse_web,
                                       branche_des_carnets, trouver_depot)

REPO = "https://github.com/ecole/kit"


def test_binder_url_opens_the_notebook_in_jupyterlab():
    url = adresse_binder("https://mybinder.org/", REPO, "main", "exercises/cdo.ipynb")
    assert url == "https://mybinder.org/v2/gh/ecole/kit/main?urlpath=lab/tree/exercises/cdo.ipynb"


def test_binder_url_for_a_repository_outside_github_is_encoded():
    url = adresse_binder("https://mybinder.org", "https://gitlab.example.org/a/b", "dev", "x.ipynb", "classic")
    assert url == "https://mybinder.org/v2/git/https%3A%2F%2Fgitlab.example.org%2Fa%2Fb/dev?urlpath=tree/x.ipynb"


def test_jupyterhub_url_uses_nbgitpuller_with_the_repository_folder():
    url = adresse_jupyterhub("https://hub.example.edu/", REPO + ".git", "main", "exercises/cdo.ipynb")
    parts = urlsplit(url)
    assert parts.netloc == "hub.example.edu" and parts.path == "/hub/user-redirect/git-pull"
    assert parse_qs(parts.query) == {
        "repo": [REPO + ".git"], "urlpath": ["lab/tree/kit/exercises/cdo.ipynb"], "branch": ["main"]}


@pytest.mark.parametrize("remote, web", [
    ("https://github.com/ecole/kit.git", "https://github.com/ecole/kit"),
    ("https://github.com/ecole/kit/", "https://github.com/ecole/kit"),
    ("git@github.com:ecole/kit.git", "https://github.com/ecole/kit"),
    ("ssh://git@gitlab.example.org/a/b.git", "https://gitlab.example.org/a/b"),
    ("/srv/git/kit.git", None),
    ("file:///srv/git/kit", None),
    ("", None),
])
def test_a_git_remote_becomes_a_web_address_or_nothing(remote, web):
    assert adresse_web(remote) == web


def _git(folder, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_repository_comes_from_config_then_actions_then_git(tmp_path):
    _git(tmp_path, "init", "-q", "-b", "cours")
    _git(tmp_path, "remote", "add", "origin", "git@github.com:ecole/kit.git")
    assert trouver_depot("", "", {}, tmp_path) == Depot("https://github.com/ecole/kit", "cours")
    actions = {"GITHUB_REPOSITORY": "autre/depot", "GITHUB_REF_TYPE": "branch", "GITHUB_REF_NAME": "pages"}
    assert trouver_depot("", "", actions, tmp_path) == Depot("https://github.com/autre/depot", "pages")
    assert trouver_depot("https://gitlab.example.org/x/y.git", "v2", actions, tmp_path) == Depot(
        "https://gitlab.example.org/x/y", "v2")


def test_links_open_the_student_branch_once_it_exists_and_say_so_until_then(tmp_path):
    depot = Depot("https://github.com/ecole/kit", "main")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "commit", "-q", "--allow-empty", "-m", "départ")
    branch, warning = branche_des_carnets(depot, "etudiant", tmp_path)
    assert branch == "main"
    assert "« etudiant » n'existe pas" in warning and "corrigés compris" in warning
    assert "make branche-etudiante" in warning
    _git(tmp_path, "branch", "etudiant")
    assert branche_des_carnets(depot, "etudiant", tmp_path) == ("etudiant", "")
    assert branche_des_carnets(depot, "", tmp_path) == ("main", ""), "vide : la branche du dépôt"


def test_no_online_repository_means_no_repository(tmp_path):
    assert trouver_depot("", "", {}, tmp_path) is None  # not a git folder
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "remote", "add", "origin", "/srv/git/kit.git")
    assert trouver_depot("", "", {}, tmp_path) is None


@pytest.mark.lent
def test_without_a_repository_the_build_says_so_and_leaves_links_out(tmp_path):
    root = make_book(tmp_path, "Voir {notebook-exercice}`chiffres-non-verifies`.\n")
    (root / "exercises").mkdir()
    (root / "exercises" / "page.ipynb").write_text("{}", encoding="utf-8")
    shutil.copytree(RACINE / "exercises" / "sources", root / "exercises" / "sources")
    result = build_small(root)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Liens de lancement désactivés" in result.stdout
    page = (root / "_build" / "html" / "book" / "page.html").read_text(encoding="utf-8")
    assert "mybinder.org" not in page and "ORGANISATION" not in page and "launch-buttons" not in page


@pytest.mark.lent
def test_a_clone_of_a_github_repository_links_its_student_branch_from_binder_and_hub(tmp_path):
    """Built anywhere (not on GitHub Actions, nothing in _config.yml): the links name the
    clone's remote, ``.git`` stripped, and open its student branch."""
    root = make_book(tmp_path, "Du texte.\n")
    config = (root / "_config.yml").read_text(encoding="utf-8")
    (root / "_config.yml").write_text(
        config.replace('jupyterhub_url: ""', 'jupyterhub_url: "https://hub.example.edu"'), encoding="utf-8")
    (root / "exercises").mkdir()
    (root / "exercises" / "page.ipynb").write_text("{}", encoding="utf-8")
    _git(root, "init", "-q", "-b", "cours")
    _git(root, "remote", "add", "origin", "https://github.com/ecole/kit.git")
    _git(root, "-c", "user.name=Essai", "-c", "user.email=essai@example.invalid",
         "commit", "-q", "--allow-empty", "-m", "départ")
    _git(root, "branch", "etudiant")
    result = build_small(root)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "branche étudiante" not in result.stdout
    page = (root / "_build" / "html" / "book" / "page.html").read_text(encoding="utf-8")
    assert "mybinder.org/v2/gh/ecole/kit/etudiant?urlpath=lab/tree/exercises/page.ipynb" in page
    assert ("hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fecole%2Fkit&"
            "urlpath=lab%2Ftree%2Fkit%2Fexercises%2Fpage.ipynb&branch=etudiant") in page
    assert "https://github.com/ecole/kit/issues" in page  # the theme's buttons follow
    assert "page.md" not in page.split("launch-buttons", 1)[-1][:3000]


def test_a_page_without_a_notebook_has_no_launch_button(built_site):
    html_dir, _ = built_site
    assert "logo_binder" not in (html_dir / "book" / "intro.html").read_text(encoding="utf-8")
    assert "exercises/annexe-sources.ipynb" in (html_dir / "book" / "annexe-sources.html").read_text(encoding="utf-8")


@pytest.mark.lent
def test_an_unknown_exercise_id_stops_the_build(tmp_path):
    result = build_small(make_book(tmp_path, "Voir {notebook-exercice}`exercice-fantome`.\n"))
    assert result.returncode != 0
    assert "exercice inconnu « exercice-fantome »" in result.stdout


@pytest.mark.lent
def test_an_exercise_missing_from_its_notebook_stops_the_build(tmp_path):
    result = build_small(make_book(tmp_path, "Voir {notebook-exercice}`drives-lsa-2013`.\n"))
    assert result.returncode != 0
    assert "« drives-lsa-2013 » n'est pas vérifié dans exercises/sources/relation-client.md" in result.stdout
