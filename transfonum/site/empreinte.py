"""Pas de graphique périmé : le cache d'exécution de myst-nb ne regarde que les cellules
de code. Chaque page qui utilise le paquet reçoit donc, avant sa première cellule, une
cellule cachée qui

- choisit le rendu des graphiques du site (``graphiques.activer("site")``) ;
- ôte le pied anglais des tableaux de pandas coupés (« 7 rows × 24 columns ») et met le
  nom de leur index dans la case du coin (:mod:`transfonum.affichage`) ;
- porte l'empreinte de tout ce qu'une page peut lire : ``data/``, les clés de réponse
  (``exercises/cles/``) et le code du paquet **hors** moteur (``site/``) et outils
  (``outils/``).

Quand l'un de ces fichiers change, la page est relue (dépendance Sphinx), la clé de
cache change et le carnet est exécuté de nouveau. Modifier le moteur ou un outil ne
ré-exécute aucun carnet.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from transfonum import chemins

#: Les pièces du paquet qu'aucune page ne lit : les modifier n'invalide aucun carnet.
HORS_DES_PAGES = ("site", "outils")
_MARQUE = "transfonum-empreinte"


def fichiers_suivis(racine: Path, dossier_donnees: Path) -> list[Path]:
    """Ce dont dépendent les sorties d'une page : ``dossier_donnees``, les clés de réponse
    et le code du paquet que les pages importent, triés."""
    fichiers = [p for p in dossier_donnees.rglob("*") if p.is_file()] if dossier_donnees.exists() else []
    fichiers += (racine / chemins.CLES).glob("*.json")
    paquet = chemins.RACINE / chemins.PAQUET
    fichiers += [p for p in paquet.rglob("*.py") if p.relative_to(paquet).parts[0] not in HORS_DES_PAGES]
    return sorted(fichiers)


def empreinte(fichiers: list[Path]) -> str:
    """Un condensé des chemins et des contenus de ``fichiers``."""
    condense = hashlib.sha256()
    for chemin in fichiers:
        condense.update(str(chemin).encode())
        condense.update(chemin.read_bytes())
    return condense.hexdigest()


def utilise_le_paquet(source: str) -> bool:
    """Le texte d'un carnet MyST importe-t-il le paquet du kit ?"""
    return "{code-cell}" in source and "transfonum" in source


def avec_cellule_de_preparation(source: str, condense: str) -> str:
    """``source`` avec, juste avant sa première cellule de code, la cellule cachée qui
    choisit le rendu du site et porte ``condense`` (dans le langage du carnet)."""
    lignes = source.splitlines(keepends=True)
    index = next(i for i, ligne in enumerate(lignes) if "{code-cell}" in ligne)
    ouverture = lignes[index].strip()
    cloture = ouverture[: len(ouverture) - len(ouverture.lstrip("`"))]
    cellule = (
        f"{ouverture}\n:tags: [remove-cell]\n\n"
        f"# {_MARQUE} {condense}\n"
        "from transfonum import graphiques\n"
        'graphiques.activer("site")\n'
        "import pandas\n"
        'pandas.set_option("display.show_dimensions", False)\n'
        "from transfonum import affichage\n"
        "affichage.activer()\n"
        f"{cloture}\n\n"
    )
    return "".join(lignes[:index]) + cellule + "".join(lignes[index:])
