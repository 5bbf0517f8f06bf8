"""Reconnaissance, motivation et nouveaux leaders : baromètre, réciprocité, carte des leaders.

Trois objets, trois familles de fonctions ::

    from transfonum.chapitres import reconnaissance as rc
    from transfonum.donnees import charger_table

    # 1. Le baromètre Edenred–Ipsos autour du chiffre cité par le billet
    serie = rc.serie_barometre(charger_table("barometre_edenred"), charger_table("chiffres"))
    rc.graphique_barometre(serie, charger_table("chiffres"))

    # 2. La réciprocité des échanges dans le réseau synthétique du chapitre RSE
    liens = rc.liens(charger_table("rse_messages"), charger_table("rse_commentaires"))
    rc.reciprocite(liens)                   # par phase : liens, liens rendus, part
    rc.reciprocite_au_hasard(liens, charger_table("rse_personnes"))   # la même part, tirages au hasard
    rc.graphique_explorateur(rc.bilan_personnes(liens, charger_table("rse_personnes")))

    # 3. La carte des leaders, billet par billet
    rc.carte_leaders(charger_table("leaders_billets"), charger_table("billets"))

Le **cycle du don** (donner, recevoir, rendre) est emprunté à Marcel Mauss par le kit,
pas par les billets ; la lecture qu'en tire ce module (un message est un don, un
commentaire reçu une reconnaissance, un commentaire rendu à son commentateur un retour)
est celle du kit. Les données du réseau sont **synthétiques** : leur générateur choisit
chaque commentateur sans regarder qui l'a commenté avant, si bien qu'aucune réciprocité
n'y est programmée. Ce que l'on y mesure n'est donc pas un comportement de retour, et
les légendes le disent.

Les graphiques sont rendus sans titre ni source : le chapitre les passe à
:func:`transfonum.graphiques.finir`.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from transfonum import fr
from transfonum.donnees import charger_table, exiger_colonnes, exiger_lignes, exiger_valeurs
from transfonum.donnees.provenance import formater_valeur, ligne_source, nom_blog, tel_que_cite, titre_billet
from transfonum.graphiques import PALETTE

INS = fr.INSECABLE

#: Le chiffre du billet sur le bonheur au travail, et son étude.
CHIFFRE_EDENRED = "c-edenred-ipsos-heureux"
#: La mesure du baromètre que le billet cite (souvent heureux au travail).
MESURE_CITEE = "Salariés qui se disent souvent heureux au travail"

#: Libellé affiché de chaque acteur de la table ``leaders_billets``, dans l'ordre de la carte.
ACTEURS: dict[str, str] = {
    "direction": "Direction générale",
    "conseil": "Conseil d'administration",
    "finance": "Finance",
    "informatique": "Informatique (DSI)",
    "marketing": "Marketing (CMO)",
    "metiers-client": "Métiers au contact du client",
    "cdo": "Responsable du numérique (CDO)",
    "encadrement": "Encadrement intermédiaire",
    "salaries": "Salariés",
}
#: Libellé de chaque rôle qu'un passage donne à un acteur.
ROLES: dict[str, str] = {
    "mene": "mène",
    "appuie": "appuie sans conduire",
    "recule": "perd la main",
}
_COLONNES_LEADERS = ("id", "billet_id", "passage", "acteur", "role", "porteur", "resume", "verification")

#: Tables du réseau synthétique lues par ce module.
TABLES_RESEAU = ("rse_messages", "rse_commentaires", "rse_personnes")
#: Phases du réseau, dans l'ordre de la grille du chapitre sur le RSE.
PHASES: dict[str, str] = {"creation": "Création", "croissance": "Croissance", "croisiere": "Croisière"}
#: Nombre de tirages au hasard et graine : le résultat est le même à chaque construction.
TIRAGES = 200
GRAINE = 2012
#: Libellé de l'option de l'explorateur qui montre toute la période.
TOUTE_LA_PERIODE = "Toute la période"


# --- 1. Le baromètre Edenred–Ipsos -------------------------------------------------------


def serie_barometre(barometre: pd.DataFrame, chiffres: pd.DataFrame) -> pd.DataFrame:
    """Les mesures du baromètre, chaque valeur lue à sa seule place.

    Une ligne de ``barometre`` porte sa valeur, ou renvoie par ``chiffre_id`` à un chiffre
    de la table ``chiffres`` dont la valeur d'origine (``valeur_originale``) est l'original
    de ce que cite le billet. Colonnes rendues : ``id``, ``annee``, ``mesure``, ``valeur``,
    ``texte`` (la valeur en français), ``cite_par_le_billet``, ``provenance``. Lève
    :class:`ValueError` en français si une ligne n'a ni valeur ni chiffre, ou les deux.
    """
    exiger_colonnes(barometre, "barometre_edenred", ("id", "annee", "mesure", "valeur", "chiffre_id", "provenance"))
    exiger_lignes(chiffres, "chiffres", [c for c in barometre["chiffre_id"].dropna()])
    originales = chiffres.set_index("id")["valeur_originale"]
    valeurs = []
    for row in barometre.itertuples():
        a_valeur, a_chiffre = pd.notna(row.valeur), pd.notna(row.chiffre_id)
        if a_valeur == a_chiffre:
            raise ValueError(
                f"table {fr.guillemets('barometre_edenred')}, ligne {row.id}{INS}: il faut soit une valeur, "
                "soit un renvoi à la table «\u00a0chiffres\u00a0» (chiffre_id), et pas les deux"
            )
        if a_chiffre and pd.isna(originales[row.chiffre_id]):
            raise ValueError(
                f"table {fr.guillemets('chiffres')}, ligne {row.chiffre_id}{INS}: pas de valeur d'origine "
                f"à reprendre pour la mesure {row.id}"
            )
        valeurs.append(float(row.valeur) if a_valeur else float(originales[row.chiffre_id]))
    serie = barometre[["id", "annee", "mesure", "provenance"]].copy()
    serie["valeur"] = valeurs
    serie["texte"] = [formater_valeur(v, "pourcent") for v in valeurs]
    serie["cite_par_le_billet"] = barometre["chiffre_id"].notna().to_numpy()
    return serie.sort_values(["mesure", "annee"]).reset_index(drop=True)


def _borne_du_billet(chiffres: pd.DataFrame) -> tuple[float, str]:
    """La borne que donne le billet (« moins d'un tiers ») et ses mots."""
    row = chiffres.set_index("id").loc[CHIFFRE_EDENRED]
    return float(row["valeur"]), tel_que_cite(row)


def graphique_barometre(serie: pd.DataFrame, chiffres: pd.DataFrame) -> alt.LayerChart:
    """Les salariés « souvent heureux » au travail, 2010 et 2011 (points reliés), et la
    borne du billet (« moins d'un tiers ») en trait tireté : une borne, pas une mesure."""
    data = serie[serie["mesure"] == MESURE_CITEE].assign(annee_texte=lambda d: d["annee"].astype(str))
    if data.empty:
        raise ValueError(f"table {fr.guillemets('barometre_edenred')}{INS}: aucune ligne pour la mesure {fr.guillemets(MESURE_CITEE)}")
    borne, mots = _borne_du_billet(chiffres)
    serie_baro = f"Baromètre{INS}: souvent heureux"
    serie_billet = f"Billet{INS}: {fr.guillemets(mots)}, une borne"
    series = [serie_baro, serie_billet]
    data = data.assign(serie=serie_baro)
    couleur = alt.Color("serie:N", title=None, scale=alt.Scale(
        domain=series, range=[PALETTE["accent"], PALETTE["contraste"]]),
        legend=alt.Legend(orient="top", direction="vertical", labelLimit=320))
    tirets = alt.StrokeDash("serie:N", title=None, scale=alt.Scale(domain=series, range=[[1, 0], [6, 4]]))
    axe_y = alt.Y("valeur:Q", title="Salariés souvent heureux au travail (%)", scale=alt.Scale(domain=[0, 50]))
    base = alt.Chart(data).encode(
        x=alt.X("annee_texte:O", title="Édition du baromètre", axis=alt.Axis(labelAngle=0)),
        y=axe_y,
    )
    ligne = base.mark_line(point=alt.OverlayMarkDef(size=90, color=PALETTE["accent"]), strokeWidth=2.5)
    ligne = ligne.encode(color=couleur, strokeDash=tirets, tooltip=[
        alt.Tooltip("annee_texte:N", title="Édition"),
        alt.Tooltip("texte:N", title="Souvent heureux"),
        alt.Tooltip("provenance:N", title="Provenance"),
    ])
    # La valeur au-dessus du point quand il dépasse la borne, en dessous sinon : jamais
    # sur le trait tireté.
    dessus = base.mark_text(dy=-14, fontSize=13, color=PALETTE["texte"]).encode(text="texte:N").transform_filter(
        f"datum.valeur >= {borne}")
    dessous = base.mark_text(dy=16, fontSize=13, color=PALETTE["texte"]).encode(text="texte:N").transform_filter(
        f"datum.valeur < {borne}")
    reperes = pd.DataFrame({"valeur": [borne], "serie": [serie_billet]})
    regle = alt.Chart(reperes).mark_rule(size=2).encode(y=axe_y, color=couleur, strokeDash=tirets)
    return alt.layer(ligne, dessus, dessous, regle)


def description_barometre(serie: pd.DataFrame, chiffres: pd.DataFrame) -> str:
    """Description en français du graphique :func:`graphique_barometre` (lecteurs d'écran)."""
    data = serie[serie["mesure"] == MESURE_CITEE]
    points = f"{INS}; ".join(f"{row.annee}{INS}: {row.texte}" for row in data.itertuples())
    _, mots = _borne_du_billet(chiffres)
    return (
        "Deux points reliés, la part des salariés qui se disent souvent heureux au travail selon le "
        f"baromètre Edenred–Ipsos{INS}: {points}. Un trait tireté horizontal marque la formule du billet, "
        f"{fr.guillemets(mots)}, qui est une borne et qui omet le mot «\u00a0souvent\u00a0»."
    )


def source_barometre(chiffres: pd.DataFrame) -> str:
    """La légende « Source : … » du graphique du baromètre (étude, puis billet qui la cite)."""
    return ligne_source(chiffres[chiffres["id"] == CHIFFRE_EDENRED])


# --- 2. La réciprocité dans le réseau synthétique --------------------------------------------


def liens(messages: pd.DataFrame, commentaires: pd.DataFrame) -> pd.DataFrame:
    """Qui commente qui : une ligne par (phase, donneur, destinataire) avec le nombre de
    commentaires. Le donneur écrit le commentaire ; le destinataire a écrit le message.

    La phase est celle du commentaire. Lève :class:`ValueError` si une colonne manque et
    :class:`KeyError` si un commentaire renvoie à un message absent.
    """
    exiger_colonnes(messages, "rse_messages", ("id", "auteur_id"))
    exiger_colonnes(commentaires, "rse_commentaires", ("id", "message_id", "auteur_id", "phase"))
    exiger_valeurs(commentaires, "rse_commentaires", "phase", PHASES)
    exiger_lignes(messages, "rse_messages", list(dict.fromkeys(commentaires["message_id"])))
    auteurs = messages.set_index("id")["auteur_id"]
    echanges = pd.DataFrame({
        "phase": commentaires["phase"].to_numpy(),
        "donneur": commentaires["auteur_id"].to_numpy(),
        "destinataire": commentaires["message_id"].map(auteurs).to_numpy(),
    })
    echanges = echanges[echanges["donneur"] != echanges["destinataire"]]
    return (echanges.groupby(["phase", "donneur", "destinataire"]).size()
            .rename("commentaires").reset_index())


def _part_rendue(paires: pd.DataFrame) -> tuple[int, int]:
    """Nombre de liens et nombre de liens « rendus » (l'inverse existe aussi)."""
    ensemble = set(zip(paires["donneur"], paires["destinataire"]))
    rendus = sum((b, a) in ensemble for a, b in ensemble)
    return len(ensemble), rendus


def reciprocite(table_liens: pd.DataFrame) -> pd.DataFrame:
    """Par phase : nombre de liens orientés (A a commenté B au moins une fois), nombre de
    liens rendus (B a aussi commenté A pendant la même phase) et leur part (0 à 1)."""
    exiger_colonnes(table_liens, "liens", ("phase", "donneur", "destinataire"))
    rows = []
    for phase, nom in PHASES.items():
        total, rendus = _part_rendue(table_liens[table_liens["phase"] == phase])
        rows.append({"phase": phase, "nom_phase": nom, "liens": total, "liens_rendus": rendus,
                     "part": rendus / total if total else float("nan")})
    return pd.DataFrame(rows)


def reciprocite_au_hasard(
    table_liens: pd.DataFrame, personnes: pd.DataFrame, tirages: int = TIRAGES, graine: int = GRAINE
) -> pd.DataFrame:
    """La part de liens rendus si l'on redistribuait les commentaires au hasard.

    Pour chaque tirage, les commentaires d'une phase sont redonnés au hasard à des
    commentateurs du **même service** que le vrai commentateur, vers le **même service**
    destinataire : le volume d'activité de chacun et les échanges entre services restent
    ceux des données, seul le « qui répond à qui » est brouillé. Colonnes : ``phase``,
    ``nom_phase``, ``moyenne``, ``minimum``, ``maximum`` (parts de 0 à 1).
    """
    exiger_colonnes(personnes, "rse_personnes", ("id", "departement_id"))
    service = personnes.set_index("id")["departement_id"]
    unites = table_liens.loc[table_liens.index.repeat(table_liens["commentaires"])].reset_index(drop=True)
    unites = unites.assign(s_donneur=unites["donneur"].map(service), s_dest=unites["destinataire"].map(service))
    rng = np.random.default_rng(graine)
    rows = []
    for phase, nom in PHASES.items():
        sous = unites[unites["phase"] == phase].reset_index(drop=True)
        groupes = [g.index.to_numpy() for _, g in sous.groupby(["s_donneur", "s_dest"])]
        vrais = sous["donneur"].to_numpy()
        destinataires = sous["destinataire"].to_numpy()
        parts = []
        for _ in range(tirages):
            donneurs = vrais.copy()
            for index in groupes:
                donneurs[index] = rng.permutation(vrais[index])
            garde = donneurs != destinataires
            tirage = pd.DataFrame({"donneur": donneurs[garde], "destinataire": destinataires[garde]})
            total, rendus = _part_rendue(tirage)
            parts.append(rendus / total if total else float("nan"))
        serie = pd.Series(parts, dtype=float)
        rows.append({"phase": phase, "nom_phase": nom, "moyenne": serie.mean(),
                     "minimum": serie.min(), "maximum": serie.max()})
    return pd.DataFrame(rows)


def source_synthetique() -> str:
    """Légende « Source : … » des graphiques du réseau : elle dit « données synthétiques »."""
    noms = ", ".join(fr.guillemets(t) for t in TABLES_RESEAU)
    return (
        f"Source{INS}: données synthétiques ({noms}, dossier data/ du kit), générées pour le chapitre "
        f"sur le réseau social d'entreprise{INS}; elles ne décrivent aucune entreprise réelle, et leur "
        "générateur ne programme aucun retour de commentaire. Tirages au hasard et lecture «\u00a0don, "
        "reconnaissance, retour\u00a0»\u00a0: calculs du kit."
    )


def graphique_reciprocite(observee: pd.DataFrame, hasard: pd.DataFrame) -> alt.LayerChart:
    """Par phase, la part des liens rendus dans les données (barre) et l'intervalle des
    tirages au hasard (trait du minimum au maximum, point à la moyenne)."""
    data = observee.merge(hasard, on=["phase", "nom_phase"])
    data = data.assign(
        part_texte=[fr.pourcent(100 * v) for v in data["part"]],
        moyenne_texte=[fr.pourcent(100 * v) for v in data["moyenne"]],
        intervalle_texte=[f"{fr.pourcent(100 * a)} à {fr.pourcent(100 * b)}" for a, b in zip(data["minimum"], data["maximum"])],
    )
    ordre = list(PHASES.values())
    y = alt.Y("nom_phase:N", title=None, sort=ordre)
    x_titre = "Part des liens rendus"
    infobulle = [
        alt.Tooltip("nom_phase:N", title="Phase"),
        alt.Tooltip("liens:Q", title="Liens (A a commenté B)"),
        alt.Tooltip("liens_rendus:Q", title="Liens rendus (B a aussi commenté A)"),
        alt.Tooltip("part_texte:N", title="Part dans les données"),
        alt.Tooltip("moyenne_texte:N", title="Au hasard, en moyenne"),
        alt.Tooltip("intervalle_texte:N", title="Au hasard, du plus bas au plus haut"),
    ]
    base = alt.Chart(data, height=alt.Step(46)).encode(y=y)
    barres = base.mark_bar(color=PALETTE["accent"], height=22).encode(
        x=alt.X("part:Q", title=x_titre, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 0.6])),
        tooltip=infobulle,
    )
    intervalle = base.mark_rule(color=PALETTE["second"], size=3).encode(x="minimum:Q", x2="maximum:Q", tooltip=infobulle)
    moyenne = base.mark_point(color=PALETTE["second"], filled=True, size=110, shape="diamond").encode(
        x="moyenne:Q", tooltip=infobulle)
    return alt.layer(barres, intervalle, moyenne)


def description_reciprocite(observee: pd.DataFrame, hasard: pd.DataFrame) -> str:
    """Description en français du graphique :func:`graphique_reciprocite`."""
    data = observee.merge(hasard, on=["phase", "nom_phase"])
    parts = [
        f"{row.nom_phase}{INS}: {fr.pourcent(100 * row.part)} des {fr.nombre(row.liens)} liens sont rendus, "
        f"contre {fr.pourcent(100 * row.moyenne)} en moyenne au hasard "
        f"({fr.pourcent(100 * row.minimum)} à {fr.pourcent(100 * row.maximum)})"
        for row in data.itertuples()
    ]
    return (
        "Données synthétiques. Barres horizontales, une par phase du réseau, la part des liens rendus "
        "dans les données, et pour chaque phase un trait orange, du plus bas au plus haut des tirages au "
        f"hasard, avec un losange à leur moyenne. {f'{INS}; '.join(parts)}."
    )


def bilan_personnes(table_liens: pd.DataFrame, personnes: pd.DataFrame) -> pd.DataFrame:
    """Par membre et par phase (et pour toute la période) : commentaires donnés à
    d'autres, commentaires reçus d'autres, et le rôle et le service du membre.

    Colonnes : ``periode`` (nom de phase ou « Toute la période »), ``personne``,
    ``role``, ``departement_id``, ``donnes``, ``recus``. Un membre sans aucun échange
    dans la période n'apparaît pas.
    """
    exiger_colonnes(personnes, "rse_personnes", ("id", "departement_id", "role"))
    donnes = table_liens.groupby(["phase", "donneur"])["commentaires"].sum().rename_axis(["phase", "personne"])
    recus = table_liens.groupby(["phase", "destinataire"])["commentaires"].sum().rename_axis(["phase", "personne"])
    par_phase = pd.concat({"donnes": donnes, "recus": recus}, axis=1).fillna(0).astype(int).reset_index()
    par_phase["periode"] = par_phase["phase"].map(PHASES)
    total = par_phase.groupby("personne")[["donnes", "recus"]].sum().reset_index().assign(periode=TOUTE_LA_PERIODE)
    bilan = pd.concat([par_phase.drop(columns="phase"), total], ignore_index=True)
    infos = personnes.set_index("id")[["role", "departement_id"]]
    bilan = bilan.join(infos, on="personne")
    return bilan[["periode", "personne", "role", "departement_id", "donnes", "recus"]]


def graphique_explorateur(bilan: pd.DataFrame, departements: pd.DataFrame | None = None) -> alt.LayerChart:
    """Un point par membre : commentaires donnés (horizontal) et reçus (vertical), avec la
    diagonale où l'on reçoit autant qu'on donne. Une liste déroulante choisit la période
    (paramètre Vega-Lite ``periode_choisie``, sans noyau)."""
    departements = charger_table("rse_departements") if departements is None else departements
    noms = departements.set_index("id")["nom"]
    data = bilan.assign(service=bilan["departement_id"].map(noms))
    periodes = [TOUTE_LA_PERIODE, *PHASES.values()]
    choix = alt.param(name="periode_choisie", value=TOUTE_LA_PERIODE,
                      bind=alt.binding_select(options=periodes, name=f"Période{INS}: "))
    limite = int(max(data["donnes"].max(), data["recus"].max()))
    echelle = alt.Scale(domain=[0, limite], nice=True)
    points = alt.Chart(data).mark_circle(size=55, opacity=0.75).encode(
        x=alt.X("donnes:Q", title="Commentaires donnés à d'autres", scale=echelle),
        y=alt.Y("recus:Q", title="Commentaires reçus d'autres", scale=echelle),
        color=alt.Color("role:N", title="Rôle", scale=alt.Scale(
            domain=["manager", "collaborateur"], range=[PALETTE["contraste"], PALETTE["accent"]]),
            legend=alt.Legend(orient="top")),
        tooltip=[
            alt.Tooltip("personne:N", title="Membre (fictif)"),
            alt.Tooltip("service:N", title="Service"),
            alt.Tooltip("role:N", title="Rôle"),
            alt.Tooltip("donnes:Q", title="Donnés"),
            alt.Tooltip("recus:Q", title="Reçus"),
        ],
    ).add_params(choix).transform_filter("datum.periode == periode_choisie")
    diagonale = alt.Chart(pd.DataFrame({"a": [0, limite], "b": [0, limite]})).mark_line(
        color=PALETTE["attenue"], strokeDash=[4, 4]).encode(x=alt.X("a:Q", scale=echelle), y=alt.Y("b:Q", scale=echelle))
    return alt.layer(diagonale, points)


DESCRIPTION_EXPLORATEUR = (
    "Données synthétiques. Nuage de points, un point par membre fictif du réseau, placé selon le nombre "
    "de commentaires qu'il a écrits sur les messages des autres (horizontalement) et le nombre de "
    f"commentaires que ses propres messages ont reçus (verticalement){INS}; couleur selon le rôle, "
    f"manager ou collaborateur. Une diagonale tiretée marque l'égalité entre donner et recevoir{INS}; "
    "une liste déroulante choisit une phase ou toute la période."
)


# --- 3. La carte des leaders -------------------------------------------------------------------


def _verifie_leaders(leaders: pd.DataFrame) -> None:
    exiger_colonnes(leaders, "leaders_billets", _COLONNES_LEADERS)
    exiger_valeurs(leaders, "leaders_billets", "acteur", ACTEURS)
    exiger_valeurs(leaders, "leaders_billets", "role", ROLES)


#: Intitulé court de chaque billet de la carte, pour les colonnes (les titres complets
#: sont dans la table ``billets`` et dans le tableau des passages).
TITRES_COURTS: dict[str, str] = {
    "b-nouveaux-leaders": "Nouveaux leaders (2012)",
    "b-edenred-basf": "Bonheur au travail (2012)",
    "b-motivation-pays-basque": "Boutique basque (2012)",
    "b-cdo-forrester": "CDO selon Forrester",
    "b-digital-conseil-administration": "Conseil d'administration",
}


def titre_court(billet: pd.Series) -> str:
    """L'intitulé court d'un billet (:data:`TITRES_COURTS`), sinon son titre sans le
    préfixe des titres descriptifs."""
    if billet.name in TITRES_COURTS:
        return TITRES_COURTS[billet.name]
    return titre_billet(billet["titre"])


def carte_leaders(leaders: pd.DataFrame, billets: pd.DataFrame) -> pd.DataFrame:
    """La carte « qui mène la transformation » : une ligne par acteur (dans l'ordre de
    :data:`ACTEURS`), une colonne par billet (dans l'ordre de la table), et dans chaque
    case le rôle que le billet donne à l'acteur (plusieurs rôles séparés par « / » quand
    des passages se contredisent) ; un tiret si le billet n'en dit rien."""
    _verifie_leaders(leaders)
    exiger_lignes(billets, "billets", list(dict.fromkeys(leaders["billet_id"])))
    titres = billets.set_index("id").apply(titre_court, axis=1)
    ordre_billets = list(dict.fromkeys(leaders["billet_id"]))
    cases = (leaders.assign(role=leaders["role"].map(ROLES))
             .groupby(["acteur", "billet_id"])["role"]
             .agg(lambda r: " / ".join(dict.fromkeys(r))).unstack())
    cases = cases.reindex(index=[a for a in ACTEURS if a in set(leaders["acteur"])], columns=ordre_billets)
    cases = cases.fillna("—")
    cases.index = [ACTEURS[a] for a in cases.index]
    cases.columns = [titres[b] for b in cases.columns]
    return cases.rename_axis("Acteur")


def tableau_passages(leaders: pd.DataFrame, billets: pd.DataFrame) -> pd.DataFrame:
    """Les passages de la carte en clair, pour la page : billet, acteur, rôle, qui
    l'affirme, ce qu'il dit, ce que le kit a pu vérifier."""
    _verifie_leaders(leaders)
    blogs = billets.set_index("id")
    return pd.DataFrame({
        "Billet": [f"{blogs.loc[b, 'titre']} ({nom_blog(blogs.loc[b, 'blog'])})" for b in leaders["billet_id"]],
        "Acteur": leaders["acteur"].map(ACTEURS),
        "Rôle": leaders["role"].map(ROLES),
        "Qui l'affirme": leaders["porteur"],
        "Ce que dit le passage": leaders["resume"],
        "Vérification": leaders["verification"],
    })


def roles_par_acteur(leaders: pd.DataFrame) -> pd.DataFrame:
    """Nombre de passages par acteur et par rôle (zéros compris), acteurs dans l'ordre de la carte."""
    _verifie_leaders(leaders)
    comptes = pd.crosstab(leaders["acteur"], leaders["role"])
    comptes = comptes.reindex(index=[a for a in ACTEURS if a in set(leaders["acteur"])], columns=list(ROLES), fill_value=0)
    return comptes.rename_axis(index="acteur", columns=None)


def source_leaders(billets: pd.DataFrame) -> str:
    """Légende « Source : … » de la carte des leaders."""
    return (
        f"Source{INS}: table {fr.guillemets('leaders_billets')} du dossier data/ du kit, établie à partir des "
        f"billets du corpus{INS}; la colonne «\u00a0rôle\u00a0» est la lecture du kit, à discuter."
    )


__all__ = [
    "ACTEURS", "CHIFFRE_EDENRED", "DESCRIPTION_EXPLORATEUR", "GRAINE", "MESURE_CITEE", "PHASES", "ROLES",
    "TIRAGES", "TITRES_COURTS", "TOUTE_LA_PERIODE", "bilan_personnes", "carte_leaders", "description_barometre",
    "description_reciprocite", "graphique_barometre", "graphique_explorateur", "graphique_reciprocite",
    "liens", "reciprocite", "reciprocite_au_hasard", "roles_par_acteur", "serie_barometre",
    "source_barometre", "source_leaders", "source_synthetique", "tableau_passages", "titre_court",
]
