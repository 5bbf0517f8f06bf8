"""Ce que l'édition étudiante du site laisse de côté : les pages réservées aux enseignants.

Les pages sont nommées dans ``_config.yml`` (``sphinx.config.transfonum_pages_enseignants`` :
des motifs de noms de fichiers du livre, sans extension, comme dans ``_toc.yml``). Pour
l'édition étudiante, :func:`ecrire_table` écrit une table des matières sans elles, que
la construction passe à Jupyter Book (``--toc``) : comme ``only_build_toc_files`` est
vrai, ces pages ne sont ni construites, ni listées, ni cherchables. Les solutions des
exercices, elles, sont retirées par sphinx-exercise (``hide_solutions``) ; et comme la
source Markdown d'une page les contient, l'édition étudiante ne publie pas les sources
(``html_copy_source`` faux) et :func:`retirer_bouton_source` ôte le lien du thème vers elles.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path

import yaml

from transfonum.chemins import TABLE_DES_MATIERES
from transfonum.sommaire import lire_table

#: Le réglage de ``_config.yml`` (section ``sphinx.config``) qui nomme ces pages.
REGLAGE = "transfonum_pages_enseignants"
#: Le nom de la table des matières écrite pour l'édition étudiante (dans le dossier de sortie).
NOM_TABLE = "_toc-etudiant.yml"
#: Les entrées du menu « Télécharger » du thème qui mènent à la source de la page.
BOUTONS_SOURCE = ("download-source-button", "download-notebook-button")


class ErreurEditionEtudiante(ValueError):
    """La configuration ou la table des matières ne permettent pas l'édition étudiante."""


def motifs_enseignants(config: Path) -> list[str]:
    """Les motifs des pages réservées aux enseignants, lus dans ``config`` (``_config.yml``)."""
    reglages = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    motifs = ((reglages.get("sphinx") or {}).get("config") or {}).get(REGLAGE, [])
    if not isinstance(motifs, list) or not all(isinstance(m, str) for m in motifs):
        raise ErreurEditionEtudiante(f"{config.name}, sphinx.config.{REGLAGE} : une liste de motifs est attendue")
    return motifs


def _reservee(entree: dict, motifs: list[str]) -> bool:
    return "file" in entree and any(fnmatchcase(entree["file"], motif) for motif in motifs)


def _sans(entrees: list[dict], motifs: list[str]) -> list[dict]:
    """Les entrées d'une liste de la table, sans les pages réservées (à toute profondeur)."""
    gardees = []
    for entree in entrees:
        if _reservee(entree, motifs):
            continue
        entree = dict(entree)
        for cle in ("chapters", "sections", "parts"):
            if cle in entree:
                entree[cle] = _sans(entree[cle], motifs)
        if any(cle in entree and not entree[cle] for cle in ("chapters", "parts")) and "file" not in entree:
            continue  # une partie dont il ne reste rien
        if "sections" in entree and not entree["sections"]:
            del entree["sections"]
        gardees.append(entree)
    return gardees


def table_sans_pages_enseignants(table: dict, motifs: list[str]) -> dict:
    """La table des matières ``table`` (``_toc.yml`` lu) sans les pages qui suivent ``motifs``.

    :raises ErreurEditionEtudiante: si la racine du livre est réservée aux enseignants.
    """
    if _reservee({"file": table.get("root", "")}, motifs):
        raise ErreurEditionEtudiante(f"la racine du livre « {table['root']} » ne peut pas être réservée aux enseignants")
    table = dict(table)
    for cle in ("parts", "chapters", "sections"):
        if cle in table:
            table[cle] = _sans(table[cle], motifs)
    return table


def ecrire_table(source: Path, dossier: Path) -> Path:
    """Écrit dans ``dossier`` la table des matières de l'édition étudiante du livre
    ``source`` ; renvoie son chemin."""
    motifs = motifs_enseignants(source / "_config.yml")
    table = lire_table(source / TABLE_DES_MATIERES)
    chemin = dossier / NOM_TABLE
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(
        "# Écrit par transfonum.site.edition_etudiante : _toc.yml sans les pages des enseignants.\n"
        + yaml.safe_dump(table_sans_pages_enseignants(table, motifs), allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    return chemin


def retirer_bouton_source(context: dict) -> None:
    """Ôte du menu « Télécharger » d'une page (contexte de ``html-page-context``) les liens
    vers sa source, et le menu s'il n'y reste rien."""
    groupes = context.get("header_buttons", [])
    for groupe in list(groupes):
        if groupe.get("type") == "group":
            groupe["buttons"] = [b for b in groupe["buttons"] if b.get("label") not in BOUTONS_SOURCE]
            if not groupe["buttons"]:
                groupes.remove(groupe)
