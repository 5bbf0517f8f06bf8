"""The one Vega bundle of the kit (transfonum/vega/) is the one vl-convert writes for the
installed Altair, with Vega only: the site serves it to its explorers, with no other host."""

from __future__ import annotations

import re

from transfonum.outils import vega
from transfonum.site.vega import BUNDLE_VEGA, EVENEMENT_PRET


def test_the_committed_bundle_is_the_one_vl_convert_writes():
    assert BUNDLE_VEGA.read_text(encoding="utf-8") == vega.bundle(), (
        "bundle périmé : lancez python -m transfonum.outils.vega")


def test_the_bundle_is_vega_alone_and_announces_itself():
    text = BUNDLE_VEGA.read_text(encoding="utf-8")
    assert EVENEMENT_PRET in text and re.search(r"window\.vega=\{View:[\w$]+,parse:[\w$]+\}", text)
    # Neither the Vega-Lite compiler nor vega-embed: the explorers arrive compiled.
    assert "vegaEmbed" not in text and "vega-lite" not in text.lower()
    assert "</script" not in text.lower()
    assert "cdn.jsdelivr" not in text
