"""`sitrep bench reliability` (make bench-reliability): figures, not pass/fail.

- fuzz: 100,000 mutated inputs through every reader and the extractor;
  uncaught exceptions counted (any is a bug), the first few saved;
- crash: SIGKILL in the middle of a 10,000-article ingest, `sitrep check`,
  rerun, then each article stored once;
- concurrency: two ingesting processes and four reading threads on one
  SQLite store; "database is locked" and other errors counted;
- load: 200 concurrent clients for 60 s on the read API (wrk, else a Python
  client), p50/p99 latency, non-2xx responses;
- backup: online backup and restore round trip of the load store.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from ..ingest import feed_articles, html_article
from ..io.readers import csv_items, gzip_items, jsonl_items
from ..model import Article
from .corpus import articles as corpus_articles
from .corpus import write as write_corpus
from .dashboard import free_port

SITREP = [sys.executable, "-m", "sitrep"]
READ_PATHS = ["/events?limit=50", "/stats", "/events?country=YE&limit=20", "/events.geojson?country=SO",
              "/map/events?event_type=Protests", "/events?q=killed&limit=20", "/events/1",
              "/events?sort=-fatalities&limit=10", "/meta"]


# -- fuzzing ---------------------------------------------------------------------------------------

def _seeds() -> dict[str, list[bytes]]:
    recs = list(corpus_articles(40, seed=5))
    jsonl = [("\n".join(json.dumps(r) for r in recs[i:i + 4]) + "\n").encode() for i in range(0, 40, 4)]
    csv = [("id,text,title,published\n" + "\n".join(f'{r["id"]},"{r["text"]}",{r["title"]},{r["published"]}'
                                                    for r in recs[i:i + 3])).encode() for i in range(0, 30, 3)]
    feed = [("<?xml version='1.0'?><rss><channel><title>t</title>" + "".join(
        f"<item><title>{r['title']}</title><description><![CDATA[<p>{r['text']}</p>]]></description>"
        f"<pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate></item>" for r in recs[i:i + 3])
        + "</channel></rss>").encode() for i in range(0, 30, 3)]
    html = [(f"<html><head><title>{r['title']}</title></head><body><article><h1>{r['title']}</h1>"
             f"<p>{r['text']}</p></article></body></html>").encode() for r in recs[:10]]
    return {"jsonl": jsonl, "csv": csv, "gzip": [gzip.compress(j) for j in jsonl], "feed": feed, "html": html,
            "extract": [r["text"].encode() for r in recs]}


_TOKENS = [b"\x00", b"\xff\xfe", b"\xe9", b"\n", b"\r\n", b'"', b"{", b"}", b"<", b">", b"</div>", b"<div>" * 50,
           b"&#0;", b"]]>", b",", b"\\u0000", b"killed", b"12", b"\t", "😀".encode(), b"\xed\xa0\x80",
           b"[" * 5000, b'{"a":' * 3000, b"<a>" * 3000, b"1e999", b'"published": [1]', b'"id": {}']


def mutate(rng: random.Random, data: bytes) -> bytes:
    """A few random edits: flips, cuts, duplications, splices of nasty tokens."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        pos = rng.randrange(len(b) + 1)
        if op < 0.25 and b:
            b[min(pos, len(b) - 1)] ^= 1 << rng.randrange(8)
        elif op < 0.45:
            b[pos:pos] = rng.choice(_TOKENS)
        elif op < 0.6 and b:
            del b[pos:pos + rng.randint(1, 64)]
        elif op < 0.75 and b:
            end = min(len(b), pos + rng.randint(1, 200))
            b[pos:pos] = b[pos:end] * rng.randint(1, 20)
        elif op < 0.85:
            b = b[:pos]
        else:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
    return bytes(b[:200_000])


def _fuzz_targets(pipeline):
    def gz(data):
        # half the time a valid gzip of mutated text, half a mutated gzip
        return list(gzip_items(io.BytesIO(data), "fuzz.jsonl.gz"))

    return {
        "jsonl": (45_000, lambda d: list(jsonl_items(io.BytesIO(d), "fuzz.jsonl"))),
        "csv": (20_000, lambda d: list(csv_items(io.BytesIO(d), "fuzz.csv"))),
        "gzip": (15_000, gz),
        "feed": (12_000, lambda d: list(feed_articles(d, "fuzz.xml"))),
        "html": (6_000, lambda d: [html_article(d.decode("utf-8", "replace"), "fuzz.html")]),
        "extract": (2_000, lambda d: pipeline.run(Article("fuzz", d.decode("utf-8", "replace") or "x"))),
    }


def fuzz(out_dir: Path, scale: float = 1.0, seed: int = 1) -> list[str]:
    from ..pipeline import Pipeline
    rng = random.Random(seed)
    seeds = _seeds()
    crashes_dir = out_dir / "fuzz-crashes"
    total, crashes, lines, kinds = 0, 0, [], {}
    t_all = time.perf_counter()
    for name, (n, target) in _fuzz_targets(Pipeline()).items():
        n = max(10, int(n * scale))
        t0 = time.perf_counter()
        bad = 0
        for i in range(n):
            base = rng.choice(seeds[name])
            data = mutate(rng, base)
            if name == "gzip" and i % 2:
                data = gzip.compress(mutate(rng, seeds["jsonl"][i % len(seeds["jsonl"])]))
            try:
                target(data)
            except Exception as exc:   # noqa: BLE001 - an uncaught exception is what we count
                bad += 1
                kinds[f"{name}: {type(exc).__name__}"] = kinds.get(f"{name}: {type(exc).__name__}", 0) + 1
                if bad <= 3:
                    crashes_dir.mkdir(parents=True, exist_ok=True)
                    (crashes_dir / f"{name}-{i}.bin").write_bytes(data)
                    (crashes_dir / f"{name}-{i}.txt").write_text(traceback.format_exc())
        total += n
        crashes += bad
        lines.append(f"  {name:8s} {n:7,} inputs  {n / (time.perf_counter() - t0):8,.0f}/s  uncaught {bad}")
    head = (f"fuzz: {total:,} generated inputs in {time.perf_counter() - t_all:.0f} s, "
            f"{crashes} uncaught exception(s)" + (f" {kinds} (inputs in {crashes_dir})" if crashes else ""))
    return [head] + lines


# -- crash safety ------------------------------------------------------------------------------------

def ingest_killed_after(corpus: Path, db: Path, kill_after: int, deadline_s: float = 300) -> int:
    """Run `sitrep ingest` of the corpus into the SQLite file `db` and SIGKILL
    its process group once `kill_after` articles are stored (mid-transaction,
    most likely); the ingest's exit code (-SIGKILL when it was killed)."""
    proc = subprocess.Popen(SITREP + ["ingest", str(corpus), "--db", f"sqlite:///{db}", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + deadline_s
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.3)
        if not db.exists():
            continue
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue   # not migrated yet
        if stored >= kill_after:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=30)
    return proc.returncode


def crash(tmp: Path, n: int = 10_000, kill_after: int = 1_500) -> list[str]:
    from ..store import Store, content_hash
    from ..store.maintenance import check
    corpus = tmp / "crash.jsonl"
    with open(corpus, "w") as fh:
        write_corpus(n, fh, seed=11)
    db = tmp / "crash.db"
    url = f"sqlite:///{db}"
    t0 = time.perf_counter()
    killed = ingest_killed_after(corpus, db, kill_after) == -signal.SIGKILL
    store = Store(url)
    at_kill = store.counts()
    bad_at_kill = [f.check for f in check(store) if not f.ok]
    rerun = subprocess.run(SITREP + ["ingest", str(corpus), "--db", url, "-q"], capture_output=True, text=True)
    with store.engine.connect() as conn:
        from sqlalchemy import text
        hashes = [h for (h,) in conn.execute(text("SELECT content_hash FROM articles"))]
    distinct = {content_hash(r["text"]) for r in corpus_articles(n, seed=11)}
    bad_after = [f.check for f in check(store) if not f.ok]
    once = set(hashes) == distinct and len(hashes) == len(set(hashes))
    return [f"crash: {n:,}-article ingest {'killed (SIGKILL)' if killed else 'NOT killed'} after "
            f"{at_kill['articles']:,} articles; check then: {bad_at_kill or 'sound'}; rerun exit {rerun.returncode}; "
            f"articles {len(hashes):,}, distinct texts {len(distinct):,}, each stored exactly once: {once}; "
            f"check after: {bad_after or 'sound'} ({time.perf_counter() - t0:.0f} s)"]


# -- concurrent ingest and reads ---------------------------------------------------------------------

def ingest_while_reading(corpus: Path, store, writers: int = 2, readers: int = 4):
    """`writers` processes ingest the corpus into the (migrated) SQLite store
    while `readers` threads list events and stats from it until they finish:
    (each writer's stderr, the read errors, the read rounds, the writers' exit codes)."""
    from ..store import Filters, find_events, stats
    procs = [subprocess.Popen(SITREP + ["ingest", str(corpus), "--db", store.url, "-q"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for _ in range(writers)]
    errors, reads = [], [0]

    def loop():
        while any(w.poll() is None for w in procs):
            try:
                find_events(store, Filters(), limit=50)
                stats(store, Filters())
                reads[0] += 1
            except Exception as exc:   # noqa: BLE001 - any failure is the finding
                errors.append(repr(exc))
    threads = [threading.Thread(target=loop) for _ in range(readers)]
    for t in threads:
        t.start()
    outputs = [w.communicate(timeout=600)[1] for w in procs]
    for t in threads:
        t.join()
    return outputs, errors, reads[0], [w.returncode for w in procs]


def concurrency(tmp: Path, n: int = 1_000) -> list[str]:
    from ..store import Store
    corpus = tmp / "busy.jsonl"
    with open(corpus, "w") as fh:
        write_corpus(n, fh, seed=3)
    store = Store(f"sqlite:///{tmp / 'busy.db'}")
    t0 = time.perf_counter()
    errs, errors, reads, codes = ingest_while_reading(corpus, store)
    dt = time.perf_counter() - t0
    locked = sum(e.count("database is locked") for e in errs) + sum("locked" in e for e in errors)
    return [f"concurrency: 2 ingest processes x {n:,} articles + 4 reader threads on SQLite, {dt:.0f} s: "
            f"{reads:,} read rounds ({reads / dt:,.0f}/s), 'database is locked': {locked}, other read "
            f"errors: {len(errors)}, writer exits: {codes}, articles stored "
            f"{store.counts()['articles']:,}"]


# -- load ----------------------------------------------------------------------------------------------

def _wrk(base: str, seconds: int, clients: int, tmp: Path) -> str:
    script = tmp / "paths.lua"
    script.write_text("local paths = {" + ", ".join(json.dumps(p) for p in READ_PATHS) + "}\n"
                      "local i = 0\nrequest = function()\n  i = i + 1\n"
                      "  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n")
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "--timeout", "10s",
                          "-s", str(script), base], capture_output=True, text=True).stdout
    pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    sock = re.search(r"Socket errors: (.*)", out)
    return (f"load (wrk): {clients} concurrent clients for {seconds} s on {len(READ_PATHS)} read endpoints: "
            f"{int(total.group(1)) if total else 0:,} requests, {float(rps.group(1)) if rps else 0:,.0f} req/s, "
            f"p50 {pct.get('50', '?')}, p99 {pct.get('99', '?')}, non-2xx {non2xx.group(1) if non2xx else 0}"
            + (f", socket errors: {sock.group(1)}" if sock else ""))


def _python_load(base: str, seconds: int, clients: int) -> str:
    import asyncio
    import httpx
    lat, codes = [], {}

    async def client(k: int, deadline: float):
        async with httpx.AsyncClient(base_url=base, timeout=30) as c:
            i = k
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                r = await c.get(READ_PATHS[i % len(READ_PATHS)])
                lat.append(time.perf_counter() - t)
                codes[r.status_code // 100] = codes.get(r.status_code // 100, 0) + 1
                i += 1

    async def main():
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(client(k, deadline) for k in range(clients)))
    asyncio.run(main())
    lat.sort()
    q = lambda p: f"{lat[int(p * (len(lat) - 1))] * 1000:.0f}ms" if lat else "?"  # noqa: E731
    return (f"load (python client, wrk not installed): {clients} clients for {seconds} s: {len(lat):,} requests, "
            f"p50 {q(0.5)}, p99 {q(0.99)}, 5xx {codes.get(5, 0)}, non-2xx {sum(v for k, v in codes.items() if k != 2)}")


def load(tmp: Path, seconds: int, bench_dir: Path, clients: int = 200) -> list[str]:
    from ..store import Store
    from ..store.maintenance import backup, check, restore
    url = f"sqlite:///{tmp / 'load.db'}"
    store = Store(url)
    notes = bench_dir / "acled_2020_notes_dev.csv"
    if notes.is_file():
        from .dashboard import fill_store
        n = fill_store(store, notes)
        origin = f"{n:,} events (ACLED notes' coding x4)"
    else:
        corpus = tmp / "load.jsonl"
        with open(corpus, "w") as fh:
            write_corpus(2_000, fh, seed=5)
        subprocess.run(SITREP + ["ingest", str(corpus), "--db", url, "-q"], check=True, capture_output=True)
        origin = f"{store.counts()['events']:,} events (2,000 corpus articles)"
    port = free_port()
    server = subprocess.Popen(SITREP + ["serve", "--db", url, "--port", str(port), "--workers", "2"],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx
        for _ in range(100):
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        line = _wrk(base, seconds, clients, tmp) if shutil.which("wrk") else _python_load(base, seconds, clients)
    finally:
        server.terminate()
        err = server.communicate(timeout=30)[1]
    lines = [f"load store: {origin}; sitrep serve --workers 2", line]
    if "Traceback" in err:
        lines.append("  server logged errors: " + err.strip().splitlines()[-1][:200])
    t0 = time.perf_counter()
    path = backup(store, tmp / "load-backup.db")
    t_backup = time.perf_counter() - t0
    restored = Store(f"sqlite:///{tmp / 'restored.db'}")
    t0 = time.perf_counter()
    restore(restored, path)
    t_restore = time.perf_counter() - t0
    same = restored.counts() == store.counts()
    lines.append(f"backup: {path.stat().st_size / 1e6:.1f} MB in {t_backup:.2f} s; restore {t_restore:.2f} s; "
                 f"round trip identical counts: {same}; restored store check: "
                 f"{[f.check for f in check(restored) if not f.ok] or 'sound'}")
    return lines


def run_reliability_bench(out_dir: Path, bench_dir: Path = Path("../shared/bench"), quick: bool = False) -> str:
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    with tempfile.TemporaryDirectory(prefix="sitrep-rel-") as tmp_name:
        tmp = Path(tmp_name)
        for part in (lambda: fuzz(out_dir, scale=0.02 if quick else 1.0),
                     lambda: crash(tmp, n=2_000 if quick else 10_000, kill_after=300 if quick else 1_500),
                     lambda: concurrency(tmp, n=200 if quick else 1_000),
                     lambda: load(tmp, seconds=5 if quick else 60, bench_dir=bench_dir)):
            got = part()
            print("\n".join(got), flush=True)
            lines += got
    return "reliability figures above (" + ("quick" if quick else "full") + " run)"
