/* Explorers (transfonum.graphiques.html_explorateur): loaded only on the pages that hold
   one. Each explorer shows its initial state, drawn at build time, in a frame as tall as
   the live chart will be, and carries its specification compiled to Vega at build time.
   When a frame nears the viewport, the kit's Vega runtime (one file next to this one in
   _static: Vega only, no Vega-Lite compiler) is loaded, once, and the live chart, with its
   sliders and lists and French number formats, replaces the picture without moving the
   page. The runtime is a classic script, so a page opened from disk (file://) draws its
   explorers as a served one does. If it cannot load (a missing file, a browser that
   refuses scripts from disk), the picture stays and a French note says why and how to
   serve the site. */
(() => {
  "use strict";
  const READY = "transfonum:vega-ready";
  const bundleUrl = new URL("transfonum-vega.js", document.currentScript.src).href;
  let loading = null;

  function loadBundle() {
    loading ??= new Promise((resolve, reject) => {
      if (window.vega) return resolve();
      window.addEventListener(READY, resolve, { once: true });
      const script = document.createElement("script");
      script.src = bundleUrl;
      script.onerror = () => reject(new Error(`bundle Vega introuvable : ${bundleUrl}`));
      document.head.append(script);
    });
    return loading;
  }

  // Tooltips (the chart's « tooltip » fields): a small box near the pointer, in the page's
  // colours, instead of the browser's title attribute.
  let bubble = null;
  function tooltip(handler, event, item, value) {
    bubble ??= Object.assign(document.createElement("div"), { className: "transfonum-infobulle" });
    if (value == null || value === "") {
      bubble.remove();
      return;
    }
    const rows = typeof value === "object" ? Object.entries(value) : [[null, value]];
    bubble.replaceChildren(...rows.map(([key, text]) => {
      const row = document.createElement("div");
      if (key) row.append(Object.assign(document.createElement("strong"), { textContent: `${key}\u00a0: ` }));
      row.append(String(text));
      return row;
    }));
    document.body.append(bubble);
    const x = Math.min(event.clientX + 12, window.innerWidth - bubble.offsetWidth - 8);
    const y = event.clientY + 16 + bubble.offsetHeight < window.innerHeight
      ? event.clientY + 16 : event.clientY - bubble.offsetHeight - 12;
    bubble.style.left = `${Math.max(8, x)}px`;
    bubble.style.top = `${Math.max(8, y)}px`;
  }

  async function draw(frame) {
    const { spec, locale } = JSON.parse(
      frame.closest("figure").querySelector("script.transfonum-spec").textContent);
    await loadBundle();
    const live = document.createElement("div");
    live.className = "transfonum-vivant";
    frame.append(live);
    const view = new window.vega.View(window.vega.parse(spec), {
      container: live, renderer: "svg", hover: true, locale, tooltip,
    });
    await view.runAsync();
    frame.querySelector(".transfonum-apercu")?.remove();
    live.classList.add("est-dessine");
  }

  const AVIS_DISQUE = "Ouvert depuis le disque, ce graphique reste une image\u00a0: ce navigateur "
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
