"""Le site se suffit, et ne charge Vega que là où il sert : les graphiques sans paramètre
sont dessinés à la construction (SVG en ligne, :func:`transfonum.graphiques.rendu_site`) ;
les explorateurs y sont compilés de Vega-Lite en Vega (:func:`transfonum.graphiques.spec_vega`),
leurs commandes écrites dans la page (:mod:`transfonum.commandes`), et les pages qui en ont
un reçoivent le petit script des explorateurs, qui charge le moteur Vega du kit
(:data:`BUNDLE_VEGA`, servi depuis ``_static`` : Vega seul, sans le compilateur Vega-Lite
ni vega-embed) au premier usage d'un explorateur.
"""

from __future__ import annotations

from pathlib import Path

from transfonum.graphiques import CLASSE_EXPLORATEUR

#: Le moteur Vega du site (écrit par :mod:`transfonum.outils.vega`), et l'événement qu'il
#: émet une fois chargé ; le script des explorateurs l'attend avant de dessiner.
BUNDLE_VEGA: Path = Path(__file__).resolve().parents[1] / "vega" / "transfonum-vega.js"
EVENEMENT_PRET = "transfonum:vega-ready"
#: Le dossier à servir dans ``_static`` (il ne contient que le bundle).
DOSSIER_BUNDLE: Path = BUNDLE_VEGA.parent
#: Le script des explorateurs (``site/static/``) ; il cherche le bundle à côté de lui.
SCRIPT_EXPLORATEURS = "transfonum-explorateurs.js"


def a_un_explorateur(corps: str) -> bool:
    """La page (son HTML) contient-elle un explorateur (un graphique à paramètres) ?"""
    return CLASSE_EXPLORATEUR in corps
