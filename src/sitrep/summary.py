"""A human-readable digest of an events JSONL file (used by `make demo`)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path


def summarize(path: Path) -> str:
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_type = Counter(e["event_type"] for e in events)
    articles = {a for e in events for a in e["article_ids"]}
    killed = sum(e.get("fatalities") or 0 for e in events)
    displaced = sum(e.get("displaced") or 0 for e in events)
    out = [f"{len(events)} event(s) from {len(articles)} article(s); {killed:,} killed, {displaced:,} displaced"]
    out += [f"  {n:>4}  {t}" for t, n in by_type.most_common()]
    out.append("")
    for e in events:
        place = ", ".join(x for x in (e.get("location"), e.get("country")) if x) or "place unknown"
        who = " vs ".join(x for x in (e.get("actor1"), e.get("actor2")) if x) or "actors unknown"
        dead = f"  {e['fatalities']} killed" if e.get("fatalities") else ""
        out.append(f"{e['event_date'] or '????-??-??'}  {e['sub_event_type']:<34} {place[:30]:<30} {who[:60]}{dead}")
    out.append("")
    out.append("notes (generated):")
    out += [f"  - {e['notes']}" for e in events if e.get("notes")]
    return "\n".join(out)
