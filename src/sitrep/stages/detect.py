"""Event mentions: which sentences report an event, and of which ACLED sub-type.

Two steps: the trigger lexicon discards sentences with no event cue at all
(cheap, and most sentences of a news article), then the sub-type classifier
labels the rest, NONE included, so "the minister met his counterpart" is dropped.
"""
from __future__ import annotations

from ..classify.model import load_classifier
from ..lexicon import load_triggers
from ..model import Doc, Mention
from ..ontology import load_ontology
from ..registry import stage

# A sentence reports an event when the classifier puts at least this much
# probability on the ACLED sub-types together (vs NONE); which sub-type is a
# separate question, so mass split between two close sub-types still counts.
MIN_EVENT_MASS = 0.5


def find_triggers(text: str, sub_type: str) -> list[tuple[int, int]]:
    """Spans of the cues of the predicted sub-type (else of any cue), in order."""
    lex = load_triggers()
    low = text.lower()
    spans = [m.span() for m in lex.cues[sub_type].finditer(low)]
    return spans or [m.span() for m in lex.any_cue.finditer(low)]


def find_trigger(text: str, sub_type: str) -> tuple[int, int] | None:
    spans = find_triggers(text, sub_type)
    return spans[0] if spans else None


@stage("detect")
def make_detect(min_event_mass: float = MIN_EVENT_MASS, classifier=None):
    """classifier: a SubtypeClassifier; default: the model built from our corpus."""
    lex, ontology = load_triggers(), load_ontology()

    def run_batch(docs: list[Doc]) -> None:
        # One classifier call for the whole batch: its per-call cost dominates short texts.
        candidates = [(doc, s) for doc in docs for s in doc.sentences if lex.has_cue(s.text)]
        if not candidates:
            return
        predictions = (classifier or load_classifier()).predict([s.text for _, s in candidates])
        for (doc, sent), pred in zip(candidates, predictions):
            if pred.event_mass < min_event_mass:
                continue
            label, score = pred.best_event()
            span = find_trigger(sent.text, label)
            doc.mentions.append(Mention(
                sentence=sent, sub_event_type=label, ranked=pred.ranked,
                event_type=ontology.event_type_of(label), score=score,
                trigger=sent.text[span[0]:span[1]] if span else None))

    def run(doc: Doc) -> None:
        run_batch([doc])

    run.batch = run_batch
    return run
