/* The handbook's content scripts (no libraries, nothing loaded from outside the site).
 *
 * 1. Diagrams in full size: each diagram's "Vis figur n i fuld størrelse" link opens the
 *    drawing in a dialog with zoom (buttons, + and −, 0 for natural size) and pan (the
 *    view scrolls: arrow keys, scroll bars, dragging with a finger). Escape closes it and
 *    focus returns to the link. Without this script the link opens the SVG file itself.
 * 2. The findings page's filter: buttons that show the findings of one severity only.
 *    Without this script every section is shown (each has its own anchor).
 */
(function () {
  "use strict";

  var ZOOMS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 3, 4];
  var viewer = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function button(label, action, title) {
    var b = el("button", {type: "button", "data-action": action}, label);
    if (title) { b.setAttribute("aria-label", title); b.title = title; }
    return b;
  }

  function makeViewer() {
    var dialog = el("dialog", {"class": "handbook-viewer", "aria-labelledby": "handbook-viewer-title"});
    var bar = el("div", {"class": "handbook-viewer-bar"});
    var title = el("h2", {id: "handbook-viewer-title"});
    var tools = el("div", {"class": "handbook-viewer-tools", role: "group", "aria-label": "Zoom"});
    var level = el("output", {"aria-live": "polite", "class": "handbook-viewer-level"});
    tools.append(button("−", "out", "Zoom ud"), level, button("+", "in", "Zoom ind"),
                 button("Tilpas", "fit", "Tilpas til vinduet"), button("1:1", "natural", "1:1, naturlig størrelse"),
                 button("Luk", "close", "Luk fuld størrelse"));
    bar.append(title, tools);
    var pane = el("div", {"class": "handbook-viewer-pane", tabindex: "0", role: "region",
                          "aria-label": "Diagrammet. Flyt med piletasterne, zoom med + og −, luk med Escape."});
    var help = el("p", {"class": "handbook-viewer-help"},
                  "Tastatur: + og − zoomer, 0 viser naturlig størrelse, piletasterne flytter, Escape lukker.");
    dialog.append(bar, pane, help);
    document.body.append(dialog);
    var state = {dialog: dialog, title: title, pane: pane, level: level, object: null, width: 0, height: 0,
                 zoom: 1, opener: null};
    tools.addEventListener("click", function (event) {
      var action = event.target.closest("button") && event.target.closest("button").dataset.action;
      if (action === "close") { dialog.close(); } else if (action) { zoom(state, action); }
    });
    dialog.addEventListener("keydown", function (event) { key(state, event); });
    dialog.addEventListener("close", function () {
      if (state.opener) { state.opener.focus(); }
    });
    return state;
  }

  function zoom(state, action) {
    if (action === "in") { state.zoom = ZOOMS[Math.min(ZOOMS.length - 1, nearest(state.zoom) + 1)]; }
    if (action === "out") { state.zoom = ZOOMS[Math.max(0, nearest(state.zoom) - 1)]; }
    if (action === "natural") { state.zoom = 1; }
    if (action === "fit") {
      var fit = Math.min((state.pane.clientWidth - 8) / state.width, (state.pane.clientHeight - 8) / state.height);
      state.zoom = Math.max(0.1, Math.min(1, fit));
    }
    var cx = (state.pane.scrollLeft + state.pane.clientWidth / 2) / (state.object.offsetWidth || 1);
    var cy = (state.pane.scrollTop + state.pane.clientHeight / 2) / (state.object.offsetHeight || 1);
    state.object.style.width = Math.round(state.width * state.zoom) + "px";
    state.object.style.height = Math.round(state.height * state.zoom) + "px";
    state.pane.scrollLeft = cx * state.object.offsetWidth - state.pane.clientWidth / 2;
    state.pane.scrollTop = cy * state.object.offsetHeight - state.pane.clientHeight / 2;
    state.level.textContent = Math.round(state.zoom * 100) + " %";
  }

  function nearest(value) {
    var best = 0;
    ZOOMS.forEach(function (z, i) { if (Math.abs(z - value) < Math.abs(ZOOMS[best] - value)) { best = i; } });
    return best;
  }

  function key(state, event) {
    var step = 60;
    var moves = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step]};
    if (event.key === "Escape") { state.dialog.close(); }  /* also where the browser's own close request does not come */
    else if (event.key === "+" || event.key === "=") { zoom(state, "in"); }
    else if (event.key === "-" || event.key === "−") { zoom(state, "out"); }
    else if (event.key === "0") { zoom(state, "natural"); }
    else if (moves[event.key] && !event.target.closest("button")) {
      state.pane.scrollBy(moves[event.key][0], moves[event.key][1]);
    } else { return; }
    event.preventDefault();
  }

  function open(link) {
    var figure = link.closest("figure");
    var shown = figure && figure.querySelector("object");
    if (!shown || typeof HTMLDialogElement === "undefined") { return false; }
    viewer = viewer || makeViewer();
    var object = el("object", {data: shown.getAttribute("data"), type: "image/svg+xml", role: "img",
                               "aria-label": shown.getAttribute("aria-label") || ""});
    viewer.width = parseInt(shown.getAttribute("width"), 10) || shown.offsetWidth || 800;
    viewer.height = parseInt(shown.getAttribute("height"), 10) || shown.offsetHeight || 600;
    viewer.pane.replaceChildren(object);
    viewer.object = object;
    var caption = figure.querySelector(".caption-text");
    viewer.title.textContent = caption ? caption.textContent : "Diagram";
    viewer.opener = link;
    viewer.dialog.showModal();
    viewer.zoom = 1;
    zoom(viewer, "natural");
    viewer.pane.scrollLeft = 0;
    viewer.pane.scrollTop = 0;
    viewer.pane.focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.handbook-diagram-full");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey && open(link)) { event.preventDefault(); }
  });

  /* -- the findings page: show one severity ------------------------------------------- */
  var NAMES = {error: "Fejl", warning: "Advarsler", info: "Info"};

  function findingsFilter() {
    var sections = document.querySelectorAll("section.handbook-findings-severity");
    var groups = document.querySelectorAll("section.handbook-findings-group");
    if (!sections.length || !groups.length) { return; }
    var counts = {};
    sections.forEach(function (section) {
      Object.keys(NAMES).forEach(function (severity) {
        if (section.classList.contains("handbook-findings-" + severity)) {
          counts[severity] = (counts[severity] || 0) + section.querySelectorAll("tbody tr").length;
        }
      });
    });
    var bar = el("div", {"class": "handbook-findings-filter", role: "group", "aria-label": "Vis fund efter alvor"});
    bar.append(el("span", {}, "Vis: "));
    var buttons = [["all", "Alle"]].concat(Object.keys(NAMES).filter(function (s) { return counts[s]; })
      .map(function (s) { return [s, NAMES[s] + " (" + counts[s] + ")"]; }));
    buttons.forEach(function (entry) {
      var b = el("button", {type: "button", "aria-pressed": entry[0] === "all" ? "true" : "false",
                            "data-severity": entry[0]}, entry[1]);
      bar.append(b);
    });
    groups[0].parentNode.insertBefore(bar, groups[0]);
    bar.addEventListener("click", function (event) {
      var chosen = event.target.closest("button");
      if (!chosen) { return; }
      var severity = chosen.dataset.severity;
      bar.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", String(b === chosen)); });
      sections.forEach(function (section) {
        section.hidden = severity !== "all" && !section.classList.contains("handbook-findings-" + severity);
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("section.handbook-findings-severity:not([hidden])");
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", findingsFilter);
  } else {
    findingsFilter();
  }
}());
