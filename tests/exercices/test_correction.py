"""The checking API: reference answers pass, typical mistakes get a specific French
message, tolerant forms are read, and no input of any kind makes ``check`` raise."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from transfonum.donnees import charger_table
from transfonum.exercices import Verdict, corriger, identifiants
from transfonum.exercices.reponses import ErreurReponse, lire_nombre
from transfonum.exercices.cles import cles_du_kit, exporter_cles
from transfonum.exercices.texte import citer, normaliser

NB = "\u00a0"
KEYS = cles_du_kit()
SBF = charger_table("tendances_sbf2014")
EXPECTED_SBF = dict(zip(SBF["id"], SBF["sens"]))
THEMES = dict(zip(SBF["id"], SBF["theme"]))


def reference_answer(exercise_id: str) -> object:
    """The answer a student would give if right, built from the resolved key."""
    return KEYS[exercise_id].expected


# --- the keys' own answers ------------------------------------------------------------

@pytest.mark.parametrize("exercise_id", identifiants())
def test_reference_answer_passes(exercise_id):
    result = corriger(exercise_id, reference_answer(exercise_id))
    assert isinstance(result, Verdict)
    assert result.juste, result.message
    assert result.message.startswith(("Exact", "Tout est bien classé"))


def test_ids_lists_the_exercises_in_file_order():
    assert identifiants() == list(KEYS)
    assert len(identifiants()) >= 4
    assert len(set(identifiants())) == len(identifiants())


def test_expected_figures_are_read_from_data_not_retyped():
    chiffres = charger_table("chiffres").set_index("id")
    assert KEYS["chiffres-non-verifies"].expected == (chiffres["statut"] == "non_verifie").sum()
    assert KEYS["edenred-souvent-heureux"].expected == chiffres.loc["c-edenred-ipsos-heureux", "valeur_originale"]
    assert KEYS["drives-lsa-2013"].expected == chiffres.loc["c-drives-france", "valeur_originale"]
    assert KEYS["sbf2014-in-out"].expected == EXPECTED_SBF


# --- tolerant reading -----------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    "31 %", "31%", f"31{NB}%", "31", " 31 ", 31, 31.0, "31,0", "31.0", "30,6", "31,4 %",
    0.31, "0,31", "0.31", np.float64(31), Decimal("31"), Fraction(31, 100),
])
def test_percentage_forms_accepted(answer):
    result = corriger("edenred-souvent-heureux", answer)
    assert result.juste, (answer, result.message)


@pytest.mark.parametrize("answer", [
    "2482", " 2482 ", "2 482", f"2{NB}482", "2\u202f482", "2482,0", 2482, 2482.0,
    np.int64(2482), "+2482",
])
def test_thousands_forms_accepted(answer):
    result = corriger("drives-lsa-2013", answer)
    assert result.juste, (answer, result.message)


@pytest.mark.parametrize("text, value", [
    ("1 234,5", 1234.5), (f"1{NB}234,5", 1234.5), ("1\u202f234,5", 1234.5),
    ("18 000", 18000.0), ("80 %", 80.0), ("0,8", 0.8), (" 80 ", 80.0), ("\u22125", -5.0),
    (",5", 0.5),
])
def test_read_number_rules(text, value):
    assert lire_nombre(text).valeur == value


@pytest.mark.parametrize("text", ["1,234.5", "1 23", "12 34", "8O", "80 % %", "1e3", "inf", "nan", "--3", ""])
def test_read_number_refuses_ambiguous_or_malformed_text(text):
    with pytest.raises(ErreurReponse) as err:
        lire_nombre(text)
    assert "«" in str(err.value) or "vide" in str(err.value)


def test_percent_sign_keeps_the_percent_scale():
    """« 0,31 % » is a third of a percent, not 31 %: no fraction rescaling after « % »."""
    assert not corriger("edenred-souvent-heureux", "0,31 %").juste


def test_outside_tolerance_is_wrong():
    assert not corriger("edenred-souvent-heureux", "29").juste
    assert not corriger("drives-lsa-2013", "2483").juste


@pytest.mark.parametrize("answer", ["b", "B", " b ", "(b)", "b)", "B.",
                                    "des utilisateurs de twitter en relation avec des marques, "
                                    "qui attendent une reponse quand ils se plaignent"])
def test_choice_by_id_or_label_is_case_accent_space_insensitive(answer):
    assert corriger("twitter-plainte-base", answer).juste


@pytest.mark.parametrize("answer", ["croissance", "Croissance", "  CROISSANCE ", "croissance"])
def test_choice_read_from_data_labels(answer):
    assert corriger("rse-phase-participation", answer).juste


def test_classification_by_label_with_loose_categories():
    answer = {f"  {THEMES[i].upper()} ": cat.lower() for i, cat in EXPECTED_SBF.items()}
    assert corriger("sbf2014-in-out", answer).juste


def test_classification_grouped_by_category():
    grouped = {"In": [i for i, c in EXPECTED_SBF.items() if c == "In"],
               "out": [i for i, c in EXPECTED_SBF.items() if c == "Out"]}
    assert corriger("sbf2014-in-out", grouped).juste


def test_normalize_and_citer():
    assert normaliser("  Croisière ") == "croisiere"
    assert citer("<b>" + "x" * 100) == "&lt;b&gt;" + "x" * 37 + "…"


# --- typical wrong answers: specific French messages ----------------------------------

@pytest.mark.parametrize("exercise_id, answer, expected_words", [
    ("edenred-souvent-heureux", "33", ["valeur_originale", "billet"]),
    ("edenred-souvent-heureux", "20 %", ["trop basse", "valeur_originale"]),
    ("drives-lsa-2013", "2 500", ["arrondi", "valeur_originale"]),
    ("drives-lsa-2013", "3000", ["trop élevée", "c-drives-france"]),
    ("drives-lsa-2013", "2482 %", ["pas un pourcentage"]),
    ("chiffres-non-verifies", 36, ["toutes les lignes"]),
    ("chiffres-non-verifies", "3", ["non_trouve"]),
    ("chiffres-non-verifies", "douze", ["Je ne lis pas de nombre", "douze"]),
    ("edenred-souvent-heureux", "un tiers", ["Je ne lis pas de nombre", f"80{NB}%"]),
    ("twitter-plainte-base", "a", ["population_originale"]),
    ("twitter-plainte-base", "Les abonnés du compte de service client d'une banque française", ["autre chiffre"]),
    ("twitter-plainte-base", "z", ["ne fait pas partie des choix", f"«{NB}a{NB}»", f"«{NB}d{NB}»"]),
    ("rse-phase-participation", "création", ["nombre de membres"]),
    ("rse-phase-participation", 2, ["identifiant d'un choix", "int"]),
    ("sbf2014-in-out", ["In", "Out"], ["dictionnaire", "list"]),
    ("sbf2014-in-out", "", ["dictionnaire"]),
])
def test_wrong_answer_message_names_the_problem(exercise_id, answer, expected_words):
    result = corriger(exercise_id, answer)
    assert not result.juste
    for word in expected_words:
        assert word in result.message, (word, result.message)


def test_misplaced_trends_are_named_without_their_category():
    answer = dict(EXPECTED_SBF)
    answer["t-donnees"] = "Out"
    answer["t-rse"] = "In"
    result = corriger("sbf2014-in-out", answer)
    assert not result.juste
    assert result.message.startswith(f"2 éléments mal placés sur 10{NB}:")
    assert THEMES["t-donnees"] in result.message and THEMES["t-rse"] in result.message
    assert THEMES["t-client"] not in result.message
    assert f"«{NB}In{NB}»" not in result.message and f"«{NB}Out{NB}»" not in result.message


def test_classification_problems_are_named():
    answer = {i: c for i, c in EXPECTED_SBF.items() if i != "t-rh"}
    answer["<img src=x>"] = "In"
    answer["t-client"] = "Peut-être"
    message = corriger("sbf2014-in-out", answer).message
    assert THEMES["t-rh"] in message
    assert "&lt;img src=x&gt;" in message and "<img" not in message
    assert f"{THEMES['t-client']}" in message and "n'est pas l'une de" in message


def test_item_classified_twice_is_reported():
    grouped = {"In": list(EXPECTED_SBF), "Out": ["t-rh"]}
    result = corriger("sbf2014-in-out", grouped)
    assert not result.juste
    assert "deux catégories" in result.message


@pytest.mark.parametrize("exercise_id", identifiants())
@pytest.mark.parametrize("untouched", [..., None], ids=["ellipsis", "none"])
def test_untouched_starter_says_no_answer_yet(exercise_id, untouched):
    """The starter cell's `reponse = ...` (or None) gets the « no answer yet » hint,
    not a message about a wrong type."""
    result = corriger(exercise_id, untouched)
    assert not result.juste
    assert result.message.startswith(f"Pas encore de réponse{NB}:")
    assert f"remplacez «{NB}...{NB}» par votre réponse" in result.message
    assert "relancez la cellule" in result.message


def test_no_answer_hint_is_only_for_untouched_starters():
    for answer in ["", "...", 0, [], {}]:
        for exercise_id in identifiants():
            assert "Pas encore de réponse" not in corriger(exercise_id, answer).message, (exercise_id, answer)


# --- hostile input never raises --------------------------------------------------------

class RaisingStr:
    def __str__(self):
        raise RuntimeError("boom")

    __repr__ = __str__
    __format__ = lambda self, spec: (_ for _ in ()).throw(RuntimeError("boom"))  # noqa: E731


class HostileStr(str):
    def __str__(self):
        raise RuntimeError("boom")

    def strip(self, *args):
        raise RuntimeError("boom")

    def __radd__(self, other):
        raise RuntimeError("boom")


class HostileFloat(float):
    def __float__(self):
        raise RuntimeError("boom")


class HostileMapping(Mapping):
    def __getitem__(self, key):
        raise RuntimeError("boom")

    def __iter__(self):
        raise RuntimeError("boom")

    def __len__(self):
        return 1


class WeirdMeta(type):
    @property
    def __name__(cls):  # noqa: N805
        raise RuntimeError("boom")


class WeirdType(metaclass=WeirdMeta):
    pass


HOSTILE = [
    None, [], {}, (), set(), [31], {"a": 1}, {1: 2}, {None: None}, object(), RaisingStr(),
    HostileStr("x<y"), HostileFloat(31.0), HostileMapping(), WeirdType(), b"31", bytearray(b"31"),
    float("nan"), float("inf"), -float("inf"), Decimal("NaN"), Decimal("Infinity"), True, False,
    complex(31, 0), 10**400, -(10**400), "x" * 10_000_000, "3" * 10_000_000, "\ud800", "31\udfff",
    "\x00", "<script>alert('x')</script>", "&amp;", "", "   ", "\n", "31 31", "1e400", "∞",
    "٣١", "３１", (x for x in range(3)), range(5), print, Exception("x"), type,
    {"In": [[]], "Out": [{}]}, {t: None for t in EXPECTED_SBF}, {t: ["In"] for t in EXPECTED_SBF},
    dict.fromkeys(range(10_000), "In"), {"In": list(range(100_000))},
]


def _assert_safe(result: object) -> None:
    assert isinstance(result, Verdict)
    assert isinstance(result.juste, bool)
    assert isinstance(result.message, str) and result.message.strip()
    assert len(result.message) < 3000
    result.message.encode("utf-8")  # no lone surrogate left
    assert "<" not in result.message and ">" not in result.message
    assert "Traceback" not in result.message


@pytest.mark.parametrize("answer", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_hostile_input_is_refused_with_a_message(answer):
    for exercise_id in identifiants():
        result = corriger(exercise_id, answer)
        _assert_safe(result)
        assert not result.juste, (exercise_id, result.message)


def test_str_subclass_is_read_without_calling_its_overrides():
    assert corriger("edenred-souvent-heureux", HostileStr("31")).juste
    assert corriger("twitter-plainte-base", HostileStr(" B ")).juste


def _random_input(rng: random.Random, depth: int = 0) -> object:
    alphabet = "0123456789 ,.%-+\u00a0\u202fe<>&\"'abcéÉ\u0301\ud800\x00\n«»"
    kind = rng.randrange(9 if depth < 2 else 6)
    if kind == 0:
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
    if kind == 1:
        return rng.uniform(-1e6, 1e6) * rng.choice([1, 1e-6, 1e300, float("inf"), float("nan")])
    if kind == 2:
        return rng.randrange(-(10**rng.randrange(1, 500)), 10**rng.randrange(1, 500))
    if kind == 3:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(10)))
    if kind == 4:
        return rng.choice([None, True, False, object(), RaisingStr(), HostileStr("b")])
    if kind == 5:
        return rng.choice(list(EXPECTED_SBF) + ["In", "Out", "a", "b", "croissance", "31 %"])
    if kind == 6:
        return [_random_input(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind == 7:
        keys = list(EXPECTED_SBF) + ["In", "Out", "x"]
        return {rng.choice(keys): _random_input(rng, depth + 1) for _ in range(rng.randrange(12))}
    return {rng.choice(["In", "Out", "x"]): [rng.choice(list(EXPECTED_SBF)) for _ in range(rng.randrange(6))]}


def test_random_fuzz_never_raises():
    """3 000 seeded random answers for every exercise (speed belongs to make bench)."""
    rng = random.Random(20141122)
    known = identifiants()
    for _ in range(3000):
        answer = _random_input(rng)
        for exercise_id in known:
            _assert_safe(corriger(exercise_id, answer))


# --- authoring mistakes ---------------------------------------------------------------

@pytest.mark.parametrize("bad_id", ["inconnu", "", "Chiffres-Non-Verifies", None, 3])
def test_unknown_id_raises_lookup_error_naming_known_ids(bad_id):
    with pytest.raises(LookupError) as err:
        corriger(bad_id, "31")
    for known in identifiants():
        assert known in str(err.value)


def test_export_is_json_ready_and_matches_the_checker():
    import json

    exported = json.loads(json.dumps(exporter_cles(), allow_nan=False))
    by_id = {e["id"]: e for e in exported["exercises"]}
    assert list(by_id) == identifiants()
    for exercise_id, entry in by_id.items():
        assert corriger(exercise_id, entry["expected"]).juste
        assert not isinstance(entry["expected"], dict) or entry["type"] == "classification"
    assert not any(math.isnan(e["expected"]) for e in by_id.values() if e["type"] == "numeric")


FRENCH_SPACING = re.compile(r"(?: [:;!?%»])|(?:« )|(?:\S[:;!?](?=\s|$))")


def test_messages_follow_french_typography():
    samples = [("edenred-souvent-heureux", a) for a in ["31", "33", "20", "x", None, "", 0.031]]
    samples += [("twitter-plainte-base", a) for a in ["a", "b", "c", "z", 3]]
    samples += [("sbf2014-in-out", a) for a in [{}, {"t-rh": "Out"}, EXPECTED_SBF, 3]]
    samples += [("drives-lsa-2013", a) for a in ["2 500", "2482 %", "1,2.3"]]
    for exercise_id, answer in samples:
        message = corriger(exercise_id, answer).message
        prose = re.sub(r"\{[^}]*\}", "", message)  # a Python example is code, not prose
        assert not FRENCH_SPACING.search(prose), (exercise_id, answer, message)
