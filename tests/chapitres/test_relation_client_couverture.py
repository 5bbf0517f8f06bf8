"""The weekly service-hours grid of the customer-relationship chapter
(transfonum.chapitres.relation_client.couverture), its waiting-time lab, and the
chart-reading exercise that relies on it."""

from __future__ import annotations

import pytest

from transfonum.chapitres.relation_client import couverture as cc
from transfonum.donnees import charger_table
from transfonum.exercices.cles import cles_du_kit

INSECABLE = "\u00a0"


def test_grid_has_one_cell_per_hour_of_the_week_and_covers_the_promised_span():
    grille = cc.grille_hebdomadaire(9, 19, 5)
    assert len(grille) == 7 * 24
    assert cc.heures_couvertes(grille) == 10 * 5
    assert cc.part_couverte(grille) == pytest.approx(50 / 168)

    def couvert(jour: str, heure: int) -> bool:
        return bool(grille[(grille["jour"] == jour) & (grille["heure"] == heure)]["couvert"].iloc[0])

    assert couvert("lundi", 9) and couvert("vendredi", 18)
    assert not couvert("lundi", 8) and not couvert("vendredi", 19) and not couvert("samedi", 12)
    assert set(grille["etat"]) == set(cc.ETATS)


def test_round_the_clock_service_covers_everything():
    grille = cc.grille_hebdomadaire(0, 24, 7)
    assert cc.part_couverte(grille) == 1


@pytest.mark.parametrize(
    ("debut", "fin", "jours", "fragment"),
    [(19, 9, 5, "horaires impossibles"), (9, 25, 5, "horaires impossibles"), (9, 9, 5, "horaires impossibles"),
     (9, 19, 0, "de 1 à 7"), (9, 19, 8, "de 1 à 7"), (9.5, 19, 5, "nombre entier"), (True, 19, 5, "nombre entier")],
)
def test_impossible_schedules_are_refused_in_french(debut, fin, jours, fragment):
    with pytest.raises(ValueError, match=fragment):
        cc.grille_hebdomadaire(debut, fin, jours)


def test_grid_reads_the_three_rows_of_the_figures_table():
    chiffres = charger_table("chiffres").set_index("id")["valeur"]
    grille = cc.grille_depuis_chiffres(charger_table("chiffres"), "c-sg-etvous")
    attendu = (chiffres["c-sg-etvous-heure-fin"] - chiffres["c-sg-etvous-heure-debut"]) * chiffres["c-sg-etvous-jours"]
    assert cc.heures_couvertes(grille) == attendu


def test_a_missing_row_is_named():
    chiffres = charger_table("chiffres")
    sans_fin = chiffres[chiffres["id"] != "c-sg-etvous-heure-fin"]
    with pytest.raises(KeyError, match="c-sg-etvous-heure-fin"):
        cc.grille_depuis_chiffres(sans_fin, "c-sg-etvous")


def test_chart_and_description_say_what_is_covered():
    grille = cc.grille_hebdomadaire(9, 19, 5)
    spec = cc.graphique_couverture(grille).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["y"]["sort"] == list(cc.JOURS)
    texte = cc.description(grille)
    assert f"du lundi au vendredi, de 9{INSECABLE}h à 19{INSECABLE}h" in texte
    assert f"50 heures sur 168 (30{INSECABLE}%)" in texte
    assert "à aucun moment" not in texte


# The chart-reading exercise « sg-etvous-couverture » (moved from the CDO chapter): each option is a moment of the week;
# exactly the expected one falls in a covered hour of the grid drawn from data/.
MOMENTS = {"samedi": ("samedi", 11), "mardi-matin": ("mardi", 8),
           "jeudi-soir": ("jeudi", 18), "vendredi-soir": ("vendredi", 19)}


def test_the_chart_reading_exercise_agrees_with_the_data():
    exercice = cles_du_kit()["sg-etvous-couverture"]
    assert set(exercice.choices) == set(MOMENTS)
    grille = cc.grille_depuis_chiffres(charger_table("chiffres"), "c-sg-etvous").set_index(["jour", "heure"])
    couverts = {cid for cid, moment in MOMENTS.items() if grille.loc[moment, "couvert"]}
    assert couverts == {exercice.expected}
    for cid, (jour, heure) in MOMENTS.items():
        assert jour in exercice.choices[cid].lower() and f"{heure}{INSECABLE}h" in exercice.choices[cid]
