"""La table des matières du livre (``_toc.yml``) : la seule liste des pages du kit.

Ce qui n'y est pas n'est pas dans le site (``only_build_toc_files`` de ``_config.yml``),
ni dans la page du cours, le programme, les diaporamas, les PDF ou les tests qui
parcourent les pages. Tout ce qui a besoin de la liste des pages la lit ici ::

    from transfonum.sommaire import chapitres_du_sommaire, pages_du_sommaire
    pages_du_sommaire()        # ["book/intro", "book/pandas-altair", …, "book/bibliographie"]
    chapitres_du_sommaire()    # ["book/pandas-altair", "book/social-business", …]

Les noms sont ceux de ``_toc.yml`` (chemin du fichier depuis la racine, sans extension),
qui sont aussi les noms des documents pour Sphinx. Le module ne dépend que de PyYAML.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from transfonum.chemins import RACINE, TABLE_DES_MATIERES

#: Les clés de ``_toc.yml`` qui contiennent d'autres entrées.
_CLES_ENFANTS = ("parts", "chapters", "sections")


class ErreurSommaire(ValueError):
    """La table des matières ne se lit pas (fichier absent, YAML invalide, racine manquante)."""


def lire_table(table: Path | None = None) -> dict:
    """La table des matières lue (``_toc.yml`` du dépôt si ``table`` n'est pas donnée).

    :raises ErreurSommaire: si le fichier manque, n'est pas du YAML ou n'a pas de ``root``.
    """
    chemin = table if table is not None else RACINE / TABLE_DES_MATIERES
    try:
        contenu = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ErreurSommaire(f"table des matières introuvable : {chemin}") from None
    except yaml.YAMLError as err:
        raise ErreurSommaire(f"{chemin.name} : YAML invalide ({err})") from None
    if not isinstance(contenu, dict) or not isinstance(contenu.get("root"), str):
        raise ErreurSommaire(f"{chemin.name} : la clé « root » (la première page du livre) manque")
    return contenu


def _fichiers(entrees: list[dict]) -> list[str]:
    """Les fichiers d'une liste d'entrées de la table, dans l'ordre, à toute profondeur."""
    trouves: list[str] = []
    for entree in entrees or []:
        if "file" in entree:
            trouves.append(_sans_extension(entree["file"]))
        for cle in _CLES_ENFANTS:
            trouves += _fichiers(entree.get(cle, []))
    return trouves


def _sans_extension(nom: str) -> str:
    return nom.removesuffix(".md").removesuffix(".ipynb")


def pages_de_la_table(contenu: dict) -> list[str]:
    """Les pages d'une table des matières déjà lue, dans l'ordre, la racine d'abord."""
    return [_sans_extension(contenu["root"]), *_fichiers([{k: contenu[k] for k in _CLES_ENFANTS if k in contenu}])]


def pages_du_sommaire(table: Path | None = None) -> list[str]:
    """Toutes les pages de la table des matières, dans l'ordre du livre, la racine d'abord
    (``book/intro``, ``book/pandas-altair``, …)."""
    return pages_de_la_table(lire_table(table))


def chapitres_de_la_table(contenu: dict) -> list[str]:
    """Les chapitres d'une table des matières déjà lue (voir :func:`chapitres_du_sommaire`)."""
    if "parts" not in contenu:
        return [_sans_extension(e["file"]) for e in contenu.get("chapters", []) if "file" in e]
    return [_sans_extension(e["file"]) for partie in contenu["parts"] if partie.get("numbered")
            for e in partie.get("chapters", []) if "file" in e]


def chapitres_du_sommaire(table: Path | None = None) -> list[str]:
    """Les chapitres du livre, dans l'ordre : les pages de tête des parties numérotées
    (« 1. … », ``numbered: true``), sans leurs sections ; sans partie, les chapitres de
    la table."""
    return chapitres_de_la_table(lire_table(table))


def racine_du_sommaire(table: Path | None = None) -> str:
    """La première page du livre (``root`` de la table : l'introduction)."""
    return _sans_extension(lire_table(table)["root"])
