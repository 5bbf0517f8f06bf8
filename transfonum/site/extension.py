"""L'extension Sphinx du kit, nommée une fois dans ``_config.yml`` : un seul ``setup()``,
un gestionnaire par événement, dans l'ordre où les pièces doivent jouer.

- ``config-inited`` : édition étudiante, dépôt et réglages de lancement, bibliographie,
  bundle Vega et feuille de style, icône du site, empreinte des pages ;
- ``source-read`` : la cellule cachée de préparation (:mod:`~transfonum.site.empreinte`) ;
- ``html-page-context`` : scripts des graphiques et des auto-évaluations, retrait de
  Thebe, description de la page, boutons de lancement et documents du chapitre (diaporama, PDF) ;
- ``doctree-resolved`` : les notes de bas de page ont leur définition ; un diaporama par
  chapitre, tiré de l'arbre du document (:mod:`~transfonum.site.diaporamas`) ;
- ``missing-reference`` : un lien vers une page hors de la table des matières devient du
  texte simple (:mod:`~transfonum.site.sommaire_site`) ;
- ``build-finished`` (après les autres extensions) : les pages sorties de la table des
  matières retirées du site (:mod:`~transfonum.site.sommaire_site`), les correctifs déclarés
  (:mod:`~transfonum.site.correctifs`) sur les pages écrites, puis site allégé
  (:mod:`~transfonum.site.allegement`) ;
- les gabarits du kit (``site/modeles/``, avant ceux du thème), la directive
  ``{autoevaluation}``, les directives du cours tirées de la table des matières
  (``{tableau-des-seances}``, ``{liste-des-cas}``, ``{programme-du-cours}``, rôle
  ``{notation}`` : :mod:`~transfonum.site.programme`), les rôles ``{notebook-exercice}`` et ``{extrait}``
  (:mod:`~transfonum.site.extraits`), deux visiteurs de nœuds
  (cellules repliées, entrées de bibliographie) et cinq post-transformations
  (invites en français, titres des solutions, en-têtes vides des tableaux de pandas,
  extraits numérotés pour l'impression, espaces insécables) ; les tableaux défilants
  et en cartes (:mod:`~transfonum.site.tableaux`).
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode
from sphinx.application import Sphinx
from sphinx.config import Config

from transfonum.site import (accessibilite, allegement, autoevaluation, bibliographie, correctifs, diaporamas,
                             documents, edition_etudiante, empreinte, entete, extraits, interface, lancement,
                             programme, recherche, sommaire_site, statique, tableaux, vega)
from transfonum.site.construction import VARIABLE_EDITION_ETUDIANTE
from transfonum.site.statique import FEUILLE_DE_STYLE, FEUILLE_IMPRESSION, MODELES, STATIQUE


def _config_prete(app: Sphinx, config: Config) -> None:
    if os.environ.get(VARIABLE_EDITION_ETUDIANTE):  # python -m transfonum.site --etudiant
        config.hide_solutions = True  # sphinx-exercise : les exercices sans leurs solutions
        config.html_copy_source = False  # la source d'une page contient ses solutions
    config.templates_path.insert(0, str(MODELES))  # avant ceux du thème
    lancement.retenir_reglages(app, config)  # trouve aussi le dépôt (boutons du thème)
    bibliographie.declarer(app, config)  # écrite sous _build/, pas dans les sources
    config.html_static_path.extend([str(vega.DOSSIER_BUNDLE), str(STATIQUE)])
    app.add_css_file(FEUILLE_DE_STYLE)
    app.add_css_file(FEUILLE_IMPRESSION, media="print")
    # L'icône du site, écrite dans le dossier de construction ; Sphinx la copie dans _static.
    config.html_favicon = str(entete.ecrire_favicon(Path(app.doctreedir) / "transfonum"))
    fichiers = empreinte.fichiers_suivis(Path(app.srcdir), Path(app.confdir, config.transfonum_dossier_donnees))
    app.transfonum_fichiers = fichiers
    app.transfonum_empreinte = empreinte.empreinte(fichiers)


def _source_lue(app: Sphinx, docname: str, source: list[str]) -> None:
    if not empreinte.utilise_le_paquet(source[0]):
        return
    source[0] = empreinte.avec_cellule_de_preparation(source[0], app.transfonum_empreinte)
    for chemin in app.transfonum_fichiers:
        app.env.note_dependency(str(chemin))


def _contexte_de_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    app.transfonum_pages_ecrites.append(Path(app.outdir, app.builder.get_target_uri(pagename)))
    corps = context.get("body", "")
    # Ajoutés d'abord : add_js_file complète la liste de la page que sans_thebe remplace.
    if vega.a_un_explorateur(corps):
        app.add_js_file(vega.SCRIPT_EXPLORATEURS, defer="defer")
    autoevaluation.ajouter_fichiers(app, corps)
    if "transfonum-extrait" in corps:
        app.add_js_file(extraits.SCRIPT_EXTRAITS, defer="defer")
    interface.sans_thebe(context)
    allegement.scripts_de_page(context)
    entete.ajouter_description(app, pagename, context, doctree)
    lancement.ajouter_boutons(app, pagename, context, doctree)
    documents.ajouter_boutons(app, pagename, context, doctree)
    if not app.config.html_copy_source:
        edition_etudiante.retirer_bouton_source(context)


def _construction_finie(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if not app.transfonum_pages_ecrites:
        # Aucune page à réécrire : Sphinx s'arrête avant de copier les fichiers statiques
        # (« no targets are out of date »). Une feuille de style ou un script
        # (html_static_path) modifié seul doit pourtant arriver sur le site : recopiés ici,
        # puis allégés comme à chaque construction. (Ceux du thème ne changent qu'avec sa
        # version, et les gabarits qu'avec la configuration : l'une et l'autre font tout
        # reconstruire.)
        statique.recopier([Path(app.confdir, d) for d in app.config.html_static_path], Path(app.outdir, "_static"))
    sommaire_site.retirer_pages_perimees(app)
    correctifs.appliquer(Path(app.outdir), app.transfonum_pages_ecrites, app.config.html_theme_options)
    allegement.alleger(app)


def setup(app: Sphinx) -> dict:
    """Déclare les réglages, les gestionnaires, la directive, le rôle et les transformations."""
    app.add_config_value("transfonum_dossier_donnees", "data", "env", [str])
    app.add_config_value("transfonum_branche_etudiante", "etudiant", "env", [str])
    # Lu par la construction de l'édition étudiante (transfonum.site.edition_etudiante).
    app.add_config_value("transfonum_pages_enseignants", [], "env", [list])
    app.transfonum_pages_ecrites = []  # les pages écrites par cette construction
    interface.installer_catalogue(app, Path(app.doctreedir) / "transfonum" / "locale")
    app.connect("config-inited", _config_prete)
    app.connect("source-read", _source_lue)
    # Après les gestionnaires du thème (priorité 500), dont il complète les boutons.
    app.connect("html-page-context", _contexte_de_page, priority=600)
    app.connect("missing-reference", sommaire_site.lien_hors_sommaire)
    app.connect("doctree-resolved", interface.verifier_notes)
    app.connect("doctree-resolved", diaporamas.ecrire)
    app.add_post_transform(diaporamas.NumerosDesDiapos)
    app.connect("doctree-resolved", documents.remplir_documents_du_cours)
    # Après tout autre gestionnaire (la redirection index.html de sphinx-external-toc).
    app.connect("build-finished", _construction_finie, priority=900)
    recherche.installer(app)  # la recherche française, insensible aux accents
    app.add_directive("autoevaluation", autoevaluation.AutoEvaluation)
    app.add_role("notebook-exercice", lancement.role_carnet_exercice)
    app.add_directive("documents-du-cours", documents.DocumentsDuCours)
    app.add_node(documents.documents_du_cours)
    app.add_role("extrait", extraits.role_extrait)
    app.add_directive("lieux-des-extraits", extraits.DirectiveLieuxDesExtraits)
    app.add_config_value("transfonum_mots_par_minute", 200, "env", [int])
    app.add_directive("tableau-des-seances", programme.TableauDesSeances)
    app.add_directive("liste-des-cas", programme.ListeDesCas)
    app.add_directive("programme-du-cours", programme.ProgrammeDuCours)
    app.add_role("notation", programme.role_notation)
    app.add_node(extraits.noeud_lieux_extraits)
    app.connect("env-purge-doc", extraits.oublier_page)
    app.connect("env-merge-info", extraits.fusionner)
    app.add_node(extraits.noeud_extrait, html=(extraits.visiter_extrait, None),
                 latex=(extraits.ignorer, None), text=(extraits.ignorer, None))
    app.add_node(HideCodeCellNode, override=True,
                 html=(interface.visiter_cellule_repliee, interface.quitter_cellule_repliee))
    app.add_node(nodes.citation, override=True,
                 html=(accessibilite.visiter_citation, accessibilite.quitter_citation))
    app.add_post_transform(interface.TraductionInvites)
    app.add_post_transform(interface.TitresDeSolution)
    app.add_post_transform(accessibilite.EntetesVides)
    app.add_post_transform(extraits.NotesDesExtraits)
    app.add_post_transform(extraits.LieuxDesExtraits)
    app.add_post_transform(interface.EspacesFrancaises)
    tableaux.installer(app)  # cadres défilants et cartes des tableaux (site/tableaux.py)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
