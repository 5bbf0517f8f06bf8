"""Un seul style de graphique pour tout le kit, et le rendu qui laisse le site se suffire.

Dans un chapitre ou un carnet ::

    from transfonum import graphiques
    graphiques.activer()
    graphique = alt.Chart(df).mark_bar().encode(...)
    graphiques.finir(graphique, titre="…", description="…", source="Source : …")

La ligne « Source : … » est gardée dans les ``usermeta`` de la spécification et affichée
en légende sous le graphique, sur le site comme dans Jupyter.

Les couleurs se prennent **par rôle** dans :data:`PALETTE` (``PALETTE["accent"]``), jamais
par code hexadécimal ailleurs que dans ce module.

:func:`activer` installe le thème et un rendu ; jamais rien d'un autre serveur.

- ``"site"`` : pendant la construction du livre, le moteur (:mod:`transfonum.site`) ajoute
  à chaque page une cellule cachée qui appelle ``activer("site")`` avant toute autre. Un
  graphique sans paramètre y est dessiné tout de suite, en SVG (vl-convert, formats
  français), à deux largeurs ; un graphique à paramètres (un explorateur) garde son état
  initial dessiné, ses commandes écrites dans la page (:mod:`transfonum.commandes`) et sa
  spécification compilée en Vega (vl-convert), que le moteur Vega du site
  (:mod:`transfonum.site.vega`) anime au premier usage.
- ``"jupyter"`` (par défaut) : la spécification Vega-Lite elle-même, que JupyterLab dessine
  avec son propre rendu Vega (hors ligne, aussi dans un carnet rouvert) ; le carnet
  enregistré ne garde que la spécification et ses données, quelques kilo-octets.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from typing import Literal, TypeVar

import altair as alt

from transfonum import commandes, fr

GraphiqueT = TypeVar("GraphiqueT", bound=alt.TopLevelMixin)
Mode = Literal["jupyter", "site"]

NOM_THEME = "transfonum"
#: Noms des rendus Altair du kit, par mode.
RENDUS: dict[str, str] = {"site": "transfonum-site", "jupyter": "transfonum-jupyter"}
CLE_META = "transfonum"
#: Le type de sortie que JupyterLab 4 dessine (son extension Vega 5 : Vega-Lite 3 à 5),
#: et le schéma qu'il y attend.
MIME_JUPYTERLAB = "application/vnd.vegalite.v5+json"
SCHEMA_JUPYTERLAB = "https://vega.github.io/schema/vega-lite/v5.json"
#: Plus longue ligne de la source écrite sous le titre, dans JupyterLab.
LARGEUR_SOURCE_JUPYTER = 70

#: Les couleurs du kit, par rôle. Palette Okabe–Ito (distinguable par les personnes
#: daltoniennes) pour les données ; gris pour le texte et ce qui n'est pas mesuré.
PALETTE: dict[str, str] = {
    "accent": "#0072B2",      # la donnée principale (bleu)
    "second": "#E69F00",      # une seconde série à comparer (orange)
    "positif": "#009E73",     # ce qui est juste, ce qui monte (vert)
    "contraste": "#D55E00",   # ce que l'on pointe, ce qui est à revoir (vermillon)
    "clair": "#56B4E9",
    "rose": "#CC79A7",
    "jaune": "#F0E442",
    "repere": "#000000",      # un repère : un événement, le point d'un curseur
    "neutre": "#d9d9d9",      # le reste, le vide, ce qui n'est pas couvert
    "texte": "#222222",
    "attenue": "#555555",     # sous-titres, lignes de référence
    "grille": "#e5e5e5",
    "fond": "#ffffff",        # le fond des graphiques, et ce qui en a la couleur
    "sur_donnee": "#ffffff",  # un texte écrit dans une barre de couleur (la valeur au bout)
    "fond_positif": "#e9f6f1",    # fonds clairs des verdicts des carnets
    "fond_contraste": "#fbeee6",
}
#: Ordre des couleurs des séries (catégories) : les rôles de données de la palette.
CATEGORIES: list[str] = [PALETTE[r] for r in (
    "accent", "second", "positif", "rose", "clair", "contraste", "jaune", "repere")]
POLICE = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
#: La police des graphiques dessinés à la construction (SVG du site). vl-convert y mesure
#: chaque texte pour placer titres d'axes et légendes, mais le navigateur du lecteur le
#: dessine avec sa propre police : mesurer avec DejaVu Sans, la plus large des polices sans
#: empattement courantes (celle de Linux, où le navigateur la prend aussi), laisse la place
#: à toutes les autres, plus étroites ; sinon un titre d'axe chevauche les graduations.
POLICE_SVG = f'"DejaVu Sans", {POLICE}'
#: Largeur (px) par graduation d'un axe horizontal quantitatif, pour un graphique pleine largeur.
PX_PAR_GRADUATION = 70
#: Écart minimal (px) entre deux étiquettes d'un axe (option ``labelSeparation``).
SEPARATION_ETIQUETTES = 8
#: Plus longue ligne de titre qui tient sur un téléphone de 390 px (le dessin étroit, 340 px)
#: à la taille du thème, en DejaVu Sans gras (la police du dessin) : environ 10 px par signe.
LARGEUR_TITRE = 32

#: Options de vega-embed pour les nombres et les dates à la française (Jupyter et site).
OPTIONS_LOCALE: dict = {
    "formatLocale": fr.LOCALE_NOMBRES_D3,
    "timeFormatLocale": fr.LOCALE_DATES_D3,
}
#: Options de vega-embed dans JupyterLab (``metadata.embed_options`` de la sortie, que son
#: rendu lit) : formats français, SVG (net, et les marques sont dans le DOM), et du menu
#: d'actions seulement l'export en image (ni source ni éditeur en ligne, sur un autre serveur).
OPTIONS_JUPYTERLAB: dict = {
    "renderer": "svg", **OPTIONS_LOCALE,
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}

_mode_choisi: Mode | None = None


def theme() -> dict:
    """La configuration Vega-Lite commune à tous les graphiques du kit."""
    texte = PALETTE["texte"]
    return {
        "config": {
            "font": POLICE,
            "background": PALETTE["fond"],
            "view": {"continuousWidth": 560, "continuousHeight": 300, "stroke": None},
            "range": {"category": CATEGORIES},
            "mark": {"color": PALETTE["accent"]},
            "title": {
                "fontSize": 16, "fontWeight": 600, "color": texte,
                "anchor": "start", "subtitleColor": PALETTE["attenue"], "subtitleFontSize": 13,
            },
            "axis": {
                "labelFontSize": 13, "titleFontSize": 13, "labelColor": texte,
                "titleColor": texte, "gridColor": PALETTE["grille"], "labelLimit": 320,
                # Au moins 8 px entre deux graduations : celles qui se toucheraient
                # (« 90 %100 % » sur un téléphone) sont retirées, une sur deux.
                "labelSeparation": SEPARATION_ETIQUETTES,
            },
            "legend": {"labelFontSize": 13, "titleFontSize": 13, "labelLimit": 320},
            "header": {"labelFontSize": 13, "titleFontSize": 13},
            "text": {"fontSize": 13, "color": texte},
        }
    }


def _pleine_largeur(spec: dict) -> dict:
    """Un graphique simple ou superposé prend la largeur de la page (téléphones compris)."""
    if any(cle in spec for cle in ("concat", "hconcat", "vconcat", "facet", "repeat")):
        return spec
    config = spec.get("config", {})
    # Une graduation au plus tous les PX_PAR_GRADUATION pixels de large : sur un téléphone,
    # « 0 % 20 % … 100 % » plutôt que onze étiquettes serrées (vl-convert mesure mal le
    # texte, et ne retire pas celles qui se chevauchent).
    axe_x = {"tickCount": {"expr": f"ceil(width / {PX_PAR_GRADUATION})"}, **config.get("axisXQuantitative", {})}
    return {**spec, "width": "container", "autosize": {"type": "fit-x", "contains": "padding"},
            "config": {**config, "axisXQuantitative": axe_x}}


def source(spec: dict) -> str:
    """La ligne « Source : … » d'un graphique (vide s'il n'en a pas)."""
    return spec.get("usermeta", {}).get(CLE_META, {}).get("source", "")


def legende_html(spec: dict) -> str:
    """La ligne « Source : … » du graphique en légende HTML (vide s'il n'en a pas)."""
    return f"<figcaption>{html.escape(source(spec))}</figcaption>" if source(spec) else ""


def _titre_avec_source(spec: dict) -> dict:
    """La spécification dont le titre porte, en dernière ligne de sous-titre, la ligne
    « Source : … » : dans JupyterLab, le graphique est seul dans sa sortie, sans légende."""
    ligne = source(spec)
    if not ligne:
        return spec
    titre = spec.get("title", "")
    titre = dict(titre) if isinstance(titre, dict) else {"text": titre}
    sous_titre = titre.get("subtitle", [])
    sous_titre = [sous_titre] if isinstance(sous_titre, str) else list(sous_titre)
    titre["subtitle"] = [*sous_titre, *lignes_titre(ligne, LARGEUR_SOURCE_JUPYTER, liste=True)]
    return {**spec, "title": titre}


def spec_jupyterlab(spec: dict) -> dict:
    """La spécification telle que la dessine le rendu Vega-Lite 5 de JupyterLab : schéma
    Vega-Lite 5 (les graphiques du kit n'emploient rien de propre à Vega-Lite 6) et la
    source sous le titre. Pas de largeur « container » : dans la zone de sortie de
    JupyterLab, qui prend la largeur de son contenu, le graphique se redessinerait sans
    fin ; il garde la largeur du thème."""
    return {**_titre_avec_source(spec), "$schema": SCHEMA_JUPYTERLAB}


def _texte_brut(spec: dict) -> str:
    """Ce qu'affiche un client qui ne dessine pas Vega-Lite (et un carnet non fiable)."""
    titre = spec.get("title", "")
    titre = titre.get("text", "") if isinstance(titre, dict) else titre
    titre = " ".join(titre) if isinstance(titre, list) else titre
    return f"Graphique{fr.INSECABLE}: {titre or spec.get('description', 'sans titre')} " \
        f"(il se dessine dans JupyterLab)."


#: Largeurs (px) auxquelles un graphique pleine largeur est dessiné pour le site : une pour
#: les téléphones, une pour les tablettes et les ordinateurs ; la feuille de style du kit
#: montre l'une ou l'autre selon la largeur de la colonne (``SEUIL_LARGE``).
LARGEURS_SVG: tuple[int, int] = (340, 660)
SEUIL_LARGE = 500
#: Hauteur (px) réservée sous un explorateur pour chacun de ses curseurs ou listes (la
#: feuille de style du kit donne cette hauteur à chaque ligne de commande).
HAUTEUR_COMMANDE = 56
#: Classes des graphiques du site : dessiné à la construction, ou explorateur (Vega).
CLASSE_STATIQUE = "transfonum-statique"
CLASSE_EXPLORATEUR = "transfonum-explorateur"


def _parametres(spec) -> list[dict]:
    """Les paramètres Vega-Lite d'une spécification, à tous les niveaux (couches,
    assemblages), hors des données."""
    trouves: list[dict] = []
    if isinstance(spec, dict):
        trouves += [p for p in spec.get("params", []) if isinstance(p, dict)]
        for cle, valeur in spec.items():
            if cle not in ("data", "datasets", "params", "usermeta"):
                trouves += _parametres(valeur)
    elif isinstance(spec, list):
        for element in spec:
            trouves += _parametres(element)
    return trouves


def est_interactif(spec: dict) -> bool:
    """Le graphique a-t-il des paramètres (curseur, liste, sélection) ? Sinon, il est dessiné
    une fois pour toutes à la construction."""
    return bool(_parametres(spec))


def _commandes(spec: dict) -> int:
    """Le nombre de commandes (curseurs, listes…) qu'ajoute un explorateur sous son graphique."""
    return sum(1 for p in _parametres(spec) if p.get("bind") and not isinstance(p.get("bind"), str))


_ID_SVG = re.compile(r'\bid="([^"]+)"')
#: Les attributs ARIA que Vega pose sur chaque marque : le graphique dessiné est une image
#: (``role="img"``, nommée par sa description), ses marques ne sont pas lues une à une.
_ARIA_DES_MARQUES = re.compile(r'\s(?:aria-label|aria-roledescription|role)="[^"]*"')


def _identifiants_uniques(svg: str, prefixe: str) -> str:
    """Préfixe les identifiants internes d'un SVG (découpes, dégradés) et leurs renvois :
    plusieurs SVG d'une même page ne doivent pas se les disputer."""
    for ancien in set(_ID_SVG.findall(svg)):
        nouveau = f"{prefixe}-{ancien}"
        svg = svg.replace(f'id="{ancien}"', f'id="{nouveau}"').replace(f"url(#{ancien})", f"url(#{nouveau})")
        svg = svg.replace(f'href="#{ancien}"', f'href="#{nouveau}"')
    return svg


def svg_graphique(spec: dict, largeur: int | None = None) -> str:
    """Le graphique dessiné en SVG par vl-convert, aux formats français du kit ; ``largeur``
    remplace la largeur « container » d'un graphique pleine largeur."""
    import vl_convert

    spec = {**spec, "config": {**spec.get("config", {}), "font": POLICE_SVG}}
    if largeur is not None:
        spec = {**spec, "width": largeur}
    return vl_convert.vegalite_to_svg(
        spec, format_locale=fr.LOCALE_NOMBRES_D3, time_format_locale=fr.LOCALE_DATES_D3)


def _dimensions(svg: str) -> tuple[float, float]:
    balise = re.search(r"<svg\b[^>]*>", svg).group(0)
    return tuple(float(re.search(rf'\b{n}="([\d.]+)"', balise).group(1)) for n in ("width", "height"))


def _rendus_svg(spec: dict, identifiant: str) -> tuple[str, float]:
    """Les SVG d'un graphique pour le site (deux largeurs s'il est pleine largeur, sinon
    un seul à sa taille) et la plus grande de leurs hauteurs."""
    pleine = _pleine_largeur(spec)
    largeurs = LARGEURS_SVG if pleine.get("width") == "container" else (None,)
    morceaux, hauteur = [], 0.0
    for numero, largeur in enumerate(largeurs):
        svg = _identifiants_uniques(svg_graphique(pleine, largeur), f"{identifiant}-{numero}")
        svg = _ARIA_DES_MARQUES.sub("", svg)
        l, h = _dimensions(svg)
        hauteur = max(hauteur, h)
        classe = ("transfonum-svg-etroit", "transfonum-svg-large")[numero] if largeur else "transfonum-svg"
        # Le SVG garde sa taille, et rétrécit si la colonne est plus étroite (viewBox).
        svg = re.sub(r"<svg\b", f'<svg style="max-width:{l:g}px" data-largeur="{l:g}" aria-hidden="true"', svg, count=1)
        svg = re.sub(r'class="marks"', f'class="marks {classe}"', svg, count=1)
        morceaux.append(svg)
    return "\n".join(morceaux), hauteur


def _etiquette(spec: dict) -> str:
    """Le nom accessible d'un graphique : sa description (à défaut, son titre)."""
    titre = spec.get("title", "")
    titre = " ".join(titre) if isinstance(titre, list) else titre.get("text", "") if isinstance(titre, dict) else titre
    return html.escape(spec.get("description") or titre or "Graphique", quote=True)


def html_graphique_statique(spec: dict, identifiant: str | None = None) -> str:
    """Le HTML d'un graphique sans paramètre, pour le site : une figure qui contient le
    graphique déjà dessiné (SVG en ligne, à deux largeurs), sa description pour les lecteurs
    d'écran et sa légende « Source ». Aucun script : le graphique s'affiche et s'imprime
    tel quel."""
    identifiant = identifiant or f"tf-chart-{uuid.uuid4().hex[:12]}"
    svg, _ = _rendus_svg(spec, identifiant)
    return (
        '<figure class="transfonum-figure">\n'
        f'<div id="{identifiant}" class="transfonum-chart {CLASSE_STATIQUE}" role="img" '
        f'aria-label="{_etiquette(spec)}">\n{svg}\n</div>\n'
        f"{legende_html(spec)}\n</figure>\n"
    )


def version_vega_lite() -> str:
    """La version de Vega-Lite qu'écrit Altair, comme vl-convert la nomme (``"6.4"``)."""
    majeure, mineure = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"{majeure}.{mineure}"


def spec_vega(spec: dict) -> dict:
    """La spécification Vega-Lite compilée en Vega par vl-convert, à la construction : le
    navigateur du lecteur n'a plus que Vega à charger, sans le compilateur Vega-Lite."""
    import vl_convert

    return vl_convert.vegalite_to_vega(spec, vl_version=version_vega_lite())


def _au_moins_le_dessin_etroit(vega: dict) -> dict:
    """La spécification Vega d'un explorateur pleine largeur dont la largeur ne descend pas
    sous celle du dessin étroit (:data:`LARGEURS_SVG`) : dans une colonne plus étroite (un
    téléphone de 340 px), le graphique vivant est dessiné à cette largeur puis réduit comme
    l'image, au lieu de se resserrer jusqu'à faire déborder ses titres."""
    conteneur = "containerSize()[0]"
    minimum = f"max({conteneur}, {LARGEURS_SVG[0]})"

    def borne(signal: dict) -> dict:
        if signal.get("name") != "width":
            return signal
        texte = json.dumps(signal).replace(conteneur, minimum)
        return json.loads(texte)

    return {**vega, "signals": [borne(s) for s in vega.get("signals", [])]}


def _mise_en_page_a_chaque_etat(vega: dict) -> dict:
    """La spécification Vega dont la mise en page se refait à chaque état : Vega la calcule
    sinon une fois, pour l'état de départ, et des étiquettes plus longues dans un autre état
    (« Salariés et talents (2012) ») sortent du dessin."""
    autosize = vega.get("autosize", "pad")
    autosize = {"type": autosize} if isinstance(autosize, str) else dict(autosize)
    return {**vega, "autosize": {**autosize, "resize": True}}


#: Les formats français, comme les prend une vue Vega (option ``locale``).
LOCALE_VEGA: dict = {"number": fr.LOCALE_NOMBRES_D3, "time": fr.LOCALE_DATES_D3}


def html_explorateur(spec: dict, identifiant: str | None = None) -> str:
    """Le HTML d'un graphique à paramètres (un explorateur), pour le site : son état initial
    déjà dessiné (SVG) dans un cadre à la hauteur qu'il aura, ses commandes écrites en HTML
    (:mod:`transfonum.commandes`), sa spécification compilée en Vega (JSON), sa légende. Le
    script des explorateurs (``transfonum-explorateurs.js``, ajouté par le moteur) charge Vega
    au premier usage d'un explorateur (une commande touchée ou réglée, la souris déplacée sur
    le graphique ; pas un défilement) et y dessine le graphique vivant, aux formats français."""
    identifiant = identifiant or f"tf-chart-{uuid.uuid4().hex[:12]}"
    svg, hauteur = _rendus_svg(spec, identifiant)
    reserve = round(hauteur + HAUTEUR_COMMANDE * _commandes(spec))
    vega = _mise_en_page_a_chaque_etat(_au_moins_le_dessin_etroit(spec_vega(_pleine_largeur(spec))))
    vega, controles, listes = commandes.separer(vega, _etiquette(spec))
    donnees = commandes.json_pour_script({"spec": vega, "locale": LOCALE_VEGA, "listes": listes})
    return (
        '<figure class="transfonum-figure">\n'
        f'<div id="{identifiant}" class="transfonum-chart {CLASSE_EXPLORATEUR}" '
        f'style="min-height:{reserve}px" aria-label="{_etiquette(spec)}" role="group">\n'
        f'<div class="transfonum-apercu">{svg}</div>\n{controles}\n</div>\n'
        f'<script type="application/json" class="transfonum-spec">{donnees}</script>\n'
        f"{legende_html(spec)}\n</figure>\n"
    )


#: Ce qu'un explorateur (:func:`html_explorateur`) écrit de son état initial : son cadre,
#: ses SVG déjà dessinés, sa légende.
_CADRE_EXPLORATEUR = re.compile(
    r'<div id="(?P<id>[^"]+)" class="transfonum-chart [^"]*" style="[^"]*" aria-label="(?P<etiquette>[^"]*)" '
    r'role="group">\n<div class="transfonum-apercu">(?P<svg>.*?)</div>\n[^\n]*\n</div>\n.*?(?P<legende><figcaption>.*?</figcaption>)?\n</figure>',
    re.S)


def html_fixe_d_explorateur(sortie: str) -> str | None:
    """L'explorateur écrit par :func:`html_explorateur` (dans ``sortie``, le HTML de sa
    cellule) réduit à son état initial, en graphique fixe (:data:`CLASSE_STATIQUE`) : ses SVG
    déjà dessinés et sa légende, sans spécification ni script (un diaporama, une page
    imprimée). ``None`` si ``sortie`` ne contient pas d'explorateur de cette forme."""
    trouve = _CADRE_EXPLORATEUR.search(sortie)
    if trouve is None:
        return None
    return (
        '<figure class="transfonum-figure">\n'
        f'<div id="{trouve["id"]}-fixe" class="transfonum-chart {CLASSE_STATIQUE}" role="img" '
        f'aria-label="{trouve["etiquette"]}">\n{trouve["svg"]}\n</div>\n'
        f'{trouve["legende"] or ""}\n</figure>\n'
    )


#: Les clés Vega-Lite dont un texte est celui du kit, non des données : titres (du graphique,
#: d'un axe, d'une légende, d'une infobulle), sous-titres, texte fixe d'une marque.
TEXTES_DU_KIT = ("title", "subtitle", "text")


def titres_typographiques(spec: object) -> object:
    """La spécification dont chaque texte du kit (:data:`TEXTES_DU_KIT`) a ses apostrophes
    typographiques. Les étiquettes tirées des données restent telles que les données les
    écrivent ; un nom de champ ou une expression n'est jamais sous ces clés."""
    if isinstance(spec, list):
        return [titres_typographiques(element) for element in spec]
    if not isinstance(spec, dict):
        return spec
    resultat = {}
    for cle, valeur in spec.items():
        if cle in ("data", "datasets"):
            resultat[cle] = valeur
        elif cle in TEXTES_DU_KIT and isinstance(valeur, str):
            resultat[cle] = fr.apostrophes(valeur)
        elif cle in TEXTES_DU_KIT and isinstance(valeur, list) and all(isinstance(v, str) for v in valeur):
            resultat[cle] = [fr.apostrophes(v) for v in valeur]
        else:
            resultat[cle] = titres_typographiques(valeur)
    return resultat


def rendu_site(spec: dict, **metadonnees) -> dict:
    """Rendu Altair du site construit : un graphique sans paramètre est dessiné à la
    construction (SVG en ligne) ; un explorateur attend le moteur Vega du site. Rien n'est
    demandé à un autre serveur."""
    spec = titres_typographiques(spec)
    if est_interactif(spec):
        return {"text/html": html_explorateur(spec)}
    return {"text/html": html_graphique_statique(spec)}


def rendu_jupyter(spec: dict, **metadonnees) -> tuple[dict, dict]:
    """Rendu Altair de Jupyter : la spécification Vega-Lite, que JupyterLab dessine lui-même
    (son rendu Vega 5, hors ligne), avec les options de vega-embed du kit (formats français,
    SVG, seulement l'export dans le menu) ; rien d'autre dans le carnet enregistré."""
    spec = titres_typographiques(spec)
    return (
        {MIME_JUPYTERLAB: spec_jupyterlab(spec), "text/plain": _texte_brut(spec)},
        {MIME_JUPYTERLAB: {"embed_options": OPTIONS_JUPYTERLAB}},
    )


def activer(mode: Mode | None = None) -> Mode:
    """Installe le thème du kit et le rendu de ``mode`` ; renvoie le mode en vigueur.

    Sans ``mode`` : le mode déjà choisi dans ce noyau (``"site"`` pendant la construction
    du livre), sinon ``"jupyter"``. Lève :class:`ValueError` pour un mode inconnu.
    """
    global _mode_choisi
    if mode is not None and mode not in RENDUS:
        raise ValueError(f"activer(){fr.INSECABLE}: mode inconnu {fr.guillemets(mode)} (site ou jupyter)")
    _mode_choisi = mode or _mode_choisi or "jupyter"
    alt.theme.register(NOM_THEME, enable=True)(theme)
    alt.renderers.register(RENDUS["site"], rendu_site)
    alt.renderers.register(RENDUS["jupyter"], rendu_jupyter)
    alt.renderers.enable(RENDUS[_mode_choisi])
    return _mode_choisi


def finir(graphique: GraphiqueT, *, titre: str, description: str, source: str) -> GraphiqueT:
    """Donne à un graphique son titre, sa description pour lecteur d'écran et sa source,
    en typographie française (espaces insécables, apostrophes typographiques).

    ``source`` est la légende affichée sous le graphique ; elle commence par « Source ».
    Lève :class:`ValueError` si l'un des trois textes est vide : aucun graphique ne part
    sans eux.
    """
    for nom, texte in (("titre", titre), ("description", description), ("source", source)):
        if not texte or not texte.strip():
            raise ValueError(f"finir(){fr.INSECABLE}: le texte {fr.guillemets(nom)} du graphique est vide")
    if not source.startswith("Source"):
        raise ValueError(f"finir(){fr.INSECABLE}: la légende doit commencer par {fr.guillemets('Source')}{fr.INSECABLE}: {source!r}")
    titre, description, source = (fr.apostrophes(fr.espaces_francaises(t)) for t in (titre, description, source))
    return graphique.properties(
        title=lignes_titre(titre), description=description, usermeta={CLE_META: {"source": source}}
    )


def lignes_titre(titre: str, largeur: int = LARGEUR_TITRE, liste: bool = False) -> str | list[str]:
    """Le titre tel qu'il tient sur un téléphone : une ligne s'il est court (une liste d'une
    ligne avec ``liste``), sinon des lignes d'au plus ``largeur`` caractères coupées entre
    les mots (Vega-Lite dessine une liste de textes comme des lignes)."""
    if len(titre) <= largeur:
        return [titre] if liste else titre
    lignes: list[str] = []
    for mot in titre.split(" "):
        if lignes and len(lignes[-1]) + 1 + len(mot) <= largeur:
            lignes[-1] += " " + mot
        else:
            lignes.append(mot)
    return lignes
