"""Who says what about each event: claims attributed to their sources, and
whether the sources disagree.

A claim is a reported clause in one of the event's sentences: "The Pentagon
claimed on Friday that it struck an Al Qaeda meeting" gives {source: "The
Pentagon", text: "it struck an Al Qaeda meeting"}; "according to the Syrian
Observatory, 12 were killed" gives the Observatory the sentence. An event is
contested when two sources make claims and one of them is set against the
other ("however", "but", "denied"), or when its sources give different
figures of one kind.
"""
from __future__ import annotations

import re

from ..attribution import according_to, speaker
from ..lexicon import load_modality
from ..model import Claim, Doc, Event
from ..nlp import parse_many
from ..registry import stage
from ..syntax import VERBAL, subtree_text
from .figures import event_sentences

# Claims about an event may follow it by this many paragraphs ("The Pentagon
# claimed..." after the paragraph that tells the strike).
CLAIM_PARAGRAPHS = 2
_CONTENT = ("ccomp", "xcomp", "dobj", "parataxis")
_CONTRAST = re.compile(r"\b(?:however|but|whereas|while|though|although|contrary|contradict\w*|disput\w*|"
                       r"den(?:y|ied|ies)|reject\w*|insist\w*|refut\w*)\b", re.I)


_KIND_WORDS = {"fatalities": "killed", "injured": "injured", "displaced": "displaced", "detained": "detained"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


def _clean(text: str) -> str:
    return text.strip(" ,.:;“”\"'‘’").strip()


def claims_in(parsed) -> list[Claim]:
    cues = load_modality()
    out = []
    for verb in parsed:
        if verb.pos_ not in VERBAL or verb.lemma_.lower() not in cues.reporting_verbs:
            continue
        who = speaker(verb)
        content = next((c for c in verb.children if c.dep_ in _CONTENT and c.pos_ in VERBAL | {"NOUN", "AUX"}), None)
        if who and content is not None:
            text = _clean(subtree_text(content))
            mark = re.match(r"that\s+", text, re.I)
            text = text[mark.end():] if mark else text
            if verb.lemma_.lower() in cues.denial_verbs:
                text = "denied " + text  # a denial is a claim of the opposite: keep its sense
            out.append(Claim(who, text))
    if not out:
        who = according_to(parsed)
        if who:
            out.append(Claim(who, _clean(parsed.text)))
    return out


def _contested(event: Event, sentences_with_claims: list[tuple[str, list[Claim]]]) -> bool:
    sources = {c.source.lower() for _, claims in sentences_with_claims for c in claims}
    if len(sources) >= 2 and any(_CONTRAST.search(text) for text, _ in sentences_with_claims[1:]):
        return True
    for kind in ("fatalities", "injured", "displaced", "detained"):
        by_source = {}
        for f in event.figures:
            if f.kind == kind:
                by_source.setdefault(f.source, set()).add(f.value)
        values = [max(v) for v in by_source.values()]
        if len(values) >= 2 and len(set(values)) > 1:
            return True
    return False


@stage("claims")
def make_claims():
    def run_batch(docs: list[Doc]) -> None:
        may_attribute = load_modality().may_attribute   # a sentence without a reporting word holds no claim
        plans = [(doc, ev, [s for s in event_sentences(doc, ev, paragraphs=CLAIM_PARAGRAPHS) if may_attribute(s.text)])
                 for doc in docs for ev in doc.events]
        parse_many([(doc, s) for doc, _, sents in plans for s in sents])
        for doc, ev, sents in plans:
            found = []
            for s in sents:
                claims = claims_in(doc.parses[s.start])
                if claims:
                    found.append((s.text, claims))
            seen, last_source = set(), None
            for _, claims in found:
                for c in claims:
                    if c.source.lower() in _PRONOUNS and last_source:
                        c = Claim(last_source, c.text)  # "He said ..." after "The head of ... said"
                    last_source = c.source
                    if (c.source, c.text) not in seen:
                        seen.add((c.source, c.text))
                        ev.claims.append(c)
            # a figure given by a source is that source's claim ("hospital staff put the toll at 40")
            claimed = {c.source.lower() for c in ev.claims}
            for f in ev.figures:
                if f.source and f.source.lower() not in claimed and f.value:
                    ev.claims.append(Claim(f.source, f"{f.value:,} {_KIND_WORDS[f.kind]}"))
                    claimed.add(f.source.lower())
            ev.contested = _contested(ev, found)

    def run(doc: Doc) -> None:
        run_batch([doc])

    run.batch = run_batch
    return run
