"""Le chapitre « Social business » : jointure des deux vagues MIT SMR/Deloitte,
graphiques, entonnoir du livre blanc, grille des causes, encadrés de vérification, et
cohérence entre ses clés d'exercice et les données."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from transfonum.chapitres import social_business as sb
from transfonum.donnees import charger_table
from transfonum.exercices import corriger
from transfonum.exercices.cles import DOSSIER_CLES

CHIFFRES = charger_table("chiffres")
VAGUES = charger_table("social_business_vagues")
CAUSES = charger_table("causes_essoufflement")
ETUDES = charger_table("etudes").set_index("id")
FUSION = sb.fusion_vagues(VAGUES, CHIFFRES)
KEYS = {e["id"]: e for e in json.loads((DOSSIER_CLES / "social-business.json").read_text(encoding="utf-8"))["exercises"]}


# --- Données -----------------------------------------------------------------------

def test_every_figure_of_the_two_mit_posts_is_described_once():
    cites = CHIFFRES[CHIFFRES["billet_id"].isin(["b-mit-deloitte-2012", "b-maturite-social-business"])]
    assert set(VAGUES["chiffre_id"]) == set(cites["id"])
    assert VAGUES["chiffre_id"].is_unique


def test_each_wave_is_the_year_of_its_study():
    for row in FUSION.itertuples():
        etude_id = CHIFFRES.set_index("id").loc[row.chiffre_id, "etude_id"]
        assert ETUDES.loc[etude_id, "annee"] == row.vague


def test_the_kit_grid_is_labelled_as_the_kit_s_in_the_schema():
    from transfonum.donnees import ressource

    fields = {f["name"]: f for f in ressource("causes_essoufflement")["schema"]["fields"]}
    for name in ("levier", "horizon"):
        assert "Grille de lecture du kit" in fields[name]["description"]


# --- Jointure et comparaison -------------------------------------------------------

def test_fusion_carries_each_figure_value_from_chiffres():
    valeurs = CHIFFRES.set_index("id")["valeur"]
    assert len(FUSION) == len(VAGUES)
    for row in FUSION.itertuples():
        assert row.valeur == valeurs[row.chiffre_id]
    assert list(FUSION["vague"]) == sorted(FUSION["vague"])


def test_fusion_names_a_missing_figure_in_french():
    chiffres = CHIFFRES[CHIFFRES["id"] != "c-mit2014-innovation"]
    with pytest.raises(KeyError, match="c-mit2014-innovation") as err:
        sb.fusion_vagues(VAGUES, chiffres)
    assert "chiffres" in str(err.value) and "absente" in str(err.value)


@pytest.mark.parametrize(
    ("mutation", "named"),
    [
        (lambda t: t.drop(columns="domaine"), "domaine"),
        (lambda t: t.assign(vague=t["vague"].replace(2014, 2013)), "2013"),
    ],
)
def test_bad_wave_tables_get_a_french_message_naming_the_problem(mutation, named):
    with pytest.raises(ValueError, match="social_business_vagues") as err:
        sb.fusion_vagues(mutation(VAGUES.copy()), CHIFFRES)
    assert named in str(err.value)


def test_comparison_keeps_every_domain_and_leaves_absent_waves_empty():
    table = sb.comparaison_domaines(FUSION).set_index("domaine")
    assert list(table.index) == sb.domaines()
    assert list(table.columns) == list(sb.VAGUES)
    complets = table.dropna()
    assert set(complets.index) == {"Innovation", "Salariés et talents"}
    assert math.isnan(table.loc["Relation client", 2014])
    assert math.isnan(table.loc["Impact d'ensemble", 2012])


# --- Graphiques ----------------------------------------------------------------------

def _valeurs(spec: dict) -> list[dict]:
    return spec["datasets"][next(iter(spec["datasets"]))]


def test_wave_chart_lists_2012_first_then_2014_and_colours_the_base():
    spec = sb.graphique_vagues(FUSION).to_dict()
    values = _valeurs(spec)
    assert [v["vague"] for v in values] == sorted(v["vague"] for v in values)
    (barres, _textes) = spec["layer"]
    y = spec["encoding"]["y"] if "encoding" in spec else barres["encoding"]["y"]
    assert y["sort"] == [v["barre"] for v in values]
    couleur = barres["encoding"]["color"]
    assert couleur["field"] == "base"
    assert couleur["scale"]["domain"] == list(sb.COULEURS_BASE)
    assert barres["encoding"]["x"]["scale"]["domain"] == [0, 100]


def test_only_the_mature_firms_bar_has_the_second_colour():
    matures = FUSION[FUSION["base"] != "Ensemble des répondants"]
    assert list(matures["chiffre_id"]) == ["c-mit2014-impact-positif"]


def test_wave_description_gives_every_value_and_base_with_french_spacing():
    text = sb.description_vagues(FUSION)
    for row in FUSION.itertuples():
        assert f"{row.domaine.lower()} {int(row.valeur)}\u00a0%" in text
    assert "entreprises matures seulement" in text
    assert " :" not in text and " ;" not in text


def test_explorer_binds_a_dropdown_of_domains_and_shows_the_wording():
    spec = sb.graphique_explorateur(FUSION).to_dict()
    (param,) = spec["params"]
    assert param["bind"]["input"] == "select"
    assert param["bind"]["options"] == [sb.TOUS, *sb.domaines()]
    assert param["value"] == sb.DOMAINE_DEPART in sb.domaines()
    barres, fiches = spec["vconcat"]
    for vue in (barres, fiches):
        (filtre,) = [t["filter"] for t in vue["transform"] if "filter" in t]
        assert param["name"] in filtre and "datum.domaine" in filtre
    values = _valeurs(spec)
    for value, row in zip(values, sb._etiquettes(FUSION).itertuples()):
        assert "Question d'origine" in value["fiche"]
        assert row.question_origine.split()[0] in value["fiche"]


# --- Entonnoir -----------------------------------------------------------------------

def test_funnel_rates_follow_the_author_counters():
    table = sb.entonnoir(CHIFFRES)
    valeurs = CHIFFRES.set_index("id")["valeur"]
    vues, dl = (valeurs[i] for _, i in sb.ETAPES_ENTONNOIR)
    assert math.isnan(table.loc[0, "taux_etape"])
    assert table.loc[1, "taux_etape"] == pytest.approx(dl / vues * 100)
    assert table.loc[1, "taux_depart"] == pytest.approx(dl / vues * 100)
    assert set(table["approximation"]) == {"environ"}


def test_the_print_version_is_not_a_funnel_step():
    # Le billet compte la « version print » en plus des téléchargements : pas une étape.
    assert "c-livre-blanc-print" not in [i for _, i in sb.ETAPES_ENTONNOIR]


def test_funnel_names_a_missing_counter():
    with pytest.raises(KeyError, match="c-livre-blanc-telechargements"):
        sb.entonnoir(CHIFFRES[CHIFFRES["id"] != "c-livre-blanc-telechargements"])


# --- Causes ----------------------------------------------------------------------------

def test_cause_grid_places_each_cause_once():
    grille = sb.grille_causes(CAUSES)
    cases = " ; ".join(grille.to_numpy().ravel()).replace("\u00a0", " ")
    for cause in CAUSES["cause"]:
        assert cases.count(cause) == 1
    for row in CAUSES.itertuples():
        assert row.cause in grille.loc[row.levier, row.horizon]


def test_cause_grid_rejects_an_unknown_lever_in_french():
    bad = CAUSES.assign(levier=CAUSES["levier"].replace("entreprise", "interne"))
    with pytest.raises(ValueError, match="causes_essoufflement") as err:
        sb.grille_causes(bad)
    assert "interne" in str(err.value) and "levier" in str(err.value)


# --- Encadrés de vérification ------------------------------------------------------------

@pytest.mark.parametrize("vague", sb.VAGUES)
def test_wave_box_lists_its_figures_study_and_status(vague):
    text = sb.encadre_vague(vague, FUSION).data
    lignes = FUSION[FUSION["vague"] == vague]
    for valeur in lignes["valeur"]:
        assert f"{int(valeur)}\u00a0%" in text
    etude_id = CHIFFRES.set_index("id").loc[lignes["chiffre_id"].iloc[0], "etude_id"]
    assert ETUDES.loc[etude_id, "titre"] in text
    assert "non vérifié" in text
    assert text.startswith("````{admonition} Vérifier le chiffre")


def test_the_2014_box_says_the_sample_size_was_not_found():
    assert "Taille non trouvée" in sb.encadre_vague(2014, FUSION).data
    assert "Échantillon" not in sb.encadre_vague(2012, FUSION).data  # taille connue : dans la source


def test_unknown_wave_box_is_refused_in_french():
    with pytest.raises(ValueError, match="vague inconnue"):
        sb.encadre_vague(2013, FUSION)


# --- Clés d'exercice ----------------------------------------------------------------------

def test_pandas_key_matches_the_largest_gap_computed_from_the_data():
    table = sb.comparaison_domaines(FUSION).set_index("domaine").dropna()
    plus_grand = (table[2014] - table[2012]).idxmax()
    labels = {c["id"]: c["label"] for c in KEYS["sb-vagues-ecart"]["choices"]}
    assert labels[KEYS["sb-vagues-ecart"]["expected"]] == plus_grand


def test_chart_reading_key_is_the_only_bar_on_mature_firms():
    labels = {c["id"]: c["label"] for c in KEYS["sb-vagues-lecture"]["choices"]}
    attendu = labels[KEYS["sb-vagues-lecture"]["expected"]]
    (matures,) = FUSION.loc[FUSION["base"] == "Entreprises matures seulement", "domaine"]
    assert attendu.startswith(matures)


def test_funnel_key_matches_the_computed_rate_and_its_trap():
    table = sb.entonnoir(CHIFFRES)
    assert table.loc[1, "taux_etape"] < 2  # « moins de deux » pour cent consultations
    assert KEYS["sb-entonnoir"]["expected"] == "moins-de-deux"
    valeurs = CHIFFRES.set_index("id")["valeur"]
    piege = valeurs["c-livre-blanc-print"] / valeurs["c-livre-blanc-telechargements"] * 100
    assert round(piege) == 33  # le piège « environ trente-trois » : la version print, hors entonnoir


@pytest.mark.parametrize("identifiant", [k for k, v in KEYS.items() if v["type"] == "choice"])
def test_choice_keys_accept_the_answer_and_refuse_every_other_choice_with_its_message(identifiant):
    key = KEYS[identifiant]
    assert corriger(identifiant, key["expected"]).juste
    for choice in key["choices"]:
        if choice["id"] == key["expected"]:
            continue
        verdict = corriger(identifiant, choice["id"])
        assert not verdict.juste
        if choice["id"] in key.get("choice_feedback", {}):
            assert key["choice_feedback"][choice["id"]].split(":")[0].strip() in verdict.message


def test_cause_classification_accepts_the_data_and_refuses_one_swap():
    juste = dict(zip(CAUSES["id"], CAUSES["levier"]))
    assert corriger("sb-causes-levier", juste).juste
    faux = {**juste, "ce-court-terme": "entreprise"}
    verdict = corriger("sb-causes-levier", faux)
    assert not verdict.juste
    assert "La contrainte du court terme" in verdict.message and "1 élément mal placé" in verdict.message


def test_edenred_key_still_accepts_the_original_and_refuses_the_post_value():
    ligne = CHIFFRES.set_index("id").loc["c-edenred-ipsos-heureux"]
    assert corriger("edenred-souvent-heureux", ligne["valeur_originale"]).juste
    verdict = corriger("edenred-souvent-heureux", ligne["valeur"])
    assert not verdict.juste and "valeur_originale" in verdict.message


def test_no_key_types_a_source_figure_in_its_statement():
    for key in KEYS.values():
        if key["id"] == "sb-critique-impact":
            continue  # la diapositive fictive cite le chiffre qu'il faut critiquer
        for value in CHIFFRES.loc[CHIFFRES["billet_id"].isin(
            ["b-mit-deloitte-2012", "b-maturite-social-business", "b-quatre-ans-blog"]), "valeur"]:
            assert f"{int(value)} %" not in key["statement"]
            assert f"{int(value):,}".replace(",", " ") not in key["statement"] or value < 1000


def test_pandas_solution_of_the_notebook_runs_on_the_data():
    fusion = VAGUES.merge(CHIFFRES[["id", "valeur"]], left_on="chiffre_id", right_on="id", suffixes=("", "_chiffre"))
    tableau = fusion.pivot(index="domaine", columns="vague", values="valeur").dropna()
    assert isinstance(tableau, pd.DataFrame) and len(tableau) == 2


def test_cause_key_feedback_counts_the_causes_of_the_grid():
    en_lettres = {4: "Quatre"}
    n = int((CAUSES["levier"] == "entreprise").sum())
    assert KEYS["sb-causes-levier"]["feedback"]["right"].startswith(f"{en_lettres[n]} causes sur six")
