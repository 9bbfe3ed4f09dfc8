"""CLI commands over the event store: ingest, watch, export, serve, keys. Argument parsing
and reporting only; the work is in ingest.py, store/ and api.py."""
from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_NOTHING = 0, 2
DB_HELP = ("store URL: sqlite:///PATH (default: $SITREP_DB, else $SITREP_HOME/sitrep.db) or "
           "postgresql+psycopg://USER:PASS@HOST/DB")


def _store(args):
    from .store import Store
    return Store(args.db)


def cmd_ingest(args) -> int:
    from .ingest import IngestTally, ingest, read_sources
    from tqdm import tqdm
    store = _store(args)
    tally = IngestTally()
    items = read_sources(args.sources)
    if not args.quiet:
        items = tqdm(items, unit="article", file=sys.stderr, desc="ingest")
    ingest(items, store, tally=tally, on_error=lambda m: print(f"sitrep: skipped {m}", file=sys.stderr))
    print(f"sitrep ingest: {tally.articles} new article(s) ({tally.not_english} not in English), "
          f"{tally.duplicates} already stored, {tally.skipped} skipped; events: {tally.events_new} new, "
          f"{tally.events_merged} merged into known events; store: {store.url}", file=sys.stderr)
    return EXIT_OK if tally.articles or tally.duplicates else EXIT_NOTHING


def _seconds(text_: str) -> float:
    import re
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([smh]?)", text_.strip())
    if not m:
        raise SystemExit(f"sitrep watch: --every takes a duration like 30s, 15m or 1h, not {text_!r}")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


def cmd_watch(args) -> int:
    from .ingest import watch
    store = _store(args)

    def report(n, statuses, tally):
        print(f"sitrep watch: round {n}: " + ", ".join(f"{u} {s}" for u, s in statuses.items())
              + f"; so far {tally.articles} new article(s), {tally.events_new} new event(s), "
                f"{tally.events_merged} merged, {tally.skipped} skipped", file=sys.stderr)

    watch(args.feeds, store, _seconds(args.every), args.rounds, on_round=report)
    return EXIT_OK


def cmd_export(args) -> int:
    from .store import Filters
    from .store.export import export, open_output
    store = _store(args)
    f = Filters(args.country, args.admin1, args.date_from, args.date_to, args.event_type, args.sub_event_type,
                args.actor, args.bbox, args.q)
    out = open_output(args.output, args.format)
    try:
        n = export(store, args.format, out, f)
    finally:
        if args.output and args.format != "parquet":
            out.close()
    print(f"sitrep export: {n} event(s) as {args.format}", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args) -> int:
    import uvicorn
    from .api import create_app
    from .api_security import ApiConfig
    config = ApiConfig(read_requires_key=args.private, max_body_bytes=int(args.max_body_mb * 1_000_000),
                       rate_per_minute=args.rate, cors_origins=tuple(args.cors_origin or ()))
    store = _store(args)   # opened (and migrated) once, here, before any worker starts
    print(f"sitrep serve: http://{args.host}:{args.port}/ (API docs at /docs)", file=sys.stderr)
    if args.workers > 1:   # processes: SQLite and PostgreSQL both serve reads to several at once
        import json
        import os
        from dataclasses import asdict
        os.environ["SITREP_SERVE"] = json.dumps({"db": store.url, "config": asdict(config)})
        uvicorn.run("sitrep.api:app_from_env", factory=True, workers=args.workers, host=args.host, port=args.port,
                    log_level="warning")
    else:
        uvicorn.run(create_app(store, config), host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def cmd_keys(args) -> int:
    from .store import keys
    store = _store(args)
    if args.action == "create":
        if not args.name:
            raise SystemExit("sitrep keys create: give the key a NAME (who or what will use it)")
        key, token = keys.create(store, args.name, args.scope)
        print(token)
        print(f"sitrep keys: created key {key.id} ({key.prefix}, {key.scope}) for {key.name!r}; the key above is "
              "shown only now: only its hash is stored", file=sys.stderr)
    elif args.action == "list":
        print("id\tprefix\tscope\tname\tcreated\tlast used\tstatus")
        for k in keys.list_keys(store):
            print(f"{k.id}\t{k.prefix}\t{k.scope}\t{k.name}\t{k.created_at}\t{k.last_used_at or '-'}\t"
                  f"{'active' if k.active else 'revoked ' + k.revoked_at}")
    else:
        if not args.name:
            raise SystemExit("sitrep keys revoke: give the key's id or prefix")
        n = keys.revoke(store, args.name)
        print(f"sitrep keys: revoked {n} key(s)", file=sys.stderr)
        return EXIT_OK if n else EXIT_NOTHING
    return EXIT_OK


def cmd_load(args) -> int:
    from tqdm import tqdm
    from .scale.load import load
    store = _store(args)
    bar = None if args.quiet else tqdm(unit="article", file=sys.stderr, desc="load")
    try:
        tally = load(Path(args.folder), store, progress=bar)
    except FileNotFoundError as exc:
        print(f"sitrep load: {exc}", file=sys.stderr)
        return EXIT_NOTHING
    finally:
        if bar is not None:
            bar.close()
    print(f"sitrep load: {tally.articles} new article(s), {tally.duplicates} already stored; events: "
          f"{tally.events_new} new, {tally.events_merged} merged; store: {store.url}", file=sys.stderr)
    return EXIT_OK


def cmd_check(args) -> int:
    from .store.maintenance import check
    findings = check(_store(args))
    for f in findings:
        print(f"{'ok ' if f.ok else 'BAD'}  {f.check}: {f.detail}")
    bad = [f for f in findings if not f.ok]
    print(f"sitrep check: {'store is sound' if not bad else f'{len(bad)} problem(s)'}", file=sys.stderr)
    return EXIT_OK if not bad else 1


def _maintain(args, work) -> int:
    """Run a backup or restore step; a StoreError is a message, not a traceback."""
    from .store import StoreError
    try:
        print(work(_store(args)), file=sys.stderr)
    except StoreError as exc:
        print(f"sitrep: {exc}", file=sys.stderr)
        return 1
    return EXIT_OK


def cmd_backup(args) -> int:
    from .store.maintenance import backup

    def work(store):
        path = backup(store, args.file)
        return f"sitrep backup: {store.url} -> {path} ({path.stat().st_size:,} bytes)"
    return _maintain(args, work)


def cmd_restore(args) -> int:
    from .store.maintenance import restore

    def work(store):
        restore(store, args.file, force=args.force)
        return f"sitrep restore: {args.file} -> {store.url}: {store.counts()}"
    return _maintain(args, work)


def add_commands(sub) -> None:
    i = sub.add_parser("ingest", help="extract events from sources into the store (deduplicated)",
                       description="Read articles from JSONL or .txt files, .html files (main text, title and date "
                                   "by trafilatura), folders of those, RSS/Atom feeds (files or URLs) or article "
                                   "URLs; extract their events and store them. The same text is stored once; an "
                                   "event several articles report becomes one event listing every source. "
                                   "Non-English articles are stored and flagged, not extracted.")
    i.add_argument("sources", nargs="+", metavar="SOURCE", help="file, folder, feed or URL")
    i.add_argument("--db", help=DB_HELP)
    i.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    i.set_defaults(func=cmd_ingest)

    w = sub.add_parser("watch", help="poll feeds and ingest new items (conditional GET)",
                       description="Poll RSS/Atom feeds every --every (e.g. 15m) with If-None-Match / "
                                   "If-Modified-Since from the previous poll (kept in the store), and ingest new "
                                   "entries. Runs until interrupted, or --rounds times.")
    w.add_argument("feeds", nargs="+", metavar="FEED_URL")
    w.add_argument("--every", default="15m", help="interval: 30s, 15m, 1h (default 15m)")
    w.add_argument("--rounds", type=int, default=None, help="stop after this many polls of every feed")
    w.add_argument("--db", help=DB_HELP)
    w.set_defaults(func=cmd_watch)

    from .store.export import FORMATS
    x = sub.add_parser("export", help="write the store's events (filtered) as ACLED CSV, GeoJSON, JSONL or Parquet",
                       description="acled-csv: ACLED's export columns in ACLED's order, then ours (see README).")
    x.add_argument("--format", choices=FORMATS, default="jsonl")
    x.add_argument("-o", "--output", metavar="FILE", help="output file (default stdout; parquet needs a file)")
    x.add_argument("--db", help=DB_HELP)
    for name, helptext in (("country", "ISO code or name"), ("admin1", None), ("date-from", "YYYY-MM-DD"),
                           ("date-to", "YYYY-MM-DD"), ("event-type", None), ("sub-event-type", None),
                           ("actor", "part of an actor's name"), ("bbox", "min_lon,min_lat,max_lon,max_lat"),
                           ("q", "full-text query")):
        x.add_argument(f"--{name}", help=helptext)
    x.set_defaults(func=cmd_export)

    s = sub.add_parser("serve", help="serve the map dashboard (/) and the REST API (docs at /docs) over the store")
    s.add_argument("--db", help=DB_HELP)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=1, help="worker processes (default 1; the rate limit is per worker)")
    s.add_argument("--private", action="store_true", help="reads need an API key too (default: public reads)")
    s.add_argument("--rate", type=int, default=120, help="requests per minute per API key (default 120)")
    s.add_argument("--max-body-mb", type=float, default=5.0, help="largest request body in MB (default 5)")
    s.add_argument("--cors-origin", action="append", metavar="ORIGIN",
                   help="allow browser reads from this origin (repeatable; default: CORS off)")
    s.set_defaults(func=cmd_serve)

    ld = sub.add_parser("load", help="store the part files of a partitioned extract (no second extraction)",
                        description="Reads FOLDER/part-*.jsonl|parquet written by `sitrep extract ... -o FOLDER/` "
                                    "and stores each article with its events, deduplicated; loading twice adds "
                                    "nothing.")
    ld.add_argument("folder")
    ld.add_argument("--db", help=DB_HELP)
    ld.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ld.set_defaults(func=cmd_load)

    c = sub.add_parser("check", help="verify the store: counts, foreign keys, orphans, partial articles, FTS",
                       description="Exit status 0 when the store is sound, 1 when a check fails.")
    c.add_argument("--db", help=DB_HELP)
    c.set_defaults(func=cmd_check)
    bk = sub.add_parser("backup", help="copy a SQLite store safely while it is in use (online backup API)",
                        description="For PostgreSQL use pg_dump (see README).")
    bk.add_argument("file", help="the backup file to write")
    bk.add_argument("--db", help=DB_HELP)
    bk.set_defaults(func=cmd_backup)
    rs = sub.add_parser("restore", help="replace a SQLite store's contents with a backup (checked first)")
    rs.add_argument("file", help="a file written by `sitrep backup`")
    rs.add_argument("--force", action="store_true", help="replace a store that is not empty")
    rs.add_argument("--db", help=DB_HELP)
    rs.set_defaults(func=cmd_restore)

    k = sub.add_parser("keys", help="create, list or revoke API keys (writes need one)",
                       description="POST /articles and DELETE /articles/{id} need a key with write scope, sent as "
                                   "`X-API-Key: KEY` or `Authorization: Bearer KEY`; with `serve --private`, reads "
                                   "need a read (or write) key. The key is printed once; only its SHA-256 is stored.")
    k.add_argument("action", choices=["create", "list", "revoke"])
    k.add_argument("name", nargs="?", help="create: who uses the key; revoke: its id or prefix")
    k.add_argument("--scope", choices=["read", "write"], default="write", help="create: read or write (default)")
    k.add_argument("--db", help=DB_HELP)
    k.set_defaults(func=cmd_keys)
