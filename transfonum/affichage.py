"""Les tableaux de pandas tels que les lit le lecteur du site.

Un tableau dont l'index porte un nom (``table.set_index("Cause")``) s'affiche, chez
pandas, avec ce nom sur une deuxième ligne d'en-tête, vide ailleurs, sous les noms des
colonnes : « Cause » sous « Ce qu'en dit le billet ». Ici, le nom de l'index prend la case
vide du coin, sur la ligne des noms de colonnes. La cellule cachée que le site ajoute à
chaque page (:mod:`transfonum.site.empreinte`) appelle :func:`activer`.
"""

from __future__ import annotations

import pandas as pd


def nom_de_l_index_dans_le_coin(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` dont le nom de l'index est passé dans la case du coin de l'en-tête (le nom
    des colonnes, que pandas écrit là), quand l'index (simple) est nommé et que les colonnes
    (simples) ne le sont pas ; sinon ``table`` telle quelle. Les données ne changent pas."""
    simples = not isinstance(table.index, pd.MultiIndex) and not isinstance(table.columns, pd.MultiIndex)
    if not simples or table.index.name is None or table.columns.name is not None:
        return table
    return table.rename_axis(index=None, columns=table.index.name)


def html_du_tableau(table: pd.DataFrame) -> str | None:
    """Le HTML que pandas écrit pour ``table``, son index nommé dans le coin."""
    return nom_de_l_index_dans_le_coin(table)._repr_html_()


def activer() -> None:
    """Dans un noyau IPython, chaque ``DataFrame`` affiché passe par :func:`html_du_tableau` ;
    ailleurs (un script, un test), rien ne change."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, html_du_tableau)
