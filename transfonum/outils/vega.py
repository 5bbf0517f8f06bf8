"""Le moteur Vega du site (Vega seul : les explorateurs sont compilés en Vega à la
construction), écrit par vl-convert, dont le bundle accompagne la version de Vega-Lite
qu'écrit Altair.

Il vit une fois dans le dépôt, ``transfonum/vega/transfonum-vega.js`` : le site le sert
depuis ``_static`` (:mod:`transfonum.site.vega`), sans rien demander à un autre serveur ;
les carnets n'en ont pas besoin (JupyterLab dessine lui-même Vega-Lite). C'est un script
classique (le code de vl-convert enveloppé dans une fonction) : une page ouverte depuis le
disque le charge comme une page servie. Un test vérifie
qu'il est bien celui que vl-convert écrit pour les versions installées ::

    python -m transfonum.outils.vega      # le réécrire après une mise à jour d'Altair ou de vl-convert
"""

from __future__ import annotations

import sys

from transfonum.graphiques import version_vega_lite
from transfonum.site.vega import BUNDLE_VEGA, EVENEMENT_PRET


#: Les modules de Vega qu'emploie le site, aux versions que vl-convert garde en copie
#: (vl-convert 1.9 : Vega 6.2). Après une mise à jour de vl-convert, le test du bundle dit
#: si l'une manque ; ``strings`` sur sa bibliothèque donne les nouvelles.
MODULES_VEGA: dict[str, str] = {
    "vega-view": "6.1.0",            # la vue : rendu SVG, commandes, formats
    "vega-parser": "7.1.0",          # lit la spécification Vega compilée à la construction
    "vega-dataflow": "6.1.0",        # le registre des transformations
    "vega-transforms": "5.1.0",      # agrégats, filtres, formules, piles… (ce qu'écrit Vega-Lite)
    "vega-view-transforms": "5.1.0",  # mise en page des axes, légendes, titres
    "vega-encode": "5.1.0",          # échelles, axes, légendes
}


def code_du_bundle() -> str:
    """Le code que vl-convert met dans le bundle : la vue et l'analyseur de Vega, avec les
    seules transformations qu'écrit Vega-Lite (ni cartes, ni graphes de forces, ni nuages
    de mots), posés sur ``window.vega`` ; puis il annonce qu'ils sont là. vl-convert lit
    chaque adresse de module dans sa propre copie (rien n'est téléchargé) et n'écrit que ce
    que ce code appelle : ni le compilateur Vega-Lite ni vega-embed."""
    def module(nom: str) -> str:
        return f"https://cdn.jsdelivr.net/npm/{nom}@{MODULES_VEGA[nom]}/+esm"

    return (
        f'import {{ View }} from "{module("vega-view")}";\n'
        f'import {{ parse }} from "{module("vega-parser")}";\n'
        f'import {{ transforms }} from "{module("vega-dataflow")}";\n'
        f'import * as tx from "{module("vega-transforms")}";\n'
        f'import * as vtx from "{module("vega-view-transforms")}";\n'
        f'import * as encode from "{module("vega-encode")}";\n'
        "Object.assign(transforms, tx, vtx, encode);\n"
        "window.vega = { View, parse };\n"
        f'window.dispatchEvent(new Event("{EVENEMENT_PRET}"));\n'
    )


def bundle() -> str:
    """Le texte du bundle que vl-convert écrit pour les versions installées."""
    import vl_convert

    version = vl_convert.get_vega_version()
    tampon = f"/* transfonum: vl-convert {vl_convert.__version__}, Vega {version} */\n"
    code = vl_convert.javascript_bundle(snippet=code_du_bundle(), vl_version=version_vega_lite())
    # Un script classique, ses noms dans une fonction : le navigateur le charge aussi d'une
    # page ouverte depuis le disque (file://), où il refuse un module.
    return f"{tampon}(() => {{\n{code}\n}})();\n"


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
