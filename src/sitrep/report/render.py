"""Writing a report as HTML (inline SVG), Markdown (SVG files beside it) or
PDF (the HTML printed by headless Chromium)."""
from __future__ import annotations

import base64
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..ontology import load_ontology
from . import pdf, svg
from .data import ReportData

FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".pdf": "pdf"}


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
    return Environment(loader=PackageLoader("sitrep", "report/templates"), undefined=StrictUndefined,
                       autoescape=select_autoescape(["html.j2"]), trim_blocks=True, lstrip_blocks=True)


def _context(r: ReportData) -> dict:
    return {"r": r, "version": __version__, "colours": load_ontology().colours,
            "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def render_html(r: ReportData) -> str:
    return _env().get_template("report.html.j2").render(
        map_svg=svg.event_map(r), chart_svg=svg.type_chart(r), **_context(r))


def render_markdown(r: ReportData, stem: str = "report", inline: bool = False) -> tuple[str, dict[str, str]]:
    """(the Markdown, {file name: SVG text} for the pictures it links to);
    inline: the pictures travel inside the text as data: URIs instead."""
    files = {f"{stem}.map.svg": svg.event_map(r), f"{stem}.chart.svg": svg.type_chart(r)}
    links = {name: ("data:image/svg+xml;base64," + base64.b64encode(body.encode()).decode()) if inline else name
             for name, body in files.items()}
    text = _env().get_template("report.md.j2").render(map_file=links[f"{stem}.map.svg"],
                                                      chart_file=links[f"{stem}.chart.svg"], **_context(r))
    return text, ({} if inline else files)


def write_report(r: ReportData, path: Path) -> list[Path]:
    """Write the report in the format its suffix names; returns the files written."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"cannot write a report as {path.suffix or 'no suffix'!r}: use .html, .md or .pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "html":
        path.write_text(render_html(r), encoding="utf-8")
        return [path]
    if kind == "pdf":
        pdf.html_to_pdf(render_html(r), path)
        return [path]
    text, files = render_markdown(r, path.stem)
    path.write_text(text, encoding="utf-8")
    written = [path]
    for name, body in files.items():
        (path.parent / name).write_text(body, encoding="utf-8")
        written.append(path.parent / name)
    return written
