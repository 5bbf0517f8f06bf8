"""The CDO chapter's decision map (transfonum.chapitres.cdo.carte) and the decision exercise."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from transfonum.chapitres.cdo import carte
from transfonum.donnees import charger_table
from transfonum.exercices.cles import cles_du_kit


@pytest.fixture(scope="module")
def placements() -> pd.DataFrame:
    return charger_table("cdo_placements")


@pytest.mark.parametrize(
    ("competences", "maturite", "attendu"),
    [(8, 2, "cp-binome-marketing-dsi"), (2, 8, "cp-cdo-equipes-fortes"),
     (2, 2, "cp-cdo-catalyseur"), (8, 8, "cp-dirigeant-en-place"),
     (carte.SEUIL, 0, "cp-binome-marketing-dsi"), (10, 10, "cp-dirigeant-en-place"), (0, 0, "cp-cdo-catalyseur")],
)
def test_each_point_falls_in_one_cell(placements, competences, maturite, attendu):
    assert carte.placement(placements, competences, maturite)["id"] == attendu


def test_the_post_grounds_two_cells_and_the_kit_extrapolates_two(placements):
    fondements = placements.set_index("id")["fondement"]
    assert fondements["cp-binome-marketing-dsi"] == fondements["cp-cdo-equipes-fortes"] == "billet"
    assert fondements["cp-cdo-catalyseur"] == fondements["cp-dirigeant-en-place"] == "lecture du kit"
    facteurs = set(charger_table("cdo_facteurs_rattachement")["id"])
    assert set(placements["facteur_id"].dropna()) == facteurs


@pytest.mark.parametrize("note", [-0.5, 10.5])
def test_a_score_off_the_scale_is_refused(placements, note):
    with pytest.raises(ValueError, match="hors de l'échelle"):
        carte.placement(placements, note, 5)


def test_a_table_without_its_four_cells_is_refused_naming_it(placements):
    with pytest.raises(ValueError, match="cdo_placements.*une case par combinaison"):
        carte.graphique_carte(placements.iloc[:3])
    doublon = pd.concat([placements.iloc[:3], placements.iloc[:1]])
    with pytest.raises(ValueError, match="une case par combinaison"):
        carte.placement(doublon, 1, 1)
    with pytest.raises(ValueError, match="colonne.*fondement"):
        carte.description(placements.drop(columns="fondement"))


def test_the_map_works_without_a_kernel(placements):
    spec = carte.graphique_carte(placements).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == {"competences", "maturite"}
    for param in params.values():
        assert param["bind"]["input"] == "range"
        assert (param["bind"]["min"], param["bind"]["max"]) == carte.ECHELLE
    texte = json.dumps(spec, ensure_ascii=False)
    # the highlighted cell, the recommendation and the hesitation note are computed in the browser
    assert texte.count("competences >= 5.0") >= 2 and "abs(maturite - 5.0) < 1.0" in texte
    for libelle in placements["placement"]:
        assert libelle.split()[0] in texte


def test_description_names_every_cell_and_says_which_are_extrapolated(placements):
    texte = carte.description(placements)
    for libelle in placements["placement"]:
        assert libelle in texte
    assert "lecture du kit" in texte and "compétences faibles" in texte


def test_the_decision_exercise_offers_the_map_cells_and_expects_the_right_one(placements):
    exercice = cles_du_kit()["cdo-rattachement"]
    assert exercice.choices == dict(zip(placements["id"], placements["placement"]))
    # the profile: strong executive skills, weak organisational maturity
    assert exercice.expected == carte.placement(placements, 8, 2)["id"]
    assert set(exercice.choice_feedback) == set(exercice.choices) - {exercice.expected}
