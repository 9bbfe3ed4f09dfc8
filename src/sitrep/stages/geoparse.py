"""Geoparse stage: every place name in the article, resolved (doc.toponyms).

It runs before assembly, which keeps events at different places apart.
By default only articles with event mentions are geoparsed: in `sitrep extract` the
places serve the events, and most news has none. `sitrep geoparse` sets
`all_articles` to list the toponyms of every article."""
from __future__ import annotations

from ..model import Doc
from ..registry import stage


@stage("geoparse")
def make_geoparse(all_articles: bool = False, gazetteer=None):
    from ..geo.geoparser import Geoparser
    from ..nlp import entities_many
    parser = Geoparser(gazetteer)

    def batch(docs: list[Doc]) -> None:
        todo = [d for d in docs if all_articles or any(not m.rejected for m in d.mentions)]
        for doc, ents in zip(todo, entities_many([d.article.text for d in todo])):
            doc.toponyms = parser.parse(doc.article.text, ents)

    def run(doc: Doc) -> None:
        batch([doc])

    run.batch = batch
    return run
