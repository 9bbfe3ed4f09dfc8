"""One partition, start to finish, on whichever process runs it: read,
extract (with this process's one pipeline), write the part file atomically,
then the checkpoint marker. A partition with a marker is never redone, so a
retried or repeated task does not write it twice."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from ..extract import Tally, guarded_docs
from .partitions import Partition, read_partition

_PIPELINE = None   # one per worker process: models load once, not per partition
BATCH = 64


def pipeline():
    global _PIPELINE
    if _PIPELINE is None:
        from ..pipeline import Pipeline
        _PIPELINE = Pipeline()
    return _PIPELINE


def marker(out_dir: Path, part: Partition) -> Path:
    return out_dir / "_done" / f"{part.id}.json"


def part_file(out_dir: Path, part: Partition, fmt: str) -> Path:
    return out_dir / f"part-{part.id}.{fmt}"


def _article_row(article) -> dict:
    return {"id": article.id, "title": article.title, "url": article.url, "source": article.source,
            "published": article.published.isoformat() if article.published else None, "text": article.text}


def _write(rows: list[dict], path: Path, fmt: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq
        table = pa.Table.from_pylist([dict(r["article"], events=json.dumps(r["events"], ensure_ascii=False))
                                      for r in rows],
                                     schema=pa.schema([(k, pa.string()) for k in
                                                       ("id", "title", "url", "source", "published", "text",
                                                        "events")]))
        pq.write_table(table, tmp)
    else:
        with open(tmp, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(tmp, path)   # the part appears whole or not at all


def process_partition(part: Partition, out_dir: str, fmt: str = "jsonl") -> dict:
    """Returns the partition's report: {id, status: done|skipped|failed, articles, events, skipped, errors}."""
    out = Path(out_dir)
    done = marker(out, part)
    if done.is_file():
        return dict(json.loads(done.read_text()), status="skipped")
    t0 = time.perf_counter()
    tally = Tally()
    errors: list[str] = []

    def skip(msg: str) -> None:
        tally.skipped += 1
        errors.append(msg)

    rows = []
    try:
        for doc in guarded_docs(read_partition(part), pipeline(), skip, BATCH):
            tally.articles += 1
            tally.events += len(doc.events)
            rows.append({"article": _article_row(doc.article), "events": [e.to_record() for e in doc.events]})
    except Exception as exc:   # noqa: BLE001 - an unreadable file fails its partition only
        return {"id": part.id, "path": part.path, "status": "failed", "articles": 0, "events": 0,
                "skipped": tally.skipped, "errors": errors + [f"{part.path}: {type(exc).__name__}: {exc}"]}
    out.mkdir(parents=True, exist_ok=True)
    _write(rows, part_file(out, part, fmt), fmt)
    report = {"id": part.id, "path": part.path, "status": "done", "articles": tally.articles, "events": tally.events,
              "skipped": tally.skipped, "errors": errors[:50], "seconds": round(time.perf_counter() - t0, 2)}
    done.parent.mkdir(parents=True, exist_ok=True)
    tmp = done.with_name(f".{done.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(report))
    os.replace(tmp, done)   # the checkpoint: written after the part file, never before
    return report
