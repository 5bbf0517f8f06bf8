"""Une interface française et sans commande morte :

- :class:`TraductionInvites` : les invites de repli des cellules (« Afficher le code ») ;
- :class:`EspacesFrancaises` : l'espace insécable de :func:`transfonum.fr.espaces_francaises`
  dans toute la prose (texte collé et bibliographies compris, jamais dans le code) ;
- :func:`verifier_notes` : une note appelée par ``{footcite}`` doit exister sur la page ;
- :func:`sans_thebe` : les scripts de Thebe (code en direct, désactivé ici) sont retirés ;
- :func:`traduire_pages` : les textes anglais que le thème, myst-nb, sphinx-exercise et
  sphinx-togglebutton écrivent en dur (infobulles, ``aria-label``, champ de recherche,
  « N rows × M columns » de pandas) passent en français dans les pages construites.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from transfonum import fr

JOURNAL = logging.getLogger(__name__)
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


#: Les textes anglais écrits en dur hors des catalogues de traduction, tels qu'ils
#: apparaissent dans le HTML construit, et leur traduction. Liste explicite : un texte
#: nouveau est refusé par ``tests/site/test_interface_francaise.py`` jusqu'à ce qu'il y soit.
TRADUCTIONS_HTML = {
    # Le résumé d'une cellule repliée a un texte visible (« Afficher le code ») : c'est son
    # nom. Un aria-label différent le masquerait aux lecteurs d'écran (et à la commande vocale).
    '<summary aria-label="Toggle hidden content">': "<summary>",
    'title="Toggle primary sidebar"': 'title="Afficher ou masquer le sommaire du livre"',
    'title="Toggle secondary sidebar"': 'title="Afficher ou masquer le sommaire de la page"',
    'aria-label="Toggle hidden content"': 'aria-label="Afficher ou masquer le contenu replié"',
    'aria-label="Main"': 'aria-label="Sommaire du livre"',
    'aria-label="Source repositories"': 'aria-label="Dépôt source"',
    'alt="Binder logo"': 'alt="Logo de Binder"',
    '<span class="btn__text-container">Repository</span>':
        '<span class="btn__text-container">Dépôt</span>',
    "© Copyright ": "© ",
    "Search this book...": "Rechercher dans ce livre…",
}
#: La même chose pour les scripts du thème qui écrivent ces textes dans la page.
TRADUCTIONS_JS = {
    "togglebutton.js": {'aria-label="Toggle hidden content"':
                        'aria-label="Afficher ou masquer le contenu replié"'},
}
#: Le pied de tableau de pandas (« 7 rows × 24 columns »).
PIED_PANDAS = re.compile(r"(\d+) rows × (\d+) columns")
#: sphinx-exercise écrit « Solution de » puis le lien « Exercice 1.1 (…) ».
TITRE_SOLUTION = re.compile(r"Solution de(<a [^>]*>)\s*Exercice ")


def traduire_html(html: str) -> str:
    """Le HTML d'une page, ses textes d'interface anglais passés en français."""
    for anglais, francais in TRADUCTIONS_HTML.items():
        html = html.replace(anglais, francais)
    html = PIED_PANDAS.sub(lambda m: f"{m[1]}\u00a0lignes × {m[2]}\u00a0colonnes", html)
    return TITRE_SOLUTION.sub(r"Solution de\1 l’exercice ", html)


def traduire_pages(app) -> None:
    """À la fin d'une construction HTML réussie, traduit les pages et les scripts du thème."""
    sortie = Path(app.outdir)
    for page in sortie.rglob("*.html"):
        texte = page.read_text(encoding="utf-8")
        traduit = traduire_html(texte)
        if traduit != texte:
            page.write_text(traduit, encoding="utf-8")
    for nom, traductions in TRADUCTIONS_JS.items():
        for script in (sortie / "_static").rglob(nom):
            texte = script.read_text(encoding="utf-8")
            traduit = texte
            for anglais, francais in traductions.items():
                traduit = traduit.replace(anglais, francais)
            if traduit != texte:
                script.write_text(traduit, encoding="utf-8")
