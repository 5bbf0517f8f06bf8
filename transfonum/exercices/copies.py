"""Les copies d'une classe : qui a rendu quoi, dans un dossier ou une archive zip.

Trois dispositions reconnues, sans rien modifier :

- un dossier par élève (nom quelconque), ses carnets dedans, à toute profondeur
  (comme on les ramasse sur un hub : un dossier par compte) ;
- le téléchargement d'un devoir Moodle : un dossier par élève nommé
  ``Nom Prénom_123_assignsubmission_file_`` (l'élève est « Nom Prénom ») ; les
  anciennes versions de Moodle mettent les fichiers à plat, préfixés de même
  (``Nom Prénom_123_assignsubmission_file_cdo.ipynb``) ;
- une archive ``.zip`` de l'une ou l'autre, extraite dans un dossier temporaire.

Un fichier posé à la racine sans préfixe Moodle n'appartient à personne : il est
signalé, pas corrigé.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from transfonum.fr import guillemets

#: Un nom de dossier ou de fichier du téléchargement d'un devoir Moodle.
MOODLE = re.compile(r"^(?P<eleve>.+?)_\d+_assignsubmission_[a-z]+_(?P<reste>.*)$")
#: Les dossiers que Jupyter écrit lui-même : jamais une copie.
IGNORES = {".ipynb_checkpoints", "__MACOSX", "__pycache__"}


class ErreurCopies(ValueError):
    """Le dossier des copies est introuvable ou illisible (message en français)."""


@dataclass
class Copie:
    """Ce qu'un élève a rendu.

    :ivar eleve: son nom (le dossier, ou le nom tiré du préfixe Moodle).
    :ivar dossier: le dossier de ses fichiers (copié tel quel pour l'exécution).
    :ivar carnets: ses fichiers ``.ipynb``, relatifs à ``dossier``.
    :ivar partage: ``dossier`` contient aussi les fichiers d'autres élèves (Moodle à plat) :
        seul le carnet est copié pour l'exécuter.
    """

    eleve: str
    dossier: Path
    carnets: list[Path] = field(default_factory=list)
    partage: bool = False


def nom_eleve(nom: str) -> str:
    """Le nom de l'élève d'un dossier : « Nom Prénom » pour un dossier Moodle, le nom tel
    quel sinon."""
    trouve = MOODLE.match(nom)
    return trouve.group("eleve").strip() if trouve else nom


def _carnets(dossier: Path) -> list[Path]:
    return sorted(p.relative_to(dossier) for p in dossier.rglob("*.ipynb")
                  if p.is_file() and not IGNORES & set(p.relative_to(dossier).parts))


def extraire(archive: Path, destination: Path) -> Path:
    """Extrait une archive zip de copies dans ``destination`` ; renvoie ``destination``.

    :raises ErreurCopies: si l'archive est illisible.
    """
    try:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(destination)  # zipfile retire les chemins absolus et les « .. »
    except (zipfile.BadZipFile, OSError) as err:
        raise ErreurCopies(f"{archive} : archive zip illisible ({err})") from None
    return destination


def lister(copies: Path) -> tuple[list[Copie], list[str]]:
    """Les copies d'un dossier, une par élève (triées par nom), et les fichiers écartés,
    chacun avec sa raison en français.

    :raises ErreurCopies: si ``copies`` n'est pas un dossier.
    """
    if not copies.is_dir():
        raise ErreurCopies(f"{copies} : pas de dossier de copies à cet endroit")
    par_eleve: dict[str, Copie] = {}
    ecartes: list[str] = []
    for chemin in sorted(copies.iterdir()):
        if chemin.name in IGNORES or chemin.name.startswith("."):
            continue
        if chemin.is_dir():
            eleve = nom_eleve(chemin.name)
            copie = par_eleve.setdefault(eleve, Copie(eleve, chemin))
            if copie.dossier != chemin:
                ecartes.append(f"{guillemets(chemin.name)} : deuxième dossier pour l'élève "
                               f"{guillemets(eleve)} ; seul {guillemets(copie.dossier.name)} est corrigé")
                continue
            copie.carnets = _carnets(chemin)
        elif MOODLE.match(chemin.name) and chemin.suffix == ".ipynb":
            eleve = nom_eleve(chemin.name)
            copie = par_eleve.setdefault(eleve, Copie(eleve, copies, partage=True))
            copie.carnets.append(chemin.relative_to(copies))
        else:
            ecartes.append(f"{guillemets(chemin.name)} : fichier à la racine des copies, hors d'un "
                           "dossier d'élève ; il n'est pas corrigé")
    return sorted(par_eleve.values(), key=lambda c: c.eleve.casefold()), ecartes
