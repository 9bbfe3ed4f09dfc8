// The event detail panel: facts, competing claims side by side, and each
// source with its figures and its sentences, the evidence marked in them.
"use strict";
(function () {
  const PRECISION = { 1: "the town itself", 2: "near a town / part of a region", 3: "the region only" };
  const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const num = (n) => (n == null ? "–" : Number(n).toLocaleString("en"));

  // Wrap each occurrence of the terms (case-insensitive) in <mark>; overlaps keep the first.
  function highlight(text, terms) {
    const spans = [];
    const low = text.toLowerCase();
    for (const [term, cls] of terms) {
      const t = (term || "").trim().toLowerCase();
      if (t.length < 2) continue;
      let i = low.indexOf(t);
      while (i >= 0) {
        const j = i + t.length;
        if (!spans.some(([a, b]) => i < b && j > a)) spans.push([i, j, cls]);
        i = low.indexOf(t, j);
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    let out = "", at = 0;
    for (const [a, b, cls] of spans) {
      out += esc(text.slice(at, a)) + `<mark class="${cls}">` + esc(text.slice(a, b)) + "</mark>";
      at = b;
    }
    return out + esc(text.slice(at));
  }

  function actorTerms(e) {
    // "Police Forces of Somalia" is rarely written so; its first words and any
    // name in parentheses are what a sentence says.
    const names = [e.actor1, e.actor2].filter(Boolean);
    const terms = [];
    for (const n of names) {
      terms.push(n.replace(/\s*\(.*\)$/, ""));
      const inner = /\(([^)]+)\)/.exec(n);
      if (inner) terms.push(inner[1]);
    }
    return terms.map((t) => [t, "actor"]);
  }

  function render(e, panel, onBack) {
    const place = [e.location, e.admin1, e.country].filter(Boolean).join(", ");
    const fat = e.fatalities_low != null && e.fatalities_high != null && e.fatalities_low !== e.fatalities_high
      ? `${num(e.fatalities)} (sources: ${num(e.fatalities_low)}–${num(e.fatalities_high)})` : num(e.fatalities);
    const flow = e.origin || e.destination
      ? ` (${esc((e.origin || {}).name || "?")} → ${esc((e.destination || {}).name || "?")})` : "";
    let html = `<button class="back" type="button">← Back to the list</button>
      <h2>${esc(e.sub_event_type)} — ${esc(e.location || e.country || "")}</h2>
      <dl class="facts">
        <dt>Date</dt><dd>${esc(e.event_date)}</dd>
        <dt>Type</dt><dd>${esc(e.event_type)}</dd>
        <dt>Place</dt><dd>${esc(place)} <small>(${esc(PRECISION[e.geo_precision] || "precision unknown")})</small></dd>
        <dt>Actors</dt><dd>${esc(e.actor1 || "–")}${e.actor2 ? " vs " + esc(e.actor2) : ""}</dd>
        <dt>Fatalities</dt><dd>${fat}</dd>
        <dt>Injured</dt><dd>${num(e.injured)}</dd>
        <dt>Displaced</dt><dd>${num(e.displaced)}${flow}</dd>
        <dt>Detained</dt><dd>${num(e.detained)}</dd>
        <dt>Sources</dt><dd>${e.sources.length}${e.contested ? " · <b>contested</b>" : ""}</dd>
      </dl>
      <p class="notes">${esc(e.notes || "")}</p>`;
    if (e.claims && e.claims.length) {
      html += `<h3>Claims</h3><div class="claims">` + e.claims.map((c) =>
        `<div class="claim"><b>${esc(c.source || "Unattributed")}</b>“${esc(c.text)}”</div>`).join("") + "</div>";
    }
    html += "<h3>Sources</h3>";
    for (const s of e.sources) {
      const title = esc(s.title || s.source || s.article_id);
      html += `<div class="source"><p>${s.url ? `<a href="${esc(s.url)}" target="_blank" rel="noopener noreferrer">${title}</a>` : title}
        <small>${esc(s.source || "")} ${esc(s.published || "")}</small></p>`;
      if (s.figures.length) {
        html += `<table class="figs"><tr><th>Figure</th><th>Count</th><th>As written</th><th>Said by</th></tr>` +
          s.figures.map((f) => `<tr><td>${esc(f.kind)}</td><td>${num(f.value)}</td><td>${esc(f.text)}</td><td>${esc(f.source || "")}</td></tr>`).join("") +
          "</table>";
      }
      const terms = s.figures.flatMap((f) => String(f.text || "").split(" + ").map((t) => [t, "figure"]))
        .concat([[e.location, "place"]], actorTerms(e), s.claims.map((c) => [c.source, "speaker"]));
      html += s.evidence.map((ev) => `<blockquote class="evidence">${highlight(ev.text, terms)}</blockquote>`).join("");
      html += "</div>";
    }
    panel.innerHTML = html;
    panel.querySelector(".back").addEventListener("click", onBack);
  }
  window.EventDetail = { render, highlight };
})();
