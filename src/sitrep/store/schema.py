"""The event store's tables (SQLAlchemy Core), one schema for SQLite and
PostgreSQL. Changes go through a new Alembic migration in migrations/versions;
this module is what the code queries against and must match the latest one.

- articles: one row per distinct text (content_hash), so re-ingesting is a no-op.
- events: deduplicated real-world events, with reconciled figures
  (fatalities_low/high and best, UCDP-style) and the fields of their best source.
- event_sources: one row per (event, article): that source's own record,
  figures and claims.
- actors, places: every actor and event place seen, for lookups and filters.
- feeds: feeds `sitrep watch` polls, with their ETag / Last-Modified.
- api_keys: keys for the API's write (and optionally read) endpoints; only
  their SHA-256 is stored.
- articles_fts, events_fts: full-text indexes (SQLite FTS5; PostgreSQL uses
  to_tsvector over the same columns).
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, ForeignKey, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text), Column("title", Text), Column("source", Text),
    Column("published", String(10)),           # ISO date
    Column("language", String(8)),
    Column("status", String(16), nullable=False),  # extracted | not-english | failed
    Column("n_events", Integer, nullable=False, default=0),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_date", String(10), index=True), Column("time_precision", Integer),
    Column("event_type", String(40), index=True), Column("sub_event_type", String(60), index=True),
    Column("actor1", Text), Column("assoc_actor_1", Text), Column("inter1", Integer),
    Column("actor2", Text), Column("assoc_actor_2", Text), Column("inter2", Integer),
    Column("interaction", Integer),
    Column("country", Text), Column("country_code", String(2), index=True),
    Column("admin1", Text, index=True), Column("admin2", Text), Column("admin3", Text), Column("location", Text),
    Column("latitude", Float), Column("longitude", Float), Column("geo_precision", Integer),
    Column("fatalities", Integer), Column("fatalities_low", Integer), Column("fatalities_high", Integer),
    Column("injured", Integer), Column("displaced", Integer), Column("detained", Integer),
    Column("origin", Text), Column("destination", Text),          # JSON objects
    Column("contested", Boolean, nullable=False, default=False),
    Column("notes", Text), Column("confidence", Float),
    Column("n_sources", Integer, nullable=False, default=1),
    Column("updated_at", String(32), nullable=False),
)

event_sources = Table(
    "event_sources", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("rank", Integer, primary_key=True),   # the event's salience rank in that article
    Column("fatalities", Integer),
    Column("record", Text, nullable=False),      # that source's full event record (JSON)
)

actors = Table(
    "actors", metadata,
    Column("name", Text, primary_key=True),
    Column("inter", Integer), Column("country_code", String(2)),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False), Column("country_code", String(2)), Column("admin1", Text),
    Column("admin2", Text), Column("latitude", Float), Column("longitude", Float), Column("geo_precision", Integer),
    UniqueConstraint("name", "latitude", "longitude", name="places_name_point"),
)

feeds = Table(
    "feeds", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text), Column("last_modified", Text),
    Column("last_checked", String(32)), Column("last_status", Integer),
    Column("items_seen", Integer, nullable=False, default=0),
)

api_keys = Table(
    "api_keys", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("prefix", String(16), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("scope", String(8), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
    Column("last_used_at", String(32)),
)
