"""Le chapitre sur le réseau social d'entreprise : indicateurs recalculés depuis les
tables synthétiques, messages d'erreur en français, graphiques marqués « données
synthétiques », et clés d'exercice cohérentes avec les données."""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd
import pytest

from transfonum.chapitres import rse
from transfonum.exercices import corriger
from transfonum.exercices.cles import DOSSIER_CLES

RESEAU = rse.charger_reseau()
KEYS = {e["id"]: e for e in json.loads((DOSSIER_CLES / "rse.json").read_text(encoding="utf-8"))["exercises"]}


# --- indicateurs ------------------------------------------------------------

def test_weekly_activity_covers_every_week_and_stays_consistent():
    hebdo = rse.activite_hebdomadaire(RESEAU)
    assert list(hebdo["semaine"]) == list(range(1, RESEAU.derniere_semaine() + 1))
    assert hebdo["inscrits"].is_monotonic_increasing
    assert (hebdo["actifs"] <= hebdo["inscrits"]).all()  # seul un inscrit publie ou commente
    assert hebdo["messages"].sum() == len(RESEAU.messages)
    assert hebdo["commentaires"].sum() == len(RESEAU.commentaires)
    assert set(hebdo["phase"]) == set(RESEAU.ordre_phases())


def test_active_members_are_counted_by_hand_on_one_week():
    hebdo = rse.activite_hebdomadaire(RESEAU).set_index("semaine")
    week = 50
    window = range(week - rse.FENETRE + 1, week + 1)
    authors = set(RESEAU.messages.loc[RESEAU.messages["semaine"].isin(window), "auteur_id"])
    authors |= set(RESEAU.commentaires.loc[RESEAU.commentaires["semaine"].isin(window), "auteur_id"])
    assert hebdo.loc[week, "actifs"] == len(authors)


def test_phase_indicators_follow_the_generator_assumptions():
    ind = rse.indicateurs_phases(RESEAU).set_index("phase")
    assert list(ind.index) == ["creation", "croissance", "croisiere"]
    # Les managers publient davantage au lancement ; les échanges entre services montent.
    assert ind.loc["creation", "part_managers"] > ind.loc["croisiere", "part_managers"]
    assert ind["part_entre_services"].is_monotonic_increasing
    assert ind["commentaires_par_message"].is_monotonic_increasing


def test_changing_a_row_changes_the_statistics():
    """Rien n'est mis en cache : une ligne de plus dans les messages change les chiffres."""
    before = rse.indicateurs_phases(RESEAU).set_index("phase")
    extra = pd.DataFrame({"id": ["m-test"], "auteur_id": ["p-001"], "semaine": [70], "phase": ["croisiere"],
                          "theme": ["projet"]}).astype(RESEAU.messages.dtypes.to_dict())
    changed = replace(RESEAU, messages=pd.concat([RESEAU.messages, extra], ignore_index=True))
    after = rse.indicateurs_phases(changed).set_index("phase")
    assert after.loc["croisiere", "messages_semaine"] > before.loc["croisiere", "messages_semaine"]
    assert after.loc["creation", "messages_semaine"] == before.loc["creation", "messages_semaine"]


def test_concentration_curve_and_top_shares():
    comptes = pd.Series([10, 0, 5, 5, 0], index=list("abcde"))
    curve = rse.parts_cumulees(comptes)
    assert curve["part_messages"].tolist() == [0.0, 0.5, 0.75, 1.0, 1.0, 1.0]
    assert curve["part_membres"].iloc[-1] == 1.0
    assert rse.part_des_plus_actifs(comptes, 20) == (0.5, 1)
    assert rse.part_des_plus_actifs(comptes, 1) == (0.5, 1)  # au moins une personne
    assert rse.part_des_plus_actifs(comptes, 60) == (1.0, 3)


@pytest.mark.parametrize("comptes", [pd.Series([], dtype=int), pd.Series([0, 0])])
def test_concentration_refuses_an_empty_network_in_french(comptes):
    with pytest.raises(ValueError, match="aucun message"):
        rse.parts_cumulees(comptes)
    with pytest.raises(ValueError, match="aucun message"):
        rse.part_des_plus_actifs(comptes, 10)


def test_top_share_refuses_a_bad_percentage():
    with pytest.raises(ValueError, match="entre 0 et 100"):
        rse.part_des_plus_actifs(pd.Series([1, 2]), 0)


def test_cross_service_matrix_adds_up_to_every_comment():
    matrice = rse.matrice_services(RESEAU)
    assert matrice["commentaires"].sum() == len(RESEAU.commentaires)
    n = len(RESEAU.departements)
    assert len(matrice) == len(RESEAU.ordre_phases()) * n * n
    rows = matrice.groupby(["phase", "service_message"]).agg(part=("part_ligne", "sum"), n=("commentaires", "sum"))
    # Une ligne qui a reçu des commentaires se partage à 100 % ; une ligne vide reste à zéro.
    assert ((rows.loc[rows["n"] > 0, "part"] - 1).abs() < 1e-9).all()
    assert (rows.loc[rows["n"] == 0, "part"] == 0).all()


def test_passeurs_use_networkx_betweenness():
    nx = pytest.importorskip("networkx")
    table = rse.passeurs(RESEAU, "croisiere")
    assert len(table) == rse.NB_PASSEURS
    assert table["intermediarite"].is_monotonic_decreasing
    assert table["intermediarite"].between(0, 1).all()
    # Sur un petit graphe en chaîne, le maillon du milieu est le seul passeur.
    assert nx.betweenness_centrality(nx.path_graph(3))[1] == 1.0


@pytest.mark.parametrize(
    ("mutation", "named"),
    [
        (lambda r: replace(r, messages=r.messages.drop(columns="phase")), "phase"),
        (lambda r: replace(r, messages=r.messages.assign(phase="lancement")), "lancement"),
        (lambda r: replace(r, commentaires=r.commentaires.assign(auteur_id="p-999")), "p-999"),
        (lambda r: replace(r, commentaires=r.commentaires.assign(message_id="m-99999")), "m-99999"),
    ],
)
def test_bad_tables_get_a_french_message_naming_the_problem(mutation, named):
    with pytest.raises(ValueError, match="rse_") as err:
        mutation(RESEAU)
    assert named in str(err.value)


@pytest.mark.parametrize("fonction", [rse.passeurs, rse.commentaires_recus_d_autres_services])
def test_unknown_phase_is_refused_in_french(fonction):
    with pytest.raises(ValueError, match="phase inconnue"):
        fonction(RESEAU, "lancement")


# --- graphiques -------------------------------------------------------------

def _all_text(spec) -> str:
    return json.dumps(spec, ensure_ascii=False)


@pytest.mark.parametrize("source", [rse.source_synthetique(), rse.source_synthetique("rse_messages")])
def test_every_caption_says_synthetic(source):
    assert source.startswith("Source\u00a0:")
    assert "données synthétiques" in source


def test_charts_are_built_from_the_tables():
    hebdo = rse.activite_hebdomadaire(RESEAU)
    for chart in (rse.graphique_activite(RESEAU, hebdo), rse.graphique_concentration(RESEAU),
                  rse.graphique_matrice(RESEAU), rse.graphique_explorateur(RESEAU, hebdo)):
        spec = chart.to_dict()
        assert spec["datasets"], "le graphique n'a pas de données"


def test_explorer_is_a_vega_lite_slider_not_a_widget():
    spec = rse.graphique_explorateur(RESEAU).to_dict()
    text = _all_text(spec)
    assert '"semaine_choisie"' in text
    assert '"input": "range"' in text
    assert "datum.semaine == semaine_choisie" in text


def test_matrix_phase_is_a_dropdown():
    text = _all_text(rse.graphique_matrice(RESEAU).to_dict())
    assert '"input": "select"' in text and "phase_matrice" in text


def test_descriptions_say_synthetic():
    indicateurs = rse.indicateurs_phases(RESEAU)
    for text in (rse.description_activite(RESEAU, indicateurs), rse.description_concentration(RESEAU),
                 rse.DESCRIPTION_MATRICE, rse.DESCRIPTION_EXPLORATEUR):
        assert text.startswith("Données synthétiques.")


# --- clés d'exercice : cohérentes avec les données, et elles refusent le faux ---

def test_services_key_matches_the_data():
    recus = rse.commentaires_recus_d_autres_services(RESEAU, "croisiere")
    assert KEYS["rse-services-croisiere"]["expected"] == recus.iloc[0]["id"]
    raw_leader = recus.sort_values("recus", ascending=False).iloc[0]["id"]
    assert raw_leader != recus.iloc[0]["id"], "le piège « sans diviser par l'effectif » ne piège plus"
    assert raw_leader in KEYS["rse-services-croisiere"]["choice_feedback"]


def test_silent_members_key_matches_the_chart():
    comptes = rse.messages_par_membre(RESEAU)
    part = (comptes == 0).mean()
    assert KEYS["rse-lecture-silencieux"]["expected"] == "un-tiers"
    assert 0.25 <= part <= 0.42, f"part des silencieux {part:.2f} : la clé « environ un tiers » est à revoir"


def test_diagnosis_and_actions_point_to_real_phases():
    phases = set(RESEAU.phases["id"])
    assert KEYS["rse-diagnostic"]["expected"] in phases
    assert set(KEYS["rse-actions-phases"]["expected"].values()) == phases


@pytest.mark.parametrize(
    ("exercise_id", "right", "wrong", "hint"),
    [
        ("rse-services-croisiere", "d-direction", "d-service-client", "effectif"),
        ("rse-lecture-silencieux", "un-tiers", "un-dixieme", "silencieux"),
        ("rse-diagnostic", "croissance", "croisiere", "processus"),
        ("rse-critique-observatoire", "membres", "marge", "hasard"),
    ],
)
def test_checkers_accept_the_right_answer_and_reject_a_wrong_one(exercise_id, right, wrong, hint):
    assert corriger(exercise_id, right).juste
    verdict = corriger(exercise_id, wrong)
    assert not verdict.juste
    assert hint in verdict.message


def test_actions_classification_rejects_a_swapped_pair():
    expected = dict(KEYS["rse-actions-phases"]["expected"])
    assert corriger("rse-actions-phases", expected).juste
    expected["reperer-influents"], expected["publier-soi-meme"] = "creation", "croisiere"
    assert not corriger("rse-actions-phases", expected).juste
