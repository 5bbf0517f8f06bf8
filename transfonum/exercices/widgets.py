"""Widgets des carnets d'exercices (Jupyter, Binder ; jamais dans les pages du livre).

Trois outils, tous en français et sans trace d'erreur pour l'élève :

- :func:`verifier` : le verdict du correcteur, affiché comme un petit encadré
  (« Juste » ou « À revoir », puis le message) ::

      verifier("chiffres-non-verifies", reponse)

- :func:`exercice` : un formulaire de réponse pour n'importe quel exercice des clés
  (nombre, choix, classement), un bouton « Vérifier » et le verdict sous le bouton ;
- :func:`explorateur` : des curseurs ou listes dont les valeurs sont passées à une
  fonction qui renvoie un graphique Altair, redessiné à chaque changement ::

      explorateur(dessiner, annee=(2012, 2014), statut=["confirme", "differe"])

Chaque cellule qui les appelle les importe elle-même (les carnets générés le font) : une
cellule exécutée la première, ou après un redémarrage du noyau, répond en français. Dans
IPython, importer ce module fait aussi dire en une ligne française qu'un nom n'existe pas
encore (« Pas encore de réponse » pour ``reponse``), au lieu d'une trace ``NameError``.

Ce module n'importe qu'ipywidgets, le correcteur et la palette des graphiques : il
tourne dans l'environnement léger de ``binder/requirements.txt``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
from IPython import get_ipython
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import HTML, display

from transfonum.exercices import journal
from transfonum.exercices.correction import corriger, cle
from transfonum.exercices.cles import Cle
from transfonum.exercices.reponses import exemple
from transfonum.fr import INSECABLE, guillemets
from transfonum.graphiques import PALETTE

JUSTE, A_REVOIR = "Juste", "À revoir"
#: Couleurs de bordure et de fond, par verdict (rôles de la palette des graphiques) ; le
#: verdict est aussi écrit en toutes lettres, la couleur n'est jamais le seul indice.
_STYLES = {
    True: (PALETTE["positif"], PALETTE["fond_positif"]),
    False: (PALETTE["contraste"], PALETTE["fond_contraste"]),
}
_LIBELLES_UNITE = {"pourcent": "%", "nombre": ""}
#: Ce que le formulaire demande tant que rien n'est saisi, par type d'exercice.
_INDICES_VIDES = {
    "numeric": "tapez votre réponse dans la case",
    "choice": "cochez l’une des réponses",
    "classification": "choisissez une catégorie pour chaque élément",
}
_ERREUR_DESSIN = "Le graphique n’a pas pu être dessiné avec ces valeurs"
#: La variable où la cellule de départ d'un exercice met la réponse.
NOM_REPONSE = "reponse"
#: Ce que lit l'élève qui vérifie avant d'avoir exécuté sa réponse (noyau neuf ou redémarré).
REPONSE_NON_EXECUTEE = (
    f"Pas encore de réponse{INSECABLE}: exécutez d’abord la cellule où vous écrivez "
    f"{guillemets(NOM_REPONSE + ' = …')} (au-dessus), puis celle-ci."
)
#: Ce qu'affiche un formulaire rouvert sans noyau (son état enregistré avec le carnet).
FORMULAIRE_INERTE = ("Formulaire enregistré avec le carnet, inactif pour l’instant" + INSECABLE
                     + ": exécutez les cellules du carnet (menu Exécution) pour répondre.")
#: Ce qu'affiche, à la place de la phrase anglaise de JupyterLab (« Error displaying
#: widget: model not found »), un formulaire que le carnet rouvert ne sait plus dessiner.
FORMULAIRE_A_REAFFICHER = ("Formulaire à réafficher" + INSECABLE
                           + ": exécutez les cellules du carnet (menu Exécution).")
#: La sortie d'un widget que JupyterLab n'a pas dessiné : son rendu de widget (un panneau,
#: sans type MIME écrit, à la différence des autres sorties) n'a que du texte.
_SORTIE_WIDGET = ".jp-OutputArea-output.lm-Panel:not([data-mime-type]):not(:has(*))"
#: Une sortie HTML sans rien de visible, affichée avant chaque formulaire : enregistrée
#: avec le carnet, elle remplace la phrase anglaise d'un widget perdu par la phrase
#: française (le texte anglais masqué, lecteurs d'écran compris).
STYLE_REPLI = (
    f"<style>{_SORTIE_WIDGET} {{visibility: hidden;}}"
    f" {_SORTIE_WIDGET}::before {{visibility: visible; content: \"{FORMULAIRE_A_REAFFICHER}\";"
    " font-style: italic;}</style>"
)
#: Classe CSS des formulaires, et leur style : il voyage avec chaque formulaire affiché.
#: Les libellés des choix passent à la ligne au lieu de déborder sur l'option suivante ;
#: chaque menu est aussi large que son texte, sans dépasser la cellule.
CLASSE_FORMULAIRE = "transfonum-formulaire"
STYLE_FORMULAIRE = (
    # ipywidgets écrit le texte avant le bouton : row-reverse remet le bouton à gauche.
    f"<style>.{CLASSE_FORMULAIRE} .widget-radio-box label {{display: flex; flex-direction: row-reverse;"
    " justify-content: flex-end; flex-wrap: nowrap; align-items: flex-start; gap: 0.45em;"
    " white-space: normal; height: auto; line-height: 1.35;"
    " margin-bottom: 0.4em;}"
    f" .{CLASSE_FORMULAIRE} .widget-radio-box input {{flex: none; margin: 0.2em 0 0;}}"
    # Un menu dans une colonne flexible s'étire sur toute la largeur : align-self l'en
    # empêche, et la liste prend la largeur de ses options.
    f" .{CLASSE_FORMULAIRE} .widget-dropdown {{width: auto; max-width: 100%; align-self: flex-start;}}"
    f" .{CLASSE_FORMULAIRE} .widget-dropdown select {{flex: 0 1 auto; width: auto; max-width: 100%;}}"
    f" .{CLASSE_FORMULAIRE} .transfonum-element {{margin: 0.4em 0 0.1em;}}"
    # Rouvert sans noyau (état enregistré avec le carnet), le formulaire est inerte :
    # une phrase le dit, à la place de l'icône de lien rompu de chaque champ.
    f" .{CLASSE_FORMULAIRE} .jupyter-widgets-disconnected::before {{content: none; display: none;}}"
    f" .jupyter-widgets.{CLASSE_FORMULAIRE}.jupyter-widgets-disconnected::before {{content: \"{FORMULAIRE_INERTE}\";"
    " display: block; font-family: inherit; font-style: italic; color: inherit; height: auto;"
    " font-weight: normal; line-height: 1.35; padding: 0 0 0.4em; margin: 0;}</style>"
)


@dataclass(frozen=True)
class Retour:
    """Verdict affichable du correcteur.

    :ivar juste: la réponse est-elle juste ?
    :ivar message: l'explication du correcteur (texte de l'élève déjà échappé en HTML).
    """

    juste: bool
    message: str

    @property
    def verdict(self) -> str:
        """« Juste » ou « À revoir »."""
        return JUSTE if self.juste else A_REVOIR

    def __repr__(self) -> str:
        """Texte simple : le verdict puis le message (entités HTML décodées)."""
        return f"{self.verdict}{INSECABLE}: {html.unescape(self.message)}"

    def _repr_html_(self) -> str:
        border, background = _STYLES[self.juste]
        texte = PALETTE["texte"]
        return (
            f'<div class="transfonum-feedback" role="status" aria-live="polite" '
            f'style="border-left:4px solid {border};background:{background};color:{texte};'
            f'padding:0.5em 0.75em;margin:0.25em 0;border-radius:3px">'
            f"<strong>{self.verdict}</strong>{INSECABLE}: {self.message}</div>"
        )


def verifier(identifiant: str, reponse: object) -> Retour:
    """Corrige ``reponse`` et renvoie le verdict à afficher dans le carnet.

    :param identifiant: identifiant d'exercice (voir ``transfonum.exercices.identifiants()``).
    :param reponse: la réponse de l'élève, de n'importe quel type.
    :raises LookupError: si l'identifiant est inconnu (faute d'auteur).

    Le verdict est aussi ajouté au journal de la correction, quand elle en tient un
    (:mod:`transfonum.exercices.journal`).
    """
    result = corriger(identifiant, reponse)
    journal.noter(identifiant, result.juste, result.message)
    return Retour(result.juste, result.message)


def _champs_nombre(ex: Cle) -> tuple[dict[str, widgets.ValueWidget], widgets.Widget]:
    box = widgets.Text(value="", placeholder=f"par exemple {exemple(ex.unit)}", description="Réponse")
    return {"reponse": box}, widgets.HBox([box, widgets.Label(_LIBELLES_UNITE[ex.unit])])


def _champs_choix(ex: Cle) -> tuple[dict[str, widgets.ValueWidget], widgets.Widget]:
    options = [(label, key) for key, label in ex.choices.items()]
    radio = widgets.RadioButtons(options=options, value=None, layout=widgets.Layout(width="100%"))
    return {"reponse": radio}, radio


def _champs_classement(ex: Cle) -> tuple[dict[str, widgets.ValueWidget], widgets.Widget]:
    options = [(label, key) for key, label in ex.categories.items()]
    controls: dict[str, widgets.ValueWidget] = {}
    rows = []
    for item, label in ex.items.items():
        menu = widgets.Dropdown(options=options, value=None, layout=widgets.Layout(width="auto"))
        controls[item] = menu
        # Le libellé au-dessus de son menu, en HTML : il passe à la ligne s'il est long.
        rows.append(widgets.VBox([
            widgets.HTML(f'<div class="transfonum-element">{html.escape(label)}</div>'), menu]))
    return controls, widgets.VBox(rows)


_CHAMPS = {
    "numeric": _champs_nombre,
    "choice": _champs_choix,
    "classification": _champs_classement,
}


class Exercice(widgets.VBox):
    """Formulaire de réponse d'un exercice : champs, bouton « Vérifier », verdict.

    :ivar champs: les champs de réponse (``"reponse"`` pour un nombre ou un choix,
        un menu par élément à classer, indexé par identifiant d'élément).
    :ivar bouton: le bouton « Vérifier ».
    :ivar verdict: la zone du verdict (HTML), remise à jour à chaque clic.
    """

    def __init__(self, identifiant: str):
        ex = cle(identifiant)
        self.identifiant = ex.id
        self.kind = ex.type
        self.champs, form = _CHAMPS[ex.type](ex)
        self.bouton = widgets.Button(
            description="Vérifier", button_style="primary", icon="check",
            tooltip="Vérifier ma réponse",
        )
        self.verdict = widgets.HTML(value="")
        self.bouton.on_click(self.verifier)
        super().__init__([form, self.bouton, self.verdict, widgets.HTML(STYLE_FORMULAIRE)])
        self.add_class(CLASSE_FORMULAIRE)
        self.add_class(f"{CLASSE_FORMULAIRE}-{ex.id}")  # l'exercice, lisible dans la page

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """Le formulaire, et à sa place, là où Jupyter ne peut pas l'afficher (carnet non
        approuvé, autre lecteur), une phrase française plutôt que ``Exercice(children=…``."""
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = (f"Formulaire de réponse de l’exercice {guillemets(self.identifiant)}"
                                f"{INSECABLE}: exécutez cette cellule pour l’afficher.")
        return bundle

    def reponse(self) -> object:
        """La réponse lue dans les champs, sous la forme qu'attend le correcteur ;
        ``None`` tant que rien n'est saisi ni choisi."""
        if self.kind == "classification":
            placed = {item: menu.value for item, menu in self.champs.items() if menu.value is not None}
            return placed or None
        value = self.champs["reponse"].value
        return None if value is None or not str(value).strip() else value

    def verifier(self, _button: widgets.Button | None = None) -> Retour:
        """Corrige la réponse des champs et affiche le verdict (appelé par le bouton)."""
        try:
            reponse = self.reponse()
            if reponse is None:
                result = Retour(False, f"Pas encore de réponse{INSECABLE}: {_INDICES_VIDES[self.kind]}, "
                                         f"puis cliquez sur {guillemets('Vérifier')}.")
            else:
                result = verifier(self.identifiant, reponse)
        except Exception:  # noqa: BLE001 — un clic ne doit jamais produire de trace
            result = Retour(False, f"La vérification a échoué{INSECABLE}; relancez la cellule, puis réessayez.")
        self.verdict.value = result._repr_html_()
        return result


def _nom_inconnu(shell: InteractiveShell, etype: type, value: BaseException, tb: Any,
                 tb_offset: int | None = None) -> list[str]:
    """Gestionnaire IPython des ``NameError`` (voir :func:`dire_les_noms_inconnus`) :
    une ligne française à la place de la trace ; l'erreur reste une erreur."""
    nom = getattr(value, "name", None)
    if nom is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return []
    if nom == NOM_REPONSE:
        ligne = REPONSE_NON_EXECUTEE
    else:
        ligne = (f"{guillemets(nom)} n’existe pas encore dans ce carnet{INSECABLE}: exécutez d’abord les "
                 f"cellules au-dessus (menu Exécution), ou vérifiez l’orthographe de ce nom.")
    stb = [f"\x1b[1;31m{ligne}\x1b[0m"]
    shell._showtraceback(etype, value, stb)  # noqa: SLF001 — ce que ipykernel envoie au carnet
    return stb


def dire_les_noms_inconnus(shell: InteractiveShell | None = None) -> bool:
    """Dans IPython, fait dire en une ligne française qu'un nom n'existe pas encore
    (« Pas encore de réponse » pour ``reponse``) ; appelé à l'import de ce module.
    Renvoie ``False`` hors d'IPython."""
    shell = shell or get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((NameError,), _nom_inconnu)
    return True


dire_les_noms_inconnus()


def _afficher_le_repli() -> None:
    """Dans un carnet, affiche :data:`STYLE_REPLI` (rien de visible) avant le widget."""
    if get_ipython() is not None:
        display(HTML(STYLE_REPLI))


def exercice(identifiant: str) -> Exercice:
    """Le formulaire de réponse de l'exercice ``identifiant`` (tout type d'exercice).

    :raises LookupError: si l'identifiant est inconnu (faute d'auteur).
    """
    _afficher_le_repli()
    return Exercice(identifiant)


def _reglage(name: str, spec: object) -> widgets.ValueWidget:
    """Un curseur ou une liste : widget fourni, ``(min, max[, pas])`` ou liste d'options."""
    if isinstance(spec, widgets.ValueWidget):
        if hasattr(spec, "description") and not spec.description:
            spec.description = name
        return spec
    if isinstance(spec, tuple) and len(spec) in (2, 3) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in spec
    ):
        low, high, *step = spec
        if all(isinstance(v, int) for v in spec):
            return widgets.IntSlider(value=low, min=low, max=high, step=step[0] if step else 1, description=name)
        return widgets.FloatSlider(value=low, min=low, max=high, step=step[0] if step else (high - low) / 100,
                                   description=name)
    if isinstance(spec, (list, Mapping)) and spec:
        options = list(spec.items()) if isinstance(spec, Mapping) else list(spec)
        return widgets.Dropdown(options=options, description=name)
    raise TypeError(
        f"explorateur() : curseur {guillemets(name)} : donnez un widget, un intervalle (min, max[, pas]) "
        f"ou une liste d’options, pas {spec!r:.60}"
    )


def _sortie_affichee(obj: object) -> dict[str, Any]:
    """``obj`` comme sortie ``display_data`` d'un widget Output."""
    data, metadata = InteractiveShell.instance().display_formatter.format(obj)
    return {"output_type": "display_data", "data": data, "metadata": metadata}


class Explorateur(widgets.VBox):
    """Curseurs et listes au-dessus d'un graphique redessiné à chaque changement.

    :ivar champs: les widgets de réglage, par nom de paramètre de ``dessiner``.
    :ivar sortie: la zone du graphique.
    """

    def __init__(self, dessiner: Callable[..., object], curseurs: Mapping[str, object]):
        if not curseurs:
            raise TypeError("explorateur() : donnez au moins un curseur, par exemple annee=(2012, 2014)")
        self.dessiner = dessiner
        self.champs = {name: _reglage(name, spec) for name, spec in curseurs.items()}
        self.sortie = widgets.Output()
        for control in self.champs.values():
            control.observe(self.redessiner, names="value")
        super().__init__([widgets.HBox(list(self.champs.values())), self.sortie])
        self.redessiner()

    def valeurs(self) -> dict[str, object]:
        """Les valeurs actuelles des réglages."""
        return {name: control.value for name, control in self.champs.items()}

    def redessiner(self, _change: object = None) -> None:
        """Redessine le graphique avec les valeurs actuelles (remplace le précédent)."""
        values = self.valeurs()
        try:
            output = _sortie_affichee(self.dessiner(**values))
        except Exception as err:  # noqa: BLE001 — l'élève ne voit pas de trace
            settings = ", ".join(f"{name} = {value!r:.40}" for name, value in values.items())
            output = _sortie_affichee(HTML(
                f'<p role="alert">{_ERREUR_DESSIN} ({html.escape(settings)}){INSECABLE}: '
                f"{html.escape(type(err).__name__)}.</p>"
            ))
        self.sortie.outputs = (output,)


def explorateur(dessiner: Callable[..., object], **curseurs: object) -> Explorateur:
    """Relie des réglages à un graphique : ``dessiner(**valeurs)`` est rappelée à chaque
    changement et son graphique remplace le précédent.

    :param dessiner: fonction qui reçoit un argument nommé par réglage et renvoie un
        graphique Altair (ou tout objet affichable).
    :param curseurs: un réglage par argument de ``dessiner`` : un widget ipywidgets, un
        intervalle ``(min, max)`` ou ``(min, max, pas)`` (curseur, entier si les bornes le
        sont ; départ au minimum) ou une liste d'options (menu déroulant).
    :raises TypeError: si un réglage n'est d'aucune de ces formes (faute d'auteur).
    """
    _afficher_le_repli()
    return Explorateur(dessiner, curseurs)


__all__ = ["Exercice", "Explorateur", "Retour", "dire_les_noms_inconnus", "exercice", "explorateur", "verifier"]
