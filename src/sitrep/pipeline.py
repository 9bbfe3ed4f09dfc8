"""Runs the configured stages, in order, over articles. Nothing else knows the
order: the CLI, the evaluator and (later) the API and Dask workers all call
Pipeline.run / Pipeline.pipe."""
from __future__ import annotations

from typing import Iterable, Iterator

from . import registry
from .model import Article, Doc
# Importing the stage modules registers them.
from .stages import assemble, codebook, dates, detect, modality, segment  # noqa: F401

DEFAULT_STAGES = ("segment", "detect", "codebook", "dates", "modality", "assemble")


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
        doc = Doc(article)
        for stage in self.stages:
            stage(doc)
        doc.parses.clear()  # parses are scratch space: do not hold them per article
        return doc

    def pipe(self, articles: Iterable[Article]) -> Iterator[Doc]:
        for article in articles:
            yield self.run(article)
