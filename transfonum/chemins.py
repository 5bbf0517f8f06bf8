"""Les chemins du dépôt : leur seule adresse dans le code.

Chaque dossier est donné **relatif à la racine** (comme dans ``_config.yml`` et dans les
liens Binder), et :data:`RACINE` est la racine de la copie du dépôt où le paquet est
installé (en mode éditable : ``pip install -e .``). Pour un chemin absolu ::

    from transfonum.chemins import RACINE, carnet_etudiant
    RACINE / carnet_etudiant("cdo")      # …/exercises/cdo.ipynb
"""

from __future__ import annotations

from pathlib import Path

#: La racine de la copie du dépôt (le dossier qui contient ``transfonum/``).
RACINE: Path = Path(__file__).resolve().parent.parent
#: Le code du kit.
PAQUET: Path = Path("transfonum")

#: La table des matières du livre : la liste des pages (lue par :mod:`transfonum.sommaire`).
TABLE_DES_MATIERES: Path = Path("_toc.yml")
#: Le paquet de données Frictionless : chaque chiffre et sa provenance.
DONNEES: Path = Path("data")
#: Les chapitres (carnets MyST).
LIVRE: Path = Path("book")
#: Le cours : page du cours, programme, plans de séance et cas.
ENSEIGNER: Path = LIVRE / "enseigner"
#: Les carnets d'exercices : sources (à modifier), éditions élève et enseignant, clés.
EXERCICES: Path = Path("exercises")
SOURCES_CARNETS: Path = EXERCICES / "sources"
CORRIGES: Path = EXERCICES / "corriges"
CLES: Path = EXERCICES / "cles"
#: L'environnement léger des carnets (Binder, JupyterHub).
BINDER: Path = Path("binder")
#: Où la construction écrit le site, et l'édition étudiante (son propre cache).
CONSTRUCTION: Path = Path("_build")
EDITION_ETUDIANTE: Path = CONSTRUCTION / "etudiant"
#: Le site construit ; et, dans le site, les diaporamas des chapitres (écrits par la
#: construction) et leurs documents imprimables (écrits par ``make pdf``).
SITE: Path = CONSTRUCTION / "html"
#: Dans le dossier de construction (``_build/``, ou celui de ``--sortie``) : la
#: bibliographie tirée des données, écrite par la construction.
BIBLIOGRAPHIE: Path = Path("references.bib")
DIAPORAMAS: Path = Path("diapos")
IMPRESSIONS: Path = Path("impressions")


def carnet_etudiant(chapitre: str) -> Path:
    """Le carnet d'exercices que l'élève ouvre : ``exercises/<chapitre>.ipynb``."""
    return EXERCICES / f"{chapitre}.ipynb"


def carnet_corrige(chapitre: str) -> Path:
    """Le carnet corrigé de l'enseignant : ``exercises/corriges/<chapitre>.ipynb``."""
    return CORRIGES / f"{chapitre}.ipynb"


def source_carnet(chapitre: str) -> Path:
    """La source MyST des deux carnets : ``exercises/sources/<chapitre>.md``."""
    return SOURCES_CARNETS / f"{chapitre}.md"


def plan_de_seance(chapitre: str) -> Path:
    """Le plan de la séance d'un chapitre (édition enseignante) : ``book/enseigner/seance-<chapitre>.md``."""
    return ENSEIGNER / f"seance-{chapitre}.md"


def cas_du_chapitre(chapitre: str) -> Path:
    """Le cas d'un chapitre : ``book/enseigner/cas-<chapitre>.md``."""
    return ENSEIGNER / f"cas-{chapitre}.md"


def diaporama(chapitre: str) -> Path:
    """Le diaporama d'un chapitre, dans le site : ``diapos/<chapitre>.html``."""
    return DIAPORAMAS / f"{chapitre}.html"


def pdf_chapitre(chapitre: str) -> Path:
    """Le chapitre imprimable, dans le site : ``impressions/<chapitre>.pdf``."""
    return IMPRESSIONS / f"{chapitre}.pdf"


def pdf_page(page: str) -> Path:
    """Une page du livre imprimable, dans le site : ``book/enseigner/cas-cdo`` →
    ``impressions/enseigner/cas-cdo.pdf`` (``book/cdo`` → :func:`pdf_chapitre`)."""
    return IMPRESSIONS / Path(page).relative_to(LIVRE).with_suffix(".pdf")


def fiche_exercices(chapitre: str) -> Path:
    """La fiche d'exercices imprimable (sans solutions) : ``impressions/<chapitre>-exercices.pdf``."""
    return IMPRESSIONS / f"{chapitre}-exercices.pdf"
