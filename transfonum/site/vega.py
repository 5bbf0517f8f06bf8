"""Le site se suffit : un seul bundle Vega + Vega-Lite + vega-embed (fait par
``vl_convert.javascript_bundle``), écrit dans ``_static`` et chargé, en script module,
sur les seules pages qui ont un graphique (:func:`transfonum.graphiques.html_graphique`
l'attend avant de dessiner).
"""

from __future__ import annotations

from pathlib import Path

import altair as alt

#: Nom du bundle dans ``_static``.
BUNDLE_VEGA = "transfonum-vega.js"
#: Classe d'un graphique du kit : sa présence dans une page charge le bundle.
MARQUE_GRAPHIQUE = "transfonum-chart"
_PRET = (
    "window.vegaEmbed = vegaEmbed; window.vegaLite = vegaLite; window.vega = vega;\n"
    "window.dispatchEvent(new Event('transfonum:vega-ready'));\n"
)


def version_vega_lite() -> str:
    """La version de Vega-Lite qu'écrit Altair, comme vl-convert la nomme (``"6.4"``)."""
    majeure, mineure = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"{majeure}.{mineure}"


def ecrire_bundle_vega(dossier: Path) -> Path:
    """Écrit le bundle dans ``dossier``, sauf si un bundle identique y est déjà."""
    import vl_convert

    dossier.mkdir(parents=True, exist_ok=True)
    chemin = dossier / BUNDLE_VEGA
    version = version_vega_lite()
    tampon = f"/* transfonum: vl-convert {vl_convert.__version__}, Vega-Lite {version} */\n"
    if chemin.exists() and chemin.read_text(encoding="utf-8").startswith(tampon):
        return chemin
    bundle = vl_convert.javascript_bundle(snippet=_PRET, vl_version=version)
    chemin.write_text(tampon + bundle, encoding="utf-8")
    return chemin


def a_un_graphique(corps: str) -> bool:
    """La page (son HTML) contient-elle un graphique du kit ?"""
    return MARQUE_GRAPHIQUE in corps
