"""Charger les tables du paquet de données ``data/`` en DataFrames typés.

Le fichier ``data/datapackage.json`` (Frictionless Data Package) est la seule
description des tables : chaque champ y a un type, et :func:`load_table` convertit
les colonnes selon ce type. La validation complète (contraintes, clés étrangères)
relève de :mod:`transfonum.validation`, lancée avant chaque construction du livre ;
ici, on se contente de lire vite.

Exemple ::

    >>> from transfonum.data import load_table
    >>> chiffres = load_table("chiffres")
"""

from __future__ import annotations

import json
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

#: Dossier ``data/`` du dépôt, résolu depuis l'emplacement du paquet (pas du cwd).
DATA_DIR: Path = Path(__file__).resolve().parent.parent / "data"
#: Descripteur du paquet de données.
DESCRIPTOR: Path = DATA_DIR / "datapackage.json"


def _descriptor(data_dir: Path | None = None) -> dict[str, Any]:
    path = (data_dir or DATA_DIR) / "datapackage.json"
    return _read_descriptor(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _read_descriptor(path: str, _mtime: int) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _resources(data_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in _descriptor(data_dir)["resources"]}


def table_names(data_dir: Path | None = None) -> list[str]:
    """Noms des tables du paquet, dans l'ordre du descripteur."""
    return list(_resources(data_dir))


def resource(name: str, data_dir: Path | None = None) -> dict[str, Any]:
    """Descripteur Frictionless de la table ``name`` (titre, description, schéma).

    Lève :class:`LookupError` si la table n'existe pas.
    """
    resources = _resources(data_dir)
    if name not in resources:
        known = ", ".join(sorted(resources))
        raise LookupError(f"table inconnue « {name} » ; tables connues : {known}")
    return resources[name]


def _convert(col: pd.Series, field: dict[str, Any]) -> pd.Series:
    """Convertit une colonne lue comme texte selon le type Frictionless du champ."""
    kind = field.get("type", "string")
    blank = col.isna() | (col == "")
    if kind == "integer":
        return pd.to_numeric(col.mask(blank), errors="raise").astype("Int64")
    if kind == "number":
        return pd.to_numeric(col.mask(blank), errors="raise").astype("float64")
    if kind == "boolean":
        truthy = {"true", "True", "TRUE", "1", "oui", "vrai"}
        falsy = {"false", "False", "FALSE", "0", "non", "faux"}
        out = pd.Series(pd.NA, index=col.index, dtype="boolean")
        out[col.isin(truthy)] = True
        out[col.isin(falsy)] = False
        return out
    if kind in ("date", "datetime"):
        return pd.to_datetime(col.mask(blank), format="ISO8601")
    if kind == "year":
        return pd.to_numeric(col.mask(blank)).astype("Int64")
    return col.mask(blank).astype("string")


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Charge la table ``name`` du paquet de données en DataFrame typé.

    Types : ``date`` → ``datetime64``, ``integer`` → ``Int64`` (entier nullable),
    ``number`` → ``float64``, ``boolean`` → ``boolean`` nullable, le reste → ``string``.
    Les cellules vides deviennent des valeurs manquantes.

    :param name: nom de la ressource (voir :func:`table_names`).
    :param data_dir: autre dossier de données (tests) ; par défaut ``data/`` du dépôt.
    :raises LookupError: si ``name`` n'est pas une table du paquet.
    """
    res = resource(name, data_dir)
    path = (data_dir or DATA_DIR) / res["path"]
    fields = res["schema"]["fields"]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for field in fields:
        if field["name"] in frame.columns:
            frame[field["name"]] = _convert(frame[field["name"]], field)
    frame.attrs["title"] = res.get("title", name)
    frame.attrs["description"] = res.get("description", "")
    return frame


def main() -> int:
    """``python -m transfonum.data`` : une ligne par table, avec son nombre de lignes et son titre."""
    for name in table_names():
        frame = load_table(name)
        print(f"{name:<28} {len(frame):>6}  {frame.attrs['title']}")
    return 0


def require_columns(frame: pd.DataFrame, table: str, columns: Collection[str]) -> None:
    """Lève :class:`ValueError`, en français, si ``frame`` n'a pas toutes les ``columns``
    (pour les fonctions qui acceptent une table passée par l'appelant)."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"table «\u00a0{table}\u00a0»\u00a0: colonne(s) manquante(s)\u00a0: {', '.join(missing)}")


def require_values(frame: pd.DataFrame, table: str, column: str, allowed: Collection[str]) -> None:
    """Lève :class:`ValueError`, en français, si la colonne ``column`` contient une valeur
    hors de ``allowed``, en nommant la table, la colonne, les valeurs et celles attendues."""
    wrong = sorted(set(frame[column].astype(str)) - set(allowed))
    if wrong:
        raise ValueError(
            f"table «\u00a0{table}\u00a0», colonne «\u00a0{column}\u00a0»\u00a0: valeur(s) inconnue(s)"
            f"\u00a0: {', '.join(wrong)} (attendu\u00a0: {', '.join(allowed)})")


__all__ = [
    "DATA_DIR", "DESCRIPTOR", "load_table", "main", "require_columns", "require_values",
    "resource", "table_names",
]

if __name__ == "__main__":
    raise SystemExit(main())

