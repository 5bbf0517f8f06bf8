"""Le site se suffit : le bundle Vega du kit (:data:`transfonum.graphiques.BUNDLE_VEGA`,
un seul fichier du dépôt) est servi depuis ``_static`` et chargé, en script module, sur
les seules pages qui ont un graphique (:func:`transfonum.graphiques.html_graphique`
l'attend avant de dessiner).
"""

from __future__ import annotations

from pathlib import Path

from transfonum.graphiques import BUNDLE_VEGA

#: Le dossier à servir dans ``_static`` (il ne contient que le bundle), et son nom.
DOSSIER_BUNDLE: Path = BUNDLE_VEGA.parent
NOM_BUNDLE = BUNDLE_VEGA.name
#: Classe d'un graphique du kit : sa présence dans une page charge le bundle.
MARQUE_GRAPHIQUE = "transfonum-chart"


def a_un_graphique(corps: str) -> bool:
    """La page (son HTML) contient-elle un graphique du kit ?"""
    return MARQUE_GRAPHIQUE in corps
