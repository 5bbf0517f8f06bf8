"""Le rôle ``{extrait}`` : les mots mêmes du billet derrière une phrase qui lui attribue
quelque chose, à un clic du lecteur.

Une phrase qui dit ce qu'un billet, son auteur ou une personne qu'il cite avance finit par
``{extrait}`cit-…```, collé au dernier mot. L'extrait vient de ``data/citations.csv``
(jamais retapé dans la page) ; un identifiant inconnu arrête la construction en nommant la
page et l'identifiant.

- Sur la page : une petite marque (un bouton) ; l'activer (souris, clavier, doigt) montre
  l'extrait entre guillemets, qui parle s'il ne s'agit pas de l'auteur, le titre du
  billet et un lien vers son entrée de bibliographie. L'extrait est dans la page : sans
  script, il s'affiche au survol et quand la marque a le focus ; le script
  (``static/transfonum-extraits.js``) l'ouvre et le ferme au clic, et Échap le referme.
- Imprimée, la marque devient un numéro, et les extraits du chapitre sont listés à sa fin
  (:class:`NotesDesExtraits`), comme des notes.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from transfonum.donnees import DOSSIER_DONNEES, charger_table
from transfonum.fr import guillemets

JOURNAL = logging.getLogger(__name__)
#: Le script qui ouvre et ferme les extraits (``site/static/``).
SCRIPT_EXTRAITS = "transfonum-extraits.js"
#: La classe de la liste des extraits, imprimée seule (cachée à l'écran).
CLASSE_NOTES = "transfonum-extraits-imprimes"


class noeud_extrait(nodes.Inline, nodes.Element):  # noqa: N801 - nom de nœud docutils
    """La marque d'un extrait dans le texte : ``identifiant``, ``extrait``, ``billet``
    (identifiant), ``titre`` (du billet), ``locuteur`` (vide : l'auteur), ``numero``."""


def _extraits() -> dict[str, dict]:
    citations = charger_table("citations")
    titres = charger_table("billets").set_index("id")["titre"]
    return {ligne["identifiant"]: {**ligne, "titre": titres.get(ligne["billet"], ligne["billet"])}
            for ligne in citations.fillna("").to_dict("records")}


def role_extrait(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{extrait}`cit-…``` : la marque d'un extrait de ``data/citations.csv``."""
    identifiant = text.strip()
    inliner.document.settings.env.note_dependency(str(DOSSIER_DONNEES / "citations.csv"))
    extrait = _extraits().get(identifiant)
    if extrait is None:
        message = inliner.reporter.error(
            f"extrait inconnu : « {identifiant} » (aucune ligne de data/citations.csv ne porte cet identifiant)",
            line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [noeud_extrait(rawtext, identifiant=identifiant, extrait=extrait["extrait"], billet=extrait["billet"],
                          titre=extrait["titre"], locuteur=extrait["locuteur"], numero=0)], []


def _typographie(texte: str) -> str:
    """L'apostrophe typographique, comme dans le reste de la page (docutils la met dans le
    texte, pas dans le HTML que le kit écrit lui-même)."""
    return texte.replace("'", "’")


def _texte_extrait(noeud: noeud_extrait) -> str:
    qui = f" ({noeud['locuteur']}, selon le billet)" if noeud["locuteur"] else ""
    return _typographie(f"{guillemets(noeud['extrait'])}{qui}")


class NotesDesExtraits(SphinxPostTransform):
    """Numérote les extraits d'une page et ajoute, à sa fin, leur liste pour l'impression."""

    default_priority = 800
    formats = ("html",)

    def run(self, **kwargs) -> None:
        marques = list(self.document.findall(noeud_extrait))
        if not marques:
            return
        liste = nodes.enumerated_list(enumtype="arabic")
        for numero, marque in enumerate(marques, start=1):
            marque["numero"] = numero
            texte = f"{_texte_extrait(marque)} — {_typographie(marque['titre'])}"
            liste += nodes.list_item("", nodes.paragraph("", texte))
        titre = nodes.rubric("", "Les mots des billets")
        conteneur = nodes.container("", titre, liste, classes=[CLASSE_NOTES])
        section = next(iter(self.document.findall(nodes.section)), self.document)
        section += conteneur


def adresse_entree(traducteur, billet: str) -> str | None:
    """L'adresse, depuis la page en cours, de l'entrée de bibliographie du billet."""
    domaine = traducteur.builder.env.get_domain("cite")
    for citation in domaine.citations:
        if citation.key == billet:
            page = traducteur.builder.get_relative_uri(traducteur.builder.current_docname,
                                                       citation.bibliography_key.docname)
            return f"{page}#{citation.citation_id}"
    return None


def visiter_extrait(self, noeud: noeud_extrait) -> None:
    """La marque et sa bulle (HTML)."""
    ident = f"tf-{noeud['identifiant']}-{noeud['numero']}"
    adresse = adresse_entree(self, noeud["billet"])
    if adresse is None:
        JOURNAL.warning(f"extrait « {noeud['identifiant']} » : le billet {noeud['billet']} n'a pas d'entrée "
                        "dans la bibliographie du livre", location=noeud)
        adresse = ""
    titre = html.escape(_typographie(noeud["titre"]))
    source = f'<a href="{html.escape(adresse)}">{titre}</a>' if adresse else titre
    self.body.append(
        f'<span class="transfonum-extrait">'
        f'<button type="button" class="transfonum-extrait-marque" aria-expanded="false" aria-controls="{ident}" '
        f'data-numero="{noeud["numero"]}">'
        f'<span class="visually-hidden">Les mots du billet</span></button>'
        f'<span class="transfonum-extrait-bulle" id="{ident}" role="note">'
        f'<span class="transfonum-extrait-texte">{html.escape(_texte_extrait(noeud))}</span> '
        f'<span class="transfonum-extrait-source">— {source}</span></span></span>')
    raise nodes.SkipNode


def ignorer(self, noeud: noeud_extrait) -> None:
    """Hors HTML, la marque n'écrit rien (la liste des extraits est écrite par ailleurs)."""
    raise nodes.SkipNode
