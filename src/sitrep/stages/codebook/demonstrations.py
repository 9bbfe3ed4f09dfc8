"""Demonstrations: the codebook's decision tree (violent demonstrators -> riot;
lethal or seriously injuring force on peaceful protesters -> excessive force;
dispersal or arrests -> intervention; else peaceful), applied to the sentence
without its grievance; a protest in the main clause is a demonstration whatever
its grievance mentions; and a riot needs rioters, not militants."""
from __future__ import annotations

from ...model import Mention
from ...ontology import load_ontology
from .cues import load_codebook

_GATHERINGS = ("Protests", "Riots")


def without_demonstrators(m: Mention) -> str:
    """A protest or riot needs demonstrators; armed actors alone make it something
    else: the classifier's best sub-type outside Protests and Riots."""
    cues, ontology = load_codebook(), load_ontology()
    low = m.sentence.text.lower()
    if m.event_type not in _GATHERINGS or cues.demonstrators.search(low) or not cues.non_state.search(low):
        return m.sub_event_type
    return next((lab for lab, _ in m.ranked if lab in ontology.names
                 and ontology.event_type_of(lab) not in _GATHERINGS), m.sub_event_type)


_DEMONSTRATION_TREE = ("Peaceful protest", "Protest with intervention",
                       "Excessive force against protesters", "Violent demonstration")


def reports_protest(parsed) -> bool:
    """Is the main clause a protest ("X protested", "X held a protest")?"""
    cues = load_codebook()
    root = next((t for t in parsed if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    if root.lemma_.lower() in cues.protest_verbs:
        return True
    return any(c.dep_ == "dobj" and cues.protest_nouns.search(c.lower_) for c in root.children) \
        and root.lemma_.lower() in ("hold", "stage", "organise", "organize", "launch", "begin", "start", "continue")


def demonstration_sub_type(m: Mention, parsed=None) -> str:
    """The codebook's decision tree for a demonstration, on the mention's sentence
    without its grievance clause."""
    cues = load_codebook()
    if m.sub_event_type not in _DEMONSTRATION_TREE and not (
            parsed is not None and m.event_type not in ("Riots",) and reports_protest(parsed)):
        return m.sub_event_type  # mob violence is another matter
    low = cues.grievance.sub(" ", m.sentence.text.lower())
    if cues.riot_acts.search(low) and not cues.peaceful.search(low):
        return "Violent demonstration"
    if cues.serious_force.search(low):
        return "Excessive force against protesters"
    if cues.intervention.search(low):
        return "Protest with intervention"
    return "Peaceful protest"
