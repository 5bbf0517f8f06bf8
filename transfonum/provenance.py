"""La provenance des chiffres : lignes « Source : … », valeurs citées, table de vérification.

Tout part des tables ``chiffres``, ``etudes`` et ``billets`` du paquet de données ::

    from transfonum import provenance
    from transfonum.data import load_table

    chiffres = load_table("chiffres")
    mit = chiffres[chiffres["etude_id"] == "et-mit-smr-deloitte-2012"]
    provenance.source_line(mit)
    # 'Source : MIT Sloan Management Review et Deloitte, « Social Business: … », 2012,
    #  échantillon de 3 478 (…) ; cité par « … » (claudesuper.com).'
    provenance.cited("c-mit2012-relation-client")   # '80 %' (espace insécable)
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from transfonum import fr
from transfonum.data import load_table
from transfonum.fr import NBSP

#: Libellé français de chaque statut de vérification, dans l'ordre d'affichage.
STATUS_LABELS: dict[str, str] = {
    "confirme": "Confirmé",
    "differe": "Diffère de l'original",
    "non_verifie": "Non vérifié",
    "non_trouve": "Original introuvable",
}

_APPROX = {"exacte": "", "environ": "environ ", "moins_de": "moins de ", "plus_de": "plus de "}


def blog_name(blog: str) -> str:
    """Le nom du blog sans la précision entre parenthèses sur l'attribution
    (``"claudesuper.com (attribution probable : …)"`` → ``"claudesuper.com"``)."""
    return str(blog).split(" (", 1)[0]


def format_value(value: float, unit: str, approximation: str = "exacte") -> str:
    """Une valeur en français selon son unité : ``format_value(80, "pourcent") == "80 %"``.

    ``approximation`` (exacte, environ, moins_de, plus_de) ajoute « environ », « moins
    de » ou « plus de ». Les espaces sont insécables.
    """
    value = float(value)
    decimals = 0 if value.is_integer() else 1
    number = fr.number(value, decimals)
    if unit in ("nombre", "euros") and value >= 1_000_000 and value % 1_000_000 == 0:
        millions = int(value // 1_000_000)
        number = f"{fr.number(millions)}{NBSP}million{'s' if millions > 1 else ''}"
        if unit == "euros":
            number += " d'euros"
            unit = "nombre"
    text = {
        "pourcent": f"{number}{NBSP}%",
        "euros": f"{number}{NBSP}€",
        "annees": f"{number}{NBSP}ans",
        "heure": f"{number}{NBSP}h",
        "jours_par_semaine": f"{number}{NBSP}jours par semaine",
    }.get(unit, number)
    prefix = _APPROX.get(approximation or "exacte", "")
    return prefix.replace(" ", NBSP) + text


def cited(figure_id: str, chiffres: pd.DataFrame | None = None) -> str:
    """La valeur du chiffre ``figure_id`` telle que le billet la cite, formatée en français.

    Pensé pour ``glue`` : ``glue("mit_relation_client", provenance.cited("c-…"), display=False)``.
    Lève :class:`KeyError` si l'identifiant n'existe pas.
    """
    row = _row(figure_id, chiffres)
    return format_value(row["valeur"], row["unite"], row["approximation"])


def original(figure_id: str, chiffres: pd.DataFrame | None = None) -> str | None:
    """La valeur d'origine du chiffre si elle diffère de la valeur citée, sinon ``None``."""
    row = _row(figure_id, chiffres)
    if pd.isna(row["valeur_originale"]):
        return None
    return format_value(row["valeur_originale"], row["unite"])


def _row(figure_id: str, chiffres: pd.DataFrame | None) -> pd.Series:
    chiffres = load_table("chiffres") if chiffres is None else chiffres
    match = chiffres[chiffres["id"] == figure_id]
    if match.empty:
        raise KeyError(f"chiffre inconnu : {figure_id}")
    return match.iloc[0]


def _study_text(study: pd.Series) -> str:
    publisher = study["editeur"]
    if pd.notna(study["partenaires"]):
        publisher = f"{publisher} et {study['partenaires']}"
    parts = [publisher, fr.quote(study["titre"])]
    if pd.notna(study["annee"]):
        parts.append(str(int(study["annee"])))
    if pd.notna(study["taille_echantillon"]):
        description = str(study["echantillon_description"])
        parts.append(
            f"échantillon de {fr.number(int(study['taille_echantillon']))} "
            f"({description[:1].lower()}{description[1:]})"
        )
    if study["statut_recherche"] == "non trouvé":
        parts.append("étude d'origine non trouvée")
    return ", ".join(parts)


def _post_text(post: pd.Series) -> str:
    return f"{fr.quote(post['titre'])} ({blog_name(post['blog'])})"


def source_line(
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
        raise ValueError("source_line() : aucun chiffre donné")
    etudes = load_table("etudes") if etudes is None else etudes
    billets = load_table("billets") if billets is None else billets
    studies = etudes.set_index("id")
    posts = billets.set_index("id")
    sources: list[str] = []
    for study_id in dict.fromkeys(figures["etude_id"].dropna()):
        sources.append(_study_text(studies.loc[study_id]))
    unsourced = figures[figures["etude_id"].isna()]
    for post_id in dict.fromkeys(unsourced["billet_id"]):
        sources.append(f"{_post_text(posts.loc[post_id])}, source non précisée par le billet")
    line = f"Source{NBSP}: " + f"{NBSP}; ".join(sources)
    citing = [
        _post_text(posts.loc[p])
        for p in dict.fromkeys(figures.loc[figures["etude_id"].notna(), "billet_id"])
    ]
    if citing:
        line += f"{NBSP}; cité par " + ", ".join(citing)
    return line + "."


def kit_source(*tables: str) -> str:
    """Légende « Source : … » d'un graphique tiré des tables du kit elles-mêmes.

    ``kit_source("chiffres")`` nomme la table et rappelle d'où viennent ses lignes.
    """
    names = ", ".join(fr.quote(t) for t in tables)
    noun = "table" if len(tables) == 1 else "tables"
    return (
        f"Source{NBSP}: {noun} {names} du dossier data/ du kit, établie{'s' if len(tables) > 1 else ''} "
        "à partir des billets du corpus et de la recherche documentaire sur les études d'origine."
    )


def verification_table(
    chiffres: pd.DataFrame | None = None,
    etudes: pd.DataFrame | None = None,
    billets: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Une ligne par chiffre, en colonnes françaises, pour l'annexe de vérification.

    Colonnes : Chiffre, Tel que cité, Dans la source, Statut, Mise en garde, Étude,
    Billet. « Dans la source » donne la valeur d'origine si elle diffère, sinon la
    population réellement mesurée si elle diffère, sinon un tiret.
    """
    chiffres = load_table("chiffres") if chiffres is None else chiffres
    etudes = load_table("etudes") if etudes is None else etudes
    billets = load_table("billets") if billets is None else billets
    study_titles = etudes.set_index("id")["titre"]
    posts = billets.set_index("id")

    def in_source(row: pd.Series) -> str:
        parts = []
        if pd.notna(row["valeur_originale"]):
            parts.append(format_value(row["valeur_originale"], row["unite"]))
        if pd.notna(row["population_originale"]):
            parts.append(str(row["population_originale"]))
        return f"{NBSP}: ".join(parts) if parts else "—"

    order = {status: i for i, status in enumerate(STATUS_LABELS)}
    table = pd.DataFrame({
        "Chiffre": chiffres["libelle"],
        "Tel que cité": [
            format_value(v, u, a)
            for v, u, a in zip(chiffres["valeur"], chiffres["unite"], chiffres["approximation"])
        ],
        "Dans la source": chiffres.apply(in_source, axis=1),
        "Statut": chiffres["statut"].map(STATUS_LABELS),
        "Mise en garde": chiffres["mise_en_garde"],
        "Étude": chiffres["etude_id"].map(study_titles).fillna("aucune (non précisée par le billet)"),
        "Billet": [_post_text(posts.loc[p]) for p in chiffres["billet_id"]],
        "_ordre": chiffres["statut"].map(order),
    })
    return table.sort_values(["_ordre", "Billet"], kind="stable").drop(columns="_ordre").reset_index(drop=True)


def studies_table(etudes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Une ligne par étude d'origine, en colonnes françaises, pour l'annexe.

    Colonnes : Étude, Éditeur, Année (« inconnue » si vide), Échantillon (taille en
    français suivie de sa description, ou la description seule), Recherche, Ce que dit
    l'original.
    """
    etudes = load_table("etudes") if etudes is None else etudes
    samples = [
        description if pd.isna(size) else f"{fr.number(int(size))}{NBSP}: {description}"
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


def _gap(row: pd.Series) -> str | None:
    """L'écart entre valeur citée et valeur d'origine, quand les deux sont connues et que
    la valeur citée n'est pas une approximation (« moins d'un tiers » n'a pas d'écart)."""
    if (pd.isna(row["valeur_originale"]) or row["valeur_originale"] == row["valeur"]
            or (row["approximation"] or "exacte") != "exacte"):
        return None
    gap = abs(float(row["valeur"]) - float(row["valeur_originale"]))
    decimals = 0 if gap.is_integer() else 1
    if row["unite"] == "pourcent":
        return f"{fr.number(gap, decimals)}{NBSP}point{'s' if gap >= 2 else ''} de pourcentage"
    return format_value(gap, row["unite"])


def verification_box(
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
    etudes = load_table("etudes") if etudes is None else etudes
    billets = load_table("billets") if billets is None else billets
    row = _row(figure_id, chiffres)
    post = billets.set_index("id").loc[row["billet_id"]]
    said = f"{format_value(row['valeur'], row['unite'], row['approximation'])} — {row['population']}"
    if pd.notna(row["source_dans_billet"]):
        said += f" (source donnée{NBSP}: {row['source_dans_billet']})"
    lines = [f"**Tel que cité**{NBSP}: {said}, dans {_post_text(post)}."]
    if pd.notna(row["etude_id"]):
        original_parts = []
        if pd.notna(row["valeur_originale"]):
            original_parts.append(format_value(row["valeur_originale"], row["unite"]))
        if pd.notna(row["population_originale"]):
            original_parts.append(str(row["population_originale"]))
        study = _study_text(etudes.set_index("id").loc[row["etude_id"]])
        found = " — ".join(original_parts) if original_parts else "valeur non retrouvée dans l'étude"
        lines.append(f"**Dans l'original**{NBSP}: {found}. Étude{NBSP}: {study}.")
    else:
        lines.append(f"**Dans l'original**{NBSP}: aucune étude d'origine identifiée.")
    gap = _gap(row)
    status = STATUS_LABELS[row["statut"]]
    lines.append(f"**Statut**{NBSP}: {status}" + (f" (écart{NBSP}: {gap})." if gap else "."))
    lines.append(f"**Pourquoi c'est important**{NBSP}: {row['mise_en_garde']}")
    body = "\n\n".join(lines)
    return Markdown(
        f"````{{admonition}} Vérifier le chiffre{NBSP}: {row['libelle']}\n"
        f":class: transfonum-verifier transfonum-{row['statut'].replace('_', '-')}\n\n"
        f"{body}\n````\n"
    )


def event_date(event_id: str, evenements: pd.DataFrame | None = None) -> str:
    """La date d'un événement de la table ``evenements``, en toutes lettres et à sa
    précision (« 19 novembre 2013 », « novembre 2013 »). Lève :class:`KeyError` si
    l'identifiant n'existe pas."""
    evenements = load_table("evenements") if evenements is None else evenements
    match = evenements[evenements["id"] == event_id]
    if match.empty:
        raise KeyError(f"événement inconnu : {event_id}")
    row = match.iloc[0]
    return fr.date(row["date"], row["precision_date"])


def status_counts(chiffres: pd.DataFrame | None = None) -> pd.DataFrame:
    """Nombre de chiffres par statut de vérification (tous les statuts, même à zéro)."""
    chiffres = load_table("chiffres") if chiffres is None else chiffres
    counts = chiffres["statut"].value_counts()
    return pd.DataFrame({
        "statut": list(STATUS_LABELS),
        "libelle": list(STATUS_LABELS.values()),
        "nombre": [int(counts.get(s, 0)) for s in STATUS_LABELS],
    })


__all__ = [
    "STATUS_LABELS", "cited", "event_date", "format_value", "kit_source", "original", "source_line",
    "status_counts", "studies_table", "verification_box", "verification_table",
]
