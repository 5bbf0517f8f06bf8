"""La table des matières est le seul interrupteur : ce qu'elle laisse de côté quitte le site.

``only_build_toc_files`` (``_config.yml``) fait déjà que Sphinx ne lit que les pages de
``_toc.yml``. Ce module fait le reste :

- :func:`lien_hors_sommaire` (événement ``missing-reference``) : un lien ``{doc}`` ou
  ``{ref}`` vers une page qui existe dans ``book/`` mais que la table laisse de côté
  devient du texte simple (le titre de la page, ou le texte du lien), et la construction
  le note d'une ligne d'information, en français ; un lien vers une page ou une étiquette
  qui n'existe nulle part reste une erreur ;
- :func:`retirer_pages_perimees` (fin de construction) : les pages, sources, diaporamas
  et PDF qu'une construction précédente a écrits pour une page qui n'est plus dans la
  table sont retirés de ``_build/html``, et rien d'autre.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util import docname_join

from transfonum.chemins import DIAPORAMAS, IMPRESSIONS
from transfonum.site.construction import avis
from transfonum.site.documents import chapitre_de

journal = logging.getLogger(__name__)

#: Une étiquette MyST (``(nom)=``) ou l'option ``:label:`` / ``:name:`` d'une directive.
_ETIQUETTE = re.compile(r"^\((?P<a>[^)\s]+)\)=\s*$|^\s*:(?:label|name):\s*(?P<b>\S+)\s*$", re.M)
#: Le titre d'une page : sa première ligne « # … » ; celui d'une section, de tout niveau.
_TITRE = re.compile(r"^# +(.+?)\s*$", re.M)
_TITRE_SECTION = re.compile(r"^#{1,6} +(.+?)\s*$", re.M)
#: Les marques MyST d'un titre lu dans la source (rôles, emphase, code).
_ROLE = re.compile(r"\{[\w:.+-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")


def source_du_document(srcdir: Path, docname: str, suffixes) -> Path | None:
    """Le fichier source d'un nom de document, s'il existe sur le disque."""
    for suffixe in suffixes:
        chemin = srcdir / f"{docname}{suffixe}"
        if chemin.is_file():
            return chemin
    return None


def _texte_simple(markdown: str) -> str:
    """Un titre MyST en texte : rôles réduits à leur texte, emphase et code ôtés."""
    return _ROLE.sub(r"\1", markdown).replace("*", "").replace("`", "").strip()


def titre_de_source(chemin: Path) -> str:
    """Le titre d'une page lu dans sa source (sa première ligne « # … »), ou son nom."""
    trouve = _TITRE.search(chemin.read_text(encoding="utf-8"))
    return _texte_simple(trouve.group(1)) if trouve else chemin.stem


def _etiquettes_hors_sommaire(srcdir: Path, pages: frozenset[Path]) -> dict[str, tuple[str, str]]:
    """Les étiquettes des pages hors de la table : étiquette → (page, titre de sa section)."""
    trouvees: dict[str, tuple[str, str]] = {}
    for chemin in pages:
        texte = chemin.read_text(encoding="utf-8")
        for m in _ETIQUETTE.finditer(texte):
            etiquette = m.group("a") or m.group("b")
            suite = _TITRE_SECTION.search(texte, m.end())
            titre = _texte_simple(suite.group(1)) if suite else etiquette
            trouvees[etiquette.lower()] = (chemin.relative_to(srcdir.resolve()).with_suffix("").as_posix(), titre)
    return trouvees


def _pages_hors_sommaire(app: Sphinx, env: BuildEnvironment) -> frozenset[Path]:
    """Les pages du livre (``book/``…) que la table des matières laisse de côté."""
    lues = {Path(env.doc2path(d)).resolve() for d in env.found_docs}
    dossiers = {Path(env.doc2path(d)).resolve().parent for d in env.found_docs}
    return frozenset(p for dossier in dossiers for s in app.config.source_suffix
                     for p in dossier.glob(f"*{s}") if p not in lues)


def lien_hors_sommaire(app: Sphinx, env: BuildEnvironment, node, contnode) -> nodes.Node | None:
    """``missing-reference`` : un lien vers une page hors de la table devient du texte.

    Renvoie le texte (un nœud ``inline`` de classe ``transfonum-hors-sommaire``), ou
    ``None`` pour laisser Sphinx signaler un lien vraiment cassé."""
    if node.get("refdomain") != "std" or node.get("reftype") not in ("doc", "ref"):
        return None
    srcdir = Path(app.srcdir)
    refdoc = node.get("refdoc", env.docname)
    if node["reftype"] == "doc":
        cible = docname_join(refdoc, node["reftarget"])
        source = source_du_document(srcdir, cible, app.config.source_suffix)
        if source is None:
            return None
        texte = contnode.astext() if node.get("refexplicit") else titre_de_source(source)
    else:
        connue = _etiquettes_hors_sommaire(srcdir, _pages_hors_sommaire(app, env)).get(node["reftarget"].lower())
        if connue is None:
            return None
        cible, titre = connue
        texte = contnode.astext() if node.get("refexplicit") else titre
    journal.info(f"{refdoc} : le lien vers « {cible} », page hors de la table des matières, "
                 "reste en texte simple", location=node)
    return nodes.inline(texte, texte, classes=["transfonum-hors-sommaire"])


def fichiers_perimes(site: Path, pages: set[str]) -> list[Path]:
    """Ce qu'une construction précédente a laissé dans ``site`` pour des pages qui ne sont
    plus dans ``pages`` (les noms des documents de la table) : leur HTML (dans les dossiers
    des pages), leur source publiée, leur diaporama et leurs PDF."""
    dossiers = {Path(p).parent.as_posix() for p in pages} - {"."}
    chapitres = {chapitre_de(p) for p in pages}
    perimes = []
    for page in site.rglob("*.html"):
        relatif = page.relative_to(site)
        nom = relatif.with_suffix("").as_posix()
        if relatif.parent.as_posix() in dossiers and nom not in pages:
            perimes.append(page)
        elif relatif.parent == DIAPORAMAS and relatif.stem not in chapitres:
            perimes.append(page)
    for source in (site / "_sources").rglob("*") if (site / "_sources").is_dir() else []:
        nom = source.relative_to(site / "_sources").as_posix().split(".", 1)[0]
        if source.is_file() and nom not in pages:
            perimes.append(source)
    for pdf in (site / IMPRESSIONS).glob("*.pdf") if (site / IMPRESSIONS).is_dir() else []:
        if pdf.stem.removesuffix("-exercices") not in chapitres:
            perimes.append(pdf)
    return sorted(perimes)


def retirer_pages_perimees(app: Sphinx) -> list[Path]:
    """Retire de ``_build/html`` ce qui appartient à des pages sorties de la table des
    matières (voir :func:`fichiers_perimes`) ; le dit en une ligne ; renvoie la liste."""
    site = Path(app.outdir)
    perimes = fichiers_perimes(site, set(app.env.found_docs))
    for chemin in perimes:
        chemin.unlink()
    if perimes:
        noms = ", ".join(p.relative_to(site).as_posix() for p in perimes)
        avis(journal, f"Retirés du site (pages hors de la table des matières) : {noms}")
    return perimes
