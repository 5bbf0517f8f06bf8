"""Le français du kit : nombres, dates, guillemets et espaces insécables.

Les mêmes conventions partout (texte collé par ``glue``, graphiques, carnets, messages) :
virgule décimale, espace insécable (U+00A0) entre les groupes de milliers et avant le
signe pour cent, ``1 234,5`` et ``80 %`` ; espace insécable avant « : ; ? ! » et à
l'intérieur des guillemets. La règle d'espacement vit ici une fois : elle corrige
(:func:`espaces_francaises`) et elle vérifie (:func:`signe_mal_espace`, pour la
validation des données).
"""

from __future__ import annotations

import math
import re

#: Espace insécable.
INSECABLE = "\u00a0"

#: Conventions de nombres pour Vega (option ``formatLocale`` de vega-embed, format d3).
LOCALE_NOMBRES_D3: dict = {
    "decimal": ",",
    "thousands": INSECABLE,
    "grouping": [3],
    "currency": ["", f"{INSECABLE}€"],
    "percent": f"{INSECABLE}%",
}

#: Conventions de dates pour Vega (option ``timeFormatLocale`` de vega-embed, format d3).
LOCALE_DATES_D3: dict = {
    "dateTime": "%A %e %B %Y à %X",
    "date": "%d/%m/%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
    "months": [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ],
    "shortMonths": [
        "janv.", "févr.", "mars", "avr.", "mai", "juin",
        "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ],
}


class ErreurEnClair(Exception):
    """Une erreur du kit dite en une ligne française, qui dit quoi faire.

    Dans Jupyter, IPython l'affiche sans trace de pile (son ``_render_traceback_``) :
    l'élève lit la ligne, pas vingt lignes du paquet. Elle reste une exception : la
    cellule échoue, et la construction du livre s'arrête dessus comme sur une autre.
    Elle se combine avec une exception standard, que les appelants attrapent déjà :
    ``class TableInconnue(ErreurEnClair, LookupError)``.
    """

    def __str__(self) -> str:
        # Le message tel quel, même mêlée à KeyError (qui le mettrait entre apostrophes).
        return str(self.args[0]) if self.args else ""

    def _render_traceback_(self) -> list[str]:
        """Ce qu'IPython affiche à la place de la trace : « Erreur : <message> », en rouge."""
        return [f"\x1b[1;31mErreur\x1b[0m{INSECABLE}: {self}"]


def guillemets(texte: object) -> str:
    """Des guillemets français avec espaces insécables : ``guillemets("x") == "« x »"``."""
    return f"«{INSECABLE}{texte}{INSECABLE}»"


def nombre(valeur: float, decimales: int = 0) -> str:
    """Un nombre à la française : ``nombre(18000) == "18 000"``, ``nombre(4.8, 1) == "4,8"``
    (espaces insécables).

    Lève :class:`ValueError` pour NaN ou l'infini : un chiffre manquant ne s'imprime pas.
    """
    if valeur is None or not math.isfinite(valeur):
        raise ValueError(f"pas de nombre à formater : {valeur!r}")
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", INSECABLE).replace(".", ",")


_UNITES = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")


def en_lettres(valeur: int, feminin: bool = False) -> str:
    """Un nombre de zéro à neuf en toutes lettres, comme le veut la prose (« trois
    phases ») ; au-delà, en chiffres (:func:`nombre`). ``feminin`` : « une » pour 1.

    Lève :class:`ValueError` pour un nombre négatif ou non entier.
    """
    if isinstance(valeur, bool) or int(valeur) != valeur or valeur < 0:
        raise ValueError(f"en_lettres(){INSECABLE}: entier positif ou nul attendu, pas {valeur!r}")
    valeur = int(valeur)
    if valeur >= len(_UNITES):
        return nombre(valeur)
    return "une" if (valeur == 1 and feminin) else _UNITES[valeur]


def pourcent(valeur: float, decimales: int = 0) -> str:
    """Un pourcentage donné sur 100 : ``pourcent(80) == "80 %"``."""
    return f"{nombre(valeur, decimales)}{INSECABLE}%"


#: Une espace ordinaire avant « : ; ? ! » » % », ou après « « » : la règle, une fois.
_AVANT_LE_SIGNE = re.compile(r"[ \t]+([:;?!»%])")
_APRES_LE_SIGNE = re.compile(r"(«)[ \t]+")


def espaces_francaises(texte: str) -> str:
    """Met une espace insécable avant « : ; ? ! % » et à l'intérieur des guillemets, à la
    place d'une espace ordinaire (``"Pourquoi ?"`` → ``"Pourquoi\u00a0?"``)."""
    texte = _AVANT_LE_SIGNE.sub(INSECABLE + r"\1", texte)
    return _APRES_LE_SIGNE.sub(r"\1" + INSECABLE, texte)


#: Une apostrophe droite entre deux lettres (« l'équipe »), à rendre typographique.
_APOSTROPHE_DROITE = re.compile(r"(?<=[^\W\d_])'(?=\w)")


def apostrophes(texte: str) -> str:
    """Les apostrophes droites d'un texte affiché, typographiques : ``"l'équipe"`` →
    ``"l’équipe"`` (une apostrophe entre deux lettres seulement)."""
    return _APOSTROPHE_DROITE.sub("\u2019", texte)


def signe_mal_espace(texte: str) -> str | None:
    """Le premier signe que :func:`espaces_francaises` corrigerait dans ``texte`` (« : »,
    « % », « « »…), ou ``None`` si l'espacement est juste."""
    trouve = [m for m in (_AVANT_LE_SIGNE.search(texte), _APRES_LE_SIGNE.search(texte)) if m]
    return min(trouve, key=lambda m: m.start()).group(1) if trouve else None


def date(jour, precision: str = "jour") -> str:
    """Une date en toutes lettres, sans plus de précision que la donnée n'en a :
    ``jour`` → « 1er novembre 2013 », ``mois`` → « novembre 2013 », ``annee`` → « 2013 »."""
    mois = LOCALE_DATES_D3["months"]
    if precision == "annee":
        return str(jour.year)
    if precision == "mois":
        return f"{mois[jour.month - 1]} {jour.year}"
    if precision != "jour":
        raise ValueError(f"précision de date inconnue « {precision} » (jour, mois ou annee)")
    quantieme = "1er" if jour.day == 1 else str(jour.day)
    return f"{quantieme}{INSECABLE}{mois[jour.month - 1]} {jour.year}"
