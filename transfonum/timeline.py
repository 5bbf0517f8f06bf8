"""The timeline of the source posts and of the events they report (introduction page).

A post is often dated only to a season or a year. The timeline therefore draws each post
as the span of time it may have been written in, not as a point it cannot claim.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from transfonum.provenance import blog_name

#: How far a date of each precision may stretch, from its first day.
PRECISION_SPAN = {
    "jour": pd.DateOffset(days=1),
    "mois": pd.DateOffset(months=1),
    "saison": pd.DateOffset(months=3),
    "annee": pd.DateOffset(years=1),
}
PRECISION_LABEL = {
    "jour": "au jour près",
    "mois": "au mois près",
    "saison": "à la saison près",
    "annee": "à l'année près",
}


def post_spans(billets: pd.DataFrame) -> pd.DataFrame:
    """One row per post: when it may have been written (``debut`` to ``fin``).

    ``fin`` is the post's ``periode_fin`` when the data give one, else the end of the
    unit its ``precision_date`` names. An unknown precision raises ``ValueError`` naming
    the post.
    """
    unknown = billets.loc[~billets["precision_date"].isin(PRECISION_SPAN), "id"]
    if not unknown.empty:
        raise ValueError(f"précision de date inconnue pour : {', '.join(unknown)}")
    default_end = [
        start + PRECISION_SPAN[precision]
        for start, precision in zip(billets["date"], billets["precision_date"])
    ]
    given_end = billets["periode_fin"] if "periode_fin" in billets else pd.NaT
    return pd.DataFrame({
        "titre": billets["titre"],
        "blog": billets["blog"].map(blog_name),
        "debut": billets["date"],
        "fin": pd.Series(given_end, index=billets.index).fillna(pd.Series(default_end, index=billets.index)),
        "precision": billets["precision_date"].map(PRECISION_LABEL),
    })


def timeline_chart(billets: pd.DataFrame, evenements: pd.DataFrame) -> alt.LayerChart:
    """Posts as spans on one row per blog; the events they report as diamonds."""
    spans = post_spans(billets)
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
        shape="diamond", size=110, filled=True, color="#000000"
    ).encode(
        x="date:T",
        y=y,
        tooltip=[
            alt.Tooltip("libelle:N", title="Événement"),
            alt.Tooltip("date:T", title="Date", format="%d %B %Y"),
        ],
    )
    return alt.layer(posts_layer, events_layer).properties(height=200)
