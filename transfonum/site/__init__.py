"""Le moteur du site : la seule partie du kit qui importe Sphinx.

Jupyter Book construit le livre ; ce paquet ajoute ce qu'il ne fait pas, par une seule
extension (:mod:`~transfonum.site.extension`, nommée une fois dans ``_config.yml``) :

- :mod:`~transfonum.site.vega` : le site se suffit (bundle Vega servi depuis ``_static``,
  chargé par les seuls explorateurs) ;
- :mod:`~transfonum.site.empreinte` : pas de graphique périmé (cache d'exécution fiable) ;
- :mod:`~transfonum.site.interface` : interface et typographie françaises, notes vérifiées ;
- :mod:`~transfonum.site.autoevaluation` : auto-évaluations corrigées dans la page ;
- :mod:`~transfonum.site.lancement` : ouvrir le carnet d'un chapitre (Binder, JupyterHub) ;
- :mod:`~transfonum.site.bibliographie` : ``references.bib`` tiré des données, dans le dossier de construction ;
- :mod:`~transfonum.site.entete` : description de chaque page et icône du site ;
- :mod:`~transfonum.site.accessibilite` : le HTML du thème corrigé pour les lecteurs d'écran ;
- :mod:`~transfonum.site.allegement` : des pages légères (rien d'inutile publié, polices
  d'icônes réduites, scripts différés, racine sans redirection) ;
- :mod:`~transfonum.site.construction` : la commande de construction et l'édition
  étudiante (``python -m transfonum.site [--etudiant]``).

Le moteur lit les données, les clés et le thème ; il ne nomme jamais un chapitre.
"""
