"""`sitrep bench`: single-core throughput figures, printed, never asserted."""
from __future__ import annotations

import json
import resource
import time
from pathlib import Path

from ..model import Article
from ..pipeline import Pipeline
from .case2021 import read_case


def _rate(pipeline: Pipeline, articles: list[Article]) -> tuple[float, float, int]:
    words = sum(len(a.text.split()) for a in articles)
    t0 = time.perf_counter()
    for _ in pipeline.pipe(articles):
        pass
    dt = time.perf_counter() - t0
    return len(articles) / dt, words / dt, len(articles)


def _gazetteer_load() -> str:
    from ..geo.gazetteer import Gazetteer
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    gaz = Gazetteer()
    gaz.lookup("Aleppo")
    dt = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"gazetteer load: {dt:.2f} s, +{rss1 - rss0:,.0f} MB RSS ({gaz.stats()['places']:,} places)"


def _notes(path: Path, n: int) -> list[Article]:
    import csv
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for _, r in zip(range(n), csv.DictReader(fh))]
    return [Article(r.get("event_id_cnty") or f"row-{i}", r["notes"]) for i, r in enumerate(rows)]


def _store_bench(pipeline: Pipeline, notes: Path, n: int = 1000) -> str:
    """Ingest -> extract -> store 1,000 ACLED notes into a fresh SQLite store,
    then ingest them again (which must add no row)."""
    import tempfile
    from ..ingest import IngestTally, ingest
    from ..store import Store
    arts = _notes(notes, n)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        t0 = time.perf_counter()
        tally = ingest(arts, store, pipeline, IngestTally(), on_error=lambda m: None)
        dt = time.perf_counter() - t0
        before = store.counts()
        ingest(arts, store, pipeline, IngestTally(), on_error=lambda m: None)
        added = sum(store.counts().values()) - sum(before.values())
    return (f"ingest -> extract -> store (SQLite), {len(arts):,} ACLED notes: {tally.articles / dt:,.1f} articles/s, "
            f"{before['events']:,} events ({tally.events_merged} merged); re-ingesting them adds {added} rows")


def _long_article(arts: list[Article], pipeline: Pipeline, what: str, size: int = 300_000) -> str:
    """Time of one very long article (the texts joined): the work per name
    or event must not grow with the article's length."""
    text, i = "", 0
    while len(text) < size and arts:
        text += arts[i % len(arts)].text + "\n\n"
        i += 1
    _, wps, _ = _rate(pipeline, [Article("long", text, published=arts[0].published if arts else None)])
    words = len(text.split())
    return (f"{what}, one long article ({len(text) // 1000:,} KB, {words:,} words): "
            f"{words / wps:.1f} s, {wps:,.0f} words/s")


def run_speed_bench(bench_dir: Path) -> str:
    gazetteer_line = _gazetteer_load()
    t0 = time.perf_counter()
    pipeline = Pipeline()
    pipeline.run(Article("warm-up", "Gunmen attacked a village on Monday, killing three people."))
    lines = [gazetteer_line, f"start-up (model load + first article): {time.perf_counter() - t0:.2f} s"]
    case = bench_dir / "case2021_task2_dev.tsv"
    if case.is_file():
        arts = [Article(f"case-{i}", t) for i, t, _ in read_case(case)]
        aps, wps, n = _rate(pipeline, arts)
        lines.append(f"CASE snippets: {n} articles, {aps:,.1f} articles/s, {wps:,.0f} words/s (one core)")
    seed = bench_dir / "seed_gold.jsonl"
    if seed.is_file():
        rec = json.loads(seed.read_text(encoding="utf-8").splitlines()[0])
        arts = [Article(f"seed-{k}", rec["text"]) for k in range(30)]
        aps, wps, n = _rate(pipeline, arts)
        lines.append(f"seed article x{n}: {aps:,.1f} articles/s, {wps:,.0f} words/s (one core)")
    geovirus = bench_dir / "GeoVirus.xml"
    if geovirus.is_file():
        from .geoparse import read_geo_xml
        arts = [a for a, _ in read_geo_xml(geovirus)]
        geoparse = Pipeline(["geoparse"], {"geoparse": {"all_articles": True}})
        aps, wps, n = _rate(geoparse, arts)
        lines.append(f"geoparse, GeoVirus articles: {n} articles, {aps:,.1f} articles/s, {wps:,.0f} words/s (one core)")
        lines.append(_long_article(arts, geoparse, "geoparse, GeoVirus texts joined"))
        # A precision proxy: GeoVirus is disease-outbreak news, which holds next to no ACLED events.
        docs = list(pipeline.pipe(arts))
        n_events = sum(len(d.events) for d in docs)
        lines.append(f"events found in GeoVirus's {len(docs)} disease-news articles (few are real ACLED events): "
                     f"{n_events} in {sum(bool(d.events) for d in docs)} articles")
    notes = bench_dir / "acled_2020_notes_dev.csv"
    if notes.is_file():
        lines.append(_store_bench(pipeline, notes))
        lines.append(_long_article(_notes(notes, 1000), pipeline, "extract, ACLED notes joined"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines.append(f"peak RSS: {rss:,.0f} MB")
    return "\n".join(lines)
