"""The REST API (FastAPI; OpenAPI at /docs), a thin shell over the store and
the extraction pipeline: `sitrep serve`."""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from . import __version__
from .api_security import ApiConfig, BodyLimit, RateLimiter, read_access, require_write
from .ingest import IngestTally, ingest
from .io.readers import article_from_record
from .store import Filters, QueryError, Store, find_events, get_article, get_event, search_articles, stats
from .store.export import export


def event_filters(country: str | None = Query(None, description="ISO code or country name"),
                  admin1: str | None = None, date_from: str | None = Query(None, description="YYYY-MM-DD"),
                  date_to: str | None = Query(None, description="YYYY-MM-DD"), event_type: str | None = None,
                  sub_event_type: str | None = None, actor: str | None = Query(None, description="part of a name"),
                  bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
                  q: str | None = Query(None, description="full text over notes and source sentences")) -> Filters:
    """The filter query parameters every event endpoint takes (one FastAPI dependency)."""
    return Filters(country, admin1, date_from, date_to, event_type, sub_event_type, actor, bbox, q)


def fast_json(content) -> Response:
    """JSON of plain store rows (str, int, float, bool, None, lists, dicts)
    straight from json.dumps: FastAPI's generic encoder costs ten times more
    on large lists."""
    import json
    return Response(json.dumps(content, ensure_ascii=False, allow_nan=False), media_type="application/json")


def export_response(store, fmt: str, filters: Filters, media_type: str, filename: str | None = None) -> Response:
    """The filtered events written by `sitrep export`'s writer for `fmt`, as a response."""
    import io
    buf = io.StringIO()
    export(store, fmt, buf, filters)
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else None
    return Response(buf.getvalue(), media_type=media_type, headers=headers)


def app_from_env() -> FastAPI:
    """The app for `sitrep serve --workers N`: each worker process builds its
    own from the settings the command left in $SITREP_SERVE."""
    import json
    import os
    settings = json.loads(os.environ["SITREP_SERVE"])
    config = ApiConfig(**{k: tuple(v) if k == "cors_origins" else v for k, v in settings["config"].items()})
    return create_app(Store(settings["db"]), config)


def create_app(store: Store | None = None, config: ApiConfig | None = None) -> FastAPI:
    """The app over `store`. Reads are public unless `config.read_requires_key`;
    writes always need a write key (`sitrep keys create`)."""
    config = config or ApiConfig()
    app = FastAPI(title="sitrep", version=__version__, dependencies=[Depends(read_access)],
                  description="Conflict events extracted from news, ACLED-typed, geocoded and deduplicated. "
                              "Writes need an API key with write scope in the X-API-Key header.")
    app.state.store = store or Store()
    app.state.pipeline = None
    app.state.config = config
    app.state.limiter = RateLimiter(config.rate_per_minute)
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    if config.cors_origins:   # off unless asked for
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins), allow_methods=["GET"],
                           allow_headers=["X-API-Key", "Authorization"])

    @app.exception_handler(QueryError)
    async def bad_query(_request: Request, exc: QueryError):
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception):
        # never leak a stack trace or a path
        return JSONResponse(status_code=500, content={"detail": f"internal error ({type(exc).__name__})"})

    @app.get("/events", summary="events, filtered, sorted and paginated")
    def list_events(f: Filters = Depends(event_filters),
                    sort: str = Query("-event_date", description="a column, '-' for descending"),
                    limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        total, rows = find_events(app.state.store, f, sort=sort, limit=limit, offset=offset)
        return fast_json({"total": total, "limit": limit, "offset": offset, "events": rows})

    @app.get("/events.geojson", summary="events with coordinates as a GeoJSON FeatureCollection")
    def events_geojson(f: Filters = Depends(event_filters)):
        return export_response(app.state.store, "geojson", f, "application/geo+json")

    @app.get("/events/{event_id}", summary="one event with its sources, evidence and claims")
    def one_event(event_id: int) -> dict[str, Any]:
        found = get_event(app.state.store, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return found

    @app.get("/articles", summary="stored articles matching a full-text query")
    def find_articles(q: str = Query(..., description="words that must all occur in the title or text"),
                      limit: int = Query(20, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        total, rows = search_articles(app.state.store, q, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "articles": rows}

    @app.get("/articles/{article_id}", summary="one stored article")
    def one_article(article_id: str) -> dict[str, Any]:
        found = get_article(app.state.store, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return found

    @app.get("/stats", summary="counts, fatalities and displaced by day, type and admin1")
    def get_stats(f: Filters = Depends(event_filters)) -> dict[str, Any]:
        return fast_json(stats(app.state.store, f))

    @app.post("/articles", status_code=201, summary="ingest articles and extract their events (write key)",
              dependencies=[Depends(require_write)])
    def post_articles(body: dict | list = Body(..., description="an article {id, text, published, url, title, "
                                                                "source} or a list of them")) -> dict[str, Any]:
        items = []
        for n, rec in enumerate(body if isinstance(body, list) else [body], 1):
            try:
                items.append(article_from_record(rec, f"body[{n}]"))
            except ValueError as exc:
                raise HTTPException(422, f"item {n}: {exc}") from None
        if app.state.pipeline is None:
            from .pipeline import Pipeline
            app.state.pipeline = Pipeline()
        tally = ingest(items, app.state.store, app.state.pipeline, IngestTally(), on_error=lambda m: None)
        return {"stored": tally.articles, "duplicates": tally.duplicates, "not_english": tally.not_english,
                "events_new": tally.events_new, "events_merged": tally.events_merged,
                "skipped": tally.skipped, "errors": tally.errors}

    @app.delete("/articles/{article_id}", summary="remove an article; events it alone reported go too (write key)",
                dependencies=[Depends(require_write)])
    def delete_article(article_id: str) -> dict[str, Any]:
        done = app.state.store.delete_article(article_id)
        if done is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return done

    from .web.routes import add_routes
    add_routes(app)   # the dashboard, its data, CSV export and reports

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, Any]:
        return {"status": "ok", "today": date.today().isoformat()}

    return app
