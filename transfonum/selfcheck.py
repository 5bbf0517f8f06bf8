"""Sphinx extension: quick self-checks that work in the static page, with no kernel.

In a chapter (MyST)::

    ```{autoevaluation} chiffres-non-verifies
    ```

renders the exercise's statement (from the answer keys), its input(s) by type (a text
field for a number, radio buttons for a choice, one list per item for a classification),
a « Vérifier » button and a feedback region read out by screen readers. The exercise's
*exported* key (:func:`transfonum.exercises.keys.export_keys`, figures already read from
``data/``) is embedded in the page as JSON, and ``transfonum-selfcheck.js`` checks the
answer against it in the browser: nothing is fetched, the page works from ``file://``.
The script and its stylesheet are added only to the pages that hold a self-check.

An unknown exercise id (or a broken key file) stops the build: the directive reports an
error at the page and line, and the book is built with ``--warningiserror``.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from transfonum.exercises.keys import KEYS_DIR, KeyFileError, export_keys
from transfonum.fr import NBSP

SCRIPT = "transfonum-selfcheck.js"
STYLESHEET = "transfonum-selfcheck.css"
#: Class of a self-check's outer element; its presence in a page's body loads the script.
MARK = "transfonum-selfcheck"
UNIT_SUFFIX = {"pourcent": "%", "nombre": ""}
UNIT_HINT = {"pourcent": "en pourcentage", "nombre": "un nombre"}

_EMPHASIS = re.compile(r"\*([^*\n]+)\*")


def inline_text(text: str) -> str:
    """Escape ``text`` for HTML; ``*mot*`` becomes emphasis (the only markup kept)."""
    return _EMPHASIS.sub(r"<em>\1</em>", html.escape(text, quote=True))


def json_for_script(value: Any) -> str:
    """JSON that cannot close or comment out the ``<script>`` element holding it."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _numeric_inputs(key: dict, prefix: str) -> str:
    unit = key["unit"]
    suffix = UNIT_SUFFIX[unit]
    return (
        f'<p class="{MARK}-statement" id="{prefix}-enonce">{inline_text(key["statement"])}</p>\n'
        f'<label class="{MARK}-label" for="{prefix}-reponse">Votre réponse ({UNIT_HINT[unit]})</label>\n'
        f'<span class="{MARK}-number">'
        f'<input type="text" id="{prefix}-reponse" name="reponse" inputmode="decimal" '
        f'autocomplete="off" spellcheck="false" aria-describedby="{prefix}-enonce">'
        + (f'<span class="{MARK}-unit" aria-hidden="true">{suffix}</span>' if suffix else "")
        + "</span>\n"
    )


def _fieldset(key: dict, body: str) -> str:
    """The inputs of a choice or a classification, under the statement as legend."""
    return (
        f'<fieldset class="{MARK}-fieldset">\n'
        f'<legend class="{MARK}-statement">{inline_text(key["statement"])}</legend>\n'
        f"{body}</fieldset>\n"
    )


def _choice_inputs(key: dict, prefix: str) -> str:
    return _fieldset(key, "".join(
        f'<div class="{MARK}-option"><input type="radio" name="{prefix}-choix" '
        f'id="{prefix}-choix-{i}" value="{html.escape(choice["id"])}">'
        f'<label for="{prefix}-choix-{i}">{inline_text(choice["label"])}</label></div>\n'
        for i, choice in enumerate(key["choices"])
    ))


def _classification_inputs(key: dict, prefix: str) -> str:
    categories = "".join(
        f'<option value="{html.escape(cat["id"])}">{html.escape(cat["label"])}</option>'
        for cat in key["categories"]
    )
    return _fieldset(key, "".join(
        f'<div class="{MARK}-row"><label for="{prefix}-element-{i}">{inline_text(item["label"])}</label>'
        f'<select id="{prefix}-element-{i}" data-item="{html.escape(item["id"])}">'
        f'<option value="">(à classer)</option>{categories}</select></div>\n'
        for i, item in enumerate(key["items"])
    ))


_INPUTS = {
    "numeric": _numeric_inputs,
    "choice": _choice_inputs,
    "classification": _classification_inputs,
}


def selfcheck_html(key: dict, prefix: str) -> str:
    """The HTML of one self-check for the exported ``key`` of an exercise.

    :param key: one entry of ``export_keys()["exercises"]``.
    :param prefix: unique in the page; every element id of the self-check starts with it.
    """
    return (
        f'<section class="{MARK}" id="{prefix}" data-exercise="{html.escape(key["id"])}" '
        f'aria-labelledby="{prefix}-titre">\n'
        f'<p class="{MARK}-title" id="{prefix}-titre">Auto-évaluation</p>\n'
        f'<script type="application/json" class="{MARK}-key">{json_for_script(key)}</script>\n'
        f'<form class="{MARK}-form" novalidate>\n'
        f"{_INPUTS[key['type']](key, prefix)}"
        # Enabled by the script: without it, the button would do nothing.
        f'<button type="submit" class="{MARK}-button" disabled>Vérifier</button>\n'
        "</form>\n"
        f'<div class="{MARK}-feedback" role="status" aria-live="polite"></div>\n'
        f'<noscript><p>Cette auto-évaluation demande JavaScript{NBSP}; le carnet d\'exercices '
        f"propose la même question.</p></noscript>\n"
        "</section>\n"
    )


class AutoEvaluation(SphinxDirective):
    """``{autoevaluation} <exercise-id>``: a self-check checked in the browser."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False

    def run(self) -> list[nodes.Node]:
        ex_id = self.arguments[0]
        try:
            keys = {entry["id"]: entry for entry in export_keys()["exercises"]}
        except KeyFileError as err:
            raise self.error(f"autoevaluation : les clés de réponse sont illisibles : {err}") from None
        if ex_id not in keys:
            raise self.error(
                f"autoevaluation : exercice inconnu « {ex_id} » dans la page « {self.env.docname} » "
                f"(exercices connus : {', '.join(keys)})"
            )
        for path in [*KEYS_DIR.glob("*.json"), *getattr(self.env.app, "transfonum_files", [])]:
            self.env.note_dependency(str(path))
        prefix = f"tf-autoeval-{self.env.new_serialno('autoevaluation')}"
        return [nodes.raw("", selfcheck_html(keys[ex_id], prefix), format="html")]


def _on_html_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if f'class="{MARK}"' in context.get("body", ""):
        app.add_js_file(SCRIPT, defer="defer")
        app.add_css_file(STYLESHEET)


def setup(app: Sphinx) -> dict:
    """Register the directive; the static folder is served by :mod:`transfonum.sphinx_ext`."""
    app.setup_extension("transfonum.sphinx_ext")
    app.add_directive("autoevaluation", AutoEvaluation)
    # Before sphinx_ext's handler, which replaces the page's list of scripts (priority 500).
    app.connect("html-page-context", _on_html_page_context, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
