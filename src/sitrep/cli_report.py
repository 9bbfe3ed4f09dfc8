"""CLI commands for what analysts look at: `sitrep report` (daily situation
reports) and `sitrep assets build` (the dashboard's offline map assets)."""
from __future__ import annotations

import sys
from pathlib import Path

from .cli_store import DB_HELP, EXIT_OK, _store

EXIT_FAILED = 1


def cmd_report(args) -> int:
    from .report import gather, write_report
    from .report.pdf import PdfError
    from .store import QueryError
    try:
        data = gather(_store(args), args.country, args.date, args.days)
        written = write_report(data, Path(args.output))
    except (QueryError, ValueError, PdfError) as exc:
        print(f"sitrep report: {exc}", file=sys.stderr)
        return EXIT_FAILED
    t = data.totals
    print(f"sitrep report: {data.country}, {data.period}: {t['events']} event(s), {t['fatalities']} fatalities, "
          f"{t['displaced']} displaced, {t['detained']} detained -> {', '.join(map(str, written))}", file=sys.stderr)
    return EXIT_OK


def cmd_assets(args) -> int:
    from .web import assets
    try:
        info = assets.build(Path(args.node_modules))
    except (assets.AssetsMissing, OSError) as exc:
        print(f"sitrep assets: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"sitrep assets: {info['files']} files and first-level boundaries of {info['admin1_countries']} countries "
          f"-> {assets.assets_dir()}", file=sys.stderr)
    return EXIT_OK


def add_commands(sub) -> None:
    r = sub.add_parser("report", help="write a daily situation report for a country (HTML, Markdown or PDF)",
                       description="A situation report in the spirit of OCHA sitreps: headline figures (events, "
                                   "fatalities, displaced, detained), a map of the period's events, events by type "
                                   "over the 30 days before, a section per first-level division with each event's "
                                   "summary and source links, contested claims and displacement flows. The format "
                                   "follows the output's suffix: .html, .md (map and chart as .svg files beside "
                                   "it) or .pdf (printed by headless Chromium).")
    r.add_argument("--country", required=True, help="ISO alpha-2 code (SY) or country name")
    r.add_argument("--date", required=True, help="the report's (last) day, YYYY-MM-DD")
    r.add_argument("--days", type=int, default=1, help="days covered, ending on --date (default 1)")
    r.add_argument("-o", "--output", required=True, metavar="report.html|report.md|report.pdf")
    r.add_argument("--db", help=DB_HELP)
    r.set_defaults(func=cmd_report)

    a = sub.add_parser("assets", help="copy the dashboard's map assets out of npm packages (make assets does it)",
                       description="Copies Leaflet, marker clustering and the Natural Earth boundaries from "
                                   "web/node_modules (installed by `npm ci` in web/) into $SITREP_HOME/assets, "
                                   "which `sitrep serve` and `sitrep report` read. Nothing is fetched at run time.")
    a.add_argument("action", choices=["build"])
    a.add_argument("node_modules", nargs="?", default="web/node_modules", help="default: web/node_modules")
    a.set_defaults(func=cmd_assets)
