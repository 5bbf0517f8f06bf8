"""La provenance des chiffres : lignes « Source : … », valeurs citées, table de vérification.

Tout part des tables ``chiffres``, ``etudes`` et ``billets`` du paquet de données ::

    from transfonum.donnees import charger_table, provenance

    chiffres = charger_table("chiffres")
    mit = chiffres[chiffres["etude_id"] == "et-mit-smr-deloitte-2012"]
    provenance.ligne_source(mit)
    # 'Source : MIT Sloan Management Review et Deloitte, « Social Business: … », 2012,
    #  échantillon de 3 478 (…) ; cité par « … » (claudesuper.com).'
    provenance.cite("c-mit2012-relation-client")   # '80 %' (espace insécable)
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, Markdown

from transfonum.affichage import nom_de_l_index_dans_le_coin
from transfonum import fr
from transfonum.donnees import charger_table
from transfonum.fr import INSECABLE

#: Libellé français de chaque statut de vérification, dans l'ordre d'affichage.
LIBELLES_STATUT: dict[str, str] = {
    "confirme": "Confirmé",
    "differe": "Diffère de l'original",
    "non_verifie": "Non vérifié",
    "non_trouve": "Original introuvable",
}

_APPROXIMATIONS = {"exacte": "", "environ": "environ ", "moins_de": "moins de ", "plus_de": "plus de "}


def nom_blog(blog: str) -> str:
    """Le nom du blog sans la précision entre parenthèses sur l'attribution
    (``"claudesuper.com (attribution probable : …)"`` → ``"claudesuper.com"``)."""
    return str(blog).split(" (", 1)[0]


def formater_valeur(value: float, unit: str, approximation: str = "exacte") -> str:
    """Une valeur en français selon son unité : ``formater_valeur(80, "pourcent") == "80 %"``.

    ``approximation`` (exacte, environ, moins_de, plus_de) ajoute « environ », « moins
    de » ou « plus de ». Les espaces sont insécables.
    """
    value = float(value)
    decimals = 0 if value.is_integer() else 1
    number = fr.nombre(value, decimals)
    if unit in ("nombre", "euros") and value >= 1_000_000 and value % 1_000_000 == 0:
        millions = int(value // 1_000_000)
        number = f"{fr.nombre(millions)}{INSECABLE}million{'s' if millions > 1 else ''}"
        if unit == "euros":
            number += " d'euros"
            unit = "nombre"
    text = {
        "pourcent": f"{number}{INSECABLE}%",
        "euros": f"{number}{INSECABLE}€",
        "annees": f"{number}{INSECABLE}ans",
        "heure": f"{number}{INSECABLE}h",
        "jours_par_semaine": f"{number}{INSECABLE}jours par semaine",
    }.get(unit, number)
    prefix = _APPROXIMATIONS.get(approximation or "exacte", "")
    return prefix.replace(" ", INSECABLE) + text


def tel_que_cite(row: pd.Series) -> str:
    """Le chiffre d'une ligne de ``chiffres`` tel que le billet le dit : sa ``formulation``
    quand le billet ne donne pas de nombre précis (« moins d'un tiers », « des dizaines
    de millions d'euros »), sinon sa valeur formatée. Une formulation n'est jamais
    remplacée par un nombre plus précis qu'elle."""
    formulation = row.get("formulation")
    if isinstance(formulation, str) and formulation.strip():
        return fr.espaces_francaises(formulation.strip())
    return formater_valeur(row["valeur"], row["unite"], row["approximation"])


def cite(figure_id: str, chiffres: pd.DataFrame | None = None) -> str:
    """La valeur du chiffre ``figure_id`` telle que le billet la cite, formatée en français
    (ou les mots du billet, voir :func:`tel_que_cite`).

    Pensé pour ``glue`` : ``glue("mit_relation_client", provenance.cite("c-…"), display=False)``.
    Lève :class:`KeyError` si l'identifiant n'existe pas.
    """
    return tel_que_cite(_ligne(figure_id, chiffres))


def originale(figure_id: str, chiffres: pd.DataFrame | None = None) -> str | None:
    """La valeur d'origine du chiffre si elle diffère de la valeur citée, sinon ``None``."""
    row = _ligne(figure_id, chiffres)
    if pd.isna(row["valeur_originale"]):
        return None
    return formater_valeur(row["valeur_originale"], row["unite"])


def _ligne(figure_id: str, chiffres: pd.DataFrame | None) -> pd.Series:
    chiffres = charger_table("chiffres") if chiffres is None else chiffres
    match = chiffres[chiffres["id"] == figure_id]
    if match.empty:
        raise KeyError(f"chiffre inconnu : {figure_id}")
    return match.iloc[0]


def _texte_etude(study: pd.Series) -> str:
    publisher = study["editeur"]
    if pd.notna(study["partenaires"]):
        publisher = f"{publisher} et {study['partenaires']}"
    parts = [publisher, fr.guillemets(study["titre"])]
    if pd.notna(study["annee"]):
        parts.append(str(int(study["annee"])))
    if pd.notna(study["taille_echantillon"]):
        description = str(study["echantillon_description"])
        parts.append(
            f"échantillon de {fr.nombre(int(study['taille_echantillon']))} "
            f"({description[:1].lower()}{description[1:]})"
        )
    if study["statut_recherche"] == "non trouvé":
        parts.append("étude d'origine non trouvée")
    return ", ".join(parts)


#: Le préfixe d'un titre de billet donné par le kit, le billet n'en ayant pas (``data/billets.csv``).
PREFIXE_SANS_TITRE = "[Sans titre] "


def titre_billet(titre: str) -> str:
    """Le titre d'un billet sans le préfixe des titres descriptifs (:data:`PREFIXE_SANS_TITRE`)."""
    return str(titre).removeprefix(PREFIXE_SANS_TITRE)


def _texte_billet(post: pd.Series) -> str:
    titre = str(post["titre"])
    if titre.startswith(PREFIXE_SANS_TITRE):
        return f"billet sans titre {fr.guillemets(titre_billet(titre))} (titre donné par le kit{INSECABLE}; {nom_blog(post['blog'])})"
    return f"{fr.guillemets(titre)} ({nom_blog(post['blog'])})"


def ligne_source(
    figures: pd.DataFrame,
    etudes: pd.DataFrame | None = None,
    billets: pd.DataFrame | None = None,
) -> str:
    """La légende « Source : … » des lignes ``figures`` de la table ``chiffres``.

    Pour chaque étude citée : éditeur (et partenaires), titre, année, échantillon s'il
    est connu. Les chiffres sans étude sont attribués au billet, avec la mention
    « source non précisée par le billet ». Suivent les billets qui citent ces chiffres.
    Lève :class:`ValueError` si ``figures`` est vide.
    """
    if figures.empty:
        raise ValueError("ligne_source() : aucun chiffre donné")
    etudes = charger_table("etudes") if etudes is None else etudes
    billets = charger_table("billets") if billets is None else billets
    studies = etudes.set_index("id")
    posts = billets.set_index("id")
    sources: list[str] = []
    for study_id in dict.fromkeys(figures["etude_id"].dropna()):
        sources.append(_texte_etude(studies.loc[study_id]))
    unsourced = figures[figures["etude_id"].isna()]
    for post_id in dict.fromkeys(unsourced["billet_id"]):
        sources.append(f"{_texte_billet(posts.loc[post_id])}, source non précisée par le billet")
    line = f"Source{INSECABLE}: " + f"{INSECABLE}; ".join(sources)
    citing = [
        _texte_billet(posts.loc[p])
        for p in dict.fromkeys(figures.loc[figures["etude_id"].notna(), "billet_id"])
    ]
    if citing:
        line += f"{INSECABLE}; cité par " + ", ".join(citing)
    return line + "."


def source_kit(*tables: str) -> str:
    """Légende « Source : … » d'un graphique tiré des tables du kit elles-mêmes.

    ``source_kit("chiffres")`` nomme la table et rappelle d'où viennent ses lignes.
    """
    names = ", ".join(fr.guillemets(t) for t in tables)
    noun = "table" if len(tables) == 1 else "tables"
    return (
        f"Source{INSECABLE}: {noun} {names} du dossier data/ du kit, établie{'s' if len(tables) > 1 else ''} "
        "à partir des billets du corpus et de la recherche documentaire sur les études d'origine."
    )


def table_verification(
    chiffres: pd.DataFrame | None = None,
    etudes: pd.DataFrame | None = None,
    billets: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Une ligne par chiffre, en colonnes françaises, pour l'annexe de vérification.

    Colonnes : Chiffre, Tel que cité, Dans la source, Statut, Mise en garde, Étude,
    Billet. « Dans la source » donne la valeur d'origine si elle diffère, sinon la
    population réellement mesurée si elle diffère, sinon un tiret.
    """
    chiffres = charger_table("chiffres") if chiffres is None else chiffres
    etudes = charger_table("etudes") if etudes is None else etudes
    billets = charger_table("billets") if billets is None else billets
    study_titles = etudes.set_index("id")["titre"]
    posts = billets.set_index("id")

    def in_source(row: pd.Series) -> str:
        parts = []
        if pd.notna(row["valeur_originale"]):
            parts.append(formater_valeur(row["valeur_originale"], row["unite"]))
        if pd.notna(row["population_originale"]):
            parts.append(str(row["population_originale"]))
        return f"{INSECABLE}: ".join(parts) if parts else "—"

    order = {status: i for i, status in enumerate(LIBELLES_STATUT)}
    table = pd.DataFrame({
        "Chiffre": chiffres["libelle"],
        "Tel que cité": [tel_que_cite(row) for _, row in chiffres.iterrows()],
        "Dans la source": chiffres.apply(in_source, axis=1),
        "Statut": chiffres["statut"].map(LIBELLES_STATUT),
        "Mise en garde": chiffres["mise_en_garde"],
        "Étude": chiffres["etude_id"].map(study_titles).fillna("aucune (non précisée par le billet)"),
        "Billet": [_texte_billet(posts.loc[p]) for p in chiffres["billet_id"]],
        "_ordre": chiffres["statut"].map(order),
    })
    return table.sort_values(["_ordre", "Billet"], kind="stable").drop(columns="_ordre").reset_index(drop=True)


def table_etudes(etudes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Une ligne par étude d'origine, en colonnes françaises, pour l'annexe.

    Colonnes : Étude, Éditeur, Année (« inconnue » si vide), Échantillon (taille en
    français suivie de sa description, ou la description seule), Recherche, Ce que dit
    l'original.
    """
    etudes = charger_table("etudes") if etudes is None else etudes
    samples = [
        description if pd.isna(size) else f"{fr.nombre(int(size))}{INSECABLE}: {description}"
        for size, description in zip(etudes["taille_echantillon"], etudes["echantillon_description"])
    ]
    return pd.DataFrame({
        "Étude": etudes["titre"],
        "Éditeur": etudes["editeur"],
        "Année": [("inconnue" if pd.isna(y) else str(int(y))) for y in etudes["annee"]],
        "Échantillon": samples,
        "Recherche": etudes["statut_recherche"],
        "Ce que dit l'original": etudes["note"],
    })


def _ecart(row: pd.Series) -> str | None:
    """L'écart entre valeur citée et valeur d'origine, quand les deux sont connues et que
    la valeur citée n'est pas une approximation (« moins d'un tiers » n'a pas d'écart)."""
    if (pd.isna(row["valeur_originale"]) or row["valeur_originale"] == row["valeur"]
            or (row["approximation"] or "exacte") != "exacte"):
        return None
    gap = abs(float(row["valeur"]) - float(row["valeur_originale"]))
    decimals = 0 if gap.is_integer() else 1
    if row["unite"] == "pourcent":
        return f"{fr.nombre(gap, decimals)}{INSECABLE}point{'s' if gap >= 2 else ''} de pourcentage"
    return formater_valeur(gap, row["unite"])


def encadre_verification(
    figure_id: str,
    chiffres: pd.DataFrame | None = None,
    etudes: pd.DataFrame | None = None,
    billets: pd.DataFrame | None = None,
) -> Markdown:
    """L'encadré « Vérifier le chiffre » d'un chiffre, en MyST, tiré de sa ligne de données.

    Le chiffre tel que le billet le cite, ce que dit l'original (valeur, population,
    étude) ou « non vérifié » et pourquoi, l'écart, et la mise en garde. À afficher
    depuis une cellule de code marquée ``remove-input`` (le livre rend les sorties
    Markdown en MyST). Lève :class:`KeyError` si l'identifiant n'existe pas.
    """
    etudes = charger_table("etudes") if etudes is None else etudes
    billets = charger_table("billets") if billets is None else billets
    row = _ligne(figure_id, chiffres)
    post = billets.set_index("id").loc[row["billet_id"]]
    said = f"{tel_que_cite(row)} — {row['population']}"
    if pd.notna(row["source_dans_billet"]):
        said += f" (source donnée{INSECABLE}: {row['source_dans_billet']})"
    lines = [f"**Tel que cité**{INSECABLE}: {said}, dans {_texte_billet(post)}."]
    if pd.notna(row["etude_id"]):
        original_parts = []
        if pd.notna(row["valeur_originale"]):
            original_parts.append(formater_valeur(row["valeur_originale"], row["unite"]))
        if pd.notna(row["population_originale"]):
            original_parts.append(str(row["population_originale"]))
        study = _texte_etude(etudes.set_index("id").loc[row["etude_id"]])
        found = " — ".join(original_parts) if original_parts else "valeur non retrouvée dans l'étude"
        lines.append(f"**Dans l'original**{INSECABLE}: {found}. Étude{INSECABLE}: {study}.")
    else:
        lines.append(f"**Dans l'original**{INSECABLE}: aucune étude d'origine identifiée.")
    gap = _ecart(row)
    status = LIBELLES_STATUT[row["statut"]]
    lines.append(f"**Statut**{INSECABLE}: {status}" + (f" (écart{INSECABLE}: {gap})." if gap else "."))
    lines.append(f"**Pourquoi c'est important**{INSECABLE}: {row['mise_en_garde']}")
    body = "\n\n".join(lines)
    return Markdown(
        f"````{{admonition}} Vérifier le chiffre{INSECABLE}: {row['libelle']}\n"
        f":class: transfonum-verifier transfonum-{row['statut'].replace('_', '-')}\n\n"
        f"{body}\n````\n"
    )


def tableau_affiche(table: pd.DataFrame) -> HTML:
    """Un extrait de table tel qu'une page ou un diaporama le montre : la colonne du statut
    (``statut`` ou ``Statut``) en libellés français (« Non vérifié »), les nombres à la
    française (``80.0`` → « 80 », ``4.5`` → « 4,5 », une case vide → « — »), et chaque
    case en entier (la sortie de pandas coupe un long texte en « … ») ; le nom de l'index,
    s'il en a un, dans le coin de l'en-tête (:mod:`transfonum.affichage`)."""
    table = table.copy()
    for colonne in table.columns:
        if str(colonne).lower() == "statut":
            table[colonne] = table[colonne].map(lambda code: LIBELLES_STATUT.get(code, code))
        elif pd.api.types.is_numeric_dtype(table[colonne]):
            table[colonne] = [
                "—" if pd.isna(v) else fr.nombre(float(v), 0 if float(v).is_integer() else 1) for v in table[colonne]
            ]
    return HTML(nom_de_l_index_dans_le_coin(table).to_html(na_rep="—"))


def date_evenement(event_id: str, evenements: pd.DataFrame | None = None) -> str:
    """La date d'un événement de la table ``evenements``, en toutes lettres et à sa
    précision (« 19 novembre 2013 », « novembre 2013 »). Lève :class:`KeyError` si
    l'identifiant n'existe pas."""
    evenements = charger_table("evenements") if evenements is None else evenements
    match = evenements[evenements["id"] == event_id]
    if match.empty:
        raise KeyError(f"événement inconnu : {event_id}")
    row = match.iloc[0]
    return fr.date(row["date"], row["precision_date"])


def decompte_statuts(chiffres: pd.DataFrame | None = None) -> pd.DataFrame:
    """Nombre de chiffres par statut de vérification (tous les statuts, même à zéro)."""
    chiffres = charger_table("chiffres") if chiffres is None else chiffres
    counts = chiffres["statut"].value_counts()
    return pd.DataFrame({
        "statut": list(LIBELLES_STATUT),
        "libelle": list(LIBELLES_STATUT.values()),
        "nombre": [int(counts.get(s, 0)) for s in LIBELLES_STATUT],
    })


__all__ = [
    "LIBELLES_STATUT", "cite", "date_evenement", "formater_valeur", "source_kit", "originale", "ligne_source",
    "decompte_statuts", "table_etudes", "tableau_affiche", "encadre_verification", "table_verification",
]
