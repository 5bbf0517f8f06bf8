// Les extraits des billets (rôle {extrait}) : la marque ouvre et ferme sa bulle au clic
// ou au toucher ; Échap la referme et rend le focus à la marque ; un clic ailleurs la
// referme. Sans ce script, la bulle s'affiche au survol et au focus (feuille du kit) ;
// avec lui, seulement quand on l'ouvre.
(() => {
  document.documentElement.classList.add("transfonum-extraits-js");
  const fermer = (extrait) => {
    extrait.classList.remove("ouvert");
    extrait.querySelector(".transfonum-extrait-marque").setAttribute("aria-expanded", "false");
  };
  const ouverts = () => document.querySelectorAll(".transfonum-extrait.ouvert");
  document.addEventListener("click", (evenement) => {
    const marque = evenement.target.closest(".transfonum-extrait-marque");
    const extrait = marque && marque.parentElement;
    ouverts().forEach((autre) => { if (autre !== extrait && !autre.contains(evenement.target)) fermer(autre); });
    if (!marque) return;
    const ouvrir = !extrait.classList.contains("ouvert");
    extrait.classList.toggle("ouvert", ouvrir);
    marque.setAttribute("aria-expanded", String(ouvrir));
  });
  document.addEventListener("keydown", (evenement) => {
    if (evenement.key !== "Escape") return;
    ouverts().forEach((extrait) => {
      fermer(extrait);
      if (extrait.contains(document.activeElement)) extrait.querySelector(".transfonum-extrait-marque").focus();
    });
  });
})();
