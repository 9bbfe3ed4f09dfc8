"""Loads the trigger lexicon (data/triggers.yaml) and the modality cues
(data/modality.yaml), and compiles the triggers into whole-word regexes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache


from .ontology import load_ontology, read_yaml


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


# "the attack", "during this clash": a definite noun phrase points to an event already told.
_BACK = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+)?$")


@dataclass(frozen=True)
class TriggerLexicon:
    cues: dict[str, re.Pattern]   # sub-type -> regex over its cues
    any_cue: re.Pattern            # union: does the text hold any event cue at all?
    consequence: re.Pattern        # casualty words: what an event did, not which event it was
    actor_words: re.Pattern        # "attackers", "fighters": who, not what
    found_body: re.Pattern         # "a man was found dead": an Attack, unless an accident or disaster is the cause

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

    def in_consequence(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] is (inside) a casualty or flight word."""
        return any(m.start() <= start and end <= m.end() for m in self.consequence.finditer(text.lower()))

    @cached_property
    def refers_back(self):
        """refers_back(text): True when every cue in the text is a casualty
        or flight word ("The victim died", "Hundreds fled") or a definite
        reference back to an event ("in the attack", "carried out the
        strike", "the attackers"): the sentence tells more about an event
        told before it, not a new one. Cached by text: assembly asks it of a
        sentence once for every open event."""
        return lru_cache(maxsize=20_000)(self._refers_back)

    def _refers_back(self, text: str) -> bool:
        low = text.lower()
        told = [m.span() for m in self.consequence.finditer(low)] + [m.span() for m in self.actor_words.finditer(low)]
        return self.any_cue.search(low) is not None and all(_BACK.search(low[:s])
                                                             for s, _ in self.cues_outside(low, told))

    def cues_outside(self, low: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The cues of the lower-cased text that lie inside none of `spans`."""
        return [m.span() for m in self.any_cue.finditer(low)
                if not any(a <= m.start() and m.end() <= b for a, b in spans)]

    def only_found_body(self, text: str) -> bool:
        """A body found, and no other cue of violence: every cue lies in a
        found-body or casualty phrase ("found dead with stab wounds" has one)."""
        low = text.lower()
        found = [m.span() for m in self.found_body.finditer(low)]
        return bool(found) and not self.cues_outside(low, found + [m.span() for m in self.consequence.finditer(low)])


@lru_cache(maxsize=1)
def load_triggers() -> TriggerLexicon:
    raw = read_yaml("triggers.yaml")
    known = set(load_ontology().names)
    cues = {}
    found = raw.get("found_bodies") or []
    for name, patterns in raw["cues"].items():
        if name not in known:
            raise ValueError(f"triggers.yaml: {name!r} is not an ACLED sub-event type")
        if not patterns or not all(isinstance(p, str) for p in patterns):
            raise ValueError(f"triggers.yaml: {name!r} needs a list of string patterns")
        cues[name] = compile_patterns(patterns + (found if name == "Attack" else []))
    union = r"\b(?:" + "|".join(rx.pattern[5:-3] for rx in cues.values()) + r")\b"
    return TriggerLexicon(cues, re.compile(union), compile_patterns(raw["consequences"]),
                          compile_patterns(raw["actor_words"]),
                          compile_patterns(found) if found else re.compile(r"(?!)"))   # (none: matches nothing)


@dataclass(frozen=True)
class ModalityCues:
    future_aux: frozenset[str]
    future_phrases: tuple[str, ...]
    plan_verbs: frozenset[str]
    threat_verbs: frozenset[str]
    hypothetical_markers: frozenset[str]
    denial_verbs: frozenset[str]
    blame_verbs: frozenset[str]
    natural_causes: frozenset[str]
    animals: frozenset[str]
    mediation_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    negation: frozenset[str]
    reporting_verbs: frozenset[str]
    navigation_prefixes: tuple[str, ...]
    attribution_candidate: re.Pattern   # a word that may report speech: without one, no claim

    def may_attribute(self, text: str) -> bool:
        """False when no word can be a reporting verb's form or "according":
        such a sentence holds no claim and needs no parse for one."""
        return bool(self.attribution_candidate.search(text))


@lru_cache(maxsize=1)
def load_modality() -> ModalityCues:
    raw = read_yaml("modality.yaml")
    sets = {k: frozenset(raw[k]) for k in
            ("future_aux", "plan_verbs", "threat_verbs", "hypothetical_markers",
             "denial_verbs", "blame_verbs", "mediation_verbs", "responsibility_nouns", "natural_causes", "animals",
             "negation", "reporting_verbs")}
    return ModalityCues(future_phrases=tuple(raw["future_phrases"]),
                        navigation_prefixes=tuple(raw["navigation_prefixes"]),
                        attribution_candidate=word_forms(list(sets["reporting_verbs"]), raw["attribution_forms"]),
                        **sets)


def word_forms(lemmas: list[str], irregular: list[str]) -> re.Pattern:
    """A pattern for words beginning with a lemma's stem ("kill" -> killed,
    "injury" -> injuries, "deny" -> denied) or listed as irregular forms:
    a cheap superset of the words a lemmatizer would map to the lemmas."""
    stems = set()
    for lemma in lemmas:
        word = re.split(r"[\s-]", lemma)[0]   # "round up", "kidnap-and-kill": the first word
        stems.add(word[:-1] if len(word) > 3 and word[-1] in "ey" else word)
    alternatives = sorted(stems | set(irregular), key=len, reverse=True)
    return re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, alternatives)) + ")", re.I)


@dataclass(frozen=True)
class FigureCues:
    verbs: dict[str, str]          # verb lemma -> figure kind
    resultatives: frozenset[str]   # verbs that kill with a result: "shot dead", "beaten to death"
    nouns: dict[str, str]          # noun lemma -> figure kind ("fatalities", "the wounded")
    people: frozenset[str]
    singular: frozenset[str]
    singular_pronouns: frozenset[str]
    partitive: frozenset[str]
    zero: dict[str, re.Pattern]    # kind -> "no one was killed" and the like
    candidate: re.Pattern          # a word that may be a form of a kind word: without one, no figure

    def may_hold(self, text: str) -> bool:
        """False when no word of the text can be a kind word's form and no
        zero phrase matches: such a sentence needs no parse for figures."""
        return bool(self.candidate.search(text)) or any(rx.search(text) for rx in self.zero.values())


@lru_cache(maxsize=1)
def load_figure_cues() -> FigureCues:
    raw = read_yaml("figures.yaml")
    verbs, nouns, resultatives = {}, {}, set()
    for kind, cues in raw["kinds"].items():
        if kind not in ("fatalities", "injured", "detained", "displaced"):
            raise ValueError(f"figures.yaml: unknown figure kind {kind!r}")
        for v in cues.get("verbs", []):
            verbs.setdefault(v, kind)
        for n in cues.get("nouns", []):
            nouns.setdefault(n, kind)
        resultatives.update(cues.get("resultatives", []))
    zero = {k: re.compile("|".join(v), re.I) for k, v in raw["zero_phrases"].items()}
    return FigureCues(verbs=verbs, resultatives=frozenset(resultatives), nouns=nouns,
                      people=frozenset(raw["people"]), singular=frozenset(raw["singular"]),
                      singular_pronouns=frozenset(raw["singular_pronouns"]),
                      partitive=frozenset(raw["partitive"]), zero=zero,
                      candidate=word_forms(list(verbs) + list(nouns) + ["toll"], raw["irregular_forms"]))
