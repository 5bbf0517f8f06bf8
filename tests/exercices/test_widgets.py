"""The notebook widgets: every exercise gets a working form whose « Vérifier » button
shows the checker's specific message; the explorer redraws its chart when a slider moves;
nothing a student does produces a traceback, and hostile text comes back escaped."""

from __future__ import annotations

import json
import html

import altair as alt
import ipywidgets as widgets
import pandas as pd
import pytest

from transfonum.exercices import widgets as tw
from transfonum.exercices import corriger, identifiants
from transfonum.exercices.cles import Cle, cles_du_kit
from transfonum.exercices.widgets import Retour, exercice, explorateur, verifier

NB = "\u00a0"
KEYS = cles_du_kit()


def _wrong_answer(ex: Cle) -> tuple[object, str]:
    """A typical mistake for ``ex`` (a trap or a misplaced item when the key has one)
    and a piece of the specific message it must get."""
    if ex.type == "numeric":
        if ex.traps:
            value, message = ex.traps[0]
            return f"{value:g}".replace(".", ","), message
        return f"{ex.expected + 10 * (ex.tolerance + 1):g}", "trop élevée"
    if ex.type == "choice":
        wrong = next(k for k in ex.choices if k != ex.expected)
        return wrong, ex.choice_feedback.get(wrong, ex.wrong)
    item = next(iter(ex.items))
    other = next(c for c in ex.categories if c != ex.expected[item])
    return {**ex.expected, item: other}, f"1 élément mal placé sur {len(ex.items)}"


def _fill(form: tw.Exercice, answer: object) -> None:
    """Set the form's fields as a student would."""
    if form.kind == "classification":
        for item, menu in form.champs.items():
            menu.value = answer[item]
    else:
        form.champs["reponse"].value = answer


def _right_answer(ex: Cle) -> object:
    if ex.type == "numeric":
        return f"{ex.expected:g}".replace(".", ",") + (f"{NB}%" if ex.unit == "pourcent" else "")
    return ex.expected


def _shown(form: tw.Exercice) -> str:
    return html.unescape(form.verdict.value)


@pytest.mark.parametrize("exercise_id", identifiants())
def test_form_rejects_a_typical_mistake_then_accepts_the_right_answer(exercise_id):
    ex = KEYS[exercise_id]
    form = exercice(exercise_id)
    assert isinstance(form, widgets.Widget)
    assert form.bouton.description == "Vérifier"
    assert form.verdict.value == ""

    wrong, specific = _wrong_answer(ex)
    _fill(form, wrong)
    form.bouton.click()
    shown = _shown(form)
    assert f"<strong>À revoir</strong>{NB}:" in shown
    assert html.unescape(specific) in shown, shown
    assert html.unescape(corriger(exercise_id, wrong).message) in shown

    _fill(form, _right_answer(ex))
    form.bouton.click()
    assert f"<strong>Juste</strong>{NB}:" in _shown(form), _shown(form)
    assert "À revoir" not in _shown(form)


@pytest.mark.parametrize("exercise_id", identifiants())
def test_form_builds_the_control_of_its_type(exercise_id):
    ex = KEYS[exercise_id]
    form = exercice(exercise_id)
    if ex.type == "numeric":
        assert isinstance(form.champs["reponse"], widgets.Text)
        unit = "%" if ex.unit == "pourcent" else ""
        assert any(isinstance(w, widgets.Label) and w.value == unit for w in form.children[0].children)
    elif ex.type == "choice":
        radio = form.champs["reponse"]
        assert isinstance(radio, widgets.RadioButtons)
        assert list(radio.options) == [(label, key) for key, label in ex.choices.items()]
        assert radio.value is None
    else:
        assert set(form.champs) == set(ex.items)
        for menu in form.champs.values():
            assert isinstance(menu, widgets.Dropdown)
            assert list(menu.options) == [(label, key) for key, label in ex.categories.items()]
            assert menu.value is None


@pytest.mark.parametrize("exercise_id", identifiants())
def test_clicking_before_answering_says_what_to_do(exercise_id):
    form = exercice(exercise_id)
    form.bouton.click()
    shown = _shown(form)
    assert f"Pas encore de réponse{NB}:" in shown and f"cliquez sur «{NB}Vérifier{NB}»" in shown


def test_whitespace_only_text_counts_as_no_answer():
    form = exercice("chiffres-non-verifies")
    _fill(form, "   ")
    form.bouton.click()
    assert "Pas encore de réponse" in _shown(form)


def test_partial_classification_names_the_missing_items():
    ex = KEYS["sbf2014-in-out"]
    form = exercice("sbf2014-in-out")
    first, *rest = ex.items
    form.champs[first].value = ex.expected[first]
    form.bouton.click()
    shown = _shown(form)
    assert "À revoir" in shown and "il manque" in shown
    assert all(ex.items[item] in shown for item in rest)
    assert ex.items[first] not in shown


@pytest.mark.parametrize("text", [
    "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "\x00\ud800", "x" * 100_000,
    "1,2.3", "∞", "-", "%",
])
def test_hostile_text_is_refused_escaped_and_never_raises(text):
    form = exercice("edenred-souvent-heureux")
    _fill(form, text)
    form.bouton.click()
    assert "À revoir" in form.verdict.value
    assert "<script" not in form.verdict.value and "<img" not in form.verdict.value
    if text.startswith("<script"):
        assert "&lt;script&gt;" in form.verdict.value


def test_a_failing_check_still_gives_a_french_message(monkeypatch):
    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(tw, "verifier", broken)
    form = exercice("chiffres-non-verifies")
    _fill(form, "12")
    form.bouton.click()
    assert "La vérification a échoué" in form.verdict.value
    assert "boom" not in form.verdict.value


# --- verifier -------------------------------------------------------------------------

def test_verifier_text_starts_with_the_verdict():
    right = verifier("edenred-souvent-heureux", "31 %")
    wrong = verifier("edenred-souvent-heureux", "20 %")
    assert isinstance(right, Retour) and right.juste and not wrong.juste
    assert repr(right).startswith(f"Juste{NB}: Exact")
    assert repr(wrong).startswith(f"À revoir{NB}: Pas encore")
    assert right.message == corriger("edenred-souvent-heureux", "31 %").message


@pytest.mark.parametrize("untouched", [..., None])
def test_verifier_on_the_untouched_starter_gives_the_hint(untouched):
    feedback = verifier("chiffres-non-verifies", untouched)
    assert repr(feedback) == (
        f"À revoir{NB}: Pas encore de réponse{NB}: remplacez «{NB}...{NB}» par votre "
        "réponse, puis relancez la cellule."
    )


def test_verifier_html_is_a_status_box_with_the_escaped_message():
    feedback = verifier("chiffres-non-verifies", "<script>alert(1)</script>")
    box = feedback._repr_html_()
    assert box.startswith('<div class="transfonum-feedback" role="status" aria-live="polite"')
    assert "<strong>À revoir</strong>" in box
    assert "&lt;script&gt;" in box and "<script" not in box
    assert "<script>" in repr(feedback)  # plain text: entities decoded, nothing is rendered
    assert "#D55E00" in box and "#009E73" in verifier("chiffres-non-verifies", KEYS["chiffres-non-verifies"].expected)._repr_html_()


@pytest.mark.parametrize("bad_id", ["inconnu", None])
def test_unknown_exercise_is_an_author_error(bad_id):
    with pytest.raises(LookupError):
        verifier(bad_id, "1")
    with pytest.raises(LookupError):
        exercice(bad_id)


# --- explorateur ----------------------------------------------------------------------

def _recording_draw(calls: list[dict]):
    def dessiner(annee: int, statut: str) -> alt.Chart:
        calls.append({"annee": annee, "statut": statut})
        frame = pd.DataFrame({"annee": [annee], "statut": [statut]})
        return alt.Chart(frame).mark_bar().encode(x="annee:O", y="count()").properties(
            title=f"Billets {annee} ({statut})")
    return dessiner


def _output_text(explorer: tw.Explorateur) -> str:
    assert len(explorer.sortie.outputs) == 1
    # A chart's output holds its Vega-Lite spec (a dict) beside its text.
    return "\n".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                     for v in explorer.sortie.outputs[0]["data"].values())


def test_explorer_redraws_when_a_slider_moves():
    calls: list[dict] = []
    explorer = explorateur(_recording_draw(calls), annee=(2012, 2014), statut=["confirme", "differe"])
    assert isinstance(explorer, widgets.Widget)
    assert isinstance(explorer.champs["annee"], widgets.IntSlider)
    assert isinstance(explorer.champs["statut"], widgets.Dropdown)
    assert calls == [{"annee": 2012, "statut": "confirme"}]
    assert "Billets 2012 (confirme)" in _output_text(explorer)

    explorer.champs["annee"].value = 2013
    assert calls[-1] == {"annee": 2013, "statut": "confirme"}
    assert "Billets 2013 (confirme)" in _output_text(explorer)
    assert "Billets 2012" not in _output_text(explorer)

    explorer.champs["statut"].value = "differe"
    assert calls[-1] == {"annee": 2013, "statut": "differe"}
    assert "Billets 2013 (differe)" in _output_text(explorer)


def test_explorer_accepts_widgets_and_float_ranges():
    seen = []
    slider = widgets.FloatSlider(value=0.5, min=0, max=1)
    explorer = explorateur(lambda seuil, part: seen.append((seuil, part)) or "ok",
                           seuil=slider, part=(0.0, 1.0))
    assert explorer.champs["seuil"] is slider and slider.description == "seuil"
    assert isinstance(explorer.champs["part"], widgets.FloatSlider)
    slider.value = 0.75
    assert seen[-1] == (0.75, 0.0)


def test_explorer_shows_a_message_when_drawing_fails():
    def dessiner(annee):
        if annee > 2012:
            raise ValueError("<b>pas de données</b>")
        return "ok"

    explorer = explorateur(dessiner, annee=(2012, 2014))
    explorer.champs["annee"].value = 2014
    shown = _output_text(explorer)
    assert "Le graphique n’a pas pu être dessiné" in shown and "annee = 2014" in shown
    assert "<b>" not in shown


@pytest.mark.parametrize("bad", [{}, {"annee": "2012"}, {"annee": (1,)}, {"annee": []}, {"annee": (True, False)}])
def test_explorer_refuses_unusable_settings(bad):
    with pytest.raises(TypeError) as err:
        explorateur(lambda **kw: None, **bad)
    assert "explorateur()" in str(err.value)
