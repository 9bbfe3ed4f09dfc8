"""Geoparse stage: every place name in the article, resolved (doc.toponyms).

It runs before assembly, which keeps events at different places apart.
By default only articles with event mentions are geoparsed: in `sitrep extract` the
places serve the events, and most news has none. `sitrep geoparse` sets
`all_articles` to list the toponyms of every article."""
from __future__ import annotations

from ..geo.recognize import names_anything
from ..model import Doc
from ..registry import stage
from .actors import CONTEXT_PARAGRAPHS
from .claims import CLAIM_PARAGRAPHS
from .segment import segment


def actor_countries(text: str) -> dict[str, float]:
    """The countries of the actors the article names, as shares: a reader's
    hint of where its places are (named groups and nation-qualified forces
    only; "gunmen" say nothing). A group whose theatre is abroad points to
    its theatre: the "Saudi-led coalition" strikes in Yemen."""
    from ..actors import load_actors
    from ..geo.theatres import load_theatres
    found = [f for f in load_actors().find(text) if f.nation or (f.entry.country and not f.entry.template)]
    theatres = load_theatres().spans(text)
    counts: dict[str, float] = {}
    for f in found:
        cc = f.nation or f.entry.country
        where = next((ccs for s, e, ccs in theatres if s < f.end and f.start < e), None)
        targets = [cc] if where is None or cc in where else sorted(where)
        for c in targets:   # one vote, shared among the theatre's countries
            counts[c] = counts.get(c, 0) + 1 / len(targets)
    total = sum(counts.values())
    return {cc: n / total for cc, n in counts.items()} if total else {}


def event_paragraphs(doc: Doc, after: int = max(CLAIM_PARAGRAPHS, CONTEXT_PARAGRAPHS)) -> set[int]:
    """Paragraphs an event's stages read: those with a kept mention and the
    `after` paragraphs that follow (where claims and actors are looked for),
    and the headline and lead."""
    body = [s.paragraph for s in doc.sentences if not s.is_heading]
    out = {s.paragraph for s in doc.sentences if s.is_heading} | set(body[:1])
    for m in doc.mentions:
        if not m.rejected:
            out.update(range(m.sentence.paragraph, m.sentence.paragraph + after + 1))
    return out


def named_stretches(doc: Doc, known, paragraphs: set[int] | None = None) -> list[tuple[int, int]]:
    """Runs of consecutive sentences of a paragraph that may name places
    (in `paragraphs` only, if given): NER reads only these, each run as one
    text so a name keeps the words around it. Elsewhere the geoparser still
    finds places from the text's own cues ("in X", "the village of X") and
    from the gazetteer's countries, regions and large cities."""
    sentences = doc.sentences or segment(doc.article.text)
    runs: list[list] = []
    last = None   # index of the last sentence taken
    for i, s in enumerate(sentences):
        if (paragraphs is not None and s.paragraph not in paragraphs) or not names_anything(s.text, known):
            continue
        if runs and last == i - 1 and s.paragraph == runs[-1][-1].paragraph:
            runs[-1].append(s)
        else:
            runs.append([s])
        last = i
    return [(r[0].start, r[-1].end) for r in runs]


@stage("geoparse")
def make_geoparse(all_articles: bool = False, gazetteer=None):
    from ..geo.geoparser import Geoparser
    from ..nlp import entities_in
    parser = Geoparser(gazetteer)

    def batch(docs: list[Doc]) -> None:
        todo = [d for d in docs if all_articles or any(not m.rejected for m in d.mentions)]
        # Extracting events, NER reads only the paragraphs the events are told in.
        stretches = [named_stretches(d, parser.gaz.lookup, None if all_articles else event_paragraphs(d))
                     for d in todo]
        for doc, ents in zip(todo, entities_in([d.article.text for d in todo], stretches)):
            doc.toponyms = parser.parse(doc.article.text, ents, actor_countries(doc.article.text))

    def run(doc: Doc) -> None:
        batch([doc])

    run.batch = batch
    return run
