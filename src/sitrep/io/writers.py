"""Event writers by output suffix: .jsonl, .csv (ACLED column names and order),
.geojson (FeatureCollection of the events that have coordinates)."""
from __future__ import annotations

import csv
import json
import time
from typing import IO

from ..model import EVENT_FIELDS
from ..ontology import load_ontology
from ..registry import writer

# ACLED's export columns, named and ordered as ACLED's data export writes them;
# ours follow. Columns we cannot fill honestly (ACLED's numeric `iso`, its
# `region` names, `source_scale`, `tags`) are left empty.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

EXTRA_COLUMNS = ["article_ids", "country_code", "injured", "displaced", "detained",
                 "origin", "destination", "figures", "claims", "contested", "evidence", "confidence"]


@writer(".jsonl", ".ndjson")
class JsonlWriter:
    def __init__(self, fh: IO[str]):
        self.fh = fh

    def write(self, record: dict, article=None) -> None:
        self.fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


@writer(".csv")
class CsvWriter:
    def __init__(self, fh: IO[str], extra: list[str] | None = None):
        self.out = csv.writer(fh)
        self.columns = ACLED_COLUMNS + EXTRA_COLUMNS + list(extra or [])
        self.out.writerow(self.columns)

    def write(self, record: dict, article=None) -> None:
        row = dict(record)
        row["event_id_cnty"] = record["event_id"]
        row["source"] = article.source if article is not None else None
        row["year"] = (record.get("event_date") or "")[:4] or None
        row["disorder_type"] = load_ontology().disorder_type(record["sub_event_type"])
        row["civilian_targeting"] = "Civilian targeting" if record.get("inter2") == 7 else None
        row["timestamp"] = int(time.time())
        for k in ("origin", "destination"):
            row[k] = (record.get(k) or {}).get("name")
        row["article_ids"] = ";".join(record.get("article_ids") or [])
        for k in ("figures", "claims", "evidence"):
            row[k] = json.dumps(record[k], ensure_ascii=False) if record.get(k) else None
        self.out.writerow(["" if row.get(c) is None else row[c] for c in self.columns])

    def close(self) -> None:
        pass


@writer(".geojson")
class GeoJsonWriter:
    """Buffers features: a FeatureCollection is one JSON document."""

    def __init__(self, fh: IO[str]):
        self.fh, self.features = fh, []

    def write(self, record: dict, article=None) -> None:
        if record.get("latitude") is None or record.get("longitude") is None:
            return  # GeoJSON needs geometry; events without coordinates are left out
        props = {k: record.get(k) for k in EVENT_FIELDS if k not in ("latitude", "longitude")}
        self.features.append({"type": "Feature", "properties": props, "geometry": {
            "type": "Point", "coordinates": [record["longitude"], record["latitude"]]}})

    def close(self) -> None:
        json.dump({"type": "FeatureCollection", "features": self.features}, self.fh, ensure_ascii=False)
        self.fh.write("\n")
