"""Inputs to partitions and partitions to articles. A plain JSON Lines file
is cut into byte ranges at line ends (read without the rest of the file);
a gzip file is one partition (gzip cannot be entered mid-stream); a Parquet
file gives one partition per row group; other files are one partition each."""
from __future__ import annotations

import glob
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..io.readers import READERS, Item, ReadError, article_from_record, jsonl_items, read_inputs

SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet", ".txt", ".csv")
DEFAULT_PARTITION_BYTES = 4_000_000   # ~2,000 short news articles


@dataclass(frozen=True)
class Partition:
    id: str          # stable across runs: the checkpoint key
    path: str
    kind: str        # jsonl-range | gzip | parquet | file
    start: int = 0   # jsonl-range: byte offsets; parquet: row group
    end: int = 0


def _wanted(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def expand_inputs(inputs: list[str]) -> tuple[list[Path], list[str]]:
    """Files from paths, folders (recursively) and globs; and what matched nothing."""
    files, missing = [], []
    for name in inputs:
        p = Path(name)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and _wanted(f))
        elif any(c in name for c in "*?["):
            found = sorted(Path(f) for f in glob.glob(name, recursive=True) if Path(f).is_file())
        else:
            found = [p] if p.is_file() else []
        if not found:
            missing.append(name)
        files.extend(found)
    seen, unique = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, missing


def _pid(path: Path, k: int) -> str:
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
    stem = path.name.split(".")[0][:40]
    return f"{stem}-{digest}-{k:05d}"


def _line_ranges(path: Path, size: int) -> list[tuple[int, int]]:
    total = path.stat().st_size
    cuts, pos = [0], 0
    with open(path, "rb") as fh:
        while pos + size < total:
            fh.seek(pos + size)
            fh.readline()   # to the end of the line the cut falls in
            pos = fh.tell()
            if pos >= total:
                break
            cuts.append(pos)
    cuts.append(total)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def plan(files: list[Path], partition_bytes: int = DEFAULT_PARTITION_BYTES) -> list[Partition]:
    parts = []
    for path in files:
        name = path.name.lower()
        if name.endswith((".jsonl", ".ndjson")):
            ranges = _line_ranges(path, partition_bytes) or [(0, 0)]
            parts += [Partition(_pid(path, k), str(path), "jsonl-range", a, b) for k, (a, b) in enumerate(ranges)]
        elif name.endswith(".parquet"):
            try:
                import pyarrow.parquet as pq
                groups = pq.ParquetFile(path).num_row_groups
            except Exception:   # a bad file is one partition that fails when read, with its name
                groups = 1
            parts += [Partition(_pid(path, k), str(path), "parquet", k, k + 1) for k in range(max(groups, 1))]
        elif name.endswith(".gz"):
            parts.append(Partition(_pid(path, 0), str(path), "gzip"))
        else:
            parts.append(Partition(_pid(path, 0), str(path), "file"))
    return parts


def read_partition(part: Partition) -> Iterator[Item]:
    """The partition's articles (and item errors). A file that cannot be read
    at all raises, failing only this partition."""
    path = Path(part.path)
    if part.kind == "jsonl-range":
        with open(path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
        yield from jsonl_items(io.BytesIO(data), f"{path}@{part.start}")
    elif part.kind == "parquet":
        import pyarrow.parquet as pq
        table = pq.ParquetFile(path).read_row_group(part.start)   # a bad file raises: its partition fails
        for n, rec in enumerate(table.to_pylist(), 1):
            where = f"{path}#rowgroup{part.start}:{n}"
            try:
                yield article_from_record(rec, where)
            except ValueError as exc:
                yield ReadError(where, str(exc))
    elif part.kind == "gzip" or path.suffix.lower() in READERS:
        yield from read_inputs([str(path)])
    else:
        yield ReadError(str(path), "unknown input type")
