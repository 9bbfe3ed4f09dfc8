"""Article readers: JSON Lines (plain or gzip), CSV, plain text files, stdin.

Every reader yields Articles or ReadErrors; bad items never stop a batch. A
ReadError names the file and line so the user can find and fix the item.
Reading is bounded: no line, file or decompressed stream larger than the
limits below is ever held in memory, whatever the input claims to be.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..model import Article
from ..registry import READERS, reader

MAX_TEXT_CHARS = 2_000_000  # ~300 pages: anything longer is not one news article
MAX_LINE_BYTES = 4 * MAX_TEXT_CHARS + 65_536   # one JSONL article at most (UTF-8 is at most 4 bytes a character)
MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS            # one .txt article
GZIP_MAX_RATIO = 100        # news text compresses ~4x; far more is a bomb, not an archive
GZIP_MIN_WINDOW = 64_000      # compressed bytes before the ratio is judged


@dataclass
class ReadError:
    where: str     # "file.jsonl:12"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Item = Union[Article, ReadError]


def _parse_published(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"'published' is not a YYYY-MM-DD date: {value!r}") from None


def article_from_record(rec, where: str) -> Article:
    if not isinstance(rec, dict):
        raise ValueError(f"expected a JSON object, got {type(rec).__name__}")
    aid, text = rec.get("id"), rec.get("text")
    if aid in (None, ""):
        raise ValueError("article has no 'id'")
    if isinstance(aid, bool) or not isinstance(aid, (str, int)):
        raise ValueError(f"'id' must be a string or a whole number, got {type(aid).__name__}")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"article {aid!r} has no 'text'")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"article {aid!r} text is {len(text):,} characters (limit {MAX_TEXT_CHARS:,})")
    if "\x00" in text:
        raise ValueError(f"article {aid!r} text contains NUL bytes (binary data?)")
    opt = lambda k: str(rec[k]) if rec.get(k) not in (None, "") else None  # noqa: E731
    return Article(id=str(aid), text=text, published=_parse_published(rec.get("published"), where),
                   url=opt("url"), title=opt("title"), source=opt("source"))


def bounded_lines(stream, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | None]:
    """The stream's lines; None for a line over `limit` bytes, which is
    skipped without ever being held whole."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:   # drain the rest of the over-long line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def jsonl_items(stream, name: str) -> Iterator[Item]:
    any_line = False
    for n, raw in enumerate(bounded_lines(stream), 1):
        where = f"{name}:{n}"
        if raw is None:
            any_line = True
            yield ReadError(where, f"line longer than {MAX_LINE_BYTES:,} bytes: not one article")
            continue
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield ReadError(where, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        if not line.strip():
            continue
        any_line = True
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            yield ReadError(where, "JSON nested too deeply to be an article")
            continue
        try:
            yield article_from_record(rec, where)
        except ValueError as exc:
            yield ReadError(where, str(exc))
    if not any_line:
        yield ReadError(name, "empty input: no articles")


@reader(".jsonl", ".ndjson", ".json")
def read_jsonl(path: Path) -> Iterator[Item]:
    with open(path, "rb") as fh:
        yield from jsonl_items(fh, str(path))


class _Budget(io.RawIOBase):
    """A decompressing reader that stops as soon as more comes out than any
    real archive would give for the compressed bytes read so far (a gzip
    bomb is caught after a few MB, not at the end)."""

    def __init__(self, raw):
        self.raw = raw
        self.inner = gzip.GzipFile(fileobj=self.raw, mode="rb")
        self.out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        data = self.inner.read(len(buf))
        self.out += len(data)
        if self.out > GZIP_MAX_RATIO * max(self.raw.tell(), GZIP_MIN_WINDOW):
            raise ValueError(f"decompresses to more than {GZIP_MAX_RATIO}x its size: a gzip bomb?")
        buf[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self.inner.close()
        self.raw.close()
        super().close()


@reader(".gz")
def read_gzip(path: Path) -> Iterator[Item]:
    """gzip-compressed JSON Lines (.jsonl.gz, .ndjson.gz). A corrupt member
    or a bomb stops this file with an error naming it; articles before it
    are kept."""
    if not path.name.lower().endswith((".jsonl.gz", ".ndjson.gz", ".json.gz")):
        yield ReadError(str(path), "only gzip-compressed JSON Lines (.jsonl.gz) are read")
        return
    with open(path, "rb") as raw:
        yield from gzip_items(raw, str(path))


def gzip_items(raw, name: str) -> Iterator[Item]:
    """Articles from a gzip-compressed JSON Lines stream (binary, seekable or not)."""
    try:
        with io.BufferedReader(_Budget(raw), buffer_size=1 << 16) as fh:
            yield from jsonl_items(fh, name)
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        yield ReadError(name, f"corrupt or unsafe gzip: {exc}")


@reader(".parquet")
def read_parquet(path: Path) -> Iterator[Item]:
    """Articles from a Parquet file with `id` and `text` columns, one row
    group at a time (memory stays one row group)."""
    try:
        import pyarrow.parquet as pq
        pf = pq.ParquetFile(path)
    except Exception as exc:   # noqa: BLE001 - pyarrow raises several kinds for a bad file
        yield ReadError(str(path), f"not a readable Parquet file ({type(exc).__name__}: {exc})")
        return
    for g in range(pf.num_row_groups):
        try:
            rows = pf.read_row_group(g).to_pylist()
        except Exception as exc:   # noqa: BLE001
            yield ReadError(f"{path}#rowgroup{g}", f"unreadable row group ({type(exc).__name__}: {exc})")
            continue
        for n, rec in enumerate(rows, 1):
            where = f"{path}#rowgroup{g}:{n}"
            try:
                yield article_from_record(rec, where)
            except ValueError as exc:
                yield ReadError(where, str(exc))


CSV_COLUMNS = ("id", "text", "title", "published", "url", "source")


@reader(".csv")
def read_csv(path: Path) -> Iterator[Item]:
    """A spreadsheet of articles: a header row naming at least `id` and `text`
    (and any of title, published, url, source)."""
    with open(path, "rb") as raw:
        yield from csv_items(raw, str(path))


def csv_items(raw, path: str) -> Iterator[Item]:
    """Articles from a CSV stream (binary)."""
    csv.field_size_limit(MAX_LINE_BYTES)
    rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline=""))
    try:
        header = rows.fieldnames or []
        if "id" not in header or "text" not in header:
            yield ReadError(f"{path}:1", f"a CSV of articles needs 'id' and 'text' columns, found {header[:8]}")
            return
        n = 1
        for n, row in enumerate(rows, 2):
            rec = {k: row.get(k) for k in CSV_COLUMNS}
            try:
                yield article_from_record(rec, f"{path}:{n}")
            except ValueError as exc:
                yield ReadError(f"{path}:{n}", str(exc))
        if n == 1:
            yield ReadError(path, "empty input: no articles")
    except UnicodeDecodeError as exc:
        yield ReadError(path, f"not valid UTF-8 ({exc.reason})")
    except csv.Error as exc:
        yield ReadError(f"{path}:{rows.line_num}", f"malformed CSV ({exc})")


@reader(".txt")
def read_text(path: Path) -> Iterator[Item]:
    if path.stat().st_size > MAX_FILE_BYTES:
        yield ReadError(str(path), f"{path.stat().st_size:,} bytes: too large for one article "
                                   f"(limit {MAX_FILE_BYTES:,})")
        return
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        yield ReadError(str(path), "binary file, not text")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield ReadError(str(path), f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
        return
    if not text.strip():
        yield ReadError(str(path), "empty file: no article text")
        return
    if len(text) > MAX_TEXT_CHARS:
        yield ReadError(str(path), f"{len(text):,} characters (limit {MAX_TEXT_CHARS:,})")
        return
    yield Article(id=path.name, text=text, title=text.strip().split("\n", 1)[0][:200])


def read_inputs(inputs: Iterable[str]) -> Iterator[Item]:
    """Articles from each input: a file by its suffix, or '-' for stdin (JSON Lines)."""
    for name in inputs:
        if name == "-":
            yield from jsonl_items(sys.stdin.buffer, "<stdin>")
            continue
        path = Path(name)
        if not path.is_file():
            yield ReadError(name, "no such file")
            continue
        read = READERS.get(path.suffix.lower())
        if read is None:
            yield ReadError(name, f"unknown input type {path.suffix!r} (known: {', '.join(sorted(READERS))})")
            continue
        try:
            yield from read(path)
        except OSError as exc:
            yield ReadError(name, f"cannot read: {exc.strerror or exc}")
