"""Le cours tiré de la table des matières : la page du cours et le programme n'ont aucune
ligne écrite à la main.

Une séance par page de tête du livre (la racine, puis chaque chapitre des parties
numérotées de la table en usage : :mod:`transfonum.sommaire`), dans l'ordre du livre.
Ce qu'on sait d'une séance vient des fichiers, jamais d'un chiffre tapé ici :

- l'en-tête YAML de son plan, ``book/enseigner/seance-<chapitre>.md`` : ``seance`` (son
  nom dans le tableau), ``prerequis`` et ``production`` (du texte MyST), ``lecture``
  (ce que l'étudiant lit avant la séance, du texte MyST ; sans elle : le chapitre
  entier), ``lecture_jusqua`` (le titre de la section où la lecture s'arrête, pour en
  compter les mots) et ``demi_seance`` (``true`` : la séance suivante complète celle-ci,
  les deux ont un seul numéro et une seule date) ; le plan est lu sur le disque, même
  dans l'édition étudiante, qui ne le publie pas ;
- la durée de la séance et celle des exercices en classe : le tableau « Déroulé » du plan ;
- le temps de lecture, donné seulement quand on sait ce qui est lu (le chapitre entier,
  ou sa prose avant la section ``lecture_jusqua``) : les mots de la prose (la méthode de
  l'outil ``words.py`` de l'équipe : :func:`mots_de_prose`), à
  ``transfonum_mots_par_minute`` mots par minute (``_config.yml``) ;
- le nombre d'exercices : les appels ``verifier`` du carnet ``exercises/<chapitre>.ipynb`` ;
- le livrable du cas : la phrase « Livrable : **…** » de ``cas-<chapitre>.md``, si le
  cas est dans la table.

Directives : ``{tableau-des-seances}`` (la progression de la page du cours),
``{liste-des-cas}`` et ``{programme-du-cours}`` (le programme imprimable) ; rôles
``{notation}`points``` et ``{notation}`regle``` (la règle de notation des carnets,
dont la seule adresse est :mod:`transfonum.exercices.bilan`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from transfonum import fr
from transfonum.chemins import carnet_etudiant, cas_du_chapitre, plan_de_seance
from transfonum.exercices import carnets
from transfonum.exercices.bilan import POINTS_EXERCICES, REGLE_DES_POINTS
from transfonum.site.sommaire_site import source_du_document, titre_de_source
from transfonum.sommaire import chapitres_du_sommaire, pages_du_sommaire, racine_du_sommaire

#: L'en-tête YAML d'une page MyST.
_EN_TETE = re.compile(r"\A---\n(.*?)\n---\n", re.S)
#: La phrase du cas qui dit ce qui est rendu.
_LIVRABLE = re.compile(r"Livrable\s*:\s*\*\*(.+?)\*\*", re.S)
#: L'étape du plan consacrée aux exercices du carnet.
ETAPE_EXERCICES = "Exercices du carnet"
#: Ce que dit une case dont le plan ne dit rien.
NON_PRECISE = "non précisé"


class ErreurProgramme(ValueError):
    """Un plan de séance dont l'en-tête ne se lit pas."""


# -- compter les mots de la prose (méthode de ../shared/tools/words.py) ------------------

#: Les directives dont le contenu n'est pas de la prose lue en classe.
DIRECTIVES_HORS_PROSE = ("code-cell", "exercise", "solution", "autoevaluation", "dropdown", "glue:figure",
                         "bibliography", "footbibliography", "toggle", "raw", "figure", "explorateur")


def mots_de_prose(texte: str) -> int:
    """Les mots de la prose d'une page MyST, comme un lecteur la rencontre : sans en-tête,
    commentaires, cellules de code, exercices, solutions, auto-évaluations, menus
    dépliants, figures ni bibliographies ; titres, tableaux et encadrés comptent ; un
    rôle compte pour un mot."""
    texte = _EN_TETE.sub("", texte)
    texte = re.sub(r"<!--.*?-->", "", texte, flags=re.S)
    gardees, pile = [], []
    for ligne in texte.split("\n"):
        ouverture = re.match(r"^\s*(`{3,}|:{3,})\s*\{([\w:-]+)\}", ligne)
        if pile:
            barriere = pile[-1]
            if ouverture:
                pile.append(ouverture.group(1))
            elif re.match(r"^\s*" + re.escape(barriere[0]) + "{" + str(len(barriere)) + r",}\s*$", ligne):
                pile.pop()
            continue
        if ouverture and ouverture.group(2).startswith(DIRECTIVES_HORS_PROSE):
            pile.append(ouverture.group(1))
            continue
        if re.match(r"^\s*(`{3,}|:{3,})", ligne) or re.match(r"^\s*:\w[\w-]*:", ligne) or re.match(r"^\(.*\)=\s*$", ligne):
            continue
        gardees.append(ligne)
    corps = re.sub(r"\{[\w:-]+\}`[^`]*`", " x ", "\n".join(gardees))
    return len(re.findall(r"[\wÀ-ÿ’'-]+", corps))


# -- ce qu'on sait d'une séance ------------------------------------------------------------

def en_tete(chemin: Path) -> dict:
    """L'en-tête YAML d'une page (``{}`` sans en-tête).

    :raises ErreurProgramme: si l'en-tête n'est pas un dictionnaire YAML."""
    trouve = _EN_TETE.match(chemin.read_text(encoding="utf-8"))
    if not trouve:
        return {}
    try:
        contenu = yaml.safe_load(trouve.group(1))
    except yaml.YAMLError as err:
        raise ErreurProgramme(f"{chemin.name} : en-tête YAML invalide ({err})") from None
    if not isinstance(contenu, dict):
        raise ErreurProgramme(f"{chemin.name} : l'en-tête doit être une suite de « clé: valeur »")
    return contenu


def deroule(texte: str) -> list[tuple[int, str]]:
    """Les étapes du tableau « Déroulé » d'un plan : (durée en minutes, étape)."""
    section = re.search(r"^## Déroulé\s*$(.*?)(?=^#{1,2} |\Z)", texte, re.M | re.S)
    if not section:
        return []
    etapes = []
    for ligne in section.group(1).splitlines():
        cellules = [c.strip() for c in ligne.strip().strip("|").split("|")]
        if ligne.strip().startswith("|") and len(cellules) >= 2 and cellules[0].isdigit():
            etapes.append((int(cellules[0]), cellules[1]))
    return etapes


@dataclass
class Seance:
    """Une séance du cours, telle que les fichiers la décrivent."""

    chapitre: str                    #: la page du chapitre (``book/rse``)
    titre: str                       #: le titre du chapitre
    nom: str                         #: son nom dans le tableau (en-tête du plan, sinon le titre)
    prerequis: str                   #: texte MyST, ou :data:`NON_PRECISE`
    production: str                  #: texte MyST, ou :data:`NON_PRECISE`
    duree: int | None                #: minutes (somme du déroulé du plan), ``None`` sans plan
    minutes_exercices: int | None    #: minutes de l'étape « Exercices du carnet » du plan
    lecture: str | None              #: ce qui est lu avant la séance (MyST), ``None`` : le chapitre
    mots: int | None                 #: mots de la prose lue avant, ``None`` si le plan ne permet pas de les compter
    demi_seance: bool                #: la séance suivante complète celle-ci (même numéro, même date)
    exercices: int                   #: exercices vérifiés par son carnet (0 sans carnet)
    cas: str | None                  #: la page du cas, si elle est dans la table
    livrable: str | None             #: ce que le cas fait rendre


def prose_avant(texte: str, titre: str) -> str:
    """La page MyST ``texte`` coupée avant la section de titre ``titre`` (un titre ``##``
    ou plus profond, comparé sans les espaces en trop).

    :raises ErreurProgramme: si aucune section ne porte ce titre."""
    voulu = " ".join(titre.split())
    for trouve in re.finditer(r"^#{2,6}[ \t]+(.+?)[ \t]*$", texte, re.M):
        if " ".join(trouve.group(1).split()) == voulu:
            return texte[:trouve.start()]
    raise ErreurProgramme(f"lecture_jusqua : aucune section « {titre} » dans le chapitre")


def seance(srcdir: Path, chapitre: str, pages: set[str]) -> Seance:
    """Ce que disent les fichiers de la séance du chapitre ``chapitre`` (``book/rse``) ;
    ``pages`` : les pages de la table en usage."""
    nom_court = Path(chapitre).name
    source = source_du_document(srcdir, chapitre, (".md", ".ipynb"))
    if source is None:
        raise ErreurProgramme(f"{chapitre} : page de la table des matières introuvable dans {srcdir}")
    titre = titre_de_source(source)
    plan = srcdir / plan_de_seance(nom_court)
    entete = en_tete(plan) if plan.is_file() else {}
    etapes = deroule(plan.read_text(encoding="utf-8")) if plan.is_file() else []
    carnet = srcdir / carnet_etudiant(nom_court)
    exercices = len(dict.fromkeys(carnets.ids_verifies(nbformat.read(carnet, as_version=4)))) if carnet.is_file() else 0
    cas = cas_du_chapitre(nom_court).with_suffix("").as_posix()
    livrable = None
    if cas in pages:
        trouve = _LIVRABLE.search((srcdir / cas_du_chapitre(nom_court)).read_text(encoding="utf-8"))
        livrable = " ".join(trouve.group(1).split()) if trouve else None
    texte = source.read_text(encoding="utf-8")
    lecture = entete.get("lecture")
    jusqua = entete.get("lecture_jusqua")
    if jusqua:
        try:
            mots = mots_de_prose(prose_avant(texte, str(jusqua)))
        except ErreurProgramme as err:
            raise ErreurProgramme(f"{plan.name} : {err}") from None
    else:
        mots = None if lecture else mots_de_prose(texte)
    return Seance(
        chapitre=chapitre, titre=titre, nom=str(entete.get("seance") or titre),
        prerequis=str(entete.get("prerequis") or NON_PRECISE), production=str(entete.get("production") or NON_PRECISE),
        duree=sum(d for d, _ in etapes) or None,
        minutes_exercices=next((d for d, e in etapes if e == ETAPE_EXERCICES), None),
        lecture=str(lecture) if lecture else None, mots=mots, demi_seance=bool(entete.get("demi_seance")),
        exercices=exercices,
        cas=cas if cas in pages else None, livrable=livrable)


def seances(srcdir: Path, table: Path) -> list[Seance]:
    """Les séances du cours, dans l'ordre de la table des matières ``table`` : la racine
    du livre, puis chaque chapitre."""
    pages = set(pages_du_sommaire(table))
    return [seance(srcdir, c, pages) for c in [racine_du_sommaire(table), *chapitres_du_sommaire(table)]]


# -- ce que la page affiche ----------------------------------------------------------------

def _cellule(texte: str) -> str:
    """Du texte MyST sur une ligne, pour une case de tableau Markdown."""
    return " ".join(texte.split()).replace("|", "\\|")


def tableau_des_seances(liste: list[Seance]) -> list[str]:
    """La progression de la page du cours, en MyST : une ligne par séance."""
    lignes = ["| Séance | Chapitre | Prérequis | Ce que la séance produit |", "|---|---|---|---|"]
    lignes += [f"| {_cellule(s.nom)} | {{doc}}`/{s.chapitre}` | {_cellule(s.prerequis)} | {_cellule(s.production)} |"
               for s in liste]
    return lignes


def liste_des_cas(liste: list[Seance]) -> list[str]:
    """Les cas des séances qui en ont un dans la table, en MyST."""
    return [f"- {{doc}}`/{s.cas}`" for s in liste if s.cas]


def _majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


def minutes_de_lecture(mots: int, mots_par_minute: int) -> int:
    """Le temps de lecture, en minutes entières (arrondi au-dessus)."""
    return math.ceil(mots / mots_par_minute)


def _avant(s: Seance, mots_par_minute: int) -> str:
    """Ce que l'étudiant lit avant la séance, avec son temps quand on peut le compter."""
    quoi = f"Lire{fr.INSECABLE}: {_cellule(s.lecture)}" if s.lecture else "Lire le chapitre"
    if s.mots is None:
        return fr.espaces_francaises(f"{quoi}.")
    temps = f"{fr.nombre(s.mots, 0)} mots, environ {minutes_de_lecture(s.mots, mots_par_minute)}{fr.INSECABLE}min"
    return fr.espaces_francaises(f"{quoi} ({temps})." if s.lecture else f"{quoi} : {temps}.")


def programme(liste: list[Seance], mots_par_minute: int) -> list[str]:
    """Le programme imprimable, en MyST : un tableau (``list-table``), une ligne par séance ;
    une demi-séance et celle qui la complète partagent un numéro et une date."""
    vide = "\\_" * 10
    lignes = ["```{list-table}", ":header-rows: 1", ":widths: 21 27 27 25", "",
              "* - Séance", "  - Avant", "  - En séance", "  - Après"]
    numero, suite = 0, False
    for s in liste:
        if not suite:
            numero += 1
        entete = f"**Séance {numero}, suite** (même date)" if suite else f"**Séance {numero}**, date{fr.INSECABLE}: {vide}"
        duree = f"{s.duree}{fr.INSECABLE}min" if s.duree else "durée non précisée"
        if suite and s.duree:
            duree += " en séance entière (son plan dit quoi garder en demi-séance)"
        suite = s.demi_seance
        apres = []
        if s.exercices:
            en_classe = f", commencé en séance ({s.minutes_exercices}{fr.INSECABLE}min)" if s.minutes_exercices else ""
            apres.append(f"Finir le carnet{en_classe}{fr.INSECABLE}: {s.exercices} exercice{'s' if s.exercices > 1 else ''}.")
        if s.livrable:
            apres.append(f"{{doc}}`Le cas </{s.cas}>`, s’il est celui retenu pour l’évaluation{fr.INSECABLE}: "
                         f"{_cellule(s.livrable)}.")
        lignes += [
            f"* - {entete}",
            "",
            f"    {{doc}}`{_cellule(s.nom).replace('*', '')} </{s.chapitre}>`, {duree}",
            f"  - {_avant(s, mots_par_minute)}",
            f"    {fr.espaces_francaises(f'Prérequis : {_cellule(s.prerequis)}.')}",
            f"  - {_majuscule(_cellule(s.production))}.",
            f"  - {' '.join(apres) if apres else 'Rien à rendre.'}",
        ]
    return [*lignes, "```"]


class _DirectiveDuCours(SphinxDirective):
    """Une directive qui écrit du MyST tiré des séances, puis le fait lire par MyST."""

    has_content = False

    def lignes(self, liste: list[Seance]) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir)
        table = srcdir / self.config.external_toc_path
        try:
            liste = seances(srcdir, table)
        except ErreurProgramme as err:
            raise self.error(str(err)) from None
        for s in liste:  # la page est refaite quand un plan, un cas ou un chapitre change
            for chemin in (srcdir / f"{s.chapitre}.md", srcdir / plan_de_seance(Path(s.chapitre).name)):
                if chemin.is_file():
                    self.env.note_dependency(str(chemin))
        conteneur = nodes.container()
        self.state.nested_parse(StringList(self.lignes(liste), source=self.get_source_info()[0]),
                                self.content_offset, conteneur)
        return conteneur.children


class TableauDesSeances(_DirectiveDuCours):
    """``{tableau-des-seances}`` : la progression du cours, une ligne par séance."""

    def lignes(self, liste: list[Seance]) -> list[str]:
        return tableau_des_seances(liste)


class ListeDesCas(_DirectiveDuCours):
    """``{liste-des-cas}`` : un lien par cas de la table des matières."""

    def lignes(self, liste: list[Seance]) -> list[str]:
        return liste_des_cas(liste)


class ProgrammeDuCours(_DirectiveDuCours):
    """``{programme-du-cours}`` : les séances, leurs dates à remplir et le travail de l'étudiant."""

    def lignes(self, liste: list[Seance]) -> list[str]:
        rythme = self.config.transfonum_mots_par_minute
        return [fr.espaces_francaises(
                    f"Lecture : ce que le plan de séance fait lire avant ; son temps, donné quand le plan nomme la "
                    f"section où elle s’arrête ou qu’il s’agit du chapitre entier, compte les mots de la prose lue, "
                    f"à {rythme} mots par minute ; exercices : ceux que vérifie le carnet du chapitre ; durées : "
                    f"celles du plan de séance."), "",
                *programme(liste, rythme)]


#: Ce qu'écrit le rôle ``{notation}``, selon son contenu.
NOTATION = {"points": str(POINTS_EXERCICES), "regle": REGLE_DES_POINTS}


def role_notation(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{notation}`points``` : les points des exercices continus ; ``{notation}`regle``` :
    la règle qui change les exercices justes en points. Leur seule adresse est
    :mod:`transfonum.exercices.bilan`, qui les applique (``make notes``)."""
    if text not in NOTATION:
        message = inliner.reporter.error(f"{{notation}} : « {text} » inconnu, attendu : {', '.join(NOTATION)}",
                                         line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [nodes.Text(NOTATION[text])], []
