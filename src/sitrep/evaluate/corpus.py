"""`sitrep bench corpus N`: N realistic news articles from the fragments in
data/bench_corpus.yaml (ours), seeded so every run writes the same corpus. A
share are conflict events, the rest ordinary news, as in a real feed. Two
forms: "brief" (headline, lead and two sentences) and "wire" (a lead paragraph
and 4-7 paragraphs of detail, background and quotes, like an agency report).
For speed, scale and crash-safety runs; never for accuracy."""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterator


from ..ontology import read_yaml

FORMS = ("brief", "wire")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@lru_cache(maxsize=1)
def _fragments() -> dict:
    raw = read_yaml("bench_corpus.yaml")
    missing = {"places", "armed", "state", "sources", "groups", "event_leads", "event_follow", "other_leads",
               "other_follow", "event_share", "event_details", "event_background", "event_quotes",
               "other_body"} - set(raw)
    if missing:
        raise ValueError(f"bench_corpus.yaml lacks {sorted(missing)}")
    return raw


def _body(f: dict, rng: random.Random, event: bool, slots: dict) -> list[str]:
    """4-7 paragraphs of 2-3 sentences: an event report runs from details to
    background and quotes, other news draws from its own pool."""
    slots = dict(slots, k=rng.randint(2, 30), month=rng.choice(MONTHS))
    if event:
        pool = (rng.sample(f["event_details"], 7) + rng.sample(f["event_quotes"], 2)
                + rng.sample(f["event_background"], 6))
    else:
        pool = rng.sample(f["other_body"], 13) + rng.sample(f["other_follow"], 2)
    paragraphs, i = [], 0
    for _ in range(rng.randint(4, 7)):
        take = rng.randint(2, 3)
        if i + take > len(pool):
            break
        paragraphs.append(" ".join(s.format(**slots) for s in pool[i:i + take]))
        i += take
    return paragraphs


def articles(n: int, seed: int = 7, start: date = date(2024, 1, 1), form: str = "brief") -> Iterator[dict]:
    """N article records {id, title, published, source, url, text}."""
    if form not in FORMS:
        raise ValueError(f"unknown corpus form {form!r}; known: {', '.join(FORMS)}")
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
        body = "\n\n".join([""] + _body(f, rng, event, slots)) if form == "wire" else ""
        yield {"id": f"corpus-{i:07d}", "title": title, "published": published.isoformat(),
               "source": "sitrep corpus", "url": f"https://example.org/corpus/{i}",
               "text": f"{title}\n\n{lead} {' '.join(follow)}{body}"}


def write(n: int, out, seed: int = 7, form: str = "brief") -> int:
    k = 0
    for rec in articles(n, seed, form=form):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        k += 1
    return k
