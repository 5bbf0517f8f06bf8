"""La couche des données : ``data/`` lu, validé, tracé jusqu'à ses sources.

- :mod:`~transfonum.donnees.tables` : lire une table par son nom, typée (``charger_table``) ;
- :mod:`~transfonum.donnees.validation` : valider ``data/`` (fichier, ligne, champ, raison) ;
- :mod:`~transfonum.donnees.provenance` : lignes « Source : … », valeurs citées, vérifications ;
- :mod:`~transfonum.donnees.synthetique` : le réseau social d'entreprise synthétique.

``python -m transfonum.donnees`` liste les tables.
"""

from transfonum.donnees.tables import (
    DESCRIPTEUR,
    DOSSIER_DONNEES,
    charger_table,
    exiger_colonnes,
    exiger_lignes,
    exiger_valeurs,
    noms_tables,
    ressource,
)

__all__ = [
    "DESCRIPTEUR", "DOSSIER_DONNEES", "charger_table", "exiger_colonnes", "exiger_lignes",
    "exiger_valeurs", "noms_tables", "ressource",
]
