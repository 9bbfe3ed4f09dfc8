"""Crash safety, integrity checks, backups and concurrency on real SQLite
files and real processes (issue 8)."""
import signal
import subprocess
import sys
import threading

import pytest
from sqlalchemy import text

from sitrep.evaluate.corpus import articles as corpus_articles
from sitrep.evaluate.corpus import write as write_corpus
from sitrep.evaluate.reliability import ingest_killed_after, ingest_while_reading
from sitrep.ingest import IngestTally, ingest
from sitrep.io.readers import article_from_record
from sitrep.store import Store, StoreError, content_hash
from sitrep.store.maintenance import backup, check, restore

SITREP = [sys.executable, "-m", "sitrep"]


def _bad(store):
    return [f.check for f in check(store) if not f.ok]


def _articles(n, seed=7):
    return [article_from_record(r, r["id"]) for r in corpus_articles(n, seed)]


@pytest.fixture()
def small(tmp_path, pipeline):
    store = Store(f"sqlite:///{tmp_path / 'small.db'}")
    ingest(_articles(60), store, pipeline, IngestTally(), on_error=lambda m: None)
    return store


def test_check_passes_a_sound_store_and_names_each_kind_of_damage(small):
    assert _bad(small) == []
    with small.engine.begin() as conn:
        eid = conn.execute(text("SELECT event_id FROM event_sources LIMIT 1")).scalar_one()
        conn.execute(text("DELETE FROM events_fts WHERE event_id = :e"), {"e": eid})
    assert _bad(small) == ["events_fts in step"]
    with small.engine.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys=OFF"))
        conn.execute(text("DELETE FROM event_sources WHERE event_id = :e"), {"e": eid})
    assert {"events without a source", "articles missing some of their events",
            "events whose source count is stale"} <= set(_bad(small))
    r = subprocess.run(SITREP + ["check", "--db", small.url], capture_output=True, text=True)
    assert r.returncode == 1 and "BAD  events without a source: 1" in r.stdout


def test_backup_while_writing_and_restore_round_trip(small, tmp_path, pipeline):
    before = small.counts()
    writer = threading.Thread(target=lambda: ingest(_articles(30, seed=99), small, pipeline, IngestTally(),
                                                    on_error=lambda m: None))
    writer.start()
    path = backup(small, tmp_path / "b" / "copy.db")   # online: the writer goes on
    writer.join()
    copy = Store(f"sqlite:///{path}")
    assert _bad(copy) == [] and copy.counts()["articles"] >= before["articles"]
    fresh = Store(f"sqlite:///{tmp_path / 'restored.db'}")
    restore(fresh, path)
    assert fresh.counts() == copy.counts() and _bad(fresh) == []
    with pytest.raises(StoreError, match="not empty"):
        restore(fresh, path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a SQLite backup|not a sound"):
        restore(Store(f"sqlite:///{tmp_path / 'other.db'}"), junk)
    r = subprocess.run(SITREP + ["backup", str(tmp_path / "cli.db"), "--db", small.url], capture_output=True,
                       text=True)
    assert r.returncode == 0 and (tmp_path / "cli.db").stat().st_size > 0


def test_postgresql_backups_point_to_pg_dump():
    from sitrep.store.maintenance import _sqlite_path

    class Pg:   # only the attributes _sqlite_path reads; no server needed to check the message
        sqlite = False
        url = "postgresql+psycopg://x@localhost/db"
    with pytest.raises(StoreError, match="pg_dump"):
        _sqlite_path(Pg())


def test_concurrent_ingest_and_reads_never_hit_a_locked_database(tmp_path, pipeline):
    corpus = tmp_path / "c.jsonl"
    with open(corpus, "w") as fh:
        write_corpus(400, fh, seed=3)
    reader_store = Store(f"sqlite:///{tmp_path / 'busy.db'}")   # migrated before the writers start
    outputs, errors, reads, codes = ingest_while_reading(corpus, reader_store)
    assert errors == [] and reads > 0
    assert all("locked" not in o and "skipped" not in o.split("sitrep ingest:")[0] for o in outputs), outputs
    assert all(code == 0 for code in codes)
    texts = {content_hash(a.text) for a in _articles(400, seed=3)}
    assert reader_store.counts()["articles"] == len(texts)   # both writers, each article once


def test_sigkill_mid_ingest_then_rerun_stores_every_article_exactly_once(tmp_path):
    n = 10_000
    corpus = tmp_path / "corpus.jsonl"
    with open(corpus, "w") as fh:
        write_corpus(n, fh, seed=11)
    db = tmp_path / "crash.db"
    url = f"sqlite:///{db}"
    code = ingest_killed_after(corpus, db, kill_after=1500)
    assert code == -signal.SIGKILL, "the ingest finished before it could be killed"
    store = Store(url)
    partial = store.counts()
    assert 1500 <= partial["articles"] < n and _bad(store) == []   # whole articles only, nothing half-written
    r = subprocess.run(SITREP + ["ingest", str(corpus), "--db", url, "-q"], capture_output=True, text=True,
                       timeout=900)
    assert r.returncode == 0, r.stderr[-500:]
    distinct = {content_hash(a.text) for a in _articles(n, seed=11)}
    with store.engine.connect() as conn:
        hashes = [h for (h,) in conn.execute(text("SELECT content_hash FROM articles"))]
    assert len(hashes) == len(set(hashes)) == len(distinct) and set(hashes) == distinct
    assert _bad(store) == []
