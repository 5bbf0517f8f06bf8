"""Lecture tolérante de ce que tape un élève : nombres, choix, classements.

Chaque fonction renvoie la réponse lue, ou lève :class:`ErreurReponse` dont le message
(en français, déjà échappé) dit ce qui n'a pas pu être lu et comment l'écrire.

Règles pour les nombres (:func:`lire_nombre`) :

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

from transfonum.exercices.texte import LONGUEUR_MAX_REPONSE, citer, nom_type, normaliser, texte_simple
from transfonum.fr import INSECABLE, guillemets

#: Nombre maximal d'éléments lus dans une réponse de classement.
ELEMENTS_MAX = 200

_CARACTERES_ESPACE = " \t\u00a0\u202f\u2007\u2009"
_SIMPLE = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)", re.ASCII)
_PAR_MILLIERS = re.compile(r"[+-]?[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?", re.ASCII)


#: Un exemple de réponse bien écrite, par unité d'exercice : cité par les messages et
#: affiché dans la case des formulaires.
EXEMPLES: dict[str, str] = {"pourcent": f"80{INSECABLE}%", "nombre": f"1{INSECABLE}234"}


def exemple(unite: str) -> str:
    """Un exemple de réponse bien écrite dans l'``unite`` d'un exercice (« 80 % »)."""
    return EXEMPLES.get(unite, EXEMPLES["nombre"])


class ErreurReponse(ValueError):
    """Réponse illisible ; ``str(err)`` est un message français prêt à afficher."""


@dataclass(frozen=True)
class ReponseNombre:
    """Un nombre lu : sa valeur et la présence d'un signe ``%``."""

    valeur: float
    signe_pourcent: bool


def _depuis_un_nombre(reponse: object) -> float:
    value = float(reponse)  # type: ignore[arg-type]
    if not math.isfinite(value):
        raise ErreurReponse(
            f"Votre réponse n'est pas un nombre fini{INSECABLE}; donnez une valeur précise."
        )
    return value


def lire_nombre(reponse: object, example: str = "80") -> ReponseNombre:
    """Lit un nombre tapé ou calculé par l'élève.

    :param reponse: ce que l'élève a fourni, de n'importe quel type.
    :param example: exemple de forme correcte, cité si la lecture échoue.
    :raises ErreurReponse: si ``reponse`` n'est pas un nombre lisible.
    """
    if isinstance(reponse, bool):
        raise ErreurReponse(
            f"Vrai ou faux ne suffit pas ici{INSECABLE}: la réponse attendue est un nombre, "
            f"par exemple {example}."
        )
    if isinstance(reponse, (numbers.Real, Decimal)):
        try:
            return ReponseNombre(_depuis_un_nombre(reponse), False)
        except (OverflowError, ValueError, TypeError) as err:
            if isinstance(err, ErreurReponse):
                raise
            raise ErreurReponse(
                f"Ce nombre est trop grand pour être une réponse plausible{INSECABLE}; "
                f"vérifiez votre calcul."
            ) from None
    if not isinstance(reponse, str):
        raise ErreurReponse(
            f"La réponse attendue est un nombre (par exemple {example}), pas une valeur "
            f"de type {guillemets(nom_type(reponse))}."
        )
    if len(reponse) > LONGUEUR_MAX_REPONSE:
        raise ErreurReponse(
            f"Votre réponse est bien trop longue ({len(reponse)} caractères){INSECABLE}: "
            f"tapez seulement le nombre, par exemple {example}."
        )
    raw = texte_simple(reponse)
    text = raw.strip(_CARACTERES_ESPACE + "\n\r")
    for ch in _CARACTERES_ESPACE:
        text = text.replace(ch, " ")
    text = text.replace("\u2212", "-")
    signe_pourcent = text.endswith("%")
    if signe_pourcent:
        text = text[:-1].rstrip(" ")
    if not text:
        raise ErreurReponse(f"Votre réponse est vide{INSECABLE}: tapez un nombre, par exemple {example}.")
    if "," in text and "." in text:
        raise ErreurReponse(
            f"Je ne sais pas lire {guillemets(citer(raw))}{INSECABLE}: virgule et point à la fois. "
            f"Écrivez la virgule décimale seule et séparez les milliers par des espaces "
            f"(par exemple 1{INSECABLE}234,5)."
        )
    if _SIMPLE.fullmatch(text) is None and _PAR_MILLIERS.fullmatch(text) is None:
        raise ErreurReponse(
            f"Je ne lis pas de nombre dans {guillemets(citer(raw))}. Tapez seulement le nombre, "
            f"par exemple {example}."
        )
    return ReponseNombre(_depuis_un_nombre(text.replace(" ", "").replace(",", ".")), signe_pourcent)


def _libelles(options: Mapping[str, str]) -> dict[str, str]:
    """Forme normalisée de chaque identifiant et libellé → identifiant."""
    index: dict[str, str] = {}
    for key, label in options.items():
        index.setdefault(normaliser(key), key)
        index.setdefault(normaliser(label), key)
    return index


def lire_choix(reponse: object, choices: Mapping[str, str]) -> str:
    """Identifiant du choix désigné par ``reponse`` (identifiant ou libellé, sans
    tenir compte de la casse, des accents ni des espaces).

    :param choices: identifiant → libellé.
    :raises ErreurReponse: si ``reponse`` ne désigne aucun choix.
    """
    listing = ", ".join(guillemets(k) for k in choices)
    if not isinstance(reponse, str):
        raise ErreurReponse(
            f"Donnez l'identifiant d'un choix ({listing}), pas une valeur de type "
            f"{guillemets(nom_type(reponse))}."
        )
    if len(reponse) > LONGUEUR_MAX_REPONSE:
        raise ErreurReponse(f"Votre réponse est bien trop longue{INSECABLE}: donnez un seul choix parmi {listing}.")
    key = normaliser(texte_simple(reponse))
    if not key:
        raise ErreurReponse(f"Votre réponse est vide{INSECABLE}: choisissez parmi {listing}.")
    found = _libelles(choices).get(key)
    if found is None:
        raise ErreurReponse(
            f"{guillemets(citer(reponse))} ne fait pas partie des choix proposés{INSECABLE}; "
            f"choisissez parmi {listing}."
        )
    return found


def _paires(reponse: Mapping[object, object], categories: Mapping[str, str]) -> list[tuple[object, object]]:
    """Paires (élément, catégorie), que l'élève ait donné élément → catégorie ou
    catégorie → liste d'éléments."""
    entries = list(reponse.items())[: ELEMENTS_MAX + 1]
    if len(entries) > ELEMENTS_MAX:
        raise ErreurReponse(f"Votre classement compte beaucoup trop d'éléments (plus de {ELEMENTS_MAX}).")
    cat_index = _libelles(categories)
    grouped = entries and all(
        isinstance(k, str) and normaliser(k) in cat_index and isinstance(v, (list, tuple, set, frozenset))
        for k, v in entries
    )
    if not grouped:
        return entries
    pairs: list[tuple[object, object]] = []
    for cat, items in entries:
        for item in list(items)[: ELEMENTS_MAX + 1]:
            pairs.append((item, cat))
            if len(pairs) > ELEMENTS_MAX:
                raise ErreurReponse(f"Votre classement compte beaucoup trop d'éléments (plus de {ELEMENTS_MAX}).")
    return pairs


def lire_classement(
    reponse: object, items: Mapping[str, str], categories: Mapping[str, str]
) -> dict[str, str]:
    """Lit un classement : un dictionnaire élément → catégorie (ou catégorie → liste
    d'éléments). Éléments et catégories sont reconnus par identifiant ou libellé.

    :param items: identifiant → libellé des éléments à classer.
    :param categories: identifiant → libellé des catégories.
    :returns: identifiant d'élément → identifiant de catégorie, pour chaque élément lu.
    :raises ErreurReponse: forme incorrecte, élément ou catégorie inconnus, élément
        classé deux fois ou oublié (le message nomme lesquels).
    """
    cats = ", ".join(guillemets(c) for c in categories)
    if not isinstance(reponse, Mapping):
        raise ErreurReponse(
            "Donnez un dictionnaire qui associe chaque élément à une catégorie "
            f"({cats}), par exemple {{\"{next(iter(items))}\": \"{next(iter(categories))}\", …}}, "
            f"et non une valeur de type {guillemets(nom_type(reponse))}."
        )
    item_index = _libelles(items)
    cat_index = _libelles(categories)
    problems: list[str] = []
    placed: dict[str, str] = {}
    for raw_item, raw_cat in _paires(reponse, categories):
        item = item_index.get(normaliser(texte_simple(raw_item))) if isinstance(raw_item, str) else None
        if item is None:
            shown = guillemets(citer(raw_item)) if isinstance(raw_item, str) else f"de type {guillemets(nom_type(raw_item))}"
            problems.append(f"l'élément {shown} ne fait pas partie de la liste")
            continue
        cat = cat_index.get(normaliser(texte_simple(raw_cat))) if isinstance(raw_cat, str) else None
        if cat is None:
            problems.append(f"la catégorie donnée pour {guillemets(items[item])} n'est pas l'une de {cats}")
            continue
        if item in placed and placed[item] != cat:
            problems.append(f"{guillemets(items[item])} est classé dans deux catégories")
        placed[item] = cat
    missing = [guillemets(items[i]) for i in items if i not in placed]
    if missing:
        problems.append("il manque " + ", ".join(missing))
    if problems:
        raise ErreurReponse(
            f"Votre classement est incomplet ou mal formé{INSECABLE}: " + f"{INSECABLE}; ".join(problems) + "."
        )
    return placed
