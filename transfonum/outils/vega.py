"""Le moteur Vega du site (Vega seul : les explorateurs sont compilés en Vega à la
construction), écrit par vl-convert, dont le bundle accompagne la version de Vega-Lite
qu'écrit Altair.

Il vit une fois dans le dépôt, ``transfonum/vega/transfonum-vega.js`` : le site le sert
depuis ``_static`` (:mod:`transfonum.site.vega`), sans rien demander à un autre serveur ;
les carnets n'en ont pas besoin (JupyterLab dessine lui-même Vega-Lite). Un test vérifie
qu'il est bien celui que vl-convert écrit pour les versions installées ::

    python -m transfonum.outils.vega      # le réécrire après une mise à jour d'Altair ou de vl-convert
"""

from __future__ import annotations

import sys

from transfonum.graphiques import version_vega_lite
from transfonum.site.vega import BUNDLE_VEGA, EVENEMENT_PRET


def code_du_bundle(version_vega: str) -> str:
    """Le code que vl-convert met dans le bundle : il prend de Vega la vue et l'analyseur
    de spécifications, les pose sur ``window.vega`` et annonce qu'ils sont là. vl-convert
    lit l'adresse du module Vega dans sa propre copie (rien n'est téléchargé) et n'écrit
    que ce que ce code appelle : ni le compilateur Vega-Lite, ni vega-embed. (Son nom
    ``vega`` du bundle standard ne vaut rien : vl-convert l'importe comme un défaut, que
    Vega n'a pas.)"""
    module = f"https://cdn.jsdelivr.net/npm/vega@{version_vega}/+esm"
    return (f'import {{ View, parse }} from "{module}";\n'
            "window.vega = { View, parse };\n"
            f'window.dispatchEvent(new Event("{EVENEMENT_PRET}"));\n')


def bundle() -> str:
    """Le texte du bundle que vl-convert écrit pour les versions installées."""
    import vl_convert

    version = vl_convert.get_vega_version()
    tampon = f"/* transfonum: vl-convert {vl_convert.__version__}, Vega {version} */\n"
    return tampon + vl_convert.javascript_bundle(snippet=code_du_bundle(version), vl_version=version_vega_lite())


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
