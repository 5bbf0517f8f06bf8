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


def recensements(drives: pd.DataFrame) -> pd.DataFrame:
    """Les décomptes de la table ``drives_recensements``, dans leur ordre, prêts à dessiner :
    ajoute ``date_fr`` (la date à sa précision), ``etiquette`` (organisme et date sur deux
    lignes séparées par « | » ; quand un même organisme publie deux décomptes à la même
    date, la seconde ligne dit ce qui est compté) et ``texte`` (le nombre en français).
    Lève :class:`ValueError` si la table est vide."""
    if drives.empty:
        raise ValueError(f"recensements(){fr.INSECABLE}: aucun décompte dans la table")
    lignes = drives.sort_values("ordre").reset_index(drop=True).copy()
    lignes["date_fr"] = [
        fr.date(d, "jour") if precision == "jour" else ("fin " if d.month == 12 else "début ") + str(d.year)
        for d, precision in zip(lignes["date"], lignes["precision_date"])
    ]
    doublon = lignes.duplicated(["organisme", "date_fr"], keep=False)
    lignes["etiquette"] = [
        f"{o}, {d}{_SEPARATEUR}{c[:1].lower() + c[1:]}" if double else f"{o}{_SEPARATEUR}{d}"
        for o, d, c, double in zip(lignes["organisme"], lignes["date_fr"], lignes["definition"], doublon)
    ]
    lignes["texte"] = [fr.nombre(int(n)) for n in lignes["nombre"]]
    return lignes


def graphique_recensements(lignes: pd.DataFrame, valeur_citee: float) -> alt.LayerChart:
    """Une barre horizontale par décompte (couleur : ce qui est compté), le nombre au bout,
    et une ligne verticale pointillée au chiffre cité en séance (``valeur_citee``)."""
    y = alt.Y("etiquette:N", title=None, sort=list(lignes["etiquette"]),
              axis=alt.Axis(labelExpr=f"split(datum.label, '{_SEPARATEUR}')", labelLineHeight=15))
    x = alt.X("nombre:Q", title=["Drives recensés", f"(pointillé{fr.INSECABLE}: chiffre cité)"], stack=None,
              scale=alt.Scale(domainMin=0))
    barres = alt.Chart(lignes).mark_bar().encode(
        y=y, x=x,
        color=alt.Color("definition:N", title="Ce qui est compté", sort=list(dict.fromkeys(lignes["definition"])),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        tooltip=[alt.Tooltip("organisme:N", title="Organisme"), alt.Tooltip("date_fr:N", title="Date"),
                 alt.Tooltip("definition:N", title="Ce qui est compté"), alt.Tooltip("texte:N", title="Nombre")],
    )
    valeurs = alt.Chart(lignes).mark_text(align="right", dx=-4).encode(
        y=y, x=x, text="texte:N", color=alt.value(PALETTE["sur_donnee"]))
    regle = alt.Chart(pd.DataFrame({"nombre": [valeur_citee]})).mark_rule(
        color=PALETTE["repere"], strokeDash=[4, 4], strokeWidth=2).encode(x=x)
    return alt.layer(barres, valeurs, regle).properties(height=alt.Step(40))


def description_recensements(lignes: pd.DataFrame, texte_cite: str) -> str:
    """Description en français de :func:`graphique_recensements` (lecteurs d'écran)."""
    parts = [
        f"{o} ({d}), {c[:1].lower() + c[1:]}{fr.INSECABLE}: {t}"
        for o, d, c, t in zip(lignes["organisme"], lignes["date_fr"], lignes["definition"], lignes["texte"])
    ]
    return (f"Barres horizontales, une par décompte des drives en France{fr.INSECABLE}: " + f"{fr.INSECABLE}; ".join(parts)
            + f". Une ligne pointillée marque le chiffre cité à la conférence, {texte_cite}.")


__all__ = ["description", "description_recensements", "graphique_barres", "graphique_recensements",
           "recensements", "selection"]
