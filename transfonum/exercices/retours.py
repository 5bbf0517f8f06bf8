"""Les pages de retour de la correction : une page HTML par élève, en français, qui se
lit seule (styles dans la page, rien chargé d'ailleurs) sur ordinateur comme sur
téléphone : chaque exercice, son verdict, le message du correcteur et la cellule où il a
été obtenu ; puis ce qui n'a pas pu être corrigé.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from transfonum import fr
from transfonum.exercices import carnets
from transfonum.exercices.bilan import POINTS_EXERCICES, REGLE_DES_POINTS, Bilan, points
from transfonum.fr import INSECABLE, guillemets
from transfonum.graphiques import PALETTE

#: Le verdict en toutes lettres (la couleur n'est jamais le seul indice), comme dans les carnets.
VERDICTS = {True: "Juste", False: "À revoir"}
STYLE = f"""
body {{font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: {PALETTE["texte"]};
  background: {PALETTE["fond"]}; max-width: 60rem; margin: 0 auto; padding: 1rem; line-height: 1.45;}}
h1 {{font-size: 1.5rem; margin-bottom: 0.2rem;}}
h2 {{font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid {PALETTE["grille"]}; padding-bottom: 0.2rem;}}
.resume {{font-size: 1.1rem;}}
.regle, .ou {{color: {PALETTE["attenue"]}; font-size: 0.9rem;}}
ol.exercices {{list-style: none; padding: 0;}}
ol.exercices li {{border-left: 4px solid; padding: 0.5rem 0.75rem; margin: 0.6rem 0; border-radius: 3px;}}
ol.exercices li.juste {{border-color: {PALETTE["positif"]}; background: {PALETTE["fond_positif"]};}}
ol.exercices li.a-revoir {{border-color: {PALETTE["contraste"]}; background: {PALETTE["fond_contraste"]};}}
.exercice {{font-family: ui-monospace, monospace; font-size: 0.9rem; overflow-wrap: anywhere;}}
.problemes li {{margin: 0.3rem 0; overflow-wrap: anywhere;}}
"""


def nom_de_fichier(eleve: str) -> str:
    """Un nom de fichier sûr pour la page d'un élève : « Dupont Léa » → ``dupont-lea``."""
    sans_accents = unicodedata.normalize("NFKD", eleve).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", sans_accents.lower()).strip("-") or "eleve"


def _exercice(note) -> str:
    ou = html.escape(f"{note.fichier}, cellule n°{INSECABLE}{note.cellule}" if note.cellule else note.fichier)
    classe = "juste" if note.juste else "a-revoir"
    return (f'<li class="{classe}"><span class="exercice">{html.escape(note.exercice)}</span> — '
            f"<strong>{VERDICTS[note.juste]}</strong>{INSECABLE}: {note.message}"
            + (f'<br><span class="ou">{ou}</span>' if ou else "") + "</li>")


def page(b: Bilan, chapitres: list[str]) -> str:
    """La page de retour d'un élève (HTML complet)."""
    parties = []
    for chapitre in chapitres:
        notes = [n for n in b.notes if n.chapitre == chapitre]
        parties.append(
            f"<h2>{html.escape(carnets.titre(chapitre))} — {b.justes(chapitre)} sur {len(notes)}</h2>"
            f'<ol class="exercices">{"".join(_exercice(n) for n in notes)}</ol>')
    if b.problemes:
        lignes = "".join(f"<li>{html.escape(fichier + ' : ' if fichier else '')}{html.escape(p)}</li>"
                         for fichier, p in b.problemes)
        parties.append(f'<h2>Ce qui n\'a pas pu être corrigé</h2><ul class="problemes">{lignes}</ul>')
    valeur = points(b.justes(), b.total())
    s_justes, s_points = ("s" if b.justes() >= 2 else ""), ("s" if valeur >= 2 else "")
    titre = f"Correction des carnets — {b.eleve}"
    return (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(titre)}</title><style>{STYLE}</style></head><body><main>"
        f"<h1>{html.escape(titre)}</h1>"
        f'<p class="resume"><strong>{b.justes()} exercice{s_justes} juste{s_justes} sur {b.total()}</strong>, '
        f"soit {fr.nombre(valeur, 1)} point{s_points} sur {POINTS_EXERCICES} pour les exercices continus.</p>"
        f'<p class="regle">Règle de la page du cours{INSECABLE}: {REGLE_DES_POINTS}. '
        f"Un exercice sans réponse compte faux. "
        f"Chaque verdict est celui de la cellule {guillemets('verifier')} du carnet rendu, exécuté de "
        f"nouveau du début à la fin.</p>"
        + "".join(parties) + "</main></body></html>\n")


def ecrire_pages(bilans: list[Bilan], chapitres: list[str], dossier: Path) -> dict[str, Path]:
    """Écrit une page par élève dans ``dossier`` ; renvoie le chemin de chacune, par élève.
    Deux élèves dont les noms donnent le même fichier ont chacun le sien (suffixe ``-2``…)."""
    dossier.mkdir(parents=True, exist_ok=True)
    chemins: dict[str, Path] = {}
    pris: set[str] = set()
    for b in bilans:
        base = nom_de_fichier(b.eleve)
        nom, n = base, 1
        while nom in pris:
            n += 1
            nom = f"{base}-{n}"
        pris.add(nom)
        chemins[b.eleve] = dossier / f"{nom}.html"
        chemins[b.eleve].write_text(page(b, chapitres), encoding="utf-8")
    return chemins
