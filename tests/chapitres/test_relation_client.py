"""The « Relation client et social CRM » chapter: the waiting-time lab (Python and the
Vega expression computed in the browser agree), the drive counts, the exercises' keys
checked against data/ (each accepts the right answer and refuses a wrong one), and the
page's place in the book and in the CDO chapter's stead."""

from __future__ import annotations

import itertools
import re
from types import SimpleNamespace

import pytest
import yaml

from transfonum.chapitres.relation_client import comparaison, couverture as cc
from transfonum.chemins import RACINE
from transfonum.donnees import charger_table, provenance
from transfonum.exercices import corriger
from transfonum.exercices.cles import cles_du_kit

INSECABLE = "\u00a0"
PAGE = RACINE / "book" / "relation-client.md"
CDO = RACINE / "book" / "cdo.md"


@pytest.fixture(scope="module")
def chiffres():
    return charger_table("chiffres")


# --- the waiting-time lab ------------------------------------------------------------------

def test_office_hours_leave_most_complaints_waiting_more_than_an_hour():
    grille = cc.grille_hebdomadaire(9, 19, 5)
    attente = cc.attente_avant_ouverture(grille).set_axis(pd_index(grille))
    # Friday 19 h waits until Monday 9 h; Monday 8 h waits one hour; a covered hour waits none.
    assert attente[("vendredi", 19)] == 3 * 24 + 9 - 19
    assert attente[("lundi", 8)] == 1
    assert attente[("samedi", 12)] == 2 * 24 + 9 - 12
    assert attente[("mardi", 10)] == 0
    # 118 uncovered hours, minus the five hours just before an opening.
    assert cc.part_attente_longue(grille) == pytest.approx((168 - 50 - 5) / 168)
    # Four 14-hour nights and a 62-hour weekend: mean wait = sum(G²/2) / 168.
    assert cc.attente_moyenne(grille) == pytest.approx((4 * 14**2 / 2 + 62**2 / 2) / 168)


def pd_index(grille):
    return list(zip(grille["jour"], grille["heure"]))


def test_round_the_clock_service_leaves_no_one_waiting():
    grille = cc.grille_hebdomadaire(0, 24, 7)
    assert cc.part_attente_longue(grille) == 0 and cc.attente_moyenne(grille) == 0
    assert set(cc.etats_attente(grille)) == {cc.ETATS_ATTENTE[0]}


def test_the_three_states_follow_the_wait():
    etats = cc.etats_attente(cc.grille_hebdomadaire(9, 19, 5))
    assert list(etats.value_counts().reindex(cc.ETATS_ATTENTE)) == [50, 5, 113]


def test_a_grid_with_no_covered_hour_or_the_wrong_length_is_refused_in_french():
    grille = cc.grille_hebdomadaire(9, 19, 5)
    vide = grille.assign(couvert=False)
    with pytest.raises(ValueError, match="aucune heure couverte"):
        cc.attente_avant_ouverture(vide)
    with pytest.raises(ValueError, match="168 heures"):
        cc.part_attente_longue(grille.head(100))


@pytest.mark.parametrize(("debut", "fin", "jours"), [
    (debut, fin, jours)
    for debut, fin, jours in itertools.product(range(0, 24, 2), range(1, 25, 3), range(1, 8))
    if debut < fin
])
def test_the_browser_expression_computes_what_python_computes(debut, fin, jours):
    grille = cc.grille_hebdomadaire(debut, fin, jours)
    attendu = cc.attente_avant_ouverture(grille)
    expression = cc.expression_attente()
    for (_, ligne), valeur in zip(grille.iterrows(), attendu):
        datum = SimpleNamespace(ordre_jour=ligne["ordre_jour"], heure=ligne["heure"])
        calcule = eval(expression, {"datum": datum, "debut": debut, "fin": fin, "jours": jours})  # noqa: S307
        assert calcule == valeur, (ligne["jour"], ligne["heure"])


def test_the_expression_uses_only_what_vega_and_python_share():
    expression = cc.expression_attente()
    assert "?" not in expression and "&&" not in expression and "if" not in expression


def test_the_explorer_binds_three_sliders_and_starts_from_the_data(chiffres):
    valeurs = chiffres.set_index("id")["valeur"]
    depart = tuple(int(valeurs[f"c-sg-etvous-{s}"]) for s in cc.SUFFIXES)
    spec = cc.graphique_explorateur(depart, 0.72).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == {"debut", "fin", "jours"}
    assert all(p["bind"]["input"] == "range" for p in params.values())
    assert (params["debut"]["value"], params["fin"]["value"], params["jours"]["value"]) == depart
    texte = str(spec["vconcat"][0])
    assert "Horaires impossibles" in texte and "0.7200" in texte
    assert spec["vconcat"][0]["width"] <= 260  # fits a 390 px phone with the day labels


@pytest.mark.parametrize(("depart", "part", "fragment"), [
    ((19, 9, 5), 0.72, "horaires impossibles"), ((9, 19, 0), 0.72, "de 1 à 7"),
    ((9, 19, 5), 72, "entre 0 et 1"),
])
def test_the_explorer_refuses_bad_settings_in_french(depart, part, fragment):
    with pytest.raises(ValueError, match=fragment):
        cc.graphique_explorateur(depart, part)


def test_the_explorer_description_gives_the_starting_values():
    texte = cc.description_explorateur((9, 19, 5), 0.72)
    assert f"50 heures sur 168 (30{INSECABLE}%)" in texte
    assert f"67{INSECABLE}% des plaintes attendent plus d'une heure" in texte
    assert f"13,8{INSECABLE}h" in texte
    assert f"48{INSECABLE}% des plaintes" in texte


# --- drive counts ---------------------------------------------------------------------------

def test_drive_counts_have_unique_labels_and_frame_the_cited_figure(chiffres):
    lignes = comparaison.recensements(charger_table("drives_recensements"))
    assert lignes["etiquette"].is_unique
    cite = chiffres.set_index("id").loc["c-drives-france", "valeur"]
    assert lignes["nombre"].min() < cite < lignes["nombre"].max()
    texte = comparaison.description_recensements(lignes, provenance.cite("c-drives-france", chiffres))
    assert all(t in texte for t in lignes["texte"])
    spec = comparaison.graphique_recensements(lignes, cite).to_dict()
    assert spec["layer"][0]["encoding"]["x"]["stack"] is None


def test_the_lsa_count_is_the_same_in_both_tables(chiffres):
    """The LSA count of 1 June 2013 sits in chiffres (valeur_originale) and in
    drives_recensements: the two must not drift apart."""
    drives = charger_table("drives_recensements").set_index("id")
    assert chiffres.set_index("id").loc["c-drives-france", "valeur_originale"] == drives.loc["dr-lsa-juin-2013", "nombre"]


def test_an_empty_drive_table_is_refused():
    with pytest.raises(ValueError, match="aucun décompte"):
        comparaison.recensements(charger_table("drives_recensements").head(0))


# --- exercises ------------------------------------------------------------------------------

KEYS = {i: k for i, k in cles_du_kit().items() if k.chapter == "relation-client"}
HORAIRE = re.compile(r"de (\d+)\s?h à (\d+)\s?h")


def test_the_chapter_keeps_the_existing_ids_and_has_exercises_of_several_shapes():
    assert {"twitter-plainte-base", "drives-lsa-2013", "sg-etvous-couverture"} <= set(KEYS)
    assert {k.type for k in KEYS.values()} == {"numeric", "choice", "classification"}
    assert "cdo-sg-couverture" not in cles_du_kit()


def test_the_schedule_exercise_agrees_with_the_grid():
    exercice = KEYS["attente-plus-une-heure"]
    sous_la_moitie = set()
    for cid, libelle in exercice.choices.items():
        debut, fin = (int(h) for h in HORAIRE.search(libelle.replace(INSECABLE, " ")).groups())
        jours = 7 if libelle.startswith("Tous les jours") else 5
        if cc.part_attente_longue(cc.grille_hebdomadaire(debut, fin, jours)) < 0.5:
            sous_la_moitie.add(cid)
    assert sous_la_moitie == {exercice.expected}


def test_the_listings_exercise_rests_on_the_data(chiffres):
    lignes = chiffres.set_index("id")
    assert "Annonces" in lignes.loc["c-airbnb-chambres", "population_originale"]
    assert lignes.loc["c-airbnb-chambres", "statut"] == "differe"
    assert lignes.loc["c-accor-chambres", "statut"] == "confirme"
    assert KEYS["annonces-chambres"].expected == "unites"


@pytest.mark.parametrize(("identifiant", "juste", "faux"), [
    ("attente-plus-une-heure", "sept-jours-etendu", "sg"),
    ("annonces-chambres", "unites", "accor-faux"),
    ("crm-information-perdue",
     {"noms": "crm", "fonctions": "crm", "opportunites": "crm", "tonalite": "courriel", "suites": "courriel"},
     {"noms": "crm", "fonctions": "crm", "opportunites": "crm", "tonalite": "crm", "suites": "courriel"}),
    ("memo-compte-service",
     {"afficher-heures": "horaires", "astreinte-weekend": "horaires", "professionnel": "ton",
      "pas-publicite": "ton", "panne-technique": "escalade", "fiche-client": "escalade"},
     {"afficher-heures": "horaires", "astreinte-weekend": "escalade", "professionnel": "ton",
      "pas-publicite": "ton", "panne-technique": "escalade", "fiche-client": "escalade"}),
    ("sg-etvous-couverture", "jeudi-soir", "samedi"),
])
def test_the_checker_accepts_the_answer_and_refuses_a_wrong_one(identifiant, juste, faux):
    assert corriger(identifiant, juste).juste
    verdict = corriger(identifiant, faux)
    assert not verdict.juste and verdict.message


def test_the_case_memo_is_labelled_fictional():
    assert "inventée par le kit" in KEYS["memo-compte-service"].statement
    page = PAGE.read_text(encoding="utf-8")
    assert "Cas fictif, inventé par le kit" in page


# --- the page and the CDO chapter -----------------------------------------------------------

def test_the_page_sits_between_the_rse_and_cdo_chapters():
    toc = yaml.safe_load((RACINE / "_toc.yml").read_text(encoding="utf-8"))
    pages = [c["file"] for c in toc["parts"][0]["chapters"]]
    assert pages.index("book/rse") + 1 == pages.index("book/relation-client") == pages.index("book/cdo") - 1


def test_every_exercise_of_the_chapter_is_on_the_page():
    page = PAGE.read_text(encoding="utf-8")
    on_page = set(re.findall(r"\{notebook-exercice\}`([^`]+)`", page))
    assert on_page == set(KEYS)
    self_checks = set(re.findall(r"```\{autoevaluation\} (\S+)", page))
    assert self_checks == set(KEYS)  # each one is also corrected in the browser


def test_the_customer_cases_left_the_cdo_chapter():
    cdo = CDO.read_text(encoding="utf-8")
    for moved in ("c-sg-etvous", "c-cafes", "c-pmu-paris-smartphone", "c-twitter-plainte-une-heure",
                  "c-bouygues-supervision", "couverture", "comparaison", "recommandations_kea_nurun"):
        assert moved not in cdo, moved
    assert "{doc}`relation-client`" in cdo
    assert len(cdo.split()) <= 3000
