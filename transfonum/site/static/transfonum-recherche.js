/*
 * transfonum-recherche.js : la recherche du site, sans souci des accents
 * (transfonum/site/recherche.py ; chargé par la seule page de recherche, après les scripts
 * de Sphinx, searchtools.js et language_data.js, dont il se sert : Search, Stemmer,
 * plierAccents, _orderResultsByScoreThenName).
 *
 * - Les titres des pages et des sections se cherchent sans accents, comme les mots de
 *   l'index : « generation » trouve « Génération Y » autant que « génération ».
 * - Le résumé d'un résultat est pris dans le texte de l'article (sans les boutons, menus
 *   et liens d'ancre du thème), autour du passage où les mots cherchés se trouvent le plus
 *   nombreux, ces mots surlignés. Les mots du texte sont racinisés comme ceux de l'index,
 *   si bien que « réseaux » surligne « réseau » et « generation », « génération ».
 */
"use strict";

(() => {
  /** Ce qui, dans l'article, n'est pas du texte à lire. */
  const HORS_TEXTE = ".headerlink, script, style, noscript, template, button, [role='button'], "
    + ".dropdown-menu, .tooltip, [hidden], [aria-hidden='true']";
  /** La longueur d'un résumé, et le contexte laissé avant le premier mot trouvé. */
  const LONGUEUR = 240;
  const AVANT = 60;
  const MOT = /[\p{Letter}\p{Number}_]+/gu;

  /** Le texte à lire d'une page (ou de la section ``ancre``), d'un seul tenant. */
  const texteDeLaPage = (html, ancre) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    const article = page.querySelector("article.bd-article") || page.querySelector("[role='main']");
    if (!article) return "";
    article.querySelectorAll(HORS_TEXTE).forEach((element) => element.remove());
    const section = ancre ? page.getElementById(decodeURIComponent(ancre.slice(1))) : null;
    const bloc = section && article.contains(section) ? section : article;
    return bloc.textContent.replace(/\s+/g, " ").trim();
  };

  /** ``texte`` en minuscules sans accents, chaque caractère à sa place. */
  const plierSurPlace = (texte) => Array.from(texte, (caractere) => {
    const plie = plierAccents(caractere.toLowerCase());
    return plie.length === caractere.length ? plie : caractere;
  }).join("");

  /** Les mots de ``texte`` qui répondent aux racines cherchées : [{debut, fin, racine}]. */
  const motsTrouves = (texte, racines) => {
    const raciniseur = new Stemmer();
    const memoire = new Map();
    const trouves = [];
    for (const mot of plierSurPlace(texte).matchAll(MOT)) {
      if (!memoire.has(mot[0])) {
        const sienne = raciniseur.stemWord(mot[0]);
        memoire.set(mot[0], racines.find((r) => sienne === r || (r.length > 2 && sienne.includes(r))));
      }
      const racine = memoire.get(mot[0]);
      if (racine) trouves.push({ debut: mot.index, fin: mot.index + mot[0].length, racine });
    }
    return trouves;
  };

  /** Le premier mot trouvé du passage qui réunit le plus de racines différentes. */
  const meilleurDepart = (trouves) => {
    let meilleur = null;
    let nombre = 0;
    trouves.forEach((depart, i) => {
      const racines = new Set();
      for (let j = i; j < trouves.length && trouves[j].fin - depart.debut <= LONGUEUR - AVANT; j++) {
        racines.add(trouves[j].racine);
      }
      if (racines.size > nombre) [meilleur, nombre] = [depart, racines.size];
    });
    return meilleur;
  };

  /** Le résumé d'un résultat : un paragraphe, les mots trouvés surlignés. */
  const resumer = (html, racines, ancre) => {
    const texte = texteDeLaPage(html, ancre);
    if (!texte) return null;
    const trouves = motsTrouves(texte, [...racines]);
    const depart = meilleurDepart(trouves);
    let debut = depart ? Math.max(depart.debut - AVANT, 0) : 0;
    if (debut > 0) debut = texte.indexOf(" ", debut) + 1 || debut;  // au début d'un mot
    const fin = Math.min(debut + LONGUEUR, texte.length);
    const resume = document.createElement("p");
    resume.classList.add("context");
    resume.append(debut > 0 ? "… " : "");
    let curseur = debut;
    for (const mot of trouves.filter((t) => t.debut >= debut && t.fin <= fin)) {
      resume.append(texte.slice(curseur, mot.debut));
      const surligne = resume.appendChild(document.createElement("span"));
      surligne.classList.add("highlighted");
      surligne.textContent = texte.slice(mot.debut, mot.fin);
      curseur = mot.fin;
    }
    resume.append(texte.slice(curseur, fin) + (fin < texte.length ? " …" : ""));
    return resume;
  };

  /** Les titres (de pages et de sections) qui contiennent la requête, sans accents. */
  const titresTrouves = (requete) => {
    const index = Search._index;
    const cherche = plierSurPlace(requete.trim());
    const resultats = [];
    if (!cherche) return resultats;
    for (const [titre, lieux] of Object.entries(index.alltitles)) {
      if (!plierSurPlace(titre).includes(cherche) || cherche.length < titre.length / 2) continue;
      for (const [fichier, ancre] of lieux) {
        const titrePage = index.titles[fichier];
        resultats.push([
          index.docnames[fichier],
          titrePage !== titre ? `${titrePage} > ${titre}` : titre,
          ancre !== null ? "#" + ancre : "",
          null,
          Math.round(Scorer.title * cherche.length / titre.length) + (titrePage === titre ? 1 : 0),
          index.filenames[fichier],
        ]);
      }
    }
    return resultats;
  };

  const chercherSansTitres = Search._performSearch;
  Search._performSearch = (requete, ...termes) => {
    // Une requête vide ne trouve ni titre ni entrée d'index : les titres sont cherchés ici.
    const resultats = [...titresTrouves(requete), ...chercherSansTitres("", ...termes)];
    resultats.sort(_orderResultsByScoreThenName);
    const vus = new Set();
    return resultats.reverse().filter((resultat) => {  // le meilleur score d'abord, gardé
      const cle = [...resultat.slice(0, 4), resultat[5]].map(String).join(",");
      return !vus.has(cle) && vus.add(cle);
    }).reverse();
  };
  Search.makeSearchSummary = resumer;
})();
