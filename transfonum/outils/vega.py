"""Le bundle Vega du kit (Vega, Vega-Lite et vega-embed en un seul script), écrit par
vl-convert pour la version de Vega-Lite qu'écrit Altair.

Il vit une fois dans le dépôt, ``transfonum/vega/transfonum-vega.js`` : le site le sert
depuis ``_static`` et les carnets le chargent une fois (:func:`transfonum.graphiques.activer`),
sans rien demander à un autre serveur. L'environnement léger des élèves n'a pas
vl-convert (84 Mio) : le fichier est donc gardé dans le dépôt, et un test vérifie qu'il
est bien celui que vl-convert écrit pour les versions installées ::

    python -m transfonum.outils.vega      # le réécrire après une mise à jour d'Altair ou de vl-convert
"""

from __future__ import annotations

import sys

import altair as alt

from transfonum.graphiques import BUNDLE_VEGA, SCRIPT_PRET


def version_vega_lite() -> str:
    """La version de Vega-Lite qu'écrit Altair, comme vl-convert la nomme (``"6.4"``)."""
    majeure, mineure = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"{majeure}.{mineure}"


def bundle() -> str:
    """Le texte du bundle que vl-convert écrit pour les versions installées."""
    import vl_convert

    version = version_vega_lite()
    tampon = f"/* transfonum: vl-convert {vl_convert.__version__}, Vega-Lite {version} */\n"
    return tampon + vl_convert.javascript_bundle(snippet=SCRIPT_PRET, vl_version=version)


def main() -> int:
    """Réécrit le bundle du dépôt s'il a changé ; renvoie le code de sortie."""
    texte = bundle()
    if BUNDLE_VEGA.exists() and BUNDLE_VEGA.read_text(encoding="utf-8") == texte:
        print(f"{BUNDLE_VEGA.name} déjà à jour")
        return 0
    BUNDLE_VEGA.write_text(texte, encoding="utf-8")
    print(f"{BUNDLE_VEGA.name} réécrit ({len(texte.encode()) // 1024} Kio)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
