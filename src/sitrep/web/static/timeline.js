// The timeline: events per day (or per n days when the span is long) as bars,
// with a brush: drag across it to choose a date range, click a bar for its days.
"use strict";
(function () {
  const DAY = 86400000;
  const NS = "http://www.w3.org/2000/svg";
  const toDay = (s) => Date.parse(s + "T00:00:00Z");
  const iso = (t) => new Date(t).toISOString().slice(0, 10);

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  class Timeline {
    constructor(svg, onChange) {
      this.svg = svg;
      this.onChange = onChange;   // (from, to) ISO dates, or (null, null) for all dates
      this.dates = [];
      this.range = [null, null];
      svg.addEventListener("pointerdown", (e) => this._down(e));
      svg.addEventListener("pointermove", (e) => this._move(e));
      svg.addEventListener("pointerup", (e) => this._up(e));
      window.addEventListener("resize", () => this.render());
    }
    setData(dates, range) {
      this.dates = dates.filter(Boolean).map(toDay);
      this.range = range || [null, null];
      this.render();
    }
    _scale() {
      const w = this.svg.clientWidth || 600;
      if (!this.dates.length) return null;
      let lo = Math.min(...this.dates), hi = Math.max(...this.dates);
      if (this.range[0]) lo = Math.min(lo, toDay(this.range[0]));
      if (this.range[1]) hi = Math.max(hi, toDay(this.range[1]));
      const span = Math.round((hi - lo) / DAY) + 1;
      const bin = Math.max(1, Math.ceil(span / 180));          // days per bar
      const nbins = Math.ceil(span / bin);
      return { w, lo, bin, nbins, pad: 4, bw: (w - 8) / nbins };
    }
    _x2day(x) {
      const s = this.sc;
      const i = Math.max(0, Math.min(s.nbins - 1, Math.floor((x - s.pad) / s.bw)));
      return s.lo + i * s.bin * DAY;
    }
    render() {
      const svg = this.svg;
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      const s = (this.sc = this._scale());
      if (!s) { el("text", { x: 8, y: 40 }, svg).textContent = "No events"; return; }
      const h = svg.clientHeight || 90, base = h - 14;
      const counts = new Array(s.nbins).fill(0);
      for (const d of this.dates) counts[Math.floor((d - s.lo) / DAY / s.bin)]++;
      const peak = Math.max(1, ...counts);
      const [from, to] = this.range.map((r) => (r ? toDay(r) : null));
      counts.forEach((n, i) => {
        if (!n) return;
        const day = s.lo + i * s.bin * DAY;
        const inRange = (from === null || day + (s.bin - 1) * DAY >= from) && (to === null || day <= to);
        const bh = Math.max(1, (base - 4) * n / peak);
        const r = el("rect", { class: "bar" + (from !== null && inRange ? " in" : ""), x: s.pad + i * s.bw,
          y: base - bh, width: Math.max(1, s.bw - 1), height: bh }, svg);
        el("title", {}, r).textContent = `${iso(day)}${s.bin > 1 ? " +" + (s.bin - 1) + "d" : ""}: ${n} events`;
      });
      const ticks = Math.max(2, Math.min(6, s.nbins, Math.floor(s.w / 95)));   // labels ~95 px wide
      for (let k = 0; k < ticks; k++) {
        const i = Math.round(k * (s.nbins - 1) / Math.max(1, ticks - 1));
        const anchor = k === 0 ? "start" : k === ticks - 1 ? "end" : "middle";
        const x = s.pad + i * s.bw + (k === ticks - 1 ? s.bw : 0);
        el("text", { x, y: h - 2, "text-anchor": anchor }, svg).textContent = iso(s.lo + i * s.bin * DAY);
      }
      if (from !== null && to !== null) {
        const x0 = s.pad + ((from - s.lo) / DAY / s.bin) * s.bw;
        const x1 = s.pad + ((to - s.lo) / DAY / s.bin + 1 / s.bin) * s.bw;
        el("rect", { class: "brush", x: x0, y: 0, width: Math.max(2, x1 - x0), height: base }, svg);
      }
      this.drag = null;
    }
    _down(e) {
      if (!this.sc) return;
      this.svg.setPointerCapture(e.pointerId);
      const x = e.offsetX;
      this.drag = { x0: x, rect: el("rect", { class: "brush", x, y: 0, width: 1, height: (this.svg.clientHeight || 90) - 14 }, this.svg) };
    }
    _move(e) {
      if (!this.drag) return;
      const a = Math.min(this.drag.x0, e.offsetX), b = Math.max(this.drag.x0, e.offsetX);
      this.drag.rect.setAttribute("x", a);
      this.drag.rect.setAttribute("width", Math.max(1, b - a));
    }
    _up(e) {
      if (!this.drag) return;
      const a = Math.min(this.drag.x0, e.offsetX), b = Math.max(this.drag.x0, e.offsetX);
      const from = this._x2day(a), to = this._x2day(b) + (this.sc.bin - 1) * DAY;
      this.drag = null;
      this.range = [iso(from), iso(to)];
      this.render();
      this.onChange(this.range[0], this.range[1]);
    }
  }
  window.Timeline = Timeline;
})();
