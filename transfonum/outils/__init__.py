"""Les outils du dépôt, jamais importés par une page ni par le moteur :

- :mod:`~transfonum.outils.banc` : ``make bench`` (temps de construction, poids des pages,
  environnement Binder) ;
- :mod:`~transfonum.outils.binder` : l'environnement léger des élèves, refait de zéro
  (tests, banc).
"""
