"""Keeps only what happened: drops mentions of planned, threatened, future,
hypothetical, denied or negated actions, background history and aggregates;
and decides which date expression dates the event itself.

Reads the dependency parse of the (few) mention sentences: a cue counts when it
governs the trigger, walking up from the trigger to the clause that reports it,
so "officials said rebels attacked" is kept and "rebels threatened to attack"
is not. Dropped mentions keep their reason in `Mention.rejected` for debugging.
"""
from __future__ import annotations

from ..lexicon import load_modality, load_triggers
from ..model import Doc, Mention
from ..nlp import parse_many
from ..registry import stage
from ..syntax import VERBAL, chain, span_root
from .detect import find_triggers
from ..temporal import is_background

_AGGREGATE = ("since", "for ", "over ")


def modality_reason(trigger) -> str | None:
    cues = load_modality()
    if trigger.pos_ in VERBAL and any(c.dep_ in ("nsubj", "agent") and (c.lemma_.lower() in cues.natural_causes or any(
            g.dep_ == "pobj" and g.lemma_.lower() in cues.natural_causes for g in c.children))
            for c in trigger.children):
        return "natural cause"   # "the virus killed 12", "killed by floods"
    for tok in chain(trigger):
        lemma = tok.lemma_.lower()
        if tok.i != trigger.i and lemma in cues.denial_verbs:
            return "denied"  # checked before reporting verbs: "denied that it bombed"
        if tok.i != trigger.i and tok.pos_ in VERBAL and lemma in cues.reporting_verbs:
            return None  # above this is the reporter's clause, not the event's
        for child in tok.children:
            low = child.lower_
            if child.dep_ in ("aux", "auxpass") and low in cues.future_aux:
                return "future"
            if child.dep_ == "neg" and tok.pos_ in VERBAL:
                return "negated"
            if tok.i == trigger.i and child.dep_ == "det" and low == "no":
                return "negated"  # "No arrests had been made", "no air operations took place"
            if child.dep_ == "mark" and low in cues.hypothetical_markers:
                return "hypothetical"
        if tok.i == trigger.i:
            continue
        if lemma in cues.threat_verbs:
            return "threatened"
        if lemma in cues.plan_verbs and tok.pos_ in VERBAL and not _told_as_done(trigger):
            return "planned"
    clause = next((t for t in chain(trigger) if t.pos_ in VERBAL), None)
    if clause is not None:
        text = " ".join(t.lower_ for t in clause.subtree)
        if any(p in text for p in cues.future_phrases):
            return "future"
    return None


def _told_as_done(trigger) -> bool:
    """A verb in the past tense with its own subject tells what happened,
    whatever verb the parse hangs it from: in "students protested in
    Jerusalem, the students also called for help" the protest is no plan of
    the call (a planned act is an infinitive or a noun: "called for a
    protest", "plan to attack")."""
    return trigger.tag_ == "VBD" and any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)


def is_reporting_date(parsed, ref, sentence_start: int) -> bool:
    """"The Pentagon claimed on Friday that it struck...": Friday dates the claim."""
    root = span_root(parsed, ref.start - sentence_start, ref.end - sentence_start)
    if root is None:
        return False
    verbs = [t for t in chain(root)[1:] if t.pos_ in VERBAL]
    return bool(verbs) and verbs[0].lemma_.lower() in load_modality().reporting_verbs


@stage("modality")
def make_modality(max_age_days: int = 30):
    def run_batch(docs: list[Doc]) -> None:
        parse_many([(doc, m.sentence) for doc in docs for m in doc.mentions])
        for doc in docs:
            for m in doc.mentions:
                m.rejected = _judge(m, doc.parses[m.sentence.start], doc.article.published, max_age_days)

    def run(doc: Doc) -> None:
        run_batch([doc])

    run.batch = run_batch
    return run


def _clause_verb(token):
    """The nearest verb at or above a token: the clause it belongs to.
    Coordinated verbs share their adjuncts ("for years it has besieged us and
    bombed homes"), so a conjunct resolves to the first verb of the chain."""
    verb = next((t for t in chain(token) if t.pos_ in VERBAL), None)
    while verb is not None and verb.dep_ == "conj" and verb.head.pos_ in VERBAL:
        verb = verb.head
    return verb


def _judge(m: Mention, parsed, published, max_age_days: int) -> str | None:
    for ref in m.dates:
        ref.is_reporting = is_reporting_date(parsed, ref, m.sentence.start)
    own = [r for r in m.dates if not r.is_reporting]
    aggregates = [r for r in own if r.text.lower().startswith(_AGGREGATE)]
    dated = [r for r in own if r not in aggregates]
    m.date = dated[0] if dated else None
    if m.date is not None and is_background(m.date, published, max_age_days):
        return "history"
    found = _found_without_violence(m.sentence.text, parsed)
    if found:
        return found
    triggers = [t for t in (span_root(parsed, s, e) for s, e in find_triggers(m.sentence.text, m.sub_event_type))
                if t is not None]
    if not triggers:
        return None
    # The mention stands if any of its triggers is a factual, single event:
    # "will advance to Al-Bab after seizing Dabiq" still reports the seizure.
    reasons = []
    for trig in triggers:
        reason = modality_reason(trig) or _aggregate_reason(trig, aggregates, parsed, m.sentence.start)
        if reason is None:
            return None
        reasons.append(reason)
    return reasons[0]


def _found_without_violence(text: str, parsed) -> str | None:
    """A body found, and no other cue of violence ("found dead with stab
    wounds" stays an attack), where the sentence gives an accident or a
    disaster as the cause ("two hikers were found dead after a snowstorm":
    "natural cause") or the dead are animals ("40 wild birds were found
    dead": "animals")."""
    if not load_triggers().only_found_body(text):
        return None
    cues = load_modality()
    words = {t.lower_ for t in parsed} | {t.lemma_.lower() for t in parsed}
    if words & cues.natural_causes:
        return "natural cause"
    return "animals" if words & cues.animals else None


def _since(clause) -> bool:
    """"since the start of the year", and with a perfect tense "have killed
    300 since the war began" (not the causal "since the army withdrew, ...")."""
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("have", "has", "had") for c in clause.children)
    return any((c.dep_ == "prep" and c.lower_ == "since") or
               (perfect and c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children))
               for c in clause.children)


def _aggregate_reason(trigger, aggregates, parsed, sentence_start: int) -> str | None:
    """"since October", "for years": a count over a period, not one event, when
    it qualifies the trigger's own clause (ACLED does not code aggregates)."""
    clause = _clause_verb(trigger)
    if clause is not None and _since(clause):
        return "aggregate"   # "have been displaced since the start of the year": not a date, still a period
    for ref in aggregates:
        root = span_root(parsed, ref.start - sentence_start, ref.end - sentence_start)
        if root is not None and clause is not None and _clause_verb(root) is not None \
                and _clause_verb(root).i == clause.i:
            return "aggregate"
    return None
