"""Runs the configured stages, in order, over articles. Nothing else knows the
order: the CLI, the evaluator and (later) the API and Dask workers all call
Pipeline.run / Pipeline.pipe."""
from __future__ import annotations

from typing import Iterable, Iterator

from . import registry
from .model import Article, Doc
# Importing the stage modules registers them.
from .stages import actors, assemble, claims, codebook, dates, detect, figures, geoparse, locate, modality, notes, segment  # noqa: F401

DEFAULT_STAGES = ("segment", "detect", "codebook", "dates", "modality", "geoparse", "assemble", "locate",
                  "figures", "actors", "claims", "notes")


class Pipeline:
    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, config: dict[str, dict] | None = None):
        """config: keyword arguments per stage name, e.g. {"detect": {"classifier": clf}}."""
        self.names = list(stages)
        config = config or {}
        unknown = [n for n in self.names if n not in registry.STAGES]
        if unknown:
            raise ValueError(f"unknown pipeline stage(s) {unknown}; known: {sorted(registry.STAGES)}")
        self.stages = [registry.STAGES[n](**config.get(n, {})) for n in self.names]

    def run(self, article: Article) -> Doc:
        return self.run_batch([article])[0]

    def run_batch(self, articles: list[Article]) -> list[Doc]:
        """All stages over a batch; a stage with a `batch` method sees the whole
        batch at once (one classifier call, one spaCy batch), others each doc."""
        docs = [Doc(a) for a in articles]
        for stage in self.stages:
            if hasattr(stage, "batch"):
                stage.batch(docs)
            else:
                for doc in docs:
                    stage(doc)
        for doc in docs:
            doc.parses.clear()  # parses are scratch space: do not hold them per article
        return docs

    def pipe(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[Doc]:
        """Docs in input order, processed in batches of `batch_size` articles."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self.run_batch(batch)
                batch = []
        if batch:
            yield from self.run_batch(batch)
