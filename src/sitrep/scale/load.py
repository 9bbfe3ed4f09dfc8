"""`sitrep load DIR`: the part files a partitioned extract wrote, into the
store: each article with its already-extracted events (no second
extraction), deduplicated as `sitrep ingest` does. Loading twice adds
nothing."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Iterator

from ..ingest import IngestTally, store_article
from ..model import Article


def part_files(out_dir: Path) -> list[Path]:
    return sorted(p for p in Path(out_dir).glob("part-*") if p.suffix in (".jsonl", ".parquet"))


def _rows(path: Path) -> Iterator[tuple[dict, list[dict]]]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq
        for rec in pq.read_table(path).to_pylist():
            events = json.loads(rec.pop("events") or "[]")
            yield rec, events
    else:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                yield row["article"], row["events"]


def load(out_dir: Path, store, tally: IngestTally | None = None, progress=None) -> IngestTally:
    tally = tally if tally is not None else IngestTally()
    files = part_files(out_dir)
    if not files:
        raise FileNotFoundError(f"{out_dir} holds no part files (run `sitrep extract ... -o {out_dir}/` first)")
    for path in files:
        for art, events in _rows(path):
            article = Article(id=art["id"], text=art["text"], title=art.get("title"), url=art.get("url"),
                              source=art.get("source"),
                              published=date.fromisoformat(art["published"]) if art.get("published") else None)
            store_article(store, article, events, "en", "extracted", tally)
            if progress is not None:
                progress.update(1)
    return tally
