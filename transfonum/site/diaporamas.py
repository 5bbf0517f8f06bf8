"""Un diaporama par chapitre, à projeter en cours, écrit avec le site et sans rien demander
à un autre serveur : ``diapos/<chapitre>.html``.

Il est tiré de la page construite du chapitre (à la fin de la construction) : une
diapositive de titre, une par graphique (le graphique, sa légende « Source : … » et le
titre de la section où il se trouve) et par tableau des chiffres et de leur statut (une
colonne « Statut »), dans l'ordre de la page, une par question de discussion, et
« À retenir ».
Les graphiques y sont ceux de la page : SVG dessinés à la construction, et explorateurs
animés par le même script (servi depuis ``_static``, il charge le bundle Vega à leur
approche). Les flèches du clavier, Page suivante / précédente et Espace passent d'une
diapositive à l'autre ; la page défile aussi à la souris ou au doigt.
"""

from __future__ import annotations

import html
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from transfonum.chemins import diaporama
from transfonum.graphiques import CLASSE_EXPLORATEUR, PALETTE, POLICE
from transfonum.site.documents import a_des_documents, chapitre_de
from transfonum.site.entete import NOM_FAVICON
from transfonum.site.statique import FEUILLE_DE_STYLE
from transfonum.site.vega import SCRIPT_EXPLORATEURS

#: Les sections de la page reprises telles quelles, par identifiant d'ancre.
QUESTIONS, A_RETENIR = "questions-de-discussion", "a-retenir"
#: L'en-tête de colonne d'un tableau des chiffres et de leur statut, repris en diapositive.
ENTETE_STATUT = "Statut"

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


def _texte_de_titre(titre: Tag) -> str:
    """Le texte d'un titre de la page, sans son numéro de section ni son ancre « # »."""
    titre = BeautifulSoup(str(titre), "html.parser")
    for inutile in titre.select(".section-number, .headerlink"):
        inutile.decompose()
    return titre.get_text(" ", strip=True)


def table_des_statuts(table: Tag) -> bool:
    """Un tableau de la page qui donne le statut de ses chiffres (colonne « Statut »), hors
    des figures (leurs données de repli)."""
    return table.find_parent("figure") is None and any(
        th.get_text(strip=True) == ENTETE_STATUT for th in table.select("thead th, tr:first-child th"))


def _diapo(contenu: str, etiquette: str) -> tuple[str, str]:
    return contenu, etiquette


def _numerotees(diapos: list[tuple[str, str]]) -> list[str]:
    """Les diapositives en HTML, chacune une région nommée par son numéro (un nom unique)."""
    return [f'<section class="diapo" aria-label="Diapositive {n} sur {len(diapos)} : {html.escape(etiquette)}">'
            f"\n{contenu}\n</section>" for n, (contenu, etiquette) in enumerate(diapos, start=1)]


def diapositives(page: str, adresse_page: str) -> tuple[str, list[str], bool]:
    """Le titre du chapitre, ses diapositives (HTML) et s'il y a un explorateur (qui
    demande le script des explorateurs), à partir du HTML construit de sa page
    (``adresse_page`` : le lien « Lire le chapitre »)."""
    soupe = BeautifulSoup(page, "html.parser")
    corps = soupe.select_one("article") or soupe
    titre = _texte_de_titre(corps.find("h1"))
    diapos = [_diapo(f'<p class="surtitre">Diaporama du chapitre</p>\n<h1>{html.escape(titre)}</h1>\n'
                     f'<p><a href="{html.escape(adresse_page)}">Lire le chapitre</a></p>', "titre")]
    explorateurs = False
    for element in corps.select("figure.transfonum-figure, table"):
        if element.name == "table" and not table_des_statuts(element):
            continue
        section = element.find_previous(["h2", "h3"])
        contexte = f"<h2>{html.escape(_texte_de_titre(section))}</h2>\n" if section else ""
        if element.name == "table":
            diapos.append(_diapo(f'{contexte}<div class="tableau" tabindex="0">{element}</div>', "chiffres et statuts"))
            continue
        explorateurs = explorateurs or element.select_one(f".{CLASSE_EXPLORATEUR}") is not None
        diapos.append(_diapo(contexte + str(element), "graphique"))
    questions = corps.find(id=QUESTIONS)
    elements = questions.select("li") if questions else []
    for n, question in enumerate(elements, start=1):
        diapos.append(_diapo(f'<p class="surtitre">Question de discussion {n} sur {len(elements)}</p>\n'
                             f'<div class="question">{question.decode_contents()}</div>', f"question {n}"))
    retenir = corps.find(id=A_RETENIR)
    if retenir and retenir.find(["ul", "ol"]):
        diapos.append(_diapo(f"<h2>À retenir</h2>\n{retenir.find(['ul', 'ol'])}", "à retenir"))
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


def ecrire(app) -> None:
    """À la fin d'une construction HTML réussie, écrit le diaporama de chaque chapitre qui
    a des documents (après la traduction des pages, dont il reprend le texte)."""
    sortie = Path(app.outdir)
    for docname in sorted(app.env.found_docs):
        chapitre = chapitre_de(docname)
        page = sortie / f"{docname}.html"
        if not page.exists() or not a_des_documents(Path(app.srcdir), chapitre):
            continue
        cible = sortie / diaporama(chapitre)
        vers_racine = "../" * (len(cible.relative_to(sortie).parts) - 1)
        titre, diapos, explorateurs = diapositives(page.read_text(encoding="utf-8"), f"{vers_racine}{docname}.html")
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_text(document(titre, diapos, f"{vers_racine}_static", explorateurs), encoding="utf-8")
