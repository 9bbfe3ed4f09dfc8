"""The library entry point: batching and per-article error isolation."""
from datetime import date

from conftest import SAMPLES
from sitrep import registry
from sitrep.extract import Tally, extract_items
from sitrep.io.readers import read_inputs
from sitrep.model import Article
from sitrep.pipeline import DEFAULT_STAGES, Pipeline


def test_batched_equals_one_by_one(pipeline):
    articles = [a for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)]
    one_by_one = [[e.to_record() for e in pipeline.run(a).events] for a in articles]
    batched = [[e.to_record() for e in d.events] for d in pipeline.pipe(articles, batch_size=3)]
    assert batched == one_by_one
    assert sum(map(len, batched)) > 0


@registry.stage("fail_on_poison")
def _make_fail_on_poison():
    """A real extension stage that breaks on one article, as a buggy plug-in would."""
    def run(doc):
        if "poison" in doc.article.text:
            raise RuntimeError("plug-in failure")
    return run


def test_a_crashing_article_does_not_sink_its_batch():
    pipeline = Pipeline(DEFAULT_STAGES + ("fail_on_poison",))
    items = [Article("a", "Gunmen abducted five aid workers on Sunday.", date(2024, 1, 8)),
             Article("b", "poison: militants shelled the town on Sunday."),
             Article("c", "Warplanes bombed a market on Monday, killing nine.", date(2024, 1, 9))]
    errors, tally = [], Tally()
    out = list(extract_items(items, pipeline, tally, on_error=errors.append))
    assert {art.id for art, _ in out} == {"a", "c"}
    assert tally.articles == 2 and tally.skipped == 1
    assert errors == ["article 'b': extraction failed: RuntimeError: plug-in failure"]
