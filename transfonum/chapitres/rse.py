"""Le réseau social d'entreprise comme laboratoire : indicateurs et graphiques tirés du
réseau **synthétique** du dossier ``data/``.

Les tables ``rse_personnes``, ``rse_messages``, ``rse_commentaires`` et
``rse_departements`` décrivent une entreprise fictive (générateur :
:mod:`transfonum.donnees.synthetique`) ; ``rse_phases`` résume la grille de maturité
du billet ``b-rse-outil-management`` (table ``billets``).
Tout est recalculé depuis les tables à chaque appel : changer une ligne de ``data/``
change les indicateurs et les graphiques ::

    from transfonum.chapitres import rse

    reseau = rse.charger_reseau()
    rse.activite_hebdomadaire(reseau)   # une ligne par semaine : inscrits, actifs, messages…
    rse.indicateurs_phases(reseau)      # une ligne par phase : ce que suit un manager
    rse.concentration(reseau)           # la courbe de concentration des messages
    rse.matrice_services(reseau)        # qui commente qui, service par service et par phase
    rse.passeurs(reseau, "croisiere")   # centralité d'intermédiarité (networkx)

Les graphiques sont rendus sans titre ni source : le chapitre les passe à
:func:`transfonum.graphiques.finir`, avec :func:`source_synthetique` en légende.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from transfonum import fr
from transfonum.donnees import charger_table, exiger_colonnes, exiger_valeurs
from transfonum.graphiques import PALETTE

#: Le billet qui décrit les trois phases de maturité.
BILLET = "b-rse-outil-management"
#: Les tables du réseau synthétique.
TABLES_SYNTHETIQUES = ("rse_departements", "rse_personnes", "rse_messages", "rse_commentaires")
#: Largeur, en semaines, de la fenêtre des « membres actifs » (un mois d'environ quatre semaines).
FENETRE = 4
#: Parts de membres (en %) dont on mesure le poids dans les messages.
PARTS_PLUS_ACTIFS = (1, 10)
#: Points de la courbe de concentration de l'explorateur (0 %, 10 %, … 100 % des membres :
#: les déciles ; chaque semaine en a une, et toutes voyagent avec la page).
PAS_COURBE = 10
#: Largeur (px) des panneaux des graphiques composés : ils tiennent sur un téléphone de 390 px.
LARGEUR_PANNEAU = 270
#: Nombre de personnes que montre le tableau des passeurs.
NB_PASSEURS = 5

_COLONNES = {
    "rse_departements": ("id", "nom", "effectif"),
    "rse_personnes": ("id", "departement_id", "role", "semaine_inscription"),
    "rse_messages": ("id", "auteur_id", "semaine", "phase"),
    "rse_commentaires": ("id", "message_id", "auteur_id", "semaine", "phase"),
    "rse_phases": ("id", "ordre", "phase", "indicateurs_suivis", "role_management"),
}


@dataclass(frozen=True)
class Reseau:
    """Les cinq tables du réseau, vérifiées (colonnes, phases, identifiants)."""

    departements: pd.DataFrame
    personnes: pd.DataFrame
    messages: pd.DataFrame
    commentaires: pd.DataFrame
    phases: pd.DataFrame

    def __post_init__(self) -> None:
        for table, frame in self._tables().items():
            exiger_colonnes(frame, table, _COLONNES[table])
        ids = list(self.phases["id"])
        exiger_valeurs(self.messages, "rse_messages", "phase", ids)
        exiger_valeurs(self.commentaires, "rse_commentaires", "phase", ids)
        exiger_valeurs(self.personnes, "rse_personnes", "departement_id", list(self.departements["id"]))
        known = set(self.personnes["id"])
        for table, frame in (("rse_messages", self.messages), ("rse_commentaires", self.commentaires)):
            unknown = sorted(set(frame["auteur_id"]) - known)
            if unknown:
                raise ValueError(
                    f"table « {table} », colonne « auteur_id » : personne inconnue de "
                    f"« rse_personnes » ({', '.join(unknown[:3])})"
                )
        orphan = sorted(set(self.commentaires["message_id"]) - set(self.messages["id"]))
        if orphan:
            raise ValueError(
                "table « rse_commentaires », colonne « message_id » : message inconnu de "
                f"« rse_messages » ({', '.join(orphan[:3])})"
            )

    def _tables(self) -> dict[str, pd.DataFrame]:
        return {
            "rse_departements": self.departements, "rse_personnes": self.personnes,
            "rse_messages": self.messages, "rse_commentaires": self.commentaires,
            "rse_phases": self.phases,
        }

    def ordre_phases(self) -> list[str]:
        """Identifiants des phases, dans l'ordre de la grille (création, croissance, croisière)."""
        return list(self.phases.sort_values("ordre")["id"])

    def nom_phase(self, phase_id: str) -> str:
        """Le nom affiché d'une phase (« Croisière » pour ``croisiere``)."""
        return str(self.phases.set_index("id").loc[phase_id, "phase"])

    def derniere_semaine(self) -> int:
        return int(max(self.messages["semaine"].max(), self.commentaires["semaine"].max()))


def charger_reseau() -> Reseau:
    """Les tables du réseau synthétique et de la grille des phases, lues dans ``data/``."""
    return Reseau(
        departements=charger_table("rse_departements"),
        personnes=charger_table("rse_personnes"),
        messages=charger_table("rse_messages"),
        commentaires=charger_table("rse_commentaires"),
        phases=charger_table("rse_phases"),
    )


def source_synthetique(*tables: str) -> str:
    """Légende « Source : … » d'un graphique ou d'un tableau du réseau synthétique ; elle
    dit toujours « données synthétiques »."""
    tables = tables or TABLES_SYNTHETIQUES
    names = ", ".join(fr.guillemets(t) for t in tables)
    return (
        f"Source{fr.INSECABLE}: données synthétiques ({names}, dossier data/ du kit), "
        f"générées pour l'exercice{fr.INSECABLE}; elles ne décrivent aucune entreprise réelle. "
        f"Phases d'après le billet {titre_billet()}."
    )


def titre_billet() -> str:
    """Le titre, entre guillemets, du billet des trois phases (lu dans ``billets``)."""
    return fr.guillemets(charger_table("billets").set_index("id").loc[BILLET, "titre"])


# ---------------------------------------------------------------------------
# Tables de travail
# ---------------------------------------------------------------------------

def commentaires_enrichis(reseau: Reseau) -> pd.DataFrame:
    """Chaque commentaire avec le service de son auteur (``service_commentaire``), l'auteur
    et le service du message commenté (``auteur_message``, ``service_message``) et
    ``entre_services`` (vrai si les deux services diffèrent)."""
    service = reseau.personnes.set_index("id")["departement_id"]
    auteurs = reseau.messages.set_index("id")["auteur_id"]
    out = reseau.commentaires.copy()
    out["auteur_message"] = out["message_id"].map(auteurs)
    out["service_message"] = out["auteur_message"].map(service)
    out["service_commentaire"] = out["auteur_id"].map(service)
    out["entre_services"] = out["service_message"] != out["service_commentaire"]
    return out


def _contributions(reseau: Reseau) -> pd.DataFrame:
    """Messages et commentaires réunis : ``auteur_id``, ``semaine``, ``nature``."""
    return pd.concat([
        reseau.messages[["auteur_id", "semaine"]].assign(nature="message"),
        reseau.commentaires[["auteur_id", "semaine"]].assign(nature="commentaire"),
    ], ignore_index=True)


def _inscrits(reseau: Reseau, semaine: int) -> pd.Series:
    """Identifiants des personnes inscrites au plus tard la semaine ``semaine``."""
    p = reseau.personnes
    return p.loc[p["semaine_inscription"].notna() & (p["semaine_inscription"] <= semaine), "id"]


def _phase_de_semaine(reseau: Reseau) -> pd.Series:
    """La phase de chaque semaine, lue dans les messages et commentaires datés."""
    datees = pd.concat([reseau.messages[["semaine", "phase"]], reseau.commentaires[["semaine", "phase"]]])
    return datees.drop_duplicates("semaine").set_index("semaine")["phase"].sort_index()


def parts_cumulees(comptes: pd.Series) -> pd.DataFrame:
    """Courbe de concentration : membres rangés du plus actif au moins actif.

    ``comptes`` donne un nombre de messages par membre (zéros compris). Colonnes :
    ``part_membres`` et ``part_messages`` (de 0 à 1), un point par membre plus l'origine.
    Lève :class:`ValueError` si la série est vide ou ne compte aucun message.
    """
    if comptes.empty or comptes.sum() == 0:
        raise ValueError("courbe de concentration : aucun message à répartir")
    ordered = comptes.sort_values(ascending=False).to_numpy(dtype=float)
    n = len(ordered)
    cumul = ordered.cumsum() / ordered.sum()
    return pd.DataFrame({
        "part_membres": [0.0, *[(i + 1) / n for i in range(n)]],
        "part_messages": [0.0, *cumul],
    })


def part_des_plus_actifs(comptes: pd.Series, pourcent: float) -> tuple[float, int]:
    """Part des messages écrits par les ``pourcent`` % de membres les plus actifs, et le
    nombre de personnes que cela représente (arrondi, au moins une)."""
    if not 0 < pourcent <= 100:
        raise ValueError("part des plus actifs : un pourcentage entre 0 et 100 est attendu")
    if comptes.empty or comptes.sum() == 0:
        raise ValueError("part des plus actifs : aucun message à répartir")
    k = max(1, round(len(comptes) * pourcent / 100))
    top = comptes.sort_values(ascending=False).iloc[:k].sum()
    return float(top / comptes.sum()), k


def messages_par_membre(reseau: Reseau, semaines: tuple[int, int] | None = None) -> pd.Series:
    """Nombre de messages par membre inscrit (zéros compris), sur tout le réseau ou sur
    les semaines ``(premiere, derniere)`` incluses (membres inscrits à la dernière)."""
    first, last = semaines or (1, reseau.derniere_semaine())
    members = _inscrits(reseau, last)
    m = reseau.messages
    m = m[(m["semaine"] >= first) & (m["semaine"] <= last)]
    return m["auteur_id"].value_counts().reindex(members, fill_value=0).astype(int)


def concentration(reseau: Reseau) -> pd.DataFrame:
    """La courbe de concentration des messages sur toute la période (tous les inscrits)."""
    return parts_cumulees(messages_par_membre(reseau))


def activite_hebdomadaire(reseau: Reseau, fenetre: int = FENETRE) -> pd.DataFrame:
    """Une ligne par semaine : ``semaine``, ``phase``, ``inscrits`` (cumul),
    ``actifs`` (personnes ayant publié ou commenté sur les ``fenetre`` dernières semaines),
    ``taux_participation`` (actifs / inscrits), ``messages`` et ``commentaires`` de la
    semaine, ``part_entre_services`` (commentaires de la fenêtre adressés à un autre
    service) et ``part_top10`` (part des messages de la fenêtre écrits par les 10 % de
    membres les plus actifs ; vide s'il n'y a aucun message)."""
    if fenetre < 1:
        raise ValueError("activité hebdomadaire : la fenêtre doit compter au moins une semaine")
    contributions = _contributions(reseau)
    comments = commentaires_enrichis(reseau)
    phases = _phase_de_semaine(reseau)
    rows = []
    for week in range(1, reseau.derniere_semaine() + 1):
        start = max(1, week - fenetre + 1)
        window = contributions[(contributions["semaine"] >= start) & (contributions["semaine"] <= week)]
        members = _inscrits(reseau, week)
        in_window = comments[(comments["semaine"] >= start) & (comments["semaine"] <= week)]
        counts = messages_par_membre(reseau, (start, week))
        top10 = part_des_plus_actifs(counts, 10)[0] if counts.sum() > 0 else math.nan
        rows.append({
            "semaine": week,
            "phase": phases.get(week),
            "inscrits": len(members),
            "actifs": window["auteur_id"].nunique(),
            "taux_participation": window["auteur_id"].nunique() / len(members) if len(members) else math.nan,
            "messages": int((reseau.messages["semaine"] == week).sum()),
            "commentaires": int((reseau.commentaires["semaine"] == week).sum()),
            "part_entre_services": in_window["entre_services"].mean() if len(in_window) else math.nan,
            "part_top10": top10,
        })
    out = pd.DataFrame(rows)
    out["phase"] = out["phase"].ffill().bfill()
    return out


def indicateurs_phases(reseau: Reseau) -> pd.DataFrame:
    """Ce qu'un manager suivrait, phase par phase. Une ligne par phase (dans l'ordre) :
    ``phase`` (identifiant), ``nom``, ``semaines``, ``inscrits_fin`` (inscrits à la
    dernière semaine), ``actifs_moyen`` et ``taux_participation`` (moyennes des
    semaines), ``messages_semaine``, ``commentaires_par_message`` (commentaires datés de
    la phase par message de la phase), ``part_managers`` (part des messages écrits par
    des managers), ``part_entre_services`` (commentaires de la phase adressés à un
    autre service) et ``part_top10`` (messages de la phase écrits par les 10 % de membres
    les plus actifs)."""
    weekly = activite_hebdomadaire(reseau)
    role = reseau.personnes.set_index("id")["role"]
    comments = commentaires_enrichis(reseau)
    rows = []
    for phase in reseau.ordre_phases():
        weeks = weekly[weekly["phase"] == phase]
        if weeks.empty:
            continue
        first, last = int(weeks["semaine"].min()), int(weeks["semaine"].max())
        msgs = reseau.messages[reseau.messages["phase"] == phase]
        coms = comments[comments["phase"] == phase]
        counts = messages_par_membre(reseau, (first, last))
        rows.append({
            "phase": phase,
            "nom": reseau.nom_phase(phase),
            "semaines": f"{first}–{last}",
            "inscrits_fin": int(weeks["inscrits"].iloc[-1]),
            "actifs_moyen": float(weeks["actifs"].mean()),
            "taux_participation": float(weeks["taux_participation"].mean()),
            "messages_semaine": len(msgs) / len(weeks),
            "commentaires_par_message": len(coms) / len(msgs) if len(msgs) else math.nan,
            "part_managers": float((msgs["auteur_id"].map(role) == "manager").mean()) if len(msgs) else math.nan,
            "part_entre_services": float(coms["entre_services"].mean()) if len(coms) else math.nan,
            "part_top10": part_des_plus_actifs(counts, 10)[0] if counts.sum() else math.nan,
        })
    return pd.DataFrame(rows)


#: Libellés français des colonnes de :func:`indicateurs_phases`, pour l'affichage.
LIBELLES_INDICATEURS = {
    "nom": "Phase",
    "semaines": "Semaines",
    "inscrits_fin": "Inscrits en fin de phase",
    "actifs_moyen": f"Actifs sur {FENETRE} semaines (moyenne)",
    "taux_participation": "Taux de participation",
    "messages_semaine": "Messages par semaine",
    "commentaires_par_message": "Commentaires par message",
    "part_managers": "Messages écrits par des managers",
    "part_entre_services": "Commentaires entre services",
    "part_top10": f"Messages des 10{fr.INSECABLE}% les plus actifs",
}
_POURCENTS = ("taux_participation", "part_managers", "part_entre_services", "part_top10")


def tableau_indicateurs(indicateurs: pd.DataFrame) -> pd.DataFrame:
    """Les indicateurs par phase mis en forme à la française, une colonne par phase."""
    shown = indicateurs.copy()
    for col in _POURCENTS:
        shown[col] = [fr.pourcent(100 * v) if pd.notna(v) else "—" for v in shown[col]]
    shown["inscrits_fin"] = [fr.nombre(v) for v in shown["inscrits_fin"]]
    for col in ("actifs_moyen", "messages_semaine", "commentaires_par_message"):
        shown[col] = [fr.nombre(v, 1) if pd.notna(v) else "—" for v in shown[col]]
    shown = shown[list(LIBELLES_INDICATEURS)].rename(columns=LIBELLES_INDICATEURS)
    return shown.set_index("Phase").T.rename_axis("Indicateur (données synthétiques)")


def matrice_services(reseau: Reseau) -> pd.DataFrame:
    """Commentaires par couple de services et par phase, zéros compris. Colonnes :
    ``phase``, ``service_message`` et ``service_commentaire`` (noms des services),
    ``commentaires`` et ``part_ligne`` (part des commentaires reçus par les messages du
    service ``service_message`` qui viennent de ``service_commentaire``)."""
    comments = commentaires_enrichis(reseau)
    names = reseau.departements.set_index("id")["nom"]
    grid = pd.MultiIndex.from_product(
        [reseau.ordre_phases(), list(names.index), list(names.index)],
        names=["phase", "service_message", "service_commentaire"],
    )
    counts = (
        comments.groupby(["phase", "service_message", "service_commentaire"]).size()
        .reindex(grid, fill_value=0).rename("commentaires").reset_index()
    )
    totals = counts.groupby(["phase", "service_message"])["commentaires"].transform("sum")
    counts["part_ligne"] = (counts["commentaires"] / totals.where(totals > 0)).fillna(0.0)
    for col in ("service_message", "service_commentaire"):
        counts[col] = counts[col].map(names)
    return counts


def commentaires_recus_d_autres_services(reseau: Reseau, phase: str) -> pd.DataFrame:
    """Par service : commentaires reçus d'un autre service pendant ``phase``, et le même
    nombre rapporté à l'effectif du service. Trié du plus au moins sollicité par tête."""
    if phase not in reseau.ordre_phases():
        raise ValueError(f"phase inconnue : {phase!r} (attendu : {', '.join(reseau.ordre_phases())})")
    comments = commentaires_enrichis(reseau)
    cross = comments[(comments["phase"] == phase) & comments["entre_services"]]
    deps = reseau.departements.set_index("id")
    out = pd.DataFrame({
        "nom": deps["nom"],
        "effectif": deps["effectif"],
        "recus": cross.groupby("service_message").size().reindex(deps.index, fill_value=0),
    })
    out["recus_par_personne"] = out["recus"] / out["effectif"]
    return out.rename_axis("id").reset_index().sort_values("recus_par_personne", ascending=False, ignore_index=True)


def passeurs(reseau: Reseau, phase: str, nombre: int = NB_PASSEURS) -> pd.DataFrame:
    """Les personnes qui relient le plus le réseau pendant ``phase`` : centralité
    d'intermédiarité (*betweenness*) du graphe non orienté « a commenté un message de ».

    Calculée avec networkx (importé ici seulement). Colonnes : ``id``, ``service``,
    ``role``, ``intermediarite`` (de 0 à 1), ``messages`` (publiés pendant la phase) et
    ``rang_messages`` (rang de la personne au nombre de messages de la phase).
    """
    import networkx as nx

    if phase not in reseau.ordre_phases():
        raise ValueError(f"phase inconnue : {phase!r} (attendu : {', '.join(reseau.ordre_phases())})")
    comments = commentaires_enrichis(reseau)
    comments = comments[(comments["phase"] == phase) & (comments["auteur_id"] != comments["auteur_message"])]
    graph = nx.Graph()
    graph.add_edges_from(zip(comments["auteur_id"], comments["auteur_message"]))
    if graph.number_of_nodes() < 3:
        raise ValueError(f"phase {phase!r} : trop peu d'échanges pour mesurer une centralité")
    scores = pd.Series(nx.betweenness_centrality(graph), name="intermediarite")
    msgs = reseau.messages[reseau.messages["phase"] == phase]["auteur_id"].value_counts()
    people = reseau.personnes.set_index("id")
    names = reseau.departements.set_index("id")["nom"]
    out = scores.rename_axis("id").reset_index()
    out["service"] = out["id"].map(people["departement_id"]).map(names)
    out["role"] = out["id"].map(people["role"])
    out["messages"] = out["id"].map(msgs).fillna(0).astype(int)
    out["rang_messages"] = out["messages"].rank(ascending=False, method="min").astype(int)
    out = out.sort_values(["intermediarite", "id"], ascending=[False, True], ignore_index=True)
    return out.head(nombre)[["id", "service", "role", "intermediarite", "messages", "rang_messages"]]


def tableau_passeurs(table: pd.DataFrame) -> pd.DataFrame:
    """Le tableau des passeurs mis en forme à la française."""
    return pd.DataFrame({
        "Personne (fictive)": table["id"],
        "Service": table["service"],
        "Rôle": table["role"],
        "Intermédiarité": [fr.nombre(v, 2) for v in table["intermediarite"]],
        "Messages publiés": [fr.nombre(v) for v in table["messages"]],
        "Rang aux messages": [fr.nombre(v) for v in table["rang_messages"]],
    }).set_index("Personne (fictive)")


# ---------------------------------------------------------------------------
# Graphiques
# ---------------------------------------------------------------------------

def _bandes_phases(reseau: Reseau, hebdo: pd.DataFrame) -> pd.DataFrame:
    bounds = hebdo.groupby("phase")["semaine"].agg(["min", "max"]).reindex(reseau.ordre_phases()).dropna()
    return pd.DataFrame({
        "phase": [reseau.nom_phase(p) for p in bounds.index],
        "debut": bounds["min"].astype(float) - 0.5,
        "fin": bounds["max"].astype(float) + 0.5,
        "milieu": (bounds["min"] + bounds["max"]).astype(float) / 2,
    }).reset_index(drop=True)


def _fond_phases(bandes: pd.DataFrame) -> alt.LayerChart:
    rect = alt.Chart(bandes).mark_rect(opacity=0.35).encode(
        x=alt.X("debut:Q"), x2="fin:Q",
        color=alt.Color("phase:N", legend=None, scale=alt.Scale(
            domain=list(bandes["phase"]),
            range=[PALETTE["neutre"], PALETTE["fond"], PALETTE["neutre"]][: len(bandes)],
        )),
    )
    label = alt.Chart(bandes).mark_text(baseline="top", dy=2, color=PALETTE["attenue"], fontSize=12).encode(
        x="milieu:Q", y=alt.value(0), text="phase:N",
    )
    return rect + label


def graphique_activite(reseau: Reseau, hebdo: pd.DataFrame | None = None) -> alt.VConcatChart:
    """Deux panneaux sur le même axe des semaines, phases en fond : en haut les inscrits
    et les membres actifs sur :data:`FENETRE` semaines, en bas les messages et
    commentaires de chaque semaine."""
    hebdo = activite_hebdomadaire(reseau) if hebdo is None else hebdo
    bandes = _bandes_phases(reseau, hebdo)
    last = int(hebdo["semaine"].max())
    x = alt.X("semaine:Q", title="Semaine depuis l'ouverture", scale=alt.Scale(domain=[0.5, last + 0.5], nice=False))
    membres = hebdo.melt(id_vars="semaine", value_vars=["inscrits", "actifs"], var_name="serie", value_name="personnes")
    membres["serie"] = membres["serie"].map({"inscrits": "Inscrits", "actifs": f"Actifs sur {FENETRE} semaines"})
    activite = hebdo.melt(id_vars="semaine", value_vars=["messages", "commentaires"], var_name="serie", value_name="nombre")
    activite["serie"] = activite["serie"].map({"messages": "Messages", "commentaires": "Commentaires"})

    def panneau(data: pd.DataFrame, champ: str, titre: str, series: list[str], couleurs: list[str]) -> alt.LayerChart:
        lines = alt.Chart(data).mark_line(strokeWidth=2).encode(
            x=x, y=alt.Y(f"{champ}:Q", title=titre),
            color=alt.Color("serie:N", title=None, scale=alt.Scale(domain=series, range=couleurs),
                            legend=alt.Legend(orient="top")),
            tooltip=[alt.Tooltip("semaine:Q", title="Semaine"), alt.Tooltip("serie:N", title="Série"),
                     alt.Tooltip(f"{champ}:Q", title="Valeur")],
        )
        return alt.layer(_fond_phases(bandes), lines, width=LARGEUR_PANNEAU, height=170).resolve_scale(color="independent")

    return alt.vconcat(
        panneau(membres, "personnes", "Personnes", ["Inscrits", f"Actifs sur {FENETRE} semaines"],
                [PALETTE["second"], PALETTE["accent"]]),
        panneau(activite, "nombre", "Par semaine", ["Messages", "Commentaires"],
                [PALETTE["accent"], PALETTE["positif"]]),
    )


def description_activite(reseau: Reseau, indicateurs: pd.DataFrame) -> str:
    parts = [
        f"{row.nom} (semaines {row.semaines}){fr.INSECABLE}: {fr.nombre(row.inscrits_fin)} inscrits en fin de "
        f"phase, {fr.nombre(row.actifs_moyen, 1)} actifs en moyenne, {fr.nombre(row.messages_semaine, 1)} "
        "messages par semaine"
        for row in indicateurs.itertuples()
    ]
    return (
        "Données synthétiques. Deux courbes par semaine depuis l'ouverture du réseau, sur un fond "
        f"qui marque les trois phases{fr.INSECABLE}: en haut les inscrits et les membres actifs sur "
        f"{FENETRE} semaines, en bas les messages et les commentaires. "
        + f"{fr.INSECABLE}; ".join(parts) + "."
    )


def graphique_concentration(reseau: Reseau) -> alt.LayerChart:
    """La courbe de concentration des messages (membres du plus au moins actif), la
    diagonale de l'égalité parfaite et deux repères : les 1 % et les 10 % les plus actifs."""
    curve = concentration(reseau)
    counts = messages_par_membre(reseau)
    marks = []
    for pourcent in PARTS_PLUS_ACTIFS:
        share, k = part_des_plus_actifs(counts, pourcent)
        marks.append({
            "part_membres": k / len(counts), "part_messages": share,
            "etiquette": f"{fr.pourcent(pourcent)} des membres\n{fr.pourcent(100 * share)} des messages",
        })
    marks = pd.DataFrame(marks)
    axis_x = alt.X("part_membres:Q", title="Membres, du plus au moins actif",
                   axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]))
    axis_y = alt.Y("part_messages:Q", title="Part cumulée des messages", axis=alt.Axis(format="%"),
                   scale=alt.Scale(domain=[0, 1]))
    egalite = alt.Chart(pd.DataFrame({"part_membres": [0, 1], "part_messages": [0, 1]})).mark_line(
        strokeDash=[4, 4], color=PALETTE["attenue"]).encode(x=axis_x, y=axis_y)
    line = alt.Chart(curve).mark_line(color=PALETTE["accent"], strokeWidth=2.5).encode(
        x=axis_x, y=axis_y,
        tooltip=[alt.Tooltip("part_membres:Q", title="Part des membres", format=".0%"),
                 alt.Tooltip("part_messages:Q", title="Part des messages", format=".0%")],
    )
    points = alt.Chart(marks).mark_point(filled=True, size=70, color=PALETTE["contraste"]).encode(
        x=axis_x, y=axis_y, tooltip=[alt.Tooltip("etiquette:N", title="Repère")])
    # Une seule étiquette écrite (la dernière part) : celle du 1 % toucherait l'axe sur un
    # téléphone ; son point garde une infobulle.
    labels = alt.Chart(marks.tail(1)).mark_text(align="left", dx=8, dy=12, lineBreak="\n", color=PALETTE["texte"]).encode(
        x=axis_x, y=axis_y, text="etiquette:N")
    return alt.layer(egalite, line, points, labels, height=300)


def _personnes(n: int) -> str:
    return f"{fr.nombre(n)} personne" + ("s" if n > 1 else "")


def description_concentration(reseau: Reseau) -> str:
    counts = messages_par_membre(reseau)
    parts = []
    for pourcent in PARTS_PLUS_ACTIFS:
        share, k = part_des_plus_actifs(counts, pourcent)
        parts.append(f"les {fr.pourcent(pourcent)} les plus actifs ({_personnes(k)}) écrivent "
                     f"{fr.pourcent(100 * share)} des messages")
    silent = int((counts == 0).sum())
    return (
        "Données synthétiques. Courbe de concentration des messages sur toute la période, "
        f"{fr.nombre(len(counts))} membres inscrits rangés du plus actif au moins actif, avec la "
        f"diagonale de l'égalité parfaite{fr.INSECABLE}: " + ", ".join(parts)
        + f"{fr.INSECABLE}; {fr.nombre(silent)} membres n'ont publié aucun message."
    )


#: Une étiquette d'axe de plusieurs mots, coupée en deux lignes au premier espace.
ETIQUETTE_SUR_DEUX_LIGNES = ("indexof(datum.label, ' ') > 0 ? [slice(datum.label, 0, indexof(datum.label, ' ')), "
                             "slice(datum.label, indexof(datum.label, ' ') + 1)] : datum.label")


#: Nom Vega-Lite de la couche des nombres écrits dans les cases de la matrice.
COUCHE_SUR_CASES = "sur_cases"


def graphique_matrice(reseau: Reseau, phase_initiale: str | None = None) -> alt.LayerChart:
    """Carte de chaleur « qui commente qui » : en ligne le service qui publie, en
    colonne le service qui commente ; une liste déroulante choisit la phase (paramètre
    Vega-Lite ``phase_matrice``, sans noyau). La couleur est la part des commentaires
    reçus par la ligne ; le nombre est écrit dans la case."""
    data = matrice_services(reseau)
    data["phase_nom"] = data["phase"].map(reseau.nom_phase)
    data["part_texte"] = [fr.pourcent(100 * v) for v in data["part_ligne"]]
    names = list(reseau.departements["nom"])
    phase_names = [reseau.nom_phase(p) for p in reseau.ordre_phases()]
    initial = reseau.nom_phase(phase_initiale or reseau.ordre_phases()[-1])
    choice = alt.param(name="phase_matrice", value=initial, bind=alt.binding_select(
        options=phase_names, name=f"Phase{fr.INSECABLE}: "))
    base = alt.Chart(data, width=alt.Step(44), height=alt.Step(34)).encode(
        # Noms entiers, jamais tronqués : en colonne inclinés, en ligne sur deux lignes.
        x=alt.X("service_commentaire:N", title="Service qui commente", sort=names,
                axis=alt.Axis(labelAngle=-40, labelLimit=0)),
        y=alt.Y("service_message:N", title="Service qui publie", sort=names,
                axis=alt.Axis(labelLimit=0, labelExpr=ETIQUETTE_SUR_DEUX_LIGNES)),
    ).transform_filter("datum.phase_nom == phase_matrice")
    cells = base.mark_rect().encode(
        color=alt.Color("part_ligne:Q", title="Part de la ligne", legend=alt.Legend(format="%", orient="top"),
                        scale=alt.Scale(domain=[0, 1], range=[PALETTE["fond"], PALETTE["accent"]])),
        tooltip=[alt.Tooltip("service_message:N", title="Publie"),
                 alt.Tooltip("service_commentaire:N", title="Commente"),
                 alt.Tooltip("commentaires:Q", title="Commentaires"),
                 alt.Tooltip("part_texte:N", title="Part de la ligne")],
    )
    # Le nom de la couche marque ses textes (classe SVG « sur_cases_marks ») : posés sur des
    # cases claires, ils gardent leur encre sombre dans le thème sombre du site.
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("commentaires:Q"),
        color=alt.condition("datum.part_ligne > 0.5", alt.value(PALETTE["sur_donnee"]), alt.value(PALETTE["texte"])),
    ).properties(name=COUCHE_SUR_CASES)
    return alt.layer(cells, text).add_params(choice)


DESCRIPTION_MATRICE = (
    "Données synthétiques. Carte de chaleur, une ligne par service qui publie un message et une "
    "colonne par service qui le commente{0}; une liste déroulante choisit la phase. La case "
    "donne le nombre de commentaires, sa couleur la part qu'ils représentent dans les "
    "commentaires reçus par la ligne. La diagonale, les échanges internes à un service, "
    "pâlit d'une phase à l'autre."
).format(fr.INSECABLE)


def _explorateur_donnees(reseau: Reseau, hebdo: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pour chaque semaine : la courbe de concentration de la fenêtre, et les lignes de
    texte des indicateurs (déjà à la française)."""
    curves, lines = [], []
    steps = [i / 100 for i in range(0, 101, PAS_COURBE)]
    for row in hebdo.itertuples():
        start = max(1, row.semaine - FENETRE + 1)
        counts = messages_par_membre(reseau, (start, row.semaine))
        if counts.sum() > 0:
            ordered = counts.sort_values(ascending=False).to_numpy(dtype=float)
            cumul = [0.0, *(ordered.cumsum() / ordered.sum())]
            for s in steps:
                curves.append({"semaine": row.semaine, "part_membres": s,
                               "part_messages": round(cumul[round(s * len(ordered))], 4)})
        texts = [
            f"Semaine {row.semaine}{fr.INSECABLE}: phase de {reseau.nom_phase(row.phase).lower()}",
            f"Inscrits{fr.INSECABLE}: {fr.nombre(row.inscrits)}",
            f"Actifs ({FENETRE} sem.){fr.INSECABLE}: {fr.nombre(row.actifs)}, soit "
            f"{fr.pourcent(100 * row.taux_participation) if pd.notna(row.taux_participation) else '—'}",
            "Commentaires interservices" + fr.INSECABLE + ": "
            + (fr.pourcent(100 * row.part_entre_services) if pd.notna(row.part_entre_services) else "aucun"),
            f"10{fr.INSECABLE}% les plus actifs{fr.INSECABLE}: "
            + (f"{fr.pourcent(100 * row.part_top10)} des messages" if pd.notna(row.part_top10) else "aucun message"),
        ]
        lines.extend({"semaine": row.semaine, "rang": i, "texte": t} for i, t in enumerate(texts))
    return pd.DataFrame(curves), pd.DataFrame(lines)


def graphique_explorateur(reseau: Reseau, hebdo: pd.DataFrame | None = None,
                          semaine_initiale: int | None = None) -> alt.VConcatChart:
    """L'explorateur : un curseur de semaine (paramètre Vega-Lite ``semaine_choisie``)
    déplace un repère sur la courbe des membres actifs, affiche les indicateurs de la
    semaine et la courbe de concentration des messages des :data:`FENETRE` dernières
    semaines. Tout est précalculé par semaine : la page statique suffit."""
    hebdo = activite_hebdomadaire(reseau) if hebdo is None else hebdo
    last = int(hebdo["semaine"].max())
    start = semaine_initiale or last
    curves, lines = _explorateur_donnees(reseau, hebdo)
    week = alt.param(name="semaine_choisie", value=start, bind=alt.binding_range(
        min=1, max=last, step=1, name=f"Semaine{fr.INSECABLE}: "))
    bandes = _bandes_phases(reseau, hebdo)
    x = alt.X("semaine:Q", title="Semaine depuis l'ouverture", scale=alt.Scale(domain=[0.5, last + 0.5], nice=False))
    # Seules les colonnes dessinées voyagent avec la page.
    suivi = hebdo[["semaine", "taux_participation"]]
    rate = alt.Chart(suivi).mark_line(color=PALETTE["accent"], strokeWidth=2).encode(
        x=x, y=alt.Y("taux_participation:Q", title="Actifs / inscrits", axis=alt.Axis(format="%"),
                     scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("semaine:Q", title="Semaine"),
                 alt.Tooltip("taux_participation:Q", title="Taux de participation", format=".0%")],
    )
    rule = alt.Chart(suivi).mark_rule(color=PALETTE["repere"], strokeWidth=1.5).encode(x=x).transform_filter(
        "datum.semaine == semaine_choisie")
    top = alt.layer(_fond_phases(bandes), rate, rule, width=LARGEUR_PANNEAU, height=150).add_params(week)
    text = alt.Chart(lines, width=LARGEUR_PANNEAU, height=alt.Step(18)).mark_text(
        align="left", baseline="middle", fontSize=13, color=PALETTE["texte"]).encode(
        y=alt.Y("rang:O", axis=None), x=alt.value(0), text="texte:N",
    ).transform_filter("datum.semaine == semaine_choisie")
    axis_x = alt.X("part_membres:Q", title="Inscrits, du plus au moins actif",
                   axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]))
    axis_y = alt.Y("part_messages:Q", title="Part des messages", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]))
    egalite = alt.Chart(pd.DataFrame({"part_membres": [0, 1], "part_messages": [0, 1]})).mark_line(
        strokeDash=[4, 4], color=PALETTE["attenue"]).encode(x=axis_x, y=axis_y)
    curve = alt.Chart(curves).mark_line(color=PALETTE["contraste"], strokeWidth=2.5, point={"color": PALETTE["contraste"]}).encode(
        x=axis_x, y=axis_y,
        tooltip=[alt.Tooltip("part_membres:Q", title="Part des inscrits", format=".0%"),
                 alt.Tooltip("part_messages:Q", title="Part des messages", format=".0%")],
    ).transform_filter("datum.semaine == semaine_choisie")
    bottom = alt.layer(egalite, curve, width=LARGEUR_PANNEAU, height=220)
    return alt.vconcat(top, text, bottom).resolve_scale(color="independent")


DESCRIPTION_EXPLORATEUR = (
    "Données synthétiques. Un curseur choisit une semaine. En haut, le taux de participation "
    f"(actifs sur {FENETRE} semaines rapportés aux inscrits) semaine par semaine, les phases en "
    "fond et un trait vertical sur la semaine choisie{0}; au milieu, la phase et les indicateurs "
    "de cette semaine{0}; en bas, la courbe de concentration des messages des {1} dernières "
    "semaines, comparée à la diagonale de l'égalité parfaite."
).format(fr.INSECABLE, FENETRE)


__all__ = [
    "BILLET", "DESCRIPTION_EXPLORATEUR", "DESCRIPTION_MATRICE", "FENETRE", "LIBELLES_INDICATEURS", "NB_PASSEURS",
    "PARTS_PLUS_ACTIFS", "Reseau", "TABLES_SYNTHETIQUES", "activite_hebdomadaire", "charger_reseau",
    "commentaires_enrichis", "commentaires_recus_d_autres_services", "concentration",
    "description_activite", "description_concentration", "graphique_activite",
    "graphique_concentration", "graphique_explorateur", "graphique_matrice", "indicateurs_phases",
    "matrice_services", "messages_par_membre", "part_des_plus_actifs", "parts_cumulees", "passeurs",
    "source_synthetique", "tableau_indicateurs", "tableau_passeurs", "titre_billet",
]
