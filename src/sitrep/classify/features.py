"""Feature extraction for the sub-type classifier.

Words and word pairs carry most of the signal; character n-grams survive
inflection and spelling ("air strike"/"airstrikes"); lexicon cue tokens tie the
model to the trigger lexicon, so an edit to triggers.yaml reaches the model.
"""
from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from ..lexicon import load_triggers


def cue_tokens(text: str) -> str:
    """'__cue_air_drone_strike__ ...' for every lexicon cue group that fires."""
    hits = load_triggers().hits(text)
    return " ".join("__cue_" + "".join(c if c.isalnum() else "_" for c in name.lower()) + "__"
                    for name in hits)


def _cue_analyzer(text: str) -> list[str]:
    return cue_tokens(text).split()


def make_features() -> FeatureUnion:
    return FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                                  lowercase=True, token_pattern=r"(?u)\b\w[\w'-]*\b")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                                  sublinear_tf=True, max_features=60000)),
        ("cues", TfidfVectorizer(analyzer=_cue_analyzer, lowercase=False)),
    ])
