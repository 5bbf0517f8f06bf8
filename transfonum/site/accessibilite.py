"""Des pages que les lecteurs d'écran et les contrôles d'accessibilité (axe) lisent sans
faute, et les couleurs de ``static/transfonum.css`` (contrastes d'au moins 4,5:1 en thème
clair et sombre).

Chaque correction passe par la couche qui convient :

- les gabarits du kit (``site/modeles/``) : le bouton de recherche qui montre
  « Recherche Ctrl+K » n'a pas d'``aria-label`` différent de son texte visible, le
  sommaire du livre a un nom français ;
- un visiteur de nœud (:func:`visiter_citation`) : les entrées de la bibliographie sont
  des éléments de la liste qui les contient (le rôle ``doc-biblioentry``, déconseillé,
  que docutils leur donne, est remplacé) ;
- une post-transformation (:class:`EntetesVides`) : la case d'en-tête vide que pandas
  écrit au coin de ses tableaux devient une case ordinaire, sur la page comme dans le
  diaporama, qui lit l'arbre du document ;
- les correctifs déclarés (:mod:`~transfonum.site.correctifs`) pour ce que le thème
  écrit dans son code : la colonne du sommaire devient une région complémentaire nommée,
  le triangle qui déplie une partie du sommaire a un nom.

Le nom des auto-évaluations (unique dans la page) est donné par
:mod:`~transfonum.site.autoevaluation` ; celui des cellules repliées, par
:mod:`~transfonum.site.interface`.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.writers._html_base import HTMLTranslator
from sphinx.transforms.post_transforms import SphinxPostTransform

#: Une case d'en-tête sans texte (``<th></th>``, ``<th class="blank">&nbsp;</th>``).
ENTETE_VIDE = re.compile(r"<th(\s[^>]*)?>\s*(?:&nbsp;)?\s*</th>")


def sans_entete_vide(html: str) -> str:
    """``html`` dont chaque case d'en-tête vide est devenue une case ordinaire."""
    return ENTETE_VIDE.sub(lambda m: f"<td{m.group(1) or ''}></td>", html)


class EntetesVides(SphinxPostTransform):
    """Dans les sorties HTML des cellules (les tableaux de pandas), une case d'en-tête
    vide devient une case ordinaire : un en-tête sans texte n'annonce rien aux lecteurs
    d'écran (axe : ``empty-table-header``)."""

    default_priority = 400

    def run(self, **kwargs) -> None:
        for brut in self.document.findall(nodes.raw):
            if "html" not in brut.get("format", "").split():
                continue
            texte = brut.astext()
            corrige = sans_entete_vide(texte)
            if corrige != texte:
                brut.replace(brut.children[0], nodes.Text(corrige))


def visiter_citation(self, noeud: nodes.citation) -> None:
    """Le début d'une entrée de bibliographie : un élément de liste (``role="listitem"``)
    dans la liste que docutils ouvre avant la première entrée."""
    if not isinstance(noeud.previous_sibling(), type(noeud)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(noeud, "div", classes=[noeud.tagname], role="listitem"))


#: La fin d'une entrée : celle de docutils (qui ferme aussi la liste après la dernière).
quitter_citation = HTMLTranslator.depart_citation
