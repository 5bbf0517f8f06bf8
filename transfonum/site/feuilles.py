"""Une seule feuille de style par page, réduite aux règles que le site peut employer.

Le thème fait charger onze feuilles à chaque page (Bootstrap et le thème, Pygments,
sphinx-design, MyST-NB, le kit…), 460 Ko en tout, dont les trois quarts décrivent des
classes qu'aucune page n'emploie. Un lecteur sur téléphone attend chacune avant le premier
affichage. À la fin de la construction (:func:`regrouper`, appelée par
:mod:`~transfonum.site.allegement`) :

- les feuilles qu'une page charge avant d'afficher (sans attribut ``media``) sont mises
  bout à bout, dans leur ordre, leurs ``url()`` récrites, dans
  ``_static/transfonum-feuilles-<empreinte>.css`` ; la page n'en appelle plus qu'une,
  et garde la liste des feuilles d'origine dans ``data-feuilles`` (ce qui permet de
  rejouer l'étape sur un site déjà regroupé, et de comparer) ;
- les règles dont un sélecteur nomme une classe qu'aucune page ni aucun script du site
  n'écrit ne peuvent rien toucher : elles partent (:func:`elaguer`). Le texte de la
  feuille est lu par tinycss2, pas par des expressions régulières ; dans le doute (classe
  sous ``:not()``, ``:is()``, nom à caractères échappés), la règle reste.

La feuille d'impression (``media="print"``) reste à part : le navigateur ne l'attend pas.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

import tinycss2


#: Le début du nom des feuilles regroupées, dans ``_static``.
PREFIXE = "transfonum-feuilles-"
#: La première ligne de chaque feuille regroupée : son encodage.
ENTETE = '@charset "utf-8";'
BALISE_LIEN = re.compile(r"[ \t]*<link\b[^>]*>\n?")
ATTRIBUT = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
MOT = re.compile(r"[A-Za-z_][\w-]*")
NOM_SIMPLE = re.compile(r"[A-Za-z_][\w-]*\Z")
#: Les règles « @ » qui contiennent d'autres règles, élaguées à leur tour.
REGLES_CONDITIONNELLES = {"media", "supports", "container", "layer"}


# --- Adresses ---------------------------------------------------------------------------

def rebaser_urls(css: str, depuis: Path, vers: Path) -> str:
    """Les ``url()`` relatives de ``css`` (écrit pour le dossier ``depuis``), récrites pour
    une feuille du dossier ``vers``."""
    def rebaser(m: re.Match) -> str:
        adresse = m.group(2)
        if re.match(r"[a-z][a-z0-9+.-]*:|/|#", adresse, re.I):
            return m.group(0)
        cible = posixpath.normpath((depuis / adresse).as_posix())
        return f"url({m.group(1)}{posixpath.relpath(cible, vers.as_posix())}{m.group(1)})"
    return re.sub(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)", rebaser, css)


# --- Élagage ---------------------------------------------------------------------------

def _selecteurs(prelude: list) -> list[list]:
    """Les sélecteurs d'une liste ``a, b, c`` (jetons tinycss2), chacun en jetons."""
    groupes: list[list] = [[]]
    for jeton in prelude:
        if jeton.type == "literal" and jeton.value == ",":
            groupes.append([])
        else:
            groupes[-1].append(jeton)
    return groupes


def _classes(selecteur: list) -> list[str]:
    """Les classes qu'un sélecteur exige à son niveau (``.a.b > .c``), hors fonctions
    comme ``:not(.d)`` qu'on ne sait pas juger sans risque."""
    jetons = [j for j in selecteur if j.type != "comment"]
    return [suivant.value for jeton, suivant in zip(jetons, jetons[1:])
            if jeton.type == "literal" and jeton.value == "." and suivant.type == "ident"]


def _possible(selecteur: list, mots: set[str]) -> bool:
    return all(c in mots or not NOM_SIMPLE.match(c) for c in _classes(selecteur))


def _elaguer_regles(regles: list, mots: set[str]) -> list[str]:
    gardees = []
    for regle in regles:
        if regle.type == "qualified-rule":
            selecteurs = [s for s in _selecteurs(regle.prelude) if _possible(s, mots)]
            if not selecteurs:
                continue
            prelude = ",".join(tinycss2.serialize(s).strip() for s in selecteurs)
            gardees.append(f"{prelude}{{{tinycss2.serialize(regle.content)}}}")
        elif regle.type == "at-rule" and regle.lower_at_keyword in REGLES_CONDITIONNELLES and regle.content is not None:
            interieur = _elaguer_regles(
                tinycss2.parse_blocks_contents(regle.content, skip_comments=True, skip_whitespace=True), mots)
            if interieur:
                gardees.append(f"@{regle.at_keyword}{tinycss2.serialize(regle.prelude)}{{{''.join(interieur)}}}")
        elif regle.type == "at-rule" and regle.lower_at_keyword != "charset":
            gardees.append(regle.serialize())
        # les erreurs d'analyse : une règle que le navigateur ignorerait aussi
    return gardees


def elaguer(css: str, mots: set[str]) -> str:
    """``css`` sans les sélecteurs qui exigent une classe absente de ``mots`` (et sans les
    règles qui n'en gardent aucun) ; tout le reste, dans l'ordre. tinycss2 écrit les
    caractères échappés (``"\\f00d"``) tels quels : la feuille se déclare donc en UTF-8,
    quel que soit l'en-tête que lui donne l'hébergeur."""
    regles = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join([ENTETE, *_elaguer_regles(regles, mots)]) + "\n"


def mots_du_site(sortie: Path) -> set[str]:
    """Tous les mots que les pages et les scripts du site peuvent écrire dans un attribut
    ``class`` (les feuilles de style elles-mêmes ne comptent pas)."""
    mots: set[str] = set()
    for fichier in [*sortie.rglob("*.html"), *sortie.rglob("*.js")]:
        mots.update(MOT.findall(fichier.read_text(encoding="utf-8", errors="surrogateescape")))
    return mots


# --- Regroupement ------------------------------------------------------------------------

def _attributs(balise: str) -> dict[str, str]:
    return dict(ATTRIBUT.findall(balise))


def _bloquante(attributs: dict[str, str]) -> bool:
    """Une feuille du site que la page attend avant d'afficher : ni ``media``, ni adresse
    d'un autre serveur (celle-là reste à sa place, telle quelle)."""
    adresse = attributs.get("href", "")
    return (attributs.get("rel") == "stylesheet" and "media" not in attributs
            and not re.match(r"[a-z][a-z0-9+.-]*:|/", adresse, re.I))


def feuilles_de_page(tete: str, page: Path, sortie: Path) -> list[str]:
    """Les feuilles (chemins depuis la racine du site) que l'en-tête ``tete`` fait attendre
    avant l'affichage, dans l'ordre ; celles d'origine si la page est déjà regroupée."""
    feuilles = []
    for balise in BALISE_LIEN.findall(tete):
        attributs = _attributs(balise)
        if not _bloquante(attributs):
            continue
        if "data-feuilles" in attributs:
            return attributs["data-feuilles"].split()
        cible = (page.parent / attributs["href"].split("?")[0]).resolve()
        feuilles.append(cible.relative_to(sortie.resolve()).as_posix())
    return feuilles


def assembler(sortie: Path, feuilles: list[str], mots: set[str]) -> Path:
    """Écrit dans ``_static`` la feuille unique faite de ``feuilles`` (``url()`` récrites,
    règles inemployables retirées) ; son nom porte l'empreinte de son contenu."""
    statique = sortie / "_static"
    morceaux = []
    for feuille in feuilles:
        fichier = sortie / feuille
        if not fichier.is_file():
            raise FileNotFoundError(
                f"feuille de style introuvable : {feuille} (dans {sortie}) ; une page l'appelle. "
                "Si elle venait d'une construction précédente, relancez « make clean book ».")
        css = fichier.read_text(encoding="utf-8", errors="surrogateescape")
        morceaux.append(rebaser_urls(css, fichier.parent.resolve(), statique.resolve()))
    contenu = elaguer("\n".join(morceaux), mots)
    empreinte = hashlib.sha256(contenu.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    cible = statique / f"{PREFIXE}{empreinte}.css"
    if not cible.exists():
        cible.write_text(contenu, encoding="utf-8", errors="surrogateescape")
    return cible


def regrouper_page(html: str, page: Path, sortie: Path, feuille: Path, feuilles: list[str]) -> str:
    """La page dont les feuilles bloquantes sont remplacées, à la place de la première, par
    ``feuille`` (qui garde la liste d'origine dans ``data-feuilles``)."""
    tete, separateur, corps = html.partition("</head>")
    adresse = posixpath.relpath(feuille.resolve().as_posix(), page.parent.resolve().as_posix())
    lien = f'<link rel="stylesheet" href="{adresse}" data-feuilles="{" ".join(feuilles)}" />\n'
    place = []

    def remplacer(m: re.Match) -> str:
        if not _bloquante(_attributs(m.group(0))):
            return m.group(0)
        if place:
            return ""
        place.append(True)
        return lien

    return BALISE_LIEN.sub(remplacer, tete) + separateur + corps


def regrouper(sortie: Path, pages: list[Path]) -> dict[Path, Path]:
    """Une feuille par page de ``pages`` (les pages qui chargent les mêmes feuilles
    partagent la même) ; les feuilles regroupées d'une construction précédente qu'aucune
    page n'appelle plus partent. Renvoie, par page, sa feuille."""
    mots = mots_du_site(sortie)
    assemblees: dict[tuple[str, ...], Path] = {}
    par_page = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        feuilles = feuilles_de_page(html.partition("</head>")[0], page, sortie)
        if not feuilles:
            continue
        cle = tuple(feuilles)
        if cle not in assemblees:
            assemblees[cle] = assembler(sortie, feuilles, mots)
        par_page[page] = assemblees[cle]
        regroupee = regrouper_page(html, page, sortie, assemblees[cle], feuilles)
        if regroupee != html:
            page.write_text(regroupee, encoding="utf-8")
    for ancienne in (sortie / "_static").glob(f"{PREFIXE}*.css"):
        if ancienne not in assemblees.values():
            ancienne.unlink()
    return par_page
