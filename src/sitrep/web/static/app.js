// The dashboard: filters (kept in the URL), the map with clustered markers and
// displacement arrows over offline Natural Earth boundaries, the timeline
// brush, the event list that follows the map, and the detail panel.
"use strict";
(function () {
  const FILTERS = ["country", "event_type", "sub_event_type", "actor", "q"];
  const state = { country: "", event_type: "", sub_event_type: "", actor: "", q: "", date_from: "", date_to: "", event: "", view: "" };
  const $ = (id) => document.getElementById(id);
  const form = $("filters"), list = $("event-list"), detail = $("detail");
  const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  let meta = null, rows = [], C = {}, colours = {}, map = null, cluster = null, flows = null, fitted = false;
  const admin1Loaded = new Set();

  new URLSearchParams(location.search).forEach((v, k) => { if (k in state) state[k] = v; });

  // Data requests carry the API key when the server keeps reads private
  // (`sitrep serve --private`): asked for once, kept in this browser.
  async function api(url) {
    const key = localStorage.getItem("sitrep_key");
    let r = await fetch(url, key ? { headers: { "X-API-Key": key } } : {});
    if (r.status === 401) {
      const given = window.prompt("This sitrep server needs an API key to read events:");
      if (given) {
        localStorage.setItem("sitrep_key", given.trim());
        r = await fetch(url, { headers: { "X-API-Key": given.trim() } });
      }
    }
    return r;
  }

  function notice(text) { const n = $("notice"); n.textContent = text; n.hidden = !text; }

  function params(withDates) {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (state[k]) p.set(k, state[k]);
    if (withDates) { if (state.date_from) p.set("date_from", state.date_from); if (state.date_to) p.set("date_to", state.date_to); }
    return p;
  }

  function syncUrl() {
    const p = params(true);
    if (state.event) p.set("event", state.event);
    if (map) { const c = map.getCenter(); p.set("view", `${c.lat.toFixed(3)},${c.lng.toFixed(3)},${map.getZoom()}`); }
    history.replaceState(null, "", "?" + p.toString());
    const sel = params(true).toString();
    $("export-csv").href = "/events.csv?" + sel;
    $("export-geojson").href = "/events.geojson?" + sel;
    const rep = $("report-link");
    const latest = state.date_to || (rows.length ? rows[0][C.event_date] : "");
    rep.hidden = !(state.country && latest);
    if (!rep.hidden) rep.href = `/reports/${encodeURIComponent(state.country)}/${latest}`;
  }

  // --- filters -------------------------------------------------------------
  function fillSelect(name, options, chosen) {
    const sel = form.elements[name];
    sel.length = 1;
    for (const [value, label] of options) sel.add(new Option(label, value, false, value === chosen));
  }
  function fillSubTypes() {
    const types = meta.event_types.filter((t) => !state.event_type || t.name === state.event_type);
    fillSelect("sub_event_type", types.flatMap((t) => t.sub_types.map((s) => [s, s])), state.sub_event_type);
  }
  async function loadMeta() {
    meta = await (await api("/meta")).json();
    for (const t of meta.event_types) colours[t.name] = t.colour;
    fillSelect("country", meta.countries.map((c) => [c.code, `${c.name} (${c.events})`]), state.country);
    fillSelect("event_type", meta.event_types.map((t) => [t.name, t.name]), state.event_type);
    fillSubTypes();
    form.elements.actor.value = state.actor;
    form.elements.q.value = state.q;
    if (!meta.assets) notice("Map assets are missing: run `make assets` (the list and filters still work).");
  }
  let typing = null;
  form.addEventListener("input", (ev) => {
    const name = ev.target.name;
    if (!name) return;
    state[name] = ev.target.value.trim();
    if (name === "event_type") { state.sub_event_type = ""; fillSubTypes(); }
    clearTimeout(typing);
    typing = setTimeout(() => { syncUrl(); loadEvents(); }, ev.target.tagName === "INPUT" ? 350 : 0);
  });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  $("toggle-filters").addEventListener("click", () => {
    const open = form.classList.toggle("open");
    $("toggle-filters").setAttribute("aria-expanded", String(open));
  });

  // --- map ------------------------------------------------------------------
  function initMap() {
    if (typeof L === "undefined") { $("map").textContent = "Map unavailable: run `make assets`."; return; }
    map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 13 });   // no tiles: the zoom range is ours to set
    const v = (state.view || "").split(",").map(Number);
    if (v.length === 3 && v.every(Number.isFinite)) { map.setView([v[0], v[1]], v[2]); fitted = true; }
    else map.setView([15, 20], 2);
    map.createPane("base").style.zIndex = 250;
    fetch("/assets/basemap/countries-50m.json").then((r) => r.json()).then((topo) => {
      L.geoJSON(unwrap(topojson.feature(topo, topo.objects.countries)), { pane: "base", interactive: false,
        style: { color: "#9e9e9e", weight: 0.7, fillColor: "#f2efe9", fillOpacity: 1 } }).addTo(map);
    }).catch(() => notice("Basemap missing: run `make assets`."));
    cluster = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 40, showCoverageOnHover: false });
    flows = L.layerGroup();
    map.addLayer(cluster).addLayer(flows);
    map.on("moveend", () => { renderList(); syncUrl(); loadAdmin1(); });
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const d = L.DomUtil.create("div", "legend");
      d.innerHTML = meta.event_types.map((t) => `<div><span class="dot" style="background:${t.colour}"></span>${esc(t.name)}</div>`).join("") +
        "<div>size: fatalities · arrow: displacement</div>";
      return d;
    };
    legend.addTo(map);
  }

  // Rings across the antimeridian (Fiji, Chukotka) would be drawn as lines
  // across the world: keep each in one piece east of 180.
  function unwrap(fc) {
    const fix = (ring) => {
      const xs = ring.map((p) => p[0]);
      return Math.max(...xs) - Math.min(...xs) > 180 ? ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]) : ring;
    };
    fc.features = fc.features.filter((f) => f.id !== "010");   // Antarctica: no events, and it wraps the pole
    for (const f of fc.features) {
      const g = f.geometry;
      if (!g) continue;
      if (g.type === "Polygon") g.coordinates = g.coordinates.map(fix);
      else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(fix));
    }
    return fc;
  }

  function loadAdmin1() {   // first-level boundaries once zoomed in, for countries with events
    if (!map || map.getZoom() < 5) return;
    const codes = new Set(rows.map((r) => r[C.country_code]).filter(Boolean));
    for (const cc of codes) {
      if (admin1Loaded.has(cc)) continue;
      admin1Loaded.add(cc);
      fetch(`/assets/admin1/${cc}.json`).then((r) => (r.ok ? r.json() : null)).then((topo) => {
        if (!topo) return;
        const obj = topo.objects[Object.keys(topo.objects)[0]];
        L.geoJSON(topojson.feature(topo, obj), { pane: "base", interactive: false,
          style: { color: "#bdbdbd", weight: 0.6, fill: false, dashArray: "3" } }).addTo(map);
      }).catch(() => {});
    }
  }

  function inDates(r) {
    const d = r[C.event_date];
    return (!state.date_from || d >= state.date_from) && (!state.date_to || d <= state.date_to);
  }

  function markerFor(r) {
    const size = Math.round(Math.min(40, 10 + 3 * Math.sqrt(r[C.fatalities] || 0)));
    const colour = colours[r[C.event_type]] || "#444";
    const icon = L.divIcon({ className: "", iconSize: [size, size],
      html: `<div class="ev-icon" data-id="${r[C.id]}" style="width:${size}px;height:${size}px;background:${colour}"></div>` });
    const m = L.marker([r[C.latitude], r[C.longitude]], { icon, title: `${r[C.sub_event_type]}: ${r[C.location] || ""} (${r[C.event_date]})` });
    m.on("click", () => showEvent(r[C.id]));
    return m;
  }

  function arrowDefs(svg) {
    if (!svg || svg.querySelector("#flow-arrow")) return;
    const ns = "http://www.w3.org/2000/svg";
    const defs = document.createElementNS(ns, "defs");
    defs.innerHTML = '<marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#212121"/></marker>';
    svg.insertBefore(defs, svg.firstChild);
  }

  function draw() {
    const shown = rows.filter(inDates);
    if (map) {
      cluster.clearLayers();
      flows.clearLayers();
      cluster.addLayers(shown.filter((r) => r[C.latitude] != null).map(markerFor));
      for (const r of shown) {
        const o = r[C.origin], d = r[C.destination];
        if (!o || !d) continue;
        const line = L.polyline([[o[1], o[2]], [d[1], d[2]]], { color: "#212121", weight: 2, className: "flow" })
          .bindTooltip(`${o[0]} → ${d[0]}: ${r[C.displaced] ? r[C.displaced].toLocaleString("en") : "?"} displaced`);
        line.addTo(flows);
        arrowDefs(map.getRenderer(line)._container);
        line.getElement().setAttribute("marker-end", "url(#flow-arrow)");
        line.on("click", () => showEvent(r[C.id]));
      }
      if (!fitted && shown.length) {
        const pts = shown.filter((r) => r[C.latitude] != null).map((r) => [r[C.latitude], r[C.longitude]]);
        if (pts.length) map.fitBounds(pts, { padding: [30, 30], maxZoom: 7 });
        fitted = true;
      }
    }
    renderList();
  }

  function renderList() {
    const bounds = map ? map.getBounds() : null;
    const shown = rows.filter(inDates);
    const inView = shown.filter((r) => !bounds || (r[C.latitude] != null && bounds.contains([r[C.latitude], r[C.longitude]])));
    const LIMIT = 300;
    list.innerHTML = inView.slice(0, LIMIT).map((r) =>
      `<li tabindex="0" data-id="${r[C.id]}"><span class="dot" style="background:${colours[r[C.event_type]] || "#444"}"></span>` +
      `<b>${esc(r[C.sub_event_type])}</b> · ${esc(r[C.location] || r[C.country] || "")}` +
      `<div class="when">${esc(r[C.event_date])} · ${esc(r[C.actor1] || "")}${r[C.fatalities] ? " · " + r[C.fatalities] + " killed" : ""}` +
      `${r[C.n_sources] > 1 ? " · " + r[C.n_sources] + " sources" : ""}${r[C.contested] ? " · contested" : ""}</div></li>`).join("") +
      (inView.length > LIMIT ? `<li class="more">${inView.length - LIMIT} more: zoom in or filter</li>` : "");
    $("count").textContent = `${inView.length.toLocaleString("en")} event(s) in view · ${shown.length.toLocaleString("en")} match`;
    document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
  }
  list.addEventListener("click", (ev) => { const li = ev.target.closest("li[data-id]"); if (li) showEvent(li.dataset.id); });
  list.addEventListener("keydown", (ev) => {
    const li = ev.target.closest("li[data-id]");
    if (li && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); showEvent(li.dataset.id); }
  });

  async function showEvent(id) {
    const r = await api(`/events/${encodeURIComponent(id)}`);
    if (!r.ok) { notice(`Event ${id} not found`); return; }
    const e = await r.json();
    state.event = String(e.id);
    EventDetail.render(e, detail, closeEvent);
    detail.hidden = false;
    list.hidden = true;
    syncUrl();
  }
  function closeEvent() { state.event = ""; detail.hidden = true; list.hidden = false; syncUrl(); }

  // --- timeline ---------------------------------------------------------------
  const timeline = new Timeline($("timeline"), (from, to) => {
    state.date_from = from || ""; state.date_to = to || "";
    $("range-label").textContent = from ? `${from} to ${to}` : "All dates";
    $("clear-range").hidden = !from;
    syncUrl(); draw();
  });
  $("clear-range").addEventListener("click", () => { timeline.range = [null, null]; timeline.render(); timeline.onChange(null, null); });

  let loading = 0;
  async function loadEvents() {
    const mine = ++loading;
    const res = await api("/map/events?" + params(false).toString());
    if (mine !== loading) return;    // a newer filter change won
    if (!res.ok) { notice((await res.json()).detail || "Could not load events"); return; }
    notice("");
    const data = await res.json();
    C = Object.fromEntries(data.columns.map((c, i) => [c, i]));
    rows = data.rows;
    timeline.setData(rows.map((r) => r[C.event_date]), [state.date_from || null, state.date_to || null]);
    $("range-label").textContent = state.date_from ? `${state.date_from} to ${state.date_to}` : "All dates";
    $("clear-range").hidden = !state.date_from;
    draw();
    loadAdmin1();
    syncUrl();
    document.body.dataset.loaded = params(false).toString();   // which filters the shown events answer
    document.body.dataset.ready = "1";
  }

  loadMeta().then(() => { initMap(); return loadEvents(); }).then(() => { if (state.event) showEvent(state.event); })
    .catch((err) => notice("Could not load the dashboard: " + err));
})();
