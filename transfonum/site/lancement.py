"""Ouvrir le carnet d'exercices d'un chapitre dans Binder ou sur un JupyterHub.

Réglages, tous dans ``_config.yml`` : ``launch_buttons.binderhub_url`` (Binder),
``launch_buttons.jupyterhub_url`` (le JupyterHub de l'établissement, via nbgitpuller ;
vide : pas de bouton JupyterHub), et le dépôt que ces services clonent. Le dépôt est
trouvé sans adresse d'exemple (:func:`trouver_depot`) : ``repository.url`` et
``repository.branch`` s'ils sont renseignés ; sinon, sur GitHub Actions, le dépôt et la
branche du workflow ; sinon le remote ``origin`` et la branche courante de git (``.git``
retiré). S'il n'y en a aucun d'accessible en ligne, la construction le dit en clair et
les liens de lancement (et les boutons dépôt et signalement du thème) sont retirés.
Binder et le hub ouvrent la **branche étudiante** (``transfonum_branche_etudiante``, écrite
par ``make branche-etudiante`` : sans corrigés) si elle existe dans le dépôt ; sinon la
branche trouvée, et la construction dit en clair que les corrigés sont alors à portée.

- Les pages d'un chapitre qui a un carnet (``exercises/<chapitre>.ipynb``) reçoivent dans
  l'en-tête les boutons « Binder » et « JupyterHub » qui ouvrent **ce carnet** (et non la
  page du livre, un fichier MyST que l'environnement léger de Binder ne sait pas ouvrir).
- Le rôle ``{notebook-exercice}`<id>``` écrit, dans un énoncé, « exercice <id> du
  carnet » et les liens pour l'ouvrir ; la construction échoue si l'identifiant est
  inconnu ou absent du carnet de son chapitre.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.console import bold

from transfonum.chemins import carnet_etudiant, source_carnet
from transfonum.exercices.carnets import APPEL_VERIFIER
from transfonum.exercices.cles import cles_du_kit
from transfonum.fr import INSECABLE
from transfonum.site.construction import avis

JOURNAL = logging.getLogger(__name__)

#: Le début du chemin d'un fichier dans l'URL de chaque interface de Jupyter.
PREFIXES_INTERFACE = {"classic": "tree", "jupyterlab": "lab/tree"}
_REGLAGES = "transfonum_lancement"


@dataclass(frozen=True)
class Depot:
    """Un dépôt public que Binder ou un hub peuvent cloner : adresse web et branche."""

    adresse: str
    branche: str


#: ``git@hote:org/depot.git`` et ``ssh://git@hote/org/depot.git``.
_SSH = re.compile(r"^(?:ssh://)?git@([^:/]+)[:/](.+)$")


def adresse_web(remote: str) -> str | None:
    """L'adresse web d'un remote git (``https://github.com/org/depot``), ``.git`` et ``/``
    finaux retirés ; ``None`` pour un remote qui n'est pas en ligne (chemin local,
    ``file://``)."""
    remote = remote.strip()
    ssh = _SSH.match(remote)
    if ssh:
        remote = f"https://{ssh.group(1)}/{ssh.group(2)}"
    if not remote.startswith(("https://", "http://")):
        return None
    return remote.rstrip("/").removesuffix(".git").rstrip("/")


def _git(dossier: Path, *arguments: str) -> str:
    """La sortie d'une commande git dans ``dossier`` (vide si git échoue ou manque)."""
    try:
        fait = subprocess.run(["git", "-C", str(dossier), *arguments], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return fait.stdout.strip() if fait.returncode == 0 else ""


def trouver_depot(adresse: str, branche: str, environ: Mapping[str, str], dossier: Path) -> Depot | None:
    """Le dépôt des liens de lancement, dans cet ordre : ``adresse`` et ``branche`` de
    ``_config.yml`` s'ils sont renseignés ; sur GitHub Actions, ``GITHUB_REPOSITORY`` et
    la branche du workflow ; le remote ``origin`` et la branche courante de git dans
    ``dossier``. ``None`` si aucune adresse en ligne n'est trouvée."""
    sur_actions = environ.get("GITHUB_REPOSITORY")
    adresse = (adresse or "").strip()
    if adresse:
        web = adresse_web(adresse)
    elif sur_actions:
        web = f"https://github.com/{sur_actions}"
    else:
        web = adresse_web(_git(dossier, "config", "--get", "remote.origin.url"))
    if not web:
        return None
    branche = (branche or "").strip()
    if not branche and sur_actions and environ.get("GITHUB_REF_TYPE") == "branch":
        branche = environ.get("GITHUB_REF_NAME", "")
    if not branche:
        branche = _git(dossier, "symbolic-ref", "--short", "HEAD") or "main"  # vide : HEAD détachée
    return Depot(web, branche)


def branche_des_carnets(depot: Depot, branche_etudiante: str, dossier: Path) -> tuple[str, str]:
    """La branche qu'ouvrent Binder et le hub, et un avertissement (vide s'il n'y en a pas) :
    ``branche_etudiante`` si elle existe dans le dépôt git de ``dossier`` (branche locale ou
    d'``origin``), sinon celle du dépôt ; vide, ``branche_etudiante`` n'est pas demandée."""
    branche_etudiante = (branche_etudiante or "").strip()
    if not branche_etudiante:
        return depot.branche, ""
    for ref in (f"refs/heads/{branche_etudiante}", f"refs/remotes/origin/{branche_etudiante}"):
        if _git(dossier, "rev-parse", "--verify", "--quiet", ref):
            return branche_etudiante, ""
    return depot.branche, (
        f"La branche étudiante « {branche_etudiante} » n'existe pas dans ce dépôt : les liens Binder "
        f"et JupyterHub ouvrent « {depot.branche} », corrigés compris. Lancez « make branche-etudiante » "
        f"puis « git push origin {branche_etudiante} », et reconstruisez le livre.")


def adresse_binder(binderhub: str, repo_url: str, branch: str, path: str, interface: str = "jupyterlab") -> str:
    """Lien Binder qui ouvre ``path`` (relatif à la racine du dépôt)."""
    binderhub = binderhub.rstrip("/")
    if repo_url.startswith("https://github.com/"):
        org, repo = repo_url.removeprefix("https://github.com/").strip("/").split("/")[:2]
        base = f"{binderhub}/v2/gh/{org}/{repo}/{branch}"
    else:
        base = f"{binderhub}/v2/git/{quote(repo_url, safe='')}/{branch}"
    return f"{base}?urlpath={PREFIXES_INTERFACE[interface]}/{path}"


def adresse_jupyterhub(hub: str, repo_url: str, branch: str, path: str, interface: str = "jupyterlab") -> str:
    """Lien nbgitpuller : le hub clone (ou met à jour) le dépôt dans un dossier du nom du
    dépôt, puis ouvre ``path`` ; paramètres encodés comme les écrit le générateur de liens
    de nbgitpuller (``repo``, ``urlpath``, ``branch``)."""
    repo = repo_url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    query = urlencode({"repo": repo_url, "urlpath": f"{PREFIXES_INTERFACE[interface]}/{repo}/{path}",
                       "branch": branch}, safe="")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def liens_lancement(app: Sphinx, chapter: str) -> list[tuple[str, str]]:
    """(nom, adresse) des services qui ouvrent le carnet du chapitre, selon ``_config.yml``."""
    settings = getattr(app, _REGLAGES)
    path = carnet_etudiant(chapter).as_posix()
    links = []
    if settings["binderhub_url"]:
        links.append(("Binder", adresse_binder(settings["binderhub_url"], settings["repo_url"],
                                           settings["branch"], path, settings["interface"])))
    if settings["jupyterhub_url"]:
        links.append(("JupyterHub", adresse_jupyterhub(settings["jupyterhub_url"], settings["repo_url"],
                                                   settings["branch"], path, settings["interface"])))
    return links


def retenir_reglages(app: Sphinx, config: Config) -> None:
    """Trouve le dépôt, garde les réglages de lancement et les retire au thème (qui
    ouvrirait la page MyST) ; donne au thème l'adresse du dépôt pour ses boutons dépôt et
    signalement, ou les retire s'il n'y a pas de dépôt en ligne."""
    theme = config.html_theme_options
    buttons = theme.get("launch_buttons", {})
    interface = buttons.get("notebook_interface", "jupyterlab")
    if interface not in PREFIXES_INTERFACE:
        raise ValueError(f"_config.yml, launch_buttons.notebook_interface : « {interface} » "
                         f"inconnu (valeurs possibles : {', '.join(PREFIXES_INTERFACE)})")
    depot = trouver_depot(theme.get("repository_url", ""), theme.get("repository_branch", ""),
                          os.environ, Path(app.srcdir))
    if depot is None:
        avis(JOURNAL, bold(
            "Liens de lancement désactivés : aucun dépôt en ligne trouvé (ni repository.url dans "
            "_config.yml, ni GITHUB_REPOSITORY, ni remote « origin » de git en https ou ssh). "
            "Renseignez repository.url pour que les élèves puissent ouvrir les carnets."))
        branche = ""
    else:
        theme.update(repository_url=depot.adresse, repository_branch=depot.branche,
                     use_repository_button=True, use_issues_button=True)
        branche, avertissement = branche_des_carnets(depot, config.transfonum_branche_etudiante, Path(app.srcdir))
        if avertissement:
            avis(JOURNAL, bold(avertissement))
    setattr(app, _REGLAGES, {
        "binderhub_url": (buttons.get("binderhub_url") or "").strip() if depot else "",
        "jupyterhub_url": (buttons.get("jupyterhub_url") or "").strip() if depot else "",
        "interface": interface,
        "repo_url": depot.adresse if depot else "",
        "branch": branche,
    })
    theme["launch_buttons"] = {k: v for k, v in buttons.items() if k not in ("binderhub_url", "jupyterhub_url")}


def ajouter_boutons(app: Sphinx, pagename: str, context: dict, doctree) -> None:
    """Ajoute à l'en-tête d'une page de chapitre les boutons qui ouvrent son carnet (après
    ceux du thème), si le chapitre a un carnet et qu'un service est réglé."""
    chapter = pagename.rsplit("/", 1)[-1]
    if doctree is None or not (Path(app.srcdir) / carnet_etudiant(chapter)).exists():
        return
    links = liens_lancement(app, chapter)
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


def role_carnet_exercice(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{notebook-exercice}`<id>``` : l'exercice dans le carnet, et où l'ouvrir."""
    env = inliner.document.settings.env
    exercise_id = text.strip()
    keys = cles_du_kit()
    if exercise_id not in keys:
        msg = inliner.reporter.error(
            f"notebook-exercice : exercice inconnu « {exercise_id} » (absent des clés)", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    chapter = keys[exercise_id].chapter
    source = Path(env.app.srcdir) / source_carnet(chapter)
    if not source.exists() or exercise_id not in APPEL_VERIFIER.findall(source.read_text(encoding="utf-8")):
        msg = inliner.reporter.error(
            f"notebook-exercice : « {exercise_id} » n'est pas vérifié dans {source_carnet(chapter).as_posix()}",
            line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    env.note_dependency(str(source))
    out = nodes.inline(classes=["transfonum-notebook-exercise"])
    out += nodes.Text(f"Dans le carnet du chapitre{INSECABLE}: exercice ")
    out += nodes.literal(exercise_id, exercise_id)
    links = liens_lancement(env.app, chapter)
    for i, (service, url) in enumerate(links):
        out += nodes.Text(" — ouvrir dans " if i == 0 else " ou ")
        out += nodes.reference(service, service, refuri=url)
    out += nodes.Text(".")
    return [out], []
