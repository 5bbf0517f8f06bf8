"""Exécuter un carnet rendu, à l'écart : un noyau neuf de l'environnement du kit, un
dossier de travail temporaire, des limites de temps, pas de réseau ; les verdicts sont
lus dans le journal du correcteur (:mod:`transfonum.exercices.journal`).

Le carnet est exécuté par nbclient (déjà celui du kit) jusqu'au bout : une cellule qui
lève une exception est notée et la suite s'exécute ; une cellule qui dépasse sa limite,
ou le carnet la sienne, arrête le carnet, et les verdicts obtenus avant restent acquis.

Ce qu'un carnet ne peut pas faire pendant sa correction :

- écrire dans les copies : il s'exécute dans une copie de son dossier, et son dossier
  personnel (``HOME``) est lui aussi temporaire ;
- ouvrir une connexion réseau : les sockets Internet de Python sont refusées avant la
  première cellule (fichier de démarrage d'IPython, dans un profil temporaire). Un
  élève qui le voudrait vraiment pourrait défaire ce garde-fou : il protège des
  accidents (un ``read_csv`` sur une adresse), pas d'une attaque ;
- remplacer le correcteur : celui du kit est importé avant la première cellule, et le
  journal ne retient que ses verdicts.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from transfonum.exercices import journal
from transfonum.fr import INSECABLE, guillemets

#: Le nom du noyau de la correction (un kernelspec temporaire : l'interpréteur du kit).
NOYAU = "transfonum-correction"
#: Exécuté par IPython avant la première cellule du carnet.
DEMARRAGE = '''\
import socket as _socket

_FAMILLES_INTERNET = {_socket.AF_INET, _socket.AF_INET6}


def _sans_reseau(methode):
    def refuser(self, *args, **kwargs):
        if self.family in _FAMILLES_INTERNET:
            raise OSError("Réseau coupé pendant la correction : ce carnet ne peut rien télécharger.")
        return methode(self, *args, **kwargs)
    return refuser


for _nom in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(_socket.socket, _nom, _sans_reseau(getattr(_socket.socket, _nom)))
del _nom

import transfonum.exercices.widgets  # le correcteur du kit, chargé avant le code de l'élève
'''


@dataclass(frozen=True)
class Limites:
    """Les limites de temps d'une exécution, en secondes."""

    cellule: float = 60.0
    carnet: float = 300.0


@dataclass
class Execution:
    """Ce qu'a donné l'exécution d'un carnet.

    :ivar fichier: le carnet, relatif au dossier de l'élève (écriture POSIX).
    :ivar chapitre: le chapitre écrit dans ses métadonnées (carnets du kit), sinon ``None``.
    :ivar verdicts: les verdicts du correcteur, dans l'ordre des appels, chacun avec le
        numéro de sa cellule dans le carnet (à partir de 1).
    :ivar problemes: ce qui s'est mal passé, une phrase française par problème (fichier
        illisible ou vide, cellule en erreur, limite de temps dépassée).
    :ivar arrete: l'exécution a été arrêtée avant la fin (limite de temps, noyau perdu).
    :ivar secondes: la durée de l'exécution.
    """

    fichier: str
    chapitre: str | None = None
    verdicts: list[tuple[journal.Entree, int]] = field(default_factory=list)
    problemes: list[str] = field(default_factory=list)
    arrete: bool = False
    secondes: float = 0.0


def _cellule(notebook, index: int) -> str:
    """« cellule n° 7 (« print(x) ») » : le numéro et le début de la cellule."""
    source = notebook.cells[index].source.strip().splitlines() if index < len(notebook.cells) else []
    debut = source[0][:50] + ("…" if len(source[0]) > 50 or len(source) > 1 else "") if source else ""
    return f"cellule n°{INSECABLE}{index + 1}" + (f" ({guillemets(debut)})" if debut else "")


def lire_carnet(chemin: Path) -> tuple[nbformat.NotebookNode | None, str | None]:
    """Le carnet, ou la phrase qui dit pourquoi il ne peut pas être exécuté."""
    try:
        if chemin.stat().st_size == 0:
            return None, "fichier vide (0 octet) : rien à corriger"
        notebook = nbformat.read(chemin, as_version=4)
    except Exception as err:  # noqa: BLE001 — tout fichier rendu doit donner une phrase
        return None, f"ce n'est pas un carnet Jupyter lisible ({type(err).__name__})"
    if not any(c.get("cell_type") == "code" and c.get("source", "").strip() for c in notebook.cells):
        return None, "carnet vide : aucune cellule de code"
    return notebook, None


def _preparer(dossier_tmp: Path, journal_tmp: Path) -> dict[str, str]:
    """Écrit le kernelspec et le profil IPython temporaires ; renvoie l'environnement du noyau."""
    spec = dossier_tmp / "noyaux" / NOYAU
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--IPKernelApp.log_level=ERROR"],
        "display_name": "Correction (kit)", "language": "python"}), encoding="utf-8")
    demarrage = dossier_tmp / "ipython" / "profile_default" / "startup"
    demarrage.mkdir(parents=True)
    (demarrage / "00-correction.py").write_text(DEMARRAGE, encoding="utf-8")
    maison = dossier_tmp / "maison"
    maison.mkdir()
    env = dict(os.environ)
    env.update({"IPYTHONDIR": str(dossier_tmp / "ipython"), "HOME": str(maison), "TMPDIR": str(maison),
                journal.VARIABLE: str(journal_tmp), "MPLBACKEND": "agg"})
    return env


async def _executer(notebook, travail: Path, dossier_tmp: Path, env: dict[str, str],
                    limites: Limites, courante: list[int], requetes: dict[str, int]) -> None:
    km = AsyncKernelManager(kernel_name=NOYAU,
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(dossier_tmp / "noyaux")]))
    fin = time.monotonic() + limites.carnet

    def limite(_cell) -> int:
        return max(1, int(min(limites.cellule, fin - time.monotonic())))

    def suivre(cell, cell_index: int) -> None:
        courante[0] = cell_index

    def relier(cell, cell_index: int, execute_reply) -> None:
        requetes[execute_reply["parent_header"]["msg_id"]] = cell_index

    client = NotebookClient(notebook, km=km, timeout_func=limite, allow_errors=True, startup_timeout=60,
                            kernel_name=NOYAU, on_cell_execute=suivre, on_cell_executed=relier, record_timing=False,
                            resources={"metadata": {"path": str(travail)}})
    try:
        await client.async_execute(env=env)
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
        if km.has_kernel:
            await km.shutdown_kernel(now=True)


def _erreurs_des_cellules(notebook) -> list[str]:
    problemes = []
    for index, cell in enumerate(notebook.cells):
        for sortie in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if sortie.get("output_type") == "error":
                valeur = str(sortie.get("evalue", ""))[:200]
                problemes.append(f"{_cellule(notebook, index)} : erreur {sortie.get('ename', '?')}"
                                 + (f" ({valeur})" if valeur else ""))
    return problemes


def executer(dossier: Path, fichier: Path, limites: Limites = Limites(), seul: bool = False) -> Execution:
    """Exécute le carnet ``dossier / fichier`` dans une copie temporaire de ``dossier``
    (de ce seul fichier si ``seul``) et renvoie ses verdicts et ses problèmes.

    Ne lève pas d'exception pour un carnet d'élève, quel qu'il soit : tout problème
    devient une phrase de :attr:`Execution.problemes`.
    """
    resultat = Execution(fichier=fichier.as_posix())
    debut = time.monotonic()
    notebook, probleme = lire_carnet(dossier / fichier)
    if notebook is None:
        resultat.problemes.append(probleme)
        return resultat
    meta = notebook.metadata.get("transfonum")
    resultat.chapitre = meta.get("chapitre") if isinstance(meta, dict) and isinstance(meta.get("chapitre"), str) else None
    with tempfile.TemporaryDirectory(prefix="transfonum-correction-") as tmp:
        dossier_tmp = Path(tmp)
        travail = dossier_tmp / "travail"
        if seul:
            (travail / fichier).parent.mkdir(parents=True)
            shutil.copy2(dossier / fichier, travail / fichier)
        else:
            shutil.copytree(dossier, travail, symlinks=True)
        journal_tmp = dossier_tmp / "journal.jsonl"
        env = _preparer(dossier_tmp, journal_tmp)
        courante, requetes = [0], {}
        try:
            asyncio.run(_executer(notebook, (travail / fichier).parent, dossier_tmp, env, limites,
                                  courante, requetes))
        except CellTimeoutError:
            resultat.arrete = True
            ecoule = time.monotonic() - debut
            quelle = (f"la limite du carnet ({limites.carnet:.0f}{INSECABLE}s)" if ecoule >= limites.carnet - 1
                      else f"la limite par cellule ({limites.cellule:.0f}{INSECABLE}s)")
            resultat.problemes.append(f"{_cellule(notebook, courante[0])} : ne s'est pas terminée dans "
                                      f"{quelle} ; le carnet a été arrêté là, les cellules suivantes "
                                      "n'ont pas été exécutées")
        except DeadKernelError:
            resultat.arrete = True
            resultat.problemes.append(f"{_cellule(notebook, courante[0])} : le noyau s'est arrêté "
                                      "(mémoire épuisée ou sortie forcée) ; le carnet a été arrêté là")
        except Exception as err:  # noqa: BLE001 — le lot continue, le problème est dit
            resultat.arrete = True
            resultat.problemes.append(f"le carnet n'a pas pu être exécuté ({type(err).__name__} : {str(err)[:200]})")
        resultat.problemes[:0] = _erreurs_des_cellules(notebook)
        # Une requête sans réponse est celle de la cellule arrêtée en cours d'exécution.
        resultat.verdicts = [(e, requetes.get(e.requete, courante[0]) + 1) for e in journal.lire(journal_tmp)]
    resultat.secondes = time.monotonic() - debut
    return resultat
