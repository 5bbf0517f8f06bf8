"""Build the book the one way the kit builds it: data checked first, then Jupyter Book
with every warning an error. Used by ``make book``, the tests and the benchmark.

    python -m transfonum.build [--etudiant] [--path-output DIR] [--no-validate] [SOURCE]

``--etudiant`` builds the student edition: every exercise without its solution, into
``_build/etudiant/_build/html`` unless ``--path-output`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
#: Read by transfonum.sphinx_ext: set, the build leaves the solutions out.
STUDENT_EDITION_ENV_VAR = "TRANSFONUM_EDITION_ETUDIANT"
#: Where the student edition goes by default (its own cache: the full site is untouched).
STUDENT_OUTPUT = Path("_build") / "etudiant"

#: Warnings are errors, and --keep-going reports all of them before failing.
STRICT_FLAGS = ["--warningiserror", "--keep-going"]


def jupyter_book_command(source: Path, path_output: Path | None = None) -> list[str]:
    """The ``jupyter-book build`` command line with the kit's strict flags."""
    executable = Path(sys.executable).with_name("jupyter-book")
    command = [str(executable), "build", *STRICT_FLAGS]
    if path_output is not None:
        command += ["--path-output", str(path_output)]
    return command + [str(source)]


def build(
    source: Path = REPO_ROOT, path_output: Path | None = None, validate: bool = True,
    capture: bool = False, student: bool = False,
) -> subprocess.CompletedProcess:
    """Validate ``data/`` (unless told not to), then build the book.

    Returns the completed process of the step that failed, or of the build; with
    ``capture`` its output is in ``stdout`` (standard error merged in). ``student``
    builds the student edition (no solutions).
    """
    env = {**os.environ, STUDENT_EDITION_ENV_VAR: "1"} if student else None
    output = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True} if capture else {}
    if validate:
        checked = subprocess.run([sys.executable, "-m", "transfonum.validation"], **output)
        if checked.returncode != 0:
            return checked
    return subprocess.run(jupyter_book_command(source, path_output), env=env, **output)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=REPO_ROOT)
    parser.add_argument("--path-output", type=Path, default=None)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--etudiant", action="store_true", help="édition étudiante, sans les solutions")
    args = parser.parse_args(argv)
    if args.etudiant and args.path_output is None:
        args.path_output = args.source / STUDENT_OUTPUT
    result = build(args.source, args.path_output, validate=not args.no_validate, student=args.etudiant)
    if result.returncode == 0:
        html = (args.path_output or args.source) / "_build" / "html" / "index.html"
        print(f"\nSite construit : ouvrez {html}, ou lancez « make serve ».")
    else:
        print("\nÉchec de la construction : voir les messages ci-dessus.", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
