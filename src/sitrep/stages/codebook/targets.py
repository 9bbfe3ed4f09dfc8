"""The target decides between an Attack (unarmed people) and an Armed clash
(soldiers, police, armed positions, or fire returned); a sentence whose main
verb is an attack is not a non-violent strategic development."""
from __future__ import annotations

from ...model import Mention
from ...temporal import find_dates
from .cues import load_codebook, phrase

ATTACK, CLASH, SHELLING = "Attack", "Armed clash", "Shelling/artillery/missile attack"
HQ = "Headquarters or base established"
NON_VIOLENT = (HQ, "Non-violent transfer of territory", "Change to group/activity", "Other", "Agreement")


def attack_target(parsed, root_only: bool = False) -> str | None:
    """The target of the first attack verb (or of the main verb, if it is one):
    its object, the passive subject, or what is fired "on"/"at"."""
    cues = load_codebook()
    for tok in parsed:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in cues.attack_verbs:
            continue
        if root_only and tok.dep_ != "ROOT":
            continue
        direct = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if direct is not None:
            return phrase(direct)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "at", "against"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and not find_dates(phrase(obj), None):  # "on 9 May" is a date, not a target
                    return phrase(obj)
    return None


def by_target(m: Mention, parsed) -> str:
    """Attack vs Armed clash by target; reciprocal fire is a clash."""
    cues = load_codebook()
    low = m.sentence.text.lower()
    if m.sub_event_type in (ATTACK, CLASH, SHELLING) and cues.reciprocal_fire.search(low):
        return CLASH
    non_violent = m.sub_event_type in NON_VIOLENT
    if m.sub_event_type not in (ATTACK, CLASH) and not non_violent:
        return m.sub_event_type
    # A sentence whose main verb is an attack is not a non-violent development
    # (a base that is attacked is not a base established).
    target = attack_target(parsed, root_only=non_violent)
    if not target:
        return m.sub_event_type
    armed, civilian = bool(cues.armed_targets.search(target)), bool(cues.civilian_targets.search(target))
    if non_violent:
        return CLASH if armed and not civilian else ATTACK if civilian and not armed else m.sub_event_type
    if m.sub_event_type == ATTACK and armed and not civilian:
        return CLASH
    if m.sub_event_type == CLASH and civilian and not armed:
        return ATTACK
    return m.sub_event_type
