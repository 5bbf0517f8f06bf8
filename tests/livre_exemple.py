"""A small book's pieces for the tests that build or read one: its table of contents
(written like the kit's ``_toc.yml``), the ``_config.yml`` line naming the teachers' pages,
and a session plan's tables."""

from __future__ import annotations

#: The ``_config.yml`` of a small book: the session plans are the teachers' pages.
CONFIG_ENSEIGNANTS = 'sphinx:\n  config:\n    transfonum_pages_enseignants: ["book/enseigner/seance-*"]\n'

#: A session plan's two tables the deck needs: « Objectifs et exercices », and « Déroulé »
#: (five steps, 90 minutes, with the teacher's notes).
PLAN = ("## Objectifs et exercices\n\n| Objectif du chapitre | Exercices |\n|---|---|\n| **Lire** un chiffre | aucun |\n\n"
        "## Déroulé\n\n| Durée (min) | Étape | L'enseignant | Les étudiants | Support |\n|---|---|---|---|---|\n"
        + "".join(f"| {duree} | {etape} | Anime | Participent | Le chapitre |\n" for duree, etape in (
            (10, "Accroche"), (20, "Lecture des chiffres"), (30, "Exercices du carnet"), (20, "Discussion du cas"),
            (10, "Synthèse"))))


def table_des_matieres(chapitres: list[str], cours: list[str], annexes: list[str] = (),
                       racine: str = "book/intro") -> str:
    """A ``_toc.yml``: ``chapitres`` in a numbered part, ``cours`` as the sections of the
    course page (``book/enseigner/index``), ``annexes`` in a last part (page names without
    extension, e.g. ``book/alpha``)."""
    def entrees(pages: list[str], retrait: str) -> str:
        return "".join(f"{retrait}- file: {page}\n" for page in pages)

    texte = (f"format: jb-book\nroot: {racine}\nparts:\n  - caption: Chapitres\n    numbered: true\n"
             f"    chapters:\n{entrees(chapitres, '      ')}"
             "  - caption: Enseigner avec ce kit\n    chapters:\n      - file: book/enseigner/index\n")
    if cours:
        texte += f"        sections:\n{entrees(cours, '          ')}"
    if annexes:
        texte += f"  - caption: Annexes\n    chapters:\n{entrees(annexes, '      ')}"
    return texte
