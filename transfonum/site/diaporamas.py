"""Un diaporama par chapitre, à projeter en cours, écrit avec le site et sans rien demander
à un autre serveur : ``diapos/<chapitre>.html``.

Il est tiré de l'arbre du document (le *doctree* de Sphinx), à l'événement
``doctree-resolved`` de l'écriture du chapitre, et non de la page construite : une
diapositive de titre, une par graphique (la sortie HTML de sa cellule : le graphique, sa
légende « Source : … ») et par tableau des chiffres et de leur statut (une colonne
« Statut » : tableau de pandas dans une sortie de cellule, ou tableau du texte), chacun
avec le titre de la section (de niveau 2 ou 3) où il se trouve, dans l'ordre de la page,
une par question de discussion, et « À retenir ». Les titres sont le texte des nœuds
(sans numéro de section ni ancre) ; les questions et la liste « À retenir » sont rendues
par le traducteur HTML du constructeur, leurs liens menant aux pages du site.

Écrit pendant l'écriture des pages, le diaporama ne contient rien du thème : les
correctifs déclarés de fin de construction (:mod:`transfonum.site.correctifs`) ne le
concernent pas, et les cases d'en-tête vides de pandas sont déjà corrigées dans l'arbre
(:class:`transfonum.site.accessibilite.EntetesVides`). Sphinx n'écrit que les pages à
refaire : le diaporama d'un chapitre inchangé reste celui de la construction précédente. En écriture
parallèle, ``doctree-resolved`` est émis dans le processus principal.

Les graphiques y sont ceux de la page : SVG dessinés à la construction, et explorateurs
animés par le même script (servi depuis ``_static``, il charge le bundle Vega à leur
approche). Les flèches du clavier, Page suivante / précédente et Espace passent d'une
diapositive à l'autre ; la page défile aussi à la souris ou au doigt.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri

from transfonum.chemins import diaporama
from transfonum.graphiques import CLASSE_EXPLORATEUR, CLASSE_STATIQUE, PALETTE, POLICE
from transfonum.site.documents import a_des_documents, chapitre_de
from transfonum.site.entete import NOM_FAVICON
from transfonum.site.statique import FEUILLE_DE_STYLE
from transfonum.site.vega import SCRIPT_EXPLORATEURS

#: Les sections de la page reprises telles quelles, par identifiant d'ancre.
QUESTIONS, A_RETENIR = "questions-de-discussion", "a-retenir"
#: L'en-tête de colonne d'un tableau des chiffres et de leur statut, repris en diapositive.
ENTETE_STATUT = "Statut"
#: Les niveaux de section (h2, h3) dont le titre accompagne les graphiques et les tableaux.
NIVEAUX_CONTEXTE = (2, 3)
#: Dans une sortie HTML de cellule (pandas) : le tableau, son en-tête, une case « Statut ».
_TABLEAU_HTML = re.compile(r"<table\b.*?</table>", re.S)
_ENTETE_HTML = re.compile(r"<thead\b.*?</thead>", re.S)
_CASE_STATUT = re.compile(rf"<th\b[^>]*>\s*{ENTETE_STATUT}\s*</th>")

STYLE = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
html {{ scroll-snap-type: y mandatory; }}
body {{ margin: 0; font-family: {POLICE}; color: {PALETTE["texte"]}; background: {PALETTE["fond"]}; }}
.diapo {{ min-height: 100vh; scroll-snap-align: start; display: flex; flex-direction: column;
  justify-content: center; padding: 2rem max(1.5rem, 6vw) 4.5rem; border-bottom: 1px solid {PALETTE["grille"]}; }}
.diapo > * {{ max-width: 64rem; width: 100%; margin-left: auto; margin-right: auto; }}
h1 {{ font-size: clamp(2rem, 5vw, 3.4rem); line-height: 1.15; margin: .3em auto; }}
h2 {{ font-size: clamp(1.4rem, 3vw, 2.1rem); margin: 0 auto .6em; }}
.surtitre {{ color: {PALETTE["attenue"]}; font-size: 1.1rem; text-transform: uppercase; letter-spacing: .06em; margin-bottom: .2em; }}
.question {{ font-size: clamp(1.4rem, 3.2vw, 2.3rem); line-height: 1.35; }}
.diapo li {{ font-size: clamp(1.1rem, 2.2vw, 1.5rem); line-height: 1.4; margin: .4em 0; }}
.diapo figure.transfonum-figure, .tableau {{ margin: 0 auto; max-width: min(100%, 64rem); overflow-x: auto; }}
/* Projetés, les graphiques dessinés à la construction prennent la largeur de la diapositive. */
.diapo .transfonum-statique svg {{ max-width: 100% !important; width: 100%; height: auto; max-height: 68vh; }}
table {{ border-collapse: collapse; font-size: clamp(.9rem, 1.6vw, 1.2rem); }}
th, td {{ text-align: left; padding: .35em .6em; border-bottom: 1px solid {PALETTE["grille"]}; }}
figcaption {{ color: {PALETTE["attenue"]}; font-size: 1rem; margin-top: .6em; }}
a {{ color: {PALETTE["accent"]}; }}
.commandes {{ position: fixed; bottom: 0; left: 0; right: 0; display: flex; gap: 1rem; justify-content: center;
  align-items: center; padding: .6rem; background: {PALETTE["fond"]}; border-top: 1px solid {PALETTE["grille"]}; }}
.commandes button {{ font: inherit; padding: .4rem 1rem; border: 1px solid {PALETTE["attenue"]}; border-radius: .3rem;
  background: {PALETTE["fond"]}; color: {PALETTE["texte"]}; cursor: pointer; }}
@media print {{ .commandes {{ display: none; }} .diapo {{ break-after: page; min-height: auto; border: 0; }} }}
"""

SCRIPT = """
const diapos = [...document.querySelectorAll('.diapo')];
const compteur = document.querySelector('.commandes output');
let courante = 0;
function montrer(n) {
  courante = Math.max(0, Math.min(diapos.length - 1, n));
  diapos[courante].scrollIntoView({block: 'start'});
  compteur.textContent = `${courante + 1} / ${diapos.length}`;
}
document.addEventListener('keydown', (e) => {
  if (['ArrowRight', 'ArrowDown', 'PageDown', ' '].includes(e.key)) { e.preventDefault(); montrer(courante + 1); }
  else if (['ArrowLeft', 'ArrowUp', 'PageUp'].includes(e.key)) { e.preventDefault(); montrer(courante - 1); }
  else if (e.key === 'Home') { e.preventDefault(); montrer(0); }
  else if (e.key === 'End') { e.preventDefault(); montrer(diapos.length - 1); }
});
document.querySelectorAll('.commandes button').forEach((b) =>
  b.addEventListener('click', () => montrer(courante + Number(b.dataset.sens))));
const observateur = new IntersectionObserver((vues) => vues.forEach((v) => {
  if (v.isIntersecting) { courante = diapos.indexOf(v.target); compteur.textContent = `${courante + 1} / ${diapos.length}`; }
}), {threshold: 0.6});
diapos.forEach((d) => observateur.observe(d));
compteur.textContent = `1 / ${diapos.length}`;
"""


def _niveau(section: nodes.section) -> int:
    """Le niveau d'une section : 1 pour celle du titre de la page (h1), 2 pour ses sections…"""
    niveau, parent = 1, section.parent
    while parent is not None:
        niveau += isinstance(parent, nodes.section)
        parent = parent.parent
    return niveau


def _sous_titre(noeud: nodes.Node) -> bool:
    """Le nœud est-il le titre d'une section de niveau 2 ou 3 ?"""
    return isinstance(noeud, nodes.title) and isinstance(noeud.parent, nodes.section) \
        and _niveau(noeud.parent) in NIVEAUX_CONTEXTE


def _en_tetes(table: nodes.table) -> list[str]:
    """Le texte des cases d'en-tête d'un tableau du texte."""
    return [case.astext() for tete in table.findall(nodes.thead) for case in tete.findall(nodes.entry)]


def _tableau_des_statuts(sortie: str) -> str | None:
    """Le tableau d'une sortie HTML de cellule (pandas) s'il donne le statut de ses
    chiffres (une case d'en-tête « Statut »), sans la feuille de style de pandas ni son
    pied ; sinon ``None``."""
    tableau = _TABLEAU_HTML.search(sortie)
    entete = _ENTETE_HTML.search(tableau.group(0)) if tableau else None
    return tableau.group(0) if entete and _CASE_STATUT.search(entete.group(0)) else None


def _adresse_vue_du_diaporama(adresse: str, page: str, diapo: str) -> str:
    """Une adresse écrite dans la page ``page`` (relative à elle, ou une ancre), vue du
    diaporama ``diapo`` (les deux relatives à la racine du site)."""
    morceaux = urlsplit(adresse)
    if morceaux.scheme or morceaux.netloc or morceaux.path.startswith("/"):
        return adresse
    cible = posixpath.normpath(posixpath.join(posixpath.dirname(page), morceaux.path)) if morceaux.path else page
    return urlunsplit(("", "", relative_uri(diapo, cible), morceaux.query, morceaux.fragment))


def _rendu(constructeur: StandaloneHTMLBuilder, noeuds: list[nodes.Node], page: str, diapo: str) -> str:
    """Le HTML de ``noeuds`` (copiés : l'arbre de la page ne change pas), rendu par le
    traducteur du constructeur, leurs liens menant de ``diapo`` aux pages du site."""
    morceaux = []
    for noeud in noeuds:
        copie = noeud.deepcopy()
        for lien in copie.findall(nodes.reference):
            if "refuri" in lien:
                lien["refuri"] = _adresse_vue_du_diaporama(lien["refuri"], page, diapo)
            elif "refid" in lien:
                lien["refuri"] = _adresse_vue_du_diaporama(f"#{lien['refid']}", page, diapo)
        morceaux.append(constructeur.render_partial(copie)["fragment"].strip())
    return "\n".join(morceaux)


def _numerotees(diapos: list[tuple[str, str]]) -> list[str]:
    """Les diapositives en HTML, chacune une région nommée par son numéro (un nom unique)."""
    return [f'<section class="diapo" aria-label="Diapositive {n} sur {len(diapos)} : {html.escape(etiquette)}">'
            f"\n{contenu}\n</section>" for n, (contenu, etiquette) in enumerate(diapos, start=1)]


def _section(arbre: nodes.document, identifiant: str) -> nodes.section | None:
    return next((s for s in arbre.findall(nodes.section) if identifiant in s["ids"]), None)


def diapositives(constructeur: StandaloneHTMLBuilder, arbre: nodes.document, page: str,
                 diapo: str) -> tuple[str, list[str], bool]:
    """Le titre du chapitre, ses diapositives (HTML) et s'il y a un explorateur (qui
    demande le script des explorateurs), tirés de l'arbre résolu de sa page. ``page`` et
    ``diapo`` : les adresses de la page et du diaporama dans le site (``book/cdo.html``,
    ``diapos/cdo.html``), pour le lien « Lire le chapitre » et ceux des questions."""
    premiere = arbre.next_node(nodes.section)
    titre = premiere[0].astext() if premiere and isinstance(premiere[0], nodes.title) else ""
    diapos = [(f'<p class="surtitre">Diaporama du chapitre</p>\n<h1>{html.escape(titre)}</h1>\n'
                f'<p><a href="{html.escape(relative_uri(diapo, page))}">Lire le chapitre</a></p>', "titre")]
    explorateurs, contexte = False, ""
    for noeud in arbre.findall(lambda n: isinstance(n, (nodes.title, nodes.raw, nodes.table))):
        tableau = None
        if _sous_titre(noeud):
            contexte = f"<h2>{html.escape(noeud.astext())}</h2>\n"
        elif isinstance(noeud, nodes.raw) and "html" in noeud.get("format", "").split():
            sortie = noeud.astext()
            if CLASSE_STATIQUE in sortie or CLASSE_EXPLORATEUR in sortie:
                explorateurs = explorateurs or CLASSE_EXPLORATEUR in sortie
                diapos.append((contexte + sortie.strip(), "graphique"))
            else:
                tableau = _tableau_des_statuts(sortie)
        elif isinstance(noeud, nodes.table) and ENTETE_STATUT in _en_tetes(noeud):
            tableau = _rendu(constructeur, [noeud], page, diapo)
        if tableau is not None:
            diapos.append((f'{contexte}<div class="tableau" tabindex="0">{tableau}</div>', "chiffres et statuts"))
    questions = _section(arbre, QUESTIONS)
    elements = list(questions.findall(nodes.list_item)) if questions else []
    for n, question in enumerate(elements, start=1):
        diapos.append((f'<p class="surtitre">Question de discussion {n} sur {len(elements)}</p>\n'
                       f'<div class="question">{_rendu(constructeur, question.children, page, diapo)}</div>',
                       f"question {n}"))
    retenir = _section(arbre, A_RETENIR)
    liste = retenir.next_node(lambda n: isinstance(n, (nodes.bullet_list, nodes.enumerated_list))) if retenir else None
    if liste is not None:
        diapos.append((f"<h2>À retenir</h2>\n{_rendu(constructeur, [liste], page, diapo)}", "à retenir"))
    return titre, _numerotees(diapos), explorateurs


def document(titre: str, diapos: list[str], statique: str, explorateurs: bool) -> str:
    """Le fichier HTML du diaporama. ``statique`` : l'adresse relative de ``_static``, d'où
    viennent la feuille des graphiques du site, l'icône et, s'il y a un explorateur, son
    script (qui charge le bundle Vega quand il approche de l'écran)."""
    resume = html.escape(f"Diaporama du chapitre « {titre} » : graphiques, sources, questions.", quote=True)
    tete = (f'<meta name="description" content="{resume}">\n'
            f'<link rel="icon" href="{statique}/{NOM_FAVICON}">\n'
            f'<link rel="stylesheet" href="{statique}/{FEUILLE_DE_STYLE}">\n')
    if explorateurs:
        tete += f'<script defer src="{statique}/{SCRIPT_EXPLORATEURS}"></script>\n'
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Diaporama — {html.escape(titre)}</title>\n{tete}<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<main>\n{chr(10).join(diapos)}\n</main>\n'
        '<nav class="commandes" aria-label="Diapositives">'
        '<button type="button" data-sens="-1">Précédente</button><output aria-live="polite"></output>'
        '<button type="button" data-sens="1">Suivante</button></nav>\n'
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def ecrire(app: Sphinx, arbre: nodes.document, docname: str) -> None:
    """À l'événement ``doctree-resolved`` d'une construction HTML, écrit le diaporama du
    chapitre ``docname`` s'il a des documents (un carnet d'exercices)."""
    chapitre = chapitre_de(docname)
    if not isinstance(app.builder, StandaloneHTMLBuilder) or not a_des_documents(Path(app.srcdir), chapitre):
        return
    diapo = diaporama(chapitre).as_posix()
    titre, diapos, explorateurs = diapositives(app.builder, arbre, app.builder.get_target_uri(docname), diapo)
    cible = Path(app.outdir, diapo)
    cible.parent.mkdir(parents=True, exist_ok=True)
    statique = relative_uri(diapo, "_static")
    cible.write_text(document(titre, diapos, statique, explorateurs), encoding="utf-8")
