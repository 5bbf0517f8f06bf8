"""The self-check in the page (transfonum-selfcheck.js) and the Python checker agree:
for every exercise of the answer keys and a table of right, wrong, trap, malformed,
empty and hostile answers, the JavaScript verdict equals ``corriger(id, answer).juste``,
and its message is the Python message (which escapes the student's text for HTML; the
page shows it as plain text instead). The script runs in Debian's Chromium on a blank
page, fed with the keys exported by ``exporter_cles()``: one source for both checkers."""

from __future__ import annotations

import copy
import html

import pytest

from transfonum.chemins import RACINE
from transfonum.exercices import corriger
from transfonum.exercices.cles import exporter_cles

SCRIPT = RACINE / "transfonum" / "site" / "static" / "transfonum-selfcheck.js"
INSECABLE, NNBSP = "\u00a0", "\u202f"

#: Answers that are wrong whatever the exercise: empty, malformed, hostile, huge.
HOSTILE = [
    "", "   ", "\u00a0", "%", "abc", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
    "&amp; &lt;", "1,234.5", "1e3", "0x1A", "NaN", "Infinity", "9" * 400, "2" * 2001,
    "\U0001F600" * 1500, "\u0000\u200b\ufeff", "\u202e26", "٢٦", "２６", "null", "{}", "[]",
]

#: Turning the data of one exercise into answers a student could type.
def _fr(value: float) -> str:
    text = f"{value:.10g}"
    return text.replace(".", ",")


def numeric_answers(key: dict) -> list[str]:
    """Right (several spellings), at the tolerance's edge, just outside, traps, fractions,
    thousands separators, a percent sign where none is wanted, and signs."""
    exp, tol = key["expected"], key["tolerance"]
    values = [exp, exp + tol, exp - tol, exp + tol + 0.1, exp - tol - 0.1, exp + 0.4, exp - 0.4,
              exp + 1, exp * 10, -exp, 0]
    values += [t["value"] for t in key["traps"]] + [t["value"] + tol for t in key["traps"]]
    out = []
    for v in values:
        out += [_fr(v), f"{v:.10g}", f" {_fr(v)} ", f"{_fr(v)} %", f"{_fr(v)}%", f"{_fr(v)}{INSECABLE}%"]
    big = f"{exp * 1000:.0f}"
    out += [
        f"{big[:-3]} {big[-3:]}", f"{big[:-3]}{INSECABLE}{big[-3:]}", f"{big[:-3]}{NNBSP}{big[-3:]}",
        f"{exp:,.0f}".replace(",", " "), f"{exp:,.0f}".replace(",", INSECABLE), f"{exp:,.0f}".replace(",", NNBSP),
        f"{exp:,.0f}", f"{exp:.0f},", f",{exp:.0f}", f"\u2212{_fr(exp)}", f"+{_fr(exp)}",
        f"\t{_fr(exp)}\n", f"{_fr(exp)}\u200b", f"{_fr(exp)} %%", f"{_fr(exp)} % ", f"0{_fr(exp)}",
        f"{_fr(exp / 100)}", f"{exp / 100:.10g}", f"{_fr((exp + tol) / 100)}", f"{_fr(exp / 100)} %",
        f"{_fr(exp)} 000", f"{_fr(exp)}  ", f"{_fr(exp)}" + " " * 1995,
    ]
    return out


def _variants(option: dict) -> list[str]:
    label = option["label"]
    return [option["id"], option["id"].upper(), f"({option['id']})", f" {option['id']}. ", label,
            label.upper(), label.replace("é", "e").replace("è", "e"), label.replace("ss", "ß"),
            label.replace("i", "ı"), f"« {label} »", label + "\u0301", label + "\u034f", label[:-1]]


def choice_answers(key: dict) -> list[str]:
    """Every choice by id and by label, written in several ways, and near misses."""
    return [v for option in key["choices"] for v in _variants(option)] + ["z", "a b", "ab"]


def classification_answers(key: dict) -> list:
    """The right classification (ids, labels, grouped by category), one or all items
    misplaced, missing, unknown or twice-placed items, unknown categories, wrong shapes."""
    items, cats = [i["id"] for i in key["items"]], [c["id"] for c in key["categories"]]
    label = {i["id"]: i["label"] for i in key["items"]}
    right = dict(key["expected"])
    other = {i: next(c for c in cats if c != right[i]) for i in items}
    first = items[0]
    grouped: dict[str, list[str]] = {c: [] for c in cats}
    for i in items:
        grouped[right[i]].append(i)
    return [
        right, {label[i]: c.upper() for i, c in right.items()}, grouped,
        {**right, first: other[first]}, other, {i: right[i] for i in items[1:]},
        {**right, "inconnu": cats[0]}, {**right, first: "Ailleurs"}, {**right, first: ""},
        {**right, label[first]: other[first]}, {**right, label[first]: right[first]},
        {**right, first: None}, {**right, first: 1}, {**right, first: [right[first]]},
        {c: [label[i] for i in grouped[c]] for c in cats}, {cats[0]: items},
        {**right, "<img src=x onerror=alert(1)>": cats[0]}, {f"x{n}": cats[0] for n in range(201)},
        {}, [], "texte", None, 3,
    ]


ANSWERS = {"numeric": numeric_answers, "choice": choice_answers, "classification": classification_answers}


def answer_table(keys: dict) -> list[tuple[str, object]]:
    """Every (exercise id, answer) pair the parity tests check."""
    table = []
    for ex in keys["exercises"]:
        extra = HOSTILE if ex["type"] != "classification" else []
        table += [(ex["id"], answer) for answer in ANSWERS[ex["type"]](ex) + extra]
    return table


@pytest.fixture(scope="module")
def js_page(browser):
    """A blank page holding only the self-check script; every request is refused."""
    page = browser.new_page()
    requests: list[str] = []
    page.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
    page.set_content("<!doctype html><html lang='fr'><body></body></html>")
    page.add_script_tag(path=str(SCRIPT))
    yield page
    page.close()
    assert requests == [], requests


def js_check(page, keys: dict, table: list[tuple[str, object]]) -> list[dict]:
    """The JavaScript verdicts for ``table``, with the keys ``keys``."""
    return page.evaluate(
        """([exercises, table]) => {
            const byId = Object.fromEntries(exercises.map((k) => [k.id, k]));
            return table.map(([id, answer]) => window.TransfonumSelfcheck.check(byId[id], answer));
        }""",
        [keys["exercises"], table],
    )


def mismatches(page, keys: dict) -> list[str]:
    """The answers on which the JavaScript verdict differs from Python's."""
    table = answer_table(keys)
    return [
        f"{ex_id} {answer!r:.80} : Python {corriger(ex_id, answer).juste}, JS {js['correct']}"
        for (ex_id, answer), js in zip(table, js_check(page, keys, table))
        if js["correct"] is not corriger(ex_id, answer).juste
    ]


def test_table_covers_every_exercise_both_ways():
    """Each exercise gets right and wrong answers (else parity would prove little)."""
    table = answer_table(exporter_cles())
    for ex in exporter_cles()["exercises"]:
        verdicts = {corriger(ex_id, a).juste for ex_id, a in table if ex_id == ex["id"]}
        assert verdicts == {True, False}, ex["id"]


def test_js_verdict_equals_python_verdict(js_page):
    keys = exporter_cles()
    assert len(answer_table(keys)) > 300
    assert mismatches(js_page, keys) == []


def test_js_message_equals_python_message(js_page):
    """Same words as the notebook; the student's text is shown, not HTML-escaped."""
    keys = exporter_cles()
    kinds = {ex["id"]: ex["type"] for ex in keys["exercises"]}
    table = [(i, a) for i, a in answer_table(keys) if isinstance(a, (str, dict))
             and (kinds[i] == "classification") == isinstance(a, dict)]
    different = [
        f"{ex_id} {answer!r:.60}\n  Python : {py}\n  JS     : {js['message']}"
        for (ex_id, answer), js in zip(table, js_check(js_page, keys, table))
        if js["message"] != (py := html.unescape(corriger(ex_id, answer).message))
    ]
    assert different == [], "\n".join(different[:10])


def _mutate(keys: dict, kind: str, change) -> dict:
    out = copy.deepcopy(keys)
    for ex in out["exercises"]:
        if ex["type"] == kind:
            change(ex)
    return out


def _no_tolerance(ex):
    ex["tolerance"] = 0.0 if ex["tolerance"] else 1.0


MUTATIONS = {
    "tolérance ignorée": ("numeric", _no_tolerance),
    "fraction ignorée": ("numeric", lambda ex: ex.update(accept_fraction=not ex["accept_fraction"])),
    "valeur attendue décalée": ("numeric", lambda ex: ex.update(expected=ex["expected"] + 1)),
    "autre choix attendu": ("choice", lambda ex: ex.update(
        expected=next(c["id"] for c in ex["choices"] if c["id"] != ex["expected"]))),
    "un élément mal classé": ("classification", lambda ex: ex["expected"].update(
        {ex["items"][0]["id"]: next(c["id"] for c in ex["categories"]
                                   if c["id"] != ex["expected"][ex["items"][0]["id"]])})),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_parity_fails_when_the_browser_key_differs(js_page, name):
    """The table has teeth: a checker that ignored the tolerance or the fraction rule,
    or read another expected answer, would disagree with Python somewhere."""
    kind, change = MUTATIONS[name]
    assert mismatches(js_page, _mutate(exporter_cles(), kind, change)), name
