"""The lock (requirements.lock, written by ``make verrou``) holds every package of the
environment at its exact version: it agrees with each direct pin of requirements.txt, and
the venv running the tests holds what it says. After a pin changes in requirements.txt
without ``make verrou``, or after a package is upgraded by hand, these tests fail."""

from __future__ import annotations

from importlib import metadata

from transfonum.chemins import RACINE
from transfonum.outils.binder import nom_normalise, versions_epinglees

REQUIREMENTS = RACINE / "requirements.txt"
LOCK = RACINE / "requirements.lock"


def test_the_lock_has_every_direct_pin_at_the_same_version():
    direct, locked = versions_epinglees(REQUIREMENTS), versions_epinglees(LOCK)
    assert direct, "aucune version épinglée dans requirements.txt"
    differ = {name: (version, locked.get(name)) for name, version in direct.items() if locked.get(name) != version}
    assert not differ, f"requirements.lock ne suit pas requirements.txt (lancez make verrou) : {differ}"


def test_the_lock_holds_the_theme_and_sphinx_the_build_depends_on():
    """They hold today only because myst-parser caps Sphinx: the lock must name them."""
    locked = versions_epinglees(LOCK)
    assert {"sphinx", "sphinx-book-theme", "pydata-sphinx-theme", "myst-parser", "pip"} <= set(locked)


def test_the_lock_leaves_out_the_kit_itself():
    text = LOCK.read_text(encoding="utf-8")
    assert "transfonum" not in versions_epinglees(LOCK)
    assert not [line for line in text.splitlines() if line.startswith(("-e", "--editable"))]


def test_the_venv_holds_what_the_lock_says():
    installed = {nom_normalise(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differ = {name: (version, installed.get(name)) for name, version in versions_epinglees(LOCK).items()
              if installed.get(name) != version}
    assert not differ, f"l'environnement ne suit pas requirements.lock (verrou, installé) : {differ} ; lancez make"
