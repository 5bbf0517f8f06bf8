"""Build the book the one way the kit builds it: data checked first, then Jupyter Book
with every warning an error. Used by ``make book``, the tests and the benchmark.

    python -m transfonum.build [--path-output DIR] [--no-validate] [SOURCE]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

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
    capture: bool = False,
) -> subprocess.CompletedProcess:
    """Validate ``data/`` (unless told not to), then build the book.

    Returns the completed process of the step that failed, or of the build; with
    ``capture`` its output is in ``stdout`` (standard error merged in).
    """
    output = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True} if capture else {}
    if validate:
        checked = subprocess.run([sys.executable, "-m", "transfonum.validation"], **output)
        if checked.returncode != 0:
            return checked
    return subprocess.run(jupyter_book_command(source, path_output), **output)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=REPO_ROOT)
    parser.add_argument("--path-output", type=Path, default=None)
    parser.add_argument("--no-validate", action="store_true")
    args = parser.parse_args(argv)
    result = build(args.source, args.path_output, validate=not args.no_validate)
    if result.returncode == 0:
        html = (args.path_output or args.source) / "_build" / "html" / "index.html"
        print(f"\nSite construit : ouvrez {html}, ou lancez « make serve ».")
    else:
        print("\nÉchec de la construction : voir les messages ci-dessus.", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
