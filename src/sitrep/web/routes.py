"""The dashboard's routes on the API app: the page and its static files, the
offline map assets, the compact map layer, CSV export of a selection, and
situation reports. Thin: the work is in store/ and report/."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from ..ontology import load_ontology
from ..store import Filters, countries, map_events
from . import assets

STATIC = Path(__file__).resolve().parent / "static"


def add_routes(app: FastAPI) -> None:
    from ..api import event_filters, export_response, fast_json   # the API's one definition of the filters

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Built by `make assets`; may appear after the server starts.
    app.mount("/assets", StaticFiles(directory=assets.assets_dir(), check_dir=False), name="assets")

    @app.get("/", include_in_schema=False)
    def dashboard():
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/meta", summary="what the dashboard's filters offer: event types, colours, countries in the store")
    def meta() -> dict[str, Any]:
        onto = load_ontology()
        return {"event_types": [{"name": t, "colour": onto.colours[t],
                                 "sub_types": [s.name for s in onto.sub_types if s.event_type == t]}
                                for t in onto.event_types],
                "countries": countries(app.state.store), "assets": assets.built()}

    @app.get("/map/events", summary="every matching event in a few columns, for the map and timeline")
    def map_layer(f: Filters = Depends(event_filters),
                  limit: int = Query(50_000, ge=1, le=200_000)) -> dict[str, Any]:
        return fast_json(map_events(app.state.store, f, limit))

    @app.get("/events.csv", summary="matching events as ACLED-style CSV")
    def events_csv(f: Filters = Depends(event_filters)):
        return export_response(app.state.store, "acled-csv", f, "text/csv", "sitrep-events.csv")

    @app.get("/reports/{country}/{day}", summary="a situation report for a country (HTML, Markdown or PDF)")
    def report(country: str, day: date, days: int = Query(1, ge=1, le=366),
               format: str = Query("html", pattern="^(html|md|pdf)$")):
        from ..report import gather, render_html, render_markdown
        from ..report.pdf import PdfError, pdf_bytes
        data = gather(app.state.store, country, day, days)
        if format == "md":
            text, _ = render_markdown(data, inline=True)
            return PlainTextResponse(text, media_type="text/markdown")
        html = render_html(data)
        if format == "html":
            return HTMLResponse(html)
        try:
            body = pdf_bytes(html)
        except PdfError as exc:
            raise HTTPException(503, str(exc)) from None
        return Response(body, media_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="sitrep-{data.country_code}-{day}.pdf"'})
