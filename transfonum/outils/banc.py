"""Banc de mesure de la construction du livre, du poids de ses pages et de
l'environnement des élèves, de la recherche et de la correction d'une classe (``make
bench`` ; ``--seulement livre``, ``pages``, ``recherche``, ``binder`` ou ``notes`` pour
une seule partie).

Livre : secondes d'une construction complète, d'une reconstruction sans changement,
d'une reconstruction après modification d'un chapitre et après modification du moteur
(``transfonum/site/``, qui ne doit ré-exécuter aucun carnet), et octets que charge un
lecteur par page (HTML + JS et CSS qu'elle appelle ; fichiers partagés comptés une fois).
Objectifs : reconstruction sans changement ≤ 10 % et après un chapitre ≤ 30 % d'une
construction complète.

Pages : le site construit est servi comme par un hébergeur statique (serveur local qui
garde ses connexions ouvertes, en HTTP/1.1, et qui
compresse en gzip, niveau 6, ce qui se compresse) ; chaque page est ouverte dans Chromium
et le banc additionne les octets **transférés** jusqu'à la fin du chargement (corps
compressés et en-têtes, tels que Chromium les reçoit). Objectifs : page de texte ≤ 350 Ko,
page à graphiques ≤ 700 Ko (1 Ko = 1 000 octets). Puis chaque page à graphiques est lue
jusqu'en bas (un demi-écran à la fois) : objectif ≤ 300 Ko ; et, si elle a un explorateur,
le premier est utilisé (le moteur Vega se charge alors) : ce qu'il coûte est dit à côté,
sans objectif. Si la commande ``lighthouse`` est là (ou ``TRANSFONUM_LIGHTHOUSE``
nomme son chemin), chaque page est aussi notée (préréglage mobile, médiane de trois
passages) : performance, accessibilité, bonnes pratiques, référencement ; sinon le banc
le dit et passe. ``--site DOSSIER`` mesure un site déjà construit.

Recherche : taille de l'index (gzip), puis, sur un téléphone simulé (390 px, processeur
ralenti quatre fois), pour chacune de :data:`REQUETES_RECHERCHE`, les pages trouvées, les
octets transférés et les millisecondes entre l'ouverture de la page de recherche et
l'affichage des résumés des résultats à l'écran (``--site`` comme pour les pages).

Binder : taille installée d'un environnement neuf fait depuis ``binder/requirements.txt``,
comparée à celle de l'environnement complet qui lance le banc (objectif ≤ 40 %), et
secondes entre le démarrage d'un noyau dans cet environnement et le premier widget d'un
carnet d'exercices (objectif ≤ 3 s).

Notes : secondes de ``python -m transfonum.exercices.notes`` sur une classe de 30 élèves
(``--eleves``) qui rendent chacun tous les carnets corrigés du kit, un processus par cœur,
limites de temps par défaut ; et la moyenne par carnet et par élève.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
from nbclient import NotebookClient

from transfonum import fr
from transfonum.chemins import CORRIGES, EXERCICES, LIVRE, PAQUET, RACINE
from transfonum.exercices import notes
from transfonum.outils import binder
from transfonum.site.construction import construire

CHAPITRE_TOUCHE = RACINE / LIVRE / "intro.md"
MOTEUR_TOUCHE = RACINE / PAQUET / "site" / "interface.py"
OBJECTIF_SANS_CHANGEMENT = 0.10
OBJECTIF_UN_CHAPITRE = 0.30
OBJECTIF_TAILLE_BINDER = 0.40
OBJECTIF_PREMIER_WIDGET = 3.0
ESSAIS_PREMIER_WIDGET = 3
TYPE_WIDGET = "application/vnd.jupyter.widget-view+json"
LIEN_FICHIER = re.compile(r'<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+\.(?:js|css)[^"]*)"')


def construction_chronometree(sortie: Path) -> float:
    """Secondes d'une construction dans ``sortie`` ; quitte si elle échoue."""
    debut = time.perf_counter()
    resultat = construire(RACINE, sortie=sortie, capturer=True)
    if resultat.returncode != 0:
        sys.exit(f"la construction a échoué :\n{resultat.stdout[-4000:]}")
    return time.perf_counter() - debut


def fichiers_de_page(page: Path) -> set[Path]:
    """Les fichiers JS et CSS locaux que charge une page HTML."""
    fichiers = set()
    for lien in LIEN_FICHIER.findall(page.read_text(encoding="utf-8")):
        parties = urlsplit(lien)
        if not parties.scheme and not parties.netloc:
            fichiers.add((page.parent / parties.path).resolve())
    return fichiers


def poids_des_pages(dossier_html: Path) -> tuple[dict[str, int], int, int]:
    """Octets par page (HTML et tout ce qu'elle charge, comme à une première visite), octets
    du HTML de toutes les pages, et octets de tous les fichiers JS et CSS, comptés une fois."""
    pages = [p for p in sorted(dossier_html.rglob("*.html")) if "_static" not in p.parts]
    premiere_visite: dict[str, int] = {}
    partages: set[Path] = set()
    for page in pages:
        fichiers = {f for f in fichiers_de_page(page) if f.exists()}
        partages |= fichiers
        premiere_visite[page.relative_to(dossier_html).as_posix()] = page.stat().st_size + sum(
            f.stat().st_size for f in fichiers)
    return premiere_visite, sum(p.stat().st_size for p in pages), sum(f.stat().st_size for f in partages)


def _verdict(rapport: float, objectif: float) -> str:
    return "objectif atteint" if rapport <= objectif else f"AU-DESSUS de l'objectif ({objectif:.0%})"


def carnet_du_premier_widget() -> Path:
    """Le premier carnet élève (par nom) dont une cellule affiche un widget d'exercice."""
    for chemin in sorted((RACINE / EXERCICES).glob("*.ipynb")):
        cellules = nbformat.read(chemin, as_version=4).cells
        if any(c.cell_type == "code" and "exercice(" in c.source for c in cellules):
            return chemin
    sys.exit("aucun carnet d'exercices n'affiche de widget (exercice(...)) dans exercises/")


def secondes_jusquau_premier_widget(chemin: Path, noyau: str) -> float:
    """Secondes entre le démarrage de ``noyau`` et la fin de la première cellule de
    ``chemin`` qui affiche un widget (les cellules d'avant tournent d'abord, comme chez
    l'élève)."""
    carnet = nbformat.read(chemin, as_version=4)
    client = NotebookClient(carnet, kernel_name=noyau, timeout=120,
                            resources={"metadata": {"path": str(chemin.parent)}})
    debut = time.perf_counter()
    with client.setup_kernel():
        for index, cellule in enumerate(carnet.cells):
            if cellule.cell_type != "code":
                continue
            client.execute_cell(cellule, index)
            if any(TYPE_WIDGET in sortie.get("data", {}) for sortie in cellule.outputs):
                return time.perf_counter() - debut
    sys.exit(f"{chemin.name} : aucune cellule n'a affiché de widget")


def _plus_gros_paquets(prefix: Path, nombre: int = 5) -> list[tuple[str, int]]:
    tailles = []
    for site in prefix.glob("lib/python*/site-packages"):
        for entree in site.iterdir():
            if entree.is_dir() and not entree.name.endswith((".dist-info", "__pycache__")):
                tailles.append((entree.name, sum(f.stat().st_size for f in entree.rglob("*") if f.is_file())))
    return sorted(tailles, key=lambda t: -t[1])[:nombre]


def rapport_binder() -> None:
    """Construit l'environnement léger de zéro, le pèse et chronomètre le premier widget."""
    prefix_complet = Path(sys.prefix)
    with tempfile.TemporaryDirectory(prefix="transfonum-binder-") as tmp:
        racine = Path(tmp)
        debut = time.perf_counter()
        try:
            python = binder.creer(racine / "venv")
        except binder.ErreurBinder as err:
            sys.exit(str(err))
        installation = time.perf_counter() - debut
        leger, complet = binder.octets_installes(racine / "venv"), binder.octets_installes(prefix_complet)
        plus_gros = _plus_gros_paquets(racine / "venv")
        os.environ["JUPYTER_PATH"] = str(racine / "jupyter")
        noyau = binder.ecrire_noyau(python, racine / "jupyter")
        carnet = carnet_du_premier_widget()
        essais = [secondes_jusquau_premier_widget(carnet, noyau) for _ in range(ESSAIS_PREMIER_WIDGET)]

    rapport = leger / complet
    print(f"Environnement Binder ({binder.EXIGENCES.relative_to(RACINE)}), installé en {installation:.0f} s :")
    print(f"  site-packages : {leger / 2**20:6.0f} Mio, contre {complet / 2**20:.0f} Mio pour "
          f"l'environnement complet ({prefix_complet})")
    print(f"  soit {fr.pourcent(rapport * 100, 1)} — {_verdict(rapport, OBJECTIF_TAILLE_BINDER)}")
    print("  plus gros paquets : " + ", ".join(f"{nom} {taille / 2**20:.0f} Mio" for nom, taille in plus_gros))
    mediane = statistics.median(essais)
    print(f"Du démarrage du noyau au premier widget ({carnet.relative_to(RACINE)}) : "
          f"{mediane:.1f} s (médiane de {len(essais)} : {', '.join(f'{e:.1f}' for e in essais)}) — "
          + ("objectif atteint" if mediane <= OBJECTIF_PREMIER_WIDGET
             else f"AU-DESSUS de l'objectif ({OBJECTIF_PREMIER_WIDGET:.0f} s)"))


def rapport_livre() -> None:
    """Chronomètre quatre constructions (complète, sans changement, un chapitre touché, le
    moteur touché) et pèse les pages."""
    with tempfile.TemporaryDirectory(prefix="transfonum-bench-") as tmp:
        sortie = Path(tmp)
        complete = construction_chronometree(sortie)
        sans_changement = construction_chronometree(sortie)
        os.utime(CHAPITRE_TOUCHE)
        un_chapitre = construction_chronometree(sortie)
        os.utime(MOTEUR_TOUCHE)
        moteur = construction_chronometree(sortie)
        poids, total_html, total_partage = poids_des_pages(sortie / "_build" / "html")

    print(f"Construction complète (cache vide) : {complete:6.1f} s")
    print(f"Reconstruction sans changement     : {sans_changement:6.1f} s  "
          f"({sans_changement / complete:.0%} — {_verdict(sans_changement / complete, OBJECTIF_SANS_CHANGEMENT)})")
    print(f"Après modification d'un chapitre   : {un_chapitre:6.1f} s  "
          f"({un_chapitre / complete:.0%} — {_verdict(un_chapitre / complete, OBJECTIF_UN_CHAPITRE)})"
          f"  [{CHAPITRE_TOUCHE.relative_to(RACINE)}]")
    print(f"Après modification du moteur       : {moteur:6.1f} s  "
          f"({moteur / complete:.0%}, aucun carnet ré-exécuté)  [{MOTEUR_TOUCHE.relative_to(RACINE)}]")
    print("\nPoids par page, première visite (HTML + JS + CSS chargés) :")
    for page, taille in poids.items():
        print(f"  {page:<40} {taille / 1024:8.0f} Kio")
    nombre = len(poids)
    print(f"Site entier : {total_html / 1024:.0f} Kio de HTML pour {nombre} pages, "
          f"{total_partage / 1024:.0f} Kio de JS et CSS (chaque fichier compté une fois) ; "
          f"soit {(total_html + total_partage) / nombre / 1024:.0f} Kio par page en moyenne.")


# --- Pages : octets transférés et Lighthouse ------------------------------------------

OBJECTIF_PAGE_TEXTE = 350_000
OBJECTIF_PAGE_GRAPHIQUES = 700_000
#: Un chapitre lu jusqu'en bas (sans toucher à ses explorateurs).
OBJECTIF_PAGE_DEFILEE = 300_000
OBJECTIFS_LIGHTHOUSE = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
NOMS_CATEGORIES = {"performance": "perf.", "accessibility": "access.", "best-practices": "BP", "seo": "SEO"}
ESSAIS_LIGHTHOUSE = 3
NIVEAU_GZIP = 6
#: Ce qu'un hébergeur statique compresse (nginx : ``gzip_types``) ; WOFF2, PNG… le sont déjà.
TYPES_COMPRESSES = (".html", ".js", ".css", ".svg", ".json", ".txt", ".xml")
CHROMIUM = os.environ.get("TRANSFONUM_CHROMIUM", "/usr/bin/chromium")
OPTIONS_CHROMIUM = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-default-apps"]


class ServeurGzip(http.server.SimpleHTTPRequestHandler):
    """Sert un dossier comme un hébergeur statique (nginx, par exemple) : connexions
    gardées ouvertes (HTTP/1.1 ; le navigateur en ouvre six au plus et y fait passer toutes
    les requêtes d'une page, ce que Lighthouse simule), gzip (niveau 6) pour le texte si le
    navigateur l'accepte ; silencieux."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - signature de la classe de base
        pass

    def send_head(self):
        chemin = Path(self.translate_path(self.path))
        if chemin.is_dir():
            chemin = chemin / "index.html"
        accepte = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepte and chemin.is_file() and chemin.suffix in TYPES_COMPRESSES):
            return super().send_head()
        corps = gzip.compress(chemin.read_bytes(), compresslevel=NIVEAU_GZIP)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(chemin)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(corps)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Tampon(corps)


class _Tampon:
    def __init__(self, donnees: bytes):
        self.donnees = donnees

    def read(self, *args) -> bytes:
        donnees, self.donnees = self.donnees, b""
        return donnees

    def close(self) -> None:
        pass


@contextmanager
def site_servi(dossier_html: Path):
    """Sert ``dossier_html`` en gzip sur 127.0.0.1 ; donne son adresse."""
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(ServeurGzip, directory=str(dossier_html)))
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{serveur.server_address[1]}"
    finally:
        serveur.shutdown()


def pages_du_site(dossier_html: Path) -> list[str]:
    """Les pages du site (la racine d'abord), sans les gabarits du thème sous ``_static``."""
    pages = sorted(p.relative_to(dossier_html).as_posix() for p in dossier_html.rglob("*.html")
                   if "_static" not in p.relative_to(dossier_html).parts and not p.name.startswith("_"))
    return sorted(pages, key=lambda p: p != "index.html")


#: Fait défiler la page jusqu'à sa fin, un demi-écran à la fois, comme un lecteur.
DEFILER_JUSQUA_LA_FIN = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await new Promise((done) => setTimeout(done, 60));
  }
  scrollTo(0, document.documentElement.scrollHeight);
}"""


#: Le premier usage d'un explorateur : le lecteur va à sa première commande (le clavier la
#: lui donne), et attend, 15 s au plus, que le graphique vivant ait remplacé l'image.
UTILISER_UN_EXPLORATEUR = """async () => {
  const commande = document.querySelector('.transfonum-explorateur .vega-bind :is(input, select)');
  if (!commande) return;
  commande.focus();
  const fin = Date.now() + 15000;
  while (!document.querySelector('.transfonum-vivant.est-dessine, .transfonum-explorateur-avis') && Date.now() < fin) {
    await new Promise((done) => setTimeout(done, 50));
  }
}"""


def octets_transferes(adresse: str, pages: list[str], jusqua_la_fin: bool = False,
                      explorateur: bool = False) -> dict[str, int]:
    """Par page : octets reçus par Chromium (corps compressés et en-têtes) jusqu'à la fin du
    chargement, cache vide, téléphone de 390 px ; avec ``jusqua_la_fin``, la page lue
    jusqu'en bas ; avec ``explorateur``, son premier explorateur ensuite utilisé (le moteur
    Vega se charge)."""
    from playwright.sync_api import sync_playwright

    resultats = {}
    with sync_playwright() as playwright:
        navigateur = playwright.chromium.launch(executable_path=CHROMIUM, args=OPTIONS_CHROMIUM)
        for page in pages:
            contexte = navigateur.new_context(viewport={"width": 390, "height": 844})
            onglet = contexte.new_page()
            requetes = []
            onglet.on("requestfinished", lambda requete: requetes.append(requete))  # noqa: B023
            onglet.goto(f"{adresse}/{page}", wait_until="networkidle")
            if jusqua_la_fin:
                onglet.evaluate(DEFILER_JUSQUA_LA_FIN)
                onglet.wait_for_load_state("networkidle")
                onglet.wait_for_timeout(500)
            if explorateur:
                onglet.evaluate(UTILISER_UN_EXPLORATEUR)
                onglet.wait_for_load_state("networkidle")
                onglet.wait_for_timeout(500)
            total = 0
            for requete in requetes:
                tailles = requete.sizes()
                total += tailles["responseBodySize"] + tailles["responseHeadersSize"]
            resultats[page] = total
            contexte.close()
        navigateur.close()
    return resultats


def rapport_pages_defilees(dossier_html: Path, adresse: str, pages: list[str]) -> None:
    """Octets transférés par page à graphiques lue jusqu'en bas (objectif :
    :data:`OBJECTIF_PAGE_DEFILEE`)."""
    a_graphiques = [p for p in pages if "transfonum-chart" in (dossier_html / p).read_text(encoding="utf-8")]
    defilees = octets_transferes(adresse, a_graphiques, jusqua_la_fin=True)
    a_explorateur = [p for p in a_graphiques if "transfonum-explorateur" in (dossier_html / p).read_text(encoding="utf-8")]
    utilisees = octets_transferes(adresse, a_explorateur, jusqua_la_fin=True, explorateur=True)
    print(f"\nOctets transférés, page à graphiques lue jusqu'en bas (objectif ≤ {OBJECTIF_PAGE_DEFILEE // 1000} Ko), "
          "puis un explorateur utilisé :")
    for page in a_graphiques:
        verdict = "objectif atteint" if defilees[page] <= OBJECTIF_PAGE_DEFILEE else \
            f"AU-DESSUS de {OBJECTIF_PAGE_DEFILEE // 1000} Ko"
        usage = f" ; un explorateur utilisé : {utilisees[page] / 1000:.0f} Ko" if page in utilisees else ""
        print(f"  {page:<32} {defilees[page] / 1000:7.0f} Ko  ({verdict}){usage}")


def commande_lighthouse() -> str | None:
    """La commande Lighthouse : ``TRANSFONUM_LIGHTHOUSE`` ou ``lighthouse`` sur le PATH."""
    return os.environ.get("TRANSFONUM_LIGHTHOUSE") or shutil.which("lighthouse")


def notes_lighthouse(commande: str, adresse: str) -> dict[str, float]:
    """Un passage de Lighthouse (préréglage mobile) : note sur 100 par catégorie."""
    resultat = subprocess.run(
        [commande, adresse, "--output=json", "--output-path=stdout", "--quiet",
         "--only-categories=" + ",".join(OBJECTIFS_LIGHTHOUSE),
         "--chrome-flags=--headless=new --no-sandbox " + " ".join(OPTIONS_CHROMIUM)],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    if resultat.returncode != 0:
        raise RuntimeError(f"Lighthouse a échoué sur {adresse} :\n{resultat.stderr[-2000:]}")
    categories = json.loads(resultat.stdout)["categories"]
    return {nom: round((categories[nom]["score"] or 0) * 100) for nom in OBJECTIFS_LIGHTHOUSE}


def rapport_pages(dossier_html: Path | None = None, essais: int = ESSAIS_LIGHTHOUSE) -> None:
    """Octets transférés par page (gzip) et, si Lighthouse est là, ses notes médianes."""
    with tempfile.TemporaryDirectory(prefix="transfonum-pages-") as tmp:
        if dossier_html is None:
            construction_chronometree(Path(tmp))
            dossier_html = Path(tmp) / "_build" / "html"
        pages = pages_du_site(dossier_html)
        with site_servi(dossier_html) as adresse:
            transferes = octets_transferes(adresse, pages)
            print("Octets transférés au chargement (gzip niveau 6, Chromium, cache vide, 390 px) :")
            for page in pages:
                graphiques = "transfonum-chart" in (dossier_html / page).read_text(encoding="utf-8")
                objectif = OBJECTIF_PAGE_GRAPHIQUES if graphiques else OBJECTIF_PAGE_TEXTE
                verdict = "objectif atteint" if transferes[page] <= objectif else f"AU-DESSUS de {objectif // 1000} Ko"
                genre = "graphiques" if graphiques else "texte"
                print(f"  {page:<32} {transferes[page] / 1000:7.0f} Ko  ({genre}, {verdict})")
            rapport_pages_defilees(dossier_html, adresse, pages)
            commande = commande_lighthouse()
            if commande is None:
                print("\nLighthouse absent (ni « lighthouse » sur le PATH, ni TRANSFONUM_LIGHTHOUSE) : "
                      "notes non mesurées.")
                return
            print(f"\nLighthouse ({commande}), préréglage mobile, médiane de {essais} passages :")
            for page in pages:
                passages = [notes_lighthouse(commande, f"{adresse}/{page}") for _ in range(essais)]
                medianes = {nom: statistics.median(p[nom] for p in passages) for nom in OBJECTIFS_LIGHTHOUSE}
                manques = [NOMS_CATEGORIES[n] for n, objectif in OBJECTIFS_LIGHTHOUSE.items() if medianes[n] < objectif]
                notes = "  ".join(f"{NOMS_CATEGORIES[n]} {medianes[n]:3.0f}" for n in OBJECTIFS_LIGHTHOUSE)
                performances = "/".join(str(p["performance"]) for p in passages)
                print(f"  {page:<32} {notes}  (perf. {performances}) — "
                      + ("objectifs atteints" if not manques else "SOUS l'objectif : " + ", ".join(manques)))


#: Les requêtes du banc de la recherche : sans et avec accents, deux mots, un sigle.
REQUETES_RECHERCHE = ("generation", "génération", "reseau social", "confiance", "CDO")
RALENTISSEMENT_TELEPHONE = 4


def mesures_recherche(adresse: str, requetes: tuple[str, ...] = REQUETES_RECHERCHE) -> dict[str, dict]:
    """Par requête : pages trouvées, octets transférés (corps et en-têtes, jusqu'au repos du
    réseau) et millisecondes jusqu'aux résumés des résultats à l'écran, cache vide, 390 px,
    processeur ralenti."""
    from playwright.sync_api import sync_playwright

    resultats = {}
    with sync_playwright() as playwright:
        navigateur = playwright.chromium.launch(executable_path=CHROMIUM, args=OPTIONS_CHROMIUM)
        for requete in requetes:
            contexte = navigateur.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
            onglet = contexte.new_page()
            contexte.new_cdp_session(onglet).send("Emulation.setCPUThrottlingRate",
                                                  {"rate": RALENTISSEMENT_TELEPHONE})
            requetes_finies = []
            onglet.on("requestfinished", lambda r: requetes_finies.append(r))  # noqa: B023
            debut = time.perf_counter()
            onglet.goto(f"{adresse}/search.html?q={requete}")
            onglet.wait_for_function("(document.querySelector('#search-results p.search-summary') || {}).textContent"
                                     " && [...document.querySelectorAll('ul.search li')]"
                                     ".filter(li => li.getBoundingClientRect().top < innerHeight)"
                                     ".every(li => li.querySelector('p.context'))", timeout=120_000)
            duree = time.perf_counter() - debut
            onglet.wait_for_load_state("networkidle")
            pages = onglet.eval_on_selector_all("ul.search li a", "liens => liens.map(a => a.href.split('#')[0])")
            octets = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requetes_finies)
            resultats[requete] = {"pages": len(set(pages)), "octets": octets, "ms": round(1000 * duree)}
            contexte.close()
        navigateur.close()
    return resultats


def rapport_recherche(dossier_html: Path | None = None) -> None:
    """La recherche sur un téléphone simulé : index, pages trouvées, octets, temps."""
    with tempfile.TemporaryDirectory(prefix="transfonum-recherche-") as tmp:
        if dossier_html is None:
            construction_chronometree(Path(tmp))
            dossier_html = Path(tmp) / "_build" / "html"
        index = len(gzip.compress((dossier_html / "searchindex.js").read_bytes(), 6))
        print(f"Recherche : index {index / 1000:.0f} Ko (gzip niveau 6) ; page de recherche ouverte "
              f"à 390 px, processeur ralenti {RALENTISSEMENT_TELEPHONE} fois, cache vide :")
        with site_servi(dossier_html) as adresse:
            for requete, mesure in mesures_recherche(adresse).items():
                print(f"  « {requete} »{'':<{16 - len(requete)}} {mesure['pages']:3d} pages  "
                      f"{mesure['octets'] / 1000:5.0f} Ko transférés  {mesure['ms']:6d} ms jusqu'aux résumés à l'écran")


ELEVES_PAR_CLASSE = 30


def rapport_notes(eleves: int = ELEVES_PAR_CLASSE) -> None:
    """Corrige une classe de ``eleves`` élèves qui rendent chacun tous les carnets corrigés."""
    print(f"Correction d'une classe ({eleves} élèves, tous les carnets corrigés du kit)")
    carnets = sorted((RACINE / CORRIGES).glob("*.ipynb"))
    with tempfile.TemporaryDirectory(prefix="banc-notes-") as tmp:
        copies = Path(tmp) / "copies"
        for numero in range(1, eleves + 1):
            dossier = copies / f"Élève {numero:02d}_{numero}_assignsubmission_file_"
            dossier.mkdir(parents=True)
            for carnet in carnets:
                shutil.copy(carnet, dossier / carnet.name)
        processus = len(os.sched_getaffinity(0))
        debut = time.perf_counter()
        bilans, _ = notes.noter(copies, Path(tmp) / "resultats", processus=processus)
        duree = time.perf_counter() - debut
    executes = eleves * len(carnets)
    justes = sum(b.justes() for b in bilans) / max(1, sum(b.total() for b in bilans))
    print(f"  {executes} carnets, {processus} processus : {fr.nombre(duree)} s "
          f"({fr.nombre(duree / 60, 1)} min) ; {fr.nombre(duree / executes, 1)} s par carnet, "
          f"{fr.nombre(duree / eleves, 1)} s par élève ; exercices justes : {fr.pourcent(100 * justes)}")


def main(argv: list[str] | None = None) -> int:
    """Lance le banc et affiche son rapport ; renvoie le code de sortie."""
    parser = argparse.ArgumentParser(
        prog="python -m transfonum.outils.banc",
        description="Banc de mesure : construction du livre, poids des pages, recherche, environnement "
                    "Binder, correction d'une classe.")
    parser.add_argument("--seulement", choices=("livre", "pages", "recherche", "binder", "notes"), help="une seule partie du banc")
    parser.add_argument("--eleves", type=int, default=ELEVES_PAR_CLASSE, help="notes : élèves de la classe corrigée")
    parser.add_argument("--site", type=Path, default=None,
                        help="pages, recherche : mesurer ce site déjà construit (dossier _build/html) au lieu d'en construire un")
    parser.add_argument("--essais", type=int, default=ESSAIS_LIGHTHOUSE, help="pages : passages de Lighthouse par page")
    args = parser.parse_args(argv)
    if args.site is not None and not (args.site / "index.html").exists():
        parser.error(f"--site : pas de site construit dans {args.site} (index.html absent)")
    parties = [args.seulement] if args.seulement else ["livre", "pages", "recherche", "binder", "notes"]
    for numero, partie in enumerate(parties):
        if numero:
            print()
        if partie == "livre":
            rapport_livre()
        elif partie == "pages":
            rapport_pages(args.site, args.essais)
        elif partie == "recherche":
            rapport_recherche(args.site)
        elif partie == "notes":
            rapport_notes(args.eleves)
        else:
            rapport_binder()
    return 0


if __name__ == "__main__":
    sys.exit(main())
