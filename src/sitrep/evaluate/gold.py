"""Event-gold benchmark (the schema of shared/bench/seed_gold.jsonl): one article
per line with its gold `events`.

Detection: a predicted event matches a gold event of the same event_type whose
place or date agrees (date within the gold precision's tolerance: 1 day for day
precision, 3 for week, 15 for month; place by normalised name). Each predicted
event matches at most one gold event. A record may list `optional` events
(legitimately coded or not): a prediction matching one is not counted. Field accuracy is measured on matched
pairs, for the fields the gold event states; a field we leave null where the
gold has a value counts as wrong.
"""
from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

from ..actors import actor_key
from ..io.readers import article_from_record
from ..pipeline import Pipeline

_TOLERANCE = {1: 1, 2: 3, 3: 15}
FIELDS = ["sub_event_type", "event_date", "time_precision", "country", "admin1", "location",
          "actor1", "actor2", "fatalities", "displaced", "origin", "destination", "claims"]


def norm_place(name) -> str:
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"^(al|el|ad|ar|as|ash|at|az)[- ]", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


def _source_key(source: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", source.strip().lower())


def _date_agrees(pred: dict, gold: dict) -> bool:
    if not pred.get("event_date") or not gold.get("date"):
        return False
    gap = abs((date.fromisoformat(pred["event_date"]) - date.fromisoformat(gold["date"])).days)
    return gap <= _TOLERANCE.get(gold.get("time_precision") or 1, 1)


def _place_agrees(pred: dict, gold: dict) -> bool:
    return bool(gold.get("location")) and norm_place(pred.get("location")) == norm_place(gold["location"])


def _field_ok(name: str, pred: dict, gold: dict) -> bool:
    if name == "sub_event_type":
        return pred[name] == gold[name] or pred[name] in gold.get("also_accept", [])
    if name == "event_date":
        return pred.get("event_date") == gold.get("date")
    if name == "country":
        return pred.get("country_code") == gold.get("country")
    if name == "location":
        return _place_agrees(pred, gold)
    if name in ("actor1", "actor2"):
        return actor_key(pred.get(name)) == actor_key(gold.get(name))   # null gold: one-sided, we must say null too
    if name in ("origin", "destination"):
        return norm_place((pred.get(name) or {}).get("name")) == norm_place(gold.get(name))
    if name == "claims":
        # every gold claim's source is among ours ("The Pentagon" ~ "the Pentagon")
        ours = [_source_key(c["source"]) for c in pred.get("claims") or []]
        return all(any(_source_key(g["source"]) in o or o in _source_key(g["source"]) for o in ours if o)
                   for g in gold.get("claims") or [])
    if name == "fatalities":
        # ACLED writes 0 where no deaths are reported; gold files may write null.
        return (pred.get(name) or 0) == (gold.get(name) or 0)
    return pred.get(name) == gold.get(name)


def match(preds: list[dict], golds: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best candidates first (same sub-type, both agree)."""
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if p["event_type"] != g["event_type"]:
                continue
            d, pl = _date_agrees(p, g), _place_agrees(p, g)
            if not (d or pl):
                continue
            rank = (_field_ok("sub_event_type", p, g), d and pl, -pi)
            candidates.append((rank, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def evaluate_gold(path: Path, progress=None) -> dict:
    pipeline = Pipeline()
    tp = n_pred = n_gold = 0
    field_hits = {f: [0, 0] for f in FIELDS}
    articles = []
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    for n, line in enumerate(progress(lines) if progress else lines, 1):
        rec = json.loads(line)
        golds = rec.get("events") or []
        preds = [e.to_record() for e in pipeline.run(article_from_record(rec, f"{path}:{n}")).events]
        pairs = match(preds, golds)
        # Predictions that match an optional event (coded or not, both are
        # right) count neither for nor against.
        free = [p for i, p in enumerate(preds) if i not in {pi for _, pi in pairs}]
        optional = {pi for _, pi in match(free, rec.get("optional") or [])}
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(preds) - len(optional), n_gold + len(golds)
        for gi, pi in pairs:
            for f in FIELDS:
                gold_has = f in golds[gi] or (f == "event_date" and "date" in golds[gi])
                if gold_has:
                    field_hits[f][1] += 1
                    field_hits[f][0] += _field_ok(f, preds[pi], golds[gi])
        articles.append({"id": rec.get("id"), "gold": len(golds), "predicted": len(preds), "matched": len(pairs),
                         "unmatched_predictions": [f"{p['sub_event_type']} {p['event_date']}: {p['notes'][:80]}"
                                                   for i, p in enumerate(preds) if i not in {pi for _, pi in pairs}]})
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"bench": str(path), "kind": "event-gold", "articles": len(articles), "gold_events": n_gold,
            "predicted_events": n_pred, "matched": tp, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "field_accuracy": {f: (round(h / t, 3) if t else None) for f, (h, t) in field_hits.items()},
            "per_article": articles}
