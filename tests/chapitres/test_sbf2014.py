"""Le chapitre sur le Social Business Forum 2014 : bilan par famille, graphiques, et
cohérence entre ses clés d'exercice et les données."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from transfonum.chapitres import sbf2014
from transfonum.donnees import charger_table
from transfonum.exercices import corriger
from transfonum.exercices.cles import DOSSIER_CLES

TENDANCES = charger_table("tendances_sbf2014")
KEYS = {e["id"]: e for e in json.loads((DOSSIER_CLES / "sbf2014.json").read_text(encoding="utf-8"))["exercises"]}


def test_families_come_from_the_schema_and_cover_every_row():
    assert set(TENDANCES["famille"]) == set(sbf2014.familles())
    assert len(sbf2014.familles()) == len(set(sbf2014.familles()))


def test_bilan_counts_each_family_with_zeros_kept():
    bilan = sbf2014.bilan_familles(TENDANCES)
    assert list(bilan.columns) == ["famille", "Out", "In"]
    assert list(bilan["famille"]) == sbf2014.familles()
    assert bilan[["Out", "In"]].to_numpy().sum() == len(TENDANCES)
    for row in bilan.itertuples():
        subset = TENDANCES[TENDANCES["famille"] == row.famille]
        assert row.In == (subset["sens"] == "In").sum()
        assert row.Out == (subset["sens"] == "Out").sum()


def test_bilan_keeps_a_family_with_no_row():
    sans_client = TENDANCES[TENDANCES["famille"] != "Client et données"]
    bilan = sbf2014.bilan_familles(sans_client).set_index("famille")
    assert bilan.loc["Client et données"].tolist() == [0, 0]


@pytest.mark.parametrize(
    ("mutation", "named"),
    [
        (lambda t: t.drop(columns="famille"), "famille"),
        (lambda t: t.assign(sens=t["sens"].str.lower()), "in"),
    ],
)
def test_bad_tables_get_a_french_message_naming_the_problem(mutation, named):
    with pytest.raises(ValueError, match="tendances_sbf2014") as err:
        sbf2014.bilan_familles(mutation(TENDANCES.copy()))
    assert named in str(err.value)


def test_family_chart_draws_out_to_the_left_and_in_to_the_right():
    spec = sbf2014.graphique_familles(TENDANCES).to_dict()
    values = spec["datasets"][next(iter(spec["datasets"]))]
    assert values, "le graphique n'a pas de données"
    for value in values:
        assert value["nombre"] > 0
        assert value["position"] == (value["nombre"] if value["sens"] == "In" else -value["nombre"])
    assert spec["encoding"]["y"]["sort"] == sbf2014.familles()


def test_family_description_names_every_family_with_its_counts():
    text = sbf2014.description_familles(TENDANCES)
    for row in sbf2014.bilan_familles(TENDANCES).itertuples():
        assert f"{row.famille}\u00a0: {row.In} In et {row.Out} Out" in text
    assert " :" not in text and " ;" not in text


def test_explorer_binds_a_dropdown_of_the_families_and_filters_on_it():
    spec = sbf2014.graphique_explorateur(TENDANCES).to_dict()
    (param,) = spec["params"]
    assert param["bind"]["input"] == "select"
    assert param["bind"]["options"] == [sbf2014.TOUTES, *sbf2014.familles()]
    assert param["value"] == sbf2014.TOUTES
    (filtre,) = [t["filter"] for t in spec["transform"] if "filter" in t]
    assert param["name"] in filtre and "datum.famille" in filtre


def test_chart_reading_key_matches_the_data():
    """The expected answer of the chart exercise is the only family without an Out."""
    key = KEYS["sbf2014-lecture-familles"]
    labels = {c["id"]: c["label"] for c in key["choices"]}
    assert sorted(labels.values()) == sorted(sbf2014.familles())
    bilan = sbf2014.bilan_familles(TENDANCES)
    (sans_out,) = bilan.loc[bilan["Out"] == 0, "famille"]
    assert labels[key["expected"]] == sans_out


def _outils_out(tendances: pd.DataFrame) -> int:
    """The notebook's reference solution for the pandas exercise."""
    return len(tendances[(tendances["famille"] == "Outils et usages") & (tendances["sens"] == "Out")])


@pytest.mark.parametrize(
    ("exercise", "right", "wrongs"),
    [
        ("sbf2014-in-out", dict(zip(TENDANCES["id"], TENDANCES["sens"])),
         [{i: "In" for i in TENDANCES["id"]}, ...]),
        ("sbf2014-outils-out", _outils_out(TENDANCES),
         [(TENDANCES["sens"] == "Out").sum(), (TENDANCES["famille"] == "Outils et usages").sum(), ...]),
        ("sbf2014-lecture-familles", "client-donnees", ["outils", "personnes", ...]),
        ("sbf2014-reclassement", "terrain", ["majorite", "outils-analyse", "rh", ...]),
    ],
)
def test_reference_answers_pass_and_starters_or_wrong_answers_fail(exercise, right, wrongs):
    assert corriger(exercise, right).juste, corriger(exercise, right).message
    for wrong in wrongs:
        result = corriger(exercise, wrong)
        assert not result.juste and result.message, (exercise, wrong)


def test_source_line_names_the_table_and_the_post_from_the_data():
    line = sbf2014.source_tendances()
    post = charger_table("billets").set_index("id").loc[sbf2014.BILLET]
    assert line.startswith("Source\u00a0:")
    assert "tendances_sbf2014" in line
    assert f"«\u00a0{post['titre']}\u00a0»" in line and post["auteur"] in line
