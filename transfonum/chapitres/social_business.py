"""Social business : les deux vagues MIT SMR/Deloitte, l'entonnoir du blog, les six causes.

Trois jeux de données nourrissent le chapitre :

- ``social_business_vagues`` décrit chaque pourcentage des rapports 2012 et 2014 cités
  par le blog (domaine, ce que mesure la question, base des répondants) ; sa valeur et
  sa provenance restent dans ``chiffres`` ;
- ``chiffres`` porte aussi les compteurs que l'auteur du blog donne de son livre blanc
  (consultations, téléchargements, et une centaine de téléchargements de la « version
  print » comptés en plus, qui ne forment pas une étape de l'entonnoir) ;
- ``causes_essoufflement`` range les six causes du billet de 2014, avec la grille de
  lecture du kit (levier, horizon).

::

    from transfonum.chapitres import social_business as sb
    from transfonum.donnees import charger_table

    fusion = sb.fusion_vagues(charger_table("social_business_vagues"), charger_table("chiffres"))
    sb.comparaison_domaines(fusion)     # un domaine par ligne, une vague par colonne
    sb.graphique_vagues(fusion)         # les deux vagues, l'une sous l'autre
    sb.graphique_explorateur(fusion)    # un domaine au choix, avec la question posée
    sb.entonnoir(charger_table("chiffres"))
    sb.grille_causes(charger_table("causes_essoufflement"))

Les graphiques sont rendus sans titre ni source : le chapitre les passe à
:func:`transfonum.graphiques.finir`.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd
from IPython.display import Markdown

from transfonum import fr
from transfonum.donnees import charger_table, exiger_colonnes, exiger_lignes, exiger_valeurs, ressource
from transfonum.donnees.provenance import LIBELLES_STATUT, formater_valeur, ligne_source
from transfonum.graphiques import PALETTE

TABLE_VAGUES = "social_business_vagues"
TABLE_CAUSES = "causes_essoufflement"
#: Les deux vagues, dans l'ordre de lecture.
VAGUES = (2012, 2014)
#: Ce que chaque vague demande, en une ligne (description du graphique, encadrés).
QUESTION_VAGUE = {
    2012: "Rapport 2012 (enquête 2011) — ce que les entreprises attendent à deux ans",
    2014: "Rapport 2014 (enquête 2013) — pratique, impact et usages cités par le billet, questions d'origine non connues",
}
#: Pourquoi l'écart compte, vague par vague (texte du kit, repris dans l'encadré de vérification).
POURQUOI_VAGUE = {
    2012: (
        "ce sont des attentes exprimées en 2011 pour les deux années suivantes, pas une valeur "
        "obtenue, et le mot « essentiel » employé par le billet n'est pas celui du rapport."
    ),
    2014: (
        "faute d'avoir retrouvé ces pourcentages, on ne peut ni les confirmer ni dire ce que "
        "l'on a demandé aux sondés ; le plus élevé ne porte que sur les entreprises matures."
    ),
}
#: Les étapes de l'entonnoir du livre blanc, dans l'ordre, et le chiffre qui porte chacune.
#: La « version print » n'en est pas une : l'auteur compte ses téléchargements en plus
#: des autres, pas parmi eux (chiffre ``c-livre-blanc-print``, hors entonnoir).
ETAPES_ENTONNOIR = (
    ("Consultations sur SlideShare", "c-livre-blanc-vues"),
    ("Téléchargements", "c-livre-blanc-telechargements"),
)
#: Libellé de l'option de l'explorateur qui montre tous les domaines.
TOUS = "Tous les domaines"
#: Couleur de chaque base de répondants : l'accent pour tous, le contraste pour les seules matures.
COULEURS_BASE = {
    "Ensemble des répondants": PALETTE["accent"],
    "Entreprises matures seulement": PALETTE["contraste"],
}
_COLONNES_VAGUES = ("id", "chiffre_id", "vague", "domaine", "mesure", "base", "formulation_billet", "question_origine")
_COLONNES_CAUSES = ("id", "ordre", "cause", "resume", "levier", "horizon")
#: Largeur (en caractères) des lignes de texte des graphiques, lisible sur téléphone.
LARGEUR_TEXTE = 38


def _enum(table: str, colonne: str) -> list:
    fields = ressource(table)["schema"]["fields"]
    return list(next(f for f in fields if f["name"] == colonne)["constraints"]["enum"])


def domaines() -> list[str]:
    """Les domaines, dans l'ordre où le schéma de ``social_business_vagues`` les déclare."""
    return _enum(TABLE_VAGUES, "domaine")


def fusion_vagues(vagues: pd.DataFrame, chiffres: pd.DataFrame) -> pd.DataFrame:
    """Chaque ligne de ``social_business_vagues`` avec la valeur, l'approximation et le
    statut de son chiffre (jointure sur ``chiffre_id``), dans l'ordre des vagues.

    Lève :class:`ValueError` (message en français) si une colonne manque ou si une vague
    est inconnue, :class:`KeyError` si un ``chiffre_id`` n'existe pas dans ``chiffres``.
    """
    exiger_colonnes(vagues, TABLE_VAGUES, _COLONNES_VAGUES)
    exiger_valeurs(vagues, TABLE_VAGUES, "vague", [str(v) for v in VAGUES])
    exiger_colonnes(chiffres, "chiffres", ("id", "valeur", "unite", "approximation", "statut", "libelle"))
    exiger_lignes(chiffres, "chiffres", vagues["chiffre_id"])
    valeurs = chiffres[["id", "valeur", "unite", "approximation", "statut", "libelle"]].rename(
        columns={"id": "chiffre_id"}
    )
    fusion = vagues.merge(valeurs, on="chiffre_id", how="left", validate="one_to_one")
    return fusion.sort_values(["vague", "valeur"], ascending=[True, False], kind="stable").reset_index(drop=True)


def comparaison_domaines(fusion: pd.DataFrame) -> pd.DataFrame:
    """Un domaine par ligne (ordre du schéma), une colonne par vague : la valeur citée,
    vide quand la vague ne dit rien du domaine. Une table de rapprochement, pas une
    série dans le temps : les questions diffèrent d'une vague à l'autre."""
    table = fusion.pivot(index="domaine", columns="vague", values="valeur")
    table = table.reindex(index=domaines(), columns=list(VAGUES))
    return table.rename_axis(index="domaine", columns=None).reset_index()


def _etiquettes(fusion: pd.DataFrame) -> pd.DataFrame:
    """Les lignes fusionnées, dans l'ordre des vagues, avec leurs textes d'affichage."""
    return fusion.reset_index(drop=True).assign(
        texte_valeur=[
            formater_valeur(v, u, a) for v, u, a in zip(fusion["valeur"], fusion["unite"], fusion["approximation"])
        ],
        barre=[f"{d}|({v})" for v, d in zip(fusion["vague"], fusion["domaine"])],
        rang=range(len(fusion)),
    )


def _couleur_base() -> alt.Color:
    return alt.Color(
        "base:N",
        title="Base des répondants",
        scale=alt.Scale(domain=list(COULEURS_BASE), range=list(COULEURS_BASE.values())),
        # Légende en haut, sur deux lignes et en petit : elle tient sur un téléphone.
        legend=alt.Legend(orient="top", direction="vertical", labelFontSize=11, titleFontSize=11),
    )


def _infobulle() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("vague:O", title="Vague"),
        alt.Tooltip("domaine:N", title="Domaine"),
        alt.Tooltip("texte_valeur:N", title="Valeur citée"),
        alt.Tooltip("mesure:N", title="Ce que mesure la question"),
        alt.Tooltip("base:N", title="Base"),
        alt.Tooltip("formulation_billet:N", title="Selon le billet"),
    ]


def _barres(data: pd.DataFrame, titre_x: str) -> alt.Chart:
    """Une barre par pourcentage, étiquetée « vague · domaine », valeur écrite au bout."""
    # Étiquettes sur deux lignes (« domaine », « (vague) ») et ordre explicite des lignes
    # fusionnées : 2012 d'abord, puis 2014, chaque vague par valeur décroissante.
    base = alt.Chart(data).encode(
        y=alt.Y("barre:N", title=None, sort=list(data["barre"]),
                axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=160)),
    )
    barres = base.mark_bar().encode(
        x=alt.X("valeur:Q", title=titre_x, scale=alt.Scale(domain=[0, 100])),
        color=_couleur_base(),
        tooltip=_infobulle(),
    )
    # La valeur écrite dans le bout de la barre : rien ne dépasse à droite de l'échelle.
    textes = base.mark_text(align="right", dx=-4, color=PALETTE["sur_donnee"], fontWeight="bold").encode(
        x="valeur:Q", text="texte_valeur:N"
    )
    return alt.layer(barres, textes)


def graphique_vagues(fusion: pd.DataFrame) -> alt.LayerChart:
    """Les deux vagues l'une sous l'autre, une barre par pourcentage cité (étiquette
    « vague · domaine »), couleur selon la base des répondants. Une seule vue, qui prend
    la largeur de la page ; les vagues ne partagent que l'échelle de 0 à 100 et ne se
    lisent pas comme une évolution."""
    data = _etiquettes(fusion)
    return _barres(data, "Pourcentage cité").properties(height=alt.Step(34))


def description_vagues(fusion: pd.DataFrame) -> str:
    """Description en français du graphique :func:`graphique_vagues` (lecteurs d'écran)."""
    data = _etiquettes(fusion)
    parties = []
    for vague in VAGUES:
        lignes = data[data["vague"] == vague]
        items = ", ".join(
            f"{r.domaine.lower()} {r.texte_valeur} ({r.mesure.lower()}, {r.base.lower()})" for r in lignes.itertuples()
        )
        parties.append(f"{QUESTION_VAGUE[vague]}{fr.INSECABLE}: {items}")
    return (
        "Barres horizontales, une par pourcentage cité, les deux vagues l'une sous l'autre "
        "sur une même échelle de 0 à 100, la couleur indiquant la base des répondants. "
        + f"{fr.INSECABLE}; ".join(parties) + "."
    )


#: Description, pour les lecteurs d'écran, du graphique :func:`graphique_explorateur`.
DESCRIPTION_EXPLORATEUR = (
    f"Diagramme en barres horizontales, une barre par pourcentage cité des deux vagues{fr.INSECABLE}; "
    "une liste déroulante garde un seul domaine (l'innovation au départ). Sous les barres, "
    "pour chaque pourcentage affiché, la formulation du billet et ce que l'on sait de la "
    "question d'origine."
)
#: Le domaine affiché à l'ouverture de l'explorateur : le seul, avec les salariés, présent
#: dans les deux vagues.
DOMAINE_DEPART = "Innovation"
#: Largeur fixe (en pixels) des deux parties de l'explorateur, pour tenir sur un téléphone.
LARGEUR_EXPLORATEUR = 200


def _lignes(texte: str) -> str:
    return "|".join(textwrap.wrap(texte, LARGEUR_TEXTE))


#: Hauteur (px) d'une ligne des fiches (texte de 11 px), et marge sous chaque fiche.
HAUTEUR_LIGNE_FICHE = 14
MARGE_FICHE = 12


def _hauteur_fiche(fiches: pd.Series) -> int:
    """La hauteur d'une fiche : celle de la plus longue, sans plus ; pas de vide entre le
    graphique et la liste des domaines."""
    lignes = max((f.count("|") + 1 for f in fiches), default=1)
    return lignes * HAUTEUR_LIGNE_FICHE + MARGE_FICHE


def graphique_explorateur(fusion: pd.DataFrame) -> alt.VConcatChart:
    """Un domaine au choix (liste déroulante) : ses barres dans chaque vague, puis, pour
    chacune, la formulation du billet et la question d'origine telle qu'on la connaît.

    Le paramètre Vega-Lite ``domaine_choisi`` est lié à une liste déroulante : le
    graphique réagit dans la page statique, sans noyau Python. Les fiches de texte ne
    s'affichent que pour un domaine choisi (pas pour « Tous les domaines »).
    """
    data = _etiquettes(fusion).assign(
        fiche=lambda d: [
            _lignes(f"{v} · {dom} ({t}){fr.INSECABLE}: {f}") + "|" + _lignes(f"Question d'origine{fr.INSECABLE}: {q}")
            for v, dom, t, f, q in zip(d["vague"], d["domaine"], d["texte_valeur"],
                                       d["formulation_billet"], d["question_origine"])
        ],
    )
    choix = alt.param(
        name="domaine_choisi",
        value=DOMAINE_DEPART,
        bind=alt.binding_select(options=[TOUS, *domaines()], name=f"Domaine{fr.INSECABLE}: "),
    )
    filtre = f"domaine_choisi == '{TOUS}' || datum.domaine == domaine_choisi"
    barres = _barres(data, "Pourcentage cité").properties(
        width=LARGEUR_EXPLORATEUR, height=alt.Step(34)
    ).transform_filter(filtre)
    fiches = alt.Chart(data).mark_text(
        align="left", baseline="top", lineBreak="|", color=PALETTE["texte"], fontSize=11
    ).encode(
        x=alt.value(0),
        y=alt.Y("rang:O", axis=None, scale=alt.Scale(type="band", paddingInner=0, paddingOuter=0), bandPosition=0),
        text="fiche:N",
    ).properties(width=LARGEUR_EXPLORATEUR, height=alt.Step(_hauteur_fiche(data["fiche"]))).transform_filter(
        f"domaine_choisi != '{TOUS}' && datum.domaine == domaine_choisi"
    )
    return alt.vconcat(barres, fiches).add_params(choix)


def entonnoir(chiffres: pd.DataFrame) -> pd.DataFrame:
    """Les étapes du livre blanc (consultations, puis téléchargements) :
    la valeur citée, son approximation, le taux de passage depuis l'étape précédente et
    depuis la première (en pourcentage). Ce sont les compteurs de l'auteur, arrondis par
    lui : les taux n'en sont que des ordres de grandeur."""
    exiger_colonnes(chiffres, "chiffres", ("id", "valeur", "approximation"))
    ids = [i for _, i in ETAPES_ENTONNOIR]
    exiger_lignes(chiffres, "chiffres", ids)
    lignes = chiffres.set_index("id").loc[ids]
    table = pd.DataFrame({
        "etape": [e for e, _ in ETAPES_ENTONNOIR],
        "chiffre_id": ids,
        "valeur": lignes["valeur"].to_numpy(dtype=float),
        "approximation": lignes["approximation"].to_numpy(),
    })
    table["taux_etape"] = table["valeur"] / table["valeur"].shift(1) * 100
    table["taux_depart"] = table["valeur"] / table["valeur"].iloc[0] * 100
    return table


def grille_causes(causes: pd.DataFrame) -> pd.DataFrame:
    """Les six causes rangées dans la grille du kit : une ligne par levier, une colonne
    par horizon, les intitulés des causes dans chaque case (vide s'il n'y en a pas)."""
    exiger_colonnes(causes, TABLE_CAUSES, _COLONNES_CAUSES)
    exiger_valeurs(causes, TABLE_CAUSES, "levier", _enum(TABLE_CAUSES, "levier"))
    exiger_valeurs(causes, TABLE_CAUSES, "horizon", _enum(TABLE_CAUSES, "horizon"))
    ordonnees = causes.sort_values("ordre")
    grille = ordonnees.groupby(["levier", "horizon"])["cause"].agg(f"{fr.INSECABLE}; ".join).unstack("horizon")
    grille = grille.reindex(index=_enum(TABLE_CAUSES, "levier"), columns=_enum(TABLE_CAUSES, "horizon")).fillna("")
    return grille.rename_axis(index="levier", columns=None)


def encadre_vague(vague: int, fusion: pd.DataFrame | None = None, etudes: pd.DataFrame | None = None) -> Markdown:
    """L'encadré « Vérifier le chiffre » d'une vague entière, en MyST : les pourcentages
    tels que cités, l'étude d'origine et son échantillon, le statut de chaque chiffre et
    ce que la recherche a trouvé (colonne ``note`` de l'étude). Lève :class:`ValueError`
    si la vague est inconnue."""
    if vague not in VAGUES:
        raise ValueError(f"vague inconnue{fr.INSECABLE}: {vague} (vagues connues{fr.INSECABLE}: {', '.join(map(str, VAGUES))})")
    if fusion is None:
        fusion = fusion_vagues(charger_table(TABLE_VAGUES), charger_table("chiffres"))
    etudes = charger_table("etudes") if etudes is None else etudes
    lignes = fusion[fusion["vague"] == vague]
    chiffres = charger_table("chiffres").set_index("id").loc[lignes["chiffre_id"]]
    etude = etudes.set_index("id").loc[chiffres["etude_id"].iloc[0]]
    cites = "\u00a0; ".join(
        f"{r.texte_valeur} — {r.formulation_billet[:1].lower()}{r.formulation_billet[1:].rstrip('.')}"
        for r in _etiquettes(lignes).itertuples()
    )
    statuts = sorted(set(lignes["statut"]))
    corps = [
        f"**Tels que cités**{fr.INSECABLE}: {cites}.",
        f"**Dans l'original**{fr.INSECABLE}: {ligne_source(chiffres.reset_index()).removeprefix('Source' + fr.INSECABLE + ': ')}",
        f"**Ce que la recherche a trouvé**{fr.INSECABLE}: {etude['note'][:1].lower()}{etude['note'][1:]}",
        f"**Statut**{fr.INSECABLE}: " + ", ".join(LIBELLES_STATUT[s].lower() for s in statuts) + ".",
        f"**Pourquoi c'est important**{fr.INSECABLE}: {POURQUOI_VAGUE[vague]}",
    ]
    if pd.isna(etude["taille_echantillon"]):
        corps.insert(2, f"**Échantillon**{fr.INSECABLE}: {etude['echantillon_description']}.")
    titre = f"Vérifier le chiffre{fr.INSECABLE}: la vague {vague}"
    classe = "transfonum-" + statuts[0].replace("_", "-") if len(statuts) == 1 else "transfonum-non-verifie"
    return Markdown(
        f"````{{admonition}} {titre}\n:class: transfonum-verifier {classe}\n\n" + "\n\n".join(corps) + "\n````\n"
    )


__all__ = [
    "COULEURS_BASE", "DESCRIPTION_EXPLORATEUR", "DOMAINE_DEPART", "POURQUOI_VAGUE", "ETAPES_ENTONNOIR", "QUESTION_VAGUE", "TABLE_CAUSES",
    "TABLE_VAGUES", "TOUS", "VAGUES", "comparaison_domaines", "description_vagues", "domaines",
    "encadre_vague", "entonnoir", "fusion_vagues", "graphique_explorateur", "graphique_vagues",
    "grille_causes",
]
