"""French number formats, the chart theme, captions and the offline renderer."""

from __future__ import annotations

import json
import math
import re

import altair as alt
import pandas as pd
import pytest

from transfonum import fr, graphiques

INSECABLE = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(18000, 0, f"18{INSECABLE}000"), (4.8, 1, "4,8"), (1234.5, 1, f"1{INSECABLE}234,5"), (0, 0, "0")],
)
def test_number_is_french(value, decimals, expected):
    assert fr.nombre(value, decimals) == expected


def test_percent_has_a_non_breaking_space():
    assert fr.pourcent(80) == f"80{INSECABLE}%"
    assert fr.pourcent(31.5, 1) == f"31,5{INSECABLE}%"


def test_quote_uses_french_guillemets_with_non_breaking_spaces():
    assert fr.guillemets("chiffres") == f"«{INSECABLE}chiffres{INSECABLE}»"


@pytest.mark.parametrize("bad", [math.nan, math.inf, None])
def test_number_refuses_a_missing_value(bad):
    with pytest.raises(ValueError, match="pas de nombre"):
        fr.nombre(bad)


def test_vega_locale_matches_prose_format():
    assert fr.LOCALE_NOMBRES_D3["decimal"] == ","
    assert fr.LOCALE_NOMBRES_D3["thousands"] == INSECABLE
    assert fr.LOCALE_NOMBRES_D3["percent"] == f"{INSECABLE}%"
    assert fr.LOCALE_DATES_D3["months"][7] == "août"


def _chart():
    return alt.Chart(pd.DataFrame({"x": ["a", "b"], "y": [0.8, 0.2]})).mark_bar().encode(
        x="x:N", y=alt.Y("y:Q", axis=alt.Axis(format="%"))
    )


def test_finish_sets_title_description_and_source():
    spec = graphiques.finir(
        _chart(), titre="Titre", description="Deux barres.", source="Source : essai"
    ).to_dict()
    assert spec["title"] == "Titre"
    assert spec["description"] == "Deux barres."
    assert spec["usermeta"][graphiques.CLE_META]["source"] == "Source\u00a0: essai"


@pytest.mark.parametrize(
    "texts",
    [
        {"titre": "", "description": "d", "source": "Source : s"},
        {"titre": "t", "description": "  ", "source": "Source : s"},
        {"titre": "t", "description": "d", "source": ""},
        {"titre": "t", "description": "d", "source": "Données : s"},
    ],
)
def test_finish_refuses_a_chart_without_its_texts(texts):
    with pytest.raises(ValueError, match="finir"):
        graphiques.finir(_chart(), **texts)


def test_theme_is_readable_and_colour_blind_safe():
    config = graphiques.theme()["config"]
    assert config["range"]["category"][:3] == ["#0072B2", "#E69F00", "#009E73"]
    assert config["axis"]["labelFontSize"] >= 12


def test_activer_keeps_the_mode_the_page_chose(monkeypatch):
    monkeypatch.setattr(graphiques, "_mode_choisi", None)
    assert graphiques.activer() == "jupyter"
    assert alt.renderers.active == graphiques.RENDUS["jupyter"]
    assert graphiques.activer("site") == "site"  # the engine's hidden cell, first in a page
    assert graphiques.activer() == "site"        # the chapter's own call keeps it
    assert alt.renderers.active == graphiques.RENDUS["site"]
    with pytest.raises(ValueError, match="mode inconnu"):
        graphiques.activer("pdf")
    graphiques.activer("jupyter")
    assert alt.renderers.active == graphiques.RENDUS["jupyter"]


def test_jupyter_rendering_is_the_spec_jupyterlab_draws_with_french_numbers():
    """A notebook keeps the Vega-Lite spec under the type JupyterLab 4 draws itself
    (Vega-Lite 5), with vega-embed's options in the output's metadata: French numbers, SVG,
    no link to an online editor; the source line shows under the title; no script."""
    spec = graphiques.finir(_chart(), titre="T", description="D", source="Source : x").to_dict()
    data, metadata = graphiques.rendu_jupyter(spec)
    assert set(data) == {graphiques.MIME_JUPYTERLAB, "text/plain"}
    assert graphiques.MIME_JUPYTERLAB == "application/vnd.vegalite.v5+json"
    drawn = data[graphiques.MIME_JUPYTERLAB]
    assert drawn["$schema"].endswith("/vega-lite/v5.json") and "width" not in drawn  # never "container"
    assert drawn["title"] == {"text": "T", "subtitle": ["Source\u00a0: x"]}
    assert drawn["datasets"] == spec["datasets"]
    options = metadata[graphiques.MIME_JUPYTERLAB]["embed_options"]
    assert options["formatLocale"]["decimal"] == "," and options["renderer"] == "svg"
    assert options["actions"]["editor"] is False and options["actions"]["source"] is False
    assert data["text/plain"].startswith("Graphique\u00a0: T")
    text = json.dumps([data, metadata])
    assert "<script" not in text and not re.search(r"https?://(?!vega\.github\.io/schema)", text)


def test_the_source_goes_under_an_existing_subtitle_and_wraps():
    chart = _chart().properties(title=alt.TitleParams("T", subtitle="Un sous-titre"))
    spec = chart.properties(usermeta={graphiques.CLE_META: {"source": "Source : " + "mot " * 30}}).to_dict()
    title = graphiques.spec_jupyterlab(spec)["title"]
    assert title["text"] == "T" and title["subtitle"][0] == "Un sous-titre"
    assert len(title["subtitle"]) >= 3 and all(len(l) <= graphiques.LARGEUR_SOURCE_JUPYTER for l in title["subtitle"])


def test_a_saved_notebook_chart_weighs_its_data_not_a_bundle():
    spec = graphiques.finir(_chart(), titre="T", description="D", source="Source : x").to_dict()
    assert len(json.dumps(graphiques.rendu_jupyter(spec))) < 5_000


def test_activer_outside_a_kernel_displays_nothing(capsys):
    graphiques.activer("jupyter")
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("text, expected", [
    ("Pourquoi ? Parce que : voilà ; fini !", "Pourquoi\u00a0? Parce que\u00a0: voilà\u00a0; fini\u00a0!"),
    ("« oui »", "«\u00a0oui\u00a0»"),
    ("80 %", "80\u00a0%"),
    ("https://exemple.org a:b (sans espace)", "https://exemple.org a:b (sans espace)"),
    ("déjà\u00a0: bon", "déjà\u00a0: bon"),
])
def test_french_spacing(text, expected):
    assert fr.espaces_francaises(text) == expected
    # The checker (data validation) flags exactly what the fixer would change.
    assert (fr.signe_mal_espace(text) is None) == (fr.espaces_francaises(text) == text)


@pytest.mark.parametrize("text, expected", [
    ("l'équipe d'aujourd'hui", "l\u2019équipe d\u2019aujourd\u2019hui"),
    ("'citée' et 'x", "'citée' et 'x"),  # not between two letters: left alone
    ("l'an 2'", "l\u2019an 2'"),
])
def test_typographic_apostrophes(text, expected):
    assert fr.apostrophes(text) == expected


@pytest.mark.parametrize("text, sign", [
    ("Pourquoi ? Parce que", "?"), ("« oui\u00a0»", "«"), ("un « mot »", "«"), ("80 %", "%"),
    ("a\u00a0: b ; c", ";"),
])
def test_badly_spaced_sign_is_named(text, sign):
    assert fr.signe_mal_espace(text) == sign


def test_long_title_wraps_between_words_to_fit_a_phone():
    title = "Marge d'erreur d'un pourcentage selon la taille de l'échantillon"
    lines = graphiques.lignes_titre(title)
    assert isinstance(lines, list) and " ".join(lines) == title
    assert all(len(line) <= graphiques.LARGEUR_TITRE for line in lines)
    assert graphiques.lignes_titre("Titre court") == "Titre court"


def test_finish_applies_french_typography_to_its_texts():
    spec = graphiques.finir(_chart(), titre="Pourquoi l'attente ?", description="Deux : barres.",
                         source="Source : l'essai").to_dict()
    assert spec["title"] == "Pourquoi l\u2019attente\u00a0?" and spec["description"] == "Deux\u00a0: barres."
    assert spec["usermeta"]["transfonum"]["source"] == "Source\u00a0: l\u2019essai"


def test_date_in_words_keeps_the_precision_of_the_data():
    day = pd.Timestamp("2013-11-01")
    assert fr.date(day) == "1er\u00a0novembre 2013"
    assert fr.date(pd.Timestamp("2013-11-19")) == "19\u00a0novembre 2013"
    assert fr.date(day, "mois") == "novembre 2013" and fr.date(day, "annee") == "2013"
    with pytest.raises(ValueError, match="saison"):
        fr.date(day, "saison")


def test_margin_expression_computes_what_margin_of_error_computes():
    from transfonum.statistiques import expression_marge, marge_erreur

    expression = expression_marge("pourcentage", "datum.taille")
    value = eval(expression.replace("sqrt", "math.sqrt"), {"math": math},  # noqa: S307 - our own text
                 {"pourcentage": 17, "datum": type("D", (), {"taille": 500})})
    assert value == pytest.approx(marge_erreur(17, 500))


@pytest.mark.parametrize("value, feminine, text", [
    (0, False, "zéro"), (1, False, "un"), (1, True, "une"), (6, True, "six"), (10, False, "10"),
    (18000, False, "18\u00a0000"),
])
def test_small_numbers_in_words(value, feminine, text):
    assert fr.en_lettres(value, feminin=feminine) == text


@pytest.mark.parametrize("value", [-1, 2.5, True])
def test_en_lettres_refuses_what_is_not_a_count(value):
    with pytest.raises(ValueError, match="entier positif"):
        fr.en_lettres(value)


# --- The site's rendering: drawn at build time, or an explorer ---------------------------

def _explorer():
    seuil = alt.param(name="seuil", value=1, bind=alt.binding_range(min=0, max=2, step=1, name="Seuil "))
    return _chart().add_params(seuil).transform_filter(alt.datum.y <= seuil)


def test_only_charts_with_params_are_interactive():
    static = graphiques.finir(_chart(), titre="T", description="D", source="Source : x").to_dict()
    assert not graphiques.est_interactif(static)
    layered = alt.layer(_chart(), _chart().mark_text()).add_params(alt.param(name="p", value=1))
    assert graphiques.est_interactif(_explorer().to_dict()) and graphiques.est_interactif(layered.to_dict())
    data = {"data": {"values": [{"params": 1}]}, "mark": "bar"}  # a column named params is not one
    assert not graphiques.est_interactif(data)


def test_static_chart_is_inline_svg_with_french_numbers_and_its_texts():
    df = pd.DataFrame({"x": ["a", "b"], "y": [1234.5, 2500.0]})
    spec = graphiques.finir(alt.Chart(df).mark_bar().encode(x="x:N", y="y:Q"),
                            titre="Titre", description="Deux barres, dont une grande.",
                            source="Source : essai").to_dict()
    page = graphiques.rendu_site(spec)["text/html"]
    assert "<script" not in page and "vegaEmbed" not in page  # nothing left to run
    assert 'role="img" aria-label="Deux barres, dont une grande."' in page
    assert "<figcaption>Source\u00a0: essai</figcaption>" in page
    assert page.count("<svg") == 2  # a narrow and a wide drawing
    widths = [int(w) for w in re.findall(r'data-largeur="(\d+)"', page)]
    assert widths == list(graphiques.LARGEURS_SVG)
    assert "2\u00a0500" in page and ">Titre</text>" in page  # French thousands, title drawn
    assert not re.search(r"https?://(?!www\.w3\.org)", page)


def test_ids_inside_two_drawings_do_not_clash():
    svg = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"></g></svg>'
    first, second = (graphiques._identifiants_uniques(svg, p) for p in ("a", "b"))
    assert 'id="a-clip1"' in first and "url(#a-clip1)" in first and "clip1\"" not in first.replace("a-clip1", "")
    assert set(re.findall(r'id="([^"]+)"', first)).isdisjoint(re.findall(r'id="([^"]+)"', second))


def test_explorer_keeps_its_picture_its_spec_and_room_for_its_controls():
    spec = graphiques.finir(_explorer(), titre="T", description="Un explorateur.", source="Source : x").to_dict()
    spec["datasets"] = {k: v + [{"x": "</script><script>alert(1)</script>", "y": 0}] for k, v in spec["datasets"].items()}
    page = graphiques.rendu_site(spec)["text/html"]
    assert 'class="transfonum-chart transfonum-explorateur"' in page and "transfonum-apercu" in page
    assert page.count("</script>") == 1  # the data cannot close the spec's script
    spec_json = json.loads(re.search(r'<script type="application/json" class="transfonum-spec">(.*?)</script>', page, re.S)[1])
    # Compiled to Vega at build time (the reader's browser loads no Vega-Lite compiler),
    # full width, French numbers for the live chart.
    assert spec_json["spec"]["$schema"].endswith("/vega/v6.json")
    width = next(s for s in spec_json["spec"]["signals"] if s["name"] == "width")
    assert "max(containerSize()[0], 340)" in json.dumps(width)  # never narrower than the narrow drawing
    assert spec_json["spec"]["autosize"]["resize"] is True  # laid out again for each state
    # Its control is in the page, written at build time; the live chart takes it over.
    assert not any(s.get("bind") for s in spec_json["spec"]["signals"])
    assert "seuil" in [s["name"] for s in spec_json["spec"]["signals"]]
    assert re.search(r'<div class="vega-bind"><label><span class="vega-bind-name">Seuil </span>'
                     r'<input type="range" name="seuil" min="0" max="2" step="1" value="1" aria-valuetext="1">', page)
    assert spec_json["locale"]["number"]["decimal"] == ","
    reserved = int(re.search(r'min-height:(\d+)px', page)[1])
    drawn = max(float(h) for h in re.findall(r'<svg[^>]*\bheight="([\d.]+)"', page))
    assert reserved == round(drawn + graphiques.HAUTEUR_COMMANDE)  # one slider


def test_a_static_chart_leaves_room_for_a_wide_font_between_axis_title_and_labels():
    """The build measures text with DejaVu Sans: a y-axis title sits farther left of
    « 450 000 » than the system font's measure would put it, leaving room for the widest
    usual sans font, whatever font the reader's browser uses."""
    import re

    import altair as alt
    import pandas as pd
    import vl_convert

    graphiques.activer("site")
    spec = alt.Chart(pd.DataFrame({"a": ["x", "y"], "b": [450000, 300000]})).mark_bar().encode(
        x="a:N", y=alt.Y("b:Q", title="Nombre cité")).to_dict()

    def title_x(svg: str) -> float:
        """The left-most axis title's x: the y axis's, left of its labels."""
        return min(float(x) for x in re.findall(r'class="mark-text role-axis-title".*?translate\(([-\d.]+),', svg, re.S))

    system = vl_convert.vegalite_to_svg(spec, format_locale=fr.LOCALE_NOMBRES_D3)
    assert "DejaVu Sans" in graphiques.svg_graphique(spec)
    assert title_x(graphiques.svg_graphique(spec)) < title_x(system) - 3


# --- Labels: whole, and never touching -----------------------------------------------

def test_heat_map_labels_are_whole_at_both_widths():
    """The « qui commente qui » heat map names every service in full (no « Direction
    génér… »): column names slanted, row names on two lines."""
    from transfonum.chapitres import rse

    spec = graphiques.finir(rse.graphique_matrice(rse.charger_reseau()), titre="T", description="D",
                            source="Source : x").to_dict()
    # The browser measures the labels itself (vl-convert underestimates them): no limit.
    for layer in spec["layer"]:
        for channel in ("x", "y"):
            assert layer["encoding"][channel]["axis"]["labelLimit"] == 0, channel
    svg = graphiques.svg_graphique(spec)
    labels = re.findall(r'class="mark-text role-axis-label".*?</g>', svg, re.S)
    texts = "".join(re.findall(r">([^<>]+)</t", "".join(labels)))
    assert "…" not in svg
    for name in ("Direction générale", "Ressources humaines"):
        assert name in texts, name                         # slanted column label, whole
    assert "Ressources" in texts and "humaines" in texts   # and the row label on two lines


def test_axis_labels_keep_a_gap_so_crowded_ticks_are_dropped():
    assert graphiques.theme()["config"]["axis"]["labelSeparation"] >= 6
    df = pd.DataFrame({"x": [0.0, 1.0], "y": ["a", "b"]})
    spec = graphiques.finir(alt.Chart(df).mark_bar().encode(x=alt.X("x:Q", axis=alt.Axis(format="%")), y="y:N"),
                            titre="T", description="D", source="Source : x").to_dict()
    graphiques.activer("site")
    narrow = graphiques.svg_graphique(graphiques._pleine_largeur(spec), 340)
    xs = sorted(float(x) for x in re.findall(
        r'<text text-anchor="middle" transform="translate\(([-\d.]+),\d+\)"[^>]*>\d+\u00a0%</text>', narrow))
    assert len(xs) >= 3
    assert min(b - a for a, b in zip(xs, xs[1:])) > 40, "percent labels touching (« 90 %100 % »)"


def test_social_business_cards_leave_no_gap_above_the_menu():
    from transfonum.chapitres import social_business as sb

    fiches = pd.Series(["a|b|c", "a|b|c|d|e"])
    assert sb._hauteur_fiche(fiches) == 5 * sb.HAUTEUR_LIGNE_FICHE + sb.MARGE_FICHE


def test_an_explorer_reduced_to_its_initial_state_keeps_its_drawing_and_source_only():
    """A deck shows an explorer as the picture its page draws first: the SVG and the
    « Source » line, no specification, no script; a static chart is not an explorer."""
    import altair as alt
    import pandas as pd

    from transfonum.graphiques import CLASSE_EXPLORATEUR, CLASSE_STATIQUE, html_explorateur, html_fixe_d_explorateur

    seuil = alt.param(name="seuil", value=2, bind=alt.binding_range(min=1, max=3, step=1, name="Seuil "))
    spec = alt.Chart(pd.DataFrame({"x": ["a", "b"], "y": [1, 3]})).mark_bar().encode(
        x="x", y="y", opacity=alt.condition(alt.datum.y > seuil, alt.value(1), alt.value(0.4))
    ).add_params(seuil).properties(title="Un explorateur", usermeta={"transfonum": {"source": "Source : une étude."}}
                                   ).to_dict()
    fixe = html_fixe_d_explorateur(html_explorateur(spec, "tf-essai"))
    assert fixe is not None and f'class="transfonum-chart {CLASSE_STATIQUE}"' in fixe and 'id="tf-essai-fixe"' in fixe
    assert "<svg" in fixe and "<figcaption>Source : une étude.</figcaption>" in fixe
    assert "<script" not in fixe and CLASSE_EXPLORATEUR not in fixe
    assert html_fixe_d_explorateur('<figure class="transfonum-figure"><div id="x" class="transfonum-chart"></div></figure>') is None


def test_the_kits_texts_in_a_chart_take_typographic_apostrophes_and_the_data_does_not():
    spec = {"title": {"text": ["L'attente", "d'abord"], "subtitle": "l'an"},
            "mark": {"type": "text", "text": "Case tirée d'un billet"},
            "encoding": {"x": {"field": "l'heure", "type": "nominal", "axis": {"title": "Taille de l'échantillon"}},
                         "text": {"field": "nom"}, "tooltip": [{"field": "n", "title": "Part d'inscrits"}]},
            "transform": [{"calculate": "datum.a + 'b'", "as": "c"}],
            "datasets": {"d": [{"nom": "Impact d'ensemble", "title": "d'ici"}]}}
    typo = graphiques.titres_typographiques(spec)
    assert typo["title"] == {"text": ["L\u2019attente", "d\u2019abord"], "subtitle": "l\u2019an"}
    assert typo["mark"]["text"] == "Case tirée d\u2019un billet"
    assert typo["encoding"]["x"]["axis"]["title"] == "Taille de l\u2019échantillon"
    assert typo["encoding"]["tooltip"][0]["title"] == "Part d\u2019inscrits"
    assert typo["encoding"]["x"]["field"] == "l'heure" and typo["transform"] == spec["transform"]
    assert typo["datasets"] == spec["datasets"]
