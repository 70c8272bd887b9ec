// Article view: a highlight (click, or Enter/Space when focused) opens the panel with
// the records covering it, innermost first; Escape closes it and returns focus.
// Record details are server-rendered (escaped) sections; this script only shows/hides.
"use strict";
(function () {
  const text = document.getElementById("text");
  const panel = document.getElementById("panel");
  if (!text || !panel) return;
  let opener = null;

  // ``first``: the record to list first (the one a link pointed to)
  function open(highlight, first) {
    let ids = (highlight.dataset.records || "").split(" ").filter(Boolean);
    if (first && ids.includes(first)) ids = [first].concat(ids.filter(function (id) { return id !== first; }));
    if (!ids.length) return;
    panel.querySelectorAll("section.record").forEach(function (section) {
      section.hidden = !ids.includes(section.dataset.record);
    });
    // show the records in innermost-first order
    ids.forEach(function (id) {
      const section = panel.querySelector('section.record[data-record="' + CSS.escape(id) + '"]');
      if (section) panel.appendChild(section);
    });
    text.querySelectorAll(".hl.active").forEach(function (el) { el.classList.remove("active"); });
    highlight.classList.add("active");
    panel.hidden = false;
    opener = highlight;
  }

  function close() {
    if (panel.hidden) return;
    panel.hidden = true;
    text.querySelectorAll(".hl.active").forEach(function (el) { el.classList.remove("active"); });
    if (opener) opener.focus();
  }

  text.addEventListener("click", function (event) {
    const highlight = event.target.closest(".hl");
    if (highlight) open(highlight);
  });
  text.addEventListener("keydown", function (event) {
    const highlight = event.target.closest(".hl");
    if (highlight && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      open(highlight);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
  document.getElementById("panel-close").addEventListener("click", close);

  // /articles/{id}#q-… : open the record the link points to
  function fromHash() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    // a record sharing its start with a shorter one is an empty anchor before it
    let highlight = target;
    while (highlight && !highlight.classList.contains("hl")) highlight = highlight.nextElementSibling;
    if (highlight) {
      open(highlight, id);
      highlight.focus();
    }
  }
  window.addEventListener("hashchange", fromHash);
  // after load: the browser's own scroll to the fragment would otherwise reset focus
  window.addEventListener("load", fromHash);
})();

// Charts: each .vl-chart names the JSON script holding its Vega-Lite spec. Rendered by
// the vendored vega-embed (static/vendor/) with vega's expression interpreter, so the
// Content-Security-Policy needs no 'unsafe-eval'; a canvas, so no inline styles either.
(function () {
  const charts = document.querySelectorAll(".vl-chart[data-spec]");
  if (!charts.length || typeof vegaEmbed === "undefined") return;
  charts.forEach(function (el) {
    const spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    vegaEmbed(el, spec, {
      actions: false, renderer: "canvas", ast: true, defaultStyle: false, tooltip: false,
      expr: vegaInterpreter.expressionInterpreter,
    }).then(function (result) {
      el.dataset.rendered = String(result.view.data("source_0") ? result.view.data("source_0").length : 0);
    }).catch(function (error) {
      el.textContent = "The chart could not be drawn: " + error.message;
      throw error;
    });
  });
})();
