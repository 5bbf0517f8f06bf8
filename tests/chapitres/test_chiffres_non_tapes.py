"""No figure is typed by hand in the book's prose: chapters take them from ``data/``
through myst-nb ``glue``.

The scan reads every ``book/**/*.md`` and looks at prose only: it skips the front
matter, code cells and other code blocks, math blocks, HTML comments, directive
options (``:tags: …``), roles (``{glue:text}`…```, ``{cite}`…```), inline code, inline
math, URLs and link targets. In what is left, it flags:

- any percentage (``80 %``, ``80%``, ``12,5 %``, ``80 pour cent``);
- any number of 1 000 or more (``18 000``, ``2500``, ``17'000``), except a year;
- any number followed by « million(s) » or « milliard(s) ».

Allow-list, kept short on purpose: years from 1900 to 2099 written as four bare digits
(``2014``, ``2012–2014``). Small numbers (chapter and section numbers, « trois
phases », « Web 2.0 », « page 206 ») are not flagged at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transfonum.chemins import LIVRE, RACINE

BOOK = RACINE / LIVRE

_SPACE = r"[ \u00a0\u202f]"
PERCENT = re.compile(rf"\d(?:[\d.,]|{_SPACE}(?=\d))*{_SPACE}?(?:%|pour{_SPACE}?cents?\b|pourcents?\b)")
GROUPED = re.compile(rf"(?<![\w.,])\d{{1,3}}(?:(?:{_SPACE}|[’'.,])\d{{3}})+(?![\d])")
BARE = re.compile(r"(?<![\w.,/-])\d{4,}(?![\d])")
SCALE = re.compile(rf"\d(?:[\d.,]|{_SPACE}(?=\d))*{_SPACE}?(?:millions?|milliards?|k€|M€|Md€)\b", re.IGNORECASE)

ROLE = re.compile(r"\{[\w:.+-]+\}`[^`]*`")
INLINE_CODE = re.compile(r"`[^`]*`")
INLINE_MATH = re.compile(r"\$[^$]+\$")
LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
SUBSTITUTION = re.compile(r"\{\{[^}]*\}\}")
HTML_TAG = re.compile(r"<[^>]+>")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})(.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
TARGET = re.compile(r"^\s*\([\w:.-]+\)=\s*$")


def _is_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2099


def prose_lines(text: str) -> list[tuple[int, str]]:
    """The lines of a MyST document that are prose, with their line numbers (from 1).

    Lines inside code cells, code blocks and math blocks are left out; inside other
    directives (notes, exercises, tabs…) the body is prose but the options are not.
    """
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
    kept: list[tuple[int, str]] = []
    stack: list[tuple[str, int, bool]] = []  # fence char, length, is code
    in_comment = in_math = False
    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in line
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if stripped == "$$" or (stripped.startswith("$$") and not stripped.endswith("$$")):
            in_math = not in_math
            continue
        if in_math:
            continue
        fence = FENCE.match(line)
        if fence:
            marks, info = fence.group(2), fence.group(3).strip()
            if stack and marks[0] == stack[-1][0] and len(marks) >= stack[-1][1] and not info:
                stack.pop()
                continue
            if not (stack and stack[-1][2]):  # a fence inside code is just code
                is_code = not info.startswith("{") or info.split("}")[0] in (
                    "{code-cell", "{code-block", "{code", "{sourcecode", "{literalinclude", "{math",
                    "{glue:figure", "{glue:math", "{raw", "{mermaid",
                )
                stack.append((marks[0], len(marks), is_code))
                continue
        if stack and stack[-1][2]:
            continue
        if stack and OPTION.match(line):
            continue
        if TARGET.match(line):
            continue
        kept.append((number, line))
    return kept


def _clean(line: str) -> str:
    for pattern in (ROLE, INLINE_CODE, INLINE_MATH, LINK_TARGET, SUBSTITUTION, HTML_TAG):
        line = pattern.sub(" ", line)
    return line


def typed_figures(text: str) -> list[tuple[int, str]]:
    """Each figure typed in the prose of ``text``: (line number, the figure as written)."""
    found: list[tuple[int, str]] = []
    for number, line in prose_lines(text):
        line = _clean(line)
        spans = [m.span() for p in (PERCENT, SCALE, GROUPED) for m in p.finditer(line)]
        spans += [m.span() for m in BARE.finditer(line) if not _is_year(m.group(0))]
        for begin, end in sorted(set(spans)):
            inside_longer = any(
                b <= begin and end <= e and (b, e) != (begin, end) for b, e in spans
            )
            if not inside_longer:
                found.append((number, line[begin:end].strip()))
    return found


def _report(path: Path, found: list[tuple[int, str]]) -> str:
    rel = path.relative_to(BOOK.parent) if path.is_relative_to(BOOK.parent) else path
    return "\n".join(
        f"{rel}, ligne {n} : « {hit} » est saisi dans le texte ; passez par glue depuis data/"
        for n, hit in found
    )


CHAPTERS = sorted(BOOK.rglob("*.md"))


def test_the_scan_sees_the_chapters():
    """An empty list would make the test below pass by skipping: it must not."""
    assert len(CHAPTERS) >= 5, f"chapitres introuvables dans {BOOK}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: str(p.relative_to(BOOK)))
def test_no_figure_is_typed_in_prose(path):
    found = typed_figures(path.read_text(encoding="utf-8"))
    assert not found, _report(path, found)


BAD_SAMPLE = """---
kernelspec:
  name: python3
---

# Chapitre 3 : un exemple

En 2014, selon l'enquête, 80 % des entreprises y croient.
Le livre blanc totalise près de 18 000 vues et 2500 téléchargements.
TripAdvisor revendique 100 millions d'avis ; la moitié, soit 72%, se plaignent.

```{code-cell} ipython3
:tags: [hide-input]
glue("part", "80 %")
x = 18000
```

Le chiffre {glue:text}`part` vient des données, tout comme `45 %` en code.
Les billets datent de 2012–2014 ; la section 2.1 parle du Web 2.0 et de la page 206.

```{note}
:class: dropdown
Dans un encadré, 65 pour cent compte aussi.
```

<!-- 90 % dans un commentaire ne compte pas -->
"""


def test_the_scan_fails_on_typed_figures_and_names_the_line():
    found = typed_figures(BAD_SAMPLE)
    assert found == [
        (8, "80 %"),
        (9, "18 000"),
        (9, "2500"),
        (10, "100 millions"),
        (10, "72%"),
        (23, "65 pour cent"),
    ]
    report = _report(Path("book/exemple.md"), found)
    assert report.splitlines()[0].startswith("book/exemple.md, ligne 8 : « 80 % »")


def test_the_scan_accepts_glued_figures_years_and_small_numbers():
    text = (
        "Le corpus compte {glue:text}`nb_billets` billets publiés entre 2012 et 2014,\n"
        "soit trois phases, quatre recommandations et le chapitre 5.\n"
        "Voir [le rapport](https://example.org/rapport-2014-80%25.pdf).\n"
    )
    assert typed_figures(text) == []
