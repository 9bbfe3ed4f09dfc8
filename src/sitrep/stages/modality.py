"""Keeps only what happened: drops mentions of planned, threatened, future,
hypothetical, denied or negated actions, background history and aggregates;
and decides which date expression dates the event itself.

Reads the dependency parse of the (few) mention sentences: a cue counts when it
governs the trigger, walking up from the trigger to the clause that reports it,
so "officials said rebels attacked" is kept and "rebels threatened to attack"
is not. Dropped mentions keep their reason in `Mention.rejected` for debugging.
"""
from __future__ import annotations

from ..lexicon import load_modality
from ..model import Doc, Mention
from ..nlp import parse
from ..registry import stage
from ..temporal import is_background

_VERBAL = {"VERB", "AUX"}
_AGGREGATE = ("since", "for ", "over ")


def _span_root(parsed, start: int, end: int):
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _chain(token):
    """The token and its heads up to the sentence root."""
    out = [token]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def modality_reason(trigger) -> str | None:
    cues = load_modality()
    for tok in _chain(trigger):
        lemma = tok.lemma_.lower()
        if tok.i != trigger.i and lemma in cues.denial_verbs:
            return "denied"  # checked before reporting verbs: "denied that it bombed"
        if tok.i != trigger.i and tok.pos_ in _VERBAL and lemma in cues.reporting_verbs:
            return None  # above this is the reporter's clause, not the event's
        for child in tok.children:
            low = child.lower_
            if child.dep_ in ("aux", "auxpass") and low in cues.future_aux:
                return "future"
            if child.dep_ == "neg" and tok.pos_ in _VERBAL:
                return "negated"
            if child.dep_ == "mark" and low in cues.hypothetical_markers:
                return "hypothetical"
        if tok.i == trigger.i:
            continue
        if lemma in cues.threat_verbs:
            return "threatened"
        if lemma in cues.plan_verbs and tok.pos_ in _VERBAL:
            return "planned"
    clause = next((t for t in _chain(trigger) if t.pos_ in _VERBAL), None)
    if clause is not None:
        text = " ".join(t.lower_ for t in clause.subtree)
        if any(p in text for p in cues.future_phrases):
            return "future"
    return None


def is_reporting_date(parsed, ref, sentence_start: int) -> bool:
    """"The Pentagon claimed on Friday that it struck...": Friday dates the claim."""
    root = _span_root(parsed, ref.start - sentence_start, ref.end - sentence_start)
    if root is None:
        return False
    verbs = [t for t in _chain(root)[1:] if t.pos_ in _VERBAL]
    return bool(verbs) and verbs[0].lemma_.lower() in load_modality().reporting_verbs


@stage("modality")
def make_modality(max_age_days: int = 30):
    def run(doc: Doc) -> None:
        parse(doc, [m.sentence for m in doc.mentions])
        published = doc.article.published
        for m in doc.mentions:
            parsed = doc.parses[m.sentence.start]
            m.rejected = _judge(m, parsed, published, max_age_days)
    return run


def _judge(m: Mention, parsed, published, max_age_days: int) -> str | None:
    for ref in m.dates:
        ref.is_reporting = is_reporting_date(parsed, ref, m.sentence.start)
    own = [r for r in m.dates if not r.is_reporting]
    # "since October", "for years": a count over a period, not one event (ACLED skips these)
    if any(r.text.lower().startswith(_AGGREGATE) for r in own):
        return "aggregate"
    m.date = own[0] if own else None
    if m.date is not None:
        if is_background(m.date, published, max_age_days):
            return "history"
    if m.trigger_span is None:
        return None
    trigger = _span_root(parsed, *m.trigger_span)
    return modality_reason(trigger) if trigger is not None else None
