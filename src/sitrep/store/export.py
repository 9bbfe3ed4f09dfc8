"""`sitrep export`: the store's events, filtered, as ACLED CSV (ACLED's
columns in ACLED's order, ours after them), GeoJSON, JSON Lines or Parquet."""
from __future__ import annotations

import json
from typing import IO

from ..io import writers
from .query import Filters, export_records

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")
# Our store columns the extract record lacks, appended after the extract ones.
STORE_EXTRA = ["fatalities_low", "fatalities_high", "n_sources"]


class _Source:
    """Carries the joined source names to the CSV writer's `source` column."""
    def __init__(self, source: str | None):
        self.source = source


def export(store, fmt: str, out, filters: Filters | None = None) -> int:
    """Writes the events; returns how many. `out` is a text stream (a binary
    path for parquet)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    records = export_records(store, filters or Filters())
    if fmt == "parquet":
        return _parquet(records, out)
    writer = {"acled-csv": lambda: writers.CsvWriter(out, extra=STORE_EXTRA),
              "geojson": lambda: writers.GeoJsonWriter(out), "jsonl": lambda: writers.JsonlWriter(out)}[fmt]()
    n = 0
    for rec in records:
        writer.write(rec, _Source(rec.get("source")))
        n += 1
    writer.close()
    return n


def _parquet(records, path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq
    rows = []
    for rec in records:
        rows.append({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                     for k, v in rec.items()})
    table = pa.Table.from_pylist(rows) if rows else pa.table({"event_id": pa.array([], pa.string())})
    pq.write_table(table, path)
    return len(rows)


def open_output(path: str | None, fmt: str) -> IO:
    import sys
    if fmt == "parquet":
        if not path:
            raise ValueError("parquet needs -o FILE")
        return path
    return open(path, "w", encoding="utf-8", newline="") if path else sys.stdout
