"""Les fichiers statiques du kit (``site/static/``), servis depuis ``_static``, et ses
gabarits (``site/modeles/``) : leur seule adresse dans le code."""

from __future__ import annotations

from pathlib import Path

#: Les gabarits du kit, placés avant ceux du thème (``templates_path``).
MODELES: Path = Path(__file__).resolve().parent / "modeles"
#: Le dossier copié dans ``_static``.
STATIQUE: Path = Path(__file__).resolve().parent / "static"
#: La feuille du site : mise en page des graphiques (SVG étroit ou large, explorateurs),
#: des auto-évaluations, des contrastes ; les diaporamas la chargent aussi.
FEUILLE_DE_STYLE = "transfonum.css"
#: La feuille d'impression : une page imprimée sans la navigation, figures entières.
FEUILLE_IMPRESSION = "transfonum-impression.css"
#: La feuille de la page de recherche (:mod:`~transfonum.site.recherche`) : les mots surlignés.
FEUILLE_RECHERCHE = "transfonum-recherche.css"
