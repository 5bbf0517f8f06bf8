"""The table of contents is the one list of pages: read once, in order, with its chapters
(the pages of the numbered parts); a broken or missing toc is named in French."""

from __future__ import annotations

import pytest

from transfonum.sommaire import ErreurSommaire, chapitres_du_sommaire, pages_du_sommaire

TOC = """format: jb-book
root: book/intro
parts:
  - caption: Chapitres
    numbered: true
    chapters:
      - file: book/a
      - file: book/b
        sections:
          - file: book/b-suite
  - caption: Annexes
    chapters:
      - file: book/glossaire
"""


def test_pages_and_chapters_follow_the_toc_in_order(tmp_path):
    (tmp_path / "_toc.yml").write_text(TOC, encoding="utf-8")
    assert pages_du_sommaire(tmp_path) == ["book/intro", "book/a", "book/b", "book/b-suite", "book/glossaire"]
    assert chapitres_du_sommaire(tmp_path) == ["a", "b", "b-suite"]
    (tmp_path / "_toc.yml").write_text(TOC.replace("      - file: book/a\n", ""), encoding="utf-8")
    assert chapitres_du_sommaire(tmp_path) == ["b", "b-suite"], "a chapter left out of the toc is gone"


def test_the_real_toc_is_read():
    assert pages_du_sommaire()[0] == "book/intro"
    assert "cdo" in chapitres_du_sommaire() and "glossaire" not in chapitres_du_sommaire()


@pytest.mark.parametrize("texte, message", [(None, "introuvable"), ("root: [", "YAML illisible"),
                                            ("format: jb-book\n", "« root »")])
def test_a_broken_toc_is_named_in_french(tmp_path, texte, message):
    if texte is not None:
        (tmp_path / "_toc.yml").write_text(texte, encoding="utf-8")
    with pytest.raises(ErreurSommaire, match=message):
        pages_du_sommaire(tmp_path)
