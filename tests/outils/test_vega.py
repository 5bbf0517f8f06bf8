"""The one Vega bundle of the kit (transfonum/vega/) is the one vl-convert writes for the
installed Altair: the site serves it and notebooks load it, with no other host."""

from __future__ import annotations

from transfonum.graphiques import BUNDLE_VEGA, EVENEMENT_PRET
from transfonum.outils import vega


def test_the_committed_bundle_is_the_one_vl_convert_writes():
    assert BUNDLE_VEGA.read_text(encoding="utf-8") == vega.bundle(), (
        "bundle périmé : lancez python -m transfonum.outils.vega")


def test_the_bundle_announces_itself_and_can_sit_inside_a_script_element():
    text = BUNDLE_VEGA.read_text(encoding="utf-8")
    assert EVENEMENT_PRET in text and "window.vegaEmbed" in text
    assert "</script" not in text.lower()
    assert "cdn.jsdelivr" not in text
