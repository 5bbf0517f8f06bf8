"""The Moodle question bank: every question of the keys, read back by independent
readers from PyPI — moodle-xml-parser for the XML's choice questions, pygiftparser for
every question of the GIFT file — and the XML's numerical and matching questions checked
element by element against Moodle's documented format (docs.moodle.org, « Moodle XML
format »), since no PyPI reader reads those."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from moodle_xml_parser.parser import parse_string
from pygiftparser import parser as gift

from transfonum.exercices import carnets, moodle
from transfonum.exercices.cles import cles_du_kit
from transfonum.exercices.correction import corriger

SITE = "https://exemple.org/kit"
KEYS = cles_du_kit()


@pytest.fixture(scope="module")
def xml_bank() -> str:
    return moodle.banque_xml(SITE)


def _questions(root: ET.Element, kind: str) -> dict[str, ET.Element]:
    return {q.findtext("name/text"): q for q in root.iter("question") if q.get("type") == kind}


def test_every_choice_question_reads_back_with_its_options_and_french_feedback(xml_bank):
    parsed = {q.name: q for q in parse_string(xml_bank)["multichoice"]}
    choices = {k: ex for k, ex in KEYS.items() if ex.type == "choice"}
    assert set(parsed) == set(choices)
    for key, ex in choices.items():
        question = parsed[key]
        assert question.single and question.text_pre_parse.startswith(ex.statement)
        assert f"({SITE}/book/{ex.chapter}.html)" in question.text_pre_parse
        assert [o.answer for o in question.options] == list(ex.choices.values())
        for (choice_id, label), option in zip(ex.choices.items(), question.options):
            right = choice_id == ex.expected
            assert option.score_fraction == (100 if right else 0), (key, label)
            # the option's feedback is the checker's own for that option
            assert option.feedback in corriger(key, choice_id).message, (key, choice_id)
        assert question.correct_feedback == ex.right and question.incorrect_feedback == ex.wrong


def test_numerical_questions_keep_tolerance_traps_and_a_catch_all(xml_bank):
    numerical = _questions(ET.fromstring(xml_bank), "numerical")
    expected = {k: ex for k, ex in KEYS.items() if ex.type == "numeric"}
    assert set(numerical) == set(expected)
    for key, ex in expected.items():
        answers = numerical[key].findall("answer")
        first = answers[0]
        assert float(first.findtext("text")) == ex.expected and first.get("fraction") == "100"
        assert float(first.findtext("tolerance")) == ex.tolerance
        assert first.findtext("feedback/text") == ex.right
        for value, message in ex.traps:
            trap = next(a for a in answers if a.findtext("feedback/text") == message)
            assert float(trap.findtext("text")) == value and trap.get("fraction") == "0"
            assert not corriger(key, value).juste  # the checker too rejects the trap
        assert answers[-1].findtext("text") == "*" and answers[-1].findtext("feedback/text") == ex.wrong
        units = [u.findtext("unit_name") for u in numerical[key].iter("unit")]
        assert units == (["%"] if ex.unit == "pourcent" else [])


def test_matching_questions_pair_each_item_with_its_category(xml_bank):
    matching = _questions(ET.fromstring(xml_bank), "matching")
    expected = {k: ex for k, ex in KEYS.items() if ex.type == "classification"}
    assert set(matching) == set(expected)
    for key, ex in expected.items():
        pairs = {s.findtext("text"): s.findtext("answer/text") for s in matching[key].findall("subquestion")
                 if s.findtext("text")}
        assert pairs == {ex.items[i]: ex.categories[ex.expected[i]] for i in ex.items}


def test_one_category_per_chapter_with_its_link(xml_bank):
    root = ET.fromstring(xml_bank)
    categories = [q for q in root.iter("question") if q.get("type") == "category"]
    chapters = list(dict.fromkeys(ex.chapter for ex in KEYS.values()))
    assert [c.findtext("category/text") for c in categories] == [
        f"$course$/top/Transformation numérique/{carnets.titre(ch)}" for ch in chapters]
    assert all(f"{SITE}/book/{ch}.html" in c.findtext("info/text") for c, ch in zip(categories, chapters))
    # each question sits after the category of its chapter
    current = None
    for q in root.iter("question"):
        if q.get("type") == "category":
            current = q.findtext("category/text")
        else:
            assert current.endswith(carnets.titre(KEYS[q.findtext("name/text")].chapter))


def test_without_a_site_the_chapter_is_named_not_linked():
    text = moodle.banque_xml(None)
    assert "https://" not in text and "Chapitre\u00a0: «\u00a0" in text


def test_gift_bank_reads_back_whole():
    questions = {q.title: q for q in gift.parseFile(io.StringIO(moodle.banque_gift(SITE)))}
    assert set(questions) == set(KEYS)
    plain = gift.transformSpecials  # the reader's own unescaping of « \: », « \= »…
    for key, ex in KEYS.items():
        question = questions[key]
        assert question.valid and question.markup == "markdown", key
        assert plain(question.text).startswith(ex.statement), key
        answers = question.answers.answers
        if ex.type == "choice":
            assert [plain(a.answer) for a in answers] == list(ex.choices.values())
            assert [a.fraction for a in answers] == [100 if c == ex.expected else 0 for c in ex.choices]
            assert [plain(a.feedback) for a in answers] == [
                ex.right if c == ex.expected else ex.choice_feedback.get(c, ex.wrong) for c in ex.choices]
        elif ex.type == "numeric":
            assert (answers[0].value, answers[0].tolerance, answers[0].fraction) == (ex.expected, ex.tolerance, 100)
            assert plain(answers[0].feedback) == ex.right
            assert {(a.value, plain(a.feedback)) for a in answers if a.fraction == 0} >= set(ex.traps)
        else:
            assert {(plain(a.question).strip(), plain(a.answer).strip()) for a in answers} == {
                (ex.items[i], ex.categories[ex.expected[i]]) for i in ex.items}


def test_command_writes_both_formats(tmp_path, capsys):
    assert moodle.main(["--sortie", str(tmp_path / "banque.xml"), "--gift", str(tmp_path / "banque.gift"),
                        "--site", SITE]) == 0
    assert f"{len(KEYS)} questions en" in capsys.readouterr().out
    assert ET.parse(tmp_path / "banque.xml").getroot().tag == "quiz"
    assert (tmp_path / "banque.gift").read_text(encoding="utf-8").startswith("$CATEGORY: ")
