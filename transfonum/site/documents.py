"""Les documents d'un chapitre, ouverts depuis le menu « Télécharger » de sa page : son
diaporama (écrit par la construction : :mod:`transfonum.site.diaporamas`), le chapitre en
PDF et sa fiche d'exercices sans solutions (écrits par ``make pdf`` :
:mod:`transfonum.outils.impression`).

Un chapitre a des documents s'il a un carnet d'exercices (``exercises/<chapitre>.ipynb``),
comme il a des boutons de lancement. Sur sa page, ces liens remplacent l'entrée
« imprimer » du thème ; les autres pages la gardent (la feuille d'impression du kit,
``static/transfonum-impression.css``, vaut pour toutes).
"""

from __future__ import annotations

from pathlib import Path

from transfonum.chemins import carnet_etudiant, diaporama, fiche_exercices, pdf_chapitre

#: Le groupe de boutons « Télécharger » du thème, et son entrée « imprimer » (``window.print``).
GROUPE_THEME, IMPRIMER_THEME = "download-buttons", "download-pdf-button"


def chapitre_de(pagename: str) -> str:
    """Le nom du chapitre d'une page (``book/cdo`` → ``cdo``)."""
    return pagename.rsplit("/", 1)[-1]


def a_des_documents(racine: Path, chapitre: str) -> bool:
    """Le chapitre a-t-il un diaporama et des PDF (c'est-à-dire un carnet d'exercices) ?"""
    return (racine / carnet_etudiant(chapitre)).exists()


def a_un_diaporama(env, docname: str) -> bool:
    """La page est-elle un chapitre (numéroté dans la table des matières), qui a un
    diaporama (:mod:`transfonum.site.diaporamas`), avec ou sans carnet d'exercices ?"""
    return bool(env.toc_secnumbers.get(docname, {}).get(""))


def boutons(chapitre: str, pathto, diapos: bool = True) -> list[dict]:
    """Les entrées du menu « Télécharger » d'une page de chapitre (``pathto`` : celui du
    contexte de la page, qui rend une adresse relative ; ``diapos`` : la page a un diaporama)."""
    pdf = [
        {"type": "link", "url": pathto(pdf_chapitre(chapitre).as_posix(), 1), "text": "Chapitre (PDF)",
         "tooltip": "Le chapitre à imprimer, avec ses graphiques", "icon": "fas fa-file-pdf",
         "label": "transfonum-pdf-chapitre"},
        {"type": "link", "url": pathto(fiche_exercices(chapitre).as_posix(), 1), "text": "Fiche d'exercices (PDF)",
         "tooltip": "Les énoncés des exercices, avec de la place pour répondre, sans solutions",
         "icon": "fas fa-pen", "label": "transfonum-fiche-exercices"},
    ]
    diaporamas = [
        {"type": "link", "url": pathto(diaporama(chapitre).as_posix(), 1), "text": "Diaporama",
         "tooltip": "Les objectifs, les graphiques, les exercices et les questions du chapitre, à projeter",
         "icon": "fas fa-chalkboard", "label": "transfonum-diaporama"},
    ]
    return pdf + (diaporamas if diapos else [])


def ajouter_boutons(app, pagename: str, context: dict, doctree) -> None:
    """Remplace, sur une page de chapitre, l'entrée « imprimer » du thème par les
    documents du chapitre (ou les ajoute dans un groupe à eux si le thème n'en a pas)."""
    chapitre = chapitre_de(pagename)
    if doctree is None or "header_buttons" not in context or not a_des_documents(Path(app.srcdir), chapitre):
        return
    entrees = boutons(chapitre, context["pathto"], a_un_diaporama(app.env, pagename))
    for groupe in context["header_buttons"]:
        if groupe.get("label") == GROUPE_THEME:
            groupe["buttons"] = [b for b in groupe["buttons"] if b.get("label") != IMPRIMER_THEME] + entrees
            return
    context["header_buttons"].append({"type": "group", "tooltip": "Documents du chapitre",
                                      "icon": "fas fa-download", "buttons": entrees,
                                      "label": "transfonum-documents"})
