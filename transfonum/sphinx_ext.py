"""Sphinx extension of the kit, named in ``_config.yml`` (``sphinx.extra_extensions``).

It does what a stock Jupyter Book does not:

1. **The site stands alone.** It writes one Vega + Vega-Lite + vega-embed bundle (made by
   ``vl_convert.javascript_bundle``) to ``_static`` and loads it, as a module script, on
   the pages that hold a chart; it tells notebooks executed by the build to use the
   offline renderer of :mod:`transfonum.charts`.
2. **No stale chart.** myst-nb's execution cache keys on code cells only. Every notebook
   that uses the package gets a hidden cell holding a fingerprint of ``data/`` and of the
   package's code, and a Sphinx dependency on those files: when one of them changes, the
   notebook is read again, its cache key differs, and it is executed again.
3. **A French interface, no dead control.** The fold prompts of code cells are
   translated; French spacing (non-breaking space before « : ; ? ! % », inside
   guillemets) is applied to all prose; the scripts of Thebe (live code, switched off
   here) are left out.
4. **Repository settings.** On GitHub Actions, the repository URL (for the launch,
   repository and issue buttons) is taken from ``GITHUB_REPOSITORY`` instead of the
   placeholder in ``_config.yml``.
5. **Generated inputs and checks.** ``book/references.bib`` is rewritten from the data
   (:mod:`transfonum.bibliography`); the student edition (``--etudiant``) hides the
   solutions; a footnote citation whose note is missing is reported.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import altair as alt
from docutils import nodes
from sphinx.application import Sphinx
from myst_nb.sphinx_ import HideCodeCellNode
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from transfonum import bibliography, charts, fr
from transfonum.build import STUDENT_EDITION_ENV_VAR

PACKAGE_DIR = Path(__file__).resolve().parent
STYLESHEET = "transfonum.css"

BUNDLE_NAME = "transfonum-vega.js"
READY_SNIPPET = (
    "window.vegaEmbed = vegaEmbed; window.vegaLite = vegaLite; window.vega = vega;\n"
    "window.dispatchEvent(new Event('transfonum:vega-ready'));\n"
)
FINGERPRINT_MARK = "transfonum-empreinte"
LOGGER = logging.getLogger(__name__)


def vega_lite_version() -> str:
    """The Vega-Lite version Altair writes, as vl-convert names it (``"6.4"``)."""
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"{major}.{minor}"


def write_vega_bundle(folder: Path) -> Path:
    """Write the Vega bundle to ``folder`` unless an identical one is there already."""
    import vl_convert

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / BUNDLE_NAME
    version = vega_lite_version()
    stamp = f"/* transfonum: vl-convert {vl_convert.__version__}, Vega-Lite {version} */\n"
    if path.exists() and path.read_text(encoding="utf-8").startswith(stamp):
        return path
    bundle = vl_convert.javascript_bundle(snippet=READY_SNIPPET, vl_version=version)
    path.write_text(stamp + bundle, encoding="utf-8")
    return path


def tracked_files(data_dir: Path) -> list[Path]:
    """The files a notebook's outputs depend on: everything in ``data_dir``, and the
    package's code (a change to the chart theme must redraw the charts too)."""
    files = [p for p in data_dir.rglob("*") if p.is_file()] if data_dir.exists() else []
    files += PACKAGE_DIR.rglob("*.py")
    return sorted(files)


def fingerprint(files: list[Path]) -> str:
    """A digest of the paths and contents of ``files``."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def uses_package(source: str) -> bool:
    """Whether a MyST notebook's text imports the kit's package."""
    return "{code-cell}" in source and "transfonum" in source


def fingerprint_cell(source: str, digest: str) -> str:
    """A hidden code cell carrying ``digest``, in the notebook's own code-cell language."""
    first = next(line for line in source.splitlines() if "{code-cell}" in line)
    fence = first[: len(first) - len(first.lstrip("`"))]
    opening = first.strip()
    return (
        f"\n\n{opening}\n:tags: [remove-cell]\n\n# {FINGERPRINT_MARK} {digest}\n{fence}\n"
    )


#: French words for the ``{type}`` myst-nb puts in the fold prompts of code cells.
PROMPT_TYPES_FR = {
    "source": "le code", "output": "le résultat", "outputs": "le résultat",
    "content": "la cellule",
}


class TranslateCellPrompts(SphinxPostTransform):
    """Put the fold prompts of code cells ("Afficher {type}") in French."""

    default_priority = 200  # after myst-nb's HideInputCells (199) fills in {type}
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for node in self.document.findall(HideCodeCellNode):
            for key in ("prompt_show", "prompt_hide"):
                verb, _, kind = node[key].rpartition(" ")
                if kind in PROMPT_TYPES_FR:
                    node[key] = f"{verb} {PROMPT_TYPES_FR[kind]}"


def _on_config_inited(app: Sphinx, config: Config) -> None:
    os.environ[charts.BUILD_ENV_VAR] = "1"
    github_repository = os.environ.get("GITHUB_REPOSITORY")
    if github_repository:
        config.html_theme_options["repository_url"] = (
            f"https://github.com/{github_repository}"
        )
    if os.environ.get(STUDENT_EDITION_ENV_VAR):  # python -m transfonum.build --etudiant
        config.hide_solutions = True  # sphinx-exercise: exercises without their solutions
    bibliography.write(Path(app.srcdir))
    static = Path(app.outdir).parent / ".transfonum-static"
    write_vega_bundle(static)
    config.html_static_path.extend([str(static), str(PACKAGE_DIR / "static")])
    app.add_css_file(STYLESHEET)
    files = tracked_files(Path(app.confdir, config.transfonum_data_dir))
    app.transfonum_files = files
    app.transfonum_fingerprint = fingerprint(files)


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not uses_package(source[0]):
        return
    source[0] += fingerprint_cell(source[0], app.transfonum_fingerprint)
    for path in app.transfonum_files:
        app.env.note_dependency(str(path))


class FrenchSpacing(SphinxPostTransform):
    """French typography in the prose, whatever the author's keyboard: a non-breaking
    space before « : ; ? ! % » and inside guillemets (never in code, maths or raw HTML).
    A post-transform, so that glued text and bibliographies are covered too."""

    default_priority = 900  # after sphinxcontrib-bibtex and myst-nb's glue
    SKIP = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math, nodes.comment)

    def run(self, **kwargs) -> None:
        if not self.config.language.startswith("fr"):
            return
        for text in list(self.document.findall(nodes.Text)):
            if any(isinstance(a, self.SKIP) for a in _ancestors(text)):
                continue
            fixed = fr.french_spacing(str(text))
            if fixed != str(text):
                text.parent.replace(text, nodes.Text(fixed))


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _check_footnotes(app: Sphinx, doctree, docname: str) -> None:
    """A footnote (or {footcite}) reference must lead to a note on the page: MyST's own
    warning is silenced in _config.yml because it fires before {footbibliography} runs."""
    notes = {i for note in doctree.findall(nodes.footnote) for i in note["ids"]}
    for ref in doctree.findall(nodes.footnote_reference):
        if ref.get("refid") not in notes:
            label = ref.get("refname") or ref.get("refid") or ref.astext()
            LOGGER.warning(f"note de bas de page sans définition : « {label} » "
                           "(un {footcite} demande un {footbibliography} sur la même page)",
                           location=ref)


def _is_thebe_asset(asset) -> bool:
    return "thebe" in (asset.filename or "") or "THEBE" in asset.attributes.get("body", "")


def _on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    if "transfonum-chart" in context.get("body", ""):
        app.add_js_file(BUNDLE_NAME, type="module")
    # Live code (Thebe) is off in this kit: no page may offer a kernel it cannot reach.
    # sphinx-thebe adds its scripts anyway, and twice (a `const` declared twice is an
    # error on every page), so they are taken out.
    for key in ("script_files", "css_files"):
        context[key] = [asset for asset in context.get(key, []) if not _is_thebe_asset(asset)]


def setup(app: Sphinx) -> dict:
    """Register the extension's event handlers."""
    app.add_config_value("transfonum_data_dir", "data", "env", [str])
    app.connect("config-inited", _on_config_inited)
    app.connect("source-read", _on_source_read)
    app.connect("html-page-context", _on_html_page_context)
    app.connect("doctree-resolved", _check_footnotes)
    app.add_post_transform(TranslateCellPrompts)
    app.add_post_transform(FrenchSpacing)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
