"""Le chapitre sur le Chief Digital Officer : un outil, celui de sa carte de décision.

- :mod:`~transfonum.chapitres.cdo.carte` : où placer le responsable du numérique (carte à curseurs).

Les heures de service de @SG_etvous et les chiffres de la conférence Kea & Partners et
Nurun sont passés au chapitre « Relation client et social CRM »
(:mod:`transfonum.chapitres.relation_client`).
"""
