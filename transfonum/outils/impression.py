"""``make pdf`` : pour chaque chapitre, le chapitre et sa fiche d'exercices en PDF, imprimés
depuis le site construit par le Chromium de Debian, dans le site lui-même
(``impressions/``), où les pages les lient (menu « Télécharger »).

``python -m transfonum.outils.impression [--site _build/html]``

- Le chapitre : la page telle que l'imprime sa feuille d'impression
  (``transfonum-impression.css`` : sans navigation, code replié caché, solutions
  retirées), graphiques dessinés, numéros de page en pied.
- La fiche : le titre et les énoncés des exercices seulement, chacun suivi d'un cadre
  ligné pour répondre ; aucune solution.

Les chapitres imprimés sont ceux qui ont un diaporama (la construction les écrit pour les
chapitres qui ont un carnet d'exercices). Le site est servi sur 127.0.0.1 pendant
l'impression et toute requête vers un autre hôte est refusée : un PDF ne dépend de rien
d'extérieur.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from transfonum.chemins import DIAPORAMAS, LIVRE, RACINE, SITE, fiche_exercices, pdf_chapitre
from transfonum.outils import navigateur

#: Largeur de la fenêtre qui met la page en page : celle du texte sur une feuille A4.
LARGEUR = 680
#: Attente maximale du dessin des graphiques d'une page, en millisecondes.
ATTENTE_GRAPHIQUES = 60_000

GRAPHIQUES_DESSINES = """() => [...document.querySelectorAll('.transfonum-chart')]
    .every((c) => c.querySelector('svg, canvas'))"""
DEFILER = """async () => { for (let y = 0; y < document.body.scrollHeight; y += 600) {
    window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 30)); } window.scrollTo(0, 0); }"""
#: Réduit la page à la fiche d'exercices ; renvoie le nombre d'exercices.
FICHE = """(intro) => {
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  // L'en-tête imprimé du thème porte le titre (et le sommaire, inutile ici) ; sans lui, un titre à nous.
  const entete = document.querySelector('#jb-print-docs-body h1');
  const titre = (entete || article.querySelector('h1')).cloneNode(true);
  titre.querySelectorAll('.headerlink').forEach((a) => a.remove());
  titre.textContent = "Fiche d'exercices — " + titre.textContent.trim();
  document.querySelector('#jb-print-toc')?.remove();
  const consigne = document.createElement('p');
  consigne.textContent = intro;
  const exercices = [...article.querySelectorAll('div.exercise')].map((e) => e.cloneNode(true));
  const parties = exercices.flatMap((e) => {
    const cadre = document.createElement('div');
    cadre.className = 'transfonum-reponse';
    cadre.setAttribute('aria-hidden', 'true');
    return [e, cadre];
  });
  if (entete) { entete.replaceWith(titre); article.replaceChildren(consigne, ...parties); }
  else { const h2 = document.createElement('h2'); h2.textContent = titre.textContent;
         article.replaceChildren(h2, consigne, ...parties); }
  return exercices.length;
}"""
CONSIGNE = ("Répondez sous chaque énoncé. Le carnet d'exercices du chapitre vérifie vos réponses ; "
            "les solutions sont dans le livre.")
PIED = ('<div style="font-size:8pt;width:100%;text-align:center;color:gray">{titre} — page '
        '<span class="pageNumber"></span> sur <span class="totalPages"></span></div>')


class ErreurImpression(RuntimeError):
    """Un document n'a pas pu être imprimé ; le message nomme le chapitre et la raison."""


class _Silencieux(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature de la classe de base
        pass


@contextmanager
def servir(site: Path) -> Iterator[str]:
    """Sert ``site`` sur 127.0.0.1 le temps du bloc ; donne son adresse."""
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Silencieux, directory=str(site)))
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    try:
        yield f"http://127.0.0.1:{serveur.server_address[1]}"
    finally:
        serveur.shutdown()


def chapitres(site: Path) -> list[str]:
    """Les chapitres à imprimer : ceux qui ont un diaporama dans le site."""
    return sorted(p.stem for p in (site / DIAPORAMAS).glob("*.html"))


def _pdf(page, chemin: Path, titre: str) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(chemin), format="A4", print_background=True, prefer_css_page_size=True,
             display_header_footer=True, header_template="<span></span>", footer_template=PIED.format(titre=titre))


def imprimer(site: Path) -> list[Path]:
    """Imprime le chapitre et la fiche d'exercices de chaque chapitre du site ; renvoie les
    PDF écrits.

    :raises ErreurImpression: site non construit, Chromium absent, graphique non dessiné,
        requête vers un autre hôte, chapitre sans exercice.
    """
    noms = chapitres(site)
    if not noms:
        raise ErreurImpression(f"aucun diaporama dans {site} : construisez d'abord le site (make book)")
    if not Path(navigateur.CHROMIUM).exists():
        raise ErreurImpression(f"Chromium introuvable ({navigateur.CHROMIUM}) : apt-get install chromium")
    from playwright.sync_api import sync_playwright

    ecrits, refusees = [], []

    def router(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            refusees.append(route.request.url)
            route.abort()

    with servir(site) as adresse, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=navigateur.CHROMIUM, args=navigateur.ARGUMENTS)
        contexte = chromium.new_context(viewport={"width": LARGEUR, "height": 1000}, locale="fr-FR")
        contexte.route("**/*", router)
        page = contexte.new_page()
        try:
            for nom in noms:
                page.goto(f"{adresse}/{LIVRE.as_posix()}/{nom}.html", wait_until="load")
                page.evaluate(DEFILER)
                try:
                    page.wait_for_function(GRAPHIQUES_DESSINES, timeout=ATTENTE_GRAPHIQUES)
                except Exception as err:  # le délai de Playwright
                    raise ErreurImpression(f"{nom} : un graphique n'est pas dessiné ({err})") from err
                titre = page.locator("h1").first.inner_text().strip().rstrip("#").strip()
                page.emulate_media(media="print")
                _pdf(page, site / pdf_chapitre(nom), titre)
                if page.evaluate(FICHE, CONSIGNE) == 0:
                    raise ErreurImpression(f"{nom} : aucun exercice pour la fiche")
                _pdf(page, site / fiche_exercices(nom), f"Fiche d'exercices — {titre}")
                page.emulate_media(media="screen")
                ecrits += [site / pdf_chapitre(nom), site / fiche_exercices(nom)]
        finally:
            chromium.close()
    if refusees:
        raise ErreurImpression(f"requêtes vers un autre hôte refusées pendant l'impression : {refusees[:5]}")
    return ecrits


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée de ``make pdf`` ; code 1 et message en français en cas d'échec."""
    parser = argparse.ArgumentParser(prog="python -m transfonum.outils.impression",
                                     description="Imprime en PDF chaque chapitre et sa fiche d'exercices.")
    parser.add_argument("--site", type=Path, default=RACINE / SITE, help="le site construit (défaut : _build/html)")
    args = parser.parse_args(argv)
    try:
        ecrits = imprimer(args.site)
    except ErreurImpression as err:
        print(f"erreur : {err}", file=sys.stderr)
        return 1
    for chemin in ecrits:
        print(f"écrit : {chemin.relative_to(args.site)} ({chemin.stat().st_size // 1024} Kio)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
