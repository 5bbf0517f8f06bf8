"""The generation Y chapter's helpers: the cross-table of the accompagnement_numerique
table, the square grid, the confidence interval and the margin explorer."""

from __future__ import annotations

import pandas as pd
import pytest

from transfonum.chapitres import generation_y as gy
from transfonum.donnees import charger_table

NB = "\u00a0"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return charger_table(gy.TABLE)


def test_croisement_has_every_cell_and_counts_every_row(table):
    data = gy.croisement(table)
    assert len(data) == len(gy.NATURES) * len(gy.CRITERES)
    assert data["nombre"].sum() == len(table)
    direct = table[(table["nature"] == "constat") & (table["public_defini_par"] == "age")]
    cell = data[(data["nature"] == "constat") & (data["critere"] == "age")]["nombre"].item()
    assert cell == len(direct) > 0


def test_croisement_keeps_empty_cells_as_zeros():
    tiny = pd.DataFrame({"id": ["a", "b"], "nature": ["mesure", "mesure"], "public_defini_par": ["role", "role"]})
    data = gy.croisement(tiny).set_index(["nature", "critere"])["nombre"]
    assert data[("mesure", "role")] == 2
    assert data[("mesure", "age")] == 0
    assert data[("constat", "age")] == 0


def test_croisement_rejects_a_missing_column_in_french():
    with pytest.raises(ValueError, match=f"colonne\\(s\\) manquante\\(s\\){NB}: public_defini_par"):
        gy.croisement(pd.DataFrame({"id": ["a"], "nature": ["mesure"]}))


def test_croisement_rejects_an_unknown_value_and_names_it():
    bad = pd.DataFrame({"id": ["a"], "nature": ["rumeur"], "public_defini_par": ["age"]})
    with pytest.raises(ValueError, match="«\u00a0nature\u00a0».*rumeur"):
        gy.croisement(bad)


def test_croisement_chart_draws_the_zeros_too(table):
    spec = gy.graphique_croisement(table).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == len(gy.NATURES) * len(gy.CRITERES)
    assert any(r["nombre"] == 0 for r in rows)


@pytest.mark.parametrize("pourcent, colores", [(17, 17), (0, 0), (100, 100), (12.4, 12)])
def test_grille_colours_the_share(pourcent, colores):
    rows = next(iter(gy.graphique_grille(pourcent, "oui", "non").to_dict()["datasets"].values()))
    assert len(rows) == 100
    assert sum(r["groupe"] == "oui" for r in rows) == colores


@pytest.mark.parametrize("pourcent", [-1, 101])
def test_grille_refuses_a_share_outside_0_100(pourcent):
    with pytest.raises(ValueError, match="entre 0 et 100"):
        gy.graphique_grille(pourcent, "oui", "non")


def test_intervalle_is_centred_and_narrows_with_the_sample():
    low, high = gy.intervalle(17, 500)
    assert low == pytest.approx(13.7, abs=0.05) and high == pytest.approx(20.3, abs=0.05)
    assert (low + high) / 2 == pytest.approx(17)
    low_big, high_big = gy.intervalle(17, 5000)
    assert high_big - low_big < high - low


def test_intervalle_is_clipped_at_zero():
    low, _ = gy.intervalle(1, 20)
    assert low == 0


def test_intervalle_refuses_an_empty_sample():
    with pytest.raises(ValueError):
        gy.intervalle(17, 0)


def test_explorer_binds_a_slider_used_by_the_chosen_interval():
    spec = gy.graphique_marge(17, depart=500).to_dict()
    params = [p for p in spec.get("params", []) if p["name"] == "taille"]
    assert params and params[0]["bind"]["input"] == "range" and params[0]["value"] == 500
    chosen = [layer for layer in spec["layer"]
              if any(t.get("calculate") == "taille" for t in layer.get("transform", []))]
    assert len(chosen) == 2  # the bar and its label both follow the slider


def test_explorer_refuses_a_start_off_the_slider():
    with pytest.raises(ValueError, match="pas sur le curseur"):
        gy.graphique_marge(17, depart=123)
