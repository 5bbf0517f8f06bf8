"""A build leaves the work tree as it was: what it generates goes under its build folder
(``_build/`` or ``--path-output``), never into the sources. The state of the tree is noted
when this module is imported (at collection, before any test builds anything) and compared
after the session's build, and after the tests that ran before this one."""

from __future__ import annotations

import hashlib
import subprocess

import pytest

from transfonum.chemins import RACINE


def tree_state() -> dict[str, str] | None:
    """What ``git status`` shows (ignored files left out), each path with the digest of its
    content: a file already changed before the session and rewritten by it shows too.
    ``None`` outside a git work tree (a copy without its history)."""
    done = subprocess.run(["git", "status", "--porcelain", "-z", "--untracked-files=all"],
                          cwd=RACINE, capture_output=True, text=True)
    if done.returncode != 0:
        return None
    state = {}
    for entry in filter(None, done.stdout.split("\0")):
        status, path = entry[:2], entry[3:]
        file = RACINE / path
        digest = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else "absent"
        state[path] = f"{status} {digest}"
    return state


BEFORE = tree_state()


def test_the_build_and_the_tests_before_leave_the_tree_as_it_was(built_site):
    if BEFORE is None:
        pytest.skip(f"{RACINE} n'est pas une copie de travail git")
    after = tree_state()
    changed = sorted(path for path in BEFORE.keys() | after.keys() if BEFORE.get(path) != after.get(path))
    assert not changed, f"fichiers écrits ou modifiés dans la copie de travail pendant les tests : {changed}"
