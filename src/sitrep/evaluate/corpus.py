"""`sitrep bench corpus N`: N realistic short news articles from the
fragments in data/bench_corpus.yaml (ours), seeded so every run writes the
same corpus. A share are conflict events, the rest ordinary news, as in a
real feed. For speed, scale and crash-safety runs; never for accuracy."""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterator

import yaml

from ..ontology import read_data

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@lru_cache(maxsize=1)
def _fragments() -> dict:
    raw = yaml.safe_load(read_data("bench_corpus.yaml"))
    missing = {"places", "armed", "state", "sources", "groups", "event_leads", "event_follow", "other_leads",
               "other_follow", "event_share"} - set(raw)
    if missing:
        raise ValueError(f"bench_corpus.yaml lacks {sorted(missing)}")
    return raw


def articles(n: int, seed: int = 7, start: date = date(2024, 1, 1)) -> Iterator[dict]:
    """N article records {id, title, published, source, url, text}."""
    f = _fragments()
    rng = random.Random(seed)
    for i in range(n):
        town, country = rng.choice(f["places"])
        published = start + timedelta(days=rng.randrange(365))
        slots = {"place": town, "country": country, "armed": rng.choice(f["armed"]),
                 "state": f["state"].get(country, "security forces"), "n": rng.randint(2, 40),
                 "m": rng.randint(2, 60), "day": DAYS[(published.weekday() - 1) % 7],
                 "source": rng.choice(f["sources"]), "group": rng.choice(f["groups"])}
        event = rng.random() < f["event_share"]
        lead = rng.choice(f["event_leads" if event else "other_leads"]).format(**slots)
        follow = [s.format(**slots) for s in rng.sample(f["event_follow" if event else "other_follow"], 2)]
        lead = lead[0].upper() + lead[1:]
        title = lead.split(",")[0].split(";")[0][:90]
        yield {"id": f"corpus-{i:07d}", "title": title, "published": published.isoformat(),
               "source": "sitrep corpus", "url": f"https://example.org/corpus/{i}",
               "text": f"{title}\n\n{lead} {' '.join(follow)}"}


def write(n: int, out, seed: int = 7) -> int:
    k = 0
    for rec in articles(n, seed):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        k += 1
    return k
