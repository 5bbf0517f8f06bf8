"""``make pdf`` : les documents imprimables du livre, imprimés depuis le site construit par
le Chromium de Debian, dans le site lui-même (``impressions/``), où les pages les lient
(menu « Télécharger », liste de la page du cours).

``python -m transfonum.outils.impression [--site _build/html] [--etudiant]``

La liste vient de la table des matières (:func:`transfonum.site.documents.imprimes`) :
chaque chapitre (et sa fiche d'exercices s'il a des exercices), la page du cours, le
programme et chaque cas avec sa grille. Un PDF d'une page sortie de la table est effacé.

- Une page : telle que l'imprime sa feuille d'impression (``transfonum-impression.css`` :
  sans navigation ni commandes, code replié caché, solutions retirées), préparée pour le
  papier (:data:`PREPARER`) : une auto-évaluation devient une question sur papier, un
  explorateur son image de départ avec une ligne qui dit ce que la page en ligne fait
  varier, un résultat replié s'ouvre, les apostrophes deviennent typographiques. Une page
  du cours (cas, page du cours, programme) s'imprime sans le sommaire que le thème met en
  tête (:data:`SANS_SOMMAIRE`) : un document à distribuer, de deux ou trois rubriques,
  que ses signets suffisent à parcourir ; un chapitre le garde, comme plan.
- La fiche : une ligne « Nom, prénom / Groupe / Date », puis l'énoncé de chaque exercice,
  sa question sur papier et une place pour répondre à la mesure de ce qu'il demande
  (:func:`nature_reponse`) ; aucune solution, et elle dit où elles sont.

Les PDF sont balisés (structure lisible par un lecteur d'écran) et ont des signets. Le
site est servi sur 127.0.0.1 pendant l'impression et toute requête vers un autre hôte est
refusée : un PDF ne dépend de rien d'extérieur.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from transfonum.chemins import IMPRESSIONS, RACINE, SITE
from transfonum.fr import espaces_francaises
from transfonum.outils import navigateur

#: Largeur de la fenêtre qui met la page en page : celle du texte sur une feuille A4.
LARGEUR = 680
#: Attente maximale du dessin des graphiques d'une page, en millisecondes.
ATTENTE_GRAPHIQUES = 60_000
#: Le bundle Vega des explorateurs : une page imprimée n'en a pas besoin (elle montre
#: l'image de départ, dessinée à la construction).
BUNDLE_VEGA = "transfonum-vega.js"

GRAPHIQUES_DESSINES = """() => [...document.querySelectorAll('.transfonum-chart')]
    .every((c) => c.querySelector('svg, canvas'))"""

#: Retire le sommaire de la page que le thème imprime en tête (« Contenu »).
SANS_SOMMAIRE = "() => document.getElementById('jb-print-toc')?.remove()"

#: Prépare la page pour le papier (voir la docstring du module).
PREPARER = r"""() => {
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  // Un résultat replié, un encadré « à déplier » : ouverts (jamais le code ni une solution).
  for (const d of document.querySelectorAll('details')) {
    if (!d.classList.contains('above-input') && !d.closest('.solution')) d.open = true;
  }
  // Un explorateur : ce que la page en ligne permet de faire varier.
  for (const script of document.querySelectorAll('script.transfonum-spec')) {
    const figure = script.closest('figure');
    if (!figure || figure.querySelector('.transfonum-varier')) continue;
    // Ses commandes, écrites dans la page à la construction (transfonum.commandes).
    const reglages = [...figure.querySelectorAll('.vega-bind-name')]
      .map((n) => '\u00ab\u00a0' + n.textContent.replace(/[\s\u00a0]*:[\s\u00a0]*$/, '').trim() + '\u00a0\u00bb');
    if (!reglages.length) continue;
    const liste = reglages.length > 1
      ? reglages.slice(0, -1).join(', ') + ' et ' + reglages[reglages.length - 1] : reglages[0];
    const ligne = document.createElement('p');
    ligne.className = 'transfonum-varier';
    ligne.textContent = 'Sur la page en ligne, ce graphique se règle\u00a0: ' + liste
      + '. L\u2019image montre son état de départ.';
    figure.querySelector('.transfonum-explorateur').after(ligne);
  }
  // Une phrase qui annonce la suite (« vous saurez : ») reste avec elle.
  for (const p of article.querySelectorAll('p')) {
    if (/:\s*$/.test(p.textContent) && p.nextElementSibling) p.classList.add('transfonum-annonce');
  }
  // Apostrophes typographiques, « 1er » en exposant (hors code).
  const marcheur = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement.closest('code, pre, script, style, kbd, samp, .highlight')
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
  const textes = [];
  while (marcheur.nextNode()) textes.push(marcheur.currentNode);
  const ORDINAL = /\b(1)(ers?|res?)\b/g;
  for (const t of textes) {
    t.nodeValue = t.nodeValue.replace(/([\p{L}])'(?=[\p{L}\p{N}])/gu, '$1\u2019');
    if (!ORDINAL.test(t.nodeValue)) continue;
    ORDINAL.lastIndex = 0;
    const morceaux = document.createDocumentFragment();
    let fin = 0;
    for (const m of t.nodeValue.matchAll(ORDINAL)) {
      morceaux.append(t.nodeValue.slice(fin, m.index) + m[1]);
      const sup = document.createElement('sup');
      sup.textContent = m[2];
      morceaux.append(sup);
      fin = m.index + m[0].length;
    }
    morceaux.append(t.nodeValue.slice(fin));
    t.replaceWith(morceaux);
  }
  document.title = document.title.replace(/([\p{L}])'(?=[\p{L}])/gu, '$1\u2019');
}"""

#: Lit les exercices de la page : le texte de chacun et l'identifiant de sa clé.
EXERCICES = """() => [...(document.querySelector('article.bd-article') || document.querySelector('main'))
  .querySelectorAll('div.exercise')].map((e) => ({
    texte: (e.querySelector('#exercise-content') || e).innerText,
    cle: e.querySelector('.transfonum-notebook-exercise code')?.textContent.trim() || null }))"""

#: Réduit la page à la fiche d'exercices.
FICHE = """({titre, consigne, reponses}) => {
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  const entete = document.querySelector('#jb-print-docs-body h1');
  document.querySelector('#jb-print-toc')?.remove();
  const h1 = document.createElement(entete ? 'h1' : 'h2');
  h1.textContent = titre;
  const identite = document.createElement('p');
  identite.className = 'transfonum-identite';
  for (const champ of ['Nom, prénom\u00a0:', 'Groupe\u00a0:', 'Date\u00a0:']) {
    const s = document.createElement('span');
    s.textContent = champ;
    identite.append(s);
  }
  const p = document.createElement('p');
  p.textContent = consigne;
  const exercices = [...article.querySelectorAll('div.exercise')].map((e) => e.cloneNode(true));
  // Chaque exercice, sa question sur papier et sa place pour répondre restent ensemble ;
  // la page d'une note vient après, sur une feuille à elle.
  const parties = exercices.flatMap((e, i) => {
    e.querySelectorAll('.transfonum-notebook-exercise').forEach((s) => s.remove());
    const bloc = document.createElement('div');
    bloc.className = 'transfonum-question';
    bloc.innerHTML = reponses[i].papier;
    bloc.prepend(e);
    const cadre = document.createElement('div');
    cadre.className = 'transfonum-reponse transfonum-reponse-' + reponses[i].nature;
    cadre.setAttribute('aria-hidden', 'true');
    if (reponses[i].nature === 'page') return [bloc, cadre];
    if (reponses[i].nature !== 'aucune') bloc.append(cadre);
    return [bloc];
  });
  if (entete) { entete.replaceWith(h1); article.replaceChildren(identite, p, ...parties); }
  else article.replaceChildren(h1, identite, p, ...parties);
  document.title = titre;
}"""

#: Ce que dit la fiche, selon l'édition : où sont les solutions.
CONSIGNE = ("Répondez sous chaque énoncé, dans la place prévue, puis reportez vos réponses dans le carnet du "
            "chapitre, qui les vérifie.")
SOLUTIONS = {
    False: espaces_francaises("Les solutions sont dans l’édition enseignante du site, sous chaque exercice du "
                              "chapitre (« Solution », repliée)."),
    True: espaces_francaises("Les solutions ne sont pas publiées pour les étudiants : elles sont remises par "
                             "l’enseignant."),
}
PIED = ('<div style="font-size:8pt;width:100%;text-align:center;color:gray">{titre} — page '
        '<span class="pageNumber"></span> sur <span class="totalPages"></span></div>')

#: Ce qu'un énoncé demande d'écrire : une note ou un mémo (une page), une explication (un cadre).
_NOTE = re.compile(r"\b(rédigez|écrivez)\b[^.]*?\b(note|mémo)\b", re.IGNORECASE)
_PARAGRAPHE = re.compile(
    r"\b(pourquoi|expliquez|justifiez|défendez|écrivez|commentez|proposez|rédigez|discutez|argumentez"
    r"|que dit|que faut-il|que peut-on|qu[’']en|comment)\b", re.IGNORECASE)


def nature_reponse(texte: str, avec_question: bool) -> str:
    """La place pour répondre à un exercice d'énoncé ``texte`` : ``page`` (une note, un
    mémo), ``cadre`` (une explication), ``ligne`` (un nombre, un mot) ou ``aucune``.

    ``avec_question`` : la fiche porte déjà la question sur papier de la clé de l'exercice
    (une ligne pour un nombre, des cases pour un choix ou un classement) ; elle suffit, sauf
    si l'énoncé demande aussi d'écrire."""
    if _NOTE.search(texte):
        return "page"
    if _PARAGRAPHE.search(texte):
        return "cadre"
    return "aucune" if avec_question else "ligne"


def typographique(texte: str) -> str:
    """``texte`` avec des apostrophes typographiques (« l'entreprise » → « l’entreprise »)."""
    return re.sub(r"(?<=\w)'(?=\w)", "’", texte)


class ErreurImpression(RuntimeError):
    """Un document n'a pas pu être imprimé ; le message nomme la page et la raison."""


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


def _pdf(page, chemin: Path, titre: str) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(chemin), format="A4", print_background=True, prefer_css_page_size=True,
             display_header_footer=True, header_template="<span></span>",
             footer_template=PIED.format(titre=typographique(titre)), tagged=True, outline=True)


def _reponses(exercices: list[dict], papiers: dict[str, str]) -> list[dict]:
    """Pour chaque exercice lu dans la page : sa question sur papier et la nature de sa place."""
    return [{"papier": papiers.get(e["cle"] or "", ""),
             "nature": nature_reponse(e["texte"], (e["cle"] or "") in papiers)} for e in exercices]


def _questions_sur_papier() -> dict[str, str]:
    """La question sur papier de chaque exercice des clés, par identifiant."""
    from transfonum.exercices.cles import exporter_cles
    from transfonum.site.autoevaluation import html_papier

    return {cle["id"]: html_papier(cle) for cle in exporter_cles()["exercises"]}


def effacer_anciens(site: Path, gardes: list[Path]) -> list[Path]:
    """Efface du site les PDF de ``impressions/`` qui ne sont pas dans ``gardes`` (ceux
    d'une page sortie de la table des matières) ; renvoie les chemins effacés."""
    gardes = {site / g for g in gardes}
    effaces = [p for p in sorted((site / IMPRESSIONS).rglob("*.pdf")) if p not in gardes]
    for chemin in effaces:
        chemin.unlink()
    return effaces


def imprimer(site: Path, racine: Path = RACINE, etudiant: bool = False) -> list[Path]:
    """Imprime les documents du livre ``racine`` (sa table des matières) depuis le site
    construit ``site`` ; renvoie les PDF écrits.

    :raises ErreurImpression: site non construit, page absente du site, Chromium absent,
        graphique non dessiné, requête vers un autre hôte.
    """
    from transfonum.site.documents import imprimes

    documents = imprimes(racine)
    if not (site / "index.html").exists():
        raise ErreurImpression(f"aucun site dans {site} : construisez d'abord le site (make book)")
    absentes = [d.page for d in documents if not (site / f"{d.page}.html").exists()]
    if absentes:
        raise ErreurImpression(f"pages de la table des matières absentes de {site} : {', '.join(absentes)} "
                               "(reconstruisez le site : make book)")
    if not Path(navigateur.CHROMIUM).exists():
        raise ErreurImpression(f"Chromium introuvable ({navigateur.CHROMIUM}) : apt-get install chromium")
    from playwright.sync_api import sync_playwright

    papiers = _questions_sur_papier()
    consigne = f"{CONSIGNE} {SOLUTIONS[etudiant]}"
    ecrits, refusees = [], []

    def router(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or (urlsplit(url).hostname == "127.0.0.1"
                                                   and not urlsplit(url).path.endswith(BUNDLE_VEGA)):
            route.continue_()
        elif urlsplit(url).hostname == "127.0.0.1":
            route.abort()  # le bundle des explorateurs : l'image de départ reste
        else:
            refusees.append(url)
            route.abort()

    with servir(site) as adresse, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=navigateur.CHROMIUM, args=navigateur.ARGUMENTS)
        contexte = chromium.new_context(viewport={"width": LARGEUR, "height": 1000}, locale="fr-FR")
        contexte.route("**/*", router)
        page = contexte.new_page()
        try:
            for document in documents:
                page.goto(f"{adresse}/{document.page}.html", wait_until="load")
                try:
                    page.wait_for_function(GRAPHIQUES_DESSINES, timeout=ATTENTE_GRAPHIQUES)
                except Exception as err:  # le délai de Playwright
                    raise ErreurImpression(f"{document.page} : un graphique n'est pas dessiné ({err})") from err
                page.evaluate(PREPARER)
                if not document.chapitre:
                    page.evaluate(SANS_SOMMAIRE)
                titre = page.locator("h1").first.inner_text().strip().rstrip("#").strip()
                page.emulate_media(media="print")
                _pdf(page, site / document.pdf, titre)
                ecrits.append(site / document.pdf)
                exercices = page.evaluate(EXERCICES) if document.chapitre else []
                if exercices:
                    titre_fiche = f"Fiche d’exercices — {titre}"
                    page.evaluate(FICHE, {"titre": titre_fiche, "consigne": consigne,
                                          "reponses": _reponses(exercices, papiers)})
                    page.evaluate(PREPARER)
                    _pdf(page, site / document.fiche, titre_fiche)
                    ecrits.append(site / document.fiche)
                page.emulate_media(media="screen")
        finally:
            chromium.close()
    if refusees:
        raise ErreurImpression(f"requêtes vers un autre hôte refusées pendant l'impression : {refusees[:5]}")
    effacer_anciens(site, [e.relative_to(site) for e in ecrits])
    return ecrits


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée de ``make pdf`` ; code 1 et message en français en cas d'échec."""
    parser = argparse.ArgumentParser(prog="python -m transfonum.outils.impression",
                                     description="Imprime en PDF les chapitres, leurs fiches d'exercices, "
                                                 "la page du cours, le programme et les cas.")
    parser.add_argument("--site", type=Path, default=RACINE / SITE, help="le site construit (défaut : _build/html)")
    parser.add_argument("--etudiant", action="store_true",
                        help="l'édition étudiante : ses fiches disent que l'enseignant remet les solutions")
    args = parser.parse_args(argv)
    try:
        ecrits = imprimer(args.site, etudiant=args.etudiant)
    except ErreurImpression as err:
        print(f"erreur : {err}", file=sys.stderr)
        return 1
    for chemin in ecrits:
        print(f"écrit : {chemin.relative_to(args.site)} ({chemin.stat().st_size // 1024} Kio)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
