"""Running every partition: in this process, one after another (constant
memory: one partition's articles at a time), or on Dask (a local cluster of
N worker processes, or an existing scheduler). Finished partitions are
skipped on a rerun; a failed one is reported and redone next time."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .partitions import DEFAULT_PARTITION_BYTES, expand_inputs, plan
from .worker import process_partition

RETRIES = 2


@dataclass
class RunReport:
    partitions: int = 0
    done: int = 0
    skipped: int = 0        # finished in an earlier run
    failed: int = 0
    articles: int = 0
    events: int = 0
    items_skipped: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, rep: dict) -> None:
        status = rep["status"]
        setattr(self, status, getattr(self, status) + 1)
        if status == "done":
            self.articles += rep["articles"]
            self.events += rep["events"]
            self.items_skipped += rep["skipped"]
        if status != "skipped":
            self.errors += rep.get("errors") or []


def _dask_client(workers: int, scheduler: str | None):
    import logging
    from dask.distributed import Client, LocalCluster
    logging.getLogger("distributed").setLevel(logging.ERROR)   # its start/stop chatter is not the user's news
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=40)
    return Client(cluster), cluster


def run(inputs: list[str], out_dir: str | Path, workers: int = 0, scheduler: str | None = None,
        fmt: str = "jsonl", partition_bytes: int = DEFAULT_PARTITION_BYTES,
        on_report: Callable[[dict], None] | None = None) -> RunReport:
    """Extract every partition of the inputs into out_dir (part files plus
    _done/ markers and _manifest.json)."""
    if fmt not in ("jsonl", "parquet"):
        raise ValueError(f"partitioned output is jsonl or parquet, not {fmt!r}")
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files, missing = expand_inputs(inputs)
    parts = plan(files, partition_bytes)
    report = RunReport(partitions=len(parts), errors=[f"{m}: no matching input files" for m in missing])
    note = on_report or (lambda rep: None)
    if workers or scheduler:
        client, cluster = _dask_client(workers, scheduler)
        try:
            from dask.distributed import as_completed
            futures = {client.submit(process_partition, p, str(out.resolve()), fmt, key=f"sitrep-part-{p.id}",
                                     retries=RETRIES, pure=False): p for p in parts}
            for fut in as_completed(futures):
                try:
                    rep = fut.result()
                except Exception as exc:   # noqa: BLE001 - retries exhausted: this partition fails, not the run
                    p = futures[fut]
                    rep = {"id": p.id, "path": p.path, "status": "failed",
                           "errors": [f"{p.path}: {type(exc).__name__}: {exc}"]}
                report.add(rep)
                note(rep)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        for p in parts:
            rep = process_partition(p, str(out), fmt)
            report.add(rep)
            note(rep)
    report.seconds = round(time.perf_counter() - t0, 2)
    (out / "_manifest.json").write_text(json.dumps(
        {"inputs": inputs, "format": fmt, "partitions": [p.__dict__ for p in parts],
         "last_run": {k: v for k, v in report.__dict__.items() if k != "errors"},
         "errors": report.errors[:200]}, indent=1))
    return report
