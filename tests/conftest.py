"""Shared fixtures: one clean build of the book per test session (and one of its student
edition, from the same notebook cache), served on 127.0.0.1, and Debian's Chromium
driven by Playwright.

Tests that build a book, drive Chromium or make a fresh environment are marked ``lent``
(by hand, or here when they use one of :data:`FIXTURES_LENTES`): ``make test-rapide``
runs the others, ``make test`` runs everything."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from transfonum.chemins import RACINE
from transfonum.outils import navigateur
from transfonum.site.construction import construire

#: Fixtures that build the book, drive a browser or build an environment.
FIXTURES_LENTES = {"built_site", "built_student_site", "site_url", "browser", "probe_site", "probe_url",
                   "binder_env", "binder_kernel"}


def pytest_collection_modifyitems(config, items) -> None:
    """Mark ``lent`` every test that uses a slow fixture."""
    for item in items:
        if FIXTURES_LENTES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.lent)


CHROMIUM, CHROMIUM_ARGS = navigateur.CHROMIUM, navigateur.ARGUMENTS


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, str]:
    """The book built from clean (empty cache) into a temporary folder.

    Returns the HTML folder and the build's output (standard error merged in).
    """
    out = tmp_path_factory.mktemp("site")
    # As on GitHub Actions: a clone's own remote may be a local path, with no launch links.
    os.environ["GITHUB_REPOSITORY"] = "exemple/kit-transfonum"
    try:
        result = construire(RACINE, sortie=out, capturer=True)
    finally:
        del os.environ["GITHUB_REPOSITORY"]
    if result.returncode != 0:
        pytest.fail(f"la construction du livre a échoué :\n{result.stdout[-6000:]}")
    return out / "_build" / "html", result.stdout


@pytest.fixture(scope="session")
def built_student_site(built_site, tmp_path_factory) -> tuple[Path, str]:
    """The book's student edition, built into a temporary folder from a copy of the
    teacher build's notebook cache (the notebooks are the same: none runs again).

    Returns the HTML folder and the build's output (standard error merged in).
    """
    teacher_html, _ = built_site
    out = tmp_path_factory.mktemp("site-etudiant")
    shutil.copytree(teacher_html.parent / ".jupyter_cache", out / "_build" / ".jupyter_cache")
    result = construire(RACINE, sortie=out, valider=False, capturer=True, etudiant=True)
    if result.returncode != 0:
        pytest.fail(f"la construction de l'édition étudiante a échoué :\n{result.stdout[-6000:]}")
    return out / "_build" / "html", result.stdout


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


def _served(html_dir: Path):
    """Serves ``html_dir`` on the loopback interface only; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Base URL of the built site, served on the loopback interface only."""
    yield from _served(built_site[0])


@pytest.fixture(scope="session")
def student_site_url(built_student_site) -> str:
    """Base URL of the built student edition, served on the loopback interface only."""
    yield from _served(built_student_site[0])


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (never a downloaded browser), headless."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


#: What the real-client test (tests/outils/test_jupyterlab.py) installs on top of the Binder environment.
CLIENT_JUPYTERLAB = Path(__file__).parent / "outils" / "client-jupyterlab.txt"


@pytest.fixture(scope="session")
def binder_env() -> Path:
    """A virtual environment built from binder/requirements.txt only, as Binder does
    (then the JupyterLab client of tests/outils/test_jupyterlab.py); returns its prefix.
    Kept under _build/binder/ and reused while binder/* and the client list stay the same
    (:func:`transfonum.outils.binder.creer_ou_reprendre`): a fresh clone builds it anew."""
    from transfonum.outils import binder

    try:
        return binder.creer_ou_reprendre(supplements=[CLIENT_JUPYTERLAB])
    except binder.ErreurBinder as err:
        pytest.fail(f"environnement Binder impossible à installer :\n{err}")


@pytest.fixture(scope="session")
def binder_kernel(binder_env) -> str:
    """A kernel running in the fresh Binder environment; JUPYTER_PATH points at its
    kernelspec for the whole session."""
    from transfonum.outils import binder

    name = binder.ecrire_noyau(binder.python_de(binder_env), binder_env.parent / "jupyter")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(binder_env.parent / "jupyter"))
        yield name
