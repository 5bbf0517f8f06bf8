"""Publishing exposes no solution: the GitHub Pages workflow and the GitLab Pages job
publish the student edition (and its PDFs), and keep the teacher edition as a build
artefact only; `make serve-etudiant` serves the student edition."""

from __future__ import annotations

import subprocess

import yaml

from transfonum.chemins import EDITION_ETUDIANTE, RACINE

ETUDIANTE = (EDITION_ETUDIANTE / "_build" / "html").as_posix()
ENSEIGNANTE = "_build/html"


def _etapes() -> list[dict]:
    flux = yaml.safe_load((RACINE / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    return flux["jobs"]["build"]["steps"]


def test_github_pages_publishes_the_student_edition_only():
    etapes = _etapes()
    publiees = [e["with"]["path"] for e in etapes if e.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert publiees == [ETUDIANTE]
    gardees = [e for e in etapes if e.get("uses", "").startswith("actions/upload-artifact")]
    assert [e["with"]["path"] for e in gardees] == [ENSEIGNANTE], "the teacher edition, as an artefact of the run"
    commandes = " ".join(e.get("run", "") for e in etapes)
    assert "make pdf-etudiant" in commandes, "the student edition is published with its PDFs"


def test_gitlab_pages_publishes_the_student_edition_only():
    jobs = yaml.safe_load((RACINE / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    pages = " ".join(jobs["pages"]["script"])
    assert "make pdf-etudiant" in pages and f"cp -r {ETUDIANTE} public" in pages
    assert jobs["pages"]["artifacts"]["paths"] == ["public"]
    assert jobs["enseignants"]["artifacts"]["paths"] == [ENSEIGNANTE]
    publies = [nom for nom, job in jobs.items() if isinstance(job, dict) and "public" in job.get("artifacts", {}).get("paths", [])]
    assert publies == ["pages"], "only the student edition's job publishes"


def test_make_serves_each_edition():
    def servi(cible: str) -> str:
        return subprocess.run(["make", "-n", "-C", str(RACINE), cible], capture_output=True, text=True, check=True).stdout

    assert f"--directory {ETUDIANTE} " in servi("serve-etudiant")
    assert f"--directory {ENSEIGNANTE} " in servi("serve")
