"""Article readers: JSON Lines, plain text files, stdin.

Every reader yields Articles or ReadErrors; bad items never stop a batch. A
ReadError names the file and line so the user can find and fix the item.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..model import Article
from ..registry import READERS, reader

MAX_TEXT_CHARS = 2_000_000  # ~300 pages: anything longer is not one news article


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
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"article {aid!r} has no 'text'")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"article {aid!r} text is {len(text):,} characters (limit {MAX_TEXT_CHARS:,})")
    if "\x00" in text:
        raise ValueError(f"article {aid!r} text contains NUL bytes (binary data?)")
    opt = lambda k: str(rec[k]) if rec.get(k) not in (None, "") else None  # noqa: E731
    return Article(id=str(aid), text=text, published=_parse_published(rec.get("published"), where),
                   url=opt("url"), title=opt("title"), source=opt("source"))


def _lines(stream, name: str) -> Iterator[Item]:
    any_line = False
    for n, raw in enumerate(stream, 1):
        where = f"{name}:{n}"
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
        try:
            yield article_from_record(rec, where)
        except ValueError as exc:
            yield ReadError(where, str(exc))
    if not any_line:
        yield ReadError(name, "empty input: no articles")


@reader(".jsonl", ".ndjson", ".json")
def read_jsonl(path: Path) -> Iterator[Item]:
    with open(path, "rb") as fh:
        yield from _lines(fh, str(path))


@reader(".txt")
def read_text(path: Path) -> Iterator[Item]:
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
            yield from _lines(sys.stdin.buffer, "<stdin>")
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
