"""Les correctifs du HTML et des scripts du thème : ce que ni les gabarits
(``site/modeles/``), ni les catalogues, ni les événements de Sphinx ne permettent de
changer, déclaré ici en une seule table (:data:`CORRECTIFS`).

Chaque correctif dit d'où vient le texte qu'il corrige, dans quels fichiers du site
construit, ce qu'il remplace et combien de fois il doit le trouver. À la fin d'une
construction HTML, :func:`appliquer` les passe sur les pages écrites par cette
construction (et sur les scripts du thème) ; un correctif qui ne trouve pas ce qu'il
attend arrête la construction en le nommant : une mise à jour du thème qui change ce
balisage se voit tout de suite, au lieu de laisser passer en silence une page anglaise
ou inaccessible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.errors import ExtensionError


@dataclass(frozen=True)
class Correctif:
    """Un remplacement déclaré dans le site construit.

    ``fichiers`` : motif (``glob``) des fichiers visés, depuis la racine du site ;
    ``ancien`` : l'expression régulière cherchée ; ``nouveau`` : son remplacement (``\\1``
    permis) ; ``par_fichier`` : le nombre minimal de remplacements dans chaque fichier
    visé (au moins un) ; ``sauf`` : des fichiers visés où il n'a pas lieu d'être ;
    ``deja_fait`` : pour un fichier que Sphinx ne récrit pas à chaque construction (un
    script du thème), le texte qui montre que le correctif y est déjà passé ; ``temoin`` :
    pour un balisage que seules certaines pages contiennent, un motif plus large qui le
    repère, quelle que soit sa forme exacte : chaque fichier doit alors compter autant de
    remplacements que de témoins (aucun témoin : rien à corriger), au lieu de
    ``par_fichier`` ; ``sauf_option`` : une option du thème (``html_theme_options``) qui,
    vraie, rend le correctif inutile."""

    nom: str
    origine: str
    fichiers: str
    ancien: re.Pattern
    nouveau: str
    par_fichier: int = 1
    sauf: tuple[str, ...] = field(default=())
    deja_fait: str | None = None
    temoin: re.Pattern | None = None
    sauf_option: str | None = None

    def __post_init__(self) -> None:
        if self.par_fichier < 1:
            raise ValueError(f"correctif « {self.nom} » : par_fichier doit valoir au moins 1")


def _texte(litteral: str) -> re.Pattern:
    return re.compile(re.escape(litteral))


#: Les scripts de la recherche que le thème écrit dans l'en-tête de chaque page : seule la
#: page de recherche s'en sert, tant que la recherche à la frappe est désactivée. Son gabarit
#: (``site/modeles/search.html``) y ajoute celui du kit (:mod:`~transfonum.site.recherche`).
SCRIPTS_RECHERCHE = ("searchtools.js", "language_data.js", "searchindex.js")
#: La table : tout ce que le kit change dans ce que le thème a écrit.
CORRECTIFS: tuple[Correctif, ...] = (
    Correctif(
        nom="bouton-replie-js",
        origine="sphinx-togglebutton 0.4 (togglebutton.js, écrit les boutons des blocs repliés)",
        fichiers="_static/togglebutton.js",
        ancien=_texte('aria-label="Toggle hidden content"'),
        nouveau='aria-label="Afficher ou masquer le contenu replié"',
        deja_fait='aria-label="Afficher ou masquer le contenu replié"',
    ),
    Correctif(
        nom="bouton-menu-cache",
        origine="pydata-sphinx-theme 0.17 (sections/header.html : un bouton du sommaire que "
                "sphinx-book-theme cache, mais que les scripts des deux thèmes prennent pour le seul, "
                "si bien que le bouton visible n'ouvre pas le sommaire sur un téléphone)",
        fichiers="**/*.html",
        ancien=re.compile(r'[ \t]*<button class="pst-navbar-icon sidebar-toggle primary-toggle"[^>]*>\s*'
                          r'<span class="fa-solid fa-bars"></span>\s*</button>\n?'),
        nouveau="",
    ),
    Correctif(
        nom="colonne-sommaire",
        origine="pydata-sphinx-theme 0.17 (layout.html : la colonne du sommaire n'est dans aucun repère)",
        fichiers="**/*.html",
        ancien=re.compile(r'<div (id="pst-primary-sidebar" )?class="bd-sidebar-primary bd-sidebar"'),
        nouveau=r'\g<0> role="complementary" aria-label="Sommaire et recherche"',
    ),
    Correctif(
        nom="triangle-sommaire",
        origine="pydata-sphinx-theme 0.17 (toctree.py : le triangle qui déplie une partie n'a pas de nom)",
        fichiers="**/*.html",
        ancien=_texte('<summary><span class="toctree-toggle" role="presentation">'),
        nouveau='<summary aria-label="Afficher les pages de cette partie">'
                '<span class="toctree-toggle" role="presentation">',
        temoin=_texte('class="toctree-toggle"'),  # seulement si une partie a des pages
    ),
    Correctif(
        nom="script-icones",
        origine="pydata-sphinx-theme 0.17 (webpack-macros.html : fontawesome.js, 1,5 Mo, redessine en SVG "
                "des icônes que ses polices dessinent déjà)",
        fichiers="**/*.html",
        ancien=re.compile(r'[ \t]*<script defer src="[^"]*/fontawesome\.js(?:\?[^"]*)?"></script>\n?'),
        nouveau="",
    ),
    Correctif(
        nom="scripts-recherche",
        origine="pydata-sphinx-theme 0.17 (layout.html, bloc extrahead : l'index de recherche sur chaque page)",
        fichiers="**/*.html",
        ancien=re.compile(r'[ \t]*<script src="[^"]*(?:' + "|".join(map(re.escape, SCRIPTS_RECHERCHE))
                          + r')(?:\?[^"]*)?"></script>\n?'),
        nouveau="",
        par_fichier=len(SCRIPTS_RECHERCHE),
        sauf=("search.html",),
        sauf_option="search_as_you_type",  # la recherche à la frappe s'en sert sur chaque page
    ),
)


class CorrectifSansEffet(ExtensionError):
    """Un correctif n'a pas trouvé le texte qu'il corrige : le thème a changé."""


def _vises(correctif: Correctif, sortie: Path, pages: Iterable[Path] | None) -> list[Path]:
    """Les fichiers que vise ``correctif`` : pour les pages HTML (hors ``_static``), celles
    de ``pages`` si la liste est donnée (les pages que cette construction a écrites)."""
    fichiers = [f for f in sorted(sortie.glob(correctif.fichiers)) if f.name not in correctif.sauf]
    if correctif.fichiers.endswith(".html"):
        fichiers = [f for f in fichiers if "_static" not in f.relative_to(sortie).parts]
        if pages is not None:
            ecrites = {p.resolve() for p in pages}
            fichiers = [f for f in fichiers if f.resolve() in ecrites]
    return fichiers


def appliquer_correctif(correctif: Correctif, sortie: Path, pages: Iterable[Path] | None = None) -> int:
    """Passe ``correctif`` sur le site construit dans ``sortie`` (seulement sur ``pages``
    pour les pages HTML, si la liste est donnée) ; renvoie le nombre de remplacements
    (faits maintenant ou, pour ``deja_fait``, lors d'une construction précédente).

    Lève :class:`CorrectifSansEffet` si un fichier visé en compte moins que
    ``par_fichier``, ou si aucun fichier n'est visé (hors pages HTML d'une construction
    qui n'a écrit aucune d'elles)."""
    fichiers = _vises(correctif, sortie, pages)
    if not fichiers and not (pages is not None and correctif.fichiers.endswith(".html")):
        raise _sans_effet(correctif, f"aucun fichier {correctif.fichiers}")
    total, manquants = 0, []
    for fichier in fichiers:
        texte = fichier.read_text(encoding="utf-8", errors="surrogateescape")
        corrige, nombre = correctif.ancien.subn(correctif.nouveau, texte)
        faits = nombre + (texte.count(correctif.deja_fait) if correctif.deja_fait else 0)
        attendus = len(correctif.temoin.findall(texte)) if correctif.temoin else correctif.par_fichier
        if faits < attendus:
            manquants.append(f"{fichier.relative_to(sortie).as_posix()} ({faits} sur {attendus})")
        if nombre:
            fichier.write_text(corrige, encoding="utf-8", errors="surrogateescape")
        total += faits
    if manquants:
        raise _sans_effet(correctif, ", ".join(manquants[:5])
                          + (f" et {len(manquants) - 5} autres" if len(manquants) > 5 else ""))
    return total


def _sans_effet(correctif: Correctif, lieux: str) -> CorrectifSansEffet:
    return CorrectifSansEffet(
        f"le correctif « {correctif.nom} » ne trouve plus ce qu'il corrige ({lieux}) : le balisage "
        f"de {correctif.origine} a changé. Voyez si le thème fait désormais ce qu'il fallait corriger "
        "(retirez alors le correctif de transfonum/site/correctifs.py), sinon adaptez son motif.")


def appliquer(sortie: Path, pages: Iterable[Path] | None = None, options_du_theme: dict | None = None,
              correctifs: Iterable[Correctif] = CORRECTIFS) -> dict[str, int]:
    """Passe chaque correctif de la table sur le site construit (sauf ceux qu'une option
    vraie de ``options_du_theme`` rend inutiles) ; renvoie, par correctif passé, le nombre
    de remplacements."""
    pages = list(pages) if pages is not None else None
    options = options_du_theme or {}
    return {c.nom: appliquer_correctif(c, sortie, pages) for c in correctifs
            if not (c.sauf_option and str(options.get(c.sauf_option, "")).lower() in ("true", "1"))}
