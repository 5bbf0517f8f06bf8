"""One chart style for the whole book, and the renderer that lets the built site stand alone.

In a chapter::

    from transfonum import charts
    charts.setup()
    chart = alt.Chart(df).mark_bar().encode(...)
    charts.finish(chart, title="…", description="…", source="Source : …")

The source line is kept in the spec's ``usermeta`` and shown as the figure's caption,
on the site and in Jupyter alike.

``setup()`` enables the kit's theme and a renderer. During a book build (the Sphinx
extension sets ``TRANSFONUM_BUILD``) the renderer writes a figure and a module script
that draws it with the Vega bundle served from the site's own ``_static`` folder. In
Jupyter, it is Altair's own HTML rendering with the French locale, plus the caption.
"""

from __future__ import annotations

import html
import json
import os
import uuid
from typing import TypeVar

import altair as alt
from altair.vegalite.v6.display import html_renderer as altair_html_renderer

from transfonum import fr

ChartT = TypeVar("ChartT", bound=alt.TopLevelMixin)

THEME_NAME = "transfonum"
RENDERER_NAME = "transfonum"
JUPYTER_RENDERER_NAME = "transfonum-jupyter"
USERMETA_KEY = "transfonum"
BUILD_ENV_VAR = "TRANSFONUM_BUILD"

#: Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7",
    "#56B4E9", "#D55E00", "#F0E442", "#000000",
]
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
TEXT_COLOUR = "#222222"
#: Longest title line that fits a 390 px phone screen at the theme's title size.
TITLE_LINE_CHARS = 36
MUTED_COLOUR = "#555555"

#: vega-embed options for French number and date formats, in Jupyter and on the site.
LOCALE_OPTIONS: dict = {
    "formatLocale": fr.D3_FORMAT_LOCALE,
    "timeFormatLocale": fr.D3_TIME_FORMAT_LOCALE,
}
#: Options handed to vega-embed on the built site: French formats, SVG (crisp, and the
#: marks are in the DOM), and no action menu (it links to third-party editors).
EMBED_OPTIONS: dict = {"actions": False, "renderer": "svg", **LOCALE_OPTIONS}


def theme() -> dict:
    """The Vega-Lite config shared by every chart of the book."""
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "view": {"continuousWidth": 560, "continuousHeight": 300, "stroke": None},
            "range": {"category": PALETTE},
            "mark": {"color": PALETTE[0]},
            "title": {
                "fontSize": 16, "fontWeight": 600, "color": TEXT_COLOUR,
                "anchor": "start", "subtitleColor": MUTED_COLOUR, "subtitleFontSize": 13,
            },
            "axis": {
                "labelFontSize": 13, "titleFontSize": 13, "labelColor": TEXT_COLOUR,
                "titleColor": TEXT_COLOUR, "gridColor": "#e5e5e5", "labelLimit": 320,
            },
            "legend": {"labelFontSize": 13, "titleFontSize": 13, "labelLimit": 320},
            "header": {"labelFontSize": 13, "titleFontSize": 13},
            "text": {"fontSize": 13, "color": TEXT_COLOUR},
        }
    }


def _responsive(spec: dict) -> dict:
    """Let a single or layered chart take the width of the page (phones included)."""
    if any(key in spec for key in ("concat", "hconcat", "vconcat", "facet", "repeat")):
        return spec
    return {**spec, "width": "container", "autosize": {"type": "fit-x", "contains": "padding"}}


def caption_html(spec: dict) -> str:
    """The chart's "Source : …" line as an HTML caption (empty if it has none)."""
    source = spec.get("usermeta", {}).get(USERMETA_KEY, {}).get("source")
    return f"<figcaption>{html.escape(source)}</figcaption>" if source else ""


def chart_html(spec: dict, element_id: str | None = None) -> str:
    """The HTML for one chart on the built site: a figure, its caption, a module script.

    The script waits for ``window.vegaEmbed`` (set by the bundle the Sphinx extension
    serves from ``_static``) and draws the chart in SVG with the French locale.
    """
    element_id = element_id or f"tf-chart-{uuid.uuid4().hex[:12]}"
    payload = json.dumps(_responsive(spec), ensure_ascii=False).replace("</", "<\\/")
    options = json.dumps(EMBED_OPTIONS, ensure_ascii=False)
    return (
        '<figure class="transfonum-figure">\n'
        f'<div id="{element_id}" class="transfonum-chart"></div>\n'
        f"{caption_html(spec)}\n</figure>\n"
        '<script type="module">\n'
        "const ready = window.vegaEmbed ? Promise.resolve() : new Promise("
        "(resolve) => window.addEventListener('transfonum:vega-ready', resolve, {once: true}));\n"
        f"ready.then(() => window.vegaEmbed('#{element_id}', {payload}, {options}))"
        f".catch((error) => console.error('Graphique {element_id} :', error));\n"
        "</script>"
    )


def offline_renderer(spec: dict, **metadata) -> dict:
    """Altair renderer for the built site: HTML that needs nothing from another host."""
    return {"text/html": chart_html(spec)}


def jupyter_renderer(spec: dict, **metadata) -> dict:
    """Altair renderer for Jupyter: Altair's own HTML output, with the source caption."""
    bundle = altair_html_renderer(spec, **metadata)
    bundle = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
    bundle["text/html"] += caption_html(spec)
    return bundle


def setup() -> None:
    """Enable the book's theme and renderer: offline while the book is built, else
    Altair's own rendering in Jupyter, with the French locale and the source caption."""
    alt.theme.register(THEME_NAME, enable=True)(theme)
    alt.renderers.register(RENDERER_NAME, offline_renderer)
    alt.renderers.register(JUPYTER_RENDERER_NAME, jupyter_renderer)
    if os.environ.get(BUILD_ENV_VAR):
        alt.renderers.enable(RENDERER_NAME)
    else:
        alt.renderers.enable(JUPYTER_RENDERER_NAME, embed_options=LOCALE_OPTIONS)


def finish(chart: ChartT, *, title: str, description: str, source: str) -> ChartT:
    """Give a chart its title, its screen-reader description and its source line.

    ``source`` is the caption shown under the chart; it must start with "Source".
    Raises ``ValueError`` when any of the three texts is empty: no chart leaves without
    them.
    """
    for name, text in (("title", title), ("description", description), ("source", source)):
        if not text or not text.strip():
            raise ValueError(f"finish() : le texte « {name} » du graphique est vide")
    if not source.startswith("Source"):
        raise ValueError(f"finish() : la légende doit commencer par « Source » : {source!r}")
    title, description, source = (fr.french_spacing(t) for t in (title, description, source))
    return chart.properties(
        title=title_lines(title), description=description, usermeta={USERMETA_KEY: {"source": source}}
    )


def title_lines(title: str, width: int = TITLE_LINE_CHARS) -> str | list[str]:
    """The title as it fits a phone: one line if short, else lines of at most ``width``
    characters cut between words (Vega-Lite draws a list of strings as lines)."""
    if len(title) <= width:
        return title
    lines: list[str] = []
    for word in title.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
