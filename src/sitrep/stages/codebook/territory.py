"""Who takes the ground decides the territory sub-type; seized weapons are not
ground. ACLED: "Government regains territory" is state forces (or allies)
retaking a place; "Non-state actor overtakes territory" is any non-state group
taking one; seizing a weapons cache is "Disrupted weapons use"."""
from __future__ import annotations

from ...model import Mention
from .cues import load_codebook, phrase

GRT, NSAOT, DISR = ("Government regains territory", "Non-state actor overtakes territory",
                    "Disrupted weapons use")


def taker_and_taken(parsed) -> tuple[str | None, str | None]:
    """Subject (or passive agent) and object of the first taking verb."""
    cues = load_codebook()
    for tok in parsed:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in cues.taking_verbs:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        passive_subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        taker = agent or subj
        taken = obj or passive_subj
        if taker is not None or taken is not None:
            return (phrase(taker) if taker is not None else None,
                    phrase(taken) if taken is not None else None)
    return None, None


def territory_sub_type(m: Mention, parsed) -> str:
    """GRT or NSAOT by the taker; DISR when the thing taken is weapons."""
    cues = load_codebook()
    taker, taken = taker_and_taken(parsed)
    if taken and cues.weapons.search(taken) and not cues.state.search(taken):
        return DISR if cues.state.search(taker or "") or taker is None else m.sub_event_type
    if taker:
        state, non_state = bool(cues.state.search(taker)), bool(cues.non_state.search(taker))
        if state and not non_state:
            return GRT
        if non_state and not state:
            return NSAOT
    return m.sub_event_type
