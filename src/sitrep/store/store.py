"""The event store: opening (SQLite by default, PostgreSQL by URL), migrating,
and writing articles with their events, deduplicated across sources.

Writes are transactional per article: an article and all its events are
stored, or none of them (a crash mid-article leaves nothing half-written).
The same text ingested twice is stored once (content hash).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import and_, create_engine, delete, event as sa_event, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from ..model import Article
from ..paths import sitrep_home
from . import dedup
from .schema import actors, articles, event_sources, events, places

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Event columns filled straight from a source's record.
_COPY = ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
         "actor2", "assoc_actor_2", "inter2", "interaction", "country", "country_code", "admin1", "admin2",
         "admin3", "location", "latitude", "longitude", "geo_precision", "injured", "displaced", "detained",
         "notes", "confidence"]


class StoreError(Exception):
    """The store cannot be opened or migrated (bad URL, unreachable server)."""


def default_url() -> str:
    return os.environ.get("SITREP_DB") or f"sqlite:///{sitrep_home() / 'sitrep.db'}"


def content_hash(text_: str) -> str:
    """Same article text (whitespace aside) -> same hash."""
    return hashlib.sha256(re.sub(r"\s+", " ", text_).strip().encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Added:
    article_id: str
    new: bool              # False: this text was already stored
    events_new: int = 0
    events_merged: int = 0


class Store:
    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        if self.url.startswith("sqlite:///"):
            Path(self.url[len("sqlite:///"):]).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = create_engine(self.url)
        except Exception as exc:   # unknown dialect, malformed URL
            raise StoreError(f"cannot open store {self.url!r}: {exc}") from exc
        self.sqlite = self.engine.dialect.name == "sqlite"
        self.writer = self.engine
        if self.sqlite:
            sa_event.listen(self.engine, "connect", _sqlite_pragmas)
            # Writes take SQLite's write lock when they begin (BEGIN IMMEDIATE),
            # so "is this text stored?" and storing it are one step even with
            # several ingesting processes; readers are never blocked (WAL).
            self.writer = create_engine(self.url)
            sa_event.listen(self.writer, "connect", _sqlite_writer)
            sa_event.listen(self.writer, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        self.migrate()

    def migrate(self) -> None:
        """Bring the schema to the latest migration (a no-op when current)."""
        from alembic import command
        from alembic.config import Config
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except Exception as exc:
            raise StoreError(f"cannot migrate store {self.url!r}: {type(exc).__name__}: {exc}") from exc

    # -- writing ---------------------------------------------------------------------------------

    def has_text(self, digest: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.content_hash == digest)).first() is not None

    def add(self, article: Article, records: list[dict], language: str | None = "en",
            status: str = "extracted") -> Added:
        digest = content_hash(article.text)
        try:
            return self._add(article, records, language, status, digest)
        except IntegrityError:
            # another process stored the same text between our check and our
            # insert (PostgreSQL; SQLite's immediate transactions rule it out)
            if self.has_text(digest):
                return Added(article.id, new=False)
            raise

    def _add(self, article: Article, records: list[dict], language: str | None, status: str,
             digest: str) -> Added:
        with self.writer.begin() as conn:
            if conn.execute(select(articles.c.id).where(articles.c.content_hash == digest)).first():
                return Added(article.id, new=False)
            aid = article.id
            if conn.execute(select(articles.c.id).where(articles.c.id == aid)).first():
                aid = f"{article.id}#{digest[:8]}"   # another text under the same id: keep both
            conn.execute(insert(articles).values(
                id=aid, content_hash=digest, url=article.url, title=article.title, source=article.source,
                published=article.published.isoformat() if article.published else None, language=language,
                status=status, n_events=len(records), text=article.text, ingested_at=_now()))
            if self.sqlite:
                conn.execute(text("INSERT INTO articles_fts(article_id, title, text) VALUES (:a, :t, :x)"),
                             {"a": aid, "t": article.title or "", "x": article.text})
            result = Added(aid, new=True)
            for rank, rec in enumerate(records, 1):
                rec = dict(rec, article_ids=[aid])
                target = self._match(conn, rec, aid)
                if target is None:
                    target = conn.execute(insert(events).values(
                        **{k: rec.get(k) for k in _COPY}, updated_at=_now())).inserted_primary_key[0]
                    result.events_new += 1
                else:
                    result.events_merged += 1
                conn.execute(insert(event_sources).values(event_id=target, article_id=aid, rank=rank,
                                                          fatalities=rec.get("fatalities"),
                                                          record=json.dumps(rec, ensure_ascii=False)))
                self._reconcile(conn, target)
                self._remember(conn, rec)
            return result

    def delete_article(self, article_id: str) -> dict | None:
        """Remove an article (a retracted or wrong source). Events only it
        reported are removed; the others are reconciled from the sources left.
        None if there is no such article."""
        if "\x00" in article_id:
            return None   # no stored id holds one (and PostgreSQL refuses NUL in text)
        with self.writer.begin() as conn:
            if conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is None:
                return None
            event_ids = [r.event_id for r in conn.execute(
                select(event_sources.c.event_id).where(event_sources.c.article_id == article_id).distinct())]
            conn.execute(delete(event_sources).where(event_sources.c.article_id == article_id))
            conn.execute(delete(articles).where(articles.c.id == article_id))
            if self.sqlite:
                conn.execute(text("DELETE FROM articles_fts WHERE article_id = :a"), {"a": article_id})
            removed = 0
            for eid in event_ids:
                left = conn.execute(select(func.count()).select_from(event_sources)
                                    .where(event_sources.c.event_id == eid)).scalar_one()
                if left:
                    self._reconcile(conn, eid)
                    continue
                conn.execute(delete(events).where(events.c.id == eid))
                if self.sqlite:
                    conn.execute(text("DELETE FROM events_fts WHERE event_id = :e"), {"e": eid})
                removed += 1
            return {"article_id": article_id, "events_removed": removed, "events_updated": len(event_ids) - removed}

    def _match(self, conn, rec: dict, article_id: str) -> int | None:
        """The stored event this record reports, if any (never one this article already reports)."""
        if not rec.get("event_date"):
            return None
        day = date.fromisoformat(rec["event_date"])
        lo, hi = (day - timedelta(days=16)).isoformat(), (day + timedelta(days=16)).isoformat()
        own = select(event_sources.c.event_id).where(event_sources.c.article_id == article_id)
        query = select(events).where(and_(events.c.event_date >= lo, events.c.event_date <= hi,
                                          events.c.id.not_in(own)))
        if rec.get("country_code"):
            query = query.where(or_(events.c.country_code == rec["country_code"], events.c.country_code.is_(None)))
        found = [dict(r._mapping) for r in conn.execute(query)]
        found = [e for e in found if dedup.same_event(e, rec)]
        if not found:
            return None
        return min(found, key=lambda e: dedup.closeness(e, rec))["id"]

    def _reconcile(self, conn, event_id: int) -> None:
        """The event row from all its sources: fields of the most confident
        source, fatalities low/best/high over all, contested if they disagree."""
        rows = conn.execute(select(event_sources.c.record).where(event_sources.c.event_id == event_id)).all()
        recs = [json.loads(r.record) for r in rows]
        best = max(recs, key=lambda r: (r.get("confidence") or 0, -len(r.get("notes") or "")))
        low, mid, high = dedup.reconcile_fatalities([r.get("fatalities") or 0 for r in recs])
        values = {k: best.get(k) for k in _COPY}
        for k in ("injured", "displaced", "detained"):   # the lowest reliable figure across sources
            given = [r[k] for r in recs if r.get(k) is not None]
            values[k] = min(given) if given else None
        for k in ("origin", "destination"):
            values[k] = json.dumps(best[k], ensure_ascii=False) if best.get(k) else None
        contested = any(r.get("contested") for r in recs) or low != high
        conn.execute(update(events).where(events.c.id == event_id).values(
            **values, fatalities=mid, fatalities_low=low, fatalities_high=high, contested=contested,
            n_sources=len(recs), updated_at=_now()))
        if self.sqlite:
            conn.execute(text("DELETE FROM events_fts WHERE event_id = :e"), {"e": event_id})
            conn.execute(text("INSERT INTO events_fts(event_id, notes, sources) VALUES (:e, :n, :s)"),
                         {"e": event_id, "n": best.get("notes") or "",
                          "s": " ".join(ev["text"] for r in recs for ev in r.get("evidence") or [])})

    def _remember(self, conn, rec: dict) -> None:
        """Keep the actor and place tables in step (insert if new)."""
        for name, inter in ((rec.get("actor1"), rec.get("inter1")), (rec.get("actor2"), rec.get("inter2"))):
            if name and not conn.execute(select(actors.c.name).where(actors.c.name == name)).first():
                conn.execute(insert(actors).values(name=name, inter=inter, country_code=rec.get("country_code")))
        if rec.get("location") and rec.get("latitude") is not None:
            key = and_(places.c.name == rec["location"], places.c.latitude == rec["latitude"],
                       places.c.longitude == rec["longitude"])
            if not conn.execute(select(places.c.id).where(key)).first():
                conn.execute(insert(places).values(
                    name=rec["location"], country_code=rec.get("country_code"), admin1=rec.get("admin1"),
                    admin2=rec.get("admin2"), latitude=rec["latitude"], longitude=rec["longitude"],
                    geo_precision=rec.get("geo_precision")))

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles, events, event_sources, actors, places)}


def _sqlite_writer(dbapi_conn, record) -> None:
    _sqlite_pragmas(dbapi_conn, record)
    dbapi_conn.isolation_level = None   # the driver's own BEGIN off: the "begin" listener says BEGIN IMMEDIATE


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")      # readers never block the writer
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")    # wait for a concurrent writer rather than fail
    cur.close()
