"""The site's pandas tables: a named index sits in the header's corner, not on a header
row of its own (« Cause » under « Ce qu'en dit le billet »)."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest

from transfonum import affichage


class _Entete(HTMLParser):
    """The rows of a table's <thead>, each a list of its cells' texts."""

    def __init__(self) -> None:
        super().__init__()
        self.lignes: list[list[str]] = []
        self._dans_entete = False
        self._case: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "thead":
            self._dans_entete = True
        elif tag == "tr" and self._dans_entete:
            self.lignes.append([])
        elif tag in ("th", "td") and self._dans_entete:
            self._case = ""

    def handle_endtag(self, tag):
        if tag == "thead":
            self._dans_entete = False
        elif tag in ("th", "td") and self._case is not None:
            self.lignes[-1].append(self._case.strip())
            self._case = None

    def handle_data(self, data):
        if self._case is not None:
            self._case += data


def entete(html: str) -> list[list[str]]:
    lecteur = _Entete()
    lecteur.feed(html)
    return lecteur.lignes


CAUSES = pd.DataFrame({"Cause": ["Outil", "Culture"], "Ce qu'en dit le billet": ["secondaire", "essentielle"]})


def test_pandas_alone_puts_the_index_name_on_a_row_of_its_own():
    """What the kit corrects: pandas' own HTML has a second header row for the name."""
    assert entete(CAUSES.set_index("Cause")._repr_html_()) == [["", "Ce qu'en dit le billet"], ["Cause", ""]]


def test_the_index_name_takes_the_corner_of_the_header_row():
    table = CAUSES.set_index("Cause")
    assert entete(affichage.html_du_tableau(table)) == [["Cause", "Ce qu'en dit le billet"]]
    pd.testing.assert_frame_equal(table, CAUSES.set_index("Cause"))  # the data is left as it was
    moved = affichage.nom_de_l_index_dans_le_coin(table)
    assert moved.index.name is None and moved.columns.name == "Cause"
    assert moved.values.tolist() == table.values.tolist()


@pytest.mark.parametrize("table", [
    CAUSES,  # unnamed index
    pd.crosstab(pd.Series(["lun", "mar"], name="jour"), pd.Series([9, 10], name="heure")),  # both axes named
    CAUSES.assign(n=[1, 2]).set_index(["Cause", "n"]),  # MultiIndex
], ids=["sans-nom", "deux-noms", "multi-index"])
def test_other_tables_are_left_as_pandas_writes_them(table):
    assert affichage.nom_de_l_index_dans_le_coin(table) is table


def test_activer_changes_what_a_kernel_displays_and_nothing_outside_one():
    from IPython.core.interactiveshell import InteractiveShell

    affichage.activer()  # no shell: nothing to do, no error
    shell = InteractiveShell.instance()
    try:
        affichage.activer()
        donnees, _ = shell.display_formatter.format(CAUSES.set_index("Cause"))
        assert entete(donnees["text/html"]) == [["Cause", "Ce qu'en dit le billet"]]
    finally:
        InteractiveShell.clear_instance()
