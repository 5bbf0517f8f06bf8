"""Des pages légères : ce que le thème publie sans qu'aucun lecteur ne s'en serve est
retiré du site construit, en une seule étape (:func:`alleger`, à la fin de la
construction HTML, après tout autre gestionnaire) :

- les cartes de sources (``*.map``) et leurs commentaires ``sourceMappingURL`` ;
- ``fontawesome.js`` (1,5 Mo, qui redessine en SVG des icônes que la feuille de style du
  thème dessine déjà avec les polices d'icônes) : aucune page ne l'appelle plus (un
  correctif déclaré, :mod:`~transfonum.site.correctifs`), et il quitte le site ;
- les polices d'icônes, réduites (fontTools) aux seuls caractères que le site emploie,
  calculés à chaque construction depuis les pages, les scripts et les feuilles de style
  construits (une mise à jour du thème est donc suivie) ; les autres formats de ces
  polices (``.ttf``, ``.woff2`` d'origine), qu'aucun navigateur ne demande plus, partent,
  et les règles des icônes inemployées quittent les feuilles de style ;
- les scripts de l'en-tête différés (``defer``, :func:`scripts_de_page`) : ils ne bloquent
  plus l'affichage ;
- les scripts de la recherche (dont l'index du site, 130 Ko) chargés seulement par la page
  de recherche : un correctif déclaré (:mod:`~transfonum.site.correctifs`) ;
- le thème clair ou sombre choisi dès l'en-tête : le gabarit ``site/modeles/layout.html`` ;
- une seule feuille de style par page, réduite aux règles que le site peut employer
  (:mod:`~transfonum.site.feuilles`) ;
- les ``@import`` des feuilles de style, remplacés par la feuille importée (une attente
  de moins avant le premier affichage) ;
- la racine du site (``index.html``) : une copie de la page d'accueil, ses adresses
  relatives récrites, au lieu d'une redirection qui coûte un aller-retour.

Chaque étape peut être rejouée sur un site déjà allégé (reconstruction incrémentale).
Les pages ne sont pas récrites ici, sauf pour regrouper leurs feuilles de style et
écrire la racine : ce sont des fichiers du kit, pas le balisage du thème.
"""

from __future__ import annotations

import importlib.util
import io
import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from transfonum.site import feuilles
from transfonum.site.feuilles import rebaser_urls


#: Les caractères des polices d'icônes : la zone d'usage privé d'Unicode.
ZONE_PRIVEE = range(0xE000, 0xF900)
#: Une règle du catalogue de Font Awesome : ``.fa-xmark:before,.fa-close:before{content:"\f00d"}``.
REGLE_CATALOGUE = re.compile(
    r'((?:\.fa-[a-z0-9-]+:{1,2}(?:before|after)\s*,?\s*)+)\{\s*content:\s*"(\\[0-9a-fA-F]{1,6}|[^"\\])"\s*\}')
NOM_ICONE = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
ECHAPPEMENT_CSS = re.compile(r"\\([0-9a-fA-F]{4,6})")
#: Une déclaration ``@font-face`` et ses sources.
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
SOURCES = re.compile(r"src:[^;}]*")
URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
#: La famille des polices d'icônes du thème.
FAMILLE_ICONES = "Font Awesome"
#: Le script du thème qui redessine les icônes (les polices suffisent).
SCRIPT_ICONES = "fontawesome.js"
#: Le seul script de l'en-tête qui doit rester bloquant : les petits scripts écrits dans
#: la page juste après lui (``DOCUMENTATION_OPTIONS.pagename = …``) s'en servent aussitôt.
SCRIPTS_BLOQUANTS = ("documentation_options.js",)
CARTE_SOURCE = re.compile(r"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^*]*\*/)")


# --- Cartes de sources -----------------------------------------------------------

def retirer_cartes(sortie: Path) -> list[Path]:
    """Supprime les ``*.map`` de ``sortie`` et les commentaires qui les appellent ;
    renvoie les fichiers supprimés."""
    cartes = sorted(sortie.rglob("*.map"))
    for carte in cartes:
        carte.unlink()
    for fichier in [*sortie.rglob("*.js"), *sortie.rglob("*.css")]:
        texte = fichier.read_text(encoding="utf-8", errors="surrogateescape")
        if "sourceMappingURL" in texte:
            fichier.write_text(CARTE_SOURCE.sub("", texte), encoding="utf-8", errors="surrogateescape")
    return cartes


# --- Polices d'icônes --------------------------------------------------------------

def _caractere(valeur: str) -> int:
    return int(valeur[1:], 16) if valeur.startswith("\\") else ord(valeur)


def catalogue_icones(css: str) -> dict[str, int]:
    """Le catalogue des classes d'icônes d'une feuille de style : ``{"fa-xmark": 0xf00d, …}``."""
    catalogue = {}
    for regle in REGLE_CATALOGUE.finditer(css):
        for nom in NOM_ICONE.findall(regle.group(1)):
            catalogue[nom] = _caractere(regle.group(2))
    return catalogue


def caracteres_hors_catalogue(css: str) -> set[int]:
    """Les caractères d'icônes qu'une feuille de style dessine elle-même (variables,
    ``content`` des pseudo-éléments), hors du catalogue des classes ``fa-*``."""
    reste = REGLE_CATALOGUE.sub("", css)
    caracteres = {int(h, 16) for h in ECHAPPEMENT_CSS.findall(reste)}
    caracteres |= {ord(c) for c in reste if ord(c) in ZONE_PRIVEE}
    return {c for c in caracteres if c in ZONE_PRIVEE}


def _pages(sortie: Path) -> list[Path]:
    return [p for p in sortie.rglob("*.html") if "_static" not in p.relative_to(sortie).parts]


def noms_employes(sortie: Path) -> set[str]:
    """Les classes ``fa-*`` que nomment les pages et les scripts du site."""
    textes = [p.read_text(encoding="utf-8") for p in _pages(sortie)]
    textes += [s.read_text(encoding="utf-8", errors="surrogateescape") for s in sortie.rglob("*.js")
               if s.name != SCRIPT_ICONES]
    return {nom for texte in textes for nom in NOM_ICONE.findall(texte)}


def caracteres_employes(sortie: Path) -> set[int]:
    """Les caractères d'icônes dont le site a besoin : ceux des classes ``fa-*`` que nomment
    les pages et les scripts, et ceux que les feuilles de style dessinent elles-mêmes."""
    feuilles = [f.read_text(encoding="utf-8", errors="surrogateescape") for f in sortie.rglob("*.css")]
    catalogue: dict[str, int] = {}
    caracteres: set[int] = set()
    for css in feuilles:
        catalogue.update(catalogue_icones(css))
        caracteres |= caracteres_hors_catalogue(css)
    return caracteres | {catalogue[nom] for nom in noms_employes(sortie) if nom in catalogue}


def elaguer_catalogue(sortie: Path, noms: set[str]) -> int:
    """Retire des feuilles de style les règles du catalogue d'icônes (``.fa-anchor:before
    {content:…}``) dont aucune classe n'est employée (plus de 2 000 règles, lues par le
    navigateur à chaque page) ; renvoie le nombre de règles retirées."""
    retirees = 0
    for feuille in sortie.rglob("*.css"):
        css = feuille.read_text(encoding="utf-8", errors="surrogateescape")

        def garder(regle: re.Match) -> str:
            nonlocal retirees
            if set(NOM_ICONE.findall(regle.group(1))) & noms:
                return regle.group(0)
            retirees += 1
            return ""

        elague = REGLE_CATALOGUE.sub(garder, css)
        if elague != css:
            feuille.write_text(elague, encoding="utf-8", errors="surrogateescape")
    return retirees


def fonttools_present() -> bool:
    """fontTools (``requirements.txt``) est-il installé ? Sans lui, les polices d'icônes
    sont publiées entières (en WOFF2 seulement)."""
    return importlib.util.find_spec("fontTools") is not None


def _woff2_possible() -> bool:
    """fontTools n'écrit (ni ne lit) le WOFF2 qu'avec le module ``brotli``."""
    return importlib.util.find_spec("brotli") is not None


def reduire_police(source: Path, destination: Path, caracteres: Iterable[int]) -> set[int]:
    """Écrit dans ``destination`` (WOFF2 ou WOFF, selon l'extension) la police ``source``
    réduite à ``caracteres`` ; renvoie les caractères qu'elle contient."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    police = TTFont(source)
    options = subset.Options()
    options.flavor = destination.suffix.lstrip(".")
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    reducteur = subset.Subsetter(options)
    reducteur.populate(unicodes=sorted(caracteres))
    reducteur.subset(police)
    police.flavor = options.flavor
    tampon = io.BytesIO()
    police.save(tampon)  # en mémoire d'abord : la source peut être la destination
    destination.write_bytes(tampon.getvalue())
    return set(police.getBestCmap() or {})


def _source_lisible(fichiers: list[Path]) -> Path | None:
    """Parmi les fichiers d'une ``@font-face``, celui que fontTools sait lire ici."""
    lisibles = (".ttf", ".otf", ".woff", ".woff2") if _woff2_possible() else (".ttf", ".otf", ".woff")
    for extension in lisibles:
        for fichier in fichiers:
            if fichier.suffix == extension and fichier.exists():
                return fichier
    return None


def reduire_polices_icones(sortie: Path, caracteres: set[int]) -> dict[Path, set[int]]:
    """Réduit chaque police d'icônes déclarée dans les feuilles de style de ``sortie`` à
    ``caracteres`` ; chaque ``@font-face`` ne nomme plus que la police réduite, et les
    fichiers d'origine sont supprimés. Renvoie, par police écrite, ses caractères."""
    extension = ".woff2" if _woff2_possible() else ".woff"
    ecrites: dict[Path, set[int]] = {}
    for feuille in sortie.rglob("*.css"):
        css = feuille.read_text(encoding="utf-8", errors="surrogateescape")
        if FAMILLE_ICONES not in css:
            continue

        def remplacer(declaration: re.Match) -> str:
            bloc = declaration.group(0)
            if FAMILLE_ICONES not in bloc.replace("\\ ", " "):
                return bloc
            adresses = URL.findall(SOURCES.search(bloc).group(0))
            fichiers = [(feuille.parent / a.split("?")[0]).resolve() for a in adresses]
            if fonttools_present():
                source = _source_lisible(fichiers)
                if source is None:  # déjà réduite (reconstruction) : la police réduite reste
                    return bloc
                destination = source.with_suffix(extension)
                ecrites[destination] = reduire_police(source, destination, caracteres)
            else:  # sans fontTools : la police entière, au seul format WOFF2
                destination = next((f for f in fichiers if f.suffix == ".woff2" and f.exists()), None)
                if destination is None:
                    return bloc
            for fichier in fichiers:
                if fichier != destination and fichier.exists():
                    fichier.unlink()
            adresse = posixpath.relpath(destination.as_posix(), feuille.parent.resolve().as_posix())
            return SOURCES.sub(f'src:url({adresse}) format("{destination.suffix[1:]}")', bloc, count=1)

        reduit = FONT_FACE.sub(remplacer, css)
        if reduit != css:
            feuille.write_text(reduit, encoding="utf-8", errors="surrogateescape")
    return ecrites


# --- Feuilles de style : pas d'@import en chaîne -----------------------------------------

IMPORT_CSS = re.compile(r'@import\s+(?:url\()?\s*["\']?([^"\')\s]+)["\']?\s*\)?\s*;')


def integrer_imports(sortie: Path) -> list[Path]:
    """Remplace chaque ``@import`` d'une feuille locale par le contenu de cette feuille
    (ses ``url()`` récrites) : le navigateur n'attend plus une seconde feuille découverte
    dans la première. Renvoie les feuilles modifiées."""
    modifiees = []
    for feuille in sortie.rglob("*.css"):
        css = feuille.read_text(encoding="utf-8", errors="surrogateescape")

        def integrer(m: re.Match) -> str:
            cible = (feuille.parent / m.group(1)).resolve()
            if re.match(r"[a-z][a-z0-9+.-]*:", m.group(1), re.I) or not cible.is_file():
                return m.group(0)
            contenu = cible.read_text(encoding="utf-8", errors="surrogateescape")
            return rebaser_urls(contenu, cible.parent, feuille.parent.resolve())

        integre = IMPORT_CSS.sub(integrer, css)
        if integre != css:
            feuille.write_text(integre, encoding="utf-8", errors="surrogateescape")
            modifiees.append(feuille)
    return modifiees


# --- Pages -----------------------------------------------------------------------------

def scripts_de_page(contexte: dict) -> None:
    """Les scripts que Sphinx et les extensions font appeler à la page (``html-page-context``),
    différés (``defer``), dans leur ordre, sauf :data:`SCRIPTS_BLOQUANTS` et les scripts
    écrits dans la page ; ils s'exécutent avant ``DOMContentLoaded`` comme avant. Sauf sur
    la page de recherche : son gabarit y appelle, sans les différer, les scripts de la
    recherche, qui se servent aussitôt de ``doctools.js``."""
    if contexte.get("pagename") == "search":
        return
    scripts = []
    for script in contexte.get("script_files", []):
        nom = (script.filename or "").split("?")[0].rsplit("/", 1)[-1]
        attributs = getattr(script, "attributes", {})
        if nom and nom not in SCRIPTS_BLOQUANTS and not {"defer", "async"} & set(attributs) \
                and attributs.get("type") != "module":
            script = type(script)(script.filename, priority=script.priority, **{**attributs, "defer": "defer"})
        scripts.append(script)
    contexte["script_files"] = scripts


#: Les attributs qui portent une adresse relative à la page.
ATTRIBUT_ADRESSE = re.compile(r'\b(href|src|action|data-content_root|poster)="([^"]*)"')


def rebaser_adresse(adresse: str, dossier: str) -> str:
    """``adresse``, relative à une page du dossier ``dossier`` (« book »), récrite pour une
    page à la racine du site. Les ancres, adresses absolues et ``data:`` restent."""
    if adresse.startswith(("/", "data:", "mailto:", "javascript:")) or re.match(r"[a-z][a-z0-9+.-]*:", adresse, re.I):
        return adresse
    chemin, suite = re.match(r"([^?#]*)(.*)", adresse, re.S).groups()
    if not chemin:  # « #ancre », « ?requête » : la page elle-même
        return adresse
    nouveau = posixpath.normpath(posixpath.join(dossier, chemin))
    if nouveau == ".":
        nouveau = "./"
    elif chemin.endswith("/"):
        nouveau += "/"
    return nouveau + suite


def page_a_la_racine(html: str, dossier: str) -> str:
    """Le HTML d'une page de ``dossier`` servi depuis la racine du site."""
    return ATTRIBUT_ADRESSE.sub(lambda m: f'{m[1]}="{rebaser_adresse(m[2], dossier)}"', html)


def ecrire_racine(sortie: Path, page_accueil: str) -> bool:
    """Remplace la redirection ``index.html`` par la page d'accueil elle-même (adresses
    récrites) ; renvoie vrai si la racine a été écrite."""
    accueil = sortie / f"{page_accueil}.html"
    dossier = posixpath.dirname(page_accueil)
    if page_accueil == "index" or not accueil.exists():
        return False
    (sortie / "index.html").write_text(page_a_la_racine(accueil.read_text(encoding="utf-8"), dossier),
                                       encoding="utf-8")
    return True


# --- L'étape de la construction ------------------------------------------------------

def alleger_site(sortie: Path, page_accueil: str) -> None:
    """Toutes les étapes, dans l'ordre, sur le site HTML construit dans ``sortie``."""
    retirer_cartes(sortie)
    integrer_imports(sortie)
    reduire_polices_icones(sortie, caracteres_employes(sortie))
    elaguer_catalogue(sortie, noms_employes(sortie))
    for script in sortie.rglob(SCRIPT_ICONES):
        script.unlink()
    feuilles.regrouper(sortie, _pages(sortie))
    ecrire_racine(sortie, page_accueil)


def alleger(app) -> None:
    """À la fin d'une construction HTML réussie, allège le site construit."""
    alleger_site(Path(app.outdir), app.config.root_doc)
