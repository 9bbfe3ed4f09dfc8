"""ACLED notes benchmark: ACLED's own one-sentence notes with ACLED's coding.

Each note is an article published two days after the event; the first event
written is compared with ACLED's sub-type, date, place (within 25 km), the
location's name (ACLED's, or a part of its compound name), its first-level
division's name (spelling folded: "Idlib" is not "Idleb", so this also
measures naming ACLED's way),
fatalities, actors (by actors.actor_key: dictionary name without ACLED's
bracketed country or regime years) and interaction code. A field we leave null counts as wrong: the figures show what is
filled as well as how well.
"""
from __future__ import annotations

import csv
import re
from datetime import date, datetime, timedelta
from pathlib import Path

from sklearn.metrics import f1_score

from ..actors import actor_key
from .gold import norm_place
from ..geo.resolve import km
from ..model import Article
from ..pipeline import Pipeline

PLACE_KM = 25.0
NEEDED = {"event_date", "sub_event_type", "event_type", "notes", "latitude", "longitude", "fatalities"}


def _acled_date(text: str) -> date:
    for fmt in ("%d-%b-%y", "%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable ACLED date {text!r}")


def read_notes(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or not NEEDED <= set(rows[0]):
        raise ValueError(f"not an ACLED export (needs columns {sorted(NEEDED)})")
    return rows


def _same_location(ours, acled) -> bool:
    """Whether our location names ACLED's: the whole of it or one part of a
    compound ("Rio de Janeiro-West Zone", "Hamrin Mountains - Sala al-Din")."""
    mine = norm_place(ours)
    if not mine or not acled:
        return False
    parts = [acled, *re.split(r"\s+-\s+|(?<=[a-z])-(?=[A-Z])", acled)]
    return any(mine == norm_place(p) for p in parts)


def evaluate_notes(path: Path, progress=None) -> dict:
    rows = read_notes(path)
    articles = []
    for n, r in enumerate(rows):
        day = _acled_date(r["event_date"])
        articles.append(Article(id=r.get("event_id_cnty") or f"row-{n}", text=r["notes"],
                                published=day + timedelta(days=2), source=r.get("source")))
    docs = Pipeline().pipe(progress(articles) if progress else articles)
    gold_sub, pred_sub = [], []
    hits = {"detected": 0, "event_type": 0, "sub_event_type": 0, "event_date": 0, "place_25km": 0, "location": 0,
            "admin1": 0, "fatalities": 0, "actor1": 0, "actor2": 0, "interaction": 0}
    filled = {"event_date": 0, "coordinates": 0, "fatalities": 0, "actor1": 0}
    for r, doc in zip(rows, docs):
        gold_sub.append(r["sub_event_type"])
        if not doc.events:
            pred_sub.append("(no event)")
            continue
        e = doc.events[0].to_record()
        pred_sub.append(e["sub_event_type"])
        hits["detected"] += 1
        hits["event_type"] += e["event_type"] == r["event_type"]
        hits["sub_event_type"] += e["sub_event_type"] == r["sub_event_type"]
        if e["event_date"]:
            filled["event_date"] += 1
            hits["event_date"] += e["event_date"] == _acled_date(r["event_date"]).isoformat()
        if e["latitude"] is not None and e["longitude"] is not None:
            filled["coordinates"] += 1
            hits["place_25km"] += km(e["latitude"], e["longitude"], float(r["latitude"]),
                                     float(r["longitude"])) <= PLACE_KM
        hits["location"] += _same_location(e["location"], r.get("location"))
        hits["admin1"] += bool(e["admin1"]) and norm_place(e["admin1"]) == norm_place(r.get("admin1"))
        if e["actor1"]:
            filled["actor1"] += 1
        hits["actor1"] += bool(e["actor1"]) and actor_key(e["actor1"]) == actor_key(r.get("actor1"))
        # ACLED leaves actor2 empty for one-sided events; so must we.
        hits["actor2"] += actor_key(e["actor2"]) == actor_key(r.get("actor2"))
        hits["interaction"] += str(e["interaction"] or "") == (r.get("interaction") or "").strip()
        if e["fatalities"] is not None:
            filled["fatalities"] += 1
            hits["fatalities"] += str(e["fatalities"]) == r["fatalities"].strip()
    total = len(rows)
    labels = sorted(set(gold_sub))
    return {"bench": str(path), "kind": "acled-notes", "rows": total,
            "accuracy": {k: round(v / total, 4) for k, v in hits.items()},
            "filled": {k: round(v / total, 4) for k, v in filled.items()},
            "sub_event_weighted_f1": round(f1_score(gold_sub, pred_sub, labels=labels, average="weighted",
                                                    zero_division=0), 4)}
