"""Des auto-évaluations qui marchent dans la page statique, sans noyau.

Dans un chapitre (MyST) ::

    ```{autoevaluation} chiffres-non-verifies
    ```

écrit l'énoncé de l'exercice (tiré des clés de réponse), ses champs selon son type (une
case pour un nombre, des boutons radio pour un choix, une liste par élément pour un
classement), un bouton « Vérifier » et une zone de verdict lue par les lecteurs d'écran.
La clé *exportée* de l'exercice (:func:`transfonum.exercices.cles.exporter_cles`, chiffres
déjà lus dans ``data/``) est insérée dans la page en JSON, et ``transfonum-selfcheck.js``
corrige la réponse dans le navigateur : rien n'est téléchargé, la page marche même
ouverte depuis ``file://``. Le script et sa feuille de style ne sont ajoutés qu'aux pages
qui ont une auto-évaluation (:func:`ajouter_fichiers`).

Un identifiant inconnu (ou un fichier de clés cassé) arrête la construction : la
directive signale l'erreur à la page et à la ligne, et le livre est construit avec
``--warningiserror``.
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from transfonum.commandes import json_pour_script
from transfonum.exercices.cles import DOSSIER_CLES, ErreurCles, exporter_cles
from transfonum.fr import INSECABLE

SCRIPT = "transfonum-selfcheck.js"
FEUILLE_DE_STYLE = "transfonum-selfcheck.css"
#: Classe de l'élément qui entoure une auto-évaluation ; sa présence charge le script.
MARQUE = "transfonum-selfcheck"
SUFFIXE_UNITE = {"pourcent": "%", "nombre": ""}
INDICE_UNITE = {"pourcent": "un pourcentage", "nombre": "un nombre"}

_EMPHASE = re.compile(r"\*([^*\n]+)\*")


def texte_en_ligne(text: str) -> str:
    """``text`` échappé pour HTML ; ``*mot*`` devient une emphase (seul balisage gardé)."""
    return _EMPHASE.sub(r"<em>\1</em>", html.escape(text, quote=True))


def _champs_nombre(key: dict, prefix: str) -> str:
    unit = key["unit"]
    suffix = SUFFIXE_UNITE[unit]
    return (
        f'<p class="{MARQUE}-statement" id="{prefix}-enonce">{texte_en_ligne(key["statement"])}</p>\n'
        f'<label class="{MARQUE}-label" for="{prefix}-reponse">Votre réponse ({INDICE_UNITE[unit]})</label>\n'
        f'<span class="{MARQUE}-number">'
        f'<input type="text" id="{prefix}-reponse" name="reponse" inputmode="decimal" '
        f'autocomplete="off" spellcheck="false" aria-describedby="{prefix}-enonce">'
        + (f'<span class="{MARQUE}-unit" aria-hidden="true">{suffix}</span>' if suffix else "")
        + "</span>\n"
    )


def _groupe_de_champs(key: dict, body: str, prefix: str) -> str:
    """Les champs d'un choix ou d'un classement, sous l'énoncé en légende."""
    return (
        f'<fieldset class="{MARQUE}-fieldset">\n'
        f'<legend class="{MARQUE}-statement" id="{prefix}-enonce">{texte_en_ligne(key["statement"])}</legend>\n'
        f"{body}</fieldset>\n"
    )


def _champs_choix(key: dict, prefix: str) -> str:
    return _groupe_de_champs(key, prefix=prefix, body="".join(
        f'<div class="{MARQUE}-option"><input type="radio" name="{prefix}-choix" '
        f'id="{prefix}-choix-{i}" value="{html.escape(choice["id"])}">'
        f'<label for="{prefix}-choix-{i}">{texte_en_ligne(choice["label"])}</label></div>\n'
        for i, choice in enumerate(key["choices"])
    ))


def _champs_classement(key: dict, prefix: str) -> str:
    categories = "".join(
        f'<option value="{html.escape(cat["id"])}">{html.escape(cat["label"])}</option>'
        for cat in key["categories"]
    )
    return _groupe_de_champs(key, prefix=prefix, body="".join(
        f'<div class="{MARQUE}-row"><label for="{prefix}-element-{i}">{texte_en_ligne(item["label"])}</label>'
        f'<select id="{prefix}-element-{i}" data-item="{html.escape(item["id"])}">'
        f'<option value="">(à classer)</option>{categories}</select></div>\n'
        for i, item in enumerate(key["items"])
    ))


_CHAMPS = {
    "numeric": _champs_nombre,
    "choice": _champs_choix,
    "classification": _champs_classement,
}

#: La case à cocher d'une option, sur papier.
CASE = "☐"


def _papier_nombre(key: dict) -> str:
    unite = f"{INSECABLE}{SUFFIXE_UNITE[key['unit']]}" if SUFFIXE_UNITE[key["unit"]] else ""
    return (f'<p class="{MARQUE}-ligne">Votre réponse ({INDICE_UNITE[key["unit"]]}){INSECABLE}: '
            f'<span class="{MARQUE}-blanc"></span>{unite}</p>\n')


def _papier_choix(key: dict) -> str:
    options = "".join(f"<li>{CASE} {texte_en_ligne(c['label'])}</li>" for c in key["choices"])
    return f'<p>Cochez une réponse{INSECABLE}:</p>\n<ul class="{MARQUE}-options">{options}</ul>\n'


def _papier_classement(key: dict) -> str:
    entete = "".join(f'<th scope="col">{html.escape(c["label"])}</th>' for c in key["categories"])
    lignes = "".join(
        f'<tr><th scope="row">{texte_en_ligne(item["label"])}</th>'
        + f"<td>{CASE}</td>" * len(key["categories"]) + "</tr>"
        for item in key["items"])
    return (f"<p>Cochez une case par ligne{INSECABLE}:</p>\n"
            f'<table class="{MARQUE}-grille"><thead><tr><td></td>{entete}</tr></thead>'
            f"<tbody>{lignes}</tbody></table>\n")


_PAPIER = {"numeric": _papier_nombre, "choice": _papier_choix, "classification": _papier_classement}


def html_papier(key: dict) -> str:
    """La question sur papier (page imprimée, fiche d'exercices) : l'énoncé, puis une ligne
    pour un nombre, les options avec une case pour un choix, une grille pour un classement.

    :param key: une entrée de ``exporter_cles()["exercises"]``.
    """
    return (f'<div class="{MARQUE}-papier">\n<p>{texte_en_ligne(key["statement"])}</p>\n'
            f"{_PAPIER[key['type']](key)}</div>\n")


def html_autoevaluation(key: dict, prefix: str) -> str:
    """Le HTML d'une auto-évaluation pour la clé exportée ``key`` d'un exercice.

    :param key: une entrée de ``exporter_cles()["exercises"]``.
    :param prefix: unique dans la page ; chaque identifiant d'élément commence par lui.
    """
    return (
        f'<section class="{MARQUE}" id="{prefix}" data-exercise="{html.escape(key["id"])}" '
        # Nommée par son titre et son énoncé : deux auto-évaluations d'une page ne portent
        # pas le même nom.
        f'aria-labelledby="{prefix}-titre {prefix}-enonce">\n'
        f'<p class="{MARQUE}-title" id="{prefix}-titre">Auto-évaluation</p>\n'
        f'<script type="application/json" class="{MARQUE}-key">{json_pour_script(key)}</script>\n'
        f'<form class="{MARQUE}-form" novalidate>\n'
        f"{_CHAMPS[key['type']](key, prefix)}"
        # Activé par le script : sans lui, le bouton ne ferait rien.
        f'<button type="submit" class="{MARQUE}-button" disabled>Vérifier</button>\n'
        "</form>\n"
        f'<div class="{MARQUE}-feedback" role="status" aria-live="polite"></div>\n'
        f'<noscript><p>Cette auto-évaluation demande JavaScript{INSECABLE}; le carnet d’exercices '
        f"propose la même question.</p></noscript>\n"
        # Montrée à l'impression seulement, à la place du formulaire.
        + html_papier(key)
        + "</section>\n"
    )


class AutoEvaluation(SphinxDirective):
    """``{autoevaluation} <identifiant>`` : une auto-évaluation corrigée dans le navigateur."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False

    def run(self) -> list[nodes.Node]:
        ex_id = self.arguments[0]
        try:
            keys = {entry["id"]: entry for entry in exporter_cles()["exercises"]}
        except ErreurCles as err:
            raise self.error(f"autoevaluation : les clés de réponse sont illisibles : {err}") from None
        if ex_id not in keys:
            raise self.error(
                f"autoevaluation : exercice inconnu « {ex_id} » dans la page « {self.env.docname} » "
                f"(exercices connus : {', '.join(keys)})"
            )
        for path in [*DOSSIER_CLES.glob("*.json"), *self.env.app.transfonum_fichiers]:
            self.env.note_dependency(str(path))
        prefix = f"tf-autoeval-{self.env.new_serialno('autoevaluation')}"
        return [nodes.raw("", html_autoevaluation(keys[ex_id], prefix), format="html")]


def ajouter_fichiers(app: Sphinx, corps: str) -> None:
    """Ajoute le script et la feuille de style à la page dont le HTML est ``corps``, si
    elle contient une auto-évaluation."""
    if f'class="{MARQUE}"' in corps:
        app.add_js_file(SCRIPT, defer="defer")
        app.add_css_file(FEUILLE_DE_STYLE)
