"""Loads data/codebook.yaml: the cue lists behind the codebook rules."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


from ...lexicon import compile_patterns as _rx
from ...ontology import read_yaml


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


@lru_cache(maxsize=1)
def load_codebook() -> CodebookCues:
    raw = read_yaml("codebook.yaml")
    return CodebookCues(frozenset(raw["taking_verbs"]), _rx(raw["state_actors"]),
                        _rx(raw["non_state_actors"]), _rx(raw["weapon_objects"]), _rx(raw["demonstrators"]),
                        _rx(raw["riot_acts"]), _rx(raw["peaceful"]), _rx(raw["serious_force"]),
                        _rx(raw["intervention"]), frozenset(raw["attack_verbs"]),
                        _rx(raw["armed_targets"] + raw["state_actors"] + raw["non_state_actors"]),
                        _rx(raw["civilian_targets"]), _rx(raw["reciprocal_fire"]),
                        frozenset(raw["protest_verbs"]), _rx(raw["protest_nouns"]),
                        re.compile(_rx(raw["grievance_markers"]).pattern + r"[^,;]*"))


def phrase(token) -> str:
    """The words a token heads, lower-cased: "the army of the republic"."""
    return " ".join(t.lower_ for t in token.subtree)
