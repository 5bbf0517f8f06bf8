"""Un diaporama par chapitre, à projeter en cours tel quel, écrit avec le site et sans
rien demander à un autre serveur : ``diapos/<chapitre>.html``.

Tout chapitre de la table des matières (une page numérotée) a le sien, avec ou sans
carnet d'exercices. Il est tiré de l'arbre du document (le *doctree* de Sphinx), à
l'événement ``doctree-resolved`` de l'écriture du chapitre, et non de la page construite,
et de ceux de son plan de séance et de son cas (:mod:`.seance`) : une diapositive de
titre avec les objectifs de la séance, puis les graphiques, les tableaux des chiffres et
de leur statut (coupés pour tenir à l'écran), les exercices, le cas, les questions de
discussion et « À retenir », dans l'ordre des étapes du plan (:mod:`.structure`), chacune
rendue par le traducteur HTML du constructeur (:mod:`.rendu`). Les notes de l'enseignant
sont les étapes du plan ; l'édition étudiante, qui n'a pas les plans, n'a ni notes ni
diapositive d'étape, et ses objectifs sont ceux du chapitre.

Le plan de séance, en retour, nomme les diapositives de chaque étape (« diapos 2 à 4 »,
sous le nom de l'étape dans son tableau « Déroulé », ajouté à l'écriture (:class:`NumerosDesDiapos`),
calculée par la même fonction que le diaporama.

Écrit pendant l'écriture des pages, le diaporama ne contient rien du thème. Sphinx n'écrit
que les pages à refaire : le diaporama d'un chapitre inchangé reste celui de la
construction précédente. En écriture parallèle, ``doctree-resolved`` est émis dans le
processus principal.
"""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from transfonum.chemins import diaporama
from transfonum.fr import INSECABLE, guillemets
from transfonum.site.diaporamas.habillage import SCRIPT, STYLE, commandes
from transfonum.site.diaporamas.rendu import Contexte, sections
from transfonum.site.diaporamas.seance import (ETAPE, ErreurDiaporama, Seance, document_cas, document_seance,
                                               lire_seance, objectifs_du_chapitre)
from transfonum.site.diaporamas.structure import (A_RETENIR, ENTETE_STATUT, QUESTIONS, diapos_des_etapes,
                                                  diapositives)
from transfonum.site.documents import a_un_diaporama, chapitre_de
from transfonum.site.entete import NOM_FAVICON
from transfonum.site.statique import FEUILLE_DE_STYLE

__all__ = ["A_RETENIR", "ENTETE_STATUT", "QUESTIONS", "CLASSE_DIAPOS", "ErreurDiaporama", "NumerosDesDiapos", "a_un_diaporama",
           "ecrire", "document"]

#: La classe du paragraphe « diapos 2 à 4 » ajouté à la case « Étape » de chaque ligne du « Déroulé ».
CLASSE_DIAPOS = "transfonum-diapos"


def _seance(app: Sphinx, chapitre: str) -> Seance | None:
    """Le plan de séance du chapitre, résolu, s'il est dans le livre (pas dans l'édition étudiante)."""
    document = document_seance(chapitre)
    if document not in app.env.all_docs:
        return None
    return lire_seance(app.env.get_and_resolve_doctree(document, app.builder), document)


def document(titre: str, diapos: list[str], statique: str, notes: bool) -> str:
    """Le fichier HTML du diaporama. ``statique`` : l'adresse relative de ``_static``, d'où
    viennent la feuille des graphiques du site et l'icône."""
    resume = html.escape(f"Diaporama du chapitre {guillemets(titre)}{INSECABLE}: objectifs, graphiques, exercices, "
                         "questions.", quote=True)
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Diaporama — {html.escape(titre)}</title>\n"
        f'<meta name="description" content="{resume}">\n'
        f'<link rel="icon" href="{statique}/{NOM_FAVICON}">\n'
        f'<link rel="stylesheet" href="{statique}/{FEUILLE_DE_STYLE}">\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<main>\n{chr(10).join(diapos)}\n</main>\n{commandes(notes)}'
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def ecrire(app: Sphinx, arbre: nodes.document, docname: str) -> None:
    """À l'événement ``doctree-resolved`` d'une construction HTML, écrit le diaporama du
    chapitre ``docname``."""
    if not isinstance(app.builder, StandaloneHTMLBuilder) or not a_un_diaporama(app.env, docname):
        return
    chapitre = chapitre_de(docname)
    diapo = diaporama(chapitre).as_posix()
    seance = _seance(app, chapitre)
    cas = document_cas(chapitre)
    a_un_cas = cas in app.env.all_docs
    premiere = arbre.next_node(nodes.section)
    titre = premiere[0].astext() if premiere and isinstance(premiere[0], nodes.title) else ""
    ctx = Contexte(app.builder, app.builder.get_target_uri(docname), diapo, titre,
                   seance.objectifs if seance else objectifs_du_chapitre(arbre, chapitre), seance,
                   app.env.get_and_resolve_doctree(cas, app.builder) if a_un_cas else None,
                   app.builder.get_target_uri(cas) if a_un_cas else None)
    contenu = sections(ctx, diapositives(arbre, seance, a_un_cas))
    cible = Path(app.outdir, diapo)
    cible.parent.mkdir(parents=True, exist_ok=True)
    cible.write_text(document(titre, contenu, relative_uri(diapo, "_static"), seance is not None), encoding="utf-8")


class NumerosDesDiapos(SphinxPostTransform):
    """Ajoute à chaque étape du tableau « Déroulé » d'un plan de séance (dans sa case
    « Étape », sous son nom) les diapositives du diaporama du chapitre qui la servent, en
    lien : « diapos 2 à 4 »."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        nom = self.env.docname
        prefixe = document_seance("")
        if not nom.startswith(prefixe):
            return
        chapitre = nom[len(prefixe):]
        if not a_un_diaporama(self.env, f"book/{chapitre}"):
            return
        seance = lire_seance(self.document, nom)
        diapos = diapositives(self.env.get_doctree(f"book/{chapitre}"), seance,
                              document_cas(chapitre) in self.env.all_docs)
        etendues = diapos_des_etapes(diapos)
        adresse = relative_uri(self.app.builder.get_target_uri(nom), diaporama(chapitre).as_posix())
        for numero, etape in enumerate(seance.etapes, start=1):
            debut, fin = etendues[numero]
            texte = f"diapo {debut}" if debut == fin else f"diapos {debut} à {fin}"
            lien = nodes.reference("", texte, refuri=f"{adresse}#diapo-{debut}", internal=False)
            etape.cases[ETAPE] += nodes.paragraph("", "", lien, classes=[CLASSE_DIAPOS])
