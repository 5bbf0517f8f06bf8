"""Le site se suffit, et ne charge Vega que là où il sert : les graphiques sans paramètre
sont dessinés à la construction (SVG en ligne, :func:`transfonum.graphiques.rendu_site`) ;
les pages qui ont un explorateur reçoivent le petit script des explorateurs, qui charge le
bundle Vega du kit (:data:`transfonum.graphiques.BUNDLE_VEGA`, servi depuis ``_static``)
quand un explorateur approche de l'écran.
"""

from __future__ import annotations

from pathlib import Path

from transfonum.graphiques import BUNDLE_VEGA, CLASSE_EXPLORATEUR

#: Le dossier à servir dans ``_static`` (il ne contient que le bundle).
DOSSIER_BUNDLE: Path = BUNDLE_VEGA.parent
#: Le script des explorateurs (``site/static/``) ; il cherche le bundle à côté de lui.
SCRIPT_EXPLORATEURS = "transfonum-explorateurs.js"


def a_un_explorateur(corps: str) -> bool:
    """La page (son HTML) contient-elle un explorateur (un graphique à paramètres) ?"""
    return CLASSE_EXPLORATEUR in corps
