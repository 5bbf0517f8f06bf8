"""Le journal des verdicts : ce que ``verifier(id, réponse)`` a rendu, pour la correction
d'une classe (:mod:`transfonum.exercices.notes`).

Quand la variable d'environnement :data:`VARIABLE` nomme un fichier (le correcteur la
donne au noyau qui exécute un carnet rendu), chaque verdict du correcteur du kit y est
ajouté, une ligne JSON par appel : l'identifiant, le verdict, le message et la requête
d'exécution de la cellule (l'identifiant du message Jupyter, que le correcteur relie à la
cellule). Sans elle, rien n'est écrit : l'élève qui travaille dans son
carnet ne voit aucune différence. Le correcteur lit ce fichier, jamais le texte affiché.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

#: La variable d'environnement qui nomme le fichier du journal.
VARIABLE = "TRANSFONUM_JOURNAL"


@dataclass(frozen=True)
class Entree:
    """Un verdict journalisé.

    :ivar identifiant: l'exercice.
    :ivar juste: le verdict du correcteur.
    :ivar message: son explication (texte de l'élève échappé en HTML).
    :ivar requete: l'identifiant du message ``execute_request`` de la cellule qui a
        appelé ``verifier`` (``None`` hors d'un noyau Jupyter).
    """

    identifiant: str
    juste: bool
    message: str
    requete: str | None = None


def _requete() -> str | None:
    """L'identifiant de la requête d'exécution en cours, si un noyau ipykernel tourne."""
    try:
        from IPython import get_ipython

        requete = get_ipython().kernel.get_parent()["header"]["msg_id"]
    except Exception:  # noqa: BLE001 — hors d'un noyau : pas de requête, pas d'erreur
        return None
    return requete if isinstance(requete, str) else None


def noter(identifiant: str, juste: bool, message: str) -> None:
    """Ajoute un verdict au journal, si :data:`VARIABLE` en nomme un ; sinon ne fait rien."""
    chemin = os.environ.get(VARIABLE)
    if not chemin:
        return
    ligne = {"identifiant": identifiant, "juste": bool(juste), "message": message,
             "requete": _requete()}
    with open(chemin, "a", encoding="utf-8") as journal:
        journal.write(json.dumps(ligne, ensure_ascii=False) + "\n")


def lire(chemin: Path) -> list[Entree]:
    """Les verdicts d'un journal, dans l'ordre des appels ; une ligne illisible est sautée
    (un carnet arrêté au milieu d'une écriture n'en laisse pas plus d'une)."""
    if not chemin.exists():
        return []
    entrees = []
    for ligne in chemin.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            brut = json.loads(ligne)
            entrees.append(Entree(str(brut["identifiant"]), bool(brut["juste"]), str(brut["message"]),
                                  brut.get("requete") if isinstance(brut.get("requete"), str) else None))
        except (ValueError, KeyError, TypeError):
            continue
    return entrees
