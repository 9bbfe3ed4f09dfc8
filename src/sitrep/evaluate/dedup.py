"""Deduplication benchmark: a JSONL of articles, each with the `cluster` of the
real-world event it reports (our `gold/multisource.jsonl`). The articles are
ingested into a fresh SQLite store; two articles should share a stored event
(their main one) exactly when they share a cluster. Prints pairwise
precision, recall and F1, ingest throughput, and the rows a second ingest of
the same file adds (should be 0)."""
from __future__ import annotations

import json
import tempfile
import time
from itertools import combinations
from pathlib import Path

from sqlalchemy import select


def is_dedup_bench(path: Path) -> bool:
    with open(path, encoding="utf-8") as fh:
        first = fh.readline()
    try:
        return "cluster" in json.loads(first)
    except (ValueError, TypeError):
        return False


def evaluate_dedup(path: Path, progress=None) -> dict:
    from ..ingest import IngestTally, ingest
    from ..io.readers import read_inputs
    from ..store import Store
    from ..store.schema import event_sources

    clusters = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                clusters[str(rec["id"])] = rec["cluster"]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        items = list(read_inputs([str(path)]))
        start = time.perf_counter()
        tally = ingest(progress(items) if progress else items, store, tally=IngestTally(), on_error=lambda m: None)
        seconds = time.perf_counter() - start
        before = store.counts()
        ingest(list(read_inputs([str(path)])), store, tally=IngestTally(), on_error=lambda m: None)
        added = {k: store.counts()[k] - v for k, v in before.items()}
        with store.engine.connect() as conn:
            main = {r.article_id: r.event_id for r in conn.execute(
                select(event_sources.c.article_id, event_sources.c.event_id).where(event_sources.c.rank == 1))}
        n_events = before["events"]
    tp = fp = fn = 0
    for a, b in combinations(sorted(clusters), 2):
        gold = clusters[a] == clusters[b]
        pred = a in main and b in main and main[a] == main[b]
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"bench": str(path), "kind": "dedup", "articles": len(clusters), "clusters": len(set(clusters.values())),
            "stored_events": n_events, "articles_without_event": len(set(clusters) - set(main)),
            "pair_precision": round(p, 4), "pair_recall": round(r, 4),
            "pair_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "ingest_articles_per_s": round(tally.articles / seconds, 1) if seconds else None,
            "reingest_rows_added": added}
