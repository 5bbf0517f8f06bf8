"""La bibliographie du livre, tirée des tables ``billets`` et ``etudes`` : jamais retapée.

Chaque billet et chaque étude devient une entrée BibTeX dont la clé est son identifiant
dans les données (``b-cdo-forrester``, ``et-mit-smr-deloitte-2012``). Le fichier
``references.bib`` est écrit dans le dossier de construction (``_build/references.bib``,
ou sous le dossier de ``--sortie``), jamais dans les sources : au début de chaque
construction, :func:`declarer` le réécrit s'il a changé et le donne à sphinxcontrib-bibtex
(``bibtex_bibfiles``). ``python -m transfonum.site.bibliographie`` écrit
``_build/references.bib``, pour le lire. Seul ce que les données savent y figure : pas
d'adresse, pas de date plus précise que l'année.

Les entrées sont écrites par pybtex (déjà installé avec sphinxcontrib-bibtex), qui
échappe pour BibTeX les caractères spéciaux (« & », « % », « _ »…).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from pybtex.database import BibliographyData, Entry, Person
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as StylePlain
from pybtex.style.template import names, sentence
from sphinx.application import Sphinx
from sphinx.config import Config

from transfonum.chemins import BIBLIOGRAPHIE, CONSTRUCTION, RACINE
from transfonum.donnees import charger_table
from transfonum.donnees.provenance import nom_blog

ENTETE = (
    "% Généré depuis data/billets.csv et data/etudes.csv par\n"
    "% transfonum.site.bibliographie à chaque construction : ne pas modifier à la main.\n\n"
)


class StyleFrancais(StylePlain):
    """Le style ``plain`` de pybtex, auteurs liés par « et » (« Fenwick et Gill ») et non
    par « and ». Déclaré sous le nom ``francais`` (``bibtex_default_style`` de _config.yml)."""

    def format_names(self, role, as_sentence=True):
        noms = names(role, sep=", ", sep2=" et ", last_sep=" et ")
        return sentence[noms] if as_sentence else noms


register_plugin("pybtex.style.formatting", "francais", StyleFrancais)


def _collectif(nom: str) -> Person:
    """Un auteur collectif, entre accolades pour que BibTeX ne le coupe pas en prénom et nom."""
    return Person("{" + str(nom) + "}")


def _entree(cle: str, auteurs: list[Person], champs: list[tuple[str, str]]) -> Entry:
    """Une entrée ``@misc`` ; le titre entre accolades, pour que le style n'en baisse pas la
    casse (« Social CRM »), et les champs vides omis."""
    champs = [(nom, "{" + valeur + "}" if nom == "title" else valeur) for nom, valeur in champs if valeur]
    return Entry("misc", fields=champs, persons={"author": auteurs})


def entree_billet(billet: pd.Series) -> tuple[str, Entry]:
    """L'entrée d'un billet : auteur s'il est connu (sinon le blog), titre, année ; les deux
    années (« 2013–2014 ») quand le billet n'est daté que d'une période qui les couvre."""
    auteur = billet["auteur"] if pd.notna(billet["auteur"]) and billet["auteur"] else nom_blog(billet["blog"])
    annee = str(billet["date"].year) if pd.notna(billet["date"]) else ""
    fin = billet.get("periode_fin")
    if annee and pd.notna(fin) and billet.get("precision_date") == "annee" and fin.year != billet["date"].year:
        annee = f"{annee}–{fin.year}"
    return billet["id"], _entree(billet["id"], [_collectif(auteur)], [
        ("title", billet["titre"]), ("howpublished", "Billet de blog"), ("year", annee),
    ])


def entree_etude(etude: pd.Series) -> tuple[str, Entry]:
    """L'entrée d'une étude : auteurs (ou éditeur), titre, éditeur, année si connue
    (``@misc`` parce que l'année manque parfois, et qu'aucune n'est devinée)."""
    auteurs = etude["auteurs"]
    if pd.isna(auteurs) or not auteurs:
        personnes = [_collectif(etude["editeur"])]
    elif "(" in auteurs:
        personnes = [_collectif(auteurs)]
    else:
        personnes = [Person(a.strip()) for a in auteurs.split(",")]
    partenaires = etude["partenaires"] if pd.notna(etude["partenaires"]) else ""
    return etude["id"], _entree(etude["id"], personnes, [
        ("title", etude["titre"]),
        ("howpublished", f"{etude['editeur']}{' et ' + partenaires if partenaires else ''}"),
        ("year", str(int(etude["annee"])) if pd.notna(etude["annee"]) else ""),
        ("note", "étude d'origine non trouvée" if etude["statut_recherche"] == "non trouvé" else ""),
    ])


def bibtex(billets: pd.DataFrame | None = None, etudes: pd.DataFrame | None = None) -> str:
    """Le fichier BibTeX complet : un billet ou une étude par entrée."""
    billets = charger_table("billets") if billets is None else billets
    etudes = charger_table("etudes") if etudes is None else etudes
    entrees = [entree_billet(ligne) for _, ligne in billets.iterrows()]
    entrees += [entree_etude(ligne) for _, ligne in etudes.iterrows()]
    return ENTETE + BibliographyData(entries=dict(entrees)).to_string("bibtex")


def ecrire(construction: Path) -> bool:
    """Réécrit ``references.bib`` dans le dossier de construction ``construction`` s'il
    diffère (sa date ne change pas sinon : rien à relire) ; dit s'il a changé."""
    chemin = construction / BIBLIOGRAPHIE
    texte = bibtex()
    if chemin.exists() and chemin.read_text(encoding="utf-8") == texte:
        return False
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(texte, encoding="utf-8")
    return True


def declarer(app: Sphinx, config: Config) -> None:
    """À ``config-inited`` : écrit la bibliographie dans le dossier de cette construction
    (le parent de ``.doctrees`` : ``_build/``, ou celui de ``--path-output``) et l'ajoute à
    ``bibtex_bibfiles``, que sphinxcontrib-bibtex lit ensuite (``builder-inited``)."""
    construction = Path(app.doctreedir).parent
    ecrire(construction)
    config.bibtex_bibfiles = [*(config.bibtex_bibfiles or []), str(construction / BIBLIOGRAPHIE)]


if __name__ == "__main__":
    change = ecrire(RACINE / CONSTRUCTION)
    print(f"{CONSTRUCTION / BIBLIOGRAPHIE} {'réécrit' if change else 'déjà à jour'}")
    sys.exit(0)
