// storyline — our own script (the Content-Security-Policy allows scripts from this server only).
// It never builds HTML from data: it creates elements and sets their text, submits forms,
// completes name filters from /api/names, and draws an actor's graph from /api/actors/…/graph.
"use strict";

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Name filters: typing offers the actors (or places) whose name variants start so, in any language.
function completeNames(input) {
  const list = document.getElementById(input.getAttribute("list"));
  if (!list) return;
  const fill = debounce(async () => {
    const q = input.value.trim();
    if (q.length < 2) return;
    const url = `/api/names?kind=${encodeURIComponent(input.dataset.complete)}&limit=8&q=${encodeURIComponent(q)}`;
    const response = await fetch(url);
    if (!response.ok) return;
    const data = await response.json();
    list.replaceChildren(
      ...data.names.map((n) => {
        const option = document.createElement("option");
        option.value = n.name;
        option.textContent = n.matched && n.matched !== n.name ? `${n.name} (${n.matched})` : n.name;
        return option;
      }),
    );
  }, 150);
  input.addEventListener("input", fill);
}

const FONTS = '"Noto Sans", "DejaVu Sans", "Storyline CJK", "Storyline Thai", sans-serif';

// The co-participant graph: force-directed (fCoSE), the actor in the middle, widths by weight.
async function drawGraph(box) {
  if (typeof window.cytoscape !== "function") return;
  const response = await fetch(box.dataset.graph);
  if (!response.ok) return;
  const data = await response.json();
  if (window.cytoscapeFcose) window.cytoscape.use(window.cytoscapeFcose);
  // The canvas draws labels once: load the fonts their scripts need first (CJK, Thai fallbacks).
  await document.fonts.load(`11px ${FONTS}`, data.nodes.map((n) => n.name).join(""));
  const most = Math.max(1, ...data.nodes.map((n) => n.weight));
  const elements = [
    ...data.nodes.map((n) => ({
      data: { id: n.id, label: n.name, url: n.url || "", size: n.self ? 34 : 12 + 22 * Math.sqrt(n.weight / most) },
      classes: n.self ? "self" : "",
    })),
    ...data.edges.map((e, i) => ({
      data: { id: `e${i}`, source: e.source, target: e.target, width: Math.min(9, 1 + Math.log2(1 + e.weight) * 1.6) },
      classes: e.kind,
    })),
  ];
  const cy = window.cytoscape({
    container: box,
    elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { width: "data(size)", height: "data(size)", "background-color": "#1f5fa8",
        label: "data(label)", "font-size": 11, "font-family": FONTS, color: "#1d2430", "text-valign": "bottom",
        "text-margin-y": 3, "text-background-color": "#ffffff", "text-background-opacity": 0.8,
        "text-background-padding": 1, "min-zoomed-font-size": 7 } },
      { selector: "node.self", style: { "background-color": "#c2410c", "font-weight": "bold", "font-size": 13 } },
      { selector: "edge", style: { width: "data(width)", "curve-style": "straight", opacity: 0.55 } },
      { selector: "edge.event", style: { "line-color": "#c2410c" } },
      { selector: "edge.story", style: { "line-color": "#8a94a3" } },
    ],
    layout: window.cytoscapeFcose
      ? { name: "fcose", animate: false, randomize: true, nodeRepulsion: 25000, idealEdgeLength: 130,
          nodeSeparation: 90, packComponents: true }
      : { name: "cose", animate: false },
  });
  cy.on("tap", "node", (event) => {
    const url = event.target.data("url");
    if (url) window.location.href = url;
  });
  box.dataset.nodes = String(data.nodes.length);
  box.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => {
  // A filter select submits its form at once: one click instead of two.
  for (const select of document.querySelectorAll("form.filters select")) {
    select.addEventListener("change", () => select.form.submit());
  }
  for (const input of document.querySelectorAll("input[data-complete]")) completeNames(input);
  const graph = document.getElementById("actor-graph");
  if (graph && graph.dataset.graph) drawGraph(graph).catch((error) => console.warn("graph:", error));
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
