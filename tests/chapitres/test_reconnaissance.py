"""Le chapitre « Reconnaissance, motivation et nouveaux leaders » : le baromètre
Edenred–Ipsos, la réciprocité du réseau synthétique, la carte des leaders, et la
cohérence entre ce que disent la page et les clés d'exercice et ce que donnent les
données."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from transfonum.chapitres import reconnaissance as rc
from transfonum.donnees import charger_table
from transfonum.exercices import corriger
from transfonum.exercices.cles import DOSSIER_CLES

CHIFFRES = charger_table("chiffres")
BAROMETRE = charger_table("barometre_edenred")
MESSAGES = charger_table("rse_messages")
COMMENTAIRES = charger_table("rse_commentaires")
PERSONNES = charger_table("rse_personnes")
LEADERS = charger_table("leaders_billets")
BILLETS = charger_table("billets")
KEYS = {e["id"]: e for e in json.loads((DOSSIER_CLES / "reconnaissance.json").read_text(encoding="utf-8"))["exercises"]}
LIENS = rc.liens(MESSAGES, COMMENTAIRES)


# --- Le baromètre -----------------------------------------------------------------------------


def test_the_cited_measure_takes_its_value_from_chiffres_not_from_a_copy():
    serie = rc.serie_barometre(BAROMETRE, CHIFFRES).set_index("id")
    original = CHIFFRES.set_index("id").loc[rc.CHIFFRE_EDENRED, "valeur_originale"]
    assert serie.loc["be-souvent-heureux-2011", "valeur"] == original
    assert pd.isna(BAROMETRE.set_index("id").loc["be-souvent-heureux-2011", "valeur"])
    assert serie.loc["be-souvent-heureux-2011", "cite_par_le_billet"]


def test_what_the_page_says_of_the_barometer_holds():
    """La page dit : la borne du billet est respectée, et la mesure baisse d'une édition à l'autre."""
    serie = rc.serie_barometre(BAROMETRE, CHIFFRES).set_index("id")
    cite = CHIFFRES.set_index("id").loc[rc.CHIFFRE_EDENRED]
    assert cite["approximation"] == "moins_de" and cite["formulation"] == "moins d'un tiers"
    assert serie.loc["be-souvent-heureux-2011", "valeur"] < cite["valeur"]
    assert serie.loc["be-souvent-heureux-2010", "valeur"] > serie.loc["be-souvent-heureux-2011", "valeur"]
    assert "souvent" in cite["population_originale"] and "souvent" not in cite["libelle"]


@pytest.mark.parametrize(
    ("mutation", "named"),
    [
        (lambda b: b.assign(valeur=b["valeur"].fillna(12.0)), "pas les deux"),
        (lambda b: b.assign(valeur=None, chiffre_id=None), "soit une valeur"),
    ],
)
def test_a_barometer_row_needs_exactly_one_value(mutation, named):
    with pytest.raises(ValueError, match="barometre_edenred") as err:
        rc.serie_barometre(mutation(BAROMETRE.copy()), CHIFFRES)
    assert named in str(err.value)


def test_an_unknown_figure_is_named_in_french():
    bad = BAROMETRE.assign(chiffre_id=BAROMETRE["chiffre_id"].where(BAROMETRE["chiffre_id"].isna(), "c-inconnu"))
    with pytest.raises(KeyError, match="c-inconnu"):
        rc.serie_barometre(bad, CHIFFRES)


def test_barometer_chart_draws_the_post_bound_as_a_dashed_rule():
    spec = rc.graphique_barometre(rc.serie_barometre(BAROMETRE, CHIFFRES), CHIFFRES).to_dict()
    rules = [layer for layer in spec["layer"] if layer["mark"] in ("rule", {"type": "rule"})
             or (isinstance(layer["mark"], dict) and layer["mark"].get("type") == "rule")]
    assert len(rules) == 1
    values = [v for data in spec["datasets"].values() for v in data if "valeur" in v]
    assert CHIFFRES.set_index("id").loc[rc.CHIFFRE_EDENRED, "valeur"] in {v["valeur"] for v in values}
    assert "souvent" in rc.description_barometre(rc.serie_barometre(BAROMETRE, CHIFFRES), CHIFFRES)


# --- La réciprocité ---------------------------------------------------------------------------


def _petit_reseau():
    messages = pd.DataFrame({"id": ["m1", "m2", "m3", "m4"], "auteur_id": ["A", "B", "C", "A"]})
    commentaires = pd.DataFrame({
        "id": ["k1", "k2", "k3", "k4", "k5"],
        "message_id": ["m2", "m1", "m3", "m4", "m1"],
        "auteur_id": ["A", "B", "A", "A", "B"],  # k4 : A sous son propre message, ignoré
        "phase": ["croisiere"] * 5,
    })
    return messages, commentaires


def test_links_count_comments_and_drop_self_comments():
    messages, commentaires = _petit_reseau()
    table = rc.liens(messages, commentaires).set_index(["donneur", "destinataire"])["commentaires"]
    assert table.to_dict() == {("A", "B"): 1, ("A", "C"): 1, ("B", "A"): 2}


def test_reciprocity_of_a_hand_made_network():
    messages, commentaires = _petit_reseau()
    croisiere = rc.reciprocite(rc.liens(messages, commentaires)).set_index("phase").loc["croisiere"]
    assert (croisiere["liens"], croisiere["liens_rendus"]) == (3, 2)
    assert croisiere["part"] == pytest.approx(2 / 3)


def test_links_keep_every_comment_of_the_data_except_self_comments():
    auteurs = MESSAGES.set_index("id")["auteur_id"]
    soi = (COMMENTAIRES["message_id"].map(auteurs) == COMMENTAIRES["auteur_id"]).sum()
    assert LIENS["commentaires"].sum() == len(COMMENTAIRES) - soi


@pytest.mark.parametrize(
    ("mutation", "error", "named"),
    [
        (lambda m, k: (m, k.drop(columns="phase")), ValueError, "phase"),
        (lambda m, k: (m, k.assign(phase="lancement")), ValueError, "lancement"),
        (lambda m, k: (m[m["id"] != k["message_id"].iloc[0]], k), KeyError, "rse_messages"),
    ],
)
def test_bad_network_tables_get_a_french_message(mutation, error, named):
    messages, commentaires = mutation(MESSAGES.copy(), COMMENTAIRES.copy())
    with pytest.raises(error) as err:
        rc.liens(messages, commentaires)
    assert named in str(err.value)


def test_random_draws_are_reproducible_and_keep_the_volume():
    a = rc.reciprocite_au_hasard(LIENS, PERSONNES, tirages=5)
    b = rc.reciprocite_au_hasard(LIENS, PERSONNES, tirages=5)
    pd.testing.assert_frame_equal(a, b)
    assert ((a["minimum"] <= a["moyenne"]) & (a["moyenne"] <= a["maximum"])).all()


def test_what_the_page_and_the_keys_say_of_reciprocity_holds():
    """La page dit que la part rendue monte d'une phase à l'autre et qu'en croisière elle
    tombe dans l'intervalle du hasard ; la clé de lecture attend « dans-le-hasard »."""
    observee = rc.reciprocite(LIENS).set_index("phase")
    hasard = rc.reciprocite_au_hasard(LIENS, PERSONNES).set_index("phase")
    parts = observee.loc[list(rc.PHASES), "part"].tolist()
    assert parts == sorted(parts)
    assert hasard.loc["croisiere", "minimum"] <= observee.loc["croisiere", "part"] <= hasard.loc["croisiere", "maximum"]
    assert KEYS["reconnaissance-lecture-hasard"]["expected"] == "dans-le-hasard"


def test_the_comments_table_cannot_hold_replies_to_replies():
    """La page dit qu'un commentaire renvoie toujours à un message : aucune réponse à une réponse."""
    assert set(COMMENTAIRES["message_id"]) <= set(MESSAGES["id"])
    assert not COMMENTAIRES["message_id"].str.startswith("k-").any()


def test_correlation_key_matches_the_data_both_ways():
    """La clé attend « forte » : la corrélation calculée comme dans le corrigé dépasse 0,7,
    et le bilan du module donne la même valeur."""
    echanges = COMMENTAIRES.merge(MESSAGES[["id", "auteur_id"]], left_on="message_id", right_on="id",
                                  suffixes=("", "_message"))
    echanges = echanges[echanges["auteur_id"] != echanges["auteur_id_message"]]
    membres = pd.concat({"donnes": echanges.groupby("auteur_id").size(),
                         "recus": echanges.groupby("auteur_id_message").size()}, axis=1).fillna(0)
    correlation = membres["donnes"].corr(membres["recus"])
    assert correlation > 0.7
    bilan = rc.bilan_personnes(LIENS, PERSONNES)
    toute = bilan[bilan["periode"] == rc.TOUTE_LA_PERIODE]
    assert toute["donnes"].corr(toute["recus"]) == pytest.approx(correlation)
    assert KEYS["reconnaissance-donner-recevoir"]["expected"] == "forte"


def test_explorer_works_without_a_kernel_and_says_synthetic():
    spec = rc.graphique_explorateur(rc.bilan_personnes(LIENS, PERSONNES)).to_dict()
    params = spec.get("params", []) + [p for layer in spec["layer"] for p in layer.get("params", [])]
    assert [p["name"] for p in params] == ["periode_choisie"]
    assert params[0]["bind"]["input"] == "select"
    assert params[0]["bind"]["options"] == [rc.TOUTE_LA_PERIODE, *rc.PHASES.values()]
    assert "synthétiques" in rc.source_synthetique() and "synthétiques" in rc.DESCRIPTION_EXPLORATEUR


# --- La carte des leaders ---------------------------------------------------------------------


def test_leaders_map_has_one_row_per_actor_and_one_column_per_post():
    carte = rc.carte_leaders(LEADERS, BILLETS)
    assert len(carte) == LEADERS["acteur"].nunique()
    assert len(carte.columns) == LEADERS["billet_id"].nunique()
    assert (carte != "—").to_numpy().sum() == len(LEADERS.groupby(["acteur", "billet_id"]))


def test_what_the_page_says_of_the_map_holds():
    roles = LEADERS.groupby("acteur")
    # Aucun acteur n'est désigné comme meneur par plus d'un billet.
    meneurs = LEADERS[LEADERS["role"] == "mene"].groupby("acteur")["billet_id"].nunique()
    assert (meneurs <= 1).all()
    # L'informatique et l'encadrement changent de rôle d'un passage à l'autre.
    assert roles.get_group("informatique")["role"].nunique() == 2
    assert roles.get_group("encadrement")["role"].nunique() == 2
    # Seuls les salariés sont placés au même rôle par deux billets, et c'est un appui.
    meme_role = LEADERS.groupby(["acteur", "role"])["billet_id"].nunique()
    assert meme_role[meme_role >= 2].index.tolist() == [("salaries", "appuie")]
    # La direction n'apparaît qu'une fois, comme appui.
    assert roles.get_group("direction")["role"].tolist() == ["appuie"]


def test_bad_leaders_table_gets_a_french_message():
    with pytest.raises(ValueError, match="leaders_billets") as err:
        rc.carte_leaders(LEADERS.assign(role="dirige"), BILLETS)
    assert "dirige" in str(err.value)


def test_every_actor_and_post_of_the_map_has_a_label():
    assert set(LEADERS["acteur"]) <= set(rc.ACTEURS)
    assert set(LEADERS["billet_id"]) <= set(rc.TITRES_COURTS)


# --- Les clés ---------------------------------------------------------------------------------


def test_leaders_classification_accepts_the_table_and_rejects_a_flip():
    juste = dict(zip(LEADERS["id"], LEADERS["role"]))
    assert corriger("reconnaissance-carte-leaders", juste).juste
    faux = {**juste, "lb-finance": "mene"}
    verdict = corriger("reconnaissance-carte-leaders", faux)
    assert not verdict.juste


@pytest.mark.parametrize("ex_id", [i for i, e in KEYS.items() if e["type"] == "choice"])
def test_each_choice_exercise_accepts_its_answer_and_rejects_every_other(ex_id):
    key = KEYS[ex_id]
    assert corriger(ex_id, key["expected"]).juste
    for choice in key["choices"]:
        if choice["id"] != key["expected"]:
            verdict = corriger(ex_id, choice["id"])
            assert not verdict.juste
            attendu = key["choice_feedback"][choice["id"]][:30].replace("\u00a0", " ")
            assert attendu in verdict.message.replace("\u00a0", " ")


def test_no_key_types_a_figure_from_the_data():
    texte = (DOSSIER_CLES / "reconnaissance.json").read_text(encoding="utf-8")
    for valeur in (31, 37, 40, 52):
        assert f"{valeur} %" not in texte and f"{valeur}\u00a0%" not in texte
