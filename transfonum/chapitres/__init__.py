"""Le code propre à chaque page du livre : un module (ou un dossier) par page, rien d'autre.

- :mod:`~transfonum.chapitres.introduction` : la frise des billets ;
- :mod:`~transfonum.chapitres.cdo` : carte de décision, chiffres de la conférence,
  heures de service ;
- :mod:`~transfonum.chapitres.sbf2014` : les tendances du Social Business Forum 2014 ;
- :mod:`~transfonum.chapitres.generation_y` : tableau croisé, grille et marge d'erreur ;
- :mod:`~transfonum.chapitres.annexe_sources` : l'explorateur de la marge d'erreur.

Un chapitre lit les données (:mod:`transfonum.donnees`), le français
(:mod:`transfonum.fr`) et le thème (:mod:`transfonum.graphiques`) ; il n'importe jamais le
moteur du site, ni un autre chapitre. Ses graphiques sortent sans titre ni source : la
page les passe à :func:`transfonum.graphiques.finir`.
"""
