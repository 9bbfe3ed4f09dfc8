"""The lookup attribute ruler must give exactly what spaCy's ruler gives:
every token's POS, tag, morphology, lemma and dependency, on our sample
articles and on sentences that reach its rarer rules."""
import json
from pathlib import Path

import pytest
import spacy

from sitrep.fast_attributes import FastAttributeRuler, Unsupported, compile_rules, use_fast_attributes
from sitrep.nlp import MODEL_PACKAGE
from sitrep.stages.segment import segment

ROOT = Path(__file__).resolve().parents[1]

# Written for this test: contractions, expletives, auxiliaries, pronoun cases,
# whitespace tokens, subordinators, "but" as an adverb, dialect forms.
RARE = [
    "Y'all ain't gonna believe it, nothin' happened.",
    "There is a man who did it, and there were two others.",
    "I told you that it was him, but you didn't listen to me.",
    "Let's go  \n  now; he's got ta leave because it's late.",
    "They have done what they had to do, whether or not we agree.",
    "It is not clear who fired first, though both sides have blamed each other.",
    "Gunmen killed 12 people in   Kano on Monday , police said .",
    "We'd have left if we could've.",
    "All but one of them were freed; nobody else was hurt.",
]


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load(MODEL_PACKAGE, exclude=["ner"])
    fast = spacy.load(MODEL_PACKAGE, exclude=["ner"])
    use_fast_attributes(fast)
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    return stock, fast


def _texts() -> list[str]:
    out = list(RARE)
    with open(ROOT / "samples" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            out += [s.text for s in segment(json.loads(line)["text"])]
    return out


def _view(tok):
    return tok.text, tok.pos_, tok.tag_, str(tok.morph), tok.lemma_, tok.dep_


def test_same_annotations_as_spacy(pipelines):
    stock, fast = pipelines
    texts = _texts()
    assert len(texts) > 40
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert [_view(t) for t in a] == [_view(t) for t in b], a.text


def test_whole_articles_too(pipelines):
    stock, fast = pipelines
    with open(ROOT / "samples" / "articles.jsonl", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert [_view(t) for t in a] == [_view(t) for t in b]


def test_unreadable_rules_keep_spacy_ruler():
    nlp = spacy.load(MODEL_PACKAGE, exclude=["ner"])
    odd = [{"patterns": [[{"SHAPE": "dd"}]], "attrs": {"POS": "NUM"}}]
    with pytest.raises(Unsupported):
        compile_rules(odd, nlp.vocab.strings)
    nlp.get_pipe("attribute_ruler").add_patterns(odd)
    use_fast_attributes(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
