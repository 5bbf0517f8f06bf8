"""Les tendances du Social Business Forum 2014 : bilan par famille et graphiques.

La table ``tendances_sbf2014`` range dix thèmes en « In » (ce qui monte) et « Out »
(ce qui recule), d'après le compte rendu de Bertrand Duperrin ; la colonne ``famille``
est une grille de lecture du kit. Ce module en tire le bilan par famille et les deux
graphiques du chapitre ::

    from transfonum.chapitres import sbf2014
    from transfonum.donnees import charger_table

    tendances = charger_table("tendances_sbf2014")
    sbf2014.bilan_familles(tendances)      # une ligne par famille : In, Out
    sbf2014.graphique_familles(tendances)      # barres divergentes, Out à gauche
    sbf2014.graphique_explorateur(tendances)   # une barre par tendance, liste déroulante

Les graphiques sont rendus sans titre ni source : le chapitre les passe à
:func:`transfonum.graphiques.finir`.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from transfonum import fr
from transfonum.donnees import charger_table, exiger_colonnes, exiger_valeurs, ressource
from transfonum.donnees.provenance import nom_blog, source_kit
from transfonum.graphiques import PALETTE

TABLE = "tendances_sbf2014"
#: Le billet dont la table est le résumé.
BILLET = "b-sbf2014"
#: Les deux sens, dans l'ordre de lecture des graphiques (ce qui recule à gauche).
SENS = ("Out", "In")
#: Libellé de l'option du menu déroulant qui montre toutes les familles.
TOUTES = "Toutes les familles"
#: Couleur de chaque sens : la seconde série pour Out, l'accent pour In.
COULEURS = {"Out": PALETTE["second"], "In": PALETTE["accent"]}
_COLONNES = ("id", "sens", "theme", "famille", "resume")
#: Largeur (en caractères) des lignes d'étiquette de l'explorateur, lisible sur téléphone.
LARGEUR_ETIQUETTE = 20


def familles() -> list[str]:
    """Les familles de thèmes, dans l'ordre où le schéma de la table les déclare."""
    fields = ressource(TABLE)["schema"]["fields"]
    return list(next(f for f in fields if f["name"] == "famille")["constraints"]["enum"])


def source_tendances() -> str:
    """La légende « Source : … » des graphiques tirés de la table des tendances : la
    table du kit, puis le billet qu'elle résume (titre, auteur et blog lus dans
    ``billets``)."""
    post = charger_table("billets").set_index("id").loc[BILLET]
    return (
        f"{source_kit(TABLE)} Elle résume le billet {fr.guillemets(post['titre'])} de "
        f"{post['auteur']} ({nom_blog(post['blog'])}){fr.INSECABLE}: l'impression d'un "
        "auditeur, sans décompte des présentations."
    )


def _verifie(tendances: pd.DataFrame) -> None:
    exiger_colonnes(tendances, TABLE, (*_COLONNES, "ordre"))
    exiger_valeurs(tendances, TABLE, "sens", SENS)


def bilan_familles(tendances: pd.DataFrame) -> pd.DataFrame:
    """Nombre de tendances « In » et « Out » par famille, zéros compris.

    Colonnes : ``famille``, ``Out``, ``In`` ; une ligne par famille du schéma, dans
    son ordre. Lève :class:`ValueError` si une colonne manque ou si un sens est inconnu.
    """
    _verifie(tendances)
    counts = pd.crosstab(tendances["famille"], tendances["sens"])
    counts = counts.reindex(index=familles(), columns=list(SENS), fill_value=0)
    return counts.rename_axis(index="famille", columns=None).reset_index()


def _longue(tendances: pd.DataFrame) -> pd.DataFrame:
    """Le bilan en format long, Out compté négativement (barres divergentes)."""
    bilan = bilan_familles(tendances)
    longue = bilan.melt(id_vars="famille", var_name="sens", value_name="nombre")
    longue["position"] = longue["nombre"].where(longue["sens"] == "In", -longue["nombre"])
    return longue[longue["nombre"] > 0].reset_index(drop=True)


def _couleur() -> alt.Color:
    return alt.Color(
        "sens:N",
        title="Sens",
        scale=alt.Scale(domain=list(SENS), range=[COULEURS[s] for s in SENS]),
        legend=alt.Legend(orient="top"),
    )


def _axe_divergent(title: str | list[str]) -> alt.Axis:
    """Un axe qui affiche les valeurs négatives (les Out) sans leur signe."""
    return alt.Axis(title=title, tickMinStep=1, labelExpr="format(abs(datum.value), 'd')")


def graphique_familles(tendances: pd.DataFrame) -> alt.Chart:
    """Barres divergentes : par famille, les tendances Out à gauche, les In à droite."""
    longue = _longue(tendances)
    limite = int(longue["nombre"].max())
    return alt.Chart(longue, height=alt.Step(34)).mark_bar().encode(
        x=alt.X(
            "position:Q",
            axis=_axe_divergent(["Nombre de tendances", "Out ← → In"]),
            scale=alt.Scale(domain=[-limite, limite]),
        ),
        y=alt.Y("famille:N", title=None, sort=familles()),
        color=_couleur(),
        tooltip=[
            alt.Tooltip("famille:N", title="Famille"),
            alt.Tooltip("sens:N", title="Sens"),
            alt.Tooltip("nombre:Q", title="Tendances"),
        ],
    )


def description_familles(tendances: pd.DataFrame) -> str:
    """Description en français du graphique :func:`graphique_familles` (lecteurs d'écran)."""
    parts = [
        f"{ligne.famille}{fr.INSECABLE}: {fr.nombre(ligne.In)} In et {fr.nombre(ligne.Out)} Out"
        for ligne in bilan_familles(tendances).itertuples()
    ]
    return (
        "Barres horizontales divergentes, une ligne par famille de thèmes, les tendances "
        "qui reculent (Out) à gauche de zéro et celles qui montent (In) à droite. "
        + f"{fr.INSECABLE}; ".join(parts)
        + "."
    )


#: Description, pour les lecteurs d'écran, du graphique :func:`graphique_explorateur`.
DESCRIPTION_EXPLORATEUR = (
    f"Diagramme en barres horizontales, une barre par tendance{fr.INSECABLE}: vers la gauche pour "
    "celles qui reculent (Out), vers la droite pour celles qui montent (In). Une liste "
    f"déroulante filtre les tendances par famille de thèmes{fr.INSECABLE}; l'infobulle donne le "
    "résumé de chaque tendance."
)


def graphique_explorateur(tendances: pd.DataFrame) -> alt.Chart:
    """Une barre par tendance (Out vers la gauche, In vers la droite), filtrée par un
    menu déroulant des familles ; l'infobulle donne le résumé de la tendance.

    Le paramètre Vega-Lite ``famille_choisie`` est lié à une liste déroulante : le graphique
    réagit dans la page statique, sans noyau Python.
    """
    _verifie(tendances)
    data = tendances[[*_COLONNES, "ordre"]].assign(
        position=tendances["sens"].map({"In": 1, "Out": -1}),
        etiquette=[
            "|".join(textwrap.wrap(theme, LARGEUR_ETIQUETTE)) for theme in tendances["theme"]
        ],
    )
    choix = alt.param(
        name="famille_choisie",
        value=TOUTES,
        bind=alt.binding_select(options=[TOUTES, *familles()], name=f"Famille de thèmes{fr.INSECABLE}: "),
    )
    return alt.Chart(data, height=alt.Step(38)).mark_bar().encode(
        x=alt.X(
            "position:Q",
            axis=alt.Axis(title="Out ← → In", values=[-1, 0, 1], labels=False),
            scale=alt.Scale(domain=[-1, 1]),
        ),
        # Étiquettes sur plusieurs lignes (séparées par « | ») : le graphique tient sur
        # un écran de téléphone.
        y=alt.Y(
            "etiquette:N",
            title=None,
            sort=alt.SortField("ordre"),
            axis=alt.Axis(labelExpr="split(datum.label, '|')"),
        ),
        color=_couleur(),
        tooltip=[
            alt.Tooltip("theme:N", title="Thème"),
            alt.Tooltip("famille:N", title="Famille"),
            alt.Tooltip("sens:N", title="Sens"),
            alt.Tooltip("resume:N", title="Ce qu'en dit le billet"),
        ],
    ).add_params(choix).transform_filter(
        f"famille_choisie == '{TOUTES}' || datum.famille == famille_choisie"
    )


__all__ = [
    "BILLET", "COULEURS", "DESCRIPTION_EXPLORATEUR", "SENS", "TABLE", "TOUTES", "bilan_familles", "description_familles",
    "graphique_explorateur", "familles", "graphique_familles", "source_tendances",
]
