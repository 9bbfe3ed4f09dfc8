"""Reading TopoJSON (the Natural Earth boundaries the assets ship) in Python,
for the reports' static maps. Only what those files use: quantized arcs,
Polygon, MultiPolygon and GeometryCollection."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

Ring = list[tuple[float, float]]   # (lon, lat), closed


@dataclass
class Shape:
    id: str | None
    name: str | None
    polygons: list[list[Ring]]     # each polygon: outer ring, then holes

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [x for poly in self.polygons for ring in poly for x, _ in ring]
        ys = [y for poly in self.polygons for ring in poly for _, y in ring]
        return min(xs), min(ys), max(xs), max(ys)


def _decode_arcs(topology: dict) -> list[Ring]:
    t = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        if t:   # quantized: positions are deltas from the previous one
            (sx, sy), (tx, ty) = t["scale"], t["translate"]
            x = y = 0
            pts = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        out.append(pts)
    return out


def _ring(indices: list[int], arcs: list[Ring]) -> Ring:
    pts: Ring = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]   # ~i: that arc, reversed
        pts.extend(arc[1:] if pts else arc)            # arcs share their end points
    if pts and max(x for x, _ in pts) - min(x for x, _ in pts) > 180:
        # a ring across the antimeridian (Fiji, Chukotka): keep it in one piece east of 180
        pts = [(x + 360 if x < 0 else x, y) for x, y in pts]
    return pts


def _shapes(geom: dict, arcs: list[Ring]):
    kind = geom.get("type")
    if kind == "GeometryCollection":
        for g in geom.get("geometries", []):
            yield from _shapes(g, arcs)
        return
    if kind == "Polygon":
        polys = [geom["arcs"]]
    elif kind == "MultiPolygon":
        polys = geom["arcs"]
    else:
        return
    props = geom.get("properties") or {}
    yield Shape(str(geom["id"]) if "id" in geom else None, props.get("name"),
                [[_ring(r, arcs) for r in poly] for poly in polys])


def read(path: Path) -> list[Shape]:
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    return [s for obj in topology["objects"].values() for s in _shapes(obj, arcs)]


@lru_cache(maxsize=64)
def read_cached(path: str) -> tuple[Shape, ...]:
    return tuple(read(Path(path)))
