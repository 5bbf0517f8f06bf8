"""The bench serves a built site as a static host does (gzip for text, not for fonts;
connections kept open), lists its pages root first, and says so when Lighthouse is missing."""

from __future__ import annotations

import gzip
import http.client
import os
import urllib.request
from urllib.parse import urlsplit

import pytest

from transfonum.outils import banc


def _get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request) as response:  # noqa: S310 - our own local server
        return response.headers.get("Content-Encoding"), response.read()


def test_site_is_served_with_gzip_for_text_only(tmp_path):
    page = "<p>" + "du texte qui se répète " * 200 + "</p>"
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "police.woff2").write_bytes(b"\0" * 5000)
    with banc.site_servi(tmp_path) as address:
        encoding, body = _get(f"{address}/index.html")
        assert encoding == "gzip" and gzip.decompress(body).decode("utf-8") == page
        assert len(body) < len(page.encode()) / 5
        assert _get(f"{address}/", gzip_ok=True)[0] == "gzip"  # a folder serves its index.html
        assert _get(f"{address}/index.html", gzip_ok=False) == (None, page.encode())
        assert _get(f"{address}/police.woff2") == (None, b"\0" * 5000)


def test_one_connection_carries_several_requests_as_with_nginx(tmp_path):
    (tmp_path / "a.css").write_text("p{color:red}", encoding="utf-8")
    (tmp_path / "b.js").write_text("f();", encoding="utf-8")
    with banc.site_servi(tmp_path) as address:
        connection = http.client.HTTPConnection(urlsplit(address).netloc, timeout=10)
        for name, body in (("a.css", b"p{color:red}"), ("b.js", b"f();")):
            connection.request("GET", f"/{name}", headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            assert response.version == 11 and gzip.decompress(response.read()) == body
        connection.close()


def test_pages_root_first_without_theme_templates(tmp_path):
    for name in ("index.html", "book/a.html", "book/_sonde.html", "_static/webpack-macros.html", "search.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<p>x</p>", encoding="utf-8")
    assert banc.pages_du_site(tmp_path) == ["index.html", "book/a.html", "search.html"]


def test_lighthouse_is_found_from_the_environment_or_the_path(monkeypatch, tmp_path):
    monkeypatch.setenv("TRANSFONUM_LIGHTHOUSE", "/opt/lh/lighthouse")
    assert banc.commande_lighthouse() == "/opt/lh/lighthouse"
    monkeypatch.delenv("TRANSFONUM_LIGHTHOUSE")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert banc.commande_lighthouse() is None


@pytest.mark.lent
def test_reading_to_the_end_counts_what_the_page_loads_near_its_bottom(tmp_path):
    """As a lazy picture does, the page fetches a file only when its bottom nears the
    screen: the load figure leaves it out, the read-to-the-end figure counts it."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><div style="height:6000px"></div><p id="bas">fin</p><script>'
        'new IntersectionObserver((e) => { if (e[0].isIntersecting) fetch("gros.txt"); })'
        '.observe(document.getElementById("bas"));</script>', encoding="utf-8")
    (tmp_path / "gros.txt").write_bytes(os.urandom(60_000))  # does not compress
    with banc.site_servi(tmp_path) as address:
        loaded = banc.octets_transferes(address, ["index.html"])["index.html"]
        read = banc.octets_transferes(address, ["index.html"], jusqua_la_fin=True)["index.html"]
    assert loaded < 5_000 and read > 60_000


@pytest.mark.lent
def test_using_an_explorer_counts_what_its_first_use_loads(tmp_path):
    """An explorer loads its runtime on first use, not when read: the read-to-the-end figure
    leaves it out, the one with an explorer used counts it (and waits for the live chart)."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><div class="transfonum-explorateur"><div class="vega-bind">'
        '<label>Semaine <input type="range"></label></div></div><script>'
        'document.querySelector("input").addEventListener("focus", async () => {'
        ' await (await fetch("moteur.txt")).text();'
        ' const vivant = document.createElement("div"); vivant.className = "transfonum-vivant est-dessine";'
        ' document.body.append(vivant); });</script>', encoding="utf-8")
    (tmp_path / "moteur.txt").write_bytes(os.urandom(60_000))
    with banc.site_servi(tmp_path) as address:
        read = banc.octets_transferes(address, ["index.html"], jusqua_la_fin=True)["index.html"]
        used = banc.octets_transferes(address, ["index.html"], jusqua_la_fin=True, explorateur=True)["index.html"]
    assert read < 5_000 and used > 60_000
