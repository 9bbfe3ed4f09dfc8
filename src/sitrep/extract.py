"""The library's extraction entry point: items in, event records out, with a
tally of what was processed and what was skipped. The CLI (and later the API
and Dask workers) are thin shells over this."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .io.readers import Item, ReadError
from .model import Article, Doc
from .pipeline import Pipeline
from .io import writers  # noqa: F401  (registers the writers)

log = logging.getLogger(__name__)


@dataclass
class Tally:
    articles: int = 0
    events: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


def run_guarded(pipeline: Pipeline, batch: list[Article], skip: Callable[[str], None]) -> list[Doc]:
    """The batch's docs; when a stage fails on the batch, article by article,
    so the one that broke it is reported (via skip) and the rest go on."""
    try:
        return pipeline.run_batch(batch)
    except Exception:
        docs = []
        for article in batch:
            try:
                docs.append(pipeline.run(article))
            except Exception as exc:
                skip(f"article {article.id!r}: extraction failed: {type(exc).__name__}: {exc}")
        return docs


def guarded_docs(items: Iterable[Item], pipeline: Pipeline, skip: Callable[[str], None],
                 batch_size: int = 64) -> Iterator[Doc]:
    """A Doc for every article, in input order, extracted in batches; read
    errors and articles that crash a stage go to skip, the rest go on."""
    batch: list[Article] = []
    for item in items:
        if isinstance(item, ReadError):
            skip(str(item))
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from run_guarded(pipeline, batch, skip)
            batch = []
    if batch:
        yield from run_guarded(pipeline, batch, skip)


def extract_items(items: Iterable[Item], pipeline: Pipeline | None = None,
                  tally: Tally | None = None,
                  on_error: Callable[[str], None] | None = None,
                  batch_size: int = 64) -> Iterator[tuple[Article, dict]]:
    """Yields (article, event record) for every event, in input order and in each
    article's salience order. Bad items and articles that crash a stage are
    counted, reported via on_error (default: logged) and skipped; the batch goes on."""
    pipeline = pipeline or Pipeline()
    tally = tally if tally is not None else Tally()
    report = on_error or log.error

    def skip(msg: str) -> None:
        tally.skipped += 1
        tally.errors.append(msg)
        report(msg)

    for doc in guarded_docs(items, pipeline, skip, batch_size):
        tally.articles += 1
        for event in doc.events:
            tally.events += 1
            yield doc.article, event.to_record()
