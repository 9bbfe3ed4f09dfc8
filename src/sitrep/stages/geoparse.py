"""Geoparse stage: every place name in the article, resolved (doc.toponyms).

It runs before assembly, which keeps events at different places apart.
By default only articles with event mentions are geoparsed: in `sitrep extract` the
places serve the events, and most news has none. `sitrep geoparse` sets
`all_articles` to list the toponyms of every article."""
from __future__ import annotations

from ..model import Doc
from ..registry import stage


def actor_countries(text: str) -> dict[str, float]:
    """The countries of the actors the article names, as shares: a reader's
    hint of where its places are (named groups and nation-qualified forces
    only; "gunmen" say nothing)."""
    from ..actors import load_actors
    found = [f for f in load_actors().find(text) if f.nation or (f.entry.country and not f.entry.template)]
    counts: dict[str, int] = {}
    for f in found:
        cc = f.nation or f.entry.country
        counts[cc] = counts.get(cc, 0) + 1
    total = sum(counts.values())
    return {cc: n / total for cc, n in counts.items()} if total else {}


@stage("geoparse")
def make_geoparse(all_articles: bool = False, gazetteer=None):
    from ..geo.geoparser import Geoparser
    from ..nlp import entities_many
    parser = Geoparser(gazetteer)

    def batch(docs: list[Doc]) -> None:
        todo = [d for d in docs if all_articles or any(not m.rejected for m in d.mentions)]
        for doc, ents in zip(todo, entities_many([d.article.text for d in todo])):
            doc.toponyms = parser.parse(doc.article.text, ents, actor_countries(doc.article.text))

    def run(doc: Doc) -> None:
        batch([doc])

    run.batch = batch
    return run
