"""L'environnement léger des élèves (``binder/requirements.txt``), refait de zéro pour
exécuter les carnets d'exercices comme Binder le ferait (tests, ``make bench``).

- :func:`creer` fait un environnement virtuel neuf et le prépare comme repo2docker :
  ``pip install -r binder/requirements.txt`` (les dépendances), puis ``binder/postBuild``
  (le paquet du kit sans dépendances, éditable : ``data/`` est lu dans la copie ; les
  réglages de JupyterLab), depuis la racine du dépôt ;
- :func:`creer_ou_reprendre` fait de même une fois par contenu de ``binder/`` : l'environnement
  est gardé sous ``_build/binder/<empreinte>`` et repris tant que ``binder/*`` (et la
  version de Python) ne changent pas ; refait dès que l'un d'eux change ;
- :func:`ecrire_noyau` écrit un noyau Jupyter qui tourne dans cet environnement : faire
  pointer ``JUPYTER_PATH`` sur le dossier et démarrer le noyau par son nom (nbclient,
  jupyter_client) depuis n'importe quel autre environnement ;
- :func:`octets_installes` pèse les paquets installés d'un environnement.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from transfonum.chemins import BINDER, CONSTRUCTION, RACINE

#: Le fichier des paquets de l'environnement léger, et le script lancé ensuite.
EXIGENCES: Path = RACINE / BINDER / "requirements.txt"
APRES_INSTALLATION: Path = RACINE / BINDER / "postBuild"
NOM_NOYAU = "transfonum-binder"
#: Où :func:`creer_ou_reprendre` garde ses environnements, un dossier par empreinte.
CACHE: Path = RACINE / CONSTRUCTION / "binder"
#: Écrit dans le dossier d'une empreinte une fois l'environnement complet.
TAMPON = "pret"


class ErreurBinder(RuntimeError):
    """L'environnement n'a pas pu être construit ; le message finit par la sortie de pip."""


def python_de(prefix: Path) -> Path:
    """L'interpréteur de l'environnement virtuel ``prefix``."""
    return prefix / "bin" / "python"


def creer(prefix: Path, requirements: Path = EXIGENCES, timeout: float = 900) -> Path:
    """Crée un environnement virtuel en ``prefix``, y installe ``requirements`` (avec le
    cache de pip) puis lance ``binder/postBuild`` comme repo2docker ; renvoie son
    interpréteur.

    :raises ErreurBinder: si ``venv``, ``pip`` ou ``postBuild`` échoue (avec la fin de leur sortie).
    """
    python = python_de(prefix)
    env = {**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "VIRTUAL_ENV": str(prefix), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    etapes = [
        [sys.executable, "-m", "venv", str(prefix)],
        [str(python), "-m", "pip", "install", "--quiet", "-r", str(requirements)],
        ["bash", str(APRES_INSTALLATION)],
    ]
    for commande in etapes:
        fait = subprocess.run(commande, cwd=RACINE, capture_output=True, text=True, timeout=timeout, env=env)
        if fait.returncode != 0:
            raise ErreurBinder(
                f"échec de « {' '.join(commande[-3:])} » (code {fait.returncode}) :\n"
                f"{(fait.stdout + fait.stderr)[-4000:]}"
            )
    return python


def empreinte_binder(supplements: Iterable[Path] = ()) -> str:
    """Un condensé des fichiers de ``binder/``, des ``supplements`` (d'autres listes de
    paquets installées ensuite) et de la version de Python."""
    condense = hashlib.sha256(sys.version.encode())
    for chemin in [*sorted((RACINE / BINDER).iterdir()), *supplements]:
        condense.update(chemin.name.encode())
        condense.update(chemin.read_bytes())
    return condense.hexdigest()[:16]


def creer_ou_reprendre(dossier: Path = CACHE, supplements: Iterable[Path] = ()) -> Path:
    """L'environnement de ``dossier/<empreinte>/venv`` (voir :func:`empreinte_binder`) :
    repris s'il a été mené à bout, sinon fait de zéro par :func:`creer`. Les
    environnements d'autres empreintes sont effacés. Renvoie son préfixe. Les
    ``supplements`` entrent dans l'empreinte : qui les installe ensuite dans
    l'environnement retrouve le même environnement tant qu'ils ne changent pas.

    :raises ErreurBinder: comme :func:`creer`.
    """
    supplements = list(supplements)
    ici = dossier / empreinte_binder(supplements)
    if not (ici / TAMPON).exists():
        shutil.rmtree(ici, ignore_errors=True)
        creer(ici / "venv")
        (ici / TAMPON).touch()
    for autre in dossier.iterdir():
        if autre != ici:
            shutil.rmtree(autre, ignore_errors=True)
    return ici / "venv"


def ecrire_noyau(python: Path, jupyter_dir: Path, name: str = NOM_NOYAU) -> str:
    """Écrit ``<jupyter_dir>/kernels/<name>/kernel.json``, un noyau lancé par ``python``
    (avec ses seuls paquets) ; renvoie le nom du noyau."""
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


def octets_installes(prefix: Path) -> int:
    """Octets de tous les fichiers sous ``lib/python*/site-packages`` de l'environnement."""
    total = 0
    for site in prefix.glob("lib/python*/site-packages"):
        for root, _dirs, files in os.walk(site):
            for file in files:
                path = Path(root) / file
                if not path.is_symlink():
                    total += path.stat().st_size
    return total


def nom_normalise(nom: str) -> str:
    """Le nom d'un paquet comme pip le compare (PEP 503) : ``PyYAML`` → ``pyyaml``,
    ``jupyter_book`` → ``jupyter-book``."""
    return re.sub(r"[-_.]+", "-", nom).lower()


def versions_epinglees(requirements: Path) -> dict[str, str]:
    """Les lignes ``nom == version`` d'un fichier de paquets (``requirements.txt``, un
    verrou ``pip freeze``), noms normalisés par :func:`nom_normalise`."""
    pins = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[nom_normalise(name.strip())] = version.strip()
    return pins
