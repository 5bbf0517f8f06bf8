"""Une interface française et sans commande morte :

- :class:`TraductionInvites` : les invites de repli des cellules (« Afficher le code ») ;
- :class:`EspacesFrancaises` : l'espace insécable de :func:`transfonum.fr.espaces_francaises`
  dans toute la prose (texte collé et bibliographies compris, jamais dans le code) ;
- :func:`verifier_notes` : une note appelée par ``{footcite}`` doit exister sur la page ;
- :func:`sans_thebe` : les scripts de Thebe (code en direct, désactivé ici) sont retirés ;
- :func:`visiter_cellule_repliee` : le résumé d'une cellule repliée sans ``aria-label``
  anglais ;
- :class:`TitresDeSolution` : « Solution de l’exercice 1.1 » ;
- :func:`installer_catalogue` : les textes du thème que son catalogue français laisse en
  anglais (``site/locale/``).

Les autres textes anglais du thème sont remplacés par ses gabarits (``site/modeles/``) ;
ce qui ne peut l'être est déclaré dans :mod:`~transfonum.site.correctifs`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_exercise.nodes import solution_node
from sphinx.util import logging

from transfonum import fr

JOURNAL = logging.getLogger(__name__)
#: Les catalogues du kit (``<langue>/LC_MESSAGES/<domaine>.po``), qui complètent ceux du thème.
CATALOGUES: Path = Path(__file__).resolve().parent / "locale"
#: Mots français pour le ``{type}`` que myst-nb met dans les invites de repli.
TYPES_INVITE = {
    "source": "le code", "output": "le résultat", "outputs": "le résultat",
    "content": "la cellule",
}


class TraductionInvites(SphinxPostTransform):
    """Met en français les invites de repli des cellules de code (« Afficher {type} »)."""

    default_priority = 200  # après HideInputCells de myst-nb (199), qui remplit {type}
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for noeud in self.document.findall(HideCodeCellNode):
            for cle in ("prompt_show", "prompt_hide"):
                verbe, _, genre = noeud[cle].rpartition(" ")
                if genre in TYPES_INVITE:
                    noeud[cle] = f"{verbe} {TYPES_INVITE[genre]}"


def _ancetres(noeud: nodes.Node) -> Iterator[nodes.Node]:
    noeud = noeud.parent
    while noeud is not None:
        yield noeud
        noeud = noeud.parent


class EspacesFrancaises(SphinxPostTransform):
    """La typographie française dans la prose, quel que soit le clavier de l'auteur :
    espace insécable avant « : ; ? ! % » et dans les guillemets (jamais dans le code, les
    mathématiques ou le HTML brut). Une post-transformation, pour couvrir aussi le texte
    collé par ``glue`` et les bibliographies."""

    default_priority = 900  # après sphinxcontrib-bibtex et le glue de myst-nb
    EXCLUS = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math, nodes.comment)
    #: Une apostrophe qui finit un texte juste avant une balise (« l'**attention** ») : les
    #: guillemets intelligents de docutils ne voient pas la lettre qui suit et en font le
    #: guillemet fermant du français, « ” ». Elle redevient apostrophe, sauf si le texte
    #: ouvre vraiment des guillemets « “ ».
    APOSTROPHE_PRISE_POUR_GUILLEMET = re.compile(r"(?<=[^\W\d_])”$")

    def run(self, **kwargs) -> None:
        if not self.config.language.startswith("fr"):
            return
        for texte in list(self.document.findall(nodes.Text)):
            if any(isinstance(a, self.EXCLUS) for a in _ancetres(texte)):
                continue
            corrige = fr.espaces_francaises(str(texte))
            if "“" not in corrige and texte.next_node(descend=False, siblings=True) is not None:
                corrige = self.APOSTROPHE_PRISE_POUR_GUILLEMET.sub("’", corrige)
            if corrige != str(texte):
                texte.parent.replace(texte, nodes.Text(corrige))


def verifier_notes(app, doctree: nodes.document, docname: str) -> None:
    """Signale un appel de note (ou un ``{footcite}``) sans sa note sur la page :
    l'avertissement de MyST est coupé dans ``_config.yml``, parce qu'il part avant que
    ``{footbibliography}`` n'ait écrit les notes."""
    notes = {i for note in doctree.findall(nodes.footnote) for i in note["ids"]}
    for appel in doctree.findall(nodes.footnote_reference):
        if appel.get("refid") not in notes:
            nom = appel.get("refname") or appel.get("refid") or appel.astext()
            JOURNAL.warning(f"note de bas de page sans définition : « {nom} » "
                            "(un {footcite} demande un {footbibliography} sur la même page)",
                            location=appel)


def _est_thebe(fichier) -> bool:
    return "thebe" in (fichier.filename or "") or "THEBE" in fichier.attributes.get("body", "")


def sans_thebe(contexte: dict) -> None:
    """Retire de la page les scripts et styles de Thebe : le code en direct est coupé dans
    ce kit (aucune page ne propose un noyau qu'elle ne peut joindre), mais sphinx-thebe
    ajoute ses scripts quand même, et deux fois (une ``const`` déclarée deux fois est une
    erreur sur chaque page)."""
    for cle in ("script_files", "css_files"):
        contexte[cle] = [f for f in contexte.get(cle, []) if not _est_thebe(f)]


def visiter_cellule_repliee(self, noeud: HideCodeCellNode) -> None:
    """Le début d'une cellule repliée (remplace le visiteur de myst-nb, qui donne au résumé
    l'``aria-label`` anglais « Toggle hidden content ») : le résumé a un texte visible
    (« Afficher le code »), et c'est son nom pour les lecteurs d'écran et la commande vocale."""
    classes = " ".join(noeud["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(noeud["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(noeud["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def quitter_cellule_repliee(self, noeud: HideCodeCellNode) -> None:
    """La fin d'une cellule repliée."""
    self.body.append("</details>\n")


class TitresDeSolution(SphinxPostTransform):
    """« Solution de l’exercice 1.1 » : sphinx-exercise écrit « Solution de » (son catalogue
    français) puis le lien « Exercice 1.1 (…) ». Un titre qui n'a plus cette forme est
    signalé (un avertissement arrête la construction stricte)."""

    default_priority = 30  # après la résolution des titres par sphinx-exercise (21, 22)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if self.config.exercise_style == "solution_follow_exercise":  # « Solution », sans renvoi
            return
        for solution in self.document.findall(solution_node):
            titre = solution.next_node(nodes.title)
            lien = titre.next_node(nodes.reference) if titre is not None else None
            texte = lien.next_node(nodes.Text) if lien is not None else None
            if texte is None or not str(texte).lstrip().startswith("Exercice "):
                JOURNAL.warning("titre de solution inattendu (sphinx-exercise a changé ?) : "
                                f"« {solution.astext()[:60]} » ; attendu « Solution de » puis le lien « Exercice … »",
                                location=solution)
                continue
            debut = str(texte)[: len(str(texte)) - len(str(texte).lstrip())]
            texte.parent.replace(texte, nodes.Text(debut + "l’exercice " + str(texte).lstrip()[len("Exercice "):]))


def installer_catalogue(app, dossier: Path) -> None:
    """Compile les catalogues du kit (``.po``) dans ``dossier`` (sous le dossier de
    construction : rien n'est écrit dans le dépôt) et les ajoute après ceux des
    extensions et du thème, pour la langue du livre."""
    for source in CATALOGUES.glob("*/LC_MESSAGES/*.po"):
        cible = dossier / source.relative_to(CATALOGUES).with_suffix(".mo")
        cible.parent.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as entree:
            catalogue = read_po(entree, locale=source.parts[-3])
        with cible.open("wb") as sortie:
            write_mo(sortie, catalogue)
        app.add_message_catalog(source.stem, str(dossier))
