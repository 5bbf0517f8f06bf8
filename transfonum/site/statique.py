"""Les fichiers statiques du kit (``site/static/``), servis depuis ``_static``, et ses
gabarits (``site/modeles/``) : leur seule adresse dans le code."""

from __future__ import annotations

import shutil
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


def recopier(dossiers: list[Path], destination: Path) -> list[Path]:
    """Recopie dans ``destination`` (le ``_static`` du site) les fichiers de ``dossiers``
    qui y diffèrent ; renvoie ceux qu'elle a recopiés. Les gabarits (``*_t``, que Sphinx
    remplit avec la configuration) et les fichiers cachés sont laissés à Sphinx."""
    recopies = []
    for dossier in dossiers:
        for fichier in sorted(p for p in dossier.rglob("*") if p.is_file()):
            relatif = fichier.relative_to(dossier)
            if fichier.name.endswith("_t") or any(partie.startswith(".") for partie in relatif.parts):
                continue
            cible = destination / relatif
            if cible.exists() and cible.read_bytes() == fichier.read_bytes():
                continue
            cible.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fichier, cible)
            recopies.append(cible)
    return recopies
