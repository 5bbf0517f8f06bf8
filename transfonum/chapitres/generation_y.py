"""Le chapitre « génération Y » : qui parle d'âge, qui parle d'accompagnement, et ce que
vaut un pourcentage dont on ne connaît pas l'échantillon.

La table ``accompagnement_numerique`` range ce que disent deux billets (constats sur une
tranche d'âge, mesures annoncées, propositions de l'auteur) selon le critère qui définit
le public visé. Ce module en tire le tableau croisé et les graphiques du chapitre ::

    from transfonum.chapitres import generation_y
    from transfonum.donnees import charger_table

    table = charger_table("accompagnement_numerique")
    generation_y.croisement(table)              # nature × critère, zéros compris
    generation_y.graphique_croisement(table)        # le même tableau en points
    generation_y.graphique_grille(17, "avec", "sans")  # 100 carrés, 17 colorés
    generation_y.intervalle(17, 1000)           # (bas, haut) à 95 %, en %
    generation_y.graphique_marge(17)    # curseur : taille d'échantillon supposée

Les graphiques sont rendus sans titre ni source : le chapitre les passe à
:func:`transfonum.graphiques.finir`.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from transfonum import fr
from transfonum.donnees import exiger_colonnes, exiger_valeurs
from transfonum.graphiques import PALETTE
from transfonum.statistiques import expression_marge, marge_erreur

TABLE = "accompagnement_numerique"
#: Libellé de chaque nature de ligne, dans l'ordre d'affichage.
NATURES: dict[str, str] = {
    "constat": "Constat sur un âge",
    "mesure": "Mesure annoncée",
    "proposition": "Proposition de l'auteur",
}
#: Libellé de chaque critère qui définit le public, dans l'ordre d'affichage.
CRITERES: dict[str, str] = {
    "age": "Un âge",
    "role": "Une place dans l'organisation",
    "client": "Une relation client",
    "emploi": "Une situation d'emploi",
    "formation": "Un besoin de formation",
}
#: Largeur, en caractères, des lignes d'un titre de colonne du tableau croisé.
LARGEUR_TITRE_COLONNE = 12
#: … et d'un titre de ligne.
LARGEUR_TITRE_LIGNE = 16
#: Couleurs : l'accent pour la part mesurée, le neutre pour le reste.
COULEUR_OUI, COULEUR_NON = PALETTE["accent"], PALETTE["neutre"]


def _verifie(table: pd.DataFrame) -> None:
    """Lève :class:`ValueError`, en français, si une colonne manque ou si une valeur est inconnue."""
    exiger_colonnes(table, TABLE, ("id", "nature", "public_defini_par"))
    exiger_valeurs(table, TABLE, "nature", NATURES)
    exiger_valeurs(table, TABLE, "public_defini_par", CRITERES)


def croisement(table: pd.DataFrame) -> pd.DataFrame:
    """Nombre de lignes par nature et par critère de public, zéros compris.

    Une ligne par couple (nature, critère), dans l'ordre de :data:`NATURES` puis de
    :data:`CRITERES` ; colonnes ``nature``, ``critere``, ``nombre`` et leurs libellés
    ``nature_libelle``, ``critere_libelle``. Lève :class:`ValueError` si la table n'a
    pas les colonnes attendues ou contient une valeur inconnue.
    """
    _verifie(table)
    counts = table.groupby(["nature", "public_defini_par"]).size()
    rows = [
        {"nature": n, "critere": c, "nombre": int(counts.get((n, c), 0)),
         "nature_libelle": NATURES[n], "critere_libelle": CRITERES[c]}
        for n in NATURES for c in CRITERES
    ]
    return pd.DataFrame(rows)


def _en_lignes(libelle: str, largeur: int = LARGEUR_TITRE_COLONNE) -> str:
    """Un libellé coupé en lignes (séparées par « | ») d'au plus ``largeur`` caractères."""
    return "|".join(textwrap.wrap(libelle, largeur))


def graphique_croisement(table: pd.DataFrame) -> alt.LayerChart:
    """Tableau croisé en points : un cercle par case, d'autant plus gros qu'elle compte de
    lignes, le nombre écrit à côté ; les cases vides restent visibles (un zéro)."""
    data = croisement(table)
    # Les titres de colonne sur deux lignes (« | ») : ils ne se chevauchent pas quand le
    # graphique est étroit (téléphone, carnet à côté du navigateur de fichiers).
    data["nature_etiquette"] = [_en_lignes(n) for n in data["nature_libelle"]]
    x = alt.X("nature_etiquette:N", title=None, sort=[_en_lignes(n) for n in NATURES.values()],
              axis=alt.Axis(orient="top", labelAngle=0, labelLimit=150, labelLineHeight=15, labelPadding=8,
                            labelExpr="split(datum.label, '|')"))
    data["critere_etiquette"] = [_en_lignes(c, LARGEUR_TITRE_LIGNE) for c in data["critere_libelle"]]
    y = alt.Y("critere_etiquette:N", title=None, sort=[_en_lignes(c, LARGEUR_TITRE_LIGNE) for c in CRITERES.values()],
              axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLineHeight=15))
    tooltip = [alt.Tooltip("nature_libelle:N", title="Nature"),
               alt.Tooltip("critere_libelle:N", title="Public défini par"),
               alt.Tooltip("nombre:Q", title="Lignes")]
    points = alt.Chart(data).mark_circle(color=COULEUR_OUI, opacity=0.8).encode(
        x=x, y=y, size=alt.Size("nombre:Q", legend=None, scale=alt.Scale(range=[0, 1400])), tooltip=tooltip)
    nombres = alt.Chart(data).mark_text(dx=26, align="left").encode(x=x, y=y, text="nombre:Q", tooltip=tooltip)
    return alt.layer(points, nombres).properties(height=260)


def graphique_grille(pourcent: float, oui: str, non: str, cote: int = 10) -> alt.Chart:
    """Une grille de ``cote`` × ``cote`` carrés dont la part ``pourcent`` est colorée.

    Chaque carré vaut ``100 / cote²`` % de la population de référence. Lève
    :class:`ValueError` si ``pourcent`` n'est pas entre 0 et 100.
    """
    if not 0 <= pourcent <= 100:
        raise ValueError(f"graphique_grille{fr.INSECABLE}: pourcentage entre 0 et 100 attendu, reçu {pourcent}")
    total = cote * cote
    colores = round(pourcent * total / 100)
    data = pd.DataFrame({
        "rang": range(total),
        "ligne": [i // cote for i in range(total)],
        "colonne": [i % cote for i in range(total)],
        "groupe": [oui if i < colores else non for i in range(total)],
    })
    return alt.Chart(data).mark_square(size=500).encode(
        x=alt.X("colonne:O", axis=None),
        y=alt.Y("ligne:O", axis=None),
        color=alt.Color("groupe:N", title=None, scale=alt.Scale(domain=[oui, non], range=[COULEUR_OUI, COULEUR_NON]),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        tooltip=[alt.Tooltip("groupe:N", title="Groupe")],
    ).properties(width=300, height=340)


def intervalle(pourcent: float, taille: int) -> tuple[float, float]:
    """Intervalle de confiance à 95 % (bornes en %, limitées à 0 et 100) d'un pourcentage
    mesuré sur un échantillon aléatoire simple de ``taille`` personnes.

    Lève :class:`ValueError` si la taille n'est pas positive ou le pourcentage hors de 0–100.
    """
    marge = marge_erreur(pourcent, taille)
    return max(0.0, pourcent - marge), min(100.0, pourcent + marge)


def _bornes(pourcent: float, taille: str) -> dict[str, str]:
    """Expressions Vega des bornes de l'intervalle, pour une taille lue dans ``taille``."""
    marge = expression_marge(str(pourcent), taille)
    return {"bas": f"max(0, {pourcent} - {marge})", "haut": f"min(100, {pourcent} + {marge})"}


def graphique_marge(pourcent: float, tailles: range = range(50, 5001, 50), depart: int = 500) -> alt.LayerChart:
    """Entonnoir de l'intervalle à 95 % autour de ``pourcent`` selon la taille de
    l'échantillon, et l'intervalle pour la taille choisie au curseur (paramètre
    ``taille``, calculé dans le navigateur).

    Lève :class:`ValueError` si ``pourcent`` n'est pas entre 0 et 100 ou si ``depart``
    n'est pas l'une des ``tailles``.
    """
    if not 0 <= pourcent <= 100:
        raise ValueError(f"graphique_marge{fr.INSECABLE}: pourcentage entre 0 et 100 attendu, reçu {pourcent}")
    if depart not in tailles:
        raise ValueError(f"graphique_marge{fr.INSECABLE}: la taille de départ {depart} n'est pas sur le curseur")
    taille = alt.param(name="taille", value=depart, bind=alt.binding_range(
        min=tailles.start, max=tailles[-1], step=tailles.step,
        name=f"Taille d'échantillon supposée (personnes){fr.INSECABLE}: "))
    # Sur deux lignes : d'un seul tenant, le titre déborde d'un téléphone de part et d'autre.
    x = alt.X("n:Q", title=["Taille de l'échantillon", "(personnes, échelle logarithmique)"],
              scale=alt.Scale(type="log", domain=[tailles.start, tailles[-1]], nice=False),
              axis=alt.Axis(values=[v for v in (50, 100, 200, 500, 1000, 2000, 5000, 10000) if v in tailles],
                            format=",d"))
    y = alt.Y("bas:Q", title="Intervalle de confiance à 95 % (en %)", scale=alt.Scale(domain=[0, 40]))
    entonnoir = alt.Chart(pd.DataFrame({"n": list(tailles)})).transform_calculate(
        **_bornes(pourcent, "datum.n")).mark_area(opacity=0.25, color=COULEUR_OUI).encode(x=x, y=y, y2="haut:Q")
    centre = alt.Chart(pd.DataFrame({"p": [pourcent]})).mark_rule(strokeDash=[4, 4], color=PALETTE["attenue"]).encode(y="p:Q")
    choix = alt.Chart(pd.DataFrame({"n": [depart]})).transform_calculate(
        n="taille", **_bornes(pourcent, "taille"),
        texte=f"'de ' + format(datum.bas, '.1f') + '{fr.INSECABLE}% à ' + format(datum.haut, '.1f') + '{fr.INSECABLE}%'",
    )
    barre = choix.mark_rule(strokeWidth=4, color=PALETTE["contraste"]).encode(
        x=x, y=y, y2="haut:Q",
        tooltip=[alt.Tooltip("n:Q", title="Échantillon", format=",d"),
                 alt.Tooltip("texte:N", title="Intervalle à 95 %")])
    tourne = f"taille > {tailles[len(tailles) // 3]}"  # au-delà, l'étiquette passe à gauche de la barre
    etiquette = choix.mark_text(
        align={"expr": f"{tourne} ? 'right' : 'left'"}, dx={"expr": f"{tourne} ? -8 : 8"},
        dy=-8, fontWeight=600, color=PALETTE["contraste"]).encode(
        x=x, y=alt.Y("haut:Q"), text="texte:N")
    return alt.layer(entonnoir, centre, barre, etiquette).add_params(taille).properties(height=300)


__all__ = [
    "CRITERES", "NATURES", "croisement", "graphique_croisement", "graphique_marge",
    "graphique_grille", "intervalle",
]
