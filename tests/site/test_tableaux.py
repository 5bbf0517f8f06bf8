"""Tables on a phone (transfonum.site.tableaux): the name of a table's scrolling frame, and
which text tables become cards. The browser checks are in the sweep (test_site)."""

from __future__ import annotations

from docutils import nodes

from transfonum.site import tableaux


def _table(entetes: list[str], lignes: list[list[str]], morecols: bool = False) -> nodes.table:
    groupe = nodes.tgroup(cols=len(entetes))
    groupe += [nodes.colspec() for _ in entetes]
    tete, corps = nodes.thead(), nodes.tbody()
    tete += nodes.row("", *[nodes.entry("", nodes.paragraph(text=t)) for t in entetes])
    for ligne in lignes:
        corps += nodes.row("", *[nodes.entry("", nodes.paragraph(text=t)) for t in ligne])
    if morecols:
        corps[0][0]["morecols"] = 1
    groupe += [tete, corps]
    return nodes.table("", groupe)


def test_text_tables_of_four_columns_or_more_become_cards():
    plan = ["Durée (min)", "Étape", "L'enseignant", "Les étudiants", "Support"]
    assert tableaux.entetes_de_colonnes(_table(plan, [["10", "Accroche", "…", "…", "…"]])) == plan
    assert tableaux.entetes_de_colonnes(_table(["Objectif", "Exercices"], [["a", "b"]])) is None
    assert tableaux.entetes_de_colonnes(_table(plan, [["10", "Accroche", "…", "…", "…"]], morecols=True)) is None


def test_a_frame_is_named_by_its_caption_or_its_section():
    assert tableaux.nom_du_cadre("Les trois phases", "Explorer") == "Tableau\u00a0: Les trois phases"
    assert tableaux.nom_du_cadre("", "Explorer") == "Tableau de la section «\u00a0Explorer\u00a0»"
    assert tableaux.nom_du_cadre("", "") == "Tableau"


def test_the_caption_of_a_pandas_table_is_read_from_its_html():
    html = "<style></style><table><caption>Données  synthétiques :\n phases</caption><tr><td>x</td></tr></table>"
    assert tableaux.legende_html(html) == "Données synthétiques : phases"
    assert tableaux.legende_html("<table><tr><td>x</td></tr></table>") == ""
