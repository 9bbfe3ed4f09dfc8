"""Event-location benchmark: sentences from the "Geolocating Political Events
in Text" study (Halterman 2019; MIT), each with one event verb and the
place(s) that event happened at (none where the sentence names no such
place). Reports how many of those places the geoparser recognises and how
often the locate stage picks one of them for the verb's event; sentences
whose places are all elsewhere score the stage's abstention."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from ..model import Article
from ..stages.locate import moves_people, rank, sentence_site, site_key


def _load(path: Path) -> list[dict]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            members = [n for n in z.namelist() if n.endswith((".jsonl", ".json"))
                       and not n.startswith("__MACOSX/")]
            if not members:
                raise ValueError("no .jsonl file inside the zip")
            raw = z.read(members[0]).decode("utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    try:
        data = json.loads(raw)                      # the study ships one JSON array
        return data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        return [json.loads(line) for line in raw.splitlines() if line.strip()]


def _span(r: dict, s: dict) -> tuple[int, int] | None:
    """Character offsets of a labelled span. The file mixes two conventions:
    some spans give characters, others give token numbers in start/end, so
    trust whichever reproduces the span's own text."""
    text, want = r["text"], s.get("text")
    if want is None or text[s["start"]:s["end"]] == want:
        if want is not None or s.get("token_start") is None:
            return s["start"], s["end"]
    toks, ts, te = r.get("tokens") or [], s.get("token_start"), s.get("token_end")
    if ts is not None and te is not None and te < len(toks):
        a, b = toks[ts]["start"], toks[te]["end"]
        if want is None or text[a:b] == want:
            return a, b
    i = text.find(want) if want else -1
    return (i, i + len(want)) if i >= 0 else None


def read_event_locations(path: Path) -> list[tuple[Article, tuple[int, int] | None, list[tuple[int, int]]]]:
    """(sentence as an article, the verb's span, the spans of its places)."""
    out = []
    for i, r in enumerate(_load(path)):
        if not isinstance(r, dict) or not isinstance(r.get("text"), str) or not r["text"].strip():
            continue
        spans = [s for s in r.get("spans") or [] if isinstance(s, dict) and "start" in s and "end" in s]
        verbs = [_span(r, s) for s in spans if s.get("label") == "VERB"]
        places = [_span(r, s) for s in spans if s.get("label") == "LOCATION"]
        out.append((Article(f"el-{i}", r["text"]), next((v for v in verbs if v), None),
                    [p for p in places if p]))
    return out


def _overlaps(t, span: tuple[int, int]) -> bool:
    return t.start < span[1] and span[0] < t.end


def evaluate_event_locations(path: Path, bar=None) -> dict:
    """Recall: labelled places a resolved toponym overlaps. Choice, over the
    sentences whose place was recognised: how often the locate stage's pick
    for the verb's event is that place (with the shipped weights: trained on
    this file, so in-sample), the hand rules alone, the first-named place, and,
    the honest figure, the learned scorer under 5-fold cross-validation.
    Elsewhere: sentences naming places none of which is the event's, and how
    often the stage declines to put the event at any of them."""
    from ..classify.sites import candidates, cross_validate, geoparsed, sentence_examples
    parsed = geoparsed(path, bar)
    n = dict(sentences=0, gold_places=0, recognised=0, choosable=0, multi=0, elsewhere=0)
    right = {k: 0 for k in ("stage", "rules", "first")}
    right_multi = dict(right)
    elsewhere_sited = 0
    for doc, verb, gold in parsed:
        n["sentences"] += 1
        n["gold_places"] += len(gold)
        named = [t for t in doc.toponyms if t.place is not None and not t.in_name]
        n["recognised"] += sum(any(_overlaps(t, g) for t in named) for g in gold)
        cands = candidates(doc)
        if not cands:
            continue
        text = doc.article.text
        moving = moves_people([text])
        stage_pick, _ = sentence_site(cands, moving, text, verb)
        if not gold:
            n["elsewhere"] += 1
            elsewhere_sited += stage_pick is not None and rank(stage_pick) >= 4
            continue
        if not any(_overlaps(t, g) for t in cands for g in gold):
            continue
        picks = {"stage": stage_pick, "rules": sentence_site(cands, moving)[0],
                 "first": min(cands, key=lambda t: t.start)}
        multi = len({site_key(t) for t in cands}) > 1
        n["choosable"] += 1
        n["multi"] += multi
        for k, t in picks.items():
            ok = t is not None and any(_overlaps(t, g) for g in gold)
            right[k] += ok
            right_multi[k] += ok and multi
    share = lambda a, b: round(a / b, 4) if b else 0.0
    cv = cross_validate(sentence_examples(parsed))
    return {"bench": str(path), "kind": "event-location", **n,
            "recall": share(n["recognised"], n["gold_places"]),
            "choice": {k: share(v, n["choosable"]) for k, v in right.items()},
            "choice_multi": {k: share(v, n["multi"]) for k, v in right_multi.items()},
            "elsewhere_sited_share": share(elsewhere_sited, n["elsewhere"]),
            "learned_cv5": cv}
