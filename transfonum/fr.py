"""French number formats, for prose (through myst-nb ``glue``) and for charts.

The same conventions everywhere: decimal comma, a non-breaking space (U+00A0) between
groups of thousands and before the percent sign: ``1 234,5`` and ``80 %``.
"""

from __future__ import annotations

import math
import re

NBSP = "\u00a0"

#: d3-format locale handed to Vega (``formatLocale`` embed option).
D3_FORMAT_LOCALE: dict = {
    "decimal": ",",
    "thousands": NBSP,
    "grouping": [3],
    "currency": ["", f"{NBSP}€"],
    "percent": f"{NBSP}%",
}

#: d3-time-format locale handed to Vega (``timeFormatLocale`` embed option).
D3_TIME_FORMAT_LOCALE: dict = {
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


def quote(text: object) -> str:
    """French quotation marks with non-breaking spaces: ``quote("x") == "« x »"``."""
    return f"«{NBSP}{text}{NBSP}»"


def number(value: float, decimals: int = 0) -> str:
    """Format a number the French way: ``number(18000) == "18 000"``,
    ``number(4.8, 1) == "4,8"`` (the spaces are non-breaking).

    Raises ``ValueError`` for NaN or infinity: a missing figure must not print as text.
    """
    if value is None or not math.isfinite(value):
        raise ValueError(f"pas de nombre à formater : {value!r}")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def percent(value: float, decimals: int = 0) -> str:
    """Format a percentage given on the 0–100 scale: ``percent(80) == "80 %"``."""
    return f"{number(value, decimals)}{NBSP}%"


_SPACE_BEFORE = re.compile(r"[ \t]+([:;?!»%])")
_SPACE_AFTER = re.compile(r"«[ \t]+")


def french_spacing(text: str) -> str:
    """Met une espace insécable avant « : ; ? ! % » et à l'intérieur des guillemets, à la
    place d'une espace ordinaire (``"Pourquoi ?"`` → ``"Pourquoi\u00a0?"``)."""
    return _SPACE_AFTER.sub("«" + NBSP, _SPACE_BEFORE.sub(NBSP + r"\1", text))


def date(day, precision: str = "jour") -> str:
    """Une date en toutes lettres, sans plus de précision que la donnée n'en a :
    ``jour`` → « 1er novembre 2013 », ``mois`` → « novembre 2013 », ``annee`` → « 2013 »."""
    months = D3_TIME_FORMAT_LOCALE["months"]
    if precision == "annee":
        return str(day.year)
    if precision == "mois":
        return f"{months[day.month - 1]} {day.year}"
    if precision != "jour":
        raise ValueError(f"précision de date inconnue « {precision} » (jour, mois ou annee)")
    quantieme = "1er" if day.day == 1 else str(day.day)
    return f"{quantieme}{NBSP}{months[day.month - 1]} {day.year}"
