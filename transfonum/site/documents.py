"""Les documents imprimables du livre, et le menu « Télécharger » qui les ouvre.

La liste vient de la table des matières (:mod:`transfonum.sommaire`), et de rien d'autre :

- un **chapitre** (une page d'une partie numérotée, ou une page de ``book/`` qui a un
  carnet d'exercices) : le chapitre en PDF, sa fiche d'exercices s'il a des exercices,
  son diaporama s'il est numéroté dans la table (écrit par la construction :
  :mod:`transfonum.site.diaporamas`) ;
- une **page du cours** (``book/enseigner/`` : la page du cours, le programme, les cas et
  leur grille), hors des pages réservées aux enseignants (les plans de séance) : la page
  en PDF.

Les PDF sont écrits par ``make pdf`` (:mod:`transfonum.outils.impression`) d'après
:func:`imprimes`. Sur chacune de ces pages, ces liens remplacent l'entrée « imprimer » du
thème ; les autres pages la gardent (la feuille d'impression du kit,
``static/transfonum-impression.css``, vaut pour toutes). La directive
``{documents-du-cours}`` écrit, sur la page du cours, la liste de tous ces PDF.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

from transfonum.chemins import (ENSEIGNER, LIVRE, TABLE_DES_MATIERES, carnet_etudiant, diaporama, fiche_exercices,
                               pdf_chapitre, pdf_page)
from transfonum.fr import INSECABLE, espaces_francaises
from transfonum.site.edition_etudiante import motifs_enseignants
from transfonum.sommaire import chapitres_du_sommaire, pages_du_sommaire

#: Le groupe de boutons « Télécharger » du thème, et son entrée « imprimer » (``window.print``).
GROUPE_THEME, IMPRIMER_THEME = "download-buttons", "download-pdf-button"


@dataclass(frozen=True)
class Imprime:
    """Une page du livre à imprimer : ``page`` (``book/cdo``), son PDF et, pour un
    chapitre, sa fiche d'exercices (chemins dans le site)."""

    page: str
    pdf: Path
    fiche: Path | None = None

    @property
    def chapitre(self) -> bool:
        """Est-ce un chapitre (un PDF de chapitre et, s'il a des exercices, une fiche) ?"""
        return self.fiche is not None


def imprimes(racine: Path) -> list[Imprime]:
    """Les pages à imprimer du livre ``racine``, dans l'ordre de sa table des matières : les
    chapitres, puis les pages du cours."""
    pages = pages_du_sommaire(racine / TABLE_DES_MATIERES)
    chapitres_numerotes = set(chapitres_du_sommaire(racine / TABLE_DES_MATIERES))
    reservees = motifs_enseignants(racine / "_config.yml")
    chapitres, cours = [], []
    for page in pages[1:]:
        chemin = Path(page)
        if chemin.parent == LIVRE and (page in chapitres_numerotes or (racine / carnet_etudiant(chemin.name)).exists()):
            chapitres.append(Imprime(page, pdf_chapitre(chemin.name), fiche_exercices(chemin.name)))
        elif chemin.parent == ENSEIGNER and not any(fnmatchcase(page, m) for m in reservees):
            cours.append(Imprime(page, pdf_page(page)))
    return chapitres + cours


def chapitre_de(pagename: str) -> str:
    """Le nom du chapitre d'une page (``book/cdo`` → ``cdo``)."""
    return pagename.rsplit("/", 1)[-1]


def a_un_diaporama(env, docname: str) -> bool:
    """La page est-elle un chapitre (numéroté dans la table des matières), qui a un
    diaporama (:mod:`transfonum.site.diaporamas`), avec ou sans carnet d'exercices ?"""
    return bool(env.toc_secnumbers.get(docname, {}).get(""))


def _a_des_exercices(doctree) -> bool:
    return any(True for _ in doctree.findall(lambda n: isinstance(n, (exercise_node, exercise_enumerable_node))))


def boutons(imprime: Imprime, pathto, exercices: bool, diapos: bool) -> list[dict]:
    """Les entrées du menu « Télécharger » d'une page à imprimer (``pathto`` : celui du
    contexte de la page, qui rend une adresse relative)."""
    if not imprime.chapitre:
        return [{"type": "link", "url": pathto(imprime.pdf.as_posix(), 1), "text": "Cette page (PDF)",
                 "tooltip": "La page à imprimer", "icon": "fas fa-file-pdf", "label": "transfonum-pdf-page"}]
    nom = Path(imprime.page).name
    entrees = [{"type": "link", "url": pathto(imprime.pdf.as_posix(), 1), "text": "Chapitre (PDF)",
                "tooltip": "Le chapitre à imprimer, avec ses graphiques", "icon": "fas fa-file-pdf",
                "label": "transfonum-pdf-chapitre"}]
    if exercices:
        entrees.append({"type": "link", "url": pathto(imprime.fiche.as_posix(), 1), "text": "Fiche d’exercices (PDF)",
                        "tooltip": "Les énoncés des exercices, avec de la place pour répondre, sans solutions",
                        "icon": "fas fa-pen", "label": "transfonum-fiche-exercices"})
    if diapos:
        entrees.append({"type": "link", "url": pathto(diaporama(nom).as_posix(), 1), "text": "Diaporama",
                        "tooltip": "Les objectifs, les graphiques, les exercices et les questions du chapitre, à projeter",
                        "icon": "fas fa-chalkboard", "label": "transfonum-diaporama"})
    return entrees


def ajouter_boutons(app, pagename: str, context: dict, doctree) -> None:
    """Remplace, sur une page à imprimer, l'entrée « imprimer » du thème par ses documents
    (ou les ajoute dans un groupe à eux si le thème n'en a pas)."""
    if doctree is None or "header_buttons" not in context:
        return
    racine = Path(app.srcdir)
    trouve = [i for i in imprimes(racine) if i.page == pagename]
    if not trouve:
        return
    diapos = a_un_diaporama(app.env, pagename)
    entrees = boutons(trouve[0], context["pathto"], _a_des_exercices(doctree), diapos)
    for groupe in context["header_buttons"]:
        if groupe.get("label") == GROUPE_THEME:
            groupe["buttons"] = [b for b in groupe["buttons"] if b.get("label") != IMPRIMER_THEME] + entrees
            return
    context["header_buttons"].append({"type": "group", "tooltip": "Documents de la page",
                                      "icon": "fas fa-download", "buttons": entrees,
                                      "label": "transfonum-documents"})


class documents_du_cours(nodes.General, nodes.Element):
    """La place de la liste des PDF ; remplie quand tous les titres sont connus."""


class DocumentsDuCours(SphinxDirective):
    """``{documents-du-cours}`` : la liste des PDF du livre (écrits par ``make pdf``)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(Path(self.env.app.srcdir) / "_toc.yml"))
        return [documents_du_cours()]


def _lien(texte: str, depuis: str, cible: Path) -> nodes.reference:
    adresse = posixpath.relpath(cible.as_posix(), posixpath.dirname(depuis) or ".")
    return nodes.reference("", texte, refuri=adresse, internal=False)


def remplir_documents_du_cours(app, doctree, docname: str) -> None:
    """Remplace chaque ``{documents-du-cours}`` de la page ``docname`` par la liste des PDF."""
    places = list(doctree.findall(documents_du_cours))
    if not places:
        return
    registre = getattr(app.env, "sphinx_exercise_registry", {})
    avec_exercices = {v.get("docname") for v in registre.values() if v.get("type") == "exercise"}
    liste = nodes.bullet_list(classes=["transfonum-documents-du-cours"])
    for imprime in imprimes(Path(app.srcdir)):
        # Après la transformation des espaces françaises : la liste les pose elle-même.
        titre = espaces_francaises(app.env.titles[imprime.page].astext() if imprime.page in app.env.titles
                                   else imprime.page)
        paragraphe = nodes.paragraph()
        if imprime.chapitre:
            paragraphe += nodes.Text(f"{titre}{INSECABLE}: ")
            paragraphe += _lien("chapitre", docname, imprime.pdf)
            if imprime.page in avec_exercices:
                paragraphe += nodes.Text(", ")
                paragraphe += _lien("fiche d’exercices", docname, imprime.fiche)
        else:
            paragraphe += _lien(titre, docname, imprime.pdf)
        paragraphe += nodes.Text(" (PDF).")
        liste += nodes.list_item("", paragraphe)
    for place in places:
        place.replace_self(liste.deepcopy())
