"""Who says so: the source a statement is attributed to, read from the parse.

"The Pentagon claimed on Friday that it struck ..." -> "The Pentagon";
"residents confirmed that ..." -> "residents"; "according to the Syrian
Observatory, ..." -> "the Syrian Observatory". A statement in the article's own
voice has no source (None).
"""
from __future__ import annotations

from .lexicon import load_modality
from .syntax import VERBAL, chain, subtree_text

_SUBJECTS = ("nsubj", "nsubjpass")


def reporting_verb(token):
    """The nearest reporting verb above a token ("said", "claimed"), or None."""
    cues = load_modality()
    for t in chain(token)[1:]:
        if t.pos_ in VERBAL and t.lemma_.lower() in cues.reporting_verbs:
            return t
    return None


def speaker(verb) -> str | None:
    """The subject of a reporting verb, without its relative clauses; None for
    the impersonal "it was reported"."""
    subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subj is None or subj.lower_ in ("it", "there", "this", "that"):
        return None
    relcl = next((c for c in subj.children if c.dep_ in ("relcl", "acl")), None)
    text = subtree_text(subj, stop=relcl).strip(" ,")
    return text or None


def according_to(parsed) -> str | None:
    """The source of an "according to X" phrase anywhere in the sentence."""
    for tok in parsed:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return subtree_text(obj).strip(" ,") or None
    return None


def source_of(token) -> str | None:
    """Who the statement holding this token is attributed to, if anyone."""
    verb = reporting_verb(token)
    if verb is not None:
        who = speaker(verb)
        if who:
            return who
    return according_to(token.doc)
