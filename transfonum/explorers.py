"""Explorateurs qui marchent sur la page statique : paramètres Vega-Lite liés à un
curseur, calculés dans le navigateur, sans noyau.

- :func:`margin_of_error_chart` : la marge d'erreur d'un pourcentage selon la taille de
  l'échantillon, avec les études du corpus dont la taille est connue.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from transfonum import fr

#: Niveau de confiance des marges d'erreur (en %) et quantile de la loi normale associé.
CONFIDENCE = 95
Z_95 = 1.96


def margin_of_error(percent: float, sample_size: int) -> float:
    """Demi-largeur, en points, de l'intervalle de confiance à 95 % d'un pourcentage
    mesuré sur un échantillon aléatoire simple de ``sample_size`` personnes."""
    if sample_size <= 0 or not 0 <= percent <= 100:
        raise ValueError("taille d'échantillon positive et pourcentage entre 0 et 100 attendus")
    p = percent / 100
    return 100 * Z_95 * math.sqrt(p * (1 - p) / sample_size)


def margin_expression(percent: str, size: str) -> str:
    """La même marge, en expression Vega calculée dans le navigateur : ``percent`` et
    ``size`` sont des expressions (un paramètre, un champ ``datum.…`` ou un nombre)."""
    return f"100 * {Z_95} * sqrt(({percent}) / 100 * (1 - ({percent}) / 100) / ({size}))"


def margin_of_error_chart(studies: pd.DataFrame, sizes: range = range(50, 5001, 50)) -> alt.LayerChart:
    """Courbe de la marge d'erreur selon la taille d'échantillon, pour le pourcentage
    choisi au curseur, et un point par étude dont la taille est connue.

    :param studies: colonnes ``titre`` et ``taille_echantillon`` (la table ``etudes``).
    """
    known = studies.dropna(subset=["taille_echantillon"])
    points = pd.DataFrame({
        "etude": known["titre"],
        "taille": known["taille_echantillon"].astype(int),
        "taille_fr": [fr.number(int(n)) for n in known["taille_echantillon"]],
    })
    percent = alt.param(
        name="pourcentage", value=50,
        bind=alt.binding_range(min=5, max=95, step=5, name=f"Pourcentage mesuré (en\u00a0%)\u00a0: "),
    )
    x = alt.X("taille:Q", title="Taille de l'échantillon (personnes)", scale=alt.Scale(type="log"))
    y = alt.Y("marge:Q", title=f"Marge d'erreur à {fr.percent(CONFIDENCE)} (en points)")
    curve = alt.Chart(pd.DataFrame({"taille": list(sizes)})).mark_line().transform_calculate(
        marge=margin_expression("pourcentage", "datum.taille")).encode(x=x, y=y).add_params(percent)
    studies_layer = alt.Chart(points).mark_point(filled=True, size=70, color="#D55E00").transform_calculate(
        marge=margin_expression("pourcentage", "datum.taille")).encode(
        x=x, y=y,
        tooltip=[alt.Tooltip("etude:N", title="Étude"), alt.Tooltip("taille_fr:N", title="Échantillon"),
                 alt.Tooltip("marge:Q", title="Marge (points)", format=".1f")],
    )
    return alt.layer(curve, studies_layer).properties(height=280)
