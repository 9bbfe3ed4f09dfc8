"""Loads the trigger lexicon (data/triggers.yaml) and the modality cues
(data/modality.yaml), and compiles the triggers into whole-word regexes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .ontology import load_ontology, read_data


def pattern_regex(pattern: str) -> str:
    """'shell*' -> shell\\w*; '*' inside a phrase ('killed * militants') -> any one word."""
    words = []
    for word in pattern.lower().split():
        if word == "*":
            words.append(r"[\w'-]+")
        elif word.endswith("*"):
            words.append(re.escape(word[:-1]) + r"[\w'-]*")
        else:
            words.append(re.escape(word))
    return r"\s+".join(words)


def compile_patterns(patterns: list[str]) -> re.Pattern:
    """One whole-word regex for a list of patterns, longest first so that
    "air strike*" wins over "air"."""
    alts = sorted((pattern_regex(p) for p in patterns), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b")


@dataclass(frozen=True)
class TriggerLexicon:
    cues: dict[str, re.Pattern]   # sub-type -> regex over its cues
    any_cue: re.Pattern            # union: does the text hold any event cue at all?

    def hits(self, text: str) -> dict[str, int]:
        """Number of cue matches per sub-type."""
        low = text.lower()
        out = {}
        for name, rx in self.cues.items():
            n = len(rx.findall(low))
            if n:
                out[name] = n
        return out

    def has_cue(self, text: str) -> bool:
        return self.any_cue.search(text.lower()) is not None


@lru_cache(maxsize=1)
def load_triggers() -> TriggerLexicon:
    raw = yaml.safe_load(read_data("triggers.yaml"))
    known = set(load_ontology().names)
    cues = {}
    for name, patterns in raw["cues"].items():
        if name not in known:
            raise ValueError(f"triggers.yaml: {name!r} is not an ACLED sub-event type")
        if not patterns or not all(isinstance(p, str) for p in patterns):
            raise ValueError(f"triggers.yaml: {name!r} needs a list of string patterns")
        cues[name] = compile_patterns(patterns)
    union = r"\b(?:" + "|".join(rx.pattern[5:-3] for rx in cues.values()) + r")\b"
    return TriggerLexicon(cues, re.compile(union))


@dataclass(frozen=True)
class ModalityCues:
    future_aux: frozenset[str]
    future_phrases: tuple[str, ...]
    plan_verbs: frozenset[str]
    threat_verbs: frozenset[str]
    hypothetical_markers: frozenset[str]
    denial_verbs: frozenset[str]
    negation: frozenset[str]
    reporting_verbs: frozenset[str]
    navigation_prefixes: tuple[str, ...]


@lru_cache(maxsize=1)
def load_modality() -> ModalityCues:
    raw = yaml.safe_load(read_data("modality.yaml"))
    sets = {k: frozenset(raw[k]) for k in
            ("future_aux", "plan_verbs", "threat_verbs", "hypothetical_markers",
             "denial_verbs", "negation", "reporting_verbs")}
    return ModalityCues(future_phrases=tuple(raw["future_phrases"]),
                        navigation_prefixes=tuple(raw["navigation_prefixes"]), **sets)
