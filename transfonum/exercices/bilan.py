"""Le bilan d'un étudiant : ses verdicts rangés par exercice et par chapitre, et les points
des exercices continus par la règle de la page du cours (``book/enseigner/index.md``).

Les exercices d'un chapitre sont les appels à ``verifier`` de son carnet distribué. Si
un étudiant appelle plusieurs fois ``verifier`` pour un exercice, le dernier verdict d'un
carnet compte ; s'il a rendu deux carnets du même chapitre, un verdict juste dans l'un
suffit. Un exercice sans verdict compte faux.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import nbformat

from transfonum.chemins import RACINE, carnet_etudiant
from transfonum.exercices import carnets
from transfonum.exercices.cles import cles_du_kit
from transfonum.exercices.execution import Execution
from transfonum.fr import INSECABLE

#: Les points des exercices continus dans l'évaluation de la page du cours
#: (``book/enseigner/index.md``) : 6 × justes ÷ exercices, arrondi au dixième.
POINTS_EXERCICES = 6
#: La règle, dite en français : la page du cours et le programme l'affichent (rôle
#: ``{notation}`regle```), la page de retour de chaque étudiant la rappelle.
REGLE_DES_POINTS = f"{POINTS_EXERCICES} × exercices justes ÷ exercices des chapitres notés, arrondi au dixième"
#: Le message d'un exercice dont le chapitre n'a pas de carnet rendu.
NON_RENDU = "Carnet non rendu."


def points(justes: int, total: int) -> float:
    """Les points des exercices continus : ``6 × justes ÷ total``, arrondi au dixième
    (la règle que donne la page du cours) ; 0 s'il n'y a aucun exercice."""
    return math.floor(POINTS_EXERCICES * justes / total * 10 + 0.5) / 10 if total else 0.0


@lru_cache(maxsize=None)
def exercices_du_chapitre(chapitre: str) -> tuple[str, ...]:
    """Les exercices d'un chapitre : ceux que vérifie son carnet distribué, dans l'ordre."""
    notebook = nbformat.read(RACINE / carnet_etudiant(chapitre), as_version=4)
    return tuple(dict.fromkeys(carnets.ids_verifies(notebook)))


def chapitres_du_kit() -> list[str]:
    """Les chapitres qui ont un carnet d'exercices."""
    return [source.stem for source in carnets.sources()]


def chapitre_du_carnet(execution: Execution) -> str | None:
    """Le chapitre d'un carnet rendu : ses métadonnées, sinon le nom du fichier, sinon le
    chapitre de la plupart de ses verdicts ; ``None`` si rien ne le dit."""
    connus = chapitres_du_kit()
    if execution.chapitre in connus:
        return execution.chapitre
    nom = Path(execution.fichier).stem
    if nom in connus:
        return nom
    cles = cles_du_kit()
    votes = Counter(cles[e.identifiant].chapter for e, _ in execution.verdicts if e.identifiant in cles)
    return votes.most_common(1)[0][0] if votes else None


@dataclass(frozen=True)
class Note:
    """Une ligne de ``notes.csv`` : un étudiant, un exercice.

    :ivar cellule: la cellule du verdict retenu (à partir de 1), ``None`` sans verdict.
    :ivar message: le message du correcteur (texte de l’étudiant échappé en HTML).
    """

    eleve: str
    chapitre: str
    exercice: str
    juste: bool
    message: str
    fichier: str = ""
    cellule: int | None = None


@dataclass
class Bilan:
    """La correction d'un étudiant : ses notes, ses carnets et ce qui s'y est mal passé."""

    eleve: str
    notes: list[Note] = field(default_factory=list)
    problemes: list[tuple[str, str]] = field(default_factory=list)

    def justes(self, chapitre: str | None = None) -> int:
        """Le nombre d'exercices justes (d'un chapitre, ou de tous)."""
        return sum(n.juste for n in self.notes if chapitre in (None, n.chapitre))

    def total(self, chapitre: str | None = None) -> int:
        """Le nombre d'exercices corrigés (d'un chapitre, ou de tous)."""
        return sum(1 for n in self.notes if chapitre in (None, n.chapitre))


def _note(eleve: str, chapitre: str, exercice: str, executions: list[Execution]) -> Note:
    """Le verdict retenu pour un exercice : le dernier de chaque carnet, un juste d'abord."""
    derniers = []
    for execution in executions:
        trouves = [(e, cellule) for e, cellule in execution.verdicts if e.identifiant == exercice]
        if trouves:
            derniers.append((execution.fichier, *trouves[-1]))
    if not derniers:
        rendus = [x for x in executions if chapitre_du_carnet(x) == chapitre]
        message = (f'Pas de réponse{INSECABLE}: aucun appel à verifier("{exercice}", …) n’a donné '
                   f"de verdict dans le carnet" if rendus else NON_RENDU)
        if rendus:
            message += (f" (arrêté avant la fin{INSECABLE}: voir ce qui n’a pas pu être corrigé)."
                        if any(x.arrete for x in rendus) else ".")
        return Note(eleve, chapitre, exercice, False, message, rendus[0].fichier if rendus else "")
    fichier, entree, cellule = next((d for d in derniers if d[1].juste), derniers[-1])
    return Note(eleve, chapitre, exercice, entree.juste, entree.message, fichier, cellule)


def bilan(eleve: str, executions: list[Execution], chapitres: list[str]) -> Bilan:
    """La correction d'un étudiant, chapitre par chapitre, à partir de ses carnets exécutés."""
    resultat = Bilan(eleve)
    for execution in executions:
        resultat.problemes += [(execution.fichier, p) for p in execution.problemes]
        if not execution.problemes and chapitre_du_carnet(execution) is None:
            resultat.problemes.append((execution.fichier, f"chapitre non reconnu{INSECABLE}: ni les métadonnées du kit, "
                                       "ni le nom du fichier, ni un appel à verifier ne le disent"))
    for chapitre in chapitres:
        resultat.notes += [_note(eleve, chapitre, ex, executions) for ex in exercices_du_chapitre(chapitre)]
    return resultat
