"""Le chapitre d'initiation « Lire un tableau avec pandas et Altair » : ce que la page
montre et que l'élève doit pouvoir refaire ::

    from transfonum.chapitres import pandas_altair as pa
    from transfonum.donnees import charger_table

    chiffres = charger_table("chiffres")
    pa.comparer_lectures("chiffres")            # types lus par pd.read_csv et par charger_table
    bilan = pa.statuts_et_etudes(chiffres)      # par statut : avec ou sans étude d'origine
    pa.description_statuts_etudes(bilan)        # le graphique du chapitre, en phrase

Le sujet du chapitre est le code lui-même : le graphique s'écrit donc dans la page, en
clair, tel que l'élève le tapera (``alt.Chart(bilan).mark_bar().encode(x=…, y=…,
color=…)``), et les couleurs viennent du thème du kit (:mod:`transfonum.graphiques`).
Ce module ne garde que ce qu'un débutant n'a pas besoin de lire : l'ordre et les
libellés des statuts, la description du graphique pour les lecteurs d'écran, sa
légende « Source : … ».
"""

from __future__ import annotations

import pandas as pd

from transfonum import fr
from transfonum.donnees import DOSSIER_DONNEES, charger_table, exiger_colonnes, exiger_valeurs, ressource
from transfonum.donnees.provenance import LIBELLES_STATUT, source_kit

#: Les deux cas du graphique : le chiffre renvoie-t-il à une étude de la table ``etudes`` ?
AVEC_ETUDE, SANS_ETUDE = "Avec étude d'origine", "Sans étude d'origine"


def comparer_lectures(nom: str) -> pd.DataFrame:
    """Le type de chaque colonne de la table ``nom`` selon la façon de la lire.

    Colonnes : ``colonne``, ``type dans le dictionnaire`` (le champ ``type`` du
    descripteur ``data/datapackage.json``), ``pd.read_csv`` et ``charger_table``.
    Lève :class:`LookupError` si la table n'existe pas.
    """
    champs = {c["name"]: c.get("type", "string") for c in ressource(nom)["schema"]["fields"]}
    brute = pd.read_csv(DOSSIER_DONNEES / ressource(nom)["path"], encoding="utf-8")
    typee = charger_table(nom)
    return pd.DataFrame({
        "colonne": list(typee.columns),
        "type dans le dictionnaire": [champs.get(c, "") for c in typee.columns],
        "pd.read_csv": [str(brute[c].dtype) for c in typee.columns],
        "charger_table": [str(typee[c].dtype) for c in typee.columns],
    })


def statuts_et_etudes(chiffres: pd.DataFrame) -> pd.DataFrame:
    """Nombre de chiffres par statut de vérification, selon qu'ils renvoient ou non à une
    étude d'origine (colonne ``etude_id`` remplie ou vide).

    Colonnes : ``statut``, ``libelle`` (français), ``etude`` (:data:`AVEC_ETUDE` ou
    :data:`SANS_ETUDE`), ``nombre`` ; les cas vides sont omis. Lève :class:`ValueError`,
    en français, si une colonne manque ou si un statut est inconnu.
    """
    exiger_colonnes(chiffres, "chiffres", ("statut", "etude_id"))
    exiger_valeurs(chiffres, "chiffres", "statut", LIBELLES_STATUT)
    etude = chiffres["etude_id"].notna().map({True: AVEC_ETUDE, False: SANS_ETUDE})
    bilan = (
        chiffres.assign(etude=etude)
        .groupby(["statut", "etude"]).size()
        .rename("nombre").reset_index()
    )
    bilan["libelle"] = bilan["statut"].map(LIBELLES_STATUT)
    ordre = {s: i for i, s in enumerate(LIBELLES_STATUT)}
    bilan = bilan.sort_values(["statut", "etude"], key=lambda c: c.map(ordre) if c.name == "statut" else c)
    return bilan[["statut", "libelle", "etude", "nombre"]].reset_index(drop=True)


def description_statuts_etudes(bilan: pd.DataFrame) -> str:
    """Description en français de :func:`graphique_statuts_etudes` (lecteurs d'écran)."""
    parties = []
    for statut, libelle in LIBELLES_STATUT.items():
        lignes = bilan[bilan["statut"] == statut].set_index("etude")["nombre"]
        avec, sans = int(lignes.get(AVEC_ETUDE, 0)), int(lignes.get(SANS_ETUDE, 0))
        parties.append(f"{libelle.lower()}{fr.INSECABLE}: {fr.nombre(avec)} avec étude, {fr.nombre(sans)} sans")
    return (
        "Barres horizontales empilées, une par statut de vérification, longues du nombre "
        "de chiffres, en deux couleurs selon que le chiffre renvoie ou non à une étude "
        f"d'origine{fr.INSECABLE}: " + f"{fr.INSECABLE}; ".join(parties) + "."
    )


def source_graphique() -> str:
    """La légende « Source : … » du graphique : les tables du kit qu'il lit."""
    return source_kit("chiffres")


__all__ = [
    "AVEC_ETUDE", "SANS_ETUDE", "comparer_lectures", "description_statuts_etudes",
    "source_graphique", "statuts_et_etudes",
]
