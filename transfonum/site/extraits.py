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
- La directive ``{lieux-des-extraits}`` (annexe des sources) dit, billet par billet,
  combien de ses passages le livre cite et où : des liens vers les phrases
  (:class:`LieuxDesExtraits`).
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
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
    (identifiant), ``titre`` (du billet), ``locuteur`` (vide : l'auteur), ``note`` (ce que
    le lecteur doit savoir pour le lire ; souvent vide), ``numero``."""


def _extraits() -> dict[str, dict]:
    citations = charger_table("citations")
    titres = charger_table("billets").set_index("id")["titre"]
    return {ligne["identifiant"]: {**ligne, "titre": titres.get(ligne["billet"], ligne["billet"])}
            for ligne in citations.fillna("").to_dict("records")}


def role_extrait(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{extrait}`cit-…``` : la marque d'un extrait de ``data/citations.csv``, numérotée
    dans l'ordre de la page ; sa place est notée pour l'annexe des sources."""
    identifiant = text.strip()
    env = inliner.document.settings.env
    env.note_dependency(str(DOSSIER_DONNEES / "citations.csv"))
    extrait = _extraits().get(identifiant)
    if extrait is None:
        message = inliner.reporter.error(
            f"extrait inconnu : « {identifiant} » (aucune ligne de data/citations.csv ne porte cet identifiant)",
            line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    numero = env.temp_data["transfonum_extraits"] = env.temp_data.get("transfonum_extraits", 0) + 1
    _lieux(env).setdefault(env.docname, []).append((identifiant, numero, extrait["billet"]))
    return [noeud_extrait(rawtext, identifiant=identifiant, extrait=extrait["extrait"], billet=extrait["billet"],
                          titre=extrait["titre"], locuteur=extrait["locuteur"], note=extrait["note"],
                          numero=numero)], []


def ancre(identifiant: str, numero: int) -> str:
    """L'ancre de la marque ``numero`` d'une page, qui cite ``identifiant``."""
    return f"tf-{identifiant}-{numero}"


def _lieux(env) -> dict[str, list[tuple[str, int, str]]]:
    """Par page, ses extraits : (identifiant, numéro, billet), dans l'ordre de la page."""
    if not hasattr(env, "transfonum_extraits"):
        env.transfonum_extraits = {}
    return env.transfonum_extraits


def oublier_page(app, env, docname: str) -> None:
    """``env-purge-doc`` : la page va être relue, ses extraits avec elle."""
    _lieux(env).pop(docname, None)


def fusionner(app, env, docnames, autre) -> None:
    """``env-merge-info`` : les extraits lus par un autre processus (lecture parallèle)."""
    _lieux(env).update({d: v for d, v in _lieux(autre).items() if d in docnames})


def _typographie(texte: str) -> str:
    """L'apostrophe typographique, comme dans le reste de la page (docutils la met dans le
    texte, pas dans le HTML que le kit écrit lui-même)."""
    return texte.replace("'", "’")


def _texte_extrait(noeud: noeud_extrait) -> str:
    qui = f" ({noeud['locuteur']}, selon le billet)" if noeud["locuteur"] else ""
    return _typographie(f"{guillemets(noeud['extrait'])}{qui}")


class NotesDesExtraits(SphinxPostTransform):
    """Ajoute à la fin d'une page la liste de ses extraits, dans l'ordre de leurs numéros,
    pour l'impression."""

    default_priority = 800
    formats = ("html",)

    def run(self, **kwargs) -> None:
        marques = list(self.document.findall(noeud_extrait))
        if not marques:
            return
        liste = nodes.enumerated_list(enumtype="arabic")
        for marque in marques:
            texte = f"{_texte_extrait(marque)} — {_typographie(marque['titre'])}"
            if marque["note"]:
                texte += f" ({_typographie(marque['note'])})"
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
    ident = ancre(noeud["identifiant"], noeud["numero"])
    adresse = adresse_entree(self, noeud["billet"])
    if adresse is None:
        JOURNAL.warning(f"extrait « {noeud['identifiant']} » : le billet {noeud['billet']} n'a pas d'entrée "
                        "dans la bibliographie du livre", location=noeud)
        adresse = ""
    titre = html.escape(_typographie(noeud["titre"]))
    source = f'<a href="{html.escape(adresse)}">{titre}</a>' if adresse else titre
    self.body.append(
        f'<span class="transfonum-extrait" id="{ident}">'
        f'<button type="button" class="transfonum-extrait-marque" aria-expanded="false" '
        f'aria-controls="{ident}-bulle" data-numero="{noeud["numero"]}">'
        f'<span class="visually-hidden">Les mots du billet</span></button>'
        f'<span class="transfonum-extrait-bulle" id="{ident}-bulle" role="note">'
        f'<span class="transfonum-extrait-texte">{html.escape(_texte_extrait(noeud))}</span> '
        f'<span class="transfonum-extrait-source">— {source}</span>'
        + (f'<span class="transfonum-extrait-note">{html.escape(_typographie(noeud["note"]))}</span>' if noeud["note"] else "")
        + "</span></span>")
    raise nodes.SkipNode


def ignorer(self, noeud: noeud_extrait) -> None:
    """Hors HTML, la marque n'écrit rien (la liste des extraits est écrite par ailleurs)."""
    raise nodes.SkipNode


class noeud_lieux_extraits(nodes.General, nodes.Element):  # noqa: N801 - nom de nœud docutils
    """La place de la liste des billets cités, remplie à l'écriture (:class:`LieuxDesExtraits`)."""


class DirectiveLieuxDesExtraits(SphinxDirective):
    """``{lieux-des-extraits}`` : billet par billet, les phrases du livre qui s'appuient
    sur ses mots."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(DOSSIER_DONNEES / "citations.csv"))
        return [noeud_lieux_extraits()]


def _ordre_des_pages(env) -> list[str]:
    """Les pages dans l'ordre du livre (la table des matières, en profondeur), puis celles
    qu'elle ne nomme pas."""
    ordre: list[str] = []

    def parcourir(docname: str) -> None:
        if docname in ordre:
            return
        ordre.append(docname)
        for enfant in env.toctree_includes.get(docname, []):
            parcourir(enfant)

    parcourir(env.config.root_doc)
    return ordre + sorted(set(env.found_docs) - set(ordre))


class LieuxDesExtraits(SphinxPostTransform):
    """Remplit la liste : pour chaque billet cité (dans l'ordre de la table ``billets``),
    son titre, le nombre de ses passages que cite le livre et, page par page, un lien vers
    chaque phrase."""

    default_priority = 800

    def run(self, **kwargs) -> None:
        for place in list(self.document.findall(noeud_lieux_extraits)):
            place.replace_self(self._liste())

    def _liste(self) -> nodes.Node:
        lieux = _lieux(self.env)
        par_billet: dict[str, list[tuple[str, str, int]]] = {}
        for docname in _ordre_des_pages(self.env):
            for identifiant, numero, billet in lieux.get(docname, []):
                par_billet.setdefault(billet, []).append((docname, identifiant, numero))
        titres = {e["billet"]: e["titre"] for e in _extraits().values()}
        ordre = list(charger_table("billets")["id"])
        liste = nodes.bullet_list()
        for billet in sorted(par_billet, key=lambda b: (ordre.index(b) if b in ordre else len(ordre), b)):
            phrases, titre = par_billet[billet], titres.get(billet, billet)
            passages = len({identifiant for _, identifiant, _ in phrases})
            paragraphe = nodes.paragraph("", "", nodes.emphasis("", _typographie(titre)),
                                         nodes.Text(f" : {passages} passage{'s' if passages > 1 else ''}, cité"
                                                    f"{'s' if passages > 1 else ''} dans "))
            pages: dict[str, list[tuple[str, int]]] = {}
            for docname, identifiant, numero in phrases:
                pages.setdefault(docname, []).append((identifiant, numero))
            for n, (docname, marques) in enumerate(pages.items()):
                paragraphe += nodes.Text(" ; " if n else "")
                paragraphe += nodes.Text(f"{self.env.titles[docname].astext()}, phrase{'s' if len(marques) > 1 else ''} ")
                for m, (identifiant, numero) in enumerate(marques):
                    paragraphe += nodes.Text(", " if m else "")
                    adresse = self.app.builder.get_relative_uri(self.env.docname, docname) + "#" + ancre(identifiant, numero)
                    paragraphe += nodes.reference("", str(numero), refuri=adresse, internal=True)
            liste += nodes.list_item("", paragraphe)
        if not liste.children:
            return nodes.paragraph("", "Aucune page ne cite encore les mots d'un billet.")
        return liste
