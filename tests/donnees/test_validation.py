"""Each kind of bad input, made on a temporary copy of ``data/``, makes the validator
fail with a line naming the file, the row, the field and the reason."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from transfonum.donnees import DOSSIER_DONNEES
from transfonum.donnees.validation import main, valider


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DOSSIER_DONNEES, target)
    return target


def edit(path: Path, row: int, field: str, value: str) -> None:
    """Set ``field`` of file line ``row`` (the header is line 1) to ``value``."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[row - 2][field] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def cell(path: Path, row: int, field: str) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))[row - 2][field]


def plain(text: str) -> str:
    """Messages use non-breaking spaces (French typography); compare with plain ones."""
    return text.replace("\u00a0", " ")


def messages(data_dir: Path) -> list[str]:
    return [plain(str(p)) for p in valider(data_dir)]


def assert_one_problem(data_dir: Path, *expected: str) -> str:
    found = messages(data_dir)
    assert len(found) == 1, found
    for part in expected:
        assert part in found[0], (part, found[0])
    return found[0]


def first_percent_row(path: Path) -> int:
    with open(path, encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if row["unite"] == "pourcent":
                return line
    raise AssertionError("aucun pourcentage")


def test_wrong_type(data_copy):
    edit(data_copy / "chiffres.csv", 5, "valeur", "quatre-vingts")
    assert_one_problem(data_copy, "data/chiffres.csv", "ligne 5", "« valeur »", "quatre-vingts", "type attendu (nombre)")


def test_wrong_date(data_copy):
    edit(data_copy / "evenements.csv", 3, "date", "22/06/2012")
    assert_one_problem(data_copy, "data/evenements.csv", "ligne 3", "« date »", "type attendu")


def test_percentage_over_100(data_copy):
    path = data_copy / "chiffres.csv"
    row = first_percent_row(path)
    edit(path, row, "valeur", "140")
    problem = assert_one_problem(data_copy, "data/chiffres.csv", f"ligne {row}", "« valeur »")
    assert problem.endswith("140 dépasse le maximum 100 (pourcentage)")


def test_figure_pointing_at_unknown_study(data_copy):
    edit(data_copy / "chiffres.csv", 4, "etude_id", "et-etude-fantome")
    assert_one_problem(data_copy, "data/chiffres.csv", "ligne 4", "« etude_id »", "et-etude-fantome", "table etudes")


def test_figure_pointing_at_unknown_post(data_copy):
    edit(data_copy / "chiffres.csv", 6, "billet_id", "b-billet-fantome")
    assert_one_problem(data_copy, "data/chiffres.csv", "ligne 6", "« billet_id »", "b-billet-fantome", "table billets")


def test_event_pointing_at_unknown_post(data_copy):
    edit(data_copy / "evenements.csv", 2, "billet_id", "b-inconnu")
    assert_one_problem(data_copy, "data/evenements.csv", "ligne 2", "« billet_id »", "table billets")


def test_duplicated_id(data_copy):
    path = data_copy / "chiffres.csv"
    edit(path, 8, "id", cell(path, 7, "id"))
    assert_one_problem(data_copy, "data/chiffres.csv", "ligne 8", "« id »", "en double", "ligne 7")


def test_duplicated_post_id(data_copy):
    path = data_copy / "billets.csv"
    edit(path, 3, "id", cell(path, 2, "id"))
    found = messages(data_copy)
    assert any("data/billets.csv, ligne 3, champ « id »" in m and "en double" in m for m in found), found


def test_missing_required_field(data_copy):
    edit(data_copy / "chiffres.csv", 9, "mise_en_garde", "")
    assert_one_problem(data_copy, "data/chiffres.csv", "ligne 9", "« mise_en_garde »", "obligatoire")


def test_value_outside_enum(data_copy):
    edit(data_copy / "chiffres.csv", 2, "statut", "vrai")
    assert_one_problem(data_copy, "data/chiffres.csv", "ligne 2", "« statut »", "valeurs permises")


def test_confirmed_figure_must_name_its_study(data_copy):
    path = data_copy / "chiffres.csv"
    with open(path, encoding="utf-8", newline="") as f:
        row = next(i for i, r in enumerate(csv.DictReader(f), start=2) if r["statut"] == "confirme")
    edit(path, row, "etude_id", "")
    assert_one_problem(data_copy, f"ligne {row}", "« etude_id »", "doit nommer l'étude")


def test_a_figure_without_value_must_keep_the_posts_words(data_copy):
    """« des dizaines de millions » is stored as words, with no value; a figure with
    neither a value nor its wording is refused."""
    path = data_copy / "chiffres.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    worded = next(i for i, r in enumerate(rows, start=2) if r["formulation"] and not r["valeur"])
    assert messages(data_copy) == []
    edit(path, worded, "formulation", "")
    assert_one_problem(data_copy, f"ligne {worded}", "« valeur »", "obligatoire")


def test_command_exits_1_with_one_line_per_problem(data_copy, capsys):
    edit(data_copy / "chiffres.csv", 5, "valeur", "x")
    edit(data_copy / "chiffres.csv", 9, "mise_en_garde", "")
    assert main([str(data_copy)]) == 1
    out = plain(capsys.readouterr().out).strip().splitlines()
    assert len(out) == 2
    assert out[0].startswith("data/chiffres.csv, ligne 5, champ « valeur »")
    assert out[1].startswith("data/chiffres.csv, ligne 9, champ « mise_en_garde »")


def test_french_typography_in_labels(data_copy):
    edit(data_copy / "evenements.csv", 4, "libelle", "Conférence : sans espace insécable")
    assert_one_problem(data_copy, "data/evenements.csv", "ligne 4", "« libelle »", "typographie", "avant « : »")


def test_broken_descriptor_is_reported_not_raised(data_copy):
    (data_copy / "datapackage.json").write_text("{ pas du json", encoding="utf-8")
    assert_one_problem(data_copy, "data/datapackage.json", "descripteur")


# --- Extracts of the posts (data/citations.csv) ----------------------------------------

def _citation(data_dir: Path, identifiant: str, billet: str, extrait: str) -> None:
    with open(data_dir / "citations.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow([identifiant, billet, extrait, "", ""])


def _ligne_ajoutee(data_dir: Path) -> int:
    with open(data_dir / "citations.csv", encoding="utf-8") as f:
        return sum(1 for _ in f)


def test_an_extract_of_a_known_post_passes(data_copy):
    _citation(data_copy, "cit-essai", "b-cdo-forrester", "un extrait de quelques mots")
    assert messages(data_copy) == []


def test_a_speaker_is_named_without_what_the_page_adds(data_copy):
    with open(data_copy / "citations.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(["cit-essai", "b-cdo-forrester", "un extrait", "Forrester, selon le billet", ""])
    assert_one_problem(data_copy, "citations.csv", "locuteur", "la page l'ajoute")


@pytest.mark.parametrize("billet, extrait, attendu", [
    ("b-inconnu", "un extrait", "billet"),
    ("b-cdo-forrester", "", "extrait"),
    ("b-cdo-forrester", " ".join(["mot"] * 21), "extrait de 21 mots : 20 au plus"),
])
def test_a_bad_extract_names_its_row_and_field(data_copy, billet, extrait, attendu):
    _citation(data_copy, "cit-essai", billet, extrait)
    message = assert_one_problem(data_copy, "citations.csv", attendu)
    assert f":{_ligne_ajoutee(data_copy)}" in message or f"ligne {_ligne_ajoutee(data_copy)}" in message, message
