/*
 * transfonum-recherche.js : la recherche du site, sans souci des accents
 * (transfonum/site/recherche.py ; chargé par la seule page de recherche, après les scripts
 * de Sphinx, searchtools.js et language_data.js, dont il se sert : Search, Scorer, Stemmer,
 * plierAccents, _orderResultsByScoreThenName ; html_show_search_summary faux dans
 * _config.yml : les résumés sont les siens).
 *
 * - Les titres des pages et des sections, et les entrées d'index (le glossaire), se
 *   cherchent sans accents, comme les mots de l'index : « generation » trouve
 *   « Génération Y » autant que « génération ».
 * - Le résumé d'un résultat est pris dans le texte de l'article (sans les boutons, menus
 *   et liens d'ancre du thème), autour du passage où les mots cherchés se trouvent le plus
 *   nombreux, ces mots surlignés (dans le titre du résultat aussi). Les mots du texte sont
 *   racinisés comme ceux de l'index, si bien que « réseaux » surligne « réseau » et
 *   « generation », « génération ». La page d'un résultat n'est demandée que lorsqu'il
 *   approche de l'écran.
 */
"use strict";

(() => {
  /** Ce qui, dans l'article, n'est pas du texte à lire. */
  const HORS_TEXTE = ".headerlink, script, style, noscript, template, button, [role='button'], "
    + ".dropdown-menu, .tooltip, [hidden], [aria-hidden='true']";
  /** La longueur d'un résumé, et le contexte laissé avant le premier mot trouvé. */
  const LONGUEUR = 240;
  const AVANT = 60;
  /** Le titre de la page (déjà le lien du résultat), et ce qui n'est pas de la prose :
   *  un passage hors d'eux est préféré pour le résumé. */
  const SECONDAIRE = "h1, table, pre, .cell_output, .output";
  const MOT = /[\p{Letter}\p{Number}_]+/gu;

  /** Le texte à lire d'une page (ou de la section ``ancre``), d'un seul tenant, et les
   *  intervalles [début, fin) de ce texte qui sont dans :data:`SECONDAIRE`. */
  const texteDeLaPage = (html, ancre) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    const article = page.querySelector("article.bd-article") || page.querySelector("[role='main']");
    if (!article) return { texte: "", secondaires: [] };
    article.querySelectorAll(HORS_TEXTE).forEach((element) => element.remove());
    const section = ancre ? page.getElementById(decodeURIComponent(ancre.slice(1))) : null;
    // Un terme du glossaire (<dt>) se lit avec sa définition (le <dd> qui le suit).
    const blocs = !section || !article.contains(section) ? [article]
      : section.tagName === "DT" && section.nextElementSibling ? [section, section.nextElementSibling] : [section];
    let texte = "";
    const secondaires = [];
    for (const bloc of blocs) {
      const marcheur = page.createTreeWalker(bloc, NodeFilter.SHOW_TEXT);
      texte += texte ? " " : "";
      while (marcheur.nextNode()) {
        let valeur = marcheur.currentNode.nodeValue.replace(/\s+/g, " ");
        if (!texte || texte.endsWith(" ")) valeur = valeur.trimStart();
        if (!valeur) continue;
        if (marcheur.currentNode.parentElement.closest(SECONDAIRE)) secondaires.push([texte.length, texte.length + valeur.length]);
        texte += valeur;
      }
    }
    return { texte: texte.trimEnd(), secondaires };
  };

  /** ``texte`` en minuscules sans accents, chaque caractère à sa place. */
  const plierSurPlace = (texte) => Array.from(texte, (caractere) => {
    const plie = plierAccents(caractere.toLowerCase());
    return plie.length === caractere.length ? plie : caractere;
  }).join("");

  /** Les mots de ``texte`` qui répondent aux racines cherchées : [{debut, fin, racine}].
   *  Un mot répond à une racine s'il a cette racine ; à défaut d'un tel mot dans le texte,
   *  si sa racine la contient (la recherche partielle de Sphinx). */
  const motsTrouves = (texte, racines) => {
    const raciniseur = new Stemmer();
    const mots = [...plierSurPlace(texte).matchAll(MOT)];
    const memoire = new Map();
    const racineDe = (mot) => memoire.get(mot) ?? memoire.set(mot, raciniseur.stemWord(mot)).get(mot);
    const exactes = new Set(mots.map((mot) => racineDe(mot[0])).filter((r) => racines.includes(r)));
    const trouves = [];
    for (const mot of mots) {
      const sienne = racineDe(mot[0]);
      const racine = racines.find((r) => sienne === r || (!exactes.has(r) && r.length > 2 && sienne.includes(r)));
      if (racine) trouves.push({ debut: mot.index, fin: mot.index + mot[0].length, racine });
    }
    return trouves;
  };

  /** Le premier mot trouvé du passage qui réunit le plus de racines différentes, hors
   *  d'un tableau ou d'un code si c'est possible, ces racines au plus près l'une de l'autre. */
  const meilleurDepart = (trouves, secondaires) => {
    const dansSecondaire = (position) => secondaires.some(([debut, fin]) => position >= debut && position < fin);
    let meilleur = null;
    let note = [0, 0, 0];
    trouves.forEach((depart, i) => {
      const racines = new Set();
      let etendue = 0;  // jusqu'à la dernière racine nouvelle
      for (let j = i; j < trouves.length && trouves[j].fin - depart.debut <= LONGUEUR - AVANT; j++) {
        if (!racines.has(trouves[j].racine)) etendue = trouves[j].fin - depart.debut;
        racines.add(trouves[j].racine);
      }
      const sienne = [racines.size, dansSecondaire(depart.debut) ? 0 : 1, -etendue];
      const mieux = sienne.findIndex((valeur, k) => valeur !== note[k]);
      if (!meilleur || (mieux >= 0 && sienne[mieux] > note[mieux])) [meilleur, note] = [depart, sienne];
    });
    return meilleur;
  };

  /** Surligne dans ``element`` les mots qui répondent aux racines (hors de ce qui l'est déjà). */
  const surligner = (element, racines) => {
    const marcheur = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const noeuds = [];
    while (marcheur.nextNode()) {
      if (!marcheur.currentNode.parentElement.closest(".highlighted")) noeuds.push(marcheur.currentNode);
    }
    for (const noeud of noeuds) {
      const texte = noeud.nodeValue;
      const morceaux = [];
      let curseur = 0;
      for (const mot of motsTrouves(texte, racines)) {
        const surligne = document.createElement("span");
        surligne.classList.add("highlighted");
        surligne.textContent = texte.slice(mot.debut, mot.fin);
        morceaux.push(texte.slice(curseur, mot.debut), surligne);
        curseur = mot.fin;
      }
      if (morceaux.length) noeud.replaceWith(...morceaux, texte.slice(curseur));
    }
  };

  /** Le résumé d'un résultat : un paragraphe, les mots trouvés surlignés, comme ensuite
   *  ceux du titre du résultat. */
  const resumer = (html, racines, ancre) => {
    const { texte, secondaires } = texteDeLaPage(html, ancre);
    if (!texte) return null;
    racines = [...racines];
    const depart = meilleurDepart(motsTrouves(texte, racines), secondaires);
    let debut = depart ? Math.max(depart.debut - AVANT, 0) : 0;
    if (debut > 0) debut = texte.indexOf(" ", debut) + 1 || debut;  // au début d'un mot
    // Sans remonter dans le titre ou le tableau qui précède le passage.
    const avant = secondaires.find(([a, b]) => a <= debut && debut < b && b <= (depart?.debut ?? 0));
    if (avant) debut = avant[1];
    let fin = Math.min(debut + LONGUEUR, texte.length);
    if (fin < texte.length) fin = Math.max(texte.lastIndexOf(" ", fin), Math.max(depart?.fin ?? 0, debut + LONGUEUR / 2));
    const resume = document.createElement("p");
    resume.classList.add("context");
    resume.textContent = (debut > 0 ? "… " : "") + texte.slice(debut, fin).trim() + (fin < texte.length ? " …" : "");
    surligner(resume, racines);
    return resume;
  };

  /** Les racines de la dernière requête (retenues par ``Search._performSearch`` ci-dessous). */
  let racinesCourantes = [];

  /** Ajoute à un résultat le résumé de sa page, qu'il va chercher. */
  const ajouterResume = async (resultat) => {
    const adresse = new URL(resultat.querySelector("a").href);
    const ancre = adresse.hash;
    adresse.hash = "";
    try {
      const reponse = await fetch(adresse);
      const resume = reponse.ok ? resumer(await reponse.text(), racinesCourantes, ancre) : null;
      if (resume) resultat.append(resume);
    } catch {
      // Page illisible (site ouvert depuis le disque) : le résultat reste sans résumé.
    }
  };

  /** Chaque résultat affiché : son titre surligné, et son résumé quand il approche de
   *  l'écran (``html_show_search_summary`` est faux : Sphinx irait chercher d'un coup la
   *  page de chaque résultat). */
  const aLEcran = new IntersectionObserver((entrees) => entrees.forEach((entree) => {
    if (!entree.isIntersecting) return;
    aLEcran.unobserve(entree.target);
    ajouterResume(entree.target);
  }), { rootMargin: "300px 0px" });
  const suivre = (resultat) => {
    surligner(resultat.querySelector("a"), racinesCourantes);
    aLEcran.observe(resultat);
  };
  document.addEventListener("DOMContentLoaded", () => {
    const resultats = document.getElementById("search-results");
    if (!resultats) return;
    resultats.querySelectorAll("ul.search > li").forEach(suivre);  // déjà affichés
    new MutationObserver((changements) => changements.forEach((changement) => changement.addedNodes.forEach(
      (noeud) => noeud.nodeName === "LI" && noeud.parentElement.matches("ul.search") && suivre(noeud),
    ))).observe(resultats, { childList: true, subtree: true });
  });

  /** Ce que ``searchtools.js`` cherche avec la requête entière, ici sans accents : les
   *  titres des pages et des sections, et les entrées d'index (les termes du glossaire).
   *  Renvoie [résultats principaux, entrées d'index secondaires]. */
  const titresEtEntrees = (requete) => {
    const index = Search._index;
    const cherche = plierSurPlace(requete.trim());
    const principaux = [];
    const secondaires = [];
    const repond = (texte) => plierSurPlace(texte).includes(cherche) && cherche.length >= texte.length / 2;
    const resultat = (fichier, titre, ancre, score) => [
      index.docnames[fichier], titre, ancre ? "#" + ancre : "", null, score, index.filenames[fichier]];
    if (!cherche) return [principaux, secondaires];
    for (const [titre, lieux] of Object.entries(index.alltitles)) {
      if (!repond(titre)) continue;
      for (const [fichier, ancre] of lieux) {
        const titrePage = index.titles[fichier];
        const score = Math.round(Scorer.title * cherche.length / titre.length) + (titrePage === titre ? 1 : 0);
        principaux.push(resultat(fichier, titrePage !== titre ? `${titrePage} > ${titre}` : titre, ancre, score));
      }
    }
    for (const [entree, lieux] of Object.entries(index.indexentries)) {
      if (!repond(entree)) continue;
      for (const [fichier, ancre, principale] of lieux) {
        const score = Math.round(100 * cherche.length / entree.length);
        (principale ? principaux : secondaires).push(resultat(fichier, index.titles[fichier], ancre, score));
      }
    }
    return [principaux, secondaires];
  };

  const chercherSansTitres = Search._performSearch;
  Search._performSearch = (requete, ...termes) => {
    racinesCourantes = [...termes[0]];
    // Une requête vide ne trouve ni titre ni entrée d'index : ils sont cherchés ci-dessus.
    const [principaux, secondaires] = titresEtEntrees(requete);
    const normaux = [...principaux, ...chercherSansTitres("", ...termes)].sort(_orderResultsByScoreThenName);
    const vus = new Set();
    // Comme searchtools.js : les entrées secondaires en dernier, chaque résultat une fois
    // (le meilleur score gardé), dans l'ordre inverse de l'affichage.
    return [...secondaires.sort(_orderResultsByScoreThenName), ...normaux].reverse().filter((r) => {
      const cle = [...r.slice(0, 4), r[5]].map(String).join(",");
      return !vus.has(cle) && vus.add(cle);
    }).reverse();
  };
})();
