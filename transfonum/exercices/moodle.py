"""Les questions du kit pour Moodle : ``python -m transfonum.exercices.moodle --sortie banque.xml``.

Chaque exercice des clés (``exercises/cles/*.json`` : exercices des carnets et
auto-évaluations des pages) devient une question de la banque, une catégorie par
chapitre :

- un choix (``choice``) : question à choix unique, chaque option avec son retour (celui
  de la clé pour une mauvaise option, le retour « juste » pour la bonne) ;
- un nombre (``numeric``) : question numérique avec sa tolérance, les pièges de la clé
  comme réponses à 0 % avec leur message, une proportion acceptée si la clé l'accepte
  (sinon refusée avec l'explication du correcteur), l'unité « % » facultative ;
- un classement (``classification``) : question d'appariement, chaque élément avec sa
  catégorie.

Les textes sont écrits en Markdown (format que Moodle importe), et chaque question finit
par le lien vers son chapitre quand ``--site`` donne l'adresse du livre publié.
``--gift`` écrit aussi la banque au format GIFT, qui en dit moins : retours par option,
tolérances et pièges y sont, mais pas le retour d'une valeur numérique hors des pièges,
et un appariement n'y a qu'un retour général.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from transfonum.exercices import carnets
from transfonum.exercices.cles import Cle, cles_du_kit
from transfonum.exercices.correction import EN_POURCENTAGE
from transfonum.fr import INSECABLE, guillemets

#: La catégorie mère de la banque, sous la banque du cours.
CATEGORIE = "$course$/top/Transformation numérique"
FORMAT = "markdown"


def categorie(chapitre: str) -> str:
    """La catégorie Moodle d'un chapitre : ``$course$/top/Transformation numérique/<titre>``."""
    return f"{CATEGORIE}/{carnets.titre(chapitre).replace('/', '-')}"


def lien_du_chapitre(chapitre: str, site: str | None) -> str:
    """La dernière ligne d'une question : le lien vers la page du chapitre (Markdown)."""
    titre = carnets.titre(chapitre)
    if not site:
        return f"Chapitre{INSECABLE}: {guillemets(titre)}."
    return f"Chapitre{INSECABLE}: [{titre}]({site.rstrip('/')}/book/{chapitre}.html)"


def _nombre(valeur: float) -> str:
    return repr(float(valeur)).removesuffix(".0")


# --- Moodle XML -------------------------------------------------------------------------

def _texte(parent: ET.Element, balise: str, texte: str, **attributs: str) -> ET.Element:
    element = ET.SubElement(parent, balise, attributs)
    ET.SubElement(element, "text").text = texte
    return element


def _question(banque: ET.Element, ex: Cle, type_moodle: str, site: str | None) -> ET.Element:
    question = ET.SubElement(banque, "question", type=type_moodle)
    _texte(question, "name", ex.id)
    _texte(question, "questiontext", f"{ex.statement}\n\n{lien_du_chapitre(ex.chapter, site)}", format=FORMAT)
    _texte(question, "generalfeedback", "", format=FORMAT)
    ET.SubElement(question, "defaultgrade").text = "1"
    ET.SubElement(question, "penalty").text = "0.3333333"
    ET.SubElement(question, "hidden").text = "0"
    ET.SubElement(question, "idnumber").text = ex.id
    return question


def _reponse(question: ET.Element, texte: str, fraction: float, retour: str, **fils: str) -> None:
    reponse = _texte(question, "answer", texte, fraction=_nombre(fraction), format="plain_text")
    _texte(reponse, "feedback", retour, format=FORMAT)
    for balise, valeur in fils.items():
        ET.SubElement(reponse, balise).text = valeur


def _retours_combines(question: ET.Element, ex: Cle) -> None:
    _texte(question, "correctfeedback", ex.right, format=FORMAT)
    _texte(question, "partiallycorrectfeedback", ex.wrong, format=FORMAT)
    _texte(question, "incorrectfeedback", ex.wrong, format=FORMAT)


def _choix(banque: ET.Element, ex: Cle, site: str | None) -> None:
    question = _question(banque, ex, "multichoice", site)
    ET.SubElement(question, "single").text = "true"
    ET.SubElement(question, "shuffleanswers").text = "false"  # l'ordre des options est celui de l'auteur
    ET.SubElement(question, "answernumbering").text = "abc"
    _retours_combines(question, ex)
    for cle, libelle in ex.choices.items():
        juste = cle == ex.expected
        _reponse(question, libelle, 100 if juste else 0, ex.right if juste else ex.choice_feedback.get(cle, ex.wrong))


def reponses_numeriques(ex: Cle) -> list[tuple[float, float, float, str]]:
    """Les réponses d'une question numérique, dans l'ordre où Moodle les essaie :
    ``(valeur, tolérance, fraction, retour)``."""
    reponses = [(ex.expected, ex.tolerance, 100.0, ex.right)]
    if ex.unit == "pourcent":
        proportion = (ex.expected / 100, ex.tolerance / 100)
        reponses.append((*proportion, 100.0, ex.right) if ex.accept_fraction
                        else (*proportion, 0.0, f"{EN_POURCENTAGE} {ex.wrong}"))
    reponses += [(valeur, ex.tolerance, 0.0, message) for valeur, message in ex.traps]
    return reponses


def _numerique(banque: ET.Element, ex: Cle, site: str | None) -> None:
    question = _question(banque, ex, "numerical", site)
    for valeur, tolerance, fraction, retour in reponses_numeriques(ex):
        _reponse(question, _nombre(valeur), fraction, retour, tolerance=_nombre(tolerance))
    _reponse(question, "*", 0, ex.wrong, tolerance="0")
    ET.SubElement(question, "unitgradingtype").text = "0"  # l'unité n'est pas notée
    ET.SubElement(question, "unitpenalty").text = "0"
    ET.SubElement(question, "showunits").text = "0" if ex.unit == "pourcent" else "3"
    ET.SubElement(question, "unitsleft").text = "0"
    if ex.unit == "pourcent":
        unite = ET.SubElement(ET.SubElement(question, "units"), "unit")
        ET.SubElement(unite, "multiplier").text = "1"
        ET.SubElement(unite, "unit_name").text = "%"


def _appariement(banque: ET.Element, ex: Cle, site: str | None) -> None:
    question = _question(banque, ex, "matching", site)
    ET.SubElement(question, "shuffleanswers").text = "true"
    _retours_combines(question, ex)
    for element, libelle in ex.items.items():
        sous_question = _texte(question, "subquestion", libelle, format=FORMAT)
        _texte(sous_question, "answer", ex.categories[ex.expected[element]])
    for categorie_inutilisee in set(ex.categories) - set(ex.expected.values()):
        sous_question = _texte(question, "subquestion", "", format=FORMAT)  # une réponse de plus, sans question
        _texte(sous_question, "answer", ex.categories[categorie_inutilisee])


_QUESTIONS = {"choice": _choix, "numeric": _numerique, "classification": _appariement}


def par_chapitre(cles: dict[str, Cle] | None = None) -> dict[str, list[Cle]]:
    """Les exercices des clés, par chapitre, dans l'ordre des fichiers de clés."""
    chapitres: dict[str, list[Cle]] = {}
    for ex in (cles if cles is not None else cles_du_kit()).values():
        chapitres.setdefault(ex.chapter, []).append(ex)
    return chapitres


def banque_xml(site: str | None = None, cles: dict[str, Cle] | None = None) -> str:
    """La banque de questions au format Moodle XML."""
    banque = ET.Element("quiz")
    for chapitre, exercices in par_chapitre(cles).items():
        question = ET.SubElement(banque, "question", type="category")
        _texte(question, "category", categorie(chapitre))
        _texte(question, "info", lien_du_chapitre(chapitre, site), format=FORMAT)
        for ex in exercices:
            _QUESTIONS[ex.type](banque, ex, site)
    ET.indent(banque)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(banque, encoding="unicode") + "\n"


# --- GIFT -------------------------------------------------------------------------------

def _gift(texte: str) -> str:
    """Un texte pour GIFT : caractères spéciaux échappés, une seule ligne."""
    for special in "\\~=#{}:":
        texte = texte.replace(special, "\\" + special)
    return texte.replace("\n", "\\n")


def banque_gift(site: str | None = None, cles: dict[str, Cle] | None = None) -> str:
    """La banque de questions au format GIFT."""
    blocs = []
    for chapitre, exercices in par_chapitre(cles).items():
        blocs.append(f"$CATEGORY: {categorie(chapitre)}")
        for ex in exercices:
            enonce = f"::{_gift(ex.id)}::[{FORMAT}]{_gift(ex.statement + chr(10) * 2 + lien_du_chapitre(ex.chapter, site))}"
            if ex.type == "choice":
                options = " ".join(
                    ("=" if cle == ex.expected else "~") + _gift(libelle) + "#"
                    + _gift(ex.right if cle == ex.expected else ex.choice_feedback.get(cle, ex.wrong))
                    for cle, libelle in ex.choices.items())
                blocs.append(f"{enonce} {{{options}}}")
            elif ex.type == "numeric":
                reponses = " ".join(f"={'' if fraction == 100 else f'%{fraction:.0f}%'}{_nombre(valeur)}:"
                                    f"{_nombre(tolerance)}#{_gift(retour)}"
                                    for valeur, tolerance, fraction, retour in reponses_numeriques(ex))
                blocs.append(f"{enonce} {{#{reponses}}}")
            else:
                paires = " ".join(f"={_gift(ex.items[e])} -> {_gift(ex.categories[ex.expected[e]])}" for e in ex.items)
                blocs.append(f"{enonce} {{{paires} ####{_gift(ex.right)}}}")
    return "\n\n".join(blocs) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée de ``python -m transfonum.exercices.moodle`` ; renvoie le code de sortie."""
    parser = argparse.ArgumentParser(prog="python -m transfonum.exercices.moodle",
                                     description="Écrit les questions du kit en banque de questions Moodle.")
    parser.add_argument("--sortie", type=Path, required=True, help="le fichier Moodle XML à écrire (banque.xml)")
    parser.add_argument("--gift", type=Path, default=None, help="écrire aussi la banque au format GIFT")
    parser.add_argument("--site", default=None,
                        help="adresse du livre publié (https://…), pour le lien de chaque question vers son chapitre")
    args = parser.parse_args(argv)
    args.sortie.write_text(banque_xml(args.site), encoding="utf-8")
    ecrits = [args.sortie]
    if args.gift:
        args.gift.write_text(banque_gift(args.site), encoding="utf-8")
        ecrits.append(args.gift)
    nombre = len(cles_du_kit())
    print(f"{nombre} questions en {len(par_chapitre())} catégories{INSECABLE}: {', '.join(map(str, ecrits))}")
    if not args.site:
        print("sans --site, chaque question nomme son chapitre sans lien vers la page", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
