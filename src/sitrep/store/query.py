"""Reading the store: filtered, sorted, paginated events; one event with its
sources; articles; statistics. The API and `sitrep export` share these.

Every filter value is a bound parameter; sort keys come from a fixed list.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields

from sqlalchemy import Integer, and_, column, func, select, text

from .schema import articles, event_sources, events

SORTABLE = {"event_date", "fatalities", "id", "n_sources", "country", "sub_event_type", "event_type", "admin1"}


class QueryError(ValueError):
    """A filter or sort the store cannot apply (the API answers 422)."""


@dataclass
class Filters:
    country: str | None = None        # ISO code or country name
    admin1: str | None = None
    date_from: str | None = None      # YYYY-MM-DD, inclusive
    date_to: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None          # substring of actor1/actor2/associates
    bbox: str | None = None           # "min_lon,min_lat,max_lon,max_lat"
    q: str | None = None              # full text over notes and source sentences

    def clauses(self, store) -> list:
        for f in fields(self):
            _printable(getattr(self, f.name), f.name)
        c = []
        if self.country:
            c.append((events.c.country_code == self.country.upper()) if len(self.country) == 2
                     else (func.lower(events.c.country) == self.country.lower()))
        if self.admin1:
            c.append(func.lower(events.c.admin1) == self.admin1.lower())
        for value, op in ((self.date_from, "ge"), (self.date_to, "le")):
            if value:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    raise QueryError(f"dates are YYYY-MM-DD, got {value!r}")
                c.append(events.c.event_date >= value if op == "ge" else events.c.event_date <= value)
        if self.event_type:
            c.append(events.c.event_type == self.event_type)
        if self.sub_event_type:
            c.append(events.c.sub_event_type == self.sub_event_type)
        if self.actor:
            escaped = self.actor.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            like = f"%{escaped}%"   # the user's % and _ are letters, not wildcards
            c.append(func.lower(func.coalesce(events.c.actor1, "") + " " + func.coalesce(events.c.actor2, "") + " "
                                + func.coalesce(events.c.assoc_actor_1, "") + " "
                                + func.coalesce(events.c.assoc_actor_2, "")).like(like, escape="\\"))
        if self.bbox:
            try:
                x0, y0, x1, y1 = (float(v) for v in self.bbox.split(","))
            except ValueError:
                raise QueryError(f"bbox is min_lon,min_lat,max_lon,max_lat, got {self.bbox!r}") from None
            c.append(and_(events.c.longitude >= x0, events.c.longitude <= x1,
                          events.c.latitude >= y0, events.c.latitude <= y1))
        if self.q:
            words = re.findall(r"\w+", self.q)
            if not words:
                raise QueryError("q needs at least one word")
            if store.sqlite:
                match = " ".join('"' + w.replace('"', "") + '"' for w in words)
                ids = (text("SELECT event_id FROM events_fts WHERE events_fts MATCH :m").bindparams(m=match)
                       .columns(column("event_id", Integer)).subquery())
                c.append(events.c.id.in_(select(ids.c.event_id)))
            else:   # PostgreSQL: the same words over notes and every source's record (its sentences)
                query = func.plainto_tsquery("english", " ".join(words))
                in_sources = select(event_sources.c.event_id).where(
                    func.to_tsvector("english", event_sources.c.record).bool_op("@@")(query))
                c.append(func.to_tsvector("english", func.coalesce(events.c.notes, "")).bool_op("@@")(query)
                         | events.c.id.in_(in_sources))
        return c


FILTER_NAMES = [f.name for f in fields(Filters)]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _printable(value: str | None, name: str) -> None:
    """NUL and other control characters never belong in a filter (and
    PostgreSQL refuses NUL in text): a 422, not a 500."""
    if value is not None and _CONTROL.search(value):
        raise QueryError(f"{name} contains a control character")


def _order(sort: str):
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTABLE:
        raise QueryError(f"cannot sort by {key!r}; sortable: {', '.join(sorted(SORTABLE))}")
    col = events.c[key]
    return [col.desc() if desc else col.asc(), events.c.id.desc() if desc else events.c.id.asc()]


def find_events(store, filters: Filters, sort: str = "-event_date", limit: int = 100,
                offset: int = 0) -> tuple[int, list[dict]]:
    if not 1 <= limit <= 10_000 or offset < 0:
        raise QueryError("limit is 1-10000 and offset >= 0")
    where = and_(True, *filters.clauses(store))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(events).where(where)).scalar_one()
        rows = conn.execute(select(events).where(where).order_by(*_order(sort)).limit(limit).offset(offset))
        return total, [event_row(r._mapping) for r in rows]


def event_row(m) -> dict:
    out = dict(m)
    for k in ("origin", "destination"):
        out[k] = json.loads(out[k]) if out.get(k) else None
    out["contested"] = bool(out.get("contested"))
    return out


def _with_sources(conn, rows: list[dict]) -> list[dict]:
    """Each event with its sources (article, figures, claims, evidence), read
    in one query for all of them."""
    by_id = {r["id"]: dict(r, sources=[]) for r in rows}
    if by_id:
        src = conn.execute(select(event_sources, articles.c.url, articles.c.title, articles.c.source,
                                  articles.c.published)
                           .join(articles, articles.c.id == event_sources.c.article_id)
                           .where(event_sources.c.event_id.in_(list(by_id)))
                           .order_by(articles.c.published, event_sources.c.article_id))
        for s in src:
            rec = json.loads(s.record)
            by_id[s.event_id]["sources"].append({
                "article_id": s.article_id, "url": s.url, "title": s.title, "source": s.source,
                "published": s.published, "fatalities": s.fatalities, "figures": rec.get("figures") or [],
                "claims": rec.get("claims") or [], "evidence": rec.get("evidence") or []})
    out = list(by_id.values())
    for e in out:
        e["claims"] = [dict(c, article_id=s["article_id"]) for s in e["sources"] for c in s["claims"]]
    return out


def with_sources(store, rows: list[dict]) -> list[dict]:
    """find_events() rows with their sources, in one query."""
    with store.engine.connect() as conn:
        return _with_sources(conn, rows)


def get_event(store, event_id: int) -> dict | None:
    """The event with each source: its article, figures, claims and evidence."""
    with store.engine.connect() as conn:
        row = conn.execute(select(events).where(events.c.id == event_id)).first()
        return _with_sources(conn, [event_row(row._mapping)])[0] if row is not None else None


def get_article(store, article_id: str) -> dict | None:
    if _CONTROL.search(article_id):
        return None
    with store.engine.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["event_ids"] = [r.event_id for r in conn.execute(
            select(event_sources.c.event_id).where(event_sources.c.article_id == article_id)
            .order_by(event_sources.c.rank))]
        return out


def search_articles(store, q: str, limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
    """Stored articles whose title or text hold all the words of q."""
    _printable(q, "q")
    words = re.findall(r"\w+", q or "")
    if not words:
        raise QueryError("q needs at least one word")
    if not 1 <= limit <= 1000 or offset < 0:
        raise QueryError("limit is 1-1000 and offset >= 0")
    if store.sqlite:
        match = " ".join('"' + w.replace('"', "") + '"' for w in words)
        ids = (text("SELECT article_id FROM articles_fts WHERE articles_fts MATCH :m").bindparams(m=match)
               .columns(column("article_id", articles.c.id.type)).subquery())
        where = articles.c.id.in_(select(ids.c.article_id))
    else:
        where = func.to_tsvector("english", func.coalesce(articles.c.title, "") + " " + articles.c.text).bool_op("@@")(
            func.plainto_tsquery("english", " ".join(words)))
    cols = [articles.c.id, articles.c.title, articles.c.url, articles.c.source, articles.c.published,
            articles.c.language, articles.c.status, articles.c.n_events]
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(articles).where(where)).scalar_one()
        rows = conn.execute(select(*cols).where(where).order_by(articles.c.published.desc(), articles.c.id)
                            .limit(limit).offset(offset))
        return total, [dict(r._mapping) for r in rows]


def stats(store, filters: Filters) -> dict:
    """Events, fatalities and displaced by day, by event type and by admin1."""
    where = and_(True, *filters.clauses(store))
    out = {}
    with store.engine.connect() as conn:
        tot = conn.execute(select(func.count(), func.coalesce(func.sum(events.c.fatalities), 0),
                                  func.coalesce(func.sum(events.c.displaced), 0)).where(where)).one()
        out["total"] = {"events": tot[0], "fatalities": tot[1], "displaced": tot[2]}
        for name, col in (("by_day", events.c.event_date), ("by_type", events.c.event_type),
                          ("by_admin1", events.c.admin1)):
            rows = conn.execute(select(col, func.count(), func.coalesce(func.sum(events.c.fatalities), 0),
                                       func.coalesce(func.sum(events.c.displaced), 0))
                                .where(where).group_by(col).order_by(col))
            out[name] = [{"key": r[0], "events": r[1], "fatalities": r[2], "displaced": r[3]} for r in rows]
    return out


def export_records(store, filters: Filters, sort: str = "event_date", batch: int = 1000):
    """Every matching event as an output record (the extract record's fields,
    with reconciled figures and all sources' claims and evidence), streamed."""
    offset = 0
    while True:
        _, rows = find_events(store, filters, sort=sort, limit=batch, offset=offset)
        if not rows:
            return
        with store.engine.connect() as conn:
            page = _with_sources(conn, rows)   # one query per page, not one per event
        for full in page:
            rec = {k: v for k, v in full.items() if k != "sources"}
            rec["event_id"] = str(full["id"])
            rec["article_ids"] = [s["article_id"] for s in full["sources"]]
            rec["figures"] = [dict(f, article_id=s["article_id"]) for s in full["sources"] for f in s["figures"]]
            rec["evidence"] = [e for s in full["sources"] for e in s["evidence"]]
            rec["source"] = "; ".join(sorted({s["source"] or s["url"] or s["article_id"] for s in full["sources"]}))
            yield rec
        offset += batch


# The dashboard's map layer: few columns, every matching event, one query.
MAP_COLUMNS = ["id", "event_date", "event_type", "sub_event_type", "country_code", "country", "admin1", "location",
               "latitude", "longitude", "geo_precision", "fatalities", "displaced", "actor1", "actor2", "n_sources",
               "contested", "origin", "destination"]


def map_events(store, filters: Filters, limit: int = 50_000) -> dict:
    """Matching events as {"columns", "rows", "total"}: rows are lists, newest
    first; origin and destination shrink to [name, lat, lon]."""
    where = and_(True, *filters.clauses(store))
    cols = [events.c[c] for c in MAP_COLUMNS]
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(events).where(where)).scalar_one()
        rows = conn.execute(select(*cols).where(where).order_by(events.c.event_date.desc(), events.c.id.desc())
                            .limit(limit)).all()
    out = []
    for r in rows:
        r = list(r)
        for i in (-2, -1):
            p = json.loads(r[i]) if r[i] else None
            r[i] = [p.get("name"), p.get("latitude"), p.get("longitude")] if p and p.get("latitude") is not None \
                else None
        r[MAP_COLUMNS.index("contested")] = bool(r[MAP_COLUMNS.index("contested")])
        out.append(r)
    return {"columns": MAP_COLUMNS, "total": total, "rows": out}


def counts_by_day_and_type(store, filters: Filters) -> dict[str, dict[str, int]]:
    """{event_date: {event_type: events}} for the matching events."""
    where = and_(True, *filters.clauses(store))
    out: dict[str, dict[str, int]] = {}
    with store.engine.connect() as conn:
        for day, kind, n in conn.execute(select(events.c.event_date, events.c.event_type, func.count()).where(where)
                                         .group_by(events.c.event_date, events.c.event_type)):
            out.setdefault(day, {})[kind] = n
    return out


def countries(store) -> list[dict]:
    """Countries with events: code, name, events, latest event date."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(events.c.country_code, func.max(events.c.country), func.count(),
                                   func.max(events.c.event_date))
                            .where(events.c.country_code.is_not(None)).group_by(events.c.country_code)
                            .order_by(func.count().desc()))
        return [{"code": r[0], "name": r[1], "events": r[2], "latest": r[3]} for r in rows]
