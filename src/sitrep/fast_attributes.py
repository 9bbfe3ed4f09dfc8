"""The model's attribute ruler (tag map, morphology and lemma exceptions),
applied by dictionary lookup instead of spaCy's Matcher.

Why: over the short sentences sitrep parses, the Matcher costs a third of
the parse (measured: 0.68 s of 2.3 s per 1,000 brief articles), while the
rules are 179 one- or two-token patterns keyed on a tag or a lower-cased
word. Same semantics as spaCy 3.8's AttributeRuler: every pattern is matched
against the doc as the parser left it, then the matches are applied in
pattern order, so a later rule overrides an earlier one. The rules are the
model's own (read from its attribute_ruler at load time); a pattern this
module cannot read makes `compile_rules` fail, and the model keeps spaCy's
ruler. tests/test_fast_attributes.py checks token-for-token equality.
"""
from __future__ import annotations

import re
from spacy.language import Language

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

COLUMNS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}   # of the array each doc is read into
SETTABLE = ("POS", "MORPH", "LEMMA", "TAG", "DEP")


class Unsupported(ValueError):
    """A pattern uses a predicate this module does not implement."""


def _test(attr: str, spec, strings):
    """(column, op, value): one predicate on one token, over hashed values."""
    if attr not in COLUMNS:
        raise Unsupported(f"attribute {attr}")
    col = COLUMNS[attr]
    as_id = (lambda v: int(bool(v))) if attr == "IS_SPACE" else strings.add
    if not isinstance(spec, dict):
        return col, "eq", as_id(spec)
    if len(spec) != 1:
        raise Unsupported(f"{attr}: {spec}")
    op, arg = next(iter(spec.items()))
    if op in ("IN", "NOT_IN"):
        return col, op, frozenset(as_id(v) for v in arg)
    if op == "REGEX" and attr == "LOWER":
        return col, op, re.compile(arg)
    raise Unsupported(f"{attr}: {op}")


class Rule:
    """One pattern: per-token tests, which token gets the attributes, and them."""

    def __init__(self, order: int, pattern: list[dict], attrs: dict, index: int, strings):
        if not pattern or any(not isinstance(p, dict) for p in pattern):
            raise Unsupported(str(pattern))
        if set(attrs) - set(SETTABLE):
            raise Unsupported(f"sets {sorted(attrs)}")
        self.order = order
        self.tests = [[_test(a, v, strings) for a, v in p.items()] for p in pattern]
        self.index = index if index >= 0 else len(pattern) + index
        if not 0 <= self.index < len(pattern):
            raise Unsupported(f"index {index} outside {pattern}")
        self.attrs = attrs
        # Looked up by the values its first token must have in one column (the
        # most selective: LOWER, then TAG, DEP, IS_SPACE); tried at every token
        # only when no column is pinned to a value or a list of values.
        self.keys: list[tuple[int, int]] = []
        for col in range(4):
            pinned = [(c, op, v) for c, op, v in self.tests[0] if c == col and op in ("eq", "IN")]
            if pinned:
                _, op, value = pinned[0]
                self.keys = [(col, value)] if op == "eq" else [(col, v) for v in value]
                break

    def matches_at(self, rows, i: int, strings) -> bool:
        if i + len(self.tests) > len(rows):
            return False
        for k, tests in enumerate(self.tests):
            row = rows[i + k]
            for col, op, value in tests:
                got = row[col]
                if op == "eq":
                    ok = got == value
                elif op == "IN":
                    ok = got in value
                elif op == "NOT_IN":
                    ok = got not in value
                else:
                    ok = value.search(strings[got]) is not None
                if not ok:
                    return False
        return True


def compile_rules(patterns: list[dict], strings) -> tuple[dict, list[Rule]]:
    """(rules by first-token key, rules without a key), each in pattern order."""
    keyed: dict[tuple[int, int], list[Rule]] = {}
    loose: list[Rule] = []
    order = 0
    for p in patterns:
        for pattern in p["patterns"]:
            rule = Rule(order, pattern, p["attrs"], p.get("index", 0), strings)
            order += 1
            for key in rule.keys:
                keyed.setdefault(key, []).append(rule)
            if not rule.keys:
                loose.append(rule)
    return keyed, loose


class FastAttributeRuler:
    def __init__(self, vocab, patterns: list[dict]):
        self.vocab = vocab
        self.keyed, self.loose = compile_rules(patterns, vocab.strings)

    def __call__(self, doc):
        if not len(doc):
            return doc
        strings = self.vocab.strings
        rows = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
        hits: list[tuple[int, int, dict]] = []   # (rule order, token, attrs): all matched first, applied after
        for i, row in enumerate(rows):
            keyed = self.keyed
            rules = (keyed.get((0, row[0]), []) + keyed.get((1, row[1]), []) + keyed.get((2, row[2]), [])
                     + keyed.get((3, row[3]), []) + self.loose)
            for rule in rules:
                if rule.matches_at(rows, i, strings):
                    hits.append((rule.order, i + rule.index, rule.attrs))
        hits.sort(key=lambda h: h[0])
        final: dict[int, dict] = {}
        for _, i, attrs in hits:   # a later rule overrides an earlier one
            final.setdefault(i, {}).update(attrs)
        cols = doc.to_array([POS, MORPH, LEMMA])
        for i, attrs in final.items():
            if "POS" in attrs:
                cols[i, 0] = strings.add(attrs["POS"])
            if "MORPH" in attrs:
                cols[i, 1] = self.vocab.morphology.add("" if attrs["MORPH"] == "_" else attrs["MORPH"])
            if "LEMMA" in attrs:
                cols[i, 2] = strings.add(attrs["LEMMA"])
        doc.from_array([POS, MORPH, LEMMA], cols)
        for i, attrs in final.items():   # rare: only whitespace tokens get these
            if "TAG" in attrs:
                doc[i].tag_ = attrs["TAG"]
            if "DEP" in attrs:
                doc[i].dep_ = attrs["DEP"]
        return doc


@Language.factory("sitrep_fast_attributes", default_config={"patterns": []})
def make_fast_attributes(nlp, name: str, patterns: list):
    return FastAttributeRuler(nlp.vocab, patterns)


def use_fast_attributes(nlp) -> None:
    """Swap the model's attribute ruler for the lookup version, with its own rules."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    patterns = nlp.get_pipe("attribute_ruler").patterns
    try:
        compile_rules(patterns, nlp.vocab.strings)
    except Unsupported:
        return   # a model with rules we cannot read keeps spaCy's ruler
    nlp.replace_pipe("attribute_ruler", "sitrep_fast_attributes", config={"patterns": patterns})
