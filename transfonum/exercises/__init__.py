"""Exercices auto-corrigés : ``check(id, réponse)``, ``ids()`` et les clés de réponse.

>>> from transfonum.exercises import check, ids
>>> check("edenred-souvent-heureux", "31 %").correct
True

Modules : :mod:`~transfonum.exercises.keys` (clés de réponse, une seule source
``cles/<chapitre>.json``), :mod:`~transfonum.exercises.answers` (lecture tolérante des réponses),
:mod:`~transfonum.exercises.text` (normaliser et citer sans risque),
:mod:`~transfonum.exercises.check` (le verdict).
"""

from transfonum.exercises.check import Result, check, ids

__all__ = ["Result", "check", "ids"]
