"""The student path in a real client: JupyterLab started from the Binder environment,
Chromium opening each student notebook with every non-local request blocked, « Run All »,
then what a student sees: no error, every chart drawn, no two form labels overlapping at
1280 px and at 800 px, and each exercise form answering a wrong then a right answer with
the expected French verdict. And the hub's way in: the book's nbgitpuller link, served by
the same Jupyter server, pulls the student branch from a local clone, opens the notebook,
and the notebook runs on that copy's package.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from nbclient import NotebookClient
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from transfonum import fr
from transfonum.chemins import EXERCICES, RACINE
from transfonum.exercices.cles import exporter_cles
from transfonum.outils import binder, branche_etudiante
from transfonum.site.lancement import adresse_jupyterhub

CLIENT = Path(__file__).with_name("client-jupyterlab.txt")
#: Set, the test saves what a student sees there (each form and chart, at 1280 px), to look at.
CAPTURES = os.environ.get("TRANSFONUM_CAPTURES")
STUDENT = sorted((RACINE / EXERCICES).glob("*.ipynb"))
TOKEN = "essai-transfonum"
#: On top of the students' settings (binder/overrides.json, installed by binder/postBuild):
#: every cell in the page (no windowing), so that the test sees all outputs.
WINDOWING = {"windowingMode": "none"}
FORM = ".transfonum-formulaire"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab_root(tmp_path_factory) -> Path:
    """The folder JupyterLab serves (a student's home on a hub)."""
    return tmp_path_factory.mktemp("lab")


@pytest.fixture(scope="module")
def lab(binder_env, lab_root) -> str:
    """JupyterLab (and nbgitpuller, as on a hub) from the Binder environment, serving a copy
    of the student notebooks on 127.0.0.1; returns its base URL."""
    python = binder.python_de(binder_env)
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "-r", str(CLIENT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    overrides = binder_env / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings = json.loads(overrides.read_text(encoding="utf-8"))  # written by binder/postBuild
    settings.setdefault("@jupyterlab/notebook-extension:tracker", {}).update(WINDOWING)
    overrides.write_text(json.dumps(settings), encoding="utf-8")
    root = lab_root
    (root / "exercises").mkdir()
    for notebook in STUDENT:
        shutil.copy(notebook, root / "exercises" / notebook.name)
    env = {**os.environ, "HOME": str(root), "JUPYTER_CONFIG_DIR": str(root / ".jupyter"),
           "JUPYTER_RUNTIME_DIR": str(root / ".runtime"), "PYTHONNOUSERSITE": "1"}
    port = _free_port()
    log = open(root / "lab.log", "w", encoding="utf-8")
    server = subprocess.Popen(
        [str(python), "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", "--allow-root"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("JupyterLab n'a pas démarré :\n" + (root / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
    yield base
    server.terminate()
    server.wait(timeout=20)
    log.close()


@pytest.fixture()
def student_page(lab, browser):
    """A 1280 px page where every request to another host is blocked (and recorded)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    blocked: list[str] = []

    def route(request_route):
        host = urlsplit(request_route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or request_route.request.url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.blocked = blocked
    yield page
    context.close()


#: Resolves once the notebook is open and its session has a kernel (JupyterLab may
#: replace the first kernel it starts: the session's ``ready`` waits for the one it keeps).
KERNEL_READY = """async () => { const widget = window.jupyterapp.shell.currentWidget;
    await widget.context.ready; await widget.sessionContext.ready; }"""
KERNEL_IDLE = "() => window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'"
#: A chart as JupyterLab draws it (its own Vega-Lite renderer, from the notebook's output).
CHART = ".jp-RenderedVegaCommon5"
#: Every chart of the notebook drawn (its marks' SVG, not the icon of its menu).
CHARTS_DRAWN = f"""() => [...document.querySelectorAll('{CHART}')].every((c) => c.querySelector('svg.marks'))"""
#: Two animation frames: what a resize asked of the layout is done.
LAID_OUT = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _run_all(page, lab: str, name: str) -> None:
    # A workspace of its own, reset: Lab must not restore the previous test's notebook.
    page.goto(f"{lab}/lab/workspaces/{Path(name).stem}/tree/exercises/{name}?reset&token={TOKEN}")
    page.wait_for_function("() => window.jupyterapp?.shell?.currentWidget?.sessionContext", timeout=60_000)
    page.evaluate(KERNEL_READY)
    page.wait_for_function(KERNEL_IDLE, timeout=180_000)
    # Opening writes the kernel's metadata into the notebook: all of it is in the file
    # already, but the exact Python version, which only the running kernel knows.
    opened = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.toJSON().metadata")
    opened["language_info"].pop("version", None)
    on_disk = json.loads((RACINE / EXERCICES / Path(name).name).read_text(encoding="utf-8"))["metadata"]
    assert opened == on_disk, f"{name} : ouvrir le carnet change ses métadonnées"
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        """() => { const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
                     .map((p) => p.textContent.trim());
                   return prompts.length > 0 && prompts.every((p) => /^\\[\\d+\\]:$/.test(p)); }""",
        timeout=180_000)
    # Charts draw once JupyterLab's Vega module has loaded; one that never does is reported below.
    try:
        page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    except PlaywrightTimeout:
        pass


def _errors(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output')]
        .map((o) => o.innerText).filter((t) => /Traceback|Error displaying widget|Error:|Erreur/.test(t))
        .map((t) => t.slice(0, 300))""")


NARROW_CHARTS = f"""() => [...document.querySelectorAll('{CHART} svg.marks')]
    .filter((svg) => svg.getBoundingClientRect().width < 320).length"""


def _undrawn_charts(page) -> tuple[int, int]:
    return page.evaluate(f"""() => {{ const charts = [...document.querySelectorAll('{CHART}')];
        return [charts.length, charts.filter((c) => !c.querySelector('svg.marks')).length]; }}""")


OVERLAPS = """(selector) => {
  const problems = [];
  for (const form of document.querySelectorAll(selector)) {
    const parts = [...form.querySelectorAll('.widget-radio-box label, select, .transfonum-element, input[type=text], button')]
      .map((e) => [e, e.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && r.height > 0);
    for (let i = 0; i < parts.length; i++) {
      const [a, ra] = parts[i];
      if (a.scrollWidth > a.clientWidth + 2 && a.tagName === 'LABEL') problems.push('coupé : ' + a.innerText.slice(0, 60));
      const radio = a.tagName === 'LABEL' && a.querySelector('input[type=radio]');
      if (radio && (radio.getBoundingClientRect().top > ra.top + 12 || radio.getBoundingClientRect().left > ra.left + 8))
        problems.push('bouton ailleurs qu’au début de son texte : ' + a.innerText.slice(0, 40));
      for (let j = i + 1; j < parts.length; j++) {
        const [b, rb] = parts[j];
        if (a.contains(b) || b.contains(a)) continue;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1) problems.push((a.innerText || a.tagName).slice(0, 40) + ' / ' + (b.innerText || b.tagName).slice(0, 40));
      }
    }
  }
  return problems;
}"""


KEYS = {key["id"]: key for key in exporter_cles()["exercises"]}


def _numeric_text(value: float, unit: str) -> str:
    decimals = 0 if float(value).is_integer() else 1
    return fr.pourcent(value, decimals) if unit == "pourcent" else fr.nombre(value, decimals)


def _answer(form, key: dict, right: bool) -> None:
    if key["type"] == "numeric":
        value = key["expected"] if right else key["expected"] + 17
        form.locator("input[type=text]").fill(_numeric_text(value, key["unit"]))
    elif key["type"] == "choice":
        ids = [c["id"] for c in key["choices"]]
        chosen = key["expected"] if right else next(i for i in ids if i != key["expected"])
        form.locator(".widget-radio-box input").nth(ids.index(chosen)).check()
    else:
        labels = {c["id"]: c["label"] for c in key["categories"]}
        selects = form.locator("select")
        for n, item in enumerate(key["items"]):
            category = key["expected"][item["id"]]
            if not right:
                category = next(c for c in labels if c != category)
            selects.nth(n).select_option(label=labels[category])
    form.get_by_role("button", name="Vérifier").click()


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.name)
def test_a_student_runs_the_notebook_in_jupyterlab_offline(lab, student_page, path):
    page = student_page
    _run_all(page, lab, path.name)
    menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    assert "Fichier" in menus and "Exécution" in menus, f"JupyterLab n'est pas en français : {menus}"
    assert _errors(page) == []
    charts, undrawn = _undrawn_charts(page)
    assert undrawn == 0, f"{undrawn} graphique(s) non dessiné(s) sur {charts}"
    assert page.evaluate(NARROW_CHARTS) == 0, "graphique écrasé (moins de 320 px de large à 1280 px)"
    for width in (1280, 800):
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate(LAID_OUT)
        assert page.evaluate(OVERLAPS, FORM) == [], f"libellés qui se chevauchent à {width} px"
    page.set_viewport_size({"width": 1280, "height": 900})
    if CAPTURES:
        page.locator(".jp-Cell").first.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(CAPTURES) / f"{path.stem}-debut.png"))
        for n, element in enumerate(page.locator(f"{FORM}, {CHART}").all()):
            element.scroll_into_view_if_needed()
            element.screenshot(path=str(Path(CAPTURES) / f"{path.stem}-{n:02d}.png"))
    _save(page, path.name)
    forms = page.locator(FORM)
    checked = 0
    for n in range(forms.count()):
        form = forms.nth(n)
        classes = form.get_attribute("class").split()
        exercise = next(c.removeprefix("transfonum-formulaire-") for c in classes
                        if c.startswith("transfonum-formulaire-"))
        for right, verdict in ((False, "À revoir"), (True, "Juste")):
            _answer(form, KEYS[exercise], right)
            form.locator(".transfonum-feedback").filter(has_text=verdict).wait_for(timeout=10_000)
        checked += 1
    assert checked == forms.count()


#: What a student's hub quota and backups can take per notebook, executed and saved.
MAX_SAVED = 150_000
#: The notebooks the test above ran and saved (name → saved copy in the lab's folder).
SAVED: dict[str, Path] = {}


def _save(page, name: str) -> None:
    """Saves the notebook as a student does (Ctrl+S): outputs and what JupyterLab adds to them."""
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)
    SAVED[name] = Path(page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path"))


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.name)
def test_an_executed_and_saved_student_notebook_stays_light(lab, lab_root, student_page, path):
    """Executed and saved in JupyterLab, every chart drawn, a notebook weighs at most
    150 KB: its charts keep their specification and data, never a copy of Vega."""
    if path.name not in SAVED:  # run alone: execute and save it here
        _run_all(page := student_page, lab, path.name)
        assert _undrawn_charts(page)[1] == 0
        _save(page, path.name)
    saved = lab_root / SAVED[path.name]
    notebook = nbformat.read(saved, as_version=4)
    assert any(c.get("outputs") for c in notebook.cells if c.cell_type == "code"), "carnet non exécuté"
    size = saved.stat().st_size
    assert size <= MAX_SAVED, f"{path.name} : {size / 1000:.0f} Ko enregistré (au plus {MAX_SAVED // 1000} Ko)"


PULLED = "annexe-sources.ipynb"


def test_the_hub_link_pulls_the_student_branch_and_its_notebook_runs_on_that_copy(
        lab, lab_root, student_page, binder_kernel, tmp_path):
    origin = tmp_path / "kit-cours"
    subprocess.run(["git", "clone", "-q", str(RACINE), str(origin)], check=True)
    branche_etudiante.ecrire(origin)
    hub = "https://hub.example.edu"
    link = adresse_jupyterhub(hub, origin.as_uri(), branche_etudiante.BRANCHE, f"exercises/{PULLED}")
    # A hub sends /hub/user-redirect/ to the student's own server: here, the local one.
    student_page.goto(link.replace(f"{hub}/hub/user-redirect", lab) + f"&token={TOKEN}")
    student_page.wait_for_url(f"**/lab/tree/kit-cours/exercises/{PULLED}**", timeout=120_000)
    student_page.locator(".jp-NotebookPanel").first.wait_for(timeout=60_000)
    assert student_page.blocked == []
    pulled = lab_root / "kit-cours"
    branch = subprocess.run(["git", "-C", str(pulled), "branch", "--show-current"],
                            capture_output=True, text=True).stdout.strip()
    assert branch == branche_etudiante.BRANCHE
    assert not (pulled / "exercises" / "corriges").exists() and not (pulled / "exercises" / "sources").exists()
    notebook = nbformat.read(pulled / "exercises" / PULLED, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import transfonum.chemins\nprint(transfonum.chemins.RACINE)"))
    NotebookClient(notebook, kernel_name=binder_kernel, timeout=120,
                   resources={"metadata": {"path": str(pulled / "exercises")}}).execute()
    assert notebook.cells[-1].outputs[0]["text"].strip() == str(pulled), \
        "le carnet doit lire le paquet et les données de la copie de l'élève"
