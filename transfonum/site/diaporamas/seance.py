"""Le plan de séance d'un chapitre (``book/enseigner/seance-<chapitre>.md``), lu dans son
arbre : les objectifs (première colonne du tableau de la section « Objectifs et
exercices ») et les étapes du tableau « Déroulé » (durée, étape, ce que font l'enseignant
et les étudiants, support). Le diaporama s'ouvre sur ces objectifs et tire ses notes de
ces étapes ; sans plan (édition étudiante, chapitre nouveau), les objectifs sont ceux de
la section « Objectifs d'apprentissage » du chapitre.

Un plan à qui manque une de ces sections arrête la construction avec un message qui dit
quel fichier corriger et comment."""

from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes
from sphinx.errors import SphinxError

#: Les sections du plan et du chapitre lues ici, par leur titre.
TITRE_DEROULE = "Déroulé"
TITRE_OBJECTIFS = "Objectifs et exercices"
TITRE_OBJECTIFS_CHAPITRE = "Objectifs d’apprentissage"
#: Les colonnes du tableau « Déroulé » (apostrophes typographiques, comme dans l'arbre).
DUREE, ETAPE = "Durée (min)", "Étape"
COLONNES_NOTES = ("L’enseignant", "Les étudiants", "Support")


class ErreurDiaporama(SphinxError):
    """Le plan de séance ou le chapitre ne permettent pas d'écrire le diaporama."""

    category = "Diaporama"


def document_seance(chapitre: str) -> str:
    """Le nom Sphinx du plan de séance d'un chapitre (``cdo`` → ``book/enseigner/seance-cdo``)."""
    return f"book/enseigner/seance-{chapitre}"


def document_cas(chapitre: str) -> str:
    """Le nom Sphinx du cas d'un chapitre (``cdo`` → ``book/enseigner/cas-cdo``)."""
    return f"book/enseigner/cas-{chapitre}"


@dataclass
class Etape:
    """Une ligne du tableau « Déroulé » : son nom, sa durée et ses cases (nœuds ``entry``)
    par en-tête de colonne ; ``ligne`` : la ligne du tableau dans l'arbre du plan."""

    nom: str
    duree: str
    cases: dict[str, nodes.entry]
    ligne: nodes.row


@dataclass
class Seance:
    """Ce que le diaporama prend d'un plan de séance."""

    document: str
    objectifs: list[nodes.Node]
    etapes: list[Etape] = field(default_factory=list)
    tableau: nodes.table | None = None


def _normal(texte: str) -> str:
    return " ".join(texte.replace("'", "’").split())


def section_titree(arbre: nodes.Node, titre: str) -> nodes.section | None:
    """La première section de ``arbre`` dont le titre est ``titre``."""
    return next((s for s in arbre.findall(nodes.section)
                 if s.children and isinstance(s[0], nodes.title) and _normal(s[0].astext()) == _normal(titre)), None)


def _lignes(table: nodes.table) -> tuple[list[str], list[nodes.row]]:
    """Les en-têtes (texte) et les lignes du corps d'un tableau."""
    tete = next(table.findall(nodes.thead), None)
    entetes = [_normal(c.astext()) for c in tete.findall(nodes.entry)] if tete else []
    corps = next(table.findall(nodes.tbody), None)
    return entetes, [r for r in corps.children if isinstance(r, nodes.row)] if corps else []


def _tableau(section: nodes.section | None, source: str, titre: str) -> nodes.table:
    table = section.next_node(nodes.table) if section is not None else None
    if table is None:
        raise ErreurDiaporama(
            f"{source} : il manque la section « {titre} » et son tableau, dont le diaporama du chapitre "
            f"a besoin ; ajoutez-la (voir un autre plan de séance, par exemple book/enseigner/seance-cdo.md).")
    return table


def lire_seance(arbre: nodes.document, document: str) -> Seance:
    """Les objectifs et les étapes du plan de séance ``document`` (son arbre : ``arbre``).
    Lève :class:`ErreurDiaporama` si une section ou une colonne manque."""
    source = f"{document}.md"
    entetes, lignes = _lignes(_tableau(section_titree(arbre, TITRE_OBJECTIFS), source, TITRE_OBJECTIFS))
    objectifs = [ligne[0].deepcopy().children for ligne in lignes]
    table = _tableau(section_titree(arbre, TITRE_DEROULE), source, TITRE_DEROULE)
    entetes, lignes = _lignes(table)
    manque = [c for c in (DUREE, ETAPE, *COLONNES_NOTES) if c not in entetes]
    if manque:
        raise ErreurDiaporama(f"{source}, tableau « {TITRE_DEROULE} » : colonne(s) manquante(s) "
                              + ", ".join(f"« {c} »" for c in manque) + ".")
    etapes = []
    for ligne in lignes:
        cases = dict(zip(entetes, ligne.children))
        # Le nom de l'étape : le premier paragraphe de sa case (le suivant, s'il y en a un,
        # est le renvoi aux diapositives que le diaporama y ajoute).
        nom = cases[ETAPE].next_node(nodes.paragraph) or cases[ETAPE]
        etapes.append(Etape(_normal(nom.astext()), _normal(cases[DUREE].astext()), cases, ligne))
    return Seance(document, [n for groupe in objectifs for n in groupe], etapes, table)


def objectifs_du_chapitre(arbre: nodes.document, chapitre: str) -> list[nodes.Node]:
    """Les objectifs de la section « Objectifs d'apprentissage » d'un chapitre (les
    éléments de sa liste), quand il n'a pas de plan de séance. Lève
    :class:`ErreurDiaporama` s'il n'en a pas."""
    section = section_titree(arbre, TITRE_OBJECTIFS_CHAPITRE)
    liste = section.next_node(nodes.bullet_list) if section is not None else None
    if liste is None:
        raise ErreurDiaporama(
            f"book/{chapitre}.md : ni plan de séance ({document_seance(chapitre)}.md) ni section "
            f"« Objectifs d'apprentissage » avec sa liste : le diaporama s'ouvre sur les objectifs ; "
            f"ajoutez l'un ou l'autre.")
    return [p for item in liste.children for p in item.children]
