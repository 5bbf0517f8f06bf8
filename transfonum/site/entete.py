"""L'en-tête de chaque page, sans rien taper page par page :

- :func:`description` : la ``<meta name="description">`` d'une page, tirée de son premier
  paragraphe (l'accroche d'un chapitre), coupée proprement entre deux mots ;
- :func:`favicon_svg` : l'icône du site, dessinée par le kit aux couleurs de
  :data:`transfonum.graphiques.PALETTE` et écrite à chaque construction
  (:func:`ecrire_favicon`).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes

from transfonum.graphiques import PALETTE

#: Longueur au plus d'une description (ce que montrent les moteurs de recherche).
LONGUEUR_DESCRIPTION = 160
#: Un paragraphe pris dans l'un de ces éléments n'est pas l'accroche de la page.
HORS_ACCROCHE = (nodes.Admonition, nodes.topic, nodes.sidebar, nodes.table, nodes.figure,
                 nodes.footnote, nodes.citation, nodes.definition_list, nodes.field_list,
                 nodes.container, nodes.raw, nodes.comment)
NOM_FAVICON = "transfonum-favicon.svg"
#: Le nom des pages que Sphinx écrit sans document source.
NOMS_PAGES_SPECIALES = {"search": "Recherche", "genindex": "Index"}


def couper(texte: str, longueur: int = LONGUEUR_DESCRIPTION) -> str:
    """``texte`` sur une ligne, ``longueur`` caractères au plus : entier s'il est assez
    court, sinon jusqu'à la fin d'une phrase s'il en finit une dans les deux derniers tiers,
    sinon coupé entre deux mots, points de suspension compris."""
    texte = re.sub(r"\s+", " ", texte).strip()
    if len(texte) <= longueur:
        return texte
    debut = texte[: longueur]
    fins = [m.end() for m in re.finditer(r"[.!?…](?= )", debut)]
    if fins and fins[-1] >= longueur // 3:
        return debut[: fins[-1]]
    coupe = texte[: longueur - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-\u00a0«(")
    return coupe + "…"


def _dans_le_corps(paragraphe: nodes.paragraph) -> bool:
    parent = paragraphe.parent
    while parent is not None:
        if isinstance(parent, HORS_ACCROCHE):
            return False
        parent = parent.parent
    return True


def description(doctree: nodes.document | None, repli: str) -> str:
    """La description d'une page : son premier paragraphe de texte courant, coupé ; sinon
    ``repli`` (pages sans texte propre : index, recherche)."""
    if doctree is not None:
        for paragraphe in doctree.findall(nodes.paragraph):
            texte = paragraphe.astext().strip()
            if texte and _dans_le_corps(paragraphe):
                return couper(texte)
    return couper(repli)


def balise_description(texte: str) -> str:
    return f'<meta name="description" content="{html.escape(texte, quote=True)}" />\n'


def ajouter_description(app, pagename: str, context: dict, doctree) -> None:
    """Ajoute la description de la page à ses balises ``<meta>`` (``html-page-context``)."""
    nom = context.get("title") or NOMS_PAGES_SPECIALES.get(pagename, "")
    repli = f"{nom} — {context.get('docstitle') or app.config.html_title}".strip(" —")
    context["metatags"] = context.get("metatags", "") + balise_description(description(doctree, repli))


def favicon_svg() -> str:
    """L'icône du site : trois barres montantes (des chiffres qui se lisent) sur le bleu du
    kit, la dernière à la couleur de comparaison."""
    fond, barre, accent = PALETTE["accent"], PALETTE["fond"], PALETTE["second"]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="6" fill="{fond}"/>'
        f'<rect x="6" y="17" width="5" height="9" rx="1" fill="{barre}"/>'
        f'<rect x="13.5" y="11" width="5" height="15" rx="1" fill="{barre}"/>'
        f'<rect x="21" y="6" width="5" height="20" rx="1" fill="{accent}"/>'
        "</svg>\n"
    )


def ecrire_favicon(dossier: Path) -> Path:
    """Écrit l'icône dans ``dossier`` (celui de la construction) ; renvoie son chemin, que
    ``html_favicon`` nomme et que Sphinx copie dans ``_static``."""
    dossier.mkdir(parents=True, exist_ok=True)
    chemin = dossier / NOM_FAVICON
    if not chemin.exists() or chemin.read_text(encoding="utf-8") != favicon_svg():
        chemin.write_text(favicon_svg(), encoding="utf-8")
    return chemin
