"""Des tableaux qui se lisent sur un téléphone.

- :class:`TableauxDefilants` (post-transformation) : un tableau trop large pour la colonne
  défile dans un cadre nommé (``role="group"``, ``aria-label`` tiré de sa légende ou de sa
  section), que le clavier atteint (``tabindex="0"``) ; le script du thème lui retire cet
  arrêt de tabulation quand rien ne dépasse (il gère ``.pst-scrollable-table-container`` et
  ``.cell_output > .output``). Cela vaut pour les tableaux du texte (Markdown) comme pour
  les sorties HTML des cellules (pandas). L'ombre qui signale la suite est dans
  ``static/transfonum.css``.
- Les tableaux du texte d'au moins :data:`COLONNES_CARTES` colonnes (plans de séance,
  grilles d'évaluation…) deviennent des cartes sous 600 px : chaque case porte l'en-tête de
  sa colonne (``data-label``, pris dans la ligne d'en-tête de l'arbre du document, écrit par
  :func:`visiter_case`), que la feuille de style affiche devant elle.

Le texte de l'arbre ne change pas : le diaporama, qui le lit, reste le même.
"""

from __future__ import annotations

from html.parser import HTMLParser

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from transfonum import fr

#: À partir de combien de colonnes un tableau du texte devient des cartes sur un téléphone.
COLONNES_CARTES = 4
CLASSE_CARTES = "transfonum-cartes"
CLASSE_DEFILANT = "transfonum-defilant"
#: La classe du cadre que le thème met autour des tableaux du texte, et dont son script
#: règle l'arrêt de tabulation (``pydata_sphinx_theme``, ``addTabStopsToScrollableElements``).
CADRE_DU_THEME = "pst-scrollable-table-container"
#: L'en-tête de colonne d'une case, posé par :class:`TableauxDefilants`.
ETIQUETTE = "transfonum_etiquette"


class noeud_defilant(nodes.General, nodes.Element):
    """Le cadre défilant d'un tableau ; ``nom`` est son nom accessible."""


class _Legende(HTMLParser):
    """Lit le texte du premier ``<caption>`` d'un fragment HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.texte, self._dedans, self._lue = "", False, False

    def handle_starttag(self, balise: str, attributs) -> None:
        self._dedans = balise == "caption" and not self._lue

    def handle_endtag(self, balise: str) -> None:
        if balise == "caption" and self._dedans:
            self._dedans, self._lue = False, True

    def handle_data(self, donnees: str) -> None:
        if self._dedans:
            self.texte += donnees


class _Contenu(HTMLParser):
    """Note si un fragment HTML contient un tableau, et un graphique du kit."""

    def __init__(self) -> None:
        super().__init__()
        self.tableau = self.graphique = False

    def handle_starttag(self, balise: str, attributs) -> None:
        self.tableau = self.tableau or balise == "table"
        classes = (dict(attributs).get("class") or "").split()
        self.graphique = self.graphique or "transfonum-chart" in classes


def legende_html(fragment: str) -> str:
    """Le texte de la légende (``<caption>``) du premier tableau de ``fragment``, ou ``""``."""
    lecteur = _Legende()
    lecteur.feed(fragment)
    return " ".join(lecteur.texte.split())


def _titre_de_section(noeud: nodes.Node) -> str:
    section = noeud.parent
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return ""
    return section[0].astext()


def nom_du_cadre(legende: str, section: str) -> str:
    """Le nom accessible du cadre d'un tableau : sa légende, sinon le titre de sa section."""
    if legende:
        return f"Tableau{fr.INSECABLE}: {legende}"
    if section:
        return f"Tableau de la section {fr.guillemets(section)}"
    return "Tableau"


def entetes_de_colonnes(table: nodes.table) -> list[str] | None:
    """Le texte des en-têtes de colonnes de ``table`` s'il peut devenir des cartes (au moins
    :data:`COLONNES_CARTES` colonnes, une seule ligne d'en-tête, aucune case fusionnée),
    sinon ``None``."""
    groupe = table.next_node(nodes.tgroup)
    tete = groupe.next_node(nodes.thead) if groupe else None
    if tete is None or len(tete.children) != 1 or groupe.get("cols", 0) < COLONNES_CARTES:
        return None
    if any(case.get("morecols") or case.get("morerows") for case in table.findall(nodes.entry)):
        return None
    return [case.astext() for case in tete[0].children]


def _encadrer(noeud: nodes.Element, nom: str, classes: list[str]) -> noeud_defilant:
    cadre = noeud_defilant(nom=nom, classes=classes)
    noeud.replace_self(cadre)
    cadre += noeud
    return cadre


class TableauxDefilants(SphinxPostTransform):
    """Encadre chaque tableau (du texte ou d'une sortie de cellule) dans un cadre défilant
    nommé ; étiquette les cases des tableaux du texte qui deviennent des cartes."""

    default_priority = 450  # après EntetesVides (400), qui retouche les sorties de pandas
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            legende = table[0].astext() if table.children and isinstance(table[0], nodes.title) else ""
            entetes = entetes_de_colonnes(table)
            if entetes is not None:
                table["classes"].append(CLASSE_CARTES)
                for corps in table.findall(nodes.tbody):
                    for ligne in corps.children:
                        for case, entete in zip(ligne.children, entetes):
                            case[ETIQUETTE] = entete
            _encadrer(table, nom_du_cadre(legende, _titre_de_section(table)), [CADRE_DU_THEME, CLASSE_DEFILANT])
        for brut in list(self.document.findall(nodes.raw)):
            if "html" not in brut.get("format", "").split() or "text_html" not in brut["classes"]:
                continue
            contenu = _Contenu()
            contenu.feed(brut.astext())
            if not contenu.tableau or contenu.graphique:
                continue
            classes, brut["classes"] = brut["classes"], []  # le cadre prend la place du <div> de la sortie
            nom = nom_du_cadre(legende_html(brut.astext()), _titre_de_section(brut))
            _encadrer(brut, nom, [*classes, CLASSE_DEFILANT])


def visiter_defilant(self, noeud: noeud_defilant) -> None:
    """L'ouverture du cadre : ``<div role="group" aria-label="…" tabindex="0">``."""
    self.body.append(self.starttag(noeud, "div", "", role="group", tabindex="0", **{"aria-label": noeud["nom"]}))


def quitter_defilant(self, noeud: noeud_defilant) -> None:
    """La fermeture du cadre."""
    self.body.append("</div>\n")


def visiter_case(self, noeud: nodes.entry) -> None:
    """Une case de tableau, écrite par le traducteur lui-même ; celle qui porte l'en-tête de
    sa colonne le reçoit en ``data-label``."""
    etiquette = noeud.get(ETIQUETTE)
    if etiquette is None:
        return type(self).visit_entry(self, noeud)
    ouvrir = self.starttag

    def ouvrir_etiquetee(element, balise, suffixe="\n", vide=False, **attributs):
        return ouvrir(element, balise, suffixe, vide, **attributs, **{"data-label": etiquette})

    self.starttag = ouvrir_etiquetee
    try:
        type(self).visit_entry(self, noeud)
    finally:
        del self.starttag


def quitter_case(self, noeud: nodes.entry) -> None:
    """La fin d'une case : celle du traducteur."""
    type(self).depart_entry(self, noeud)


def installer(app) -> None:
    """Déclare à Sphinx le cadre défilant, l'écriture des cases et la post-transformation."""
    app.add_node(noeud_defilant, html=(visiter_defilant, quitter_defilant))
    app.add_node(nodes.entry, override=True, html=(visiter_case, quitter_case))
    app.add_post_transform(TableauxDefilants)
