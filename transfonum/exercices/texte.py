"""Texte sûr : normaliser ce que tape un élève et le renvoyer sans risque.

Deux besoins, un module :

- comparer sans tenir compte de la casse, des accents ni des espaces
  (:func:`normaliser`) ;
- citer la réponse de l'élève dans un message : texte tronqué, caractères de contrôle
  et demi-codets isolés remplacés, HTML échappé (:func:`citer`).
"""

from __future__ import annotations

import html
import re
import unicodedata

#: Espace insécable, à placer avant « : ; ! ? % » et à l'intérieur des guillemets.
#: Longueur maximale d'un texte cité dans un message.
LIMITE_CITATION = 40
#: Longueur au-delà de laquelle une réponse n'est même pas analysée.
LONGUEUR_MAX_REPONSE = 2000

_ESPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009\u200b]+")
_PONCTUATION_DE_BORD = " .,;:!?()[]{}\"'«»“”‘’-_*/"


def texte_simple(value: str, limit: int = LONGUEUR_MAX_REPONSE + 1) -> str:
    """Copie en ``str`` simple (jamais une sous-classe) des ``limit`` premiers caractères.

    Passe par ``str.__getitem__`` pour ne déclencher aucune méthode redéfinie par une
    sous-classe de ``str``.
    """
    return str.__getitem__(value, slice(0, limit))


def _nettoyer(text: str) -> str:
    """Remplace demi-codets isolés et caractères de contrôle par U+FFFD."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cs", "Cc", "Cf", "Co", "Cn") and ch not in "\u00a0\u202f":
            out.append(" " if ch in "\t\n\r" else "\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def citer(text: str, limit: int = LIMITE_CITATION) -> str:
    """Texte de l'élève prêt à être cité : tronqué à ``limit`` caractères, nettoyé, échappé.

    >>> citer("<b>80</b>")
    '&lt;b&gt;80&lt;/b&gt;'
    """
    short = texte_simple(text, limit + 1)
    cut = len(short) > limit
    short = _nettoyer(short[:limit])
    return html.escape(short, quote=True) + ("…" if cut else "")


def normaliser(text: str) -> str:
    """Forme de comparaison : sans accents, en minuscules, espaces réduites,
    ponctuation de bord retirée (« (B) » et « b. » donnent « b »).

    >>> normaliser("  Création ")
    'creation'
    """
    decomposed = unicodedata.normalize("NFKD", _nettoyer(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _ESPACES.sub(" ", bare.casefold()).strip(_PONCTUATION_DE_BORD)


def nom_type(value: object) -> str:
    """Nom du type de ``value``, échappé et tronqué (sans appeler ``str``/``repr``)."""
    try:
        name = type(value).__name__
        if not isinstance(name, str):
            return "inconnu"
        return citer(name, 30)
    except Exception:  # noqa: BLE001 — un métatype hostile ne doit rien casser
        return "inconnu"
