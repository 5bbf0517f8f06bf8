"""La suite des diapositives d'un chapitre, calculée une fois pour le diaporama et pour
son plan de séance : le plan nomme, pour chaque étape, les diapositives qui la servent, et
les deux numérotations ne peuvent pas diverger.

Un diaporama a cinq groupes, dans l'ordre des étapes du plan :

- ``ouverture`` : le titre du chapitre et les objectifs de la séance ;
- ``chiffres`` : un graphique par diapositive (un explorateur montré en graphique fixe),
  et les tableaux des chiffres et de leur statut, coupés pour tenir sur un écran 16:9 ;
- ``exercices`` : un énoncé d'exercice par diapositive (jamais sa solution) ;
- ``cas`` : le cas de la séance ;
- ``synthese`` : les questions de discussion, puis « À retenir ».

Chaque étape du tableau « Déroulé » du plan sert un groupe, reconnu à son nom
(:data:`ROLES`) ; ses notes vont sur la première diapositive du groupe. Une étape dont le
groupe est vide a sa propre diapositive, à son nom.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from docutils import nodes
from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

from transfonum.graphiques import CLASSE_EXPLORATEUR, CLASSE_STATIQUE
from transfonum.site.diaporamas.seance import ErreurDiaporama, Etape, Seance, section_titree

#: Les sections de la page reprises telles quelles, par identifiant d'ancre.
QUESTIONS, A_RETENIR = "questions-de-discussion", "a-retenir"
#: L'en-tête de colonne d'un tableau des chiffres et de leur statut, repris en diapositive.
ENTETE_STATUT = "Statut"
#: Les niveaux de section (h2, h3) dont le titre accompagne les graphiques et les tableaux.
NIVEAUX_CONTEXTE = (2, 3)
#: Les groupes de diapositives, dans leur ordre par défaut (sans plan de séance).
GROUPES = ("ouverture", "chiffres", "exercices", "cas", "synthese")
#: Le groupe que sert chaque étape d'un plan, par son nom dans le tableau « Déroulé ».
ROLES = {"Accroche": "ouverture", "Lecture des chiffres": "chiffres", "Exercices du carnet": "exercices",
         "Premier carnet": "exercices", "Discussion du cas": "cas", "Synthèse": "synthese"}

#: Dans une sortie HTML de cellule (pandas) : le tableau, son en-tête, une case « Statut », ses lignes.
TABLEAU_HTML = re.compile(r"<table\b.*?</table>", re.S)
ENTETE_HTML = re.compile(r"<thead\b.*?</thead>", re.S)
CORPS_HTML = re.compile(r"(<tbody\b[^>]*>)(.*?)(</tbody>)", re.S)
LIGNE_HTML = re.compile(r"<tr\b.*?</tr>", re.S)
_CASE_STATUT = re.compile(rf"<th\b[^>]*>\s*{ENTETE_STATUT}\s*</th>")
_CASE_HTML = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)
_BALISE = re.compile(r"<[^>]+>")

#: Ce qu'un tableau peut occuper sur une diapositive de 1024 × 768 (le cas le plus étroit
#: et le moins haut des deux écrans visés, 16:9 à 1280 × 720 étant plus large) : largeur
#: en caractères, hauteur en lignes de texte (titre, marges et commandes déduits).
LARGEUR_TABLEAU_CARACTERES = 92
HAUTEUR_TABLEAU_LIGNES = 23
#: Une ligne de tableau compte, en plus de son texte, ses marges (en lignes de texte).
MARGE_LIGNE = 0.6


@dataclass
class Diapo:
    """Une diapositive à écrire : son genre, son nom court, ce qu'elle montre (``noeud``,
    ``contexte`` : le titre de section qui l'accompagne, ``lignes`` : la tranche d'un
    tableau coupé, ``suite`` : ce n'en est pas la première), et l'étape du plan dont elle
    porte les notes."""

    genre: str
    etiquette: str
    noeud: object = None
    contexte: str = ""
    lignes: tuple[int, int] | None = None
    suite: bool = False
    etape: Etape | None = None
    numero_etape: int = 0
    autres: dict = field(default_factory=dict)


def _niveau(section: nodes.section) -> int:
    niveau, parent = 1, section.parent
    while parent is not None:
        niveau += isinstance(parent, nodes.section)
        parent = parent.parent
    return niveau


def _sous_titre(noeud: nodes.Node) -> bool:
    return isinstance(noeud, nodes.title) and isinstance(noeud.parent, nodes.section) \
        and _niveau(noeud.parent) in NIVEAUX_CONTEXTE


def _en_tetes(table: nodes.table) -> list[str]:
    return [case.astext() for tete in table.findall(nodes.thead) for case in tete.findall(nodes.entry)]


def tableau_des_statuts(sortie: str) -> str | None:
    """Le tableau d'une sortie HTML de cellule (pandas) s'il donne le statut de ses
    chiffres (une case d'en-tête « Statut »), sinon ``None``."""
    tableau = TABLEAU_HTML.search(sortie)
    entete = ENTETE_HTML.search(tableau.group(0)) if tableau else None
    return tableau.group(0) if entete and _CASE_STATUT.search(entete.group(0)) else None


def _textes_html(tableau: str) -> tuple[list[str], list[list[str]]]:
    """Le texte des cases d'en-tête et de chaque ligne du corps d'un tableau HTML."""
    entete = ENTETE_HTML.search(tableau)
    corps = CORPS_HTML.search(tableau)
    propre = lambda t: " ".join(_BALISE.sub(" ", t).split())  # noqa: E731
    tete = [propre(c) for c in _CASE_HTML.findall(entete.group(0))] if entete else []
    lignes = [[propre(c) for c in _CASE_HTML.findall(r)] for r in LIGNE_HTML.findall(corps.group(2))] if corps else []
    return tete, lignes


def _textes_noeud(table: nodes.table) -> tuple[list[str], list[list[str]]]:
    corps = next(table.findall(nodes.tbody), None)
    lignes = [[c.astext() for c in r.children] for r in corps.children] if corps else []
    return _en_tetes(table), lignes


def _hauteur(cases: list[str], largeurs: list[float]) -> float:
    """La hauteur d'une ligne de tableau, en lignes de texte."""
    return max((math.ceil(len(t) / l) if t else 1 for t, l in zip(cases, largeurs)), default=1) + MARGE_LIGNE


def tranches(entete: list[str], lignes: list[list[str]]) -> list[tuple[int, int]]:
    """Les tranches de lignes (début, fin) d'un tableau qui tiennent chacune sur une
    diapositive avec l'en-tête : chaque colonne reçoit une largeur en proportion de la
    longueur moyenne de ses cases, chaque ligne la hauteur de sa plus longue case."""
    colonnes = max([len(entete)] + [len(l) for l in lignes])
    moyennes = [max(4.0, sum(len(l[i]) for l in lignes if i < len(l)) / max(1, len(lignes))) for i in range(colonnes)]
    largeurs = [max(6.0, LARGEUR_TABLEAU_CARACTERES * m / sum(moyennes)) for m in moyennes]
    place = HAUTEUR_TABLEAU_LIGNES - _hauteur(entete, largeurs)
    hauteurs = [_hauteur(ligne, largeurs) for ligne in lignes]
    resultat, debut, pris = [], 0, 0.0
    for i, h in enumerate(hauteurs):
        if i > debut and pris + h > place:
            resultat.append((debut, i))
            debut, pris = i, 0.0
        pris += h
    resultat.append((debut, len(lignes)))
    # Autant de diapositives, mais des tranches égales (4 + 4 plutôt que 7 + 1) si elles tiennent.
    n, total = len(resultat), len(lignes)
    egales = [(total * k // n, total * (k + 1) // n) for k in range(n)]
    if all(sum(hauteurs[a:b]) <= place or b - a == 1 for a, b in egales):
        return egales
    return resultat


def _diapos_tableau(noeud, contexte: str, textes: tuple[list[str], list[list[str]]]) -> list[Diapo]:
    return [Diapo("tableau", "chiffres et statuts" + (" (suite)" if n else ""), noeud, contexte, t, bool(n))
            for n, t in enumerate(tranches(*textes))]


def _chiffres(arbre: nodes.document) -> list[Diapo]:
    """Les graphiques et les tableaux des statuts, dans l'ordre de la page."""
    diapos, contexte = [], ""
    for noeud in arbre.findall(lambda n: isinstance(n, (nodes.title, nodes.raw, nodes.table))):
        if _sous_titre(noeud):
            contexte = noeud.astext()
        elif isinstance(noeud, nodes.raw) and "html" in noeud.get("format", "").split():
            sortie = noeud.astext()
            if CLASSE_STATIQUE in sortie or CLASSE_EXPLORATEUR in sortie:
                diapos.append(Diapo("graphique", "graphique", noeud, contexte))
            elif (tableau := tableau_des_statuts(sortie)) is not None:
                diapos += _diapos_tableau(noeud, contexte, _textes_html(tableau))
        elif isinstance(noeud, nodes.table) and ENTETE_STATUT in _en_tetes(noeud):
            diapos += _diapos_tableau(noeud, contexte, _textes_noeud(noeud))
    return diapos


def _section(arbre: nodes.document, identifiant: str) -> nodes.section | None:
    return next((s for s in arbre.findall(nodes.section) if identifiant in s["ids"]), None)


def _synthese(arbre: nodes.document) -> list[Diapo]:
    questions = _section(arbre, QUESTIONS)
    elements = list(questions.findall(nodes.list_item)) if questions else []
    diapos = [Diapo("question", f"question {n}", q, autres={"rang": n, "total": len(elements)})
              for n, q in enumerate(elements, start=1)]
    retenir = _section(arbre, A_RETENIR)
    liste = retenir.next_node(lambda n: isinstance(n, (nodes.bullet_list, nodes.enumerated_list))) if retenir else None
    if liste is not None:
        diapos.append(Diapo("retenir", "à retenir", liste))
    return diapos


def diapositives(arbre: nodes.document, seance: Seance | None, cas: bool) -> list[Diapo]:
    """Les diapositives d'un chapitre (son arbre : ``arbre``), dans l'ordre des étapes de
    ``seance`` s'il a un plan ; ``cas`` : le chapitre a-t-il un cas ? Lève
    :class:`ErreurDiaporama` si une étape du plan n'a pas de rôle connu."""
    groupes = {
        "ouverture": [Diapo("titre", "titre et objectifs")],
        "chiffres": _chiffres(arbre),
        "exercices": [Diapo("exercice", f"exercice {n}", e) for n, e in enumerate(
            arbre.findall(lambda x: isinstance(x, (exercise_enumerable_node, exercise_node))), start=1)],
        "cas": [Diapo("cas", "cas de la séance")] if cas else [],
        "synthese": _synthese(arbre),
    }
    ordre: list[Diapo] = []
    for numero, etape in enumerate(seance.etapes if seance else [], start=1):
        role = ROLES.get(etape.nom)
        if role is None:
            raise ErreurDiaporama(
                f"{seance.document}.md, tableau « Déroulé » : étape « {etape.nom} » inconnue du diaporama ; "
                "étapes reconnues : " + ", ".join(f"« {n} »" for n in ROLES) + ".")
        groupe = groupes.pop(role, None) or [Diapo("etape", etape.nom.lower())]
        groupe[0].etape, groupe[0].numero_etape = etape, numero
        ordre += groupe
    ouverture = groupes.pop("ouverture", [])
    return ouverture + ordre + [d for g in GROUPES for d in groupes.get(g, [])]


def diapos_des_etapes(diapos: list[Diapo]) -> dict[int, tuple[int, int]]:
    """Pour chaque étape du plan (par son rang), ses diapositives : la première et la
    dernière (numérotées à partir de 1) ; une étape va jusqu'à la suivante."""
    debuts = [(d.numero_etape, n) for n, d in enumerate(diapos, start=1) if d.etape is not None]
    fins = [n - 1 for _, n in debuts[1:]] + [len(diapos)]
    return {etape: (debut, fin) for (etape, debut), fin in zip(debuts, fins)}
