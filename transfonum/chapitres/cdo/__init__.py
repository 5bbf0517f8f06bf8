"""Le chapitre sur le Chief Digital Officer : trois outils, un par figure de la page.

- :mod:`~transfonum.chapitres.cdo.carte` : où placer le responsable du numérique (carte à curseurs) ;
- :mod:`~transfonum.chapitres.cdo.comparaison` : comparer en barres des chiffres de la conférence ;
- :mod:`~transfonum.chapitres.cdo.couverture` : les heures où un service client répond.
"""
