"""Comparer en barres quelques chiffres cités de même unité (chapitre « Relation client et social CRM »).

Sert aux chiffres donnés en séance à la conférence Kea & Partners et Nurun, par exemple
le nombre de cafés en France autrefois et au moment de la conférence ::

    from transfonum.chapitres.relation_client import comparaison
    from transfonum.donnees import charger_table

    chiffres = charger_table("chiffres")
    cafes = comparaison.selection(chiffres, ["c-cafes-autrefois", "c-cafes-aujourdhui"],
                                   prefixe="Cafés en France ")
    comparaison.graphique_barres(cafes, titre_axe="Nombre de cafés en France")
    comparaison.description(cafes)

Chaque barre porte la valeur telle que le billet la cite (« environ … »). Le graphique
est rendu sans titre ni source : le chapitre le passe à :func:`transfonum.graphiques.finir`.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from transfonum import fr
from transfonum.donnees import exiger_lignes, provenance
from transfonum.graphiques import PALETTE

#: Largeur, en caractères, des lignes d'une étiquette d'axe.
LARGEUR_ETIQUETTE = 18
_SEPARATEUR = "|"


def selection(chiffres: pd.DataFrame, ids: list[str], prefixe: str = "") -> pd.DataFrame:
    """Les lignes ``ids`` de la table ``chiffres``, dans cet ordre, prêtes à dessiner.

    Ajoute ``texte`` (la valeur telle que citée) et ``etiquette`` (le libellé sans
    ``prefixe``, coupé en lignes séparées par « | »). Lève :class:`KeyError` en nommant
    les identifiants absents et :class:`ValueError` si les unités diffèrent.
    """
    exiger_lignes(chiffres, "chiffres", ids)
    lignes = chiffres.set_index("id").loc[ids].reset_index()
    if lignes["unite"].nunique() != 1:
        raise ValueError(
            f"on ne compare en barres que des chiffres de même unité (unités lues{fr.INSECABLE}: "
            f"{', '.join(sorted(lignes['unite'].unique()))})"
        )
    lignes["texte"] = [provenance.cite(i, chiffres) for i in ids]
    lignes["etiquette"] = [
        textwrap.fill(libelle.removeprefix(prefixe)[:1].upper() + libelle.removeprefix(prefixe)[1:],
                      LARGEUR_ETIQUETTE).replace("\n", _SEPARATEUR)
        for libelle in lignes["libelle"]
    ]
    return lignes


def graphique_barres(lignes: pd.DataFrame, titre_axe: str) -> alt.LayerChart:
    """Une barre verticale par chiffre, la valeur citée écrite au-dessus."""
    barres = alt.Chart(lignes).mark_bar(width={"band": 0.6}).encode(
        x=alt.X("etiquette:N", title=None, sort=list(lignes["etiquette"]),
                axis=alt.Axis(labelAngle=0, labelExpr=f"split(datum.label, '{_SEPARATEUR}')", labelLineHeight=16)),
        y=alt.Y("valeur:Q", title=titre_axe),
        tooltip=[alt.Tooltip("libelle:N", title="Chiffre"), alt.Tooltip("texte:N", title="Tel que cité")],
    )
    valeurs = barres.mark_text(baseline="bottom", dy=-4, color=PALETTE["texte"]).encode(text="texte:N")
    return alt.layer(barres, valeurs).properties(height=260)


def description(lignes: pd.DataFrame) -> str:
    """Description en français de :func:`graphique_barres` (lecteurs d'écran), statut compris."""
    parts = [
        f"{libelle}{fr.INSECABLE}: {texte} ({provenance.LIBELLES_STATUT[statut].lower()})"
        for libelle, texte, statut in zip(lignes["libelle"], lignes["texte"], lignes["statut"])
    ]
    return f"Barres verticales, une par chiffre cité{fr.INSECABLE}: " + f"{fr.INSECABLE}; ".join(parts) + "."


__all__ = ["graphique_barres", "description", "selection"]
