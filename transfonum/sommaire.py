"""La table des matières du livre (``_toc.yml``), seule liste des pages : ce qu'elle
contient est construit, imprimé et lié ; ce qu'elle omet ne l'est pas.

::

    from transfonum.sommaire import chapitres_du_sommaire, pages_du_sommaire
    pages_du_sommaire()      # ['book/intro', 'book/pandas-altair', …, 'book/bibliographie']
    chapitres_du_sommaire()  # ['pandas-altair', 'social-business', …]

Les chapitres sont les pages des parties numérotées (``numbered: true``), dans l'ordre de
la table.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from transfonum.chemins import RACINE

#: Le nom de la table des matières, à la racine du livre.
TABLE = "_toc.yml"


class ErreurSommaire(ValueError):
    """La table des matières est absente ou illisible ; le message dit où et pourquoi."""


def lire_sommaire(racine: Path = RACINE) -> dict:
    """La table des matières de ``racine`` (``_toc.yml`` lu)."""
    chemin = racine / TABLE
    try:
        table = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ErreurSommaire(f"{chemin} : table des matières introuvable") from None
    except yaml.YAMLError as err:
        raise ErreurSommaire(f"{chemin} : YAML illisible ({err})") from None
    if not isinstance(table, dict) or not isinstance(table.get("root"), str):
        raise ErreurSommaire(f"{chemin} : la clé « root » (la page d'accueil du livre) manque")
    return table


def _fichiers(entrees: list[dict]) -> list[str]:
    """Les fichiers d'une liste d'entrées de la table, dans l'ordre, à toute profondeur."""
    trouves = []
    for entree in entrees or []:
        trouves += [entree["file"]] if "file" in entree else []
        for cle in ("parts", "chapters", "sections"):
            trouves += _fichiers(entree.get(cle, []))
    return trouves


def pages_du_sommaire(racine: Path = RACINE) -> list[str]:
    """Chaque page de la table des matières, sans extension, la racine d'abord
    (``book/intro``, ``book/cdo``, ``book/enseigner/cas-cdo``…)."""
    table = lire_sommaire(racine)
    return [table["root"], *_fichiers([{k: v for k, v in table.items() if k != "root"}])]


def chapitres_du_sommaire(racine: Path = RACINE) -> list[str]:
    """Les noms des chapitres (``cdo``…) : les pages des parties numérotées, dans l'ordre."""
    table = lire_sommaire(racine)
    parties = [p for p in table.get("parts", []) if p.get("numbered")]
    return [Path(f).name for f in _fichiers(parties)]
