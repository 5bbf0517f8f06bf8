"""La bibliographie du livre, tirée des tables ``billets`` et ``etudes`` : jamais retapée.

Chaque billet et chaque étude devient une entrée BibTeX dont la clé est son identifiant
dans les données (``b-cdo-forrester``, ``et-mit-smr-deloitte-2012``). Le fichier
``book/references.bib`` est réécrit au début de chaque construction (par
:mod:`transfonum.sphinx_ext`) s'il a changé ; ``python -m transfonum.bibliography``
le réécrit à la main. Seul ce que les données savent y figure : pas d'adresse, pas de
date plus précise que l'année.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from transfonum.data import load_table
from transfonum.provenance import blog_name

#: Le fichier produit, relatif à la racine du dépôt (nommé dans ``_config.yml``).
BIB_FILE = Path("book") / "references.bib"
HEADER = (
    "% Généré depuis data/posts.csv (billets) et data/etudes.csv (études) par\n"
    "% transfonum.bibliography à chaque construction : ne pas modifier à la main.\n"
)
_ESCAPES = str.maketrans({"&": r"\&", "%": r"\%", "#": r"\#", "$": r"\$", "_": r"\_",
                          "{": r"\{", "}": r"\}", "\\": r"\textbackslash{}"})


def _field(name: str, value: str) -> str:
    text = str(value).translate(_ESCAPES)
    if name == "title":  # braced twice: the style must not lower-case « Social CRM »
        text = "{" + text + "}"
    return f"  {name} = {{{text}}},\n"


def _corporate(name: str) -> str:
    """Un auteur collectif, protégé pour que BibTeX ne le coupe pas en prénom et nom."""
    return "{" + str(name).translate(_ESCAPES) + "}"


def _entry(kind: str, key: str, fields: list[tuple[str, str]], author: str) -> str:
    body = f"  author = {{{author}}},\n" + "".join(_field(k, v) for k, v in fields if v)
    return f"@{kind}{{{key},\n{body}}}\n"


def post_entry(post: pd.Series) -> str:
    """Entrée ``@misc`` d'un billet : auteur s'il est connu (sinon le blog), titre, année."""
    blog = blog_name(post["blog"])
    author = _corporate(post["auteur"] if pd.notna(post["auteur"]) and post["auteur"] else blog)
    return _entry("misc", post["id"], [
        ("title", post["titre"]),
        ("howpublished", "Billet de blog"),
        ("year", str(post["date"].year) if pd.notna(post["date"]) else ""),
    ], author)


def study_entry(study: pd.Series) -> str:
    """Entrée ``@misc`` d'une étude : auteurs (ou éditeur), titre, éditeur, année si connue
    (``@misc`` parce que l'année manque parfois, et qu'aucune n'est devinée)."""
    authors = study["auteurs"]
    if pd.isna(authors) or not authors:
        author = _corporate(study["editeur"])
    elif "(" in authors:
        author = _corporate(authors)
    else:
        author = " and ".join(a.strip().translate(_ESCAPES) for a in authors.split(","))
    partners = study["partenaires"] if pd.notna(study["partenaires"]) else ""
    return _entry("misc", study["id"], [
        ("title", study["titre"]),
        ("howpublished", f"{study['editeur']}{' et ' + partners if partners else ''}"),
        ("year", str(int(study["annee"])) if pd.notna(study["annee"]) else ""),
        ("note", "" if study["statut_recherche"] != "non trouvé" else "étude d'origine non trouvée"),
    ], author)


def bibtex(billets: pd.DataFrame | None = None, etudes: pd.DataFrame | None = None) -> str:
    """Le fichier BibTeX complet : un billet ou une étude par entrée."""
    billets = load_table("billets") if billets is None else billets
    etudes = load_table("etudes") if etudes is None else etudes
    entries = [post_entry(row) for _, row in billets.iterrows()]
    entries += [study_entry(row) for _, row in etudes.iterrows()]
    return HEADER + "\n" + "\n".join(entries)


def write(root: Path) -> bool:
    """Réécrit ``book/references.bib`` sous ``root`` s'il diffère ; dit s'il a changé."""
    path = root / BIB_FILE
    text = bibtex()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":
    changed = write(Path(__file__).resolve().parent.parent)
    print(f"{BIB_FILE} {'réécrit' if changed else 'déjà à jour'}")
    sys.exit(0)
