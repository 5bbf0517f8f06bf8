"""Exercices auto-corrigés : ``corriger(id, réponse)``, ``identifiants()`` et les clés de réponse.

>>> from transfonum.exercices import corriger, identifiants
>>> corriger("edenred-souvent-heureux", "31 %").juste
True

Modules : :mod:`~transfonum.exercices.cles` (clés de réponse, une seule source
``exercises/cles/<chapitre>.json``), :mod:`~transfonum.exercices.reponses` (lecture tolérante des réponses),
:mod:`~transfonum.exercices.texte` (normaliser et citer sans risque),
:mod:`~transfonum.exercices.correction` (le verdict).

Pour l'enseignant : :mod:`~transfonum.exercices.notes` corrige les carnets d'une classe
(copies, exécution à l'écart, journal des verdicts, bilan, pages de retour) ;
:mod:`~transfonum.exercices.moodle` écrit les questions en banque Moodle.
"""

from transfonum.exercices.correction import Verdict, corriger, identifiants

__all__ = ["Verdict", "corriger", "identifiants"]
