"""Every interface string a reader can see or hear on the built site is French: the
visible text, and the attributes a screen reader speaks or a browser shows (placeholder,
title, aria-label, alt). The English words and phrases looked for are listed here,
explicitly; each was once shown by a theme or an extension of this book."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment


#: The attributes read aloud or shown as a tooltip or a field hint.
ATTRIBUTS = ("placeholder", "title", "aria-label", "alt", "data-bs-title", "data-tooltip")
#: English interface words and phrases (whole words, case ignored). Words that French
#: shares with English (« Index », « Page », « Source », « main », the « by » of CC BY)
#: are not in the list; an attribute whose whole value is English is in VALEURS_ANGLAISES.
ANGLAIS = (
    "search", "toggle", "sidebar", "repositories", "repository", "logo",
    "rows", "columns", "hidden content", "contents", "previous", "next", "back to top",
    "skip to main content", "download", "print to pdf", "open an issue", "open issue", "fullscreen",
    "light", "dark", "system settings", "copyright", "last updated", "on this page",
    "solution to", "exercise", "show code", "hide code", "click to show", "click to hide",
)
MOTIF = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in ANGLAIS) + r")\b", re.IGNORECASE)
#: Whole attribute values in English that the word list cannot catch.
VALEURS_ANGLAISES = {"Main"}
#: « Logo » est aussi français : « Binder (logo) » (le catalogue du kit) l'est, seul
#: « Binder logo » est anglais.
EXCEPTIONS = {"Binder (logo)", "JupyterHub (logo)"}


def chaines_anglaises(html: str) -> list[str]:
    """The English interface strings of a page: ``attribut=valeur`` for an attribute,
    the text itself for visible text (code, scripts and styles set aside)."""
    soupe = BeautifulSoup(html, "html.parser")
    for bloc in soupe(["script", "style", "code", "pre", "noscript"]):
        bloc.decompose()
    trouvees = []
    for balise in soupe.find_all(True):
        for attribut in ATTRIBUTS:
            valeur = balise.get(attribut)
            if isinstance(valeur, list):
                valeur = " ".join(valeur)
            if valeur and valeur not in EXCEPTIONS and (
                    valeur in VALEURS_ANGLAISES or MOTIF.search(valeur)):
                trouvees.append(f"{attribut}={valeur!r}")
    for texte in soupe.find_all(string=True):
        if isinstance(texte, Comment):  # an HTML comment is neither seen nor heard
            continue
        if texte.strip() and MOTIF.search(texte):
            trouvees.append(texte.strip()[:80])
    return trouvees


def test_probe_sees_english_in_each_place():
    """The check sees an English placeholder, title, aria-label and visible text."""
    sonde = ('<input placeholder="Search this book..."><button title="Toggle primary sidebar">'
             '</button><nav aria-label="Main"></nav><p>7 rows × 24 columns</p>'
             '<p class="admonition-title">Solution to Exercise 1.1</p>')
    trouvees = chaines_anglaises(sonde)
    assert len(trouvees) == 5, trouvees


def test_probe_accepts_french_and_code():
    """French strings, and English inside code, are not reported."""
    sonde = ('<input placeholder="Rechercher dans ce livre…"><nav aria-label="Sommaire du livre">'
             '</nav><p>Le chiffre principal, tel que cité.</p><pre>df.rows</pre>'
             '<code>next(iter(x))</code><img alt="Binder (logo)">')
    assert chaines_anglaises(sonde) == []


def test_built_site_speaks_french(built_site):
    """No page of the built site shows or speaks an English interface string."""
    html_dir, _ = built_site
    pages = [p for p in Path(html_dir).rglob("*.html") if "_static" not in p.parts]
    assert pages
    fautes = {p.relative_to(html_dir).as_posix(): chaines_anglaises(p.read_text(encoding="utf-8"))
              for p in pages}
    fautes = {page: f for page, f in fautes.items() if f}
    assert not fautes, f"textes d'interface en anglais : {fautes}"


def test_solution_titles_read_french(built_site):
    """« Solution de l’exercice 2.1 », never « Solution de Exercice » (whatever the
    chapter's number in the table of contents)."""
    html_dir, _ = built_site
    texte = (Path(html_dir) / "book" / "cdo.html").read_text(encoding="utf-8")
    assert re.search(r"l’exercice \d+\.1\b", texte)
    assert not re.search(r"Solution de(<a [^>]*>)?\s*Exercice", texte)


def test_theme_scripts_translated(built_site):
    """The toggle button the theme's script adds has a French aria-label."""
    html_dir, _ = built_site
    script = Path(html_dir) / "_static" / "togglebutton.js"
    texte = script.read_text(encoding="utf-8")
    assert "Toggle hidden content" not in texte
    assert 'aria-label="Afficher ou masquer le contenu replié"' in texte
