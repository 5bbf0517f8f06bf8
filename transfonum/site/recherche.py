"""La recherche du site, en français qui pardonne les accents.

Sphinx construit l'index de recherche depuis l'arbre de chaque document (ni les boutons
ni les menus de la page n'y entrent) et le navigateur y cherche les racines des mots
tapés. :class:`RechercheFrancaise` remplace la langue française de Sphinx (``language:
fr``) : les mots de l'index et ceux de la requête perdent leurs accents **avant** la
racinisation (le raciniseur Snowball français, le même des deux côtés), si bien que
« generation », « génération » et « générations » ont la même racine, « gener ».

Côté navigateur, ``language_data.js`` reçoit la fonction qui découpe la requête
(:data:`DECOUPAGE_JS`, qui retire les accents comme :func:`plier` le fait ici), et la page
de recherche (gabarit ``site/modeles/search.html``) charge ``static/transfonum-recherche.js``
(et sa feuille, ``transfonum-recherche.css``) : les titres cherchés sans accents, et le
résumé de chaque résultat tiré du texte de l'article (sans les boutons ni les menus du
thème) autour du passage qui répond.

La recherche est hors ligne : l'index est un fichier du site, aucune requête ne sort.
"""

from __future__ import annotations

import unicodedata

from sphinx.application import Sphinx
from sphinx.search.fr import SearchFrench

from transfonum.site.statique import FEUILLE_RECHERCHE

#: La requête découpée en mots sans accents, dans ``language_data.js`` (remplace le
#: ``splitQuery`` de ``searchtools.js``) ; ``plierAccents`` sert aussi au résumé.
DECOUPAGE_JS = r"""
/* transfonum.site.recherche : la requête perd ses accents, comme les mots de l'index. */
var plierAccents = (texte) => texte.normalize("NFD").replace(/\p{Mn}/gu, "");
var splitQuery = (query) => plierAccents(query)
  .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
  .filter((mot) => mot);
"""


def plier(texte: str) -> str:
    """``texte`` sans ses accents ni autres signes diacritiques (« Génération » →
    « Generation ») : ce que fait ``plierAccents`` dans le navigateur."""
    return "".join(c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn")


class RechercheFrancaise(SearchFrench):
    """Le français de Sphinx, insensible aux accents : chaque mot est plié (:func:`plier`)
    avant d'être racinisé, dans l'index comme dans la requête."""

    stopwords = {plier(mot) for mot in SearchFrench.stopwords}
    js_splitter_code = DECOUPAGE_JS

    def split(self, input: str) -> list[str]:  # noqa: A002 - nom imposé par Sphinx
        return super().split(plier(input))

    def stem(self, word: str) -> str:
        return super().stem(plier(word))


def installer(app: Sphinx) -> None:
    """Déclare la langue de recherche du kit (elle remplace le français de Sphinx) et la
    feuille de ses résultats (réduite, sur les autres pages, à rien : :mod:`~transfonum.site.feuilles`)."""
    app.add_search_language(RechercheFrancaise)
    app.add_css_file(FEUILLE_RECHERCHE)
