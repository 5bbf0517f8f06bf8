"""Launch links: Binder and JupyterHub (nbgitpuller) open a chapter's exercise notebook,
from the page header and from each exercise; a wrong exercise id stops the build."""

from __future__ import annotations

import pytest

from urllib.parse import parse_qs, urlsplit

from test_construction import build_small, make_book

from transfonum.site.lancement import adresse_binder, adresse_jupyterhub

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


@pytest.mark.lent
def test_header_buttons_open_the_chapters_notebook_binder_and_hub(tmp_path):
    root = make_book(tmp_path, "Du texte.\n")
    config = (root / "_config.yml").read_text(encoding="utf-8")
    config = config.replace('jupyterhub_url: ""', 'jupyterhub_url: "https://hub.example.edu"')
    (root / "_config.yml").write_text(config, encoding="utf-8")
    (root / "exercises").mkdir()
    (root / "exercises" / "page.ipynb").write_text("{}", encoding="utf-8")
    result = build_small(root)
    assert result.returncode == 0, result.stdout[-3000:]
    page = (root / "_build" / "html" / "book" / "page.html").read_text(encoding="utf-8")
    assert "urlpath=lab/tree/exercises/page.ipynb" in page
    assert "hub.example.edu/hub/user-redirect/git-pull?" in page
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
