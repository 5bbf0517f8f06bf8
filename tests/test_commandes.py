"""An explorer's controls are written at build time (transfonum.commandes): in French, with
the chart's starting values, and the compiled spec loses its bindings (the page's script
links the controls to the signals)."""

from __future__ import annotations

import pytest

from transfonum import commandes


def _spec(*signaux: dict) -> dict:
    return {"$schema": "https://vega.github.io/schema/vega/v6.json", "signals": [{"name": "width"}, *signaux]}


def test_a_slider_shows_its_starting_value_in_french():
    spec, html, listes = commandes.separer(_spec(
        {"name": "note", "value": 3.5, "bind": {"input": "range", "min": 0, "max": 10, "step": 0.5, "name": "Note\u00a0: "}},
        {"name": "taille", "value": 5000, "bind": {"input": "range", "min": 50, "max": 5000, "step": 50}},
    ), "essai")
    assert '<span class="vega-bind-name">Note\u00a0: </span>' in html
    # The value is read once, in French: as the slider's value text, not as part of its name.
    assert ('<input type="range" name="note" min="0" max="10" step="0.5" value="3.5" aria-valuetext="3,5">'
            '<span class="vega-bind-value" aria-hidden="true">3,5</span>') in html
    assert 'aria-valuetext="5\u00a0000"><span class="vega-bind-value" aria-hidden="true">5\u00a0000</span>' in html
    assert '<span class="vega-bind-name">taille</span>' in html  # no name: the signal's
    assert [s.get("bind") for s in spec["signals"]] == [None, None, None]
    assert [s.get("value") for s in spec["signals"]] == [None, 3.5, 5000]
    assert listes == {}


def test_a_list_keeps_its_options_in_order_and_selects_the_start():
    spec, html, listes = commandes.separer(_spec(
        {"name": "phase", "value": "Croisière", "bind": {"input": "select", "options": ["Création", "Croisière"], "name": "Phase : "}},
    ), "essai")
    assert '<select name="phase"><option value="0">Création</option><option value="1" selected>Croisière</option></select>' in html
    assert listes == {"phase": ["Création", "Croisière"]}
    assert "bind" not in spec["signals"][1]


def test_a_list_shows_its_labels_or_its_values_in_french():
    _, html, listes = commandes.separer(_spec(
        {"name": "seuil", "value": 0.5, "bind": {"input": "select", "options": [0.5, 5000]}},
        {"name": "mode", "value": "a", "bind": {"input": "select", "options": ["a", "b"], "labels": ["Avant", "Bientôt"]}},
    ), "essai")
    assert '<option value="0" selected>0,5</option><option value="1">5\u00a0000</option>' in html
    assert '<option value="0" selected>Avant</option><option value="1">Bientôt</option>' in html
    assert listes == {"seuil": [0.5, 5000], "mode": ["a", "b"]}  # the chart reads the values


@pytest.mark.parametrize("valeur, texte", [(3.5, "3,5"), (1e-05, "0,00001"), (5000.0, "5\u00a0000"), (True, "oui")])
def test_a_value_is_shown_as_french_prose_writes_it(valeur, texte):
    assert commandes._valeur(valeur) == texte


def test_labels_and_options_take_typographic_apostrophes():
    _, html, _ = commandes.separer(_spec(
        {"name": "p", "value": "Impact d'ensemble", "bind": {"input": "select", "options": ["Impact d'ensemble"],
                                                              "name": "Maturité de l'entreprise : "}}), "essai")
    assert "l\u2019entreprise" in html and "Impact d\u2019ensemble" in html and "'" not in html


def test_a_label_or_option_cannot_inject_markup():
    _, html, _ = commandes.separer(_spec(
        {"name": "p", "value": "<b>", "bind": {"input": "select", "options": ["<b>"], "name": "<i>x</i>"}}), "essai")
    assert "<b>" not in html and "<i>" not in html and "&lt;b&gt;" in html


def test_a_spec_without_controls_is_left_as_it_is():
    spec = _spec({"name": "survol", "value": None})
    assert commandes.separer(spec, "essai") == (spec, "", {})


@pytest.mark.parametrize("signal, attendu", [
    ({"name": "coche", "value": True, "bind": {"input": "checkbox"}}, "est lié à une commande « checkbox »"),
    ({"name": "seuil", "bind": {"input": "range", "min": 0, "max": 2}}, "n'a pas de valeur de départ"),
    ({"name": "seuil", "value": 1, "bind": {"input": "range", "min": 0, "max": 2}}, "sans « min », « max » et « step »"),
    ({"name": "mode", "value": "a", "bind": {"input": "select", "options": ["a", "b"], "labels": ["A"]}},
     "ne répond pas à ses options une à une"),
    ({"name": "phase", "value": "Fin", "bind": {"input": "select", "options": ["Début"]}},
     "part de « Fin », qui n'est pas l'une de ses options"),
])
def test_a_control_the_site_cannot_write_stops_the_build_in_french(signal, attendu):
    with pytest.raises(ValueError) as erreur:
        commandes.separer(_spec(signal), "Le graphique des phases")
    assert str(erreur.value).startswith("Le graphique des phases : le paramètre « ")
    assert attendu in str(erreur.value)


def test_json_for_a_script_cannot_close_it():
    assert commandes.json_pour_script({"x": "</script>&"}) == '{"x":"\\u003c/script\\u003e\\u0026"}'
