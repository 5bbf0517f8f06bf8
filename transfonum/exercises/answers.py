"""Lecture tolérante de ce que tape un élève : nombres, choix, classements.

Chaque fonction renvoie la réponse lue, ou lève :class:`AnswerError` dont le message
(en français, déjà échappé) dit ce qui n'a pas pu être lu et comment l'écrire.

Règles pour les nombres (:func:`read_number`) :

- nombres Python acceptés (``int``, ``float``, ``Decimal``, ``Fraction``, types numpy),
  sauf ``bool``, NaN et l'infini ;
- texte : espaces de bord ignorées ; séparateur décimal virgule ou point ; milliers
  séparés par des espaces (normale, insécable, fine insécable) en groupes de trois ;
  signe ``%`` final facultatif ; « − » typographique accepté comme signe moins ;
- refusés : texte vide, trop long, virgule *et* point dans le même nombre (ambigu).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from transfonum.exercises.text import MAX_ANSWER_CHARS, echo, normalize, plain_str, type_name
from transfonum.fr import NBSP, quote

#: Nombre maximal d'éléments lus dans une réponse de classement.
MAX_ITEMS = 200

_SPACE_CHARS = " \t\u00a0\u202f\u2007\u2009"
_PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)", re.ASCII)
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?", re.ASCII)


class AnswerError(ValueError):
    """Réponse illisible ; ``str(err)`` est un message français prêt à afficher."""


@dataclass(frozen=True)
class NumberAnswer:
    """Un nombre lu : sa valeur et la présence d'un signe ``%``."""

    value: float
    percent_sign: bool


def _from_number(answer: object) -> float:
    value = float(answer)  # type: ignore[arg-type]
    if not math.isfinite(value):
        raise AnswerError(
            f"Votre réponse n'est pas un nombre fini{NBSP}; donnez une valeur précise."
        )
    return value


def read_number(answer: object, example: str = "80") -> NumberAnswer:
    """Lit un nombre tapé ou calculé par l'élève.

    :param answer: ce que l'élève a fourni, de n'importe quel type.
    :param example: exemple de forme correcte, cité si la lecture échoue.
    :raises AnswerError: si ``answer`` n'est pas un nombre lisible.
    """
    if isinstance(answer, bool):
        raise AnswerError(
            f"Vrai ou faux ne suffit pas ici{NBSP}: la réponse attendue est un nombre, "
            f"par exemple {example}."
        )
    if isinstance(answer, (numbers.Real, Decimal)):
        try:
            return NumberAnswer(_from_number(answer), False)
        except (OverflowError, ValueError, TypeError) as err:
            if isinstance(err, AnswerError):
                raise
            raise AnswerError(
                f"Ce nombre est trop grand pour être une réponse plausible{NBSP}; "
                f"vérifiez votre calcul."
            ) from None
    if not isinstance(answer, str):
        raise AnswerError(
            f"La réponse attendue est un nombre (par exemple {example}), pas une valeur "
            f"de type {quote(type_name(answer))}."
        )
    if len(answer) > MAX_ANSWER_CHARS:
        raise AnswerError(
            f"Votre réponse est bien trop longue ({len(answer)} caractères){NBSP}: "
            f"tapez seulement le nombre, par exemple {example}."
        )
    raw = plain_str(answer)
    text = raw.strip(_SPACE_CHARS + "\n\r")
    for ch in _SPACE_CHARS:
        text = text.replace(ch, " ")
    text = text.replace("\u2212", "-")
    percent_sign = text.endswith("%")
    if percent_sign:
        text = text[:-1].rstrip(" ")
    if not text:
        raise AnswerError(f"Votre réponse est vide{NBSP}: tapez un nombre, par exemple {example}.")
    if "," in text and "." in text:
        raise AnswerError(
            f"Je ne sais pas lire {quote(echo(raw))}{NBSP}: virgule et point à la fois. "
            f"Écrivez la virgule décimale seule et séparez les milliers par des espaces "
            f"(par exemple 1{NBSP}234,5)."
        )
    if _PLAIN.fullmatch(text) is None and _GROUPED.fullmatch(text) is None:
        raise AnswerError(
            f"Je ne lis pas de nombre dans {quote(echo(raw))}. Tapez seulement le nombre, "
            f"par exemple {example}."
        )
    return NumberAnswer(_from_number(text.replace(" ", "").replace(",", ".")), percent_sign)


def _labels(options: Mapping[str, str]) -> dict[str, str]:
    """Forme normalisée de chaque identifiant et libellé → identifiant."""
    index: dict[str, str] = {}
    for key, label in options.items():
        index.setdefault(normalize(key), key)
        index.setdefault(normalize(label), key)
    return index


def read_choice(answer: object, choices: Mapping[str, str]) -> str:
    """Identifiant du choix désigné par ``answer`` (identifiant ou libellé, sans
    tenir compte de la casse, des accents ni des espaces).

    :param choices: identifiant → libellé.
    :raises AnswerError: si ``answer`` ne désigne aucun choix.
    """
    listing = ", ".join(quote(k) for k in choices)
    if not isinstance(answer, str):
        raise AnswerError(
            f"Donnez l'identifiant d'un choix ({listing}), pas une valeur de type "
            f"{quote(type_name(answer))}."
        )
    if len(answer) > MAX_ANSWER_CHARS:
        raise AnswerError(f"Votre réponse est bien trop longue{NBSP}: donnez un seul choix parmi {listing}.")
    key = normalize(plain_str(answer))
    if not key:
        raise AnswerError(f"Votre réponse est vide{NBSP}: choisissez parmi {listing}.")
    found = _labels(choices).get(key)
    if found is None:
        raise AnswerError(
            f"{quote(echo(answer))} ne fait pas partie des choix proposés{NBSP}; "
            f"choisissez parmi {listing}."
        )
    return found


def _pairs(answer: Mapping[object, object], categories: Mapping[str, str]) -> list[tuple[object, object]]:
    """Paires (élément, catégorie), que l'élève ait donné élément → catégorie ou
    catégorie → liste d'éléments."""
    entries = list(answer.items())[: MAX_ITEMS + 1]
    if len(entries) > MAX_ITEMS:
        raise AnswerError(f"Votre classement compte beaucoup trop d'éléments (plus de {MAX_ITEMS}).")
    cat_index = _labels(categories)
    grouped = entries and all(
        isinstance(k, str) and normalize(k) in cat_index and isinstance(v, (list, tuple, set, frozenset))
        for k, v in entries
    )
    if not grouped:
        return entries
    pairs: list[tuple[object, object]] = []
    for cat, items in entries:
        for item in list(items)[: MAX_ITEMS + 1]:
            pairs.append((item, cat))
            if len(pairs) > MAX_ITEMS:
                raise AnswerError(f"Votre classement compte beaucoup trop d'éléments (plus de {MAX_ITEMS}).")
    return pairs


def read_classification(
    answer: object, items: Mapping[str, str], categories: Mapping[str, str]
) -> dict[str, str]:
    """Lit un classement : un dictionnaire élément → catégorie (ou catégorie → liste
    d'éléments). Éléments et catégories sont reconnus par identifiant ou libellé.

    :param items: identifiant → libellé des éléments à classer.
    :param categories: identifiant → libellé des catégories.
    :returns: identifiant d'élément → identifiant de catégorie, pour chaque élément lu.
    :raises AnswerError: forme incorrecte, élément ou catégorie inconnus, élément
        classé deux fois ou oublié (le message nomme lesquels).
    """
    cats = ", ".join(quote(c) for c in categories)
    if not isinstance(answer, Mapping):
        raise AnswerError(
            "Donnez un dictionnaire qui associe chaque élément à une catégorie "
            f"({cats}), par exemple {{\"{next(iter(items))}\": \"{next(iter(categories))}\", …}}, "
            f"et non une valeur de type {quote(type_name(answer))}."
        )
    item_index = _labels(items)
    cat_index = _labels(categories)
    problems: list[str] = []
    placed: dict[str, str] = {}
    for raw_item, raw_cat in _pairs(answer, categories):
        item = item_index.get(normalize(plain_str(raw_item))) if isinstance(raw_item, str) else None
        if item is None:
            shown = quote(echo(raw_item)) if isinstance(raw_item, str) else f"de type {quote(type_name(raw_item))}"
            problems.append(f"l'élément {shown} ne fait pas partie de la liste")
            continue
        cat = cat_index.get(normalize(plain_str(raw_cat))) if isinstance(raw_cat, str) else None
        if cat is None:
            problems.append(f"la catégorie donnée pour {quote(items[item])} n'est pas l'une de {cats}")
            continue
        if item in placed and placed[item] != cat:
            problems.append(f"{quote(items[item])} est classé dans deux catégories")
        placed[item] = cat
    missing = [quote(items[i]) for i in items if i not in placed]
    if missing:
        problems.append("il manque " + ", ".join(missing))
    if problems:
        raise AnswerError(
            f"Votre classement est incomplet ou mal formé{NBSP}: " + f"{NBSP}; ".join(problems) + "."
        )
    return placed
