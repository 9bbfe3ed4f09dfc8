"""Keeping a store sound: `sitrep check` (counts, foreign keys, orphans,
partial articles, full-text indexes in step) and `sitrep backup` / `sitrep
restore` for SQLite stores, through SQLite's online backup API (safe while
the store is in use). PostgreSQL stores are backed up with pg_dump (README)."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from .store import Store, StoreError


@dataclass
class Finding:
    check: str
    ok: bool
    detail: str


_ORPHANS = {
    "sources without their event": "SELECT count(*) FROM event_sources s LEFT JOIN events e ON e.id = s.event_id "
                                   "WHERE e.id IS NULL",
    "sources without their article": "SELECT count(*) FROM event_sources s LEFT JOIN articles a ON a.id = "
                                     "s.article_id WHERE a.id IS NULL",
    "events without a source": "SELECT count(*) FROM events e WHERE NOT EXISTS "
                               "(SELECT 1 FROM event_sources s WHERE s.event_id = e.id)",
    # n_events is written with the article, each event source after it, all in one transaction
    "articles missing some of their events": "SELECT count(*) FROM articles a WHERE a.n_events <> "
                                             "(SELECT count(*) FROM event_sources s WHERE s.article_id = a.id)",
    "events whose source count is stale": "SELECT count(*) FROM events e WHERE e.n_sources <> "
                                          "(SELECT count(*) FROM event_sources s WHERE s.event_id = e.id)",
}
_FTS = {
    "events_fts": ("SELECT count(*) FROM events e WHERE e.id NOT IN (SELECT event_id FROM events_fts)",
                   "SELECT count(*) FROM events_fts f WHERE f.event_id NOT IN (SELECT id FROM events)"),
    "articles_fts": ("SELECT count(*) FROM articles a WHERE a.id NOT IN (SELECT article_id FROM articles_fts)",
                     "SELECT count(*) FROM articles_fts f WHERE f.article_id NOT IN (SELECT id FROM articles)"),
}


def check(store: Store) -> list[Finding]:
    out = [Finding("counts", True, ", ".join(f"{k} {v:,}" for k, v in store.counts().items()))]
    with store.engine.connect() as conn:
        if store.sqlite:
            result = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            out.append(Finding("sqlite integrity", result == ["ok"], "; ".join(result[:5])))
            bad = conn.execute(text("PRAGMA foreign_key_check")).all()
            out.append(Finding("foreign keys", not bad, f"{len(bad)} violation(s)" if bad else "ok"))
        for name, sql in _ORPHANS.items():
            n = conn.execute(text(sql)).scalar_one()
            out.append(Finding(name, n == 0, f"{n:,}"))
        if store.sqlite:
            for table, (missing, extra) in _FTS.items():
                m, e = conn.execute(text(missing)).scalar_one(), conn.execute(text(extra)).scalar_one()
                out.append(Finding(f"{table} in step", m == 0 and e == 0, f"{m:,} missing, {e:,} stale"))
        else:
            out.append(Finding("full-text indexes", True, "computed by PostgreSQL at query time"))
    return out


def _sqlite_path(store: Store) -> Path:
    if not store.sqlite:
        raise StoreError("sitrep backup/restore handle SQLite stores; back up PostgreSQL with pg_dump "
                         "(pg_dump -Fc DBNAME > sitrep.dump; pg_restore -d DBNAME sitrep.dump)")
    return Path(store.url[len("sqlite:///"):]).expanduser()


def backup(store: Store, dest: Path) -> Path:
    """A consistent copy of a live SQLite store, written beside `dest` and
    renamed into place when complete."""
    src_path, dest = _sqlite_path(store), Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    src, out = sqlite3.connect(src_path), sqlite3.connect(tmp)
    try:
        src.backup(out)
        out.execute("PRAGMA journal_mode=DELETE")   # a backup is one self-contained file
    finally:
        out.close()
        src.close()
    os.replace(tmp, dest)
    return dest


def restore(store: Store, backup_file: Path, force: bool = False) -> None:
    """Replace the store's contents with a backup's (checked first)."""
    target, backup_file = _sqlite_path(store), Path(backup_file)
    if not backup_file.is_file():
        raise StoreError(f"no backup at {backup_file}")
    try:
        src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        ok = src.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{backup_file} is not a SQLite backup: {exc}") from None
    if not ok or not {"articles", "events", "event_sources", "alembic_version"} <= tables:
        src.close()
        raise StoreError(f"{backup_file} is not a sound sitrep backup")
    if not force and sum(store.counts().values()):
        src.close()
        raise StoreError(f"{target} is not empty: restore would replace it (use --force)")
    store.engine.dispose()
    out = sqlite3.connect(target)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()
    store.migrate()   # a backup from an older sitrep is brought up to date
