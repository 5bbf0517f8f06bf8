"""The student path in a real client: JupyterLab started from the Binder environment,
Chromium opening each student notebook with every non-local request blocked: opened, it
is not « modified »; its first checking cell, run alone on the fresh kernel, answers
« Pas encore de réponse » in one French line; then « Run All », and what a student sees: no
error, every chart drawn, no two form labels overlapping at 1280 px and at 800 px, menus
as wide as their options, and each exercise form answering a wrong then a right answer
with the expected French verdict; saved, the kernel restarted, reopened (one of them
twice): no English where the forms were. A notebook opened and closed untouched asks nothing; a typo
in a table name reads as one French line; an untrusted form, as a French sentence. And the hub's way in: the book's nbgitpuller link, served by
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
from transfonum.exercices.widgets import FORMULAIRE_A_REAFFICHER, FORMULAIRE_INERTE
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
#: The notebook's dirty flag, and its tab's dirty mark (what makes closing ask to save).
DIRTY = """() => { const widget = window.jupyterapp.shell.currentWidget;
    return [widget.context.model.dirty, widget.title.className.includes('jp-mod-dirty')]; }"""
#: Runs the first cell that calls verifier(...), alone; resolves to its index.
RUN_FIRST_CHECK = """async () => { const panel = window.jupyterapp.shell.currentWidget;
    const index = panel.content.widgets.findIndex((c) => c.model.type === 'code'
        && c.model.sharedModel.getSource().includes('verifier('));
    panel.content.activeCellIndex = index;
    await window.jupyterapp.commands.execute('notebook:run-cell');
    return index; }"""
#: The cell at this index has run (its prompt shows a number).
PROMPT_DONE = """(index) => /^\\[\\d+\\]:$/.test(window.jupyterapp.shell.currentWidget.content.widgets[index]
    .node.querySelector('.jp-InputArea-prompt')?.textContent.trim() ?? '')"""
#: What a student reads in a cell's outputs.
CELL_TEXT = """(index) => window.jupyterapp.shell.currentWidget.content.widgets[index]
    .node.querySelector('.jp-OutputArea')?.innerText ?? ''"""
#: A widget's output (a panel; other outputs name their MIME type).
WIDGET_OUTPUT = ".jp-OutputArea-output.lm-Panel:not([data-mime-type])"
#: Every widget output is drawn, or has given up (the manager's error class): none is still
#: « Loading widget... » (JupyterLab's own word while it draws, before any style applies).
WIDGETS_SETTLED = """() => [...document.querySelectorAll('%s')]
    .every((o) => o.children.length > 0 || o.classList.contains('jupyter-widgets'))
    && ![...document.querySelectorAll('.jp-OutputArea-output')].some((o) => o.textContent.includes('Loading widget'))
""" % WIDGET_OUTPUT
#: What each widget output shows after a reopen: a form's line, the stand-in line, or
#: « restauré » for another widget drawn from its saved state.
WIDGET_OUTPUTS = """(form) => [...document.querySelectorAll('%s')].map((o) => {
        const shown = o.querySelector(form);
        if (shown) return getComputedStyle(shown, '::before').content;
        if (o.children.length > 0) return 'restauré';
        return getComputedStyle(o, '::before').content; })""" % WIDGET_OUTPUT
#: English that JupyterLab's widget manager writes where a form cannot be drawn.
ENGLISH = ("Error displaying widget", "model not found", "Loading widget")
#: Every select of the forms: its width, and the width of its widest option in its font.
MENU_WIDTHS = """() => [...document.querySelectorAll('.transfonum-formulaire select')].map((s) => {
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = getComputedStyle(s).font;
    return [s.getBoundingClientRect().width, Math.max(...[...s.options].map((o) => ctx.measureText(o.text).width))];
})"""
#: A chart as JupyterLab draws it (its own Vega-Lite renderer, from the notebook's output).
CHART = ".jp-RenderedVegaCommon5"
#: Every chart of the notebook drawn (its marks' SVG, not the icon of its menu).
CHARTS_DRAWN = f"""() => [...document.querySelectorAll('{CHART}')].every((c) => c.querySelector('svg.marks'))"""
#: Two animation frames: what a resize asked of the layout is done.
LAID_OUT = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _open(page, lab: str, name: str, reset: bool = True) -> None:
    """Opens exercises/<name> in a workspace of its own (reset: Lab must not restore the
    previous test's notebook), and waits for its kernel to be idle."""
    page.goto(f"{lab}/lab/workspaces/{Path(name).stem}/tree/exercises/{name}?{'reset&' if reset else ''}token={TOKEN}")
    page.wait_for_function("() => window.jupyterapp?.shell?.currentWidget?.sessionContext", timeout=60_000)
    page.evaluate(KERNEL_READY)
    page.wait_for_function(KERNEL_IDLE, timeout=180_000)


def _run_all(page, lab: str, name: str) -> None:
    _open(page, lab, name)
    # Opening writes the kernel's metadata into the notebook: all of it is in the file
    # already (the exact Python version too), so the notebook is not « modified ».
    page.wait_for_timeout(1000)  # the kernel's info reaches the model just after « idle »
    opened = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.toJSON().metadata")
    on_disk = json.loads((RACINE / EXERCICES / Path(name).name).read_text(encoding="utf-8"))["metadata"]
    assert opened == on_disk, f"{name} : ouvrir le carnet change ses métadonnées"
    assert page.evaluate(DIRTY) == [False, False], f"{name} : le carnet est « modifié » dès son ouverture"
    # A fresh kernel, and the first checking cell run before anything else.
    index = page.evaluate(RUN_FIRST_CHECK)
    page.wait_for_function(PROMPT_DONE, arg=index, timeout=60_000)
    first = page.evaluate(CELL_TEXT, index)
    assert first.strip().startswith("Pas encore de réponse\u00a0:") and len(first.strip().splitlines()) == 1, \
        f"{name} : la première vérification, exécutée seule, affiche : {first[:500]}"
    if CAPTURES:
        page.locator(".jp-Cell").nth(index).screenshot(path=str(Path(CAPTURES) / f"{Path(name).stem}-premiere-verification.png"))
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
        wide = [(round(w), round(text)) for w, text in page.evaluate(MENU_WIDTHS) if w > text + 80]
        assert wide == [], f"menus plus larges que leurs options à {width} px (largeur, texte) : {wide}"
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
    _reopen_after_a_restart(page, lab, path.name, checked)


#: The notebook also saved and reopened a second time (ipywidgets #3888: saving a reopened
#: notebook before running it drops its forms' state): the one with the most forms. The
#: others are reopened once, which is where a form's own restore shows.
REOPENED_TWICE = "relation-client.ipynb"


def _reopen_after_a_restart(page, lab: str, name: str, forms: int) -> None:
    """Saved, the kernel restarted, the page reloaded (the hub's next morning): each form is
    back as the student left it, says in French that it waits for the notebook to run, and
    nothing reads in English; for :data:`REOPENED_TWICE`, saved again as it is (JupyterLab
    saves every two minutes) and reopened, the same."""
    page.evaluate("async () => { await window.jupyterapp.commands.execute('docmanager:save'); }")
    page.evaluate("async () => { await window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart(); }")
    for time in ("rouvert", "rouvert-deux-fois")[:2 if name == REOPENED_TWICE else 1]:
        _open(page, lab, name, reset=False)
        page.wait_for_function(WIDGETS_SETTLED, timeout=30_000)
        page.evaluate(LAID_OUT)
        text = page.locator(".jp-Notebook").inner_text()
        english = [phrase for phrase in ENGLISH if phrase in text]
        assert english == [], f"{name} {time} après un redémarrage : {english}"
        # Each form is back and says it waits for the notebook to run, or, where JupyterLab
        # lost its state, the French line stands in its place.
        seen = page.evaluate(WIDGET_OUTPUTS, FORM)
        assert len(seen) >= forms and all(
            shown in (f'"{FORMULAIRE_INERTE}"', f'"{FORMULAIRE_A_REAFFICHER}"', "restauré") for shown in seen), page.evaluate(
            """() => [...document.querySelectorAll('.transfonum-formulaire')].map((f) => f.closest('.jp-OutputArea-child').outerHTML.slice(0, 300))""")
        if CAPTURES:
            for width in (1280, 800):
                page.set_viewport_size({"width": width, "height": 900})
                page.evaluate(LAID_OUT)
                if forms:
                    page.locator(WIDGET_OUTPUT).first.scroll_into_view_if_needed()
                page.screenshot(path=str(Path(CAPTURES) / f"{Path(name).stem}-{time}-{width}.png"))
            page.set_viewport_size({"width": 1280, "height": 900})
        page.evaluate("async () => { await window.jupyterapp.commands.execute('docmanager:save'); }")


def test_the_notebook_reopened_twice_is_a_student_notebook():
    assert REOPENED_TWICE in [p.name for p in STUDENT]


def test_a_notebook_opened_and_closed_untouched_asks_nothing(lab, lab_root, student_page):
    page = student_page
    name = "intact.ipynb"
    shutil.copy(STUDENT[0], lab_root / "exercises" / name)
    _open(page, lab, name)
    page.wait_for_timeout(1500)
    assert page.evaluate(DIRTY) == [False, False]
    page.evaluate("() => { window.jupyterapp.commands.execute('application:close'); }")
    page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel')", timeout=10_000)
    assert page.locator(".jp-Dialog").count() == 0, "fermer le carnet intact demande d'enregistrer"


def test_kit_errors_and_an_untrusted_form_read_in_french(lab, lab_root, student_page):
    """A typo in a table name gives one French line; a form saved in a copy Jupyter does not
    trust (sent by a student, say) reads as a French sentence, not « Exercice(children=… »."""
    from transfonum.exercices.widgets import exercice

    page = student_page
    bundle = exercice("cdo-domaines")._repr_mimebundle_()
    untrusted = nbformat.v4.new_code_cell("exercice(\"cdo-domaines\")", outputs=[
        nbformat.v4.new_output("display_data", data=bundle)])
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('from transfonum.donnees import charger_table\ncharger_table("etude")'), untrusted])
    nbformat.write(notebook, lab_root / "exercises" / "erreurs.ipynb")
    _open(page, lab, "erreurs.ipynb")
    form = page.evaluate(CELL_TEXT, 1).strip()
    assert form == "Formulaire de réponse de l’exercice «\u00a0cdo-domaines\u00a0»\u00a0: exécutez cette cellule pour l’afficher."
    page.evaluate("async () => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0;"
                  " await window.jupyterapp.commands.execute('notebook:run-cell'); }")
    page.wait_for_function(PROMPT_DONE, arg=0, timeout=60_000)
    page.wait_for_function("() => document.querySelector('.jp-OutputArea-output')", timeout=10_000)
    error = page.evaluate(CELL_TEXT, 0).strip()
    assert error.startswith("Erreur\u00a0: table inconnue «\u00a0etude\u00a0»\u00a0; vouliez-vous dire «\u00a0etudes\u00a0»")
    assert len(error.splitlines()) == 1, error
    if CAPTURES:
        for width in (1280, 800):
            page.set_viewport_size({"width": width, "height": 900})
            page.evaluate(LAID_OUT)
            page.screenshot(path=str(Path(CAPTURES) / f"erreurs-{width}.png"))


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
