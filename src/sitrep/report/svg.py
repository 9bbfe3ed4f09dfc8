"""The report's pictures as inline SVG, drawn from the store's figures and the
offline Natural Earth boundaries (no tiles, no plotting library): a map of
the period's events and a chart of events by type over 30 days."""
from __future__ import annotations

import math
from html import escape

from ..ontology import load_ontology
from ..web import assets, topo

FALLBACK_COLOUR = "#444444"


def _colour(event_type: str | None) -> str:
    return load_ontology().colours.get(event_type or "", FALLBACK_COLOUR)


def _boundaries(code: str) -> tuple[list[topo.Shape], list[topo.Shape], str | None]:
    """(the country's first-level divisions, all countries, why they're missing)."""
    try:
        world = list(topo.read_cached(str(assets.require("basemap/countries-50m.json"))))
    except assets.AssetsMissing as exc:
        return [], [], str(exc)
    path = assets.assets_dir() / "admin1" / f"{code.upper()}.json"
    return (list(topo.read_cached(str(path))) if code and path.is_file() else []), world, None


def _view(points: list[tuple[float, float]], divisions: list[topo.Shape]):
    if divisions:
        bs = [s.bounds() for s in divisions]
        x0, y0 = min(b[0] for b in bs), min(b[1] for b in bs)
        x1, y1 = max(b[2] for b in bs), max(b[3] for b in bs)
    elif points:
        x0, y0 = min(p[0] for p in points), min(p[1] for p in points)
        x1, y1 = max(p[0] for p in points), max(p[1] for p in points)
    else:
        return -180.0, -60.0, 180.0, 80.0
    for lon, lat in points:   # events abroad or flows across a border stay in view
        x0, y0, x1, y1 = min(x0, lon), min(y0, lat), max(x1, lon), max(y1, lat)
    pad = max(x1 - x0, y1 - y0, 1.0) * 0.06
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def _path(ring, project, last=None) -> str:
    parts = []
    for lon, lat in ring:
        x, y = project(lon, lat)
        if last is None or abs(x - last[0]) + abs(y - last[1]) >= 1.5:   # drop steps too small to see
            parts.append(f"{x:.1f},{y:.1f}")
            last = (x, y)
    return ("M" + "L".join(parts) + "Z") if len(parts) > 2 else ""


def event_map(report, width: int = 640, max_height: int = 620) -> str:
    divisions, world, missing = _boundaries(report.country_code)
    located = [e for e in report.events if e.get("latitude") is not None]
    points = [(e["longitude"], e["latitude"]) for e in located]
    flows = [(e["origin"], e["destination"]) for e in report.events
             if (e.get("origin") or {}).get("latitude") is not None
             and (e.get("destination") or {}).get("latitude") is not None]
    points += [(p["longitude"], p["latitude"]) for f in flows for p in f]
    x0, y0, x1, y1 = _view(points, divisions)
    kx = math.cos(math.radians((y0 + y1) / 2))
    scale = min(width / ((x1 - x0) * kx), max_height / (y1 - y0))
    w, h = (x1 - x0) * kx * scale, (y1 - y0) * scale

    def project(lon, lat):
        return (lon - x0) * kx * scale, (y1 - lat) * scale

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {w:.0f} {h:.0f}" '
           f'width="{w:.0f}" height="{h:.0f}" role="img" aria-label="Map of the period\'s events">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#222"/></marker></defs>',
           f'<rect width="{w:.0f}" height="{h:.0f}" fill="#dbe9f4"/>']
    for s in world:
        bx0, by0, bx1, by1 = s.bounds()
        if bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1:
            continue
        d = "".join(_path(ring, project) for poly in s.polygons for ring in poly)
        if d:
            out.append(f'<path d="{d}" fill="#eeeeea" stroke="#aaa" stroke-width="0.6"/>')
    for s in divisions:
        d = "".join(_path(ring, project) for poly in s.polygons for ring in poly)
        if d:
            out.append(f'<path d="{d}" fill="#fff" stroke="#888" stroke-width="0.7"><title>{escape(s.name or "")}'
                       f'</title></path>')
    for o, dst in flows:
        (ax, ay), (bx, by) = project(o["longitude"], o["latitude"]), project(dst["longitude"], dst["latitude"])
        out.append(f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" stroke="#222" '
                   f'stroke-width="1.6" marker-end="url(#arrow)"/>')
    for e in sorted(located, key=lambda e: -(e.get("fatalities") or 0)):   # small dots on top
        x, y = project(e["longitude"], e["latitude"])
        r = 4 + 2.2 * math.sqrt(e.get("fatalities") or 0)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{min(r, 26):.1f}" fill="{_colour(e.get("event_type"))}" '
                   f'fill-opacity="0.75" stroke="#222" stroke-width="0.6"><title>'
                   f'{escape(str(e.get("location") or ""))}: {escape(str(e.get("sub_event_type") or ""))}'
                   f'</title></circle>')
    if missing:
        out.append('<text x="8" y="18" font-size="11" fill="#a00">Boundaries unavailable: run make assets</text>')
    out.append("</svg>")
    return "".join(out)


def type_chart(report, width: int = 640, height: int = 210) -> str:
    """Stacked bars: events per day by event type, over the history window."""
    types = load_ontology().event_types
    left, bottom, top, legend = 34, 22, 8, 150
    plot_w, plot_h = width - left - legend, height - bottom - top
    peak = max([sum(c.values()) for _, c in report.history] + [1])
    step = max(1, math.ceil(peak / 4))
    n = len(report.history) or 1
    bar = plot_w / n
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="Events by type per day" font-size="10" '
           f'font-family="sans-serif">']
    for v in range(0, peak + 1, step):
        y = top + plot_h - plot_h * v / peak
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end">{v}</text>')
    for i, (day, counts) in enumerate(report.history):
        y = top + plot_h
        for t in types:
            k = counts.get(t, 0)
            if k:
                hgt = plot_h * k / peak
                y -= hgt
                out.append(f'<rect x="{left + i * bar + 1:.1f}" y="{y:.1f}" width="{max(bar - 2, 1):.1f}" '
                           f'height="{hgt:.1f}" fill="{_colour(t)}"><title>{day}: {k} {escape(t)}</title></rect>')
        if i % 5 == 0 or i == n - 1:
            out.append(f'<text x="{left + (i + 0.5) * bar:.1f}" y="{height - 6}" text-anchor="middle">'
                       f'{day:%d %b}</text>')
    for j, t in enumerate(types):
        y = top + 6 + j * 15
        out.append(f'<rect x="{width - legend + 10}" y="{y - 8}" width="10" height="10" fill="{_colour(t)}"/>'
                   f'<text x="{width - legend + 24}" y="{y + 1}">{escape(t)}</text>')
    out.append("</svg>")
    return "".join(out)
