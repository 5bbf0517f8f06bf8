"""Ouvrir le carnet d'exercices d'un chapitre dans Binder ou sur un JupyterHub.

Extension Sphinx (nommée dans ``_config.yml``). Réglages, tous dans ``_config.yml`` :
``repository.url`` et ``repository.branch`` (le dépôt), ``launch_buttons.binderhub_url``
(Binder) et ``launch_buttons.jupyterhub_url`` (le JupyterHub de l'établissement, via
nbgitpuller ; vide : pas de bouton JupyterHub).

- Les pages d'un chapitre qui a un carnet (``exercises/<chapitre>.ipynb``) reçoivent dans
  l'en-tête les boutons « Binder » et « JupyterHub » qui ouvrent **ce carnet** (et non la
  page du livre, un fichier MyST que l'environnement léger de Binder ne sait pas ouvrir).
- Le rôle ``{notebook-exercice}`<id>``` écrit, dans un énoncé, « exercice <id> du
  carnet » et les liens pour l'ouvrir ; la construction échoue si l'identifiant est
  inconnu ou absent du carnet de son chapitre.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from transfonum.exercises.keys import default_keys
from transfonum.fr import NBSP
from transfonum.notebooks import CHECK_CALL, SOURCES_DIR, student_path

LOGGER = logging.getLogger(__name__)
UI_PREFIXES = {"classic": "tree", "jupyterlab": "lab/tree"}
SETTINGS_KEY = "transfonum_launch"


def binder_url(binderhub: str, repo_url: str, branch: str, path: str, interface: str = "jupyterlab") -> str:
    """Lien Binder qui ouvre ``path`` (relatif à la racine du dépôt)."""
    binderhub = binderhub.rstrip("/")
    if repo_url.startswith("https://github.com/"):
        org, repo = repo_url.removeprefix("https://github.com/").strip("/").split("/")[:2]
        base = f"{binderhub}/v2/gh/{org}/{repo}/{branch}"
    else:
        base = f"{binderhub}/v2/git/{quote(repo_url, safe='')}/{branch}"
    return f"{base}?urlpath={UI_PREFIXES[interface]}/{path}"


def jupyterhub_url(hub: str, repo_url: str, branch: str, path: str, interface: str = "jupyterlab") -> str:
    """Lien nbgitpuller : le hub clone (ou met à jour) le dépôt puis ouvre ``path``."""
    repo = repo_url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    query = urlencode({"repo": repo_url, "urlpath": f"{UI_PREFIXES[interface]}/{repo}/{path}",
                       "branch": branch}, safe="/")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def launch_links(app: Sphinx, chapter: str) -> list[tuple[str, str]]:
    """(nom, adresse) des services qui ouvrent le carnet du chapitre, selon ``_config.yml``."""
    settings = getattr(app, SETTINGS_KEY)
    path = f"exercises/{chapter}.ipynb"
    links = []
    if settings["binderhub_url"]:
        links.append(("Binder", binder_url(settings["binderhub_url"], settings["repo_url"],
                                           settings["branch"], path, settings["interface"])))
    if settings["jupyterhub_url"]:
        links.append(("JupyterHub", jupyterhub_url(settings["jupyterhub_url"], settings["repo_url"],
                                                   settings["branch"], path, settings["interface"])))
    return links


def _on_config_inited(app: Sphinx, config: Config) -> None:
    """Garde les réglages de lancement et les retire au thème, qui ouvrirait la page MyST."""
    theme = config.html_theme_options
    buttons = theme.get("launch_buttons", {})
    interface = buttons.get("notebook_interface", "jupyterlab")
    if interface not in UI_PREFIXES:
        raise ValueError(f"_config.yml, launch_buttons.notebook_interface : « {interface} » "
                         f"inconnu (valeurs possibles : {', '.join(UI_PREFIXES)})")
    setattr(app, SETTINGS_KEY, {
        "binderhub_url": (buttons.get("binderhub_url") or "").strip(),
        "jupyterhub_url": (buttons.get("jupyterhub_url") or "").strip(),
        "interface": interface,
        "repo_url": theme.get("repository_url", "").rstrip("/"),
        "branch": theme.get("repository_branch") or "main",
    })
    theme["launch_buttons"] = {k: v for k, v in buttons.items() if k not in ("binderhub_url", "jupyterhub_url")}


def _repo_root(app: Sphinx) -> Path:
    return Path(app.srcdir)


def _on_html_page_context(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    chapter = pagename.rsplit("/", 1)[-1]
    if doctree is None or not student_path(chapter, _repo_root(app)).exists():
        return
    links = launch_links(app, chapter)
    if not links or "header_buttons" not in context:
        return
    icons = {"Binder": "_static/images/logo_binder.svg", "JupyterHub": "_static/images/logo_jupyterhub.svg"}
    context["header_buttons"].append({
        "type": "group",
        "tooltip": "Ouvrir le carnet d'exercices",
        "icon": "fas fa-rocket",
        "label": "launch-buttons",
        "buttons": [{"type": "link", "text": name, "tooltip": f"Ouvrir le carnet d'exercices dans {name}",
                     "icon": icons[name], "url": url} for name, url in links],
    })


def notebook_exercise_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{notebook-exercice}`<id>``` : l'exercice dans le carnet, et où l'ouvrir."""
    env = inliner.document.settings.env
    exercise_id = text.strip()
    keys = default_keys()
    if exercise_id not in keys:
        msg = inliner.reporter.error(
            f"notebook-exercice : exercice inconnu « {exercise_id} » (absent des clés)", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    chapter = keys[exercise_id].chapter
    source = _repo_root(env.app) / SOURCES_DIR / f"{chapter}.md"
    if not source.exists() or exercise_id not in CHECK_CALL.findall(source.read_text(encoding="utf-8")):
        msg = inliner.reporter.error(
            f"notebook-exercice : « {exercise_id} » n'est pas vérifié dans {SOURCES_DIR.as_posix()}/{chapter}.md",
            line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    env.note_dependency(str(source))
    out = nodes.inline(classes=["transfonum-notebook-exercise"])
    out += nodes.Text(f"Dans le carnet du chapitre{NBSP}: exercice ")
    out += nodes.literal(exercise_id, exercise_id)
    links = launch_links(env.app, chapter)
    for i, (service, url) in enumerate(links):
        out += nodes.Text(" — ouvrir dans " if i == 0 else " ou ")
        out += nodes.reference(service, service, refuri=url)
    out += nodes.Text(".")
    return [out], []


def setup(app: Sphinx) -> dict:
    """Déclare le rôle et les boutons de lancement."""
    app.connect("config-inited", _on_config_inited, priority=600)  # after the GITHUB_REPOSITORY override
    app.connect("html-page-context", _on_html_page_context, priority=600)  # after the theme's buttons
    app.add_role("notebook-exercice", notebook_exercise_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
