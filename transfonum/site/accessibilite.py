"""Des pages que les lecteurs d'écran et les contrôles d'accessibilité (axe) lisent sans
faute : quelques corrections du HTML que le thème et les extensions écrivent, faites à
la fin de la construction (:func:`corriger_pages`), et les couleurs de
``static/transfonum.css`` (contrastes d'au moins 4,5:1 en thème clair et sombre).

- le bouton de recherche qui montre « Recherche Ctrl+K » ne porte plus un nom différent
  de son texte visible (``aria-label`` retiré : son nom est son texte) ;
- le titre du livre, en haut du sommaire, est dans un repère (la colonne du sommaire
  devient une région complémentaire nommée) ;
- les entrées de la bibliographie sont des éléments de la liste qui les contient (le rôle
  ``doc-biblioentry``, déconseillé, est remplacé) ;
- une case d'en-tête de tableau vide (le coin d'un tableau à double entrée, celui d'un
  tableau de pandas) devient une case ordinaire ;
- le triangle qui déplie, dans le sommaire, les pages d'une partie (une icône seule) a un
  nom.

Le nom des auto-évaluations (unique dans la page) est donné par
:mod:`~transfonum.site.autoevaluation` ; celui des cellules repliées, par
:mod:`~transfonum.site.interface`.
"""

from __future__ import annotations

import re
from pathlib import Path

#: Le bouton « Recherche Ctrl+K » du thème (celui qui a un texte visible).
BOUTON_RECHERCHE = re.compile(r'(<button class="btn search-button-field[^"]*"[^>]*?)\s+aria-label="[^"]*"')
#: La colonne du sommaire (pydata-sphinx-theme), qui contient le titre du livre.
COLONNE_SOMMAIRE = re.compile(r'<div (id="pst-primary-sidebar" )?class="bd-sidebar-primary bd-sidebar"')
NOM_COLONNE = "Sommaire et recherche"
#: Le triangle du sommaire qui déplie les pages d'une partie, et son nom.
TRIANGLE_SOMMAIRE = '<summary><span class="toctree-toggle" role="presentation">'
NOM_TRIANGLE = "Afficher les pages de cette partie"
#: Une case d'en-tête vide.
ENTETE_VIDE = re.compile(r'<th(\s[^>]*)?>\s*(?:<p>\s*</p>|&nbsp;)?\s*</th>')


def corriger_html(html: str) -> str:
    """Le HTML d'une page, corrigé (voir le module) ; une page déjà corrigée ne change pas."""
    html = BOUTON_RECHERCHE.sub(r"\1", html)
    if 'role="complementary"' not in html:
        html = COLONNE_SOMMAIRE.sub(
            lambda m: m.group(0) + f' role="complementary" aria-label="{NOM_COLONNE}"', html, count=1)
    html = html.replace('role="doc-biblioentry"', 'role="listitem"')
    html = html.replace(TRIANGLE_SOMMAIRE, f'<summary aria-label="{NOM_TRIANGLE}">{TRIANGLE_SOMMAIRE[9:]}')
    return ENTETE_VIDE.sub(lambda m: f"<td{m.group(1) or ''}></td>", html)


def corriger_pages(app) -> None:
    """À la fin d'une construction HTML réussie, corrige chaque page du site construit."""
    sortie = Path(app.outdir)
    for page in sortie.rglob("*.html"):
        if "_static" in page.relative_to(sortie).parts:
            continue
        texte = page.read_text(encoding="utf-8")
        corrige = corriger_html(texte)
        if corrige != texte:
            page.write_text(corrige, encoding="utf-8")
