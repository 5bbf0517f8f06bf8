"""The site's pandas tables: a named index sits in the header's corner, not on a header
row of its own (« Cause » under « Ce qu'en dit le billet »)."""

from __future__ import annotations

import pandas as pd
import pytest

from transfonum import affichage


def entete(html: str) -> str:
    """The <thead> of the first table of pandas' HTML."""
    return html.split("<thead>")[1].split("</thead>")[0]


CAUSES = pd.DataFrame({"Cause": ["Outil", "Culture"], "Ce qu'en dit le billet": ["secondaire", "essentielle"]})


def test_pandas_alone_puts_the_index_name_on_a_row_of_its_own():
    """What the kit corrects: pandas' own HTML has a second header row for the name."""
    tete = entete(CAUSES.set_index("Cause")._repr_html_())
    assert tete.count("<tr") == 2 and tete.index("Ce qu'en dit le billet") < tete.index("<th>Cause</th>")


def test_the_index_name_takes_the_corner_of_the_header_row():
    table = CAUSES.set_index("Cause")
    tete = entete(affichage.html_du_tableau(table))
    assert tete.count("<tr") == 1 and tete.index("<th>Cause</th>") < tete.index("Ce qu'en dit le billet")
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
        assert donnees["text/html"] == affichage.html_du_tableau(CAUSES.set_index("Cause"))
    finally:
        InteractiveShell.clear_instance()
