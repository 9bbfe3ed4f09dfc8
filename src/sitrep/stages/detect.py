"""Event mentions: which sentences report an event, and of which ACLED sub-type.

Two steps: the trigger lexicon discards sentences with no event cue at all
(cheap, and most sentences of a news article), then the sub-type classifier
labels the rest, NONE included, so "the minister met his counterpart" is dropped.
"""
from __future__ import annotations

from ..classify.corpus import NONE_LABEL
from ..classify.model import load_classifier
from ..lexicon import load_triggers
from ..model import Doc, Mention
from ..ontology import load_ontology
from ..registry import stage

MIN_SCORE = 0.30  # below this the classifier is guessing among many sub-types


def find_trigger(text: str, sub_type: str) -> tuple[int, int] | None:
    """Span of the first cue of the predicted sub-type (else of any cue)."""
    lex = load_triggers()
    m = lex.cues[sub_type].search(text.lower()) or lex.any_cue.search(text.lower())
    return (m.start(), m.end()) if m else None


@stage("detect")
def make_detect(min_score: float = MIN_SCORE, classifier=None):
    """classifier: a SubtypeClassifier; default: the model built from our corpus."""
    lex, ontology = load_triggers(), load_ontology()

    def run(doc: Doc) -> None:
        candidates = [s for s in doc.sentences if lex.has_cue(s.text)]
        if not candidates:
            return
        predictions = (classifier or load_classifier()).predict([s.text for s in candidates])
        for sent, pred in zip(candidates, predictions):
            if pred.label == NONE_LABEL or pred.score < min_score:
                continue
            span = find_trigger(sent.text, pred.label)
            doc.mentions.append(Mention(
                sentence=sent, sub_event_type=str(pred.label),
                event_type=ontology.event_type_of(pred.label), score=pred.score,
                trigger=sent.text[span[0]:span[1]] if span else None, trigger_span=span))
    return run
