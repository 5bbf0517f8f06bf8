"""Les commandes d'un explorateur (curseurs, listes), écrites en HTML à la construction.

Vega les fabriquerait lui-même, mais seulement une fois chargé ; écrites dans la page, elles
sont là dès la lecture, aux formats français, et le moteur Vega n'est chargé qu'au premier
usage d'un explorateur (``transfonum-explorateurs.js``) : une page lue sans y toucher ne le
télécharge pas. Le balisage reprend celui de Vega (``vega-bindings``, ``vega-bind``,
``vega-bind-name``) : la feuille de style et l'impression les traitent de même.
"""

from __future__ import annotations

import html
import json
from decimal import Decimal

from transfonum import fr

#: Les types de commande que le kit écrit ; une autre liaison Vega arrête la construction.
TYPES_DE_COMMANDE = ("range", "select")


def _valeur(valeur: object) -> str:
    """Une valeur telle que la commande l'affiche : ``3.5`` → « 3,5 », ``5000`` → « 5 000 »,
    un texte avec ses apostrophes typographiques."""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if not isinstance(valeur, (int, float)):
        return fr.apostrophes(str(valeur))
    if float(valeur).is_integer():
        return fr.nombre(valeur)
    return fr.nombre(valeur, max(0, -Decimal(repr(float(valeur))).as_tuple().exponent))


def _attribut(valeur: float) -> str:
    """Un nombre écrit dans un attribut HTML (point décimal) : ``5000`` → « 5000 »."""
    return str(int(valeur)) if float(valeur).is_integer() else repr(float(valeur))


def _curseur(nom: str, signal: dict) -> str:
    """Un curseur : sa valeur, à côté, pour les yeux ; pour un lecteur d'écran, la même en
    ``aria-valuetext`` (le nom du curseur reste son étiquette)."""
    liaison = signal["bind"]
    attributs = "".join(f' {cle}="{_attribut(liaison[cle])}"' for cle in ("min", "max", "step"))
    affichee = html.escape(_valeur(signal["value"]), quote=True)
    return (f'<input type="range" name="{nom}"{attributs} value="{_attribut(signal["value"])}" '
            f'aria-valuetext="{affichee}"><span class="vega-bind-value" aria-hidden="true">{affichee}</span>')


def _liste(nom: str, signal: dict) -> str:
    """Une liste : chaque option sous son libellé (``labels``) ou sa valeur, à la française."""
    liaison = signal["bind"]
    libelles = liaison.get("labels") or liaison["options"]
    options = "".join(
        f'<option value="{numero}"{" selected" if option == signal["value"] else ""}>'
        f"{html.escape(_valeur(libelle))}</option>"
        for numero, (option, libelle) in enumerate(zip(liaison["options"], libelles)))
    return f'<select name="{nom}">{options}</select>'


def _probleme(signal: dict) -> str:
    """Ce qui empêche d'écrire la commande d'un signal (vide si rien)."""
    liaison = signal["bind"]
    if liaison.get("input") not in TYPES_DE_COMMANDE:
        return f"est lié à une commande « {liaison.get('input')} »"
    if "value" not in signal:
        return "n'a pas de valeur de départ"
    if liaison["input"] == "range" and not all(cle in liaison for cle in ("min", "max", "step")):
        return "est un curseur sans « min », « max » et « step » (le site ne devine pas ceux de Vega)"
    if liaison.get("labels") and len(liaison["labels"]) != len(liaison.get("options", [])):
        return "a une liste de libellés (« labels ») qui ne répond pas à ses options une à une"
    if liaison["input"] == "select" and signal["value"] not in liaison.get("options", []):
        return f"part de « {signal['value']} », qui n'est pas l'une de ses options"
    return ""


def separer(spec_vega: dict, ou: str) -> tuple[dict, str, dict]:
    """Sépare d'une spécification Vega compilée ses commandes : la spécification sans
    liaisons (le script des explorateurs relie lui-même les commandes aux signaux), le HTML
    des commandes (une ligne) et, pour chaque liste, ses valeurs dans l'ordre des options.

    ``ou`` nomme le graphique dans le message d'erreur : une liaison d'un autre type que
    :data:`TYPES_DE_COMMANDE`, ou sans valeur de départ valable, arrête la construction."""
    signaux, lignes, listes = [], [], {}
    for signal in spec_vega.get("signals", []):
        liaison = signal.get("bind")
        if not isinstance(liaison, dict):
            signaux.append(signal)
            continue
        if probleme := _probleme(signal):
            raise ValueError(f"{ou} : le paramètre « {signal['name']} » {probleme} ; le site n'écrit que "
                             f"des curseurs (bornes et pas donnés) et des listes ({', '.join(TYPES_DE_COMMANDE)}), "
                             "chacun avec sa valeur de départ.")
        nom = html.escape(signal["name"], quote=True)
        etiquette = html.escape(fr.apostrophes(liaison.get("name") or signal["name"]))
        if liaison["input"] == "range":
            commande = _curseur(nom, signal)
        else:
            commande = _liste(nom, signal)
            listes[signal["name"]] = liaison["options"]
        lignes.append(f'<div class="vega-bind"><label><span class="vega-bind-name">{etiquette}</span>'
                      f"{commande}</label></div>")
        signaux.append({cle: valeur for cle, valeur in signal.items() if cle != "bind"})
    if not lignes:
        return spec_vega, "", {}
    return ({**spec_vega, "signals": signaux},
            f'<div class="vega-bindings">{"".join(lignes)}</div>', listes)


def json_pour_script(valeurs: object) -> str:
    """Du JSON qui ne peut ni fermer ni commenter l'élément ``<script>`` qui le contient (sans
    ``<``, ``>`` ni ``&`` bruts) : la spécification d'un explorateur, la clé d'une
    auto-évaluation."""
    texte = json.dumps(valeurs, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return texte.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
