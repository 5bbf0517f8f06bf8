"""The answer keys: one JSON file per chapter, each valid against the schema, figures referenced from
data/ rather than retyped, and every authoring mistake stopped at load with the
exercise and the field named."""

from __future__ import annotations

import copy
import importlib
import json
import re

import jsonschema
import pytest

from transfonum.exercices.cles import DOSSIER_CLES, SCHEMA_CLES, ErreurCles, charger_cles

NB = "\u00a0"
KEY_FILES = sorted(DOSSIER_CLES.glob("*.json"))
#: Every chapter's exercises in one document (the tests below write it as one file).
RAW = {"version": 1, "exercises": [
    entry for path in KEY_FILES for entry in json.loads(path.read_text(encoding="utf-8"))["exercises"]]}
SCHEMA = json.loads(SCHEMA_CLES.read_text(encoding="utf-8"))
#: The module (the package attribute ``check`` is the function of the same name).
check_module = importlib.import_module("transfonum.exercices.correction")
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def by_id(doc: dict, exercise_id: str) -> dict:
    return next(e for e in doc["exercises"] if e["id"] == exercise_id)


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", KEY_FILES, ids=lambda p: p.name)
def test_keys_files_declare_the_kits_schema_by_a_path_that_exists(path):
    """Editors validate a key file against the schema its ``$schema`` names."""
    declared = path.parent / json.loads(path.read_text(encoding="utf-8"))["$schema"]
    assert declared.is_file(), f"{path.name} : « $schema » désigne {declared}, qui n'existe pas"
    assert declared.resolve() == SCHEMA_CLES


@pytest.mark.parametrize("path", KEY_FILES, ids=lambda p: p.name)
def test_keys_files_match_the_schema(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(doc)]
    assert errors == []


def test_chapter_is_the_file_name():
    keys = charger_cles()
    assert {ex.chapter for ex in keys.values()} == {p.stem for p in KEY_FILES}
    assert keys["sbf2014-in-out"].chapter == "sbf2014"


def test_numeric_expected_values_are_references_to_data():
    """A figure is never typed in the keys: numeric answers and traps point into data/."""
    for entry in RAW["exercises"]:
        if entry["type"] == "numeric":
            assert isinstance(entry["expected"], dict) and "table" in entry["expected"], entry["id"]
            for trap in entry.get("traps", []):
                assert isinstance(trap["value"], dict), entry["id"]


def _texts(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def test_feedback_texts_follow_french_typography():
    bad = re.compile(r" [:;!?%»]|« ")
    offenders = [t for e in RAW["exercises"] for t in _texts(e) if bad.search(t)]
    assert offenders == []


# (mutation, exercise id, field named in the error)
def _drop(field):
    return lambda e: e.pop(field)


def _set(field, value):
    return lambda e: e.__setitem__(field, value)


def _set_ref(name, **kw):
    return lambda e: e[name].update(kw)


MUTATIONS = [
    ("chiffres-non-verifies", _drop("feedback"), "feedback", True),
    ("edenred-souvent-heureux", _drop("statement"), "statement", True),
    ("edenred-souvent-heureux", _set("type", "texte_libre"), "type", True),
    ("edenred-souvent-heureux", _set_ref("expected", id="c-inexistant"), "expected.id", False),
    ("edenred-souvent-heureux", _set_ref("expected", field="colonne_absente"), "expected.field", False),
    ("drives-lsa-2013", _set_ref("expected", table="table_absente"), "expected.table", False),
    ("chiffres-non-verifies", _set_ref("expected", id="c-ibm-forrester-confiance", field="valeur_originale"),
     "expected", True),
    ("edenred-souvent-heureux", _set("unit", "kilogrammes"), "unit", True),
    ("drives-lsa-2013", _set("tolerance", -1), "tolerance", True),
    ("twitter-plainte-base", _set("expected", "e"), "expected", False),
    ("rse-phase-participation", _set_ref("choices", field="absent"), "choices.field", False),
    ("sbf2014-in-out", _set("categories", [{"id": "In", "label": "In"}]), "expected", False),
    ("sbf2014-in-out", lambda e: e["feedback"].pop("right"), "feedback.right", True),
]


@pytest.mark.parametrize("exercise_id, mutate, field, schema_catches", MUTATIONS,
                         ids=[f"{m[0]}-{m[2]}" for m in MUTATIONS])
def test_malformed_keys_fail_loudly_naming_exercise_and_field(tmp_path, exercise_id, mutate, field, schema_catches):
    doc = copy.deepcopy(RAW)
    mutate(by_id(doc, exercise_id))
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ErreurCles) as err:
        charger_cles(path)
    message = str(err.value)
    assert f"« {exercise_id} »" in message, message
    assert f"champ « {field} »" in message, message
    if schema_catches:
        assert not VALIDATOR.is_valid(doc)


def test_missing_cell_value_in_data_is_refused(tmp_path):
    """c-ibm-forrester-confiance has no original value: a key may not point at a blank."""
    doc = copy.deepcopy(RAW)
    by_id(doc, "drives-lsa-2013")["expected"]["id"] = "c-ibm-forrester-confiance"
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ErreurCles, match="valeur manquante"):
        charger_cles(path)


def test_duplicate_id_is_refused(tmp_path):
    doc = copy.deepcopy(RAW)
    doc["exercises"].append(copy.deepcopy(doc["exercises"][0]))
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ErreurCles, match="déjà utilisé"):
        charger_cles(path)


def test_id_used_in_two_chapters_is_refused_naming_both(tmp_path):
    entry = by_id(RAW, "drives-lsa-2013")
    for chapter in ("premier", "second"):
        (tmp_path / f"{chapter}.json").write_text(
            json.dumps({"version": 1, "exercises": [entry]}), encoding="utf-8")
    with pytest.raises(ErreurCles) as err:
        charger_cles(tmp_path)
    assert "second.json" in str(err.value) and "« premier »" in str(err.value)


def test_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "keys.json"
    path.write_text("{ pas du json", encoding="utf-8")
    with pytest.raises(ErreurCles, match="illisible"):
        charger_cles(path)


@pytest.fixture
def strict_percent_keys(tmp_path, monkeypatch):
    """The Edenred key with the fraction form forbidden, installed as the kit's keys."""
    doc = copy.deepcopy(RAW)
    by_id(doc, "edenred-souvent-heureux")["accept_fraction"] = False
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    keys = charger_cles(path)
    monkeypatch.setattr(check_module, "cles_du_kit", lambda: keys)


def test_fraction_form_refused_when_the_key_forbids_it(strict_percent_keys):
    assert check_module.corriger("edenred-souvent-heureux", "31 %").juste
    result = check_module.corriger("edenred-souvent-heureux", "0,31")
    assert not result.juste
    assert "pourcentage" in result.message and "proportion" in result.message


def test_command_line_lists_ids_and_exports_json(capsys):
    from transfonum.exercices.__main__ import main

    assert main([]) == 0
    listing = capsys.readouterr().out
    assert all(exercise_id in listing for exercise_id in charger_cles())
    assert main(["--json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in exported["exercises"]] == list(charger_cles())
