"""Which of a sentence's places its event happened at: a learned scorer.

ACLED codes where the event happened, not where the reporter, the speaker or
the victims' home is ("police in Abuja said gunmen killed two farmers in
Maiduguri"). The cues are the preposition before a name, the words after it
("said"), the kind of place, and where it sits relative to the event's verb.
A logistic model weighs them; its weights are data (`data/site_weights.json`),
learned by `sitrep train --sites` from the labelled sentences of the
"Geolocating Political Events in Text" study (Halterman 2019, MIT licence).
Scoring is a dot product over named features, so nothing but the weights
file is needed at run time.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache

from ..lexicon import load_modality
from ..model import Toponym
from ..ontology import read_data
from .locate import choose, rank, role, rule_score, site_key

WEIGHTS_FILE = "site_weights.json"
_TOKEN = re.compile(r"[a-z][a-z'\u2019-]*|[,.;:()\"]")


def _words_after(text: str, end: int, n: int) -> list[str]:
    return _TOKEN.findall(text[end:end + 60].lower())[:n]


def _reports(words: list[str]) -> bool:
    rx = load_modality().attribution_candidate
    return any(rx.match(w) for w in words if w[0].isalpha())


def _bucket(n: int) -> str:
    return "0-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11-20" if n <= 20 else "21+"


def sentence_features(cands: list[Toponym], text: str,
                      trigger: tuple[int, int] | None) -> list[dict[str, float]]:
    """Named features of each candidate place of a sentence (in the order
    given); `trigger` is the event verb's span. What depends on the sentence
    alone (the order of its places, the rules' pick, the name nearest the
    verb) is worked out once."""
    ordered = sorted(cands, key=lambda c: c.start)
    position = {id(c): k for k, c in enumerate(ordered)}
    distinct = len({site_key(c) for c in cands})
    rule_pick = choose([c for c in cands if role(c) != "to"] or cands, False)
    near_key = following_key = None
    if trigger is not None:
        dist = lambda c: c.start - trigger[1] if c.start >= trigger[1] else trigger[0] - c.end
        near_key = site_key(min(cands, key=dist))
        following = [c for c in ordered if c.start >= trigger[1]]
        following_key = site_key(following[0]) if following else None
    return [_features(t, text, cands, trigger, position.get(id(t), 0), len(ordered), distinct,
                      rule_pick is t, near_key, following_key) for t in cands]


def _features(t: Toponym, text: str, cands: list[Toponym], trigger, i: int, n: int, distinct: int,
              rule_pick: bool, near_key, following_key) -> dict[str, float]:
    r = role(t) or "none"
    f = {"bias": 1.0, f"role={r}": 1.0, f"cue={t.cue}": 1.0, f"rank={rank(t)}": 1.0,
         "contained": float(t.contained), "confidence": t.score}
    prev = t.prev.split()
    if prev:
        f[f"w-1={prev[-1]}"] = 1.0
    if len(prev) > 1:
        f[f"w-2={prev[-2]}"] = 1.0
    after = _words_after(text, t.end, 4)
    if after:
        f[f"w+1={after[0]}"] = 1.0
    if _reports(after):
        f["reporting-after"] = 1.0       # "police in Abuja said"
    f["only"] = float(distinct == 1)
    f["first"] = float(i == 0 and distinct > 1)
    f["last"] = float(i == n - 1 and distinct > 1)
    f[f"places={min(distinct, 4)}"] = 1.0
    finer = [c for c in cands if site_key(c) != site_key(t)]
    f["finest"] = float(all(rank(t) >= rank(c) for c in finer)) if finer else 0.0
    # the hand rules' own verdict, so the model learns where they go wrong
    f["rule-pick"] = float(rule_pick)
    f["rule-score"] = rule_score(t, False)
    before, after_text = text[max(0, t.start - 3):t.start], text[t.end:t.end + 3]
    if "(" in before:
        f["in-parens"] = 1.0        # "Khairpur city (Dadu, Sindh)": the town's division
    if after_text.lstrip().startswith("("):
        f["parens-after"] = 1.0
    if any(c.end <= t.start and re.fullmatch(r",\s*", text[c.end:t.start]) for c in cands):
        f["after-comma-place"] = 1.0   # "Temixco, Morelos": a container
    if any(t.end <= c.start and re.fullmatch(r",\s*", text[t.end:c.start]) for c in cands):
        f["before-comma-place"] = 1.0
    if trigger is None:
        f["no-verb"] = 1.0
        return f
    side = "before" if t.end <= trigger[0] else "after"
    gap = text[t.end:trigger[0]] if side == "before" else text[trigger[1]:t.start]
    words = _TOKEN.findall(gap.lower())
    f[f"{side}-verb"] = 1.0
    f[f"{side}-verb&role={r}"] = 1.0
    f[f"gap={_bucket(sum(w[0].isalpha() for w in words))}"] = 1.0
    if "," in words or ";" in words:
        f["comma-between"] = 1.0
    if _reports([w for w in words if w[0].isalpha()]):
        f["reporting-between"] = 1.0
    f["nearest-to-verb"] = float(near_key == site_key(t))
    f["first-after-verb"] = float(following_key is not None and following_key == site_key(t))
    return f


class SiteModel:
    """Logistic scorer over `sentence_features`. A candidate's rank is the hand
    rules' score plus `model_weight` times the model's log-odds: the model
    corrects the rules where its data is sure (where the speaker is, which
    name the verb governs) and leaves them the text kinds it was not trained
    on (ACLED-style "Town (District, Province)", datelines). `threshold` is
    the probability below which the chosen name is not taken for the
    event's place."""

    def __init__(self, weights: dict[str, float], threshold: float, model_weight: float,
                 meta: dict | None = None):
        self.weights, self.threshold, self.model_weight, self.meta = weights, threshold, model_weight, meta or {}

    def prob(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def decide(self, features: list[dict[str, float]]) -> tuple[int, float]:
        """Index of the chosen candidate (candidates in text order; the first
        wins a tie) and its probability."""
        probs = [self.prob(f) for f in features]
        ranked = [f.get("rule-score", 0.0) + self.model_weight * math.log(max(p, 1e-6) / max(1 - p, 1e-6))
                  for f, p in zip(features, probs)]
        i = max(range(len(ranked)), key=lambda k: (ranked[k], -k))
        return i, probs[i]

    def best(self, cands: list[Toponym], text: str, trigger) -> tuple[Toponym | None, float]:
        if not cands:
            return None, 0.0
        ordered = sorted(cands, key=lambda t: t.start)
        i, p = self.decide(sentence_features(ordered, text, trigger))
        return ordered[i], p

    def to_json(self) -> str:
        return json.dumps({"meta": self.meta, "threshold": self.threshold, "model_weight": self.model_weight,
                           "weights": dict(sorted(self.weights.items()))}, indent=1, ensure_ascii=False)


@lru_cache(maxsize=1)
def load_site_model() -> SiteModel | None:
    """The shipped weights, or None where the file is absent (then the
    locate stage's hand rules choose alone)."""
    try:
        d = json.loads(read_data(WEIGHTS_FILE))
    except FileNotFoundError:
        return None
    return SiteModel(d["weights"], d["threshold"], d["model_weight"], d.get("meta"))
