"""Daily situation reports (`sitrep report`, /reports/{country}/{date}):
gather a country's events for a period from the store, draw a map and a
chart, and write HTML, Markdown or PDF."""
from .data import ReportData, gather
from .render import render_html, render_markdown, write_report

__all__ = ["ReportData", "gather", "render_html", "render_markdown", "write_report"]
