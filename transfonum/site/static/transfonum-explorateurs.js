/* Explorers (transfonum.graphiques.html_explorateur): loaded only on the pages that hold
   one. Each explorer shows its initial state, drawn at build time, in a frame as tall as
   the live chart will be. When a frame nears the viewport, the kit's Vega bundle (one
   file next to this one in _static) is loaded, once, and the live chart, with its
   sliders and lists, replaces the picture without moving the page. If the bundle cannot
   load (a page opened from disk: the browser refuses module scripts on file://), the
   picture stays and a French note says why and how to serve the site. */
(() => {
  "use strict";
  const READY = "transfonum:vega-ready";
  const bundleUrl = new URL("transfonum-vega.js", document.currentScript.src).href;
  let loading = null;

  function loadBundle() {
    loading ??= new Promise((resolve, reject) => {
      if (window.vegaEmbed) return resolve();
      window.addEventListener(READY, resolve, { once: true });
      const script = document.createElement("script");
      script.type = "module";
      script.src = bundleUrl;
      script.onerror = () => reject(new Error(`bundle Vega introuvable : ${bundleUrl}`));
      document.head.append(script);
    });
    return loading;
  }

  async function draw(frame) {
    const { spec, options } = JSON.parse(
      frame.closest("figure").querySelector("script.transfonum-spec").textContent);
    await loadBundle();
    const live = document.createElement("div");
    live.className = "transfonum-vivant";
    frame.append(live);
    await window.vegaEmbed(live, spec, options);
    frame.querySelector(".transfonum-apercu")?.remove();
    live.classList.add("est-dessine");
  }

  const AVIS_DISQUE = "Ouvert depuis le disque, ce graphique reste une image\u00a0: le navigateur "
    + "refuse d’y charger le script qui l’anime. Pour le manipuler, servez le site "
    + "(«\u00a0make serve\u00a0», puis http://127.0.0.1:8000/) ou lisez-le en ligne.";
  const AVIS = "Le graphique interactif n’a pas pu se charger\u00a0: l’image montre son état initial.";

  function signaler(frame) {
    const figure = frame.closest("figure");
    if (figure.querySelector(".transfonum-explorateur-avis")) return;
    const avis = document.createElement("p");
    avis.className = "transfonum-explorateur-avis";
    avis.setAttribute("role", "note");
    avis.textContent = location.protocol === "file:" ? AVIS_DISQUE : AVIS;
    frame.after(avis);
  }

  function start(frame) {
    draw(frame).catch((error) => {
      console.error(`Explorateur ${frame.id} :`, error);
      signaler(frame);
    });
  }

  const frames = document.querySelectorAll(".transfonum-explorateur");
  if (!("IntersectionObserver" in window)) {
    frames.forEach(start);
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        start(entry.target);
      }
    }
  }, { rootMargin: "400px 0px" });
  frames.forEach((frame) => observer.observe(frame));
})();
