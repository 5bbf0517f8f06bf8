"""A static file changed alone reaches the site (transfonum.site.statique.recopier): Sphinx
copies none when no page is out of date. Templates (``*_t``) stay Sphinx's: filled from the
configuration, they would break copied raw (copybutton.js_t did)."""

from __future__ import annotations

from transfonum.site.statique import recopier


def test_only_changed_files_are_copied_and_templates_are_left_to_sphinx(tmp_path):
    source, static = tmp_path / "static", tmp_path / "_static"
    (source / "sous").mkdir(parents=True)
    (source / "kit.css").write_text("body { color: red; }", encoding="utf-8")
    (source / "sous" / "kit.js").write_text("1;", encoding="utf-8")
    (source / "copybutton.js_t").write_text("{{ config }}", encoding="utf-8")
    (source / ".cache").write_text("x", encoding="utf-8")
    static.mkdir()
    (static / "kit.css").write_text("body { color: blue; }", encoding="utf-8")  # an old copy
    (static / "copybutton.js").write_text("rempli;", encoding="utf-8")

    assert recopier([source], static) == [static / "kit.css", static / "sous" / "kit.js"]
    assert (static / "kit.css").read_text(encoding="utf-8") == "body { color: red; }"
    assert (static / "copybutton.js").read_text(encoding="utf-8") == "rempli;"
    assert not (static / "copybutton.js_t").exists() and not (static / ".cache").exists()
    assert recopier([source], static) == []  # nothing differs any more
