"""Geoparsing benchmarks: GeoVirus and LGL (XML, coordinates for every gold
toponym). Reports toponym recall (gold spans a prediction overlaps),
acc@161km over all gold toponyms (an unfound one counts as wrong), and mean
and median error in km over the found ones. LGL is for testing only.

It also reports how far the gazetteer itself lets acc@161km go: a gold
toponym is reachable when we place it right, or when its own text names a
gazetteer place within 161 km of the gold point (a better choice among the
candidates would have got it). The rest are coverage, not resolution: names
the gazetteer lacks, or places whose point lies elsewhere (a country's
centre taken from another source). Importing fuller GeoNames data raises it."""
from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from pathlib import Path

from ..geo.gazetteer import Gazetteer, open_gazetteer
from ..geo.resolve import km
from ..model import Article
from ..pipeline import Pipeline


def read_geo_xml(path: Path) -> list[tuple[Article, list[dict]]]:
    """(article, gold toponyms) pairs from GeoVirus (<locations>) or LGL (<toponyms>)."""
    root = ET.parse(path).getroot()
    out = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        gold = []
        for loc in art.iter("location"):                      # GeoVirus
            start, end = _aligned(text, loc.findtext("name") or "",
                                  int(loc.findtext("start")), int(loc.findtext("end")))
            gold.append({"start": start, "end": end,
                         "lat": float(loc.findtext("lat")), "lon": float(loc.findtext("lon"))})
        for top in art.iter("toponym"):                        # LGL
            tag = top.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue                                       # a toponym LGL could not ground
            gold.append({"start": int(top.findtext("start")), "end": int(top.findtext("end")),
                         "lat": float(tag.findtext("lat")), "lon": float(tag.findtext("lon"))})
        out.append((Article(art.get("docid") or f"{path.stem}-{i}", text), gold))
    return out


def _aligned(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """The span as offsets into `text`. GeoVirus counts from 1 (every span
    is one character right of its name), LGL from 0: keep whichever shift
    reproduces the name, so a span never overlaps the wrong toponym."""
    for shift in (0, -1, 1):
        if text[start + shift:end + shift] == name:
            return start + shift, end + shift
    return start, end


def _named_near(gaz: Gazetteer, gold: dict, text: str) -> bool:
    """Whether a gazetteer place the gold text names lies within 161 km of the gold point."""
    return any(km(gold["lat"], gold["lon"], *(gaz.centre(m.entry.geonameid)
                                             or (m.entry.latitude, m.entry.longitude))) <= 161
               for m in gaz.lookup(text))


def evaluate_geo(path: Path, bar=None, pipeline: Pipeline | None = None,
                 gazetteer: Gazetteer | None = None) -> dict:
    data = read_geo_xml(path)
    gazetteer = gazetteer or open_gazetteer()
    pipeline = pipeline or Pipeline(["geoparse"], {"geoparse": {"all_articles": True, "gazetteer": gazetteer}})
    docs = pipeline.pipe(a for a, _ in data)
    if bar:
        docs = bar(docs)
    n_gold = found = within = predicted = reachable = 0
    errors = []
    for doc, (article, gold) in zip(docs, data):
        predicted += len(doc.toponyms)
        for g in gold:
            n_gold += 1
            hit = next((t for t in doc.toponyms if t.start < g["end"] and g["start"] < t.end
                        and t.place and t.place.latitude is not None), None)
            err = km(g["lat"], g["lon"], *hit.point) if hit else None   # as `sitrep geoparse` reports it
            if hit is not None:
                found += 1
                errors.append(err)
                within += err <= 161
            reachable += (err is not None and err <= 161) or _named_near(
                gazetteer, g, article.text[g["start"]:g["end"]])
    return {"bench": str(path), "kind": "geoparse", "articles": len(data), "gold_toponyms": n_gold,
            "predicted_toponyms": predicted, "recall": found / n_gold if n_gold else 0.0,
            "acc161": within / n_gold if n_gold else 0.0, "acc161_found": within / found if found else 0.0,
            "reachable161": reachable / n_gold if n_gold else 0.0,
            "mean_km": statistics.fmean(errors) if errors else None,
            "median_km": statistics.median(errors) if errors else None}
