"""Le chapitre « Relation client et social CRM » : deux outils, un par sorte de figure.

- :mod:`~transfonum.chapitres.relation_client.couverture` : les heures où un service client
  répond, l'attente d'une plainte arrivée hors de ces heures, et le laboratoire du temps
  de réponse (curseurs sur la page statique) ;
- :mod:`~transfonum.chapitres.relation_client.comparaison` : comparer en barres des chiffres
  cités de même unité (les cafés, les annonces et les chambres).
"""
