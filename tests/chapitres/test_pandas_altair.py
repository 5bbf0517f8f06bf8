"""Le chapitre d'initiation « Lire un tableau avec pandas et Altair » : ce que sa prose
affirme des données, les erreurs qu'il montre en texte, ses libellés de section, et
ses clés d'exercice (la bonne réponse acceptée, les mauvaises refusées)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from transfonum.chapitres import pandas_altair as pa
from transfonum.chemins import LIVRE, RACINE
from transfonum.donnees import charger_table
from transfonum.donnees.provenance import LIBELLES_STATUT
from transfonum.exercices import corriger
from transfonum.exercices.cles import DOSSIER_CLES

PAGE = (RACINE / LIVRE / "pandas-altair.md").read_text(encoding="utf-8")
CHIFFRES = charger_table("chiffres")
ETUDES = charger_table("etudes")
MESSAGES = charger_table("rse_messages")
KEYS = {e["id"]: e for e in json.loads((DOSSIER_CLES / "pandas-altair.json").read_text(encoding="utf-8"))["exercises"]}
#: Les libellés que le responsable du livre et les autres chapitres citent : ils ne changent pas.
LABELS = ("primer-lire", "primer-selectionner", "primer-filtrer", "primer-grouper",
          "primer-fusionner", "primer-graphique")


def _joint(how: str = "inner") -> pd.DataFrame:
    return CHIFFRES.merge(ETUDES, left_on="etude_id", right_on="id", how=how,
                          suffixes=("", "_etude"), validate="many_to_one")


# --- la page ----------------------------------------------------------------------

@pytest.mark.parametrize("label", LABELS)
def test_each_section_label_is_on_the_page_once(label):
    assert len(re.findall(rf"^\({re.escape(label)}\)=$", PAGE, re.M)) == 1


def test_every_exercise_of_the_keys_is_on_the_page_with_its_notebook_link():
    for exercise_id in KEYS:
        assert f"{{notebook-exercice}}`{exercise_id}`" in PAGE, exercise_id


def test_read_csv_and_charger_table_differ_as_the_prose_says():
    """The page says the year is a float with read_csv and a nullable integer with
    charger_table, and that other tables get real dates and booleans."""
    types = pa.comparer_lectures("chiffres").set_index("colonne")
    assert types.loc["annee", "pd.read_csv"] == "float64"
    assert types.loc["annee", "charger_table"] == "Int64"
    assert types.loc["annee", "type dans le dictionnaire"] == "integer"
    assert list(types.index) == list(CHIFFRES.columns)
    billets = pa.comparer_lectures("billets").set_index("colonne")
    assert billets.loc["date", "charger_table"].startswith("datetime64")
    assert billets.loc["titre_original", "charger_table"] == "boolean"


def test_an_unknown_table_gets_a_french_message():
    with pytest.raises(LookupError, match="table inconnue"):
        pa.comparer_lectures("chifres")


def test_the_post_citing_most_figures_is_the_conference_report():
    """The prose calls the post with most figures a conference report."""
    par_billet = CHIFFRES.groupby("billet_id").size().sort_values(ascending=False)
    assert par_billet.index[0] == "b-kea-nurun"
    assert par_billet.iloc[0] > par_billet.iloc[1]


def test_the_left_join_keeps_every_figure_and_the_join_on_the_year_multiplies_them():
    assert len(_joint("left")) == len(CHIFFRES)
    assert len(CHIFFRES.merge(ETUDES, on="annee")) > len(CHIFFRES)


def test_the_columns_both_tables_share_are_those_the_page_names():
    """The page explains suffixes by the columns present on both sides."""
    assert set(CHIFFRES.columns) & set(ETUDES.columns) == {"id", "annee"}
    assert "une colonne `id` et une colonne `annee`" in PAGE


def test_a_many_to_one_check_stops_a_join_on_a_repeated_key():
    with pytest.raises(pd.errors.MergeError, match="not unique in right dataset"):
        CHIFFRES.merge(CHIFFRES[["billet_id", "id"]], on="billet_id", validate="many_to_one")


ERREURS = [
    (lambda: CHIFFRES["Statut"], KeyError),
    (lambda: CHIFFRES[CHIFFRES["valeur"] > "50"], TypeError),
    (lambda: CHIFFRES.merge(CHIFFRES[["billet_id", "id"]], on="billet_id", validate="many_to_one"),
     pd.errors.MergeError),
]


@pytest.mark.parametrize(("code", "kind"), ERREURS, ids=["colonne", "nombre-texte", "jointure"])
def test_the_errors_shown_as_text_are_what_pandas_says(code, kind):
    """The page shows each error's last line as text (no cell raises at build): it must
    be the message this pandas really gives."""
    with pytest.raises(kind) as err:
        code()
    first_line = str(err.value).splitlines()[0]
    assert f"{kind.__name__}: {first_line}" in PAGE


def test_the_equals_sign_error_is_what_python_says():
    with pytest.raises(SyntaxError) as err:
        compile('chiffres[chiffres["statut"] = "confirme"]', "<cellule>", "exec")
    assert f"SyntaxError: {err.value.msg}" in PAGE


def test_a_groupby_without_aggregation_shows_the_object_named_on_the_page():
    shown = repr(CHIFFRES.groupby("statut"))
    assert shown.split(" object at ")[0] in PAGE


# --- le module ----------------------------------------------------------------------

def test_status_table_counts_every_figure_once():
    bilan = pa.statuts_et_etudes(CHIFFRES)
    assert bilan["nombre"].sum() == len(CHIFFRES)
    assert set(bilan["etude"]) <= {pa.AVEC_ETUDE, pa.SANS_ETUDE}
    assert list(dict.fromkeys(bilan["statut"])) == [s for s in LIBELLES_STATUT if s in set(CHIFFRES["statut"])]
    sans = bilan[bilan["etude"] == pa.SANS_ETUDE]
    assert sans["nombre"].sum() == CHIFFRES["etude_id"].isna().sum()


@pytest.mark.parametrize(
    ("mutation", "named"),
    [
        (lambda t: t.drop(columns="etude_id"), "etude_id"),
        (lambda t: t.assign(statut=t["statut"].str.upper()), "CONFIRME"),
    ],
)
def test_bad_tables_get_a_french_message_naming_the_problem(mutation, named):
    with pytest.raises(ValueError, match="chiffres") as err:
        pa.statuts_et_etudes(mutation(CHIFFRES.copy()))
    assert named in str(err.value)


def test_description_names_each_status_with_its_counts():
    bilan = pa.statuts_et_etudes(CHIFFRES)
    text = pa.description_statuts_etudes(bilan)
    for statut, libelle in LIBELLES_STATUT.items():
        lignes = CHIFFRES[CHIFFRES["statut"] == statut]
        assert (f"{libelle.lower()}\u00a0: {lignes['etude_id'].notna().sum()} avec étude, "
                f"{lignes['etude_id'].isna().sum()} sans") in text
    assert " :" not in text and " ;" not in text


def test_source_line_names_the_table():
    line = pa.source_graphique()
    assert line.startswith("Source\u00a0:") and "chiffres" in line


# --- les clés : la bonne réponse, calculée depuis les données, et les mauvaises -------

def _top(series: pd.Series) -> str:
    counts = series.value_counts()
    assert counts.iloc[0] > counts.iloc[1], "égalité : la question n'aurait pas de réponse unique"
    return counts.index[0]


def test_group_key_matches_the_data_and_the_trap_is_real():
    key = KEYS["pandas-grouper-theme"]
    labels = {c["id"]: c["label"] for c in key["choices"]}
    croissance = _top(MESSAGES.loc[MESSAGES["phase"] == "croissance", "theme"])
    assert labels[key["expected"]] == croissance
    # the feedback of « retour client » says it leads over the whole period: it must
    overall = _top(MESSAGES["theme"])
    assert overall != croissance and labels["retour-client"] == overall


def test_merge_key_matches_the_data_and_the_trap_is_real():
    key = KEYS["pandas-fusionner-editeur"]
    labels = {c["id"]: c["label"] for c in key["choices"]}
    assert labels[key["expected"]] == _top(_joint()["editeur"])
    # counting studies instead of figures ties Forrester with the MIT: the trap's message says so
    etudes_par_editeur = ETUDES["editeur"].value_counts()
    assert etudes_par_editeur["Forrester"] == etudes_par_editeur[labels[key["expected"]]]


def test_chart_key_matches_the_data():
    key = KEYS["pandas-graphique-sans-etude"]
    bilan = pa.statuts_et_etudes(CHIFFRES)
    (statut,) = bilan.loc[bilan["etude"] == pa.SANS_ETUDE, "statut"]
    assert key["expected"] == statut
    assert {c["id"]: c["label"] for c in key["choices"]} == LIBELLES_STATUT


def _filtre(table: pd.DataFrame) -> int:
    return len(table[(table["unite"] == "pourcent") & (table["statut"] == "non_verifie")])


@pytest.mark.parametrize(
    ("exercise", "right", "wrongs"),
    [
        ("pandas-lire-etudes", len(ETUDES),
         [len(CHIFFRES), len(ETUDES) + 1, len(ETUDES.columns), "beaucoup", ...]),
        ("pandas-filtrer-pourcent", _filtre(CHIFFRES),
         [(CHIFFRES["statut"] == "non_verifie").sum(), (CHIFFRES["unite"] == "pourcent").sum(),
          len(CHIFFRES[(CHIFFRES["unite"] == "pourcent") | (CHIFFRES["statut"] == "non_verifie")]), ...]),
        ("pandas-grouper-theme", "veille", ["retour client", "organisation", "projet", ...]),
        ("pandas-fusionner-editeur", "MIT Sloan Management Review", ["forrester", "Observatoire des RSE", ...]),
        ("pandas-graphique-sans-etude", "non_verifie", ["confirme", "Original introuvable", ...]),
    ],
)
def test_each_key_accepts_its_answer_and_rejects_wrong_ones(exercise, right, wrongs):
    verdict = corriger(exercise, right)
    assert verdict.juste, verdict.message
    for wrong in wrongs:
        result = corriger(exercise, wrong)
        assert not result.juste and result.message, (exercise, wrong)


@pytest.mark.parametrize(
    ("exercise", "wrong", "named"),
    [
        ("pandas-lire-etudes", len(CHIFFRES), "chiffres"),
        ("pandas-filtrer-pourcent", (CHIFFRES["statut"] == "non_verifie").sum(), "unite"),
        ("pandas-filtrer-pourcent", (CHIFFRES["unite"] == "pourcent").sum(), "statut"),
        ("pandas-grouper-theme", "retour client", "croissance"),
        ("pandas-fusionner-editeur", "forrester", "compter les études n'est pas compter les chiffres"),
    ],
)
def test_wrong_answers_get_the_message_that_names_the_likely_mistake(exercise, wrong, named):
    assert named in corriger(exercise, wrong).message
