"""Event mentions: which sentences report an event, and of which ACLED sub-type.

Two steps: the trigger lexicon discards sentences with no event cue at all
(cheap, and most sentences of a news article), then the sub-type classifier
labels the rest, NONE included, so "the minister met his counterpart" is dropped.
"""
from __future__ import annotations

from ..classify.model import load_classifier
import re

from ..lexicon import load_triggers
from ..model import Doc, Mention
from ..ontology import load_ontology
from ..registry import stage

# A sentence reports an event when the classifier puts at least this much
# probability on the ACLED sub-types together (vs NONE); which sub-type is a
# separate question, so mass split between two close sub-types still counts.
MIN_EVENT_MASS = 0.5
# A second event in the same sentence ("jets bombed A, while rebels took B")
# needs this much probability for a sub-type of another event type, its own
# cue, and a clause boundary between the two cues.
MIN_SECOND = 0.2
_CLAUSE_BREAK = re.compile(r";|,\s*(?:while|whereas|and|as|after|before|but)\b|\s(?:while|whereas|meanwhile)\b|\.\s")


def find_triggers(text: str, sub_type: str) -> list[tuple[int, int]]:
    """Spans of the cues of the predicted sub-type (else of any cue), in order."""
    lex = load_triggers()
    low = text.lower()
    spans = [m.span() for m in lex.cues[sub_type].finditer(low)]
    return spans or [m.span() for m in lex.any_cue.finditer(low)]


def find_trigger(text: str, sub_type: str) -> tuple[int, int] | None:
    spans = find_triggers(text, sub_type)
    return spans[0] if spans else None


def second_event(text: str, label: str, pred, ontology) -> list[tuple[str, float]]:
    """A second event told in another clause of the same sentence, if any."""
    first_type = ontology.event_type_of(label)
    lex = load_triggers()
    own = [m.span() for m in lex.cues[label].finditer(text.lower())]
    for lab, p in pred.ranked[1:]:
        if p < MIN_SECOND:
            break
        if lab not in lex.cues or ontology.same_event_family(lab, label) \
                or ontology.event_type_of(lab) == first_type:
            continue
        other = [m.span() for m in lex.cues[lab].finditer(text.lower())
                 if not any(a < m.end() and m.start() < b for a, b in own)
                 and not lex.in_consequence(text, *m.span())]  # "fighting broke out, killing 32": the toll
        if own and other:
            lo, hi = sorted([own[0], other[0]])
            if _CLAUSE_BREAK.search(text[lo[1]:hi[0]]):
                return [(lab, p)]
        break  # only the runner-up is considered
    return []


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
            for lab, p in [(label, score)] + second_event(sent.text, label, pred, ontology):
                span = find_trigger(sent.text, lab)
                doc.mentions.append(Mention(
                    sentence=sent, sub_event_type=lab, ranked=pred.ranked,
                    event_type=ontology.event_type_of(lab), score=p,
                    trigger_at=(sent.start + span[0], sent.start + span[1]) if span else None))

    def run(doc: Doc) -> None:
        run_batch([doc])

    run.batch = run_batch
    return run
