"""L'annexe « Sources et vérification » : le bilan des statuts et l'explorateur de la
marge d'erreur ::

    from transfonum.chapitres import annexe_sources
    from transfonum.donnees import charger_table, provenance

    statuts = provenance.decompte_statuts(charger_table("chiffres"))
    annexe_sources.graphique_statuts(statuts)          # une barre par statut
    annexe_sources.description_statuts(statuts)        # le même bilan, en phrase
    annexe_sources.graphique_marge_erreur(charger_table("etudes"))  # curseur : pourcentage mesuré

L'explorateur marche sur la page statique : le curseur est un paramètre Vega-Lite,
la marge se calcule dans le navigateur, sans noyau. Les graphiques sortent sans titre
ni source : la page les passe à :func:`transfonum.graphiques.finir`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from transfonum import fr
from transfonum.graphiques import PALETTE
from transfonum.statistiques import CONFIANCE, expression_marge


def graphique_statuts(statuts: pd.DataFrame) -> alt.LayerChart:
    """Une barre horizontale par statut de vérification, le nombre écrit au bout.

    :param statuts: la table de :func:`transfonum.donnees.provenance.decompte_statuts`.
    """
    ordre = list(statuts["libelle"])
    barres = alt.Chart(statuts).mark_bar().encode(
        x=alt.X("nombre:Q", title="Nombre de chiffres", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("libelle:N", title=None, sort=ordre),
        color=alt.Color("libelle:N", sort=ordre, legend=None),
        tooltip=[alt.Tooltip("libelle:N", title="Statut"), alt.Tooltip("nombre:Q", title="Chiffres")],
    )
    etiquettes = barres.mark_text(align="left", dx=4).encode(text="nombre:Q", color=alt.value(PALETTE["texte"]))
    return barres + etiquettes


def description_statuts(statuts: pd.DataFrame) -> str:
    """Description en français de :func:`graphique_statuts` (lecteurs d'écran)."""
    parties = [f"{libelle.lower()} {fr.nombre(n)}" for libelle, n in zip(statuts["libelle"], statuts["nombre"])]
    return ("Diagramme en barres horizontales du nombre de chiffres par statut de "
            f"vérification{fr.INSECABLE}: " + ", ".join(parties) + ".")


def graphique_marge_erreur(etudes: pd.DataFrame, tailles: range = range(50, 5001, 50)) -> alt.LayerChart:
    """Courbe de la marge d'erreur selon la taille d'échantillon, pour le pourcentage
    choisi au curseur, et un point par étude dont la taille est connue.

    :param etudes: colonnes ``titre`` et ``taille_echantillon`` (la table ``etudes``).
    """
    connues = etudes.dropna(subset=["taille_echantillon"])
    points = pd.DataFrame({
        "etude": connues["titre"],
        "taille": connues["taille_echantillon"].astype(int),
        "taille_fr": [fr.nombre(int(n)) for n in connues["taille_echantillon"]],
    })
    pourcentage = alt.param(
        name="pourcentage", value=50,
        bind=alt.binding_range(min=5, max=95, step=5,
                               name=f"Pourcentage mesuré (en{fr.INSECABLE}%){fr.INSECABLE}: "),
    )
    x = alt.X("taille:Q", title="Taille de l'échantillon (personnes)", scale=alt.Scale(type="log"))
    y = alt.Y("marge:Q", title=f"Marge d'erreur à {fr.pourcent(CONFIANCE)} (en points)")
    marge = expression_marge("pourcentage", "datum.taille")
    courbe = alt.Chart(pd.DataFrame({"taille": list(tailles)})).mark_line().transform_calculate(
        marge=marge).encode(x=x, y=y).add_params(pourcentage)
    etudes_connues = alt.Chart(points).mark_point(
        filled=True, size=70, color=PALETTE["contraste"]).transform_calculate(marge=marge).encode(
        x=x, y=y,
        tooltip=[alt.Tooltip("etude:N", title="Étude"), alt.Tooltip("taille_fr:N", title="Échantillon"),
                 alt.Tooltip("marge:Q", title="Marge (points)", format=".1f")],
    )
    return alt.layer(courbe, etudes_connues).properties(height=280)
