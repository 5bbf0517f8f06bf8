"""Les heures de la semaine où un service client répond, et la carte qui les montre.

Le chapitre sur le CDO s'en sert pour le compte Twitter de service client de la
Société Générale : un engagement « du lundi au vendredi, de 9 h à 19 h », mis en regard
d'un client qui, lui, écrit à toute heure. Les heures viennent de la table ``chiffres`` ::

    from transfonum.chapitres.cdo import couverture
    from transfonum.donnees import charger_table

    grille = couverture.grille_depuis_chiffres(charger_table("chiffres"), "c-sg-etvous")
    couverture.part_couverte(grille)     # part des heures de la semaine couvertes (0–1)
    couverture.graphique_couverture(grille)  # 7 lignes (jours) × 24 colonnes (heures)

Le graphique est rendu sans titre ni source : le chapitre le passe à
:func:`transfonum.graphiques.finir`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from transfonum import fr
from transfonum.donnees import exiger_lignes
from transfonum.graphiques import PALETTE

#: Les jours de la semaine, du lundi au dimanche.
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
#: Libellés des deux états d'une heure, dans l'ordre de la légende.
ETATS = ("Réponse promise", "Pas de réponse")
#: Couleur de chaque état : l'accent pour couvert, le neutre sinon.
COULEURS = (PALETTE["accent"], PALETTE["neutre"])
#: Suffixes des trois lignes de ``chiffres`` qui décrivent un engagement de service.
SUFFIXES = ("heure-debut", "heure-fin", "jours")


def grille_hebdomadaire(debut: int, fin: int, jours: int) -> pd.DataFrame:
    """Une ligne par heure de la semaine (7 × 24) et si le service y répond.

    Le service répond les ``jours`` premiers jours de la semaine (à partir du lundi),
    de l'heure ``debut`` incluse à l'heure ``fin`` exclue. Colonnes : ``jour``,
    ``ordre_jour`` (0 = lundi), ``heure`` (0–23), ``couvert`` (booléen), ``etat``
    (libellé de :data:`ETATS`). Lève :class:`ValueError` si les horaires ne tiennent
    pas dans une journée ou si le nombre de jours n'est pas entre 1 et 7.
    """
    for nom, valeur in (("debut", debut), ("fin", fin), ("jours", jours)):
        if isinstance(valeur, bool) or not float(valeur).is_integer():
            raise ValueError(f"grille_hebdomadaire(){fr.INSECABLE}: {nom} doit être un nombre entier, pas {valeur!r}")
    debut, fin, jours = int(debut), int(fin), int(jours)
    if not 0 <= debut < fin <= 24:
        raise ValueError(
            f"grille_hebdomadaire(){fr.INSECABLE}: horaires impossibles ({debut} h – {fin} h){fr.INSECABLE}; "
            "il faut 0 ≤ début < fin ≤ 24"
        )
    if not 1 <= jours <= 7:
        raise ValueError(f"grille_hebdomadaire(){fr.INSECABLE}: {jours} jours par semaine, il en faut de 1 à 7")
    lignes = [
        (jour, i, heure, i < jours and debut <= heure < fin)
        for i, jour in enumerate(JOURS)
        for heure in range(24)
    ]
    grille = pd.DataFrame(lignes, columns=["jour", "ordre_jour", "heure", "couvert"])
    grille["etat"] = grille["couvert"].map({True: ETATS[0], False: ETATS[1]})
    return grille


def grille_depuis_chiffres(chiffres: pd.DataFrame, prefixe: str) -> pd.DataFrame:
    """La grille d'un engagement de service décrit dans la table ``chiffres``.

    Lit les lignes ``<prefixe>-heure-debut``, ``<prefixe>-heure-fin`` et
    ``<prefixe>-jours`` (colonne ``valeur``). Lève :class:`KeyError` en nommant la
    ligne qui manque.
    """
    ids = [f"{prefixe}-{suffixe}" for suffixe in SUFFIXES]
    exiger_lignes(chiffres, "chiffres", ids)
    valeurs = chiffres.set_index("id")["valeur"]
    debut, fin, jours = (valeurs[i] for i in ids)
    return grille_hebdomadaire(debut, fin, jours)


def heures_couvertes(grille: pd.DataFrame) -> int:
    """Nombre d'heures de la semaine où le service répond."""
    return int(grille["couvert"].sum())


def part_couverte(grille: pd.DataFrame) -> float:
    """Part des heures de la semaine où le service répond, entre 0 et 1."""
    return heures_couvertes(grille) / len(grille)


def graphique_couverture(grille: pd.DataFrame) -> alt.Chart:
    """Carte de la semaine : une ligne par jour, une case par heure, colorée si le
    service répond à cette heure-là."""
    return alt.Chart(grille).mark_rect(stroke=PALETTE["fond"], strokeWidth=1).encode(
        x=alt.X("heure:O", title="Heure (une case par heure)", axis=alt.Axis(labelAngle=0, values=list(range(0, 24, 3)))),
        y=alt.Y("jour:N", title=None, sort=list(JOURS)),
        color=alt.Color(
            "etat:N", title=None,
            scale=alt.Scale(domain=list(ETATS), range=list(COULEURS)),
            legend=alt.Legend(orient="top"),
        ),
        tooltip=[
            alt.Tooltip("jour:N", title="Jour"),
            alt.Tooltip("heure:O", title="Heure (début)"),
            alt.Tooltip("etat:N", title="Service"),
        ],
    ).properties(height=220)


def description(grille: pd.DataFrame) -> str:
    """Description en français de :func:`graphique_couverture` (lecteurs d'écran)."""
    couvertes = heures_couvertes(grille)
    jours = grille.loc[grille["couvert"], "jour"].unique()
    heures = grille.loc[grille["couvert"], "heure"]
    plage = (
        f"du {jours[0]} au {jours[-1]}, de {heures.min()}{fr.INSECABLE}h à {heures.max() + 1}{fr.INSECABLE}h"
        if couvertes else "à aucun moment"
    )
    return (
        "Carte de la semaine en cases, une ligne par jour du lundi au dimanche et une colonne par "
        f"heure de 0 à 23{fr.INSECABLE}: le service répond {plage}, soit {fr.nombre(couvertes)} heures sur "
        f"{fr.nombre(len(grille))} ({fr.pourcent(100 * part_couverte(grille))}){fr.INSECABLE}; les autres cases sont grises."
    )


__all__ = [
    "ETATS", "JOURS", "graphique_couverture", "description", "grille_depuis_chiffres",
    "grille_hebdomadaire", "heures_couvertes", "part_couverte",
]
