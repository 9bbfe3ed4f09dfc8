"""Ingestion: sources of the real world into the store.

A source is a JSONL or text file, an HTML file (main text, title and date
extracted with trafilatura), a folder of those, an RSS/Atom feed (file or
URL, read with feedparser), or an article URL. HTTP has timeouts, a size
limit, a clear user agent, and respects robots.txt.

Non-English articles are stored, flagged with their language, and not run
through English extraction. Every article is written with its events in one
transaction; the same text is stored once.
"""
from __future__ import annotations

import logging
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urljoin, urlparse

from .extract import run_guarded
from .io.readers import MAX_TEXT_CHARS, READERS, Item, ReadError, read_inputs
from .model import Article
from .pipeline import Pipeline
from .store import Store, content_hash

log = logging.getLogger(__name__)

USER_AGENT = "sitrep/0.1 (conflict event extraction; +https://github.com/sitrep/sitrep)"
TIMEOUT_S = 20.0
MAX_BYTES = 5_000_000            # a page or feed fetched over HTTP
MAX_FILE_BYTES = 50_000_000      # a page or feed read from disk
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}


@dataclass
class IngestTally:
    articles: int = 0        # newly stored
    duplicates: int = 0      # text already stored
    not_english: int = 0
    events_new: int = 0
    events_merged: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


# -- reading sources ---------------------------------------------------------------------------


def html_article(html: str, where: str, url: str | None = None) -> Item:
    import trafilatura
    # trafilatura logs its own parse troubles ("discarding data"); ours is the ReadError below
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_precision=True)
    body = (getattr(doc, "text", None) if doc is not None else None) or ""
    if not body.strip():
        return ReadError(where, "no article text found in the HTML")
    title = getattr(doc, "title", None)
    published = _date(getattr(doc, "date", None))
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return Article(id=url or where, text=text[:MAX_TEXT_CHARS], published=published, url=url, title=title,
                   source=getattr(doc, "sitename", None) or (urlparse(url).netloc if url else None))


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def feed_articles(data: bytes, where: str) -> Iterator[Item]:
    import feedparser
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        yield ReadError(where, f"not an RSS/Atom feed with entries ({reason or 'no entries'})")
        return
    for n, e in enumerate(feed.entries, 1):
        body = ""
        if e.get("content"):
            body = e["content"][0].get("value", "")
        body = body or e.get("summary", "")
        text = _strip_html(body)
        title = e.get("title")
        if not text.strip() and not title:
            yield ReadError(f"{where}#{n}", "feed entry has no text")
            continue
        when = e.get("published_parsed") or e.get("updated_parsed")
        yield Article(id=e.get("id") or e.get("link") or f"{where}#{n}",
                      text=f"{title}\n\n{text}" if title else text, title=title, url=e.get("link"),
                      published=date(*when[:3]) if when else None, source=feed.feed.get("title"))


def _strip_html(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    from lxml import html as lxml_html
    try:
        return lxml_html.fromstring(f"<div>{fragment}</div>").text_content()
    except Exception:   # malformed fragments: keep the words
        import re
        return re.sub(r"<[^>]+>", " ", fragment)


def fetch(url: str, client) -> tuple[bytes, str]:
    """GET with a size limit; robots.txt is asked first."""
    if not _robots_allow(url, client):
        raise PermissionError("robots.txt disallows fetching it")
    with client.stream("GET", url) as resp:
        resp.raise_for_status()
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > MAX_BYTES:
                raise ValueError(f"larger than {MAX_BYTES:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks), resp.headers.get("content-type", "")


_robots: dict[str, urllib.robotparser.RobotFileParser] = {}


def _robots_allow(url: str, client) -> bool:
    root = "{0.scheme}://{0.netloc}".format(urlparse(url))
    rp = _robots.get(root)
    if rp is None:
        rp = urllib.robotparser.RobotFileParser()
        try:
            resp = client.get(urljoin(root, "/robots.txt"))
            rp.parse(resp.text.splitlines() if resp.status_code == 200 else [])
        except Exception:
            rp.parse([])   # unreachable robots.txt: nothing is forbidden
        _robots[root] = rp
    return rp.can_fetch(USER_AGENT, url)


def http_client():
    import httpx
    return httpx.Client(timeout=TIMEOUT_S, follow_redirects=True, headers={"User-Agent": USER_AGENT})


def read_url(url: str, client) -> Iterator[Item]:
    try:
        data, ctype = fetch(url, client)
    except Exception as exc:
        yield ReadError(url, f"cannot fetch: {type(exc).__name__}: {exc}")
        return
    looks_feed = any(k in ctype for k in ("rss", "atom", "xml")) or data.lstrip()[:200].lower().startswith(
        (b"<?xml", b"<rss", b"<feed"))
    if looks_feed:
        yield from feed_articles(data, url)
        return
    html = data.decode("utf-8", errors="replace")
    yield html_article(html, url, url=url)


def read_sources(sources: Iterable[str], client=None) -> Iterator[Item]:
    """Items from every source: files, folders (recursively), feeds, URLs."""
    for src in sources:
        if src.startswith(("http://", "https://")):
            client = client or http_client()
            yield from read_url(src, client)
            continue
        path = Path(src)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in
                           set(READERS) | HTML_SUFFIXES | FEED_SUFFIXES)
            if not files:
                yield ReadError(src, "folder has no .jsonl, .txt, .html or feed files")
            yield from read_sources([str(p) for p in files], client)
            continue
        suffix = path.suffix.lower()
        if suffix in HTML_SUFFIXES | FEED_SUFFIXES:
            if not path.is_file():
                yield ReadError(src, "no such file")
                continue
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                yield ReadError(src, f"{size:,} bytes: larger than the {MAX_FILE_BYTES:,} a page or feed may be")
                continue
            data = path.read_bytes()
            if suffix in FEED_SUFFIXES:
                yield from feed_articles(data, src)
            else:
                yield html_article(data.decode("utf-8", errors="replace"), src)
            continue
        yield from read_inputs([src])


def language_of(text: str) -> str | None:
    import py3langid
    sample = text[:5000]
    if len(sample.strip()) < 20:
        return None
    lang, _ = py3langid.classify(sample)
    return lang


# -- into the store ----------------------------------------------------------------------------


def ingest(items: Iterable[Item], store: Store, pipeline: Pipeline | None = None, tally: IngestTally | None = None,
           batch_size: int = 32, on_error=None) -> IngestTally:
    """Extract and store every item; bad items are counted and reported, the rest go on."""
    tally = tally if tally is not None else IngestTally()
    report = on_error or log.error
    pipeline = pipeline or Pipeline()

    def skip(msg: str) -> None:
        tally.skipped += 1
        tally.errors.append(msg)
        report(msg)

    def flush(batch: list[Article]) -> None:
        for doc in run_guarded(pipeline, batch, skip):
            keep(doc.article, [e.to_record() for e in doc.events], "en", "extracted")

    def keep(article: Article, records: list[dict], lang, status) -> None:
        try:
            store_article(store, article, records, lang, status, tally)
        except Exception as exc:   # noqa: BLE001 - one article's failure must not end the batch
            skip(f"{article.id}: not stored ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})")

    batch: list[Article] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, ReadError):
            skip(str(item))
            continue
        digest = content_hash(item.text)
        if digest in seen or store.has_text(digest):
            tally.duplicates += 1
            continue
        seen.add(digest)
        lang = language_of(item.text)
        if lang not in (None, "en"):
            keep(item, [], lang, "not-english")
            tally.not_english += 1
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            flush(batch)
            batch = []
    if batch:
        flush(batch)
    return tally


def store_article(store: Store, article: Article, records: list[dict], lang, status, tally: IngestTally) -> None:
    """Store an article with its event records, counting what it added in the tally."""
    added = store.add(article, records, language=lang, status=status)
    if not added.new:
        tally.duplicates += 1
        return
    tally.articles += 1
    tally.events_new += added.events_new
    tally.events_merged += added.events_merged


# -- watching feeds ----------------------------------------------------------------------------


def poll_feed(url: str, store: Store, client, pipeline: Pipeline, tally: IngestTally) -> int:
    """One conditional GET of a feed (If-None-Match / If-Modified-Since from
    the last poll); new entries are ingested. Returns the HTTP status."""
    from sqlalchemy import insert, select, update
    from .store.schema import feeds
    from .store.store import _now
    with store.engine.begin() as conn:
        row = conn.execute(select(feeds).where(feeds.c.url == url)).first()
        if row is None:
            conn.execute(insert(feeds).values(url=url))
    headers = {}
    if row is not None and row.etag:
        headers["If-None-Match"] = row.etag
    if row is not None and row.last_modified:
        headers["If-Modified-Since"] = row.last_modified
    status, items = 0, []
    try:
        if not _robots_allow(url, client):
            raise PermissionError("robots.txt disallows fetching it")
        resp = client.get(url, headers=headers)
        status = resp.status_code
        if status == 200:
            if len(resp.content) > MAX_BYTES:
                raise ValueError(f"larger than {MAX_BYTES:,} bytes")
            items = list(feed_articles(resp.content, url))
            etag, modified = resp.headers.get("etag"), resp.headers.get("last-modified")
        elif status != 304:
            items = [ReadError(url, f"HTTP {status}")]
    except Exception as exc:
        items = [ReadError(url, f"cannot fetch: {type(exc).__name__}: {exc}")]
    if items:
        ingest(items, store, pipeline, tally, on_error=log.error)
    with store.engine.begin() as conn:
        values = {"last_checked": _now(), "last_status": status}
        if status == 200:
            values.update(etag=etag, last_modified=modified,
                          items_seen=feeds.c.items_seen + sum(isinstance(i, Article) for i in items))
        conn.execute(update(feeds).where(feeds.c.url == url).values(**values))
    return status


def watch(urls: list[str], store: Store, every_s: float, rounds: int | None = None, pipeline=None,
          on_round=None) -> IngestTally:
    """Polls every feed every `every_s` seconds (forever, or `rounds` times)."""
    import time
    pipeline = pipeline or Pipeline()
    tally = IngestTally()
    client = http_client()
    n = 0
    while rounds is None or n < rounds:
        started = time.monotonic()
        statuses = {u: poll_feed(u, store, client, pipeline, tally) for u in urls}
        n += 1
        if on_round:
            on_round(n, statuses, tally)
        if rounds is not None and n >= rounds:
            break
        time.sleep(max(0.0, every_s - (time.monotonic() - started)))
    return tally
