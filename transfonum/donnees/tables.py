"""Charger les tables du paquet de données ``data/`` en DataFrames typés.

Le fichier ``data/datapackage.json`` (Frictionless Data Package) est la seule
description des tables : chaque champ y a un type, et :func:`charger_table` convertit
les colonnes selon ce type. La validation complète (contraintes, clés étrangères)
relève de :mod:`transfonum.donnees.validation`, lancée avant chaque construction du
livre ; ici, on se contente de lire vite. Les fonctions ``exiger_*`` disent, en
français et toujours de la même façon, ce qui manque à une table passée par l'appelant.

Exemple ::

    >>> from transfonum.donnees import charger_table
    >>> chiffres = charger_table("chiffres")
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from transfonum import chemins
from transfonum.fr import INSECABLE, ErreurEnClair, guillemets

#: Dossier ``data/`` du dépôt, résolu depuis l'emplacement du paquet (pas du cwd).
DOSSIER_DONNEES: Path = chemins.RACINE / chemins.DONNEES
#: Descripteur du paquet de données.
DESCRIPTEUR: Path = DOSSIER_DONNEES / "datapackage.json"



class ErreurTable(ErreurEnClair, KeyError, ValueError):
    """Une table demandée inconnue, ou passée sans ce qu'il lui faut (colonne, valeur,
    ligne) : une ligne française qui dit quoi faire, sans trace de pile dans Jupyter.
    Les appelants qui attrapent ``LookupError``, ``KeyError`` ou ``ValueError``
    l'attrapent toujours."""


_VRAI = {"true", "True", "TRUE", "1", "oui", "vrai"}
_FAUX = {"false", "False", "FALSE", "0", "non", "faux"}


def _descripteur(dossier: Path | None = None) -> dict[str, Any]:
    chemin = (dossier or DOSSIER_DONNEES) / "datapackage.json"
    return _lire_descripteur(str(chemin), chemin.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _lire_descripteur(chemin: str, _mtime: int) -> dict[str, Any]:
    with open(chemin, encoding="utf-8") as fichier:
        return json.load(fichier)


def _ressources(dossier: Path | None = None) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in _descripteur(dossier)["resources"]}


def noms_tables(dossier: Path | None = None) -> list[str]:
    """Noms des tables du paquet, dans l'ordre du descripteur."""
    return list(_ressources(dossier))


def ressource(nom: str, dossier: Path | None = None) -> dict[str, Any]:
    """Descripteur Frictionless de la table ``nom`` (titre, description, schéma).

    Lève :class:`ErreurTable` (une :class:`LookupError`) si la table n'existe pas, avec
    le nom le plus proche s'il y en a un.
    """
    ressources = _ressources(dossier)
    if nom not in ressources:
        connues = ", ".join(sorted(ressources))
        proches = difflib.get_close_matches(str(nom), list(ressources), n=1)
        conseil = f"vouliez-vous dire {guillemets(proches[0])}{INSECABLE}? " if proches else "vérifiez son nom. "
        raise ErreurTable(f"table inconnue {guillemets(nom)}{INSECABLE}; {conseil}Tables connues{INSECABLE}: {connues}.")
    return ressources[nom]


def _convertir(colonne: pd.Series, champ: dict[str, Any]) -> pd.Series:
    """Convertit une colonne lue comme texte selon le type Frictionless du champ."""
    genre = champ.get("type", "string")
    vide = colonne.isna() | (colonne == "")
    if genre == "integer":
        return pd.to_numeric(colonne.mask(vide), errors="raise").astype("Int64")
    if genre == "number":
        return pd.to_numeric(colonne.mask(vide), errors="raise").astype("float64")
    if genre == "boolean":
        sortie = pd.Series(pd.NA, index=colonne.index, dtype="boolean")
        sortie[colonne.isin(_VRAI)] = True
        sortie[colonne.isin(_FAUX)] = False
        return sortie
    if genre in ("date", "datetime"):
        return pd.to_datetime(colonne.mask(vide), format="ISO8601")
    if genre == "year":
        return pd.to_numeric(colonne.mask(vide)).astype("Int64")
    return colonne.mask(vide).astype("string")


def charger_table(nom: str, dossier: Path | None = None) -> pd.DataFrame:
    """Charge la table ``nom`` du paquet de données en DataFrame typé.

    Types : ``date`` → ``datetime64``, ``integer`` → ``Int64`` (entier nullable),
    ``number`` → ``float64``, ``boolean`` → ``boolean`` nullable, le reste → ``string``.
    Les cellules vides deviennent des valeurs manquantes.

    Le fichier n'est relu que s'il a changé (date et taille), ou le descripteur : chaque
    appel reçoit sa propre copie, que l'appelant peut modifier sans toucher aux suivants.

    :param nom: nom de la table (voir :func:`noms_tables`).
    :param dossier: autre dossier de données (tests) ; par défaut ``data/`` du dépôt.
    :raises ErreurTable: (une :class:`LookupError`) si ``nom`` n'est pas une table du paquet.
    """
    dossier = dossier or DOSSIER_DONNEES
    csv = (dossier / ressource(nom, dossier)["path"]).stat()
    etat = (csv.st_mtime_ns, csv.st_size, (dossier / "datapackage.json").stat().st_mtime_ns)
    return _lire_table(nom, str(dossier), etat).copy(deep=True)


@lru_cache(maxsize=64)
def _lire_table(nom: str, dossier: str, _etat: tuple[int, int, int]) -> pd.DataFrame:
    """La table lue et typée ; ``_etat`` (dates et taille des fichiers) n'est là que pour
    qu'un fichier modifié soit relu."""
    res = ressource(nom, Path(dossier))
    frame = pd.read_csv(Path(dossier) / res["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    for champ in res["schema"]["fields"]:
        if champ["name"] in frame.columns:
            frame[champ["name"]] = _convertir(frame[champ["name"]], champ)
    frame.attrs["title"] = res.get("title", nom)
    frame.attrs["description"] = res.get("description", "")
    return frame


def _probleme(table: str, colonne: str | None, raison: str) -> ErreurTable:
    """Ce qui ne va pas dans une table passée par l'appelant, dit toujours de même, avec
    ce qu'il faut faire."""
    ou = f"table {guillemets(table)}" + (f", colonne {guillemets(colonne)}" if colonne else "")
    return ErreurTable(f"{ou}{INSECABLE}: {raison}{INSECABLE}; passez la table telle que la donne "
                       f"charger_table(\"{table}\").")


def exiger_colonnes(frame: pd.DataFrame, table: str, colonnes: Collection[str]) -> None:
    """Lève :class:`ErreurTable` (une :class:`ValueError`) si ``frame`` n'est pas un
    tableau pandas ou n'a pas toutes les ``colonnes``."""
    if not isinstance(frame, pd.DataFrame):
        raise _probleme(table, None, f"un tableau pandas est attendu, pas un objet {type(frame).__name__}")
    manquantes = [c for c in colonnes if c not in frame.columns]
    if manquantes:
        raise _probleme(table, None, f"colonne(s) manquante(s){INSECABLE}: {', '.join(manquantes)}")


def exiger_valeurs(frame: pd.DataFrame, table: str, colonne: str, permises: Collection[str]) -> None:
    """Lève :class:`ErreurTable` (une :class:`ValueError`) si la colonne ``colonne`` contient une valeur hors de
    ``permises``, en nommant la table, la colonne, les valeurs et celles attendues."""
    inconnues = sorted(set(frame[colonne].astype(str)) - set(permises))
    if inconnues:
        raise _probleme(table, colonne, f"valeur(s) inconnue(s){INSECABLE}: {', '.join(inconnues)} "
                                                   f"(attendu{INSECABLE}: {', '.join(permises)})")


def exiger_lignes(frame: pd.DataFrame, table: str, ids: Collection[str], cle: str = "id") -> None:
    """Lève :class:`ErreurTable` (une :class:`KeyError`) si des identifiants ``ids`` manquent dans la colonne ``cle``,
    en nommant la table et les lignes absentes."""
    presents = set(frame[cle])
    absentes = [i for i in ids if i not in presents]
    if absentes:
        raise _probleme(table, None, f"ligne(s) absente(s){INSECABLE}: {', '.join(absentes)}")


__all__ = [
    "DESCRIPTEUR", "DOSSIER_DONNEES", "ErreurTable", "charger_table", "exiger_colonnes", "exiger_lignes",
    "exiger_valeurs", "noms_tables", "ressource",
]
