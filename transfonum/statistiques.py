"""La marge d'erreur d'un pourcentage, en Python et en expression Vega (calculée dans le
navigateur) : une seule formule pour les pages et les carnets qui en parlent.
"""

from __future__ import annotations

import math

#: Niveau de confiance des marges d'erreur (en %) et quantile de la loi normale associé.
CONFIANCE = 95
Z_95 = 1.96


def marge_erreur(pourcent: float, taille_echantillon: int) -> float:
    """Demi-largeur, en points, de l'intervalle de confiance à 95 % d'un pourcentage
    mesuré sur un échantillon aléatoire simple de ``taille_echantillon`` personnes.

    Lève :class:`ValueError` si la taille n'est pas positive ou le pourcentage hors de 0–100.
    """
    if taille_echantillon <= 0 or not 0 <= pourcent <= 100:
        raise ValueError("taille d'échantillon positive et pourcentage entre 0 et 100 attendus")
    p = pourcent / 100
    return 100 * Z_95 * math.sqrt(p * (1 - p) / taille_echantillon)


def expression_marge(pourcent: str, taille: str) -> str:
    """La même marge, en expression Vega calculée dans le navigateur : ``pourcent`` et
    ``taille`` sont des expressions (un paramètre, un champ ``datum.…`` ou un nombre)."""
    return f"100 * {Z_95} * sqrt(({pourcent}) / 100 * (1 - ({pourcent}) / 100) / ({taille}))"
