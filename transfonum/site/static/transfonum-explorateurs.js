/* Explorers (transfonum.graphiques.html_explorateur): loaded only on the pages that hold
   one. Each explorer shows its initial state, drawn at build time, in a frame as tall as
   the live chart will be, with its controls written at build time (transfonum.commandes)
   and its specification compiled to Vega. The kit's Vega runtime (one file next to this
   one in _static: Vega only, no Vega-Lite compiler) is loaded, once, on the first use of an
   explorer: a control focused or changed, a tap or click on it, or a mouse moved over its
   chart (for the tooltips). Scrolling is not use: a wheel turned under a resting mouse
   (the browser then sends pointer events that did not move) or a finger that scrolls
   across a chart loads nothing, so a reader who only reads never downloads it. Until it
   has drawn, a control shows its new value at once and the picture fades; then the live
   chart, set to the controls' current values, replaces the picture without moving the
   page. The runtime is a classic script, so a page opened from disk (file://) draws its
   explorers as a served one does. If it cannot load, every explorer's controls go back to
   the picture's state and are disabled, and a French note says why (announced; focus
   moves to it from a control it disabled); if one explorer alone cannot draw, only its
   own. */
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
      // Loaded but silent (an old or damaged file): it would leave the picture faded for ever.
      script.onload = () => window.vega || reject(new Error(`bundle Vega sans Vega : ${bundleUrl}`));
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

  // A control's value as the chart reads it: a number for a slider, the option's own
  // value for a list (« listes » in the explorer's data, by the option's index).
  function value(control, lists) {
    if (control.type === "range") return Number(control.value);
    return lists[control.name][Number(control.value)];
  }

  const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 6 });
  // A slider's value, shown beside it and read by a screen reader, in French.
  function showValue(control) {
    const text = number.format(Number(control.value)).replace(/\u202f/g, "\u00a0");
    control.setAttribute("aria-valuetext", text);
    const shown = control.parentElement.querySelector(".vega-bind-value");
    if (shown) shown.textContent = text;
  }

  async function draw(frame) {
    const { spec, locale, listes } = JSON.parse(
      frame.closest("figure").querySelector("script.transfonum-spec").textContent);
    await loadBundle();
    const live = document.createElement("div");
    live.className = "transfonum-vivant";
    frame.querySelector(".transfonum-apercu").after(live);
    const view = new window.vega.View(window.vega.parse(spec), {
      container: live, renderer: "svg", hover: true, locale, tooltip,
    });
    const controls = [...frame.querySelectorAll(".vega-bind :is(input, select)")];
    const follow = (control) => view.signal(control.name, value(control, listes)).runAsync();
    for (const control of controls) {
      view.signal(control.name, value(control, listes));
      control.addEventListener("input", () => follow(control));
      control.addEventListener("change", () => follow(control));
    }
    await view.runAsync();
    frame.querySelector(".transfonum-apercu")?.remove();
    frame.classList.remove("attend-vega");
    live.classList.add("est-dessine");
  }

  const AVIS_DISQUE = "Ouvert depuis le disque, ce graphique reste une image\u00a0: ce navigateur "
    + "refuse d’y charger le script qui l’anime. Pour le manipuler, servez le site "
    + "(«\u00a0make serve\u00a0», puis http://127.0.0.1:8000/) ou lisez-le en ligne.";
  const AVIS = "Le graphique interactif n’a pas pu se charger\u00a0: l’image montre son état initial.";

  function signaler(frame) {
    const avis = document.createElement("p");
    avis.className = "transfonum-explorateur-avis";
    avis.setAttribute("role", "status");
    avis.tabIndex = -1;
    avis.textContent = location.protocol === "file:" ? AVIS_DISQUE : AVIS;
    frame.after(avis);
    return avis;
  }

  // The runtime is shared: if it cannot load, no explorer of the page will come alive.
  // Each stopped one's controls go back to what its picture shows and are disabled, with
  // the note under the explorer the reader was using.
  function fail(used, stopped, error) {
    console.error(`Explorateur ${used.id} :`, error);
    const focused = used.contains(document.activeElement);
    for (const frame of stopped) {
      frame.classList.remove("attend-vega");
      for (const control of frame.querySelectorAll(".vega-bind :is(input, select)")) {
        if (control.tagName === "SELECT") {
          control.selectedIndex = [...control.options].findIndex((option) => option.defaultSelected);
        } else {
          control.value = control.defaultValue;
          showValue(control);
        }
        control.disabled = true;
      }
    }
    const avis = signaler(used);
    if (focused) avis.focus();
  }

  const started = new WeakSet();
  let noRuntime = false;
  function start(frame) {
    if (started.has(frame) || noRuntime) return;
    started.add(frame);
    draw(frame).catch((error) => {
      if (noRuntime) return;  // another explorer has already said so
      noRuntime = !window.vega;
      fail(frame, noRuntime ? document.querySelectorAll(".transfonum-explorateur") : [frame], error);
    });
  }

  for (const frame of document.querySelectorAll(".transfonum-explorateur")) {
    const use = () => start(frame);
    // A tap: a finger lifted where it touched, the page not scrolled in between (a finger
    // that scrolls across the chart is not a use).
    let down = null;
    frame.addEventListener("pointerdown", (event) => {
      down = { x: event.clientX, y: event.clientY, scroll: window.scrollY };
    });
    frame.addEventListener("pointerup", (event) => {
      const tap = down && window.scrollY === down.scroll
        && Math.hypot(event.clientX - down.x, event.clientY - down.y) < 10;
      down = null;
      if (tap) use();
    });
    frame.addEventListener("click", use);
    frame.addEventListener("focusin", use);
    frame.addEventListener("pointermove", (event) => {
      if (event.pointerType === "mouse" && (event.movementX || event.movementY)) use();
    });
    for (const control of frame.querySelectorAll(".vega-bind :is(input, select)")) {
      // Before the live chart is there, the picture no longer shows what the controls say.
      control.addEventListener("input", () => {
        if (control.type === "range") showValue(control);
        if (!frame.querySelector(".est-dessine")) frame.classList.add("attend-vega");
        use();
      });
    }
  }
})();
