"""Small helpers over spaCy dependency parses, shared by the stages that read
syntax (modality, figures, claims, actors)."""
from __future__ import annotations

VERBAL = {"VERB", "AUX"}


def chain(token):
    """The token and its heads up to the sentence root."""
    out = [token]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def span_root(parsed, start: int, end: int):
    """The syntactic head of the characters start:end of a parse (None if empty)."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clause_verb(token):
    """The nearest verb at or above a token: the clause it belongs to."""
    return next((t for t in chain(token) if t.pos_ in VERBAL), None)


def subtree_text(token, stop=None) -> str:
    """The text a token heads, without the subtree rooted at `stop`."""
    skip = set(t.i for t in stop.subtree) if stop is not None else set()
    words = [t for t in token.subtree if t.i not in skip]
    if not words:
        return ""
    doc = token.doc
    return doc[words[0].i:words[-1].i + 1].text if not skip else " ".join(t.text for t in words)
