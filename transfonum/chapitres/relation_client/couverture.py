"""Les heures de la semaine où un service client répond, ce qu'attend une plainte
arrivée hors de ces heures, et les graphiques qui le montrent.

Le chapitre « Relation client et social CRM » s'en sert pour le compte Twitter de service
client de la Société Générale : un engagement « du lundi au vendredi, de 9 h à 19 h »,
mis en regard d'un client qui, lui, écrit à toute heure. Les heures viennent de la table
``chiffres`` ::

    from transfonum.chapitres.relation_client import couverture
    from transfonum.donnees import charger_table

    grille = couverture.grille_depuis_chiffres(charger_table("chiffres"), "c-sg-etvous")
    couverture.part_couverte(grille)     # part des heures de la semaine couvertes (0–1)
    couverture.graphique_couverture(grille)  # 7 lignes (jours) × 24 colonnes (heures)
    couverture.part_attente_longue(grille)   # part des plaintes qui attendent plus d'une heure

**Hypothèses du kit** (pas des billets) pour le calcul de l'attente : les plaintes arrivent
au même rythme à toute heure de la semaine ; une plainte reçue pendant les heures de
service a sa réponse dans l'heure ; une plainte reçue hors de ces heures attend
l'ouverture suivante. L'attente calculée est donc un minimum.

Les graphiques sont rendus sans titre ni source : le chapitre les passe à
:func:`transfonum.graphiques.finir`.
"""

from __future__ import annotations

import json

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


#: Les trois états d'une heure dans le laboratoire du temps de réponse, dans l'ordre de la légende.
ETATS_ATTENTE = ("Réponse dans l'heure", "Attente d'une heure au plus", "Attente de plus d'une heure")
#: Couleur de chaque état : l'accent pour couvert, l'orange pour l'heure qui précède
#: l'ouverture, le vermillon pour l'attente longue.
COULEURS_ATTENTE = (PALETTE["accent"], PALETTE["second"], PALETTE["contraste"])
#: Heures d'une semaine.
HEURES_SEMAINE = 7 * 24
#: Largeur des panneaux de l'explorateur, en pixels (tient sur un téléphone).
LARGEUR_EXPLORATEUR = 250


def attente_avant_ouverture(grille: pd.DataFrame) -> pd.Series:
    """Pour chaque heure de la grille, le nombre d'heures entre son début et le début de
    la prochaine heure couverte (0 si le service répond à cette heure-là).

    Une plainte arrivée pendant une heure non couverte attend donc entre ce nombre moins
    un et ce nombre d'heures. La semaine boucle : après le dimanche vient le lundi.
    Lève :class:`ValueError` si la grille n'a pas une ligne par heure de la semaine ou si
    aucune heure n'est couverte (l'attente serait infinie).
    """
    if len(grille) != HEURES_SEMAINE:
        raise ValueError(f"la grille doit compter {HEURES_SEMAINE} heures (une semaine), elle en compte {len(grille)}")
    ordre = grille.sort_values(["ordre_jour", "heure"])
    couvert = ordre["couvert"].astype(bool).to_numpy()
    if not couvert.any():
        raise ValueError(f"aucune heure couverte{fr.INSECABLE}: l'attente serait infinie")
    attente = [0] * HEURES_SEMAINE
    # On remonte la semaine deux fois à l'envers : la seconde passe boucle du dimanche au lundi.
    prochaine = None
    for _ in range(2):
        for i in reversed(range(HEURES_SEMAINE)):
            if couvert[i]:
                prochaine = i
                distance = 0
            else:
                distance = (prochaine - i) % HEURES_SEMAINE if prochaine is not None else 0
            attente[i] = distance
    return pd.Series(attente, index=ordre.index, name="attente_ouverture").reindex(grille.index)


def etats_attente(grille: pd.DataFrame) -> pd.Series:
    """L'état de chaque heure (libellés de :data:`ETATS_ATTENTE`) : réponse dans l'heure si
    le service répond, attente d'une heure au plus si le service ouvre à l'heure suivante,
    attente de plus d'une heure sinon."""
    attente = attente_avant_ouverture(grille)
    return attente.map(lambda a: ETATS_ATTENTE[0] if a == 0 else ETATS_ATTENTE[1] if a == 1 else ETATS_ATTENTE[2])


def part_attente_longue(grille: pd.DataFrame) -> float:
    """Part des plaintes de la semaine qui attendent plus d'une heure (entre 0 et 1),
    avec les hypothèses du kit (arrivées régulières, réponse dans l'heure pendant le
    service) : ce sont les heures non couvertes dont l'heure suivante ne l'est pas non plus."""
    return float((attente_avant_ouverture(grille) >= 2).mean())


def attente_moyenne(grille: pd.DataFrame) -> float:
    """Attente moyenne avant l'ouverture, en heures, d'une plainte arrivée à un moment
    quelconque de la semaine (0 pendant le service ; une plainte arrivée dans une heure
    non couverte attend en moyenne la distance à l'ouverture moins une demi-heure)."""
    attente = attente_avant_ouverture(grille)
    return float((attente - 0.5).clip(lower=0).where(attente > 0, 0).mean())


def expression_attente(jour: str = "datum.ordre_jour", heure: str = "datum.heure",
                       debut: str = "debut", fin: str = "fin", jours: str = "jours") -> str:
    """:func:`attente_avant_ouverture` en expression Vega, calculée dans le navigateur
    pour un service ouvert les ``jours`` premiers jours, de ``debut`` à ``fin``.

    Les arguments sont des expressions (un champ ``datum.…``, un paramètre, un nombre).
    L'expression n'emploie que des comparaisons et de l'arithmétique (un booléen y vaut 0
    ou 1) : elle se lit aussi en Python, ce que vérifient les tests. Elle suppose
    ``debut < fin`` (sinon aucune heure n'est couverte).
    """
    couvert = f"(({jour}) < ({jours})) * (({heure}) >= ({debut})) * (({heure}) < ({fin}))"
    meme_jour = f"(({jour}) < ({jours})) * (({heure}) < ({debut}))"
    jours_a_sauter = f"(1 + (({jour}) + 1 >= ({jours})) * (6 - ({jour})))"
    return (f"(1 - {couvert}) * (({debut}) - ({heure}) + (1 - {meme_jour}) * {jours_a_sauter} * 24)")


def _chaine(texte: str) -> str:
    """Un texte en littéral de chaîne d'une expression Vega (guillemets et échappements JSON)."""
    return json.dumps(texte, ensure_ascii=False)


def graphique_explorateur(depart: tuple[int, int, int], part_dans_l_heure: float) -> alt.VConcatChart:
    """Le laboratoire du temps de réponse : trois curseurs (paramètres Vega-Lite
    ``debut``, ``fin``, ``jours``) règlent les heures de service ; la carte de la semaine
    colore chaque heure selon l'attente d'une plainte qui y arrive, et des lignes
    au-dessus donnent la couverture, la part des plaintes qui attendent plus d'une heure,
    l'attente moyenne, et la part des plaintes dont l'auteur veut une réponse dans l'heure
    et ne l'aura pas (si ``part_dans_l_heure``, entre 0 et 1, vaut pour toutes les heures).

    ``depart`` est l'engagement affiché à l'ouverture de la page (début, fin, jours).
    Tout est calculé dans le navigateur : la page statique suffit.
    """
    debut0, fin0, jours0 = depart
    grille_hebdomadaire(debut0, fin0, jours0)  # refuse un départ impossible, en français
    if not 0 <= part_dans_l_heure <= 1:
        raise ValueError(f"graphique_explorateur(){fr.INSECABLE}: part entre 0 et 1 attendue, reçu {part_dans_l_heure!r}")
    debut = alt.param(name="debut", value=debut0, bind=alt.binding_range(
        min=0, max=23, step=1, name=f"Ouverture (heure){fr.INSECABLE}: "))
    fin = alt.param(name="fin", value=fin0, bind=alt.binding_range(
        min=1, max=24, step=1, name=f"Fermeture (heure){fr.INSECABLE}: "))
    jours = alt.param(name="jours", value=jours0, bind=alt.binding_range(
        min=1, max=7, step=1, name=f"Jours ouverts, à partir du lundi{fr.INSECABLE}: "))
    grille = grille_hebdomadaire(0, 24, 7)[["jour", "ordre_jour", "heure"]]
    possible = "fin > debut"
    calcul = {
        "attente": f"{possible} ? {expression_attente()} : 999",
        "etat": (f"datum.attente == 0 ? {_chaine(ETATS_ATTENTE[0])} : datum.attente == 1 ? {_chaine(ETATS_ATTENTE[1])}"
                 f" : {_chaine(ETATS_ATTENTE[2])}"),
        "longue": "datum.attente >= 2 ? 1 : 0",
        "couverte": "datum.attente == 0 ? 1 : 0",
        "moyenne": "datum.attente > 0 ? datum.attente - 0.5 : 0",
    }
    carte = alt.Chart(grille, width=LARGEUR_EXPLORATEUR, height=alt.Step(22)).mark_rect(
        stroke=PALETTE["fond"], strokeWidth=1).transform_calculate(**calcul).encode(
        x=alt.X("heure:O", title="Heure (une case par heure)", axis=alt.Axis(labelAngle=0, values=list(range(0, 24, 6)))),
        y=alt.Y("jour:N", title=None, sort=list(JOURS)),
        color=alt.Color("etat:N", title=None, scale=alt.Scale(domain=list(ETATS_ATTENTE), range=list(COULEURS_ATTENTE)),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        tooltip=[alt.Tooltip("jour:N", title="Jour"), alt.Tooltip("heure:O", title="Heure (début)"),
                 alt.Tooltip("etat:N", title="Une plainte qui arrive ici")],
    ).add_params(debut, fin, jours)
    e = fr.INSECABLE
    part = f"{part_dans_l_heure:.4f}"
    lignes = [
        f"{_chaine('Réponse promise' + e + ': ')} + datum.couvertes + {_chaine(e + 'h sur ' + str(HEURES_SEMAINE) + ' (')}"
        f" + format(datum.couvertes / {HEURES_SEMAINE}, '.0%') + ')'",
        f"{_chaine('Plus d’une heure d’attente' + e + ': ')} + format(datum.longues / {HEURES_SEMAINE}, '.0%')",
        f"{_chaine('Attente moyenne' + e + ': ')} + format(datum.somme / {HEURES_SEMAINE}, '.1f') + {_chaine(e + 'h')}",
        _chaine("Veulent une réponse dans l’heure"),
        f"{_chaine('et ne l’auront pas' + e + ': ')} + format({part} * datum.longues / {HEURES_SEMAINE}, '.0%')",
    ]
    impossible = _chaine(f"Horaires impossibles{e}: la fermeture doit venir après l’ouverture.")
    texte = alt.Chart(grille, width=LARGEUR_EXPLORATEUR, height=alt.Step(20)).transform_calculate(**calcul).transform_aggregate(
        couvertes="sum(couverte)", longues="sum(longue)", somme="sum(moyenne)",
    ).transform_calculate(
        **{f"l{i}": f"{possible} ? {ligne} : {impossible if i == 0 else _chaine('')}" for i, ligne in enumerate(lignes)}
    ).transform_fold([f"l{i}" for i in range(len(lignes))], as_=["rang", "texte"]).mark_text(
        align="left", baseline="middle", fontSize=13, color=PALETTE["texte"],
    ).encode(y=alt.Y("rang:N", axis=None), x=alt.value(0), text="texte:N")
    return alt.vconcat(texte, carte)


def description_explorateur(depart: tuple[int, int, int], part_dans_l_heure: float) -> str:
    """Description en français de :func:`graphique_explorateur` (lecteurs d'écran), avec
    les valeurs de l'engagement affiché à l'ouverture."""
    grille = grille_hebdomadaire(*depart)
    longue = part_attente_longue(grille)
    return (
        "Laboratoire du temps de réponse. Trois curseurs règlent l'heure d'ouverture, l'heure de fermeture "
        f"et le nombre de jours ouverts à partir du lundi. Une carte de la semaine, une ligne par jour et une case par heure, "
        f"colore chaque heure selon ce qu'attend une plainte qui y arrive{fr.INSECABLE}: réponse dans l'heure, "
        "attente d'une heure au plus, attente de plus d'une heure. Au-dessus, quelques lignes donnent les résultats. "
        f"À l'ouverture de la page, le service répond {fr.nombre(heures_couvertes(grille))} heures sur "
        f"{fr.nombre(HEURES_SEMAINE)} ({fr.pourcent(100 * part_couverte(grille))}){fr.INSECABLE}; "
        f"{fr.pourcent(100 * longue)} des plaintes attendent plus d'une heure{fr.INSECABLE}; l'attente moyenne "
        f"avant l'ouverture est de {fr.nombre(attente_moyenne(grille), 1)}{fr.INSECABLE}h{fr.INSECABLE}; "
        f"{fr.pourcent(100 * part_dans_l_heure * longue)} des plaintes viennent d'un client qui veut une réponse "
        "dans l'heure et ne l'aura pas."
    )


__all__ = [
    "ETATS", "ETATS_ATTENTE", "HEURES_SEMAINE", "JOURS", "attente_avant_ouverture", "attente_moyenne",
    "description", "description_explorateur", "etats_attente", "expression_attente", "graphique_couverture",
    "graphique_explorateur", "grille_depuis_chiffres", "grille_hebdomadaire", "heures_couvertes",
    "part_attente_longue", "part_couverte",
]
