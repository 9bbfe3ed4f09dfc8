"""Codebook rules that depend on who acts and on what.

ACLED separates "Government regains territory" from "Non-state actor overtakes
territory" only by who takes the ground; seizing weapons is "Disrupted
weapons use", however much it reads like seizing a town; a riot needs
rioters, not militants; and the target decides between an Attack (unarmed
people) and an Armed clash (soldiers, police, armed positions, or fire returned). A bag-of-words
classifier sees the same verbs in all three, so this stage looks at the subject
(or passive agent) and object of the taking verb. Data: data/codebook.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..lexicon import _pattern_regex
from ..model import Doc, Mention
from ..nlp import parse_many
from ..ontology import load_ontology, read_data
from ..registry import stage
from ..temporal import find_dates

GRT, NSAOT, DISR = ("Government regains territory", "Non-state actor overtakes territory",
                    "Disrupted weapons use")
_SUBJ = {"nsubj", "nsubjpass"}


@dataclass(frozen=True)
class CodebookCues:
    taking_verbs: frozenset[str]
    state: re.Pattern
    non_state: re.Pattern
    weapons: re.Pattern
    demonstrators: re.Pattern
    riot_acts: re.Pattern
    peaceful: re.Pattern
    serious_force: re.Pattern
    intervention: re.Pattern
    attack_verbs: frozenset[str]
    armed_targets: re.Pattern
    civilian_targets: re.Pattern
    reciprocal_fire: re.Pattern
    protest_verbs: frozenset[str]
    protest_nouns: re.Pattern
    grievance: re.Pattern


def _rx(patterns: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(_pattern_regex(p) for p in patterns) + r")\b")


@lru_cache(maxsize=1)
def load_codebook() -> CodebookCues:
    raw = yaml.safe_load(read_data("codebook.yaml"))
    return CodebookCues(frozenset(raw["taking_verbs"]), _rx(raw["state_actors"]),
                        _rx(raw["non_state_actors"]), _rx(raw["weapon_objects"]), _rx(raw["demonstrators"]),
                        _rx(raw["riot_acts"]), _rx(raw["peaceful"]), _rx(raw["serious_force"]),
                        _rx(raw["intervention"]), frozenset(raw["attack_verbs"]),
                        _rx(raw["armed_targets"] + raw["state_actors"] + raw["non_state_actors"]),
                        _rx(raw["civilian_targets"]), _rx(raw["reciprocal_fire"]),
                        frozenset(raw["protest_verbs"]), _rx(raw["protest_nouns"]),
                        re.compile(_rx(raw["grievance_markers"]).pattern + r"[^,;]*"))


def _phrase(token) -> str:
    return " ".join(t.lower_ for t in token.subtree)


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
            return (_phrase(taker) if taker is not None else None,
                    _phrase(taken) if taken is not None else None)
    return None, None


def recode(m: Mention, parsed) -> str:
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


ATTACK, CLASH, SHELLING = "Attack", "Armed clash", "Shelling/artillery/missile attack"
HQ = "Headquarters or base established"
_NON_VIOLENT = (HQ, "Non-violent transfer of territory", "Change to group/activity", "Other", "Agreement")


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
            return _phrase(direct)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "at", "against"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and not find_dates(_phrase(obj), None):  # "on 9 May" is a date, not a target
                    return _phrase(obj)
    return None


def by_target(m: Mention, parsed) -> str:
    """Attack vs Armed clash by target; reciprocal fire is a clash."""
    cues = load_codebook()
    low = m.sentence.text.lower()
    if m.sub_event_type in (ATTACK, CLASH, SHELLING) and cues.reciprocal_fire.search(low):
        return CLASH
    non_violent = m.sub_event_type in _NON_VIOLENT
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


@stage("codebook")
def make_codebook():
    ontology = load_ontology()

    def retype(m: Mention, new: str) -> None:
        if new != m.sub_event_type:
            m.sub_event_type, m.event_type = new, ontology.event_type_of(new)

    def run_batch(docs: list[Doc]) -> None:
        # Every mention sentence is parsed once here; modality reuses the cache.
        parse_many([(doc, m.sentence) for doc in docs for m in doc.mentions])
        for doc in docs:
            for m in doc.mentions:
                new = demonstration_sub_type(m, doc.parses[m.sentence.start])
                retype(m, without_demonstrators(m) if new == m.sub_event_type else new)
        syntactic = [(doc, m) for doc in docs for m in doc.mentions
                     if m.sub_event_type in (GRT, NSAOT, ATTACK, CLASH, SHELLING) + _NON_VIOLENT]
        for doc, m in syntactic:
            parsed = doc.parses[m.sentence.start]
            if m.sub_event_type in (GRT, NSAOT):
                retype(m, recode(m, parsed))
            else:
                retype(m, by_target(m, parsed))

    def run(doc: Doc) -> None:
        run_batch([doc])

    run.batch = run_batch
    return run
