"""`sitrep bench scale` (part of make bench): throughput against the bare
spaCy pipeline on the same texts, geoparse and dedup throughput, Dask
scaling from 1 to 2 workers, and RSS sampled every second over a long
streaming run. Texts: `sitrep bench corpus` (ours)."""
from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from ..model import Article
from .corpus import articles as corpus_articles
from .corpus import write as write_corpus

SITREP = [sys.executable, "-m", "sitrep"]


def _texts(n: int, seed: int = 31, form: str = "brief") -> list[Article]:
    """Articles as `sitrep extract` reads them from the corpus (with their
    publication dates, which date "on Monday" and set history apart)."""
    return [Article(r["id"], r["text"], published=date.fromisoformat(r["published"]), title=r["title"])
            for r in corpus_articles(n, seed, form=form)]


def real_news(bench: Path) -> list[Article]:
    """The GeoVirus and LGL article texts (real news, mostly not conflict), as
    speed texts only; empty where ../shared/bench is absent."""
    from .geoparse import read_geo_xml
    return [a for name in ("GeoVirus.xml", "lgl.xml") if (bench / name).exists()
            for a, _ in read_geo_xml(bench / name)]


def versus_spacy(arts: list[Article], label: str) -> list[str]:
    """sitrep end to end and the bare spaCy pipeline on the same texts, one core."""
    from ..nlp import MODEL_PACKAGE
    from ..pipeline import Pipeline
    n, words = len(arts), sum(len(a.text.split()) for a in arts)
    pipeline = Pipeline()
    pipeline.run(Article("warm-up", "Gunmen killed three people in Kano on Monday."))
    t0 = time.perf_counter()
    n_events = sum(len(d.events) for d in pipeline.pipe(arts))
    ours = time.perf_counter() - t0
    bare = spacy_seconds([a.text for a in arts])
    same_ops = spacy_seconds([a.text for a in arts], sitrep_products=True)
    geo = Pipeline(["geoparse"], {"geoparse": {"all_articles": True}})
    geo.run(Article("warm-up", "Fighting in Aleppo and Idlib."))
    t0 = time.perf_counter()
    list(geo.pipe(arts))
    t_geo = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [f"{label}: {n:,} articles, {words:,} words ({words / n:,.0f} per article), {n_events:,} events",
            f"  sitrep end to end, one core: {n / ours:,.0f} articles/s, {words / ours:,.0f} words/s; "
            f"peak RSS so far {rss:,.0f} MB",
            f"  bare spaCy {MODEL_PACKAGE} (all components, nlp.pipe, its own process), same texts: "
            f"{n / bare:,.0f} articles/s, {words / bare:,.0f} words/s; sitrep / spaCy = {bare / ours:.2f}x",
            f"  the same spaCy pipeline with sitrep's matrix products (numpy, one thread): {n / same_ops:,.0f} "
            f"articles/s; sitrep / that = {same_ops / ours:.2f}x (the work sitrep spares)",
            f"  geoparse alone (every article), same texts: {n / t_geo:,.0f} articles/s"]


_SPACY_ALONE = """
import json, sys, time
if sys.argv[3] == "1":
    from sitrep.matmul_ops import use_matmul_ops
    use_matmul_ops()
import spacy
texts = json.load(open(sys.argv[1]))
nlp = spacy.load(sys.argv[2])
list(nlp.pipe(["Warm-up text."]))
t0 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64):
    pass
print(time.perf_counter() - t0)
"""


def spacy_seconds(texts: list[str], sitrep_products: bool = False) -> float:
    """Seconds the bare spaCy pipeline (every component, nlp.pipe) takes over
    the texts in a fresh interpreter: spaCy as a user installs it (thinc's
    blis products), or with sitrep's matrix products and nothing else of sitrep."""
    import json
    from ..nlp import MODEL_PACKAGE
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(texts, fh)
    try:
        out = subprocess.run([sys.executable, "-c", _SPACY_ALONE, fh.name, MODEL_PACKAGE, str(int(sitrep_products))],
                             capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])
    finally:
        Path(fh.name).unlink(missing_ok=True)


def dedup_rate(tmp: Path, n: int = 2_000) -> list[str]:
    """Store + dedup alone: extracted parts loaded into a fresh store."""
    from ..scale import run
    from ..scale.load import load
    from ..store import Store
    corpus = tmp / "dedup.jsonl"
    with open(corpus, "w") as fh:
        write_corpus(n, fh, seed=41)
    run([str(corpus)], tmp / "dedup-parts")
    store = Store(f"sqlite:///{tmp / 'dedup.db'}")
    t0 = time.perf_counter()
    tally = load(tmp / "dedup-parts", store)
    dt = time.perf_counter() - t0
    return [f"dedup + store alone (sitrep load of {n:,} extracted articles, SQLite): {tally.articles / dt:,.0f} "
            f"articles/s, {(tally.events_new + tally.events_merged) / dt:,.0f} events/s "
            f"({tally.events_merged} merged)"]


def dask_scaling(tmp: Path, n: int = 6_000) -> list[str]:
    from dask.distributed import Client, LocalCluster, wait
    import logging
    from ..scale.partitions import expand_inputs, plan
    from ..scale.worker import pipeline, process_partition
    logging.getLogger("distributed").setLevel(logging.ERROR)
    corpus = tmp / "dask.jsonl"
    with open(corpus, "w") as fh:
        write_corpus(n, fh, seed=51)
    parts = plan(expand_inputs([str(corpus)])[0], 60_000)
    times = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=50) as cluster, Client(cluster) as client:
            client.run(lambda: pipeline() and None)   # models loaded in every worker before the clock starts
            t0 = time.perf_counter()
            futures = [client.submit(process_partition, p, str(tmp / f"dask-{workers}"), "jsonl", pure=False)
                       for p in parts]
            wait(futures)
            times[workers] = time.perf_counter() - t0
    return [f"Dask, {n:,} corpus articles in {len(parts)} partitions (models loaded first): 1 worker "
            f"{times[1]:.1f} s ({n / times[1]:,.0f} articles/s), 2 workers {times[2]:.1f} s "
            f"({n / times[2]:,.0f} articles/s): speed-up {times[1] / times[2]:.2f}x on this 2-core machine"]


def streaming_rss(tmp: Path, n: int) -> list[str]:
    import psutil
    corpus = tmp / "stream.jsonl"
    with open(corpus, "w") as fh:
        write_corpus(n, fh, seed=61)
    proc = subprocess.Popen(SITREP + ["extract", str(corpus), "-o", str(tmp / "stream-out.jsonl"), "-q"])
    ps = psutil.Process(proc.pid)
    samples = []
    t0 = time.perf_counter()
    while proc.poll() is None:
        try:
            samples.append(ps.memory_info().rss / 1e6)
        except psutil.Error:
            break
        time.sleep(1.0)
    dt = time.perf_counter() - t0
    if len(samples) < 4:
        return [f"streaming: too short to sample ({dt:.1f} s)"]
    q = lambda f: samples[min(len(samples) - 1, int(f * len(samples)))]  # noqa: E731
    return [f"streaming extract of {n:,} articles, one process: {dt:.0f} s ({n / dt:,.0f} articles/s); RSS sampled "
            f"every second ({len(samples)} samples): at 10% {q(0.1):,.0f} MB, 50% {q(0.5):,.0f} MB, "
            f"90% {q(0.9):,.0f} MB, peak {max(samples):,.0f} MB"]


def run_scale_bench(stream_articles: int = 100_000, bench: Path = Path("../shared/bench")) -> str:
    lines = []
    real = real_news(bench)
    with tempfile.TemporaryDirectory(prefix="sitrep-scale-") as tmp_name:
        tmp = Path(tmp_name)
        for part in (lambda: versus_spacy(_texts(2_000, form="brief"), "brief corpus (headline, lead, 2 sentences)"),
                     lambda: versus_spacy(_texts(1_000, form="wire"), "wire corpus (agency-report length)"),
                     lambda: versus_spacy(real, "real news (GeoVirus + LGL texts)") if real else
                     [f"real news: skipped, no GeoVirus.xml or lgl.xml in {bench}"],
                     lambda: dedup_rate(tmp), lambda: dask_scaling(tmp),
                     lambda: streaming_rss(tmp, stream_articles)):
            got = part()
            print("\n".join(got), flush=True)
            lines += got
    return f"scale figures above ({stream_articles:,}-article stream)"
