"""Le HTML de chaque diapositive (:class:`~transfonum.site.diaporamas.structure.Diapo`),
rendu par le traducteur HTML du constructeur à partir de l'arbre résolu du chapitre, de
son plan de séance et de son cas ; les liens mènent du diaporama aux pages du site.

Un explorateur y est montré en graphique fixe, dans l'état où la page l'ouvre
(:func:`transfonum.graphiques.html_graphique_statique` sur la spécification que la sortie
de sa cellule porte en JSON), avec un lien vers le chapitre où il se règle. Les notes de
l'enseignant (``<aside class="notes">``, la convention de reveal.js) sont l'étape du plan
que la diapositive ouvre : ce que font l'enseignant et les étudiants, et le support."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri

from transfonum.fr import INSECABLE
from transfonum.graphiques import CLASSE_EXPLORATEUR, html_fixe_d_explorateur
from transfonum.site.extraits import noeud_extrait
from transfonum.site.diaporamas.seance import COLONNES_NOTES, ErreurDiaporama, Seance
from transfonum.site.diaporamas.structure import (CORPS_HTML, LIGNE_HTML, Diapo, diapos_des_etapes,
                                                  tableau_des_statuts)



#: Ce qu'une diapositive ne montre pas : les renvois aux notes de la page et les marques
#: d'extrait (leur bulle n'a pas sa place à l'écran de la salle).
_RENVOIS = (nodes.footnote_reference, nodes.citation_reference, noeud_extrait)


@dataclass
class Contexte:
    """Ce dont le rendu a besoin : le constructeur, les adresses (dans le site) de la page
    du chapitre et du diaporama, le titre du chapitre, le plan et le cas s'ils existent."""

    constructeur: StandaloneHTMLBuilder
    page: str
    diapo: str
    titre: str
    objectifs: list[nodes.Node]
    seance: Seance | None
    cas: nodes.document | None
    page_cas: str | None


def adresse_vue_du_diaporama(adresse: str, page: str, diapo: str) -> str:
    """Une adresse écrite dans la page ``page`` (relative à elle, ou une ancre), vue du
    diaporama ``diapo`` (les deux relatives à la racine du site)."""
    morceaux = urlsplit(adresse)
    if morceaux.scheme or morceaux.netloc or morceaux.path.startswith("/"):
        return adresse
    cible = posixpath.normpath(posixpath.join(posixpath.dirname(page), morceaux.path)) if morceaux.path else page
    return urlunsplit(("", "", relative_uri(diapo, cible), morceaux.query, morceaux.fragment))


def rendu(ctx: Contexte, noeuds, page: str | None = None) -> str:
    """Le HTML de ``noeuds`` (copiés : l'arbre ne change pas), rendu par le traducteur du
    constructeur, leurs liens menant du diaporama aux pages du site (``page`` : celle
    d'où viennent les nœuds, le chapitre par défaut)."""
    page = page or ctx.page
    morceaux = []
    for noeud in noeuds:
        copie = noeud.deepcopy()
        for renvoi in list(copie.findall(lambda n: isinstance(n, _RENVOIS))):
            renvoi.parent.remove(renvoi)
        for lien in copie.findall(nodes.reference):
            if "refuri" in lien:
                lien["refuri"] = adresse_vue_du_diaporama(lien["refuri"], page, ctx.diapo)
            elif "refid" in lien:
                lien["refuri"] = adresse_vue_du_diaporama(f"#{lien['refid']}", page, ctx.diapo)
        morceaux.append(ctx.constructeur.render_partial(copie)["fragment"].strip())
    return "\n".join(morceaux)


def _lien(ctx: Contexte, cible: str, texte: str, ancre: str = "") -> str:
    adresse = relative_uri(ctx.diapo, cible) + (f"#{ancre}" if ancre else "")
    return f'<a href="{html.escape(adresse)}">{texte}</a>'


def _sous_titre(exercice: nodes.Element) -> str:
    """Le titre propre d'un exercice (« Compter les chiffres »), avant ou après que
    sphinx-exercise a résolu son titre en « Exercice (Compter les chiffres) »."""
    titre = exercice.children[0] if exercice.children else None
    if titre is None or not isinstance(titre, nodes.title):
        return ""
    if len(titre.children) > 1 and type(titre[1]).__name__ == "exercise_subtitle":
        return titre[1].astext()
    texte = titre.astext().strip()
    debut = texte.find("(")
    return texte[debut + 1:].removesuffix(")").strip() if debut >= 0 and texte.endswith(")") else ""


def _h2(texte: str) -> str:
    return f"<h2>{html.escape(texte)}</h2>\n" if texte else ""


def _titre(ctx: Contexte, _: Diapo) -> str:
    objectifs = "\n".join(f"<li>{rendu(ctx, [p])}</li>" for p in ctx.objectifs)
    de_quoi = "de la séance" if ctx.seance is not None else "du chapitre"  # sans plan : l'édition étudiante
    return (f'<p class="surtitre">Séance du chapitre</p>\n<h1>{html.escape(ctx.titre)}</h1>\n'
            f'<h2 class="objectifs">Objectifs {de_quoi}</h2>\n<ul class="objectifs">\n{objectifs}\n</ul>\n'
            f'<p class="lien-page">{_lien(ctx, ctx.page, "Lire le chapitre")}</p>')


def _graphique(ctx: Contexte, diapo: Diapo) -> str:
    sortie = diapo.noeud.astext().strip()
    if CLASSE_EXPLORATEUR not in sortie:
        return _h2(diapo.contexte) + sortie
    fixe = html_fixe_d_explorateur(sortie)
    if fixe is None:
        raise ErreurDiaporama(f"{ctx.page} : un explorateur dont l'état initial est illisible ; "
                              "le diaporama ne peut pas le montrer en graphique fixe.")
    return (_h2(diapo.contexte) + fixe
            + f'<p class="explorateur">État initial d’un graphique à régler{INSECABLE}: {_lien(ctx, ctx.page, "réglez-le dans le chapitre")}.</p>')


def _tableau(ctx: Contexte, diapo: Diapo) -> str:
    debut, fin = diapo.lignes
    if isinstance(diapo.noeud, nodes.table):
        copie = diapo.noeud.deepcopy()
        corps = next(copie.findall(nodes.tbody))
        corps.children = corps.children[debut:fin]
        tableau = rendu(ctx, [copie])
    else:
        tableau = tableau_des_statuts(diapo.noeud.astext())
        corps = CORPS_HTML.search(tableau)
        lignes = LIGNE_HTML.findall(corps.group(2))[debut:fin]
        tableau = tableau[:corps.start()] + corps.group(1) + "".join(lignes) + corps.group(3) + tableau[corps.end():]
    titre = diapo.contexte + (" (suite)" if diapo.suite else "")
    return f'{_h2(titre)}<div class="tableau" tabindex="0">{tableau}</div>'


def _exercice(ctx: Contexte, diapo: Diapo) -> str:
    exercice = diapo.noeud
    numeros = ctx.constructeur.env.toc_fignumbers.get(exercice.get("docname", ""), {}).get("exercise", {})
    numero = numeros.get(exercice["ids"][0] if exercice["ids"] else "")
    sous_titre = _sous_titre(exercice)
    nom = "Exercice" + (" " + ".".join(map(str, numero)) if numero else "")
    corps = next((s for s in exercice.children if isinstance(s, nodes.section)), None)
    enonce = rendu(ctx, corps.children if corps is not None else [])
    lien = _lien(ctx, ctx.page, "L’énoncé dans le chapitre", exercice.get("label", ""))
    return (f'<p class="surtitre">{html.escape(nom)}</p>\n{_h2(sous_titre)}<div class="enonce">{enonce}</div>\n'
            f'<p class="lien-page">{lien}</p>')


def _cas(ctx: Contexte, _: Diapo) -> str:
    titre = ctx.cas.next_node(nodes.title).astext()
    question = next(ctx.cas.findall(lambda n: type(n).__name__ in ("exercise_enumerable_node", "exercise_node")), None)
    contenu = ""
    if question is not None:
        sous_titre = _sous_titre(question)
        corps = next((s for s in question.children if isinstance(s, nodes.section)), None)
        premier = corps.next_node(nodes.paragraph) if corps is not None else None
        question = [premier] if premier is not None else []
        suite = premier.next_node(descend=False, siblings=True) if premier is not None else None
        if premier is not None and premier.astext().rstrip().endswith(":") and suite is not None:
            question.append(suite)  # « … qui : » annonce la liste de ce que le livrable doit faire
        contenu = f"<h3>{html.escape(sous_titre)}</h3>\n" + rendu(ctx, question, ctx.page_cas)
    return (f'<p class="surtitre">Cas de la séance</p>\n{_h2(titre)}<div class="enonce">{contenu}</div>\n'
            f'<p class="lien-page">{_lien(ctx, ctx.page_cas, "Lire le cas")}</p>')


def _etape(ctx: Contexte, diapo: Diapo) -> str:
    return f'<p class="surtitre">Étape de la séance</p>\n<h1>{html.escape(diapo.etape.nom)}</h1>'


def _question(ctx: Contexte, diapo: Diapo) -> str:
    rang, total = diapo.autres["rang"], diapo.autres["total"]
    return (f'<p class="surtitre">Question de discussion {rang} sur {total}</p>\n'
            f'<div class="question">{rendu(ctx, diapo.noeud.children)}</div>')


def _retenir(ctx: Contexte, diapo: Diapo) -> str:
    return f"<h2>À retenir</h2>\n{rendu(ctx, [diapo.noeud])}"


_GENRES = {"titre": _titre, "graphique": _graphique, "tableau": _tableau, "exercice": _exercice, "cas": _cas,
           "etape": _etape, "question": _question, "retenir": _retenir}


def _notes(ctx: Contexte, diapo: Diapo, total_etapes: int, etendue: tuple[int, int]) -> str:
    etape = diapo.etape
    if etape is None or ctx.seance is None:
        return ""
    debut, fin = etendue
    portee = f"diapo {debut}" if debut == fin else f"diapos {debut} à {fin}"
    lignes = "\n".join(f"<dt>{html.escape(col)}</dt><dd>{rendu(ctx, etape.cases[col].children, ctx.constructeur.get_target_uri(ctx.seance.document))}</dd>"
                       for col in COLONNES_NOTES)
    return (f'\n<aside class="notes" aria-label="Notes de l’enseignant">\n'
            f"<p><strong>Étape {diapo.numero_etape} sur {total_etapes}{INSECABLE}: {html.escape(etape.nom)}</strong> "
            f"({html.escape(etape.duree)} min, {portee})</p>\n<dl>\n{lignes}\n</dl>\n</aside>")


def sections(ctx: Contexte, diapos: list[Diapo]) -> list[str]:
    """Les diapositives en HTML, chacune une région nommée par son numéro (un nom unique)
    et repérée par une ancre ``diapo-<numéro>``, avec ses notes s'il y en a."""
    etendues = diapos_des_etapes(diapos)
    total_etapes = len(ctx.seance.etapes) if ctx.seance else 0
    resultat = []
    for n, diapo in enumerate(diapos, start=1):
        contenu = _GENRES[diapo.genre](ctx, diapo)
        notes = _notes(ctx, diapo, total_etapes, etendues.get(diapo.numero_etape, (n, n)))
        resultat.append(
            f'<section class="diapo diapo-{diapo.genre}" id="diapo-{n}" '
            f'aria-label="Diapositive {n} sur {len(diapos)} : {html.escape(diapo.etiquette)}">'
            f"\n{contenu}{notes}\n</section>")
    return resultat
