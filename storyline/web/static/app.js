// storyline — our own small script (the only one the Content-Security-Policy allows).
// It never builds HTML from data: it only moves focus and submits forms.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // A filter select submits its form at once: one click instead of two.
  for (const select of document.querySelectorAll("form.filters select")) {
    select.addEventListener("change", () => select.form.submit());
  }
  // "/" jumps to the search box, as on most sites.
  const search = document.querySelector("form.search input[name=q]");
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
    if (event.key === "/" && search && !typing) {
      event.preventDefault();
      search.focus();
    }
  });
  document.body.dataset.js = "ready";
});
