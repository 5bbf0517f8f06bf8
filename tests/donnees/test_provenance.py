"""Captions and values built from the provenance columns."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from transfonum.donnees import charger_table, provenance

INSECABLE = "\u00a0"


@pytest.fixture(scope="module")
def chiffres() -> pd.DataFrame:
    return charger_table("chiffres")


def test_source_line_names_study_publisher_year_sample_and_post(chiffres):
    rows = chiffres[chiffres["etude_id"] == "et-edenred-ipsos-2011"]
    line = provenance.ligne_source(rows)
    assert line.startswith(f"Source{INSECABLE}: Edenred et Ipsos")
    assert "Bien-être et motivation des salariés français" in line
    assert "2011" in line and f"4{INSECABLE}000" in line
    assert "cité par" in line and "claudesuper.com" in line


def test_source_line_without_study_says_the_post_gives_none(chiffres):
    rows = chiffres[chiffres["id"] == "c-pmu-paris-smartphone"]
    line = provenance.ligne_source(rows)
    assert "source non précisée par le billet" in line
    assert "Relation Client et innovations digitales" in line


def test_source_line_flags_a_study_not_found(chiffres):
    line = provenance.ligne_source(chiffres[chiffres["id"] == "c-ibm-forrester-confiance"])
    assert "non trouvée" in line


def test_source_line_refuses_an_empty_selection(chiffres):
    with pytest.raises(ValueError):
        provenance.ligne_source(chiffres.iloc[0:0])


@pytest.mark.parametrize(
    ("value", "unit", "approx", "expected"),
    [
        (80, "pourcent", "exacte", f"80{INSECABLE}%"),
        (33.3, "pourcent", "moins_de", f"moins{INSECABLE}de{INSECABLE}33,3{INSECABLE}%"),
        (18000, "nombre", "environ", f"environ{INSECABLE}18{INSECABLE}000"),
        (100_000_000, "nombre", "environ", f"environ{INSECABLE}100{INSECABLE}millions"),
        (9, "heure", "exacte", f"9{INSECABLE}h"),
    ],
)
def test_format_value_is_french(value, unit, approx, expected):
    assert provenance.formater_valeur(value, unit, approx) == expected


def test_cited_and_original_values(chiffres):
    assert provenance.cite("c-edenred-ipsos-heureux", chiffres) == "moins d'un tiers"
    assert provenance.originale("c-edenred-ipsos-heureux", chiffres) == f"31{INSECABLE}%"
    assert provenance.originale("c-ibm-forrester-confiance", chiffres) is None
    with pytest.raises(KeyError):
        provenance.cite("c-inconnu", chiffres)


def test_verification_table_has_one_row_per_figure(chiffres):
    table = provenance.table_verification(chiffres)
    assert len(table) == len(chiffres)
    assert list(table.columns) == [
        "Chiffre", "Tel que cité", "Dans la source", "Statut", "Mise en garde", "Étude", "Billet",
    ]
    assert set(table["Statut"]) <= set(provenance.LIBELLES_STATUT.values())


def test_status_counts_cover_every_status(chiffres):
    counts = provenance.decompte_statuts(chiffres)
    assert list(counts["statut"]) == list(provenance.LIBELLES_STATUT)
    assert counts["nombre"].sum() == len(chiffres)


def test_studies_table_marks_unknown_years():
    table = provenance.table_etudes()
    assert "inconnue" in set(table["Année"])


def test_verification_box_gives_cited_original_gap_and_warning(chiffres):
    box = provenance.encadre_verification("c-twitter-plainte-une-heure").data
    assert box.startswith("````{admonition} Vérifier le chiffre")
    assert "72\u00a0%" in box and "501 répondants" in box and "Lithium" in box
    assert "Diffère de l'original" in box and "Pourquoi c'est important" in box


def test_verification_box_says_unverified_and_never_fills_the_hole():
    box = provenance.encadre_verification("c-cafes-autrefois").data
    assert "aucune étude d'origine identifiée" in box and "Non vérifié" in box


def test_verification_box_gap_only_between_exact_values():
    # The post writes "2 500 drives", with no hedge: its gap to LSA's count is shown...
    assert "(écart\u00a0: 18)" in provenance.encadre_verification("c-drives-france").data
    # ...but the same figure given as "about 2,500" has no gap.
    approx = charger_table("chiffres").copy()
    approx.loc[approx["id"] == "c-drives-france", "approximation"] = "environ"
    assert "écart" not in provenance.encadre_verification("c-drives-france", approx).data


def test_verification_box_unknown_figure_is_named():
    with pytest.raises(KeyError, match="c-inexistant"):
        provenance.encadre_verification("c-inexistant")


def test_event_date_in_words_from_the_events_table():
    assert provenance.date_evenement("e-kea-nurun-2013") == "19\u00a0novembre 2013"
    with pytest.raises(KeyError, match="e-inexistant"):
        provenance.date_evenement("e-inexistant")


def test_words_of_the_post_are_shown_not_a_sharper_number(chiffres):
    """« moins d'un tiers » and « des dizaines de millions d'euros » are shown in the
    post's words: never « 33,3 % » nor « plus de 10 millions »."""
    assert provenance.cite("c-bouygues-supervision", chiffres) == "des dizaines de millions d'euros"
    table = provenance.table_verification(chiffres)
    cited = " ".join(table["Tel que cité"])
    assert "33,3" not in cited and "plus de 10" not in cited.replace(INSECABLE, " ")
    box = provenance.encadre_verification("c-edenred-ipsos-heureux", chiffres).data
    assert "moins d'un tiers" in box and "33,3" not in box


def test_formulation_wins_only_when_present(chiffres):
    row = chiffres[chiffres["id"] == "c-pmu-paris-smartphone"].iloc[0].copy()
    assert provenance.tel_que_cite(row) == f"40{INSECABLE}%"
    row["formulation"] = "près de la moitié"
    assert provenance.tel_que_cite(row) == "près de la moitié"
    row["formulation"] = float("nan")  # an empty cell read by pandas
    assert provenance.tel_que_cite(row) == f"40{INSECABLE}%"


def test_a_shown_table_has_french_status_labels_numbers_and_whole_cells():
    table = pd.DataFrame({"Chiffre": ["a"], "Valeur (%)": [80.0], "Part": [4.5], "Manque": [float("nan")],
                          "Note": ["x" * 80], "Statut": ["non_verifie"]}).set_index("Chiffre")
    shown = provenance.tableau_affiche(table).data
    cells = [td.strip() for td in re.findall(r"<td>(.*?)</td>", shown, re.S)]
    assert cells == ["80", "4,5", "—", "x" * 80, "Non vérifié"]
    assert "80.0" not in shown and "non_verifie" not in shown and "..." not in shown
    head = re.search(r"<thead>(.*?)</thead>", shown, re.S).group(1)
    assert head.count("<tr") == 1 and "<th>Chiffre</th>" in head, "the index's name in the header's corner"


def test_an_untitled_post_is_named_as_such_in_a_source_line(chiffres):
    billets = charger_table("billets")
    sans_titre = billets.set_index("id").loc["b-mit-deloitte-2012"]
    assert sans_titre["titre"].startswith(provenance.PREFIXE_SANS_TITRE)
    line = provenance.ligne_source(chiffres[chiffres["billet_id"] == "b-mit-deloitte-2012"])
    assert "[Sans titre]" not in line and "billet sans titre « " in line.replace("\u00a0", " ")
    assert provenance.titre_billet(sans_titre["titre"]) in line
