"""The event store, ingestion, deduplication, exports and the REST API, on real
SQLite files and a real HTTP server on 127.0.0.1 (issue 5)."""
import csv
import http.server
import json
import threading
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.cli import main
from sitrep.ingest import IngestTally, ingest, read_sources
from sitrep.io.writers import ACLED_COLUMNS
from sitrep.model import Article
from sitrep.store import Filters, QueryError, find_events, get_event, stats
from sitrep.store.dedup import reconcile_fatalities
from sitrep.store.export import export

ROOT = Path(__file__).resolve().parent.parent
MULTISOURCE = ROOT / "gold" / "multisource.jsonl"

BORNO_A = Article("a1", "Gunmen killed 12 villagers in Gwoza in Borno state on Saturday, police said.",
                  date(2024, 5, 12), source="Reuters")
BORNO_B = Article("a2", "At least 14 people were killed when gunmen attacked the town of Gwoza in Borno on "
                        "Saturday, residents said.", date(2024, 5, 13), source="AFP")
KANO = Article("a3", "Police fired tear gas at protesters in Kano on Monday.", date(2024, 5, 14))


def _ingest(store, pipeline, *arts):
    return ingest(list(arts), store, pipeline, IngestTally(), on_error=lambda m: None)


def test_same_event_from_two_sources_is_one_event_with_reconciled_figures(store, pipeline):
    t = _ingest(store, pipeline, BORNO_A, BORNO_B)
    assert (t.articles, t.events_new, t.events_merged) == (2, 1, 1)
    total, rows = find_events(store, Filters(country="NG"))
    assert total == 1
    ev = rows[0]
    assert (ev["fatalities_low"], ev["fatalities"], ev["fatalities_high"]) == (12, 12, 14)
    assert ev["n_sources"] == 2 and ev["contested"]
    full = get_event(store, ev["id"])
    assert {s["article_id"] for s in full["sources"]} == {"a1", "a2"}
    assert {c["source"] for c in full["claims"]} >= {"police", "residents"}


def test_reingest_changes_nothing(store, pipeline):
    _ingest(store, pipeline, BORNO_A, BORNO_B, KANO)
    before = store.counts()
    t = _ingest(store, pipeline, BORNO_A, BORNO_B, KANO)
    assert t.duplicates == 3 and t.articles == 0
    assert store.counts() == before


def test_fatalities_best_is_the_most_reported_then_the_lower():
    assert reconcile_fatalities([10, 12, 12, 40]) == (10, 12, 40)
    assert reconcile_fatalities([10, 12]) == (10, 10, 12)
    assert reconcile_fatalities([]) == (0, 0, 0)


def test_an_article_and_its_events_are_written_together_or_not_at_all(store, pipeline, monkeypatch):
    records = [e.to_record() for e in pipeline.run(BORNO_A).events]
    broken = dict(records[0], event_date="not-a-date")   # fails inside the transaction
    with pytest.raises(Exception):
        store.add(BORNO_A, records + [broken])
    assert store.counts()["articles"] == 0 and store.counts()["events"] == 0


def test_filters_sorting_and_injection_strings(store, pipeline):
    _ingest(store, pipeline, BORNO_A, BORNO_B, KANO)
    assert find_events(store, Filters(event_type="Protests"))[0] == 1
    assert find_events(store, Filters(date_from="2024-05-12", date_to="2024-05-12"))[0] == 0
    assert find_events(store, Filters(q="villagers"))[0] == 1
    assert find_events(store, Filters(bbox="3,4,15,14"))[0] == 2          # Nigeria's box
    assert find_events(store, Filters(actor="protesters"))[0] == 1
    before = store.counts()
    for bad in ("'; DROP TABLE events; --", '" OR 1=1 --', "%", "NG' OR '1'='1"):
        for f in (Filters(country=bad), Filters(actor=bad), Filters(q=bad + " x"), Filters(admin1=bad)):
            total, _ = find_events(store, f)
            assert total == 0
    with pytest.raises(QueryError):
        find_events(store, Filters(), sort="event_date; DROP TABLE events")
    with pytest.raises(QueryError):
        find_events(store, Filters(date_from="yesterday"))
    assert store.counts() == before


def test_stats_by_day_type_and_admin1(store, pipeline):
    _ingest(store, pipeline, BORNO_A, BORNO_B, KANO)
    s = stats(store, Filters())
    assert s["total"]["events"] == 2 and s["total"]["fatalities"] == 12
    assert {r["key"] for r in s["by_type"]} == {"Violence against civilians", "Protests"}


def test_exports(store, pipeline, tmp_path):
    _ingest(store, pipeline, BORNO_A, BORNO_B, KANO)
    with open(tmp_path / "e.csv", "w", newline="", encoding="utf-8") as fh:
        assert export(store, "acled-csv", fh) == 2
    with open(tmp_path / "e.csv", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:len(ACLED_COLUMNS)] == ACLED_COLUMNS and "fatalities_low" in header
    with open(tmp_path / "e.geojson", "w", encoding="utf-8") as fh:
        export(store, "geojson", fh, Filters(event_type="Protests"))
    assert len(json.loads((tmp_path / "e.geojson").read_text())["features"]) == 1
    import pyarrow.parquet as pq
    assert export(store, "parquet", str(tmp_path / "e.parquet")) == 2
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 2


def test_non_english_articles_are_stored_and_flagged_not_extracted(store, pipeline):
    fr = Article("fr1", "Des hommes armés ont tué douze villageois samedi dans l'État de Borno, a indiqué la "
                        "police nigériane dans un communiqué.", date(2024, 5, 12))
    t = _ingest(store, pipeline, fr)
    assert t.not_english == 1 and store.counts()["events"] == 0
    from sitrep.store import get_article
    art = get_article(store, "fr1")
    assert art["language"] == "fr" and art["status"] == "not-english"


@pytest.fixture()
def web(tmp_path):
    """Feeds, pages and a robots.txt served on 127.0.0.1."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (site / "private").mkdir()
    (site / "private" / "p.html").write_text("<html><body><p>secret</p></body></html>")
    (site / "story.html").write_text(
        "<html><head><title>Clashes in Gwoza</title><meta property='article:published_time' "
        "content='2024-05-12'></head><body><nav>Home | World</nav><article><h1>Clashes in Gwoza</h1>"
        "<p>Gunmen killed 12 villagers in Gwoza in Borno state on Saturday, police said. The attackers "
        "arrived on motorcycles and set houses on fire before fleeing into the forest, residents said.</p>"
        "<p>The state governor condemned the attack and promised to send more troops to the area.</p>"
        "</article><footer>Copyright</footer></body></html>", encoding="utf-8")
    (site / "feed.xml").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Test wire</title>"
        "<item><title>Protest in Kano</title><link>http://example.org/kano</link>"
        "<pubDate>Mon, 13 May 2024 10:00:00 GMT</pubDate>"
        "<description>Police fired tear gas at protesters in Kano on Monday.</description></item>"
        "<item><title>Strike in Gwoza</title><guid>g2</guid><pubDate>Sun, 12 May 2024 10:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;At least 14 people were killed when gunmen attacked the town of Gwoza in Borno "
        "on Saturday, residents said.&lt;/p&gt;</description></item></channel></rss>", encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_ingest_feed_page_and_robots_over_http(store, pipeline, web):
    items = list(read_sources([f"{web}/feed.xml", f"{web}/story.html", f"{web}/private/p.html",
                               f"{web}/missing.html"]))
    errors = [str(i) for i in items if not isinstance(i, Article)]
    assert any("robots.txt" in e for e in errors) and any("missing.html" in e for e in errors)
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == 3
    page = next(a for a in arts if a.url and a.url.endswith("story.html"))
    assert page.title == "Clashes in Gwoza" and "Copyright" not in page.text and page.published == date(2024, 5, 12)
    t = _ingest(store, pipeline, *arts)
    assert t.articles == 3
    # the page and the feed item tell one Gwoza killing; Kano's protest is another event
    assert store.counts()["events"] == 2


def test_ingest_cli_folder_with_bad_files(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Police fired tear gas at protesters in Kano on Monday.\n")
    (folder / "b.html").write_bytes(b"\x00\x01\x02 binary")
    (folder / "c.jsonl").write_text('{"id": "x", "text": "Gunmen killed 12 villagers in Gwoza on Saturday."}\n{bad\n')
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["ingest", str(folder), "--db", db, "-q"]) == 0
    err = capsys.readouterr().err
    assert "b.html" in err and "c.jsonl:2" in err and "2 new article(s)" in err
    assert main(["export", "--db", db, "--format", "jsonl", "-o", str(tmp_path / "out.jsonl")]) == 0
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 2


def test_api(store, pipeline):
    from sitrep.store import keys
    app = create_app(store)
    app.state.pipeline = pipeline
    client = TestClient(app, headers={"X-API-Key": keys.create(store, "tests")[1]})
    r = client.post("/articles", json=[
        {"id": "a1", "text": BORNO_A.text, "published": "2024-05-12"},
        {"id": "a2", "text": BORNO_B.text, "published": "2024-05-13"}])
    assert r.status_code == 201 and r.json()["events_merged"] == 1
    assert client.post("/articles", json={"id": "z"}).status_code == 422
    listing = client.get("/events", params={"country": "NG", "sort": "-fatalities"}).json()
    assert listing["total"] == 1
    eid = listing["events"][0]["id"]
    detail = client.get(f"/events/{eid}").json()
    assert len(detail["sources"]) == 2 and detail["sources"][0]["evidence"]
    assert client.get("/events/99999").status_code == 404
    assert client.get("/events", params={"sort": "drop table"}).status_code == 422
    assert client.get("/events", params={"q": "'; DROP TABLE events; --"}).json()["total"] == 0
    geo = client.get("/events.geojson").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 1
    assert client.get("/stats").json()["total"]["events"] == 1
    assert client.get("/articles/a1").json()["event_ids"] == [eid]
    found = client.get("/articles", params={"q": "residents Gwoza"}).json()
    assert found["total"] == 1 and found["articles"][0]["id"] == "a2"
    assert client.get("/articles", params={"q": "' OR 1=1 --"}).json()["total"] == 0
    assert client.get("/openapi.json").status_code == 200


def test_multisource_dedup_benchmark_runs():
    from sitrep.evaluate.dedup import evaluate_dedup
    r = evaluate_dedup(MULTISOURCE)
    assert r["articles"] >= 60 and r["clusters"] >= 30
    assert r["reingest_rows_added"] == {"articles": 0, "events": 0, "event_sources": 0, "actors": 0, "places": 0}
    assert 0 < r["pair_f1"] <= 1


def test_watch_polls_with_conditional_get(store, pipeline, web):
    from sitrep.ingest import watch
    from sqlalchemy import select
    from sitrep.store.schema import feeds
    statuses = []
    tally = watch([f"{web}/feed.xml"], store, every_s=0, rounds=2, pipeline=pipeline,
                  on_round=lambda n, s, t: statuses.append(s[f"{web}/feed.xml"]))
    assert statuses == [200, 304]          # the second poll sends If-Modified-Since and gets nothing new
    assert tally.articles == 2 and store.counts()["articles"] == 2
    with store.engine.connect() as conn:
        row = conn.execute(select(feeds)).first()
    assert row.last_modified and row.last_status == 304 and row.items_seen == 2
