"""A human-readable digest of an events JSONL file (used by `make demo`)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path


def summarize(path: Path) -> str:
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_type = Counter(e["event_type"] for e in events)
    articles = {a for e in events for a in e["article_ids"]}
    out = [f"{len(events)} event(s) from {len(articles)} article(s)"]
    out += [f"  {n:>4}  {t}" for t, n in by_type.most_common()]
    out.append("")
    for e in events:
        out.append(f"{e['event_date'] or '????-??-??'}  {e['sub_event_type']:<36} {(e['notes'] or '')[:70]}")
    return "\n".join(out)
