"""La frise des billets sources et des événements qu'ils rapportent (introduction).

Un billet n'est souvent daté qu'à la saison ou à l'année près : la frise dessine donc
chaque billet comme la période où il a pu être écrit, pas comme un point qu'il ne peut
revendiquer.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from transfonum.donnees.provenance import nom_blog
from transfonum.graphiques import PALETTE

#: Jusqu'où s'étend une date de chaque précision, à partir de son premier jour.
DUREE_PRECISION = {
    "jour": pd.DateOffset(days=1),
    "mois": pd.DateOffset(months=1),
    "saison": pd.DateOffset(months=3),
    "annee": pd.DateOffset(years=1),
}
LIBELLE_PRECISION = {
    "jour": "au jour près",
    "mois": "au mois près",
    "saison": "à la saison près",
    "annee": "à l'année près",
}


def periodes_billets(billets: pd.DataFrame) -> pd.DataFrame:
    """Une ligne par billet : quand il a pu être écrit (de ``debut`` à ``fin``).

    ``fin`` est la ``periode_fin`` du billet quand les données en donnent une, sinon la
    fin de l'unité que nomme sa ``precision_date``. Une précision inconnue lève
    :class:`ValueError` en nommant le billet.
    """
    unknown = billets.loc[~billets["precision_date"].isin(DUREE_PRECISION), "id"]
    if not unknown.empty:
        raise ValueError(f"précision de date inconnue pour : {', '.join(unknown)}")
    default_end = [
        start + DUREE_PRECISION[precision]
        for start, precision in zip(billets["date"], billets["precision_date"])
    ]
    given_end = billets["periode_fin"] if "periode_fin" in billets else pd.NaT
    return pd.DataFrame({
        "titre": billets["titre"],
        "blog": billets["blog"].map(nom_blog),
        "debut": billets["date"],
        "fin": pd.Series(given_end, index=billets.index).fillna(pd.Series(default_end, index=billets.index)),
        "precision": billets["precision_date"].map(LIBELLE_PRECISION),
    })


def graphique_frise(billets: pd.DataFrame, evenements: pd.DataFrame) -> alt.LayerChart:
    """Les billets en périodes, une ligne par blog ; les événements rapportés en losanges."""
    spans = periodes_billets(billets)
    events = pd.DataFrame({
        "date": evenements["date"],
        "libelle": evenements["libelle"],
        "blog": "Événements rapportés",
    })
    rows = sorted(spans["blog"].unique()) + ["Événements rapportés"]
    y = alt.Y("blog:N", title=None, sort=rows)
    posts_layer = alt.Chart(spans).mark_bar(height=14, opacity=0.45).encode(
        x=alt.X("debut:T", title="Date", axis=alt.Axis(format="%Y", tickCount="year")),
        x2="fin:T",
        y=y,
        color=alt.Color("blog:N", legend=None),
        tooltip=[
            alt.Tooltip("titre:N", title="Billet"),
            alt.Tooltip("debut:T", title="Au plus tôt", format="%B %Y"),
            alt.Tooltip("precision:N", title="Datation"),
        ],
    )
    events_layer = alt.Chart(events).mark_point(
        shape="diamond", size=110, filled=True, color=PALETTE["repere"]
    ).encode(
        x="date:T",
        y=y,
        tooltip=[
            alt.Tooltip("libelle:N", title="Événement"),
            alt.Tooltip("date:T", title="Date", format="%d %B %Y"),
        ],
    )
    return alt.layer(posts_layer, events_layer).properties(height=200)
