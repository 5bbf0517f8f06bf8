"""La feuille de style et le script d'un diaporama, écrits dans son fichier : rien n'est
demandé à un autre serveur, et le fichier s'ouvre aussi depuis le disque.

Les flèches, Page suivante / précédente (celles d'une télécommande de présentation),
Espace, Début et Fin passent d'une diapositive à l'autre ; « N » montre ou cache les notes
de l'enseignant (cachées d'abord), dans un panneau qui suit la diapositive courante ;
l'adresse ``#diapo-4`` ouvre la quatrième (les plans de séance y renvoient)."""

from __future__ import annotations

from transfonum.fr import espaces_francaises
from transfonum.graphiques import PALETTE, POLICE

STYLE = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
html {{ scroll-snap-type: y mandatory; }}
body {{ margin: 0; font-family: {POLICE}; color: {PALETTE["texte"]}; background: {PALETTE["fond"]}; }}
/* Tailles en em : le script réduit la police d'une diapositive qui dépasserait l'écran. */
.diapo {{ min-height: 100vh; scroll-snap-align: start; display: flex; flex-direction: column;
  justify-content: center; padding: 1.2rem max(1.5rem, 5vw) 3.8rem; border-bottom: 1px solid {PALETTE["grille"]};
  font-size: clamp(1.05rem, 2vw, 1.4rem); line-height: 1.4; }}
.diapo > * {{ max-width: 64rem; width: 100%; margin-left: auto; margin-right: auto; }}
h1 {{ font-size: 2.1em; line-height: 1.15; margin: .1em auto .2em; }}
h2 {{ font-size: 1.4em; line-height: 1.2; margin: 0 auto .45em; }}
h3 {{ font-size: 1.15em; margin: 0 auto .4em; }}
.surtitre {{ color: {PALETTE["attenue"]}; font-size: .75em; text-transform: uppercase; letter-spacing: .06em; margin: 0 auto .2em; }}
h2.objectifs {{ margin-top: .5em; margin-bottom: .2em; }}
ul.objectifs {{ margin-top: 0; }}
.question {{ font-size: 1.5em; line-height: 1.35; }}
.diapo li {{ margin: .3em 0; }}
.diapo ul, .diapo ol {{ margin-top: .2em; }}
.enonce p {{ margin: .4em 0; }}
.lien-page, .explorateur {{ font-size: .75em; color: {PALETTE["attenue"]}; margin-top: .6em; margin-bottom: 0; }}
.tableau {{ margin: 0 auto; max-width: min(100%, 64rem); overflow-x: auto; }}
/* Un graphique prend toute la place que lui laissent son titre et sa légende. */
.diapo-graphique {{ height: 100vh; justify-content: flex-start; }}
.diapo-graphique figure.transfonum-figure {{ flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; margin: 0 auto; }}
.diapo-graphique .transfonum-chart {{ flex: 1 1 auto; min-height: 0; }}
.diapo .transfonum-statique svg {{ max-width: 100% !important; width: 100%; height: auto; max-height: 100%; }}
table {{ border-collapse: collapse; font-size: .8em; line-height: 1.3; }}
caption {{ text-align: left; color: {PALETTE["attenue"]}; padding-bottom: .4em; }}
th, td {{ text-align: left; vertical-align: top; padding: .3em .6em; border-bottom: 1px solid {PALETTE["grille"]}; }}
figcaption {{ color: {PALETTE["attenue"]}; font-size: .7em; line-height: 1.35; margin-top: .4em; }}
a {{ color: {PALETTE["accent"]}; }}
.notes {{ display: none; }}
#panneau-notes {{ position: fixed; left: 0; right: 0; bottom: 3.2rem; max-height: 45vh; overflow-y: auto;
  padding: .8rem max(1.5rem, 5vw); background: {PALETTE["fond"]}; border-top: 3px solid {PALETTE["accent"]};
  font-size: 1.05rem; line-height: 1.4; box-shadow: 0 -4px 12px rgba(0, 0, 0, .15); }}
#panneau-notes dt {{ font-weight: bold; margin-top: .4em; }}
#panneau-notes dd {{ margin: 0 0 0 1rem; }}
#panneau-notes p {{ margin: .2em 0; }}
.commandes {{ position: fixed; bottom: 0; left: 0; right: 0; display: flex; gap: 1rem; justify-content: center;
  align-items: center; padding: .5rem; background: {PALETTE["fond"]}; border-top: 1px solid {PALETTE["grille"]}; }}
.commandes button {{ font: inherit; padding: .3rem 1rem; border: 1px solid {PALETTE["attenue"]}; border-radius: .3rem;
  background: {PALETTE["fond"]}; color: {PALETTE["texte"]}; cursor: pointer; }}
.commandes .aide {{ color: {PALETTE["attenue"]}; font-size: .9rem; }}
@media print {{ .commandes, #panneau-notes {{ display: none; }} .diapo {{ break-after: page; min-height: auto; height: auto; border: 0; }} }}
"""

SCRIPT = """
const diapos = [...document.querySelectorAll('.diapo')];
const compteur = document.querySelector('.commandes output');
const panneau = document.getElementById('panneau-notes');
const boutonNotes = document.querySelector('.commandes [data-notes]');
let courante = 0;
/* Une diapositive plus haute que l'écran (un long énoncé, une liste) : sa police
   diminue par pas de 5 %, jusqu'aux trois quarts au plus. */
function ajuster() {
  diapos.forEach((d) => {
    d.style.fontSize = '';
    const base = parseFloat(getComputedStyle(d).fontSize);
    for (let f = 0.95; d.scrollHeight > innerHeight + 1 && f >= 0.75; f -= 0.05) d.style.fontSize = `${base * f}px`;
  });
}
ajuster();
addEventListener('resize', ajuster);
function notes() {
  if (!panneau || panneau.hidden) return;
  const aside = diapos[courante].querySelector('aside.notes');
  panneau.innerHTML = aside ? aside.innerHTML : '<p>Pas de note pour cette diapositive.</p>';
}
function marquer(n) {
  courante = n;
  compteur.textContent = `${courante + 1} / ${diapos.length}`;
  notes();
}
function montrer(n) {
  marquer(Math.max(0, Math.min(diapos.length - 1, n)));
  diapos[courante].scrollIntoView({block: 'start'});
}
function basculerNotes() {
  if (!panneau) return;
  panneau.hidden = !panneau.hidden;
  boutonNotes.setAttribute('aria-pressed', String(!panneau.hidden));
  notes();
}
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (['ArrowRight', 'ArrowDown', 'PageDown', ' '].includes(e.key)) { e.preventDefault(); montrer(courante + 1); }
  else if (['ArrowLeft', 'ArrowUp', 'PageUp'].includes(e.key)) { e.preventDefault(); montrer(courante - 1); }
  else if (e.key === 'Home') { e.preventDefault(); montrer(0); }
  else if (e.key === 'End') { e.preventDefault(); montrer(diapos.length - 1); }
  else if (e.key === 'n' || e.key === 'N') { e.preventDefault(); basculerNotes(); }
});
document.querySelectorAll('.commandes [data-sens]').forEach((b) =>
  b.addEventListener('click', () => montrer(courante + Number(b.dataset.sens))));
if (boutonNotes) boutonNotes.addEventListener('click', basculerNotes);
const observateur = new IntersectionObserver((vues) => vues.forEach((v) => {
  if (v.isIntersecting) marquer(diapos.indexOf(v.target));
}), {threshold: 0.6});
diapos.forEach((d) => observateur.observe(d));
const depart = diapos.findIndex((d) => `#${d.id}` === location.hash);
if (depart > 0) montrer(depart); else marquer(0);
"""


def commandes(notes: bool) -> str:
    """La barre de commandes : précédente, compteur, suivante, et l'aide des touches (avec
    le bouton et la touche des notes s'il y en a)."""
    bouton = ('<button type="button" data-notes aria-pressed="false" aria-controls="panneau-notes">'
              "Notes (N)</button>") if notes else ""
    aide = espaces_francaises("Flèches ou Page préc. / suiv. : diapositive" + (" ; N : notes de l’enseignant" if notes else ""))
    panneau = ('<aside id="panneau-notes" hidden aria-live="polite" aria-label="Notes de l’enseignant"></aside>\n'
               if notes else "")
    return (f'{panneau}<nav class="commandes" aria-label="Diapositives">'
            '<button type="button" data-sens="-1">Précédente</button><output aria-live="polite"></output>'
            f'<button type="button" data-sens="1">Suivante</button>{bouton}<span class="aide">{aide}</span></nav>\n')
