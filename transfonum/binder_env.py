"""The light student environment (``binder/requirements.txt``), rebuilt from scratch and
used to run the exercise notebooks as Binder would (tests, ``make bench``).

- :func:`create` makes a fresh virtual environment and installs the file into it the way
  repo2docker does: ``pip install -r binder/requirements.txt`` from the repository root
  (``-e .`` there is the kit's package, editable, so ``data/`` is read from the checkout);
- :func:`write_kernelspec` writes a Jupyter kernel that runs in that environment: point
  ``JUPYTER_PATH`` at the folder and start the kernel by its name (nbclient,
  jupyter_client) from any other environment;
- :func:`site_packages_bytes` weighs an environment's installed packages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from transfonum.build import REPO_ROOT

BINDER_DIR: Path = REPO_ROOT / "binder"
REQUIREMENTS: Path = BINDER_DIR / "requirements.txt"
KERNEL_NAME = "transfonum-binder"


class BinderEnvError(RuntimeError):
    """The environment could not be built; the message ends with pip's output."""


def python_of(prefix: Path) -> Path:
    """The interpreter of the virtual environment at ``prefix``."""
    return prefix / "bin" / "python"


def create(prefix: Path, requirements: Path = REQUIREMENTS, timeout: float = 900) -> Path:
    """Create a virtual environment at ``prefix`` and install ``requirements`` into it
    (pip's cache is used); return its interpreter.

    :raises BinderEnvError: if ``venv`` or ``pip`` fails (with the tail of their output).
    """
    steps = [
        [sys.executable, "-m", "venv", str(prefix)],
        [str(python_of(prefix)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(requirements)],
    ]
    for command in steps:
        done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise BinderEnvError(
                f"échec de « {' '.join(command[-3:])} » (code {done.returncode}) :\n"
                f"{(done.stdout + done.stderr)[-4000:]}"
            )
    return python_of(prefix)


def write_kernelspec(python: Path, jupyter_dir: Path, name: str = KERNEL_NAME) -> str:
    """Write ``<jupyter_dir>/kernels/<name>/kernel.json``, a kernel run by ``python``
    (its own site-packages only); return the kernel name."""
    folder = jupyter_dir / "kernels" / name
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (environnement Binder du kit)",
        "language": "python",
        "env": {"PYTHONNOUSERSITE": "1"},
    }
    (folder / "kernel.json").write_text(json.dumps(spec, indent=2), encoding="utf-8")
    return name


def site_packages_bytes(prefix: Path) -> int:
    """Bytes of every file under the environment's ``lib/python*/site-packages``."""
    total = 0
    for site in prefix.glob("lib/python*/site-packages"):
        for root, _dirs, files in os.walk(site):
            for file in files:
                path = Path(root) / file
                if not path.is_symlink():
                    total += path.stat().st_size
    return total


def pinned(requirements: Path) -> dict[str, str]:
    """``name == version`` lines of a requirements file, names lower-cased."""
    pins = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip().lower()] = version.strip()
    return pins
