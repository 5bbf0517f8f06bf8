"""La carte de décision du chapitre sur le CDO : où placer le responsable du numérique.

Deux curseurs placent une entreprise selon les deux facteurs de rattachement que le
billet tire du rapport de Forrester — les compétences numériques de l'équipe de direction
en place et la maturité des capacités numériques de l'organisation —, notés de 0 à 10.
La carte éclaire la case où tombe le point et écrit le placement recommandé. Les quatre
cases et leurs textes sont ceux de la table ``cdo_placements`` : c'est la lecture que
fait le kit de ces deux facteurs, pas un outil de Forrester (la colonne ``fondement`` dit
quelles cases viennent du billet) ::

    from transfonum.chapitres.cdo import carte
    from transfonum.donnees import charger_table

    placements = charger_table("cdo_placements")
    carte.placement(placements, competences=8, maturite=2)   # la ligne de la case
    carte.graphique_carte(placements)                            # la carte à curseurs

Tout se calcule dans le navigateur (paramètres Vega-Lite) : la carte marche sur la page
statique, sans noyau. Elle est rendue sans titre ni source : le chapitre la passe à
:func:`transfonum.graphiques.finir`.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from transfonum import fr
from transfonum.donnees import exiger_colonnes
from transfonum.graphiques import PALETTE

TABLE = "cdo_placements"
#: Échelle des deux curseurs et frontière entre « faible » et « forte » (une convention).
ECHELLE = (0.0, 10.0)
SEUIL = 5.0
#: En deçà de cette distance à la frontière, la carte signale que deux cases se discutent.
HESITATION = 1.0
#: Valeurs de départ des curseurs.
DEPART = {"competences": 3.0, "maturite": 7.0}
#: Couleur de chaque fondement : l'accent pour le billet, la seconde série pour le kit.
COULEURS = {"billet": PALETTE["accent"], "lecture du kit": PALETTE["second"]}
#: Hauteur réservée, au-dessus de la carte, à la ligne qui nomme le placement.
BANDEAU = 3.0
_NIVEAUX = ("faible", "forte")
_COLONNES = ("id", "competences_dirigeants", "maturite_capacites", "placement", "fondement")


def _verifie(placements: pd.DataFrame) -> None:
    exiger_colonnes(placements, TABLE, _COLONNES)
    attendues = {(c, m) for c in _NIVEAUX for m in _NIVEAUX}
    cases = list(zip(placements["competences_dirigeants"], placements["maturite_capacites"]))
    if len(cases) != len(attendues) or set(cases) != attendues:
        vues = ", ".join(f"{c}/{m}" for c, m in cases) or "aucune"
        raise ValueError(
            f"table {fr.guillemets(TABLE)}{fr.INSECABLE}: il faut exactement une case par combinaison "
            f"faible/forte des deux facteurs (cases lues{fr.INSECABLE}: {vues})"
        )


def niveau(note: float) -> str:
    """« faible » sous la frontière :data:`SEUIL`, « forte » à partir d'elle.

    Lève :class:`ValueError` si la note sort de l'échelle 0–10.
    """
    if not ECHELLE[0] <= note <= ECHELLE[1]:
        raise ValueError(f"note {note!r} hors de l'échelle {ECHELLE[0]:g}–{ECHELLE[1]:g}")
    return _NIVEAUX[note >= SEUIL]


def placement(placements: pd.DataFrame, competences: float, maturite: float) -> pd.Series:
    """La case de la carte (une ligne de ``cdo_placements``) pour deux notes de 0 à 10.

    Même règle que la carte dans le navigateur : une note égale à la frontière compte
    comme « forte ».
    """
    _verifie(placements)
    choix = (placements["competences_dirigeants"] == niveau(competences)) & (
        placements["maturite_capacites"] == niveau(maturite))
    return placements[choix].iloc[0]


def _cases(placements: pd.DataFrame) -> pd.DataFrame:
    """Les cases avec leurs bornes sur les deux axes et leur libellé sur plusieurs lignes."""
    bas, haut = ECHELLE
    bornes = {"faible": (bas, SEUIL), "forte": (SEUIL, haut)}
    cases = placements[list(_COLONNES)].copy()
    cases[["x0", "x1"]] = [bornes[n] for n in cases["competences_dirigeants"]]
    cases[["y0", "y1"]] = [bornes[n] for n in cases["maturite_capacites"]]
    cases["xc"] = (cases["x0"] + cases["x1"]) / 2
    cases["yc"] = (cases["y0"] + cases["y1"]) / 2
    cases["lignes"] = [textwrap.wrap(texte, 20) for texte in cases["placement"]]
    cases["bandeau"] = [[f"Placement recommandé{fr.INSECABLE}:", *textwrap.wrap(texte, 36)] for texte in cases["placement"]]
    return cases


def _dans_la_case() -> str:
    """Expression Vega vraie pour la case où tombe le point des deux curseurs."""
    return (
        f"((competences >= {SEUIL}) == (datum.competences_dirigeants == 'forte')) && "
        f"((maturite >= {SEUIL}) == (datum.maturite_capacites == 'forte'))"
    )


def graphique_carte(placements: pd.DataFrame) -> alt.LayerChart:
    """La carte à deux curseurs : quatre cases colorées selon leur fondement, la case du
    point mise en avant, et au-dessus la ligne « Placement recommandé : … »."""
    _verifie(placements)
    cases = _cases(placements)
    bas, haut = ECHELLE
    competences = alt.param(
        name="competences", value=DEPART["competences"],
        bind=alt.binding_range(min=bas, max=haut, step=0.5,
                               name=f"Compétences numériques de l'équipe de direction (0 à 10){fr.INSECABLE}: "),
    )
    maturite = alt.param(
        name="maturite", value=DEPART["maturite"],
        bind=alt.binding_range(min=bas, max=haut, step=0.5,
                               name=f"Maturité des capacités numériques de l'entreprise (0 à 10){fr.INSECABLE}: "),
    )
    def xy(champ_x: str, champ_y: str) -> dict:
        return {
            "x": alt.X(f"{champ_x}:Q", title="Compétences numériques des dirigeants",
                       scale=alt.Scale(domain=[bas, haut], nice=False), axis=alt.Axis(values=[bas, SEUIL, haut], grid=False)),
            "y": alt.Y(f"{champ_y}:Q", title="Maturité des capacités numériques",
                       scale=alt.Scale(domain=[bas, haut + BANDEAU], nice=False),
                       axis=alt.Axis(values=[bas, SEUIL, haut], grid=False)),
        }

    base = alt.Chart(cases)
    fonds = base.mark_rect(stroke=PALETTE["fond"], strokeWidth=2).encode(
        **xy("x0", "y0"), x2="x1:Q", y2="y1:Q",
        color=alt.Color("fondement:N", title="Fondement de la case",
                        scale=alt.Scale(domain=list(COULEURS), range=list(COULEURS.values())),
                        legend=alt.Legend(orient="bottom")),
        opacity=alt.condition(_dans_la_case(), alt.value(0.85), alt.value(0.2)),
        tooltip=[alt.Tooltip("placement:N", title="Placement"), alt.Tooltip("fondement:N", title="Fondement")],
    ).add_params(competences, maturite)
    libelles = base.mark_text(fontSize=12, lineHeight=15).encode(
        **xy("xc", "yc"), text="lignes:N", color=alt.condition(_dans_la_case(), alt.value(PALETTE["sur_donnee"]), alt.value(PALETTE["texte"])),
    )
    choisie = base.transform_filter(_dans_la_case()).transform_calculate(
        xt=f"{(bas + haut) / 2}", yt=f"{haut + BANDEAU * 0.97}", yn=f"{haut + BANDEAU * 0.05}",
        nuance=(f"abs(competences - {SEUIL}) < {HESITATION} || abs(maturite - {SEUIL}) < {HESITATION} "
                f"? 'Près de la frontière{fr.INSECABLE}: la case voisine se discute aussi.' "
                ": (datum.fondement == 'billet' ? 'Case tirée du billet.' : 'Case extrapolée par le kit.')"),
    )
    recommandation = choisie.mark_text(fontSize=13, fontWeight="bold", lineHeight=16, baseline="top").encode(
        **xy("xt", "yt"), text="bandeau:N")
    nuance = choisie.mark_text(fontSize=12, fontStyle="italic", baseline="bottom").encode(
        **xy("xt", "yn"), text="nuance:N")
    point = alt.Chart(pd.DataFrame({"repere": ["Votre entreprise"]})).transform_calculate(
        xp="competences", yp="maturite",
    ).mark_point(shape="diamond", filled=True, size=220, color=PALETTE["repere"], stroke=PALETTE["fond"]).encode(
        **xy("xp", "yp"),
        tooltip=[alt.Tooltip("repere:N", title="Point"),
                 alt.Tooltip("xp:Q", title="Compétences", format=".1f"),
                 alt.Tooltip("yp:Q", title="Maturité", format=".1f")],
    )
    return alt.layer(fonds, libelles, recommandation, nuance, point).properties(height=420)


def description(placements: pd.DataFrame) -> str:
    """Description en français de :func:`graphique_carte` (lecteurs d'écran)."""
    _verifie(placements)
    cases = [
        f"compétences {ligne.competences_dirigeants}s et maturité {ligne.maturite_capacites}{fr.INSECABLE}: "
        f"{ligne.placement} ({ligne.fondement})"
        for ligne in placements.itertuples()
    ]
    return (
        "Carte de décision à deux axes notés de 0 à 10, les compétences numériques de l'équipe de "
        "direction en abscisse et la maturité des capacités numériques en ordonnée, coupée en quatre "
        f"cases à la note {fr.nombre(SEUIL)}{fr.INSECABLE}: " + f"{fr.INSECABLE}; ".join(cases)
        + f". Deux curseurs sous la carte déplacent un losange noir{fr.INSECABLE}; la case où il tombe est "
        "mise en avant et son placement est écrit au-dessus de la carte."
    )


__all__ = ["BANDEAU", "DEPART", "HESITATION", "SEUIL", "graphique_carte", "description", "niveau", "placement"]
