/* Auto-évaluation dans la page statique (transfonum.selfcheck).
 *
 * Chaque <section class="transfonum-selfcheck"> porte la clé de réponse exportée de son
 * exercice (transfonum.exercises.keys.export_keys) dans un <script type="application/json">.
 * Ce script la lit et corrige la réponse comme le correcteur Python
 * (transfonum/exercises/answers.py et check.py) : mêmes lectures tolérantes, mêmes
 * messages. Il ne fait aucune requête et n'écrit le texte de l'élève qu'en textContent.
 * tests/site/test_autoevaluation_parite.py vérifie que les deux correcteurs rendent le même verdict.
 */
(function () {
  "use strict";

  const NBSP = "\u00a0";
  const MAX_ANSWER_CHARS = 2000;
  const ECHO_LIMIT = 40;
  const MAX_ITEMS = 200;
  const SPACE_CHARS = " \t\u00a0\u202f\u2007\u2009";
  const EDGE_PUNCT = " .,;:!?()[]{}\"'«»“”‘’-_*/";
  const PLAIN = /^[+-]?(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)$/;
  const GROUPED = /^[+-]?[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?$/;
  const CONTROL = /^[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]$/u;
  const MARK = /^\p{M}$/u;
  const FALLBACK = "Je n'ai pas pu lire votre réponse" + NBSP + "; vérifiez sa forme (un nombre, "
    + "un choix ou un dictionnaire selon l'exercice) et réessayez.";

  /** Une réponse illisible ; son message est prêt à afficher (en textContent). */
  class AnswerError extends Error {}

  const quote = (text) => "«" + NBSP + text + NBSP + "»";
  const chars = (text) => Array.from(text);  // par point de code, comme len() en Python
  const plainStr = (text, limit = MAX_ANSWER_CHARS + 1) => chars(text).slice(0, limit).join("");

  function strip(text, set) {
    let start = 0;
    let end = text.length;
    while (start < end && set.includes(text[start])) start += 1;
    while (end > start && set.includes(text[end - 1])) end -= 1;
    return text.slice(start, end);
  }

  /** Caractères de contrôle et demi-codets isolés remplacés (text._clean). */
  function clean(text) {
    return chars(text).map((ch) => {
      if (!CONTROL.test(ch) || ch === "\u00a0" || ch === "\u202f") return ch;
      return "\t\n\r".includes(ch) ? " " : "\ufffd";
    }).join("");
  }

  /** Texte de l'élève à citer : tronqué et nettoyé (text.echo, sans échappement HTML :
   * il n'est jamais inséré autrement qu'en textContent). */
  function echo(text, limit = ECHO_LIMIT) {
    const short = chars(text).slice(0, limit + 1);
    return clean(short.slice(0, limit).join("")) + (short.length > limit ? "…" : "");
  }

  /** Classe de combinaison canonique non nulle (unicodedata.combining) : un tel signe
   * passe devant U+0345 (classe 240) dans la forme normale. */
  function isCombining(ch) {
    if (!MARK.test(ch)) return false;
    return ch === "\u0345" || ("\u0345" + ch).normalize("NFD") !== "\u0345" + ch;
  }

  /** Forme de comparaison : sans accents, minuscules, espaces réduites (text.normalize). */
  function normalize(text) {
    const bare = chars(clean(text).normalize("NFKD")).filter((ch) => !isCombining(ch)).join("");
    const folded = bare.toLowerCase().replace(/ß/g, "ss");
    return strip(folded.replace(/\s+/gu, " "), EDGE_PUNCT);
  }

  /** Nombre à la française : « 1 234,5 » (fr.number), arrondi au pair comme Python. */
  function frNumber(value, decimals) {
    const negative = value < 0 || Object.is(value, -0);
    const abs = Math.abs(value);
    let text;
    if (abs >= 1e21) {
      text = BigInt(abs).toString();
    } else if (decimals === 1 && Number.isInteger(abs * 4) && !Number.isInteger(abs * 2)) {
      const exact = abs.toFixed(2);  // égalité exacte : n,25 ou n,75
      text = Number(exact[exact.length - 2]) % 2 === 0 ? exact.slice(0, -1) : abs.toFixed(1);
    } else {
      text = abs.toFixed(decimals);
    }
    const [whole, fraction] = text.split(".");
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
    return (negative ? "-" : "") + grouped + (fraction === undefined ? "" : "," + fraction);
  }

  function show(key, value) {
    const decimals = Number.isInteger(value) ? 0 : 1;
    const text = frNumber(value, decimals);
    return key.unit === "pourcent" ? text + NBSP + "%" : text;
  }

  /** Lit un nombre tapé par l'élève (answers.read_number). */
  function readNumber(answer, example) {
    if (typeof answer !== "string") throw new AnswerError(FALLBACK);
    const length = chars(answer).length;
    if (length > MAX_ANSWER_CHARS) {
      throw new AnswerError("Votre réponse est bien trop longue (" + length + " caractères)"
        + NBSP + ": tapez seulement le nombre, par exemple " + example + ".");
    }
    const raw = plainStr(answer);
    let text = strip(raw, SPACE_CHARS + "\n\r");
    for (const ch of SPACE_CHARS) text = text.split(ch).join(" ");
    text = text.split("\u2212").join("-");
    const percentSign = text.endsWith("%");
    if (percentSign) text = text.slice(0, -1).replace(/ +$/, "");
    if (!text) {
      throw new AnswerError("Votre réponse est vide" + NBSP + ": tapez un nombre, par exemple " + example + ".");
    }
    if (text.includes(",") && text.includes(".")) {
      throw new AnswerError("Je ne sais pas lire " + quote(echo(raw)) + NBSP + ": virgule et point à la fois. "
        + "Écrivez la virgule décimale seule et séparez les milliers par des espaces (par exemple 1"
        + NBSP + "234,5).");
    }
    if (!PLAIN.test(text) && !GROUPED.test(text)) {
      throw new AnswerError("Je ne lis pas de nombre dans " + quote(echo(raw))
        + ". Tapez seulement le nombre, par exemple " + example + ".");
    }
    const value = Number(text.split(" ").join("").replace(",", "."));
    if (!Number.isFinite(value)) {
      throw new AnswerError("Votre réponse n'est pas un nombre fini" + NBSP + "; donnez une valeur précise.");
    }
    return { value, percentSign };
  }

  /** Table de recherche : forme normalisée de chaque identifiant et libellé → identifiant. */
  function labels(options) {
    const index = new Map();
    for (const { id, label } of options) {
      for (const name of [normalize(id), normalize(label)]) {
        if (!index.has(name)) index.set(name, id);
      }
    }
    return index;
  }

  const labelOf = (options, id) => options.find((option) => option.id === id).label;

  /** Identifiant du choix désigné par la réponse (answers.read_choice). */
  function readChoice(answer, choices) {
    const listing = choices.map((c) => quote(c.id)).join(", ");
    if (typeof answer !== "string") throw new AnswerError(FALLBACK);
    if (chars(answer).length > MAX_ANSWER_CHARS) {
      throw new AnswerError("Votre réponse est bien trop longue" + NBSP + ": donnez un seul choix parmi " + listing + ".");
    }
    const key = normalize(plainStr(answer));
    if (!key) throw new AnswerError("Votre réponse est vide" + NBSP + ": choisissez parmi " + listing + ".");
    const found = labels(choices).get(key);
    if (found === undefined) {
      throw new AnswerError(quote(echo(answer)) + " ne fait pas partie des choix proposés" + NBSP
        + "; choisissez parmi " + listing + ".");
    }
    return found;
  }

  const tooMany = () => new AnswerError("Votre classement compte beaucoup trop d'éléments (plus de " + MAX_ITEMS + ").");

  /** Paires (élément, catégorie), données élément → catégorie ou catégorie → liste. */
  function pairs(answer, catIndex) {
    const entries = Object.entries(answer).slice(0, MAX_ITEMS + 1);
    if (entries.length > MAX_ITEMS) throw tooMany();
    const grouped = entries.length > 0
      && entries.every(([k, v]) => catIndex.has(normalize(k)) && Array.isArray(v));
    if (!grouped) return entries;
    const out = [];
    for (const [cat, items] of entries) {
      for (const item of items.slice(0, MAX_ITEMS + 1)) {
        out.push([item, cat]);
        if (out.length > MAX_ITEMS) throw tooMany();
      }
    }
    return out;
  }

  /** Lit un classement élément → catégorie (answers.read_classification). */
  function readClassification(answer, items, categories) {
    const cats = categories.map((c) => quote(c.id)).join(", ");
    if (answer === null || typeof answer !== "object" || Array.isArray(answer)) {
      throw new AnswerError("Donnez un dictionnaire qui associe chaque élément à une catégorie ("
        + cats + ").");
    }
    const itemIndex = labels(items);
    const catIndex = labels(categories);
    const problems = [];
    const placed = new Map();
    for (const [rawItem, rawCat] of pairs(answer, catIndex)) {
      const item = typeof rawItem === "string" ? itemIndex.get(normalize(plainStr(rawItem))) : undefined;
      if (item === undefined) {
        const shown = typeof rawItem === "string" ? quote(echo(rawItem)) : "d'un autre type";
        problems.push("l'élément " + shown + " ne fait pas partie de la liste");
        continue;
      }
      const cat = typeof rawCat === "string" ? catIndex.get(normalize(plainStr(rawCat))) : undefined;
      if (cat === undefined) {
        problems.push("la catégorie donnée pour " + quote(labelOf(items, item)) + " n'est pas l'une de " + cats);
        continue;
      }
      if (placed.has(item) && placed.get(item) !== cat) {
        problems.push(quote(labelOf(items, item)) + " est classé dans deux catégories");
      }
      placed.set(item, cat);
    }
    const missing = items.filter((i) => !placed.has(i.id)).map((i) => quote(i.label));
    if (missing.length) problems.push("il manque " + missing.join(", "));
    if (problems.length) {
      throw new AnswerError("Votre classement est incomplet ou mal formé" + NBSP + ": "
        + problems.join(NBSP + "; ") + ".");
    }
    return placed;
  }

  const near = (a, b, tolerance) => Math.abs(a - b) <= tolerance + 1e-9 * Math.max(1, Math.abs(b));
  const verdict = (correct, message) => ({ correct, message });

  function checkNumeric(key, answer) {
    const example = key.unit === "pourcent" ? "80" + NBSP + "%" : "1" + NBSP + "234";
    const read = readNumber(answer, example);
    if (read.percentSign && key.unit !== "pourcent") {
      return verdict(false, "La réponse attendue est un nombre, pas un pourcentage" + NBSP
        + ": retirez le signe " + quote("%") + ". " + key.feedback.wrong);
    }
    const candidates = [read.value];
    if (key.unit === "pourcent" && key.accept_fraction && !read.percentSign) candidates.push(read.value * 100);
    if (candidates.some((c) => near(c, key.expected, key.tolerance))) {
      return verdict(true, "Exact" + NBSP + ": " + show(key, key.expected) + ". " + key.feedback.right);
    }
    if (key.unit === "pourcent" && !key.accept_fraction && near(read.value * 100, key.expected, key.tolerance)) {
      return verdict(false, "Donnez la réponse en pourcentage, sur 100, et non comme une proportion "
        + "entre 0 et 1. " + key.feedback.wrong);
    }
    const shown = show(key, read.value);
    for (const trap of key.traps) {
      if (candidates.some((c) => near(c, trap.value, key.tolerance))) {
        return verdict(false, "Pas tout à fait" + NBSP + ": " + shown + " ne convient pas. " + trap.message);
      }
    }
    const side = read.value > key.expected ? "trop élevée" : "trop basse";
    return verdict(false, "Pas encore" + NBSP + ": " + shown + " est une valeur " + side + ". " + key.feedback.wrong);
  }

  function checkChoice(key, answer) {
    const chosen = readChoice(answer, key.choices);
    const label = quote(labelOf(key.choices, chosen));
    if (chosen === key.expected) return verdict(true, "Exact" + NBSP + ": " + label + ". " + key.feedback.right);
    const specific = Object.prototype.hasOwnProperty.call(key.choice_feedback, chosen)
      ? key.choice_feedback[chosen] : key.feedback.wrong;
    return verdict(false, "Ce n'est pas " + label + ". " + specific);
  }

  function checkClassification(key, answer) {
    const placed = readClassification(answer, key.items, key.categories);
    const wrong = key.items.filter((i) => placed.get(i.id) !== key.expected[i.id]).map((i) => quote(i.label));
    if (!wrong.length) return verdict(true, "Tout est bien classé. " + key.feedback.right);
    const noun = wrong.length === 1 ? "élément mal placé" : "éléments mal placés";
    return verdict(false, wrong.length + " " + noun + " sur " + key.items.length + NBSP + ": "
      + wrong.join(", ") + ". " + key.feedback.wrong);
  }

  const CHECKERS = { numeric: checkNumeric, choice: checkChoice, classification: checkClassification };

  /** Corrige ``answer`` avec la clé exportée ``key`` ; ne lève jamais.
   * @returns {{correct: boolean, message: string}} */
  function check(key, answer) {
    try {
      return CHECKERS[key.type](key, answer);
    } catch (error) {
      return verdict(false, error instanceof AnswerError ? error.message : FALLBACK);
    }
  }

  /* ---- La page : lire la réponse dans le formulaire, afficher le verdict ---- */

  function readForm(key, form) {
    if (key.type === "numeric") return form.querySelector("input[type=text]").value;
    if (key.type === "choice") {
      const chosen = form.querySelector("input[type=radio]:checked");
      return chosen ? chosen.value : "";
    }
    const answer = {};
    for (const select of form.querySelectorAll("select[data-item]")) {
      if (select.value) answer[select.dataset.item] = select.value;
    }
    return answer;
  }

  function showFeedback(region, result) {
    const head = document.createElement("strong");
    head.textContent = result.correct ? "Juste" : "À revoir";
    region.replaceChildren(head, document.createTextNode(" — " + result.message));
    region.classList.toggle("is-right", result.correct);
    region.classList.toggle("is-wrong", !result.correct);
  }

  function setUp(section) {
    const form = section.querySelector("form");
    const region = section.querySelector("[role=status]");
    let key;
    try {
      key = JSON.parse(section.querySelector("script[type='application/json']").textContent);
    } catch (error) {
      region.textContent = "Cette auto-évaluation n'a pas pu être chargée.";
      return;
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      showFeedback(region, check(key, readForm(key, form)));
    });
    form.querySelector("button").disabled = false;
  }

  function setUpAll() {
    document.querySelectorAll("section.transfonum-selfcheck").forEach(setUp);
  }

  window.TransfonumSelfcheck = Object.freeze({ check });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
