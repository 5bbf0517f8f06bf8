"""Corriger une réponse : ``corriger(identifiant, reponse)`` → :class:`Verdict`.

Le correcteur ne lève jamais d'exception pour une réponse d'élève, quelle qu'elle soit
(type inattendu, texte immense ou hostile, objet dont ``str`` échoue…) : il renvoie
``Verdict(juste=False, message=…)``. Seul un identifiant d'exercice inconnu lève
:class:`LookupError`, parce que c'est une faute d'auteur.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from transfonum import fr
from transfonum.exercices.reponses import (
    exemple,
    ErreurReponse,
    lire_choix,
    lire_classement,
    lire_nombre,
)
from transfonum.exercices.cles import Cle, cles_du_kit
from transfonum.fr import INSECABLE, ErreurEnClair, guillemets

#: Message quand la réponse est encore le « ... » de la cellule de départ (ou ``None``).
SANS_REPONSE = (
    f"Pas encore de réponse{INSECABLE}: remplacez {guillemets('...')} par votre réponse, "
    f"puis relancez la cellule."
)
#: Message quand un pourcentage est donné comme une proportion (0,31 pour 31 %).
EN_POURCENTAGE = "Donnez la réponse en pourcentage, sur 100, et non comme une proportion entre 0 et 1."
_ILLISIBLE = (
    f"Je n'ai pas pu lire votre réponse{INSECABLE}; vérifiez sa forme (un nombre, un choix "
    f"ou un dictionnaire selon l'exercice) et réessayez."
)


class ExerciceInconnu(ErreurEnClair, LookupError):
    """Un identifiant d'exercice absent des clés : une ligne française (le plus proche,
    les exercices connus), sans trace de pile dans Jupyter."""


@dataclass(frozen=True)
class Verdict:
    """Verdict du correcteur.

    :ivar juste: la réponse est-elle juste ?
    :ivar message: explication en français (ce qui ne va pas et un indice, ou pourquoi
        c'est juste) ; tout texte de l'élève qui y figure est tronqué et échappé (HTML).
    """

    juste: bool
    message: str


def identifiants() -> list[str]:
    """Identifiants de tous les exercices, dans l'ordre du fichier des clés."""
    return list(cles_du_kit())


def cle(identifiant: object) -> Cle:
    """La clé résolue de l'exercice ``identifiant``.

    :raises ExerciceInconnu: (une :class:`LookupError`) si l'identifiant est inconnu (le
        message donne le plus proche et liste les exercices).
    """
    keys = cles_du_kit()
    if not isinstance(identifiant, str) or identifiant not in keys:
        known = ", ".join(keys)
        proches = difflib.get_close_matches(str(identifiant), list(keys), n=1)
        conseil = f"vouliez-vous dire {guillemets(proches[0])}{INSECABLE}? " if proches else ""
        raise ExerciceInconnu(f"exercice inconnu {guillemets(f'{identifiant!s:.60}')}{INSECABLE}; {conseil}"
                              f"Exercices connus{INSECABLE}: {known}.")
    return keys[identifiant]


def _montrer(ex: Cle, value: float) -> str:
    decimals = 0 if float(value).is_integer() else 1
    if ex.unit == "pourcent":
        return fr.pourcent(value, decimals)
    return fr.nombre(value, decimals)


def _proche(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance + 1e-9 * max(1.0, abs(b))


def _corriger_nombre(ex: Cle, reponse: object) -> Verdict:
    read = lire_nombre(reponse, exemple(ex.unit))
    if read.signe_pourcent and ex.unit != "pourcent":
        return Verdict(False, f"La réponse attendue est un nombre, pas un pourcentage{INSECABLE}: retirez le signe {guillemets('%')}. {ex.wrong}")
    candidates = [read.valeur]
    if ex.unit == "pourcent" and ex.accept_fraction and not read.signe_pourcent:
        candidates.append(read.valeur * 100)
    if any(_proche(c, ex.expected, ex.tolerance) for c in candidates):
        return Verdict(True, f"Exact{INSECABLE}: {_montrer(ex, ex.expected)}. {ex.right}")
    if ex.unit == "pourcent" and not ex.accept_fraction and _proche(read.valeur * 100, ex.expected, ex.tolerance):
        return Verdict(False, f"{EN_POURCENTAGE} {ex.wrong}")
    shown = _montrer(ex, read.valeur)
    for value, message in ex.traps:
        if any(_proche(c, value, ex.tolerance) for c in candidates):
            return Verdict(False, f"Pas tout à fait{INSECABLE}: {shown} ne convient pas. {message}")
    side = "trop élevée" if read.valeur > ex.expected else "trop basse"
    return Verdict(False, f"Pas encore{INSECABLE}: {shown} est une valeur {side}. {ex.wrong}")


def _corriger_choix(ex: Cle, reponse: object) -> Verdict:
    chosen = lire_choix(reponse, ex.choices)
    if chosen == ex.expected:
        return Verdict(True, f"Exact{INSECABLE}: {guillemets(ex.choices[chosen])}. {ex.right}")
    specific = ex.choice_feedback.get(chosen, ex.wrong)
    return Verdict(False, f"Ce n'est pas {guillemets(ex.choices[chosen])}. {specific}")


def _corriger_classement(ex: Cle, reponse: object) -> Verdict:
    placed = lire_classement(reponse, ex.items, ex.categories)
    wrong = [guillemets(ex.items[i]) for i in ex.items if placed[i] != ex.expected[i]]
    if not wrong:
        return Verdict(True, f"Tout est bien classé. {ex.right}")
    count = len(wrong)
    noun = "élément mal placé" if count == 1 else "éléments mal placés"
    return Verdict(
        False,
        f"{count} {noun} sur {len(ex.items)}{INSECABLE}: {', '.join(wrong)}. {ex.wrong}",
    )


_CORRECTEURS = {
    "numeric": _corriger_nombre,
    "choice": _corriger_choix,
    "classification": _corriger_classement,
}


def corriger(identifiant: str, reponse: object) -> Verdict:
    """Corrige ``reponse`` pour l'exercice ``identifiant``.

    :param identifiant: identifiant d'exercice (voir :func:`identifiants`).
    :param reponse: la réponse de l'élève, de n'importe quel type ; ``...`` (la cellule
        de départ intacte) ou ``None`` donnent :data:`SANS_REPONSE`.
    :returns: un :class:`Verdict` ; jamais d'exception pour une réponse, même hostile.
    :raises LookupError: si ``identifiant`` est inconnu (le message liste les exercices).

    >>> corriger("edenred-souvent-heureux", "31 %").juste
    True
    """
    ex = cle(identifiant)
    if reponse is ... or reponse is None:
        return Verdict(False, SANS_REPONSE)
    try:
        return _CORRECTEURS[ex.type](ex, reponse)
    except ErreurReponse as err:
        return Verdict(False, str(err))
    except Exception:  # noqa: BLE001 — une réponse ne doit jamais produire de trace
        return Verdict(False, _ILLISIBLE)


__all__ = ["EN_POURCENTAGE", "SANS_REPONSE", "Verdict", "cle", "corriger", "identifiants"]
