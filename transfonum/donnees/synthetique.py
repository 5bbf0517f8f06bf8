"""Générer le jeu de données synthétiques du chapitre sur le réseau social d'entreprise.

Ces données sont **synthétiques** : elles ne décrivent aucune entreprise réelle. Elles
illustrent les trois phases de maturité d'un réseau social d'entreprise (création,
croissance, croisière) décrites par un des billets sources, pour des exercices :

- ``rse_departements`` : les services d'une entreprise fictive ;
- ``rse_personnes`` : ses salariés, leur service, leur rôle, leur semaine d'inscription ;
- ``rse_messages`` : les messages publiés, semaine par semaine ;
- ``rse_commentaires`` : les commentaires sur ces messages, qui dessinent les relations
  entre services.

Hypothèses de simulation (choisies pour l'exercice, pas mesurées) : les inscriptions
s'étalent surtout sur les deux premières phases ; la propension à publier varie
fortement d'une personne à l'autre (quelques très gros contributeurs, beaucoup de
silencieux) ; les managers publient davantage en phase de création (exemplarité) ;
la part des commentaires adressés à un autre service augmente d'une phase à l'autre.

Le générateur n'utilise que la bibliothèque standard et une graine fixe : relancer
``python -m transfonum.donnees.synthetique`` réécrit des CSV identiques à l'octet près.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from pathlib import Path

from transfonum.donnees.tables import DOSSIER_DONNEES

#: Graine du générateur : la changer change toutes les données.
GRAINE = 20131119
#: Semaines écoulées depuis l'ouverture du réseau, par phase (bornes incluses).
PHASES: dict[str, tuple[int, int]] = {
    "creation": (1, 13),
    "croissance": (14, 39),
    "croisiere": (40, 78),
}
#: Messages publiés par semaine par un membre de propension 1, selon la phase.
TAUX_MESSAGES = {"creation": 0.08, "croissance": 0.10, "croisiere": 0.14}
#: Commentaires attendus par message, selon la phase.
TAUX_COMMENTAIRES = {"creation": 1.0, "croissance": 1.8, "croisiere": 2.6}
#: Probabilité qu'un commentaire vienne du service de l'auteur du message.
MEME_SERVICE = {"creation": 0.85, "croissance": 0.6, "croisiere": 0.45}
#: Services de l'entreprise fictive : identifiant, nom, effectif, managers.
SERVICES = [
    ("d-direction", "Direction générale", 8, 3),
    ("d-commercial", "Commercial", 30, 4),
    ("d-marketing", "Marketing", 18, 2),
    ("d-service-client", "Service client", 34, 4),
    ("d-informatique", "Informatique", 20, 3),
    ("d-rh", "Ressources humaines", 10, 2),
]
THEMES = ["projet", "question", "veille", "retour client", "organisation", "innovation"]

TABLES = ("rse_departements", "rse_personnes", "rse_messages", "rse_commentaires")


def phase_de(week: int) -> str:
    """Phase de maturité à laquelle appartient la semaine ``week``."""
    for phase, (first, last) in PHASES.items():
        if first <= week <= last:
            return phase
    raise ValueError(f"semaine hors période : {week}")


def _tirage_poisson(rng: random.Random, mean: float) -> int:
    """Tirage de Poisson (méthode de Knuth), suffisant pour de petites moyennes."""
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def generer(graine: int = GRAINE) -> dict[str, list[dict[str, object]]]:
    """Construit les quatre tables synthétiques (listes de lignes) avec la graine ``graine``."""
    rng = random.Random(graine)
    last_week = max(last for _, last in PHASES.values())
    departements = [
        {"id": dep_id, "nom": nom, "effectif": size} for dep_id, nom, size, _ in SERVICES
    ]
    personnes: list[dict[str, object]] = []
    for dep_id, _, size, managers in SERVICES:
        for i in range(size):
            draw = rng.random()
            if draw < 0.35:
                week = rng.randint(*PHASES["creation"])
            elif draw < 0.85:
                week = rng.randint(*PHASES["croissance"])
            elif draw < 0.95:
                week = rng.randint(*PHASES["croisiere"])
            else:
                week = None  # jamais inscrit
            silent = rng.random() < 0.3
            propension = 0.0 if silent else min(rng.paretovariate(1.6), 12.0)
            personnes.append({
                "id": f"p-{len(personnes) + 1:03d}",
                "departement_id": dep_id,
                "role": "manager" if i < managers else "collaborateur",
                "semaine_inscription": week,
                "propension": round(propension, 3),
            })
    members = [p for p in personnes if p["semaine_inscription"] is not None]
    by_dep: dict[str, list[dict[str, object]]] = {}
    for p in members:
        by_dep.setdefault(str(p["departement_id"]), []).append(p)

    messages: list[dict[str, object]] = []
    commentaires: list[dict[str, object]] = []
    for week in range(1, last_week + 1):
        phase = phase_de(week)
        present = [p for p in members if int(p["semaine_inscription"]) <= week]
        for author in present:
            rate = TAUX_MESSAGES[phase] * float(author["propension"])
            if phase == "creation" and author["role"] == "manager":
                rate += 0.3
            for _ in range(_tirage_poisson(rng, rate)):
                msg_id = f"m-{len(messages) + 1:05d}"
                messages.append({
                    "id": msg_id, "auteur_id": author["id"], "semaine": week,
                    "phase": phase, "theme": rng.choice(THEMES),
                })
                attract = 1.0 + 0.15 * float(author["propension"])
                for _ in range(_tirage_poisson(rng, TAUX_COMMENTAIRES[phase] * attract)):
                    same = rng.random() < MEME_SERVICE[phase]
                    pool = [
                        p for p in present
                        if p["id"] != author["id"]
                        and (p["departement_id"] == author["departement_id"]) == same
                    ]
                    if not pool:
                        continue
                    weights = [0.2 + float(p["propension"]) for p in pool]
                    commenter = rng.choices(pool, weights=weights)[0]
                    delay = min(_tirage_poisson(rng, 0.6), last_week - week)
                    commentaires.append({
                        "id": f"k-{len(commentaires) + 1:05d}", "message_id": msg_id,
                        "auteur_id": commenter["id"], "semaine": week + delay,
                        "phase": phase_de(week + delay),
                    })
    for p in personnes:
        del p["propension"]  # variable latente de la simulation, non publiée
        p["phase_inscription"] = (
            phase_de(int(p["semaine_inscription"])) if p["semaine_inscription"] else None
        )
    return {
        "rse_departements": departements,
        "rse_personnes": personnes,
        "rse_messages": messages,
        "rse_commentaires": commentaires,
    }


def ecrire(dossier: Path = DOSSIER_DONNEES, graine: int = GRAINE) -> dict[str, int]:
    """Écrit les quatre CSV dans ``dossier`` ; renvoie le nombre de lignes par table."""
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, rows in generer(graine).items():
        with open(dossier / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
        counts[name] = len(rows)
    return counts


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée : ``python -m transfonum.donnees.synthetique [--sortie DOSSIER]``."""
    parser = argparse.ArgumentParser(description="Génère les données synthétiques du réseau social d'entreprise.")
    parser.add_argument("--sortie", type=Path, default=DOSSIER_DONNEES, help="dossier de sortie (par défaut data/)")
    parser.add_argument("--graine", type=int, default=GRAINE, help="graine du générateur")
    args = parser.parse_args(argv)
    counts = ecrire(args.sortie, args.graine)
    summary = ", ".join(f"{name} : {n} lignes" for name, n in counts.items())
    print(f"Données synthétiques écrites dans {args.sortie} ({summary})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
