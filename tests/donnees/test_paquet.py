"""The data package is valid, and ``charger_table`` returns typed frames."""

from __future__ import annotations

import pandas as pd
import pytest

from transfonum import donnees
from transfonum.donnees.validation import main, valider

TIMELINE_AND_FIGURES = ["billets", "evenements", "etudes", "chiffres"]
FRAMEWORKS = [
    "tendances_sbf2014", "causes_essoufflement", "cdo_domaines",
    "cdo_facteurs_rattachement", "rse_phases", "recommandations_kea_nurun",
]
SYNTHETIC = ["rse_departements", "rse_personnes", "rse_messages", "rse_commentaires"]


def test_real_package_is_valid():
    problems = valider()
    assert problems == [], "\n".join(map(str, problems))


def test_frictionless_alone_validates_the_package():
    from frictionless import Package

    report = Package(str(donnees.DESCRIPTEUR)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_validation_command_prints_one_summary_line(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("Données valides")


def test_table_names_lists_every_expected_table():
    assert set(TIMELINE_AND_FIGURES + FRAMEWORKS + SYNTHETIC) <= set(donnees.noms_tables())


def test_unknown_table_raises_lookup_error_naming_known_tables():
    with pytest.raises(LookupError) as excinfo:
        donnees.charger_table("chifres")
    message = str(excinfo.value)
    assert "chifres" in message and "chiffres" in message and "billets" in message


def test_types_follow_the_schema():
    chiffres = donnees.charger_table("chiffres")
    assert chiffres["valeur"].dtype == "float64"
    assert str(chiffres["annee"].dtype) == "Int64"
    assert isinstance(chiffres["id"].dtype, pd.StringDtype)
    assert chiffres["etude_id"].isna().any()  # blank cells are missing values
    billets = donnees.charger_table("billets")
    assert pd.api.types.is_datetime64_any_dtype(billets["date"])
    assert str(billets["titre_original"].dtype) == "boolean"
    etudes = donnees.charger_table("etudes")
    assert str(etudes["taille_echantillon"].dtype) == "Int64"
    assert etudes.loc[etudes["id"] == "et-edenred-ipsos-2011", "taille_echantillon"].item() == 4000


def test_every_table_loads_with_its_schema_columns():
    for name in donnees.noms_tables():
        frame = donnees.charger_table(name)
        fields = [f["name"] for f in donnees.ressource(name)["schema"]["fields"]]
        assert list(frame.columns) == fields, name
        assert len(frame) > 0, name


def test_load_table_does_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(donnees.charger_table("billets")) > 0


def test_a_caller_changing_its_table_does_not_change_the_next_callers():
    """The table is read once, and every call gets its own copy."""
    first = donnees.charger_table("billets")
    expected = donnees.charger_table("billets").copy(deep=True)
    first.loc[0, "titre"] = "modifié"
    first["ajoutee"] = 1
    first.attrs["title"] = "modifié"
    again = donnees.charger_table("billets")
    pd.testing.assert_frame_equal(again, expected)
    assert again.attrs == expected.attrs


def test_a_changed_file_is_read_again(tmp_path):
    import shutil

    shutil.copytree(donnees.DOSSIER_DONNEES, tmp_path / "data")
    before = donnees.charger_table("rse_departements", tmp_path / "data")
    csv = tmp_path / "data" / donnees.ressource("rse_departements", tmp_path / "data")["path"]
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text("".join(lines[:-1]), encoding="utf-8")
    assert len(donnees.charger_table("rse_departements", tmp_path / "data")) == len(before) - 1


def test_synthetic_tables_are_labelled_synthetic():
    for name in SYNTHETIC:
        res = donnees.ressource(name)
        assert res["title"].startswith("Données synthétiques"), name
        assert "synthétiques" in res["description"], name


def test_every_post_and_event_feed_the_timeline():
    billets = donnees.charger_table("billets")
    evenements = donnees.charger_table("evenements")
    assert billets["date"].notna().all() and evenements["date"].notna().all()
    assert set(evenements["billet_id"]) <= set(billets["id"])


def test_percentages_are_on_the_0_100_scale():
    chiffres = donnees.charger_table("chiffres")
    pct = chiffres[chiffres["unite"] == "pourcent"]
    assert pct["valeur"].between(0, 100).all()


def test_figures_without_a_study_say_so_in_their_status():
    chiffres = donnees.charger_table("chiffres")
    no_study = chiffres[chiffres["etude_id"].isna()]
    assert set(no_study["statut"]) <= {"non_verifie", "non_trouve"}
