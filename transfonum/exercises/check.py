"""Corriger une réponse : ``check(exercise_id, answer)`` → :class:`Result`.

Le correcteur ne lève jamais d'exception pour une réponse d'élève, quelle qu'elle soit
(type inattendu, texte immense ou hostile, objet dont ``str`` échoue…) : il renvoie
``Result(correct=False, message=…)``. Seul un identifiant d'exercice inconnu lève
:class:`LookupError`, parce que c'est une faute d'auteur.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from transfonum import fr
from transfonum.exercises.answers import (
    AnswerError,
    read_choice,
    read_classification,
    read_number,
)
from transfonum.exercises.keys import Exercise, default_keys
from transfonum.fr import NBSP, quote

#: Message quand la réponse est encore le « ... » de la cellule de départ (ou ``None``).
NO_ANSWER = (
    f"Pas encore de réponse{NBSP}: remplacez {quote('...')} par votre réponse, "
    f"puis relancez la cellule."
)
_FALLBACK = (
    f"Je n'ai pas pu lire votre réponse{NBSP}; vérifiez sa forme (un nombre, un choix "
    f"ou un dictionnaire selon l'exercice) et réessayez."
)


@dataclass(frozen=True)
class Result:
    """Verdict du correcteur.

    :ivar correct: la réponse est-elle juste ?
    :ivar message: explication en français (ce qui ne va pas et un indice, ou pourquoi
        c'est juste) ; tout texte de l'élève qui y figure est tronqué et échappé (HTML).
    """

    correct: bool
    message: str


def ids() -> list[str]:
    """Identifiants de tous les exercices, dans l'ordre du fichier des clés."""
    return list(default_keys())


def exercise(exercise_id: object) -> Exercise:
    """La clé résolue de l'exercice ``exercise_id``.

    :raises LookupError: si l'identifiant est inconnu (le message liste les exercices).
    """
    keys = default_keys()
    if not isinstance(exercise_id, str) or exercise_id not in keys:
        known = ", ".join(keys)
        raise LookupError(f"exercice inconnu {exercise_id!r:.60} ; exercices connus : {known}")
    return keys[exercise_id]


def _show(ex: Exercise, value: float) -> str:
    decimals = 0 if float(value).is_integer() else 1
    if ex.unit == "pourcent":
        return fr.percent(value, decimals)
    return fr.number(value, decimals)


def _near(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance + 1e-9 * max(1.0, abs(b))


def _check_numeric(ex: Exercise, answer: object) -> Result:
    example = f"80{NBSP}%" if ex.unit == "pourcent" else f"1{NBSP}234"
    read = read_number(answer, example)
    if read.percent_sign and ex.unit != "pourcent":
        return Result(False, f"La réponse attendue est un nombre, pas un pourcentage{NBSP}: retirez le signe {quote('%')}. {ex.wrong}")
    candidates = [read.value]
    if ex.unit == "pourcent" and ex.accept_fraction and not read.percent_sign:
        candidates.append(read.value * 100)
    if any(_near(c, ex.expected, ex.tolerance) for c in candidates):
        return Result(True, f"Exact{NBSP}: {_show(ex, ex.expected)}. {ex.right}")
    if ex.unit == "pourcent" and not ex.accept_fraction and _near(read.value * 100, ex.expected, ex.tolerance):
        return Result(False, f"Donnez la réponse en pourcentage, sur 100, et non comme une proportion entre 0 et 1. {ex.wrong}")
    shown = _show(ex, read.value)
    for value, message in ex.traps:
        if any(_near(c, value, ex.tolerance) for c in candidates):
            return Result(False, f"Pas tout à fait{NBSP}: {shown} ne convient pas. {message}")
    side = "trop élevée" if read.value > ex.expected else "trop basse"
    return Result(False, f"Pas encore{NBSP}: {shown} est une valeur {side}. {ex.wrong}")


def _check_choice(ex: Exercise, answer: object) -> Result:
    chosen = read_choice(answer, ex.choices)
    if chosen == ex.expected:
        return Result(True, f"Exact{NBSP}: {quote(ex.choices[chosen])}. {ex.right}")
    specific = ex.choice_feedback.get(chosen, ex.wrong)
    return Result(False, f"Ce n'est pas {quote(ex.choices[chosen])}. {specific}")


def _check_classification(ex: Exercise, answer: object) -> Result:
    placed = read_classification(answer, ex.items, ex.categories)
    wrong = [quote(ex.items[i]) for i in ex.items if placed[i] != ex.expected[i]]
    if not wrong:
        return Result(True, f"Tout est bien classé. {ex.right}")
    count = len(wrong)
    noun = "élément mal placé" if count == 1 else "éléments mal placés"
    return Result(
        False,
        f"{count} {noun} sur {len(ex.items)}{NBSP}: {', '.join(wrong)}. {ex.wrong}",
    )


_CHECKERS = {
    "numeric": _check_numeric,
    "choice": _check_choice,
    "classification": _check_classification,
}


def check(exercise_id: str, answer: object) -> Result:
    """Corrige ``answer`` pour l'exercice ``exercise_id``.

    :param exercise_id: identifiant d'exercice (voir :func:`ids`).
    :param answer: la réponse de l'élève, de n'importe quel type ; ``...`` (la cellule
        de départ intacte) ou ``None`` donnent :data:`NO_ANSWER`.
    :returns: un :class:`Result` ; jamais d'exception pour une réponse, même hostile.
    :raises LookupError: si ``exercise_id`` est inconnu (le message liste les exercices).

    >>> check("edenred-souvent-heureux", "31 %").correct
    True
    """
    ex = exercise(exercise_id)
    if answer is ... or answer is None:
        return Result(False, NO_ANSWER)
    try:
        return _CHECKERS[ex.type](ex, answer)
    except AnswerError as err:
        return Result(False, str(err))
    except Exception:  # noqa: BLE001 — une réponse ne doit jamais produire de trace
        return Result(False, _FALLBACK)


__all__ = ["NO_ANSWER", "Result", "check", "exercise", "ids"]
