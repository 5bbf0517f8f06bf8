"""Bars of cited figures of one unit (transfonum.chapitres.relation_client.comparaison), used for the cafés."""

from __future__ import annotations

import pytest

from transfonum.donnees import provenance

from transfonum.chapitres.relation_client import comparaison
from transfonum.donnees import charger_table

INSECABLE = "\u00a0"
CAFES = ["c-cafes-autrefois", "c-cafes-aujourdhui"]


@pytest.fixture(scope="module")
def chiffres():
    return charger_table("chiffres")


def test_selection_keeps_order_cites_values_and_wraps_labels(chiffres):
    lignes = comparaison.selection(chiffres, CAFES, prefixe="Cafés en France ")
    assert list(lignes["id"]) == CAFES
    valeurs = chiffres.set_index("id").loc[CAFES, "valeur"]
    assert list(lignes["valeur"]) == list(valeurs)
    # The post gives « 300 000 » and « 50 000 » unhedged: the labels say so, no « environ ».
    assert list(lignes["texte"]) == [provenance.cite(i, chiffres) for i in CAFES]
    assert not any("environ" in t for t in lignes["texte"])
    for etiquette in lignes["etiquette"]:
        assert not etiquette.startswith("Cafés en France")
        assert etiquette[0].isupper()
        assert all(len(ligne) <= comparaison.LARGEUR_ETIQUETTE for ligne in etiquette.split("|"))


def test_unknown_ids_are_named(chiffres):
    with pytest.raises(KeyError, match="c-cafes-inexistant"):
        comparaison.selection(chiffres, ["c-cafes-autrefois", "c-cafes-inexistant"])


def test_figures_of_different_units_are_refused(chiffres):
    with pytest.raises(ValueError, match="même unité.*nombre.*pourcent"):
        comparaison.selection(chiffres, ["c-cafes-autrefois", "c-pmu-paris-smartphone"])


def test_chart_writes_the_cited_value_and_description_gives_the_status(chiffres):
    lignes = comparaison.selection(chiffres, CAFES, prefixe="Cafés en France ")
    spec = comparaison.graphique_barres(lignes, titre_axe="Cafés").to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "text"]
    assert spec["layer"][1]["encoding"]["text"]["field"] == "texte"
    texte = comparaison.description(lignes)
    assert texte.count("non vérifié") == 2
    for cite in lignes["texte"]:
        assert cite in texte
