"""Counts as news writes them: "1,500", "about 1,500", "at least 56", "more
than a dozen", "two", "twenty-three", "dozens", "1.2 million". Ages ("a
4-year-old", "aged 4"), dates, times and years are not counts.

find_counts() only reads numbers; what a count counts (people? killed?) is the
figures stage's question.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


from .ontology import read_yaml

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_WORD = "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True))
_MONTHS = ("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
           "august september october november december").split()

# Qualifiers before a count: lower bounds, approximations, upper bounds.
_QUALIFIERS = {
    "at least": "min", "more than": "min", "over": "min", "upwards of": "min", "no fewer than": "min",
    "no less than": "min", "some": "about", "about": "about", "around": "about", "roughly": "about",
    "approximately": "about", "nearly": "about", "almost": "about", "an estimated": "about", "estimated": "about",
    "close to": "about", "up to": "max", "as many as": "max", "fewer than": "max", "less than": "max",
    "at most": "max",
}
_QUAL_RX = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True)) + r")\s+$", re.I)

_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_WORDNUM = rf"(?:{_WORD})(?:[- ](?:{_WORD}))?(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?(?:{_WORD})(?:[- ](?:{_WORD}))?)?)?"
# a count as a pattern, for rules elsewhere that read "eight in Alberta"
COUNT_PATTERN = rf"(?:{_DIGITS}|{_WORDNUM})"
_NUMBER_RX = re.compile(
    rf"(?<![\w.,/:-])(?:(?P<digits>{_DIGITS})(?:\s+(?P<scale>million|thousand|hundred))?"
    rf"|(?P<words>{_WORDNUM})|(?P<a>an?)\s+(?P<ascale>hundred|thousand|dozen))(?![\w/:]|[.,]\d|-(?!year))",
    re.I)


@dataclass(frozen=True)
class Count:
    start: int
    end: int
    value: int
    text: str
    qualifier: str = "exact"   # exact | min | about | max | vague


@lru_cache(maxsize=1)
def _vague():
    raw = read_yaml("figures.yaml")["vague"]
    alts = sorted(raw, key=len, reverse=True)
    rx = re.compile(r"\b(" + "|".join(re.escape(a) for a in alts) + r")\b(?:\s+of\b)?", re.I)
    return {k.lower(): int(v) for k, v in raw.items()}, rx


def words_value(text: str) -> int | None:
    """'twenty-three' -> 23, 'three hundred and five' -> 305, 'two thousand' -> 2000."""
    total, current = 0, 0
    for w in re.split(r"[\s-]+", text.lower()):
        if w == "and":
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in ("thousand", "million"):
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return None
    return total + current


def _value(m: re.Match) -> int | None:
    if m.group("digits"):
        num = float(m.group("digits").replace(",", ""))
        scale = _SCALES.get((m.group("scale") or "").lower(), 1)
        return int(round(num * scale))
    if m.group("words"):
        return words_value(m.group("words"))
    return {"hundred": 100, "thousand": 1000, "dozen": 12}[m.group("ascale").lower()]


def _not_a_count(text: str, m: re.Match, value: int) -> bool:
    before, after = text[max(0, m.start() - 12):m.start()].lower(), text[m.end():m.end() + 12].lower()
    if re.match(r"[- ]?years?[- ]old|[- ]?(?:yr|year|month|week|day)s?[- ]old", after) or re.search(r"\baged?\s+$", before):
        return True  # an age
    if re.match(r"\s*(?:%|per ?cent|a\.?m\b|p\.?m\b|o'clock|km\b|kilomet|met(?:er|re)s?\b|miles?\b|hours?\b|minutes?\b|"
                 r"days?\b|weeks?\b|months?\b|years?\b|kg\b|tons?\b|tonnes?\b|dollars?\b|percent)", after):
        return True  # a measure, a time or a span
    if re.search(r"(?:\$|€|£|usd|no\.|number|#|page|article|resolution|route|highway)\s*$", before):
        return True
    if m.group("digits") and re.fullmatch(r"\d{4}", m.group("digits")) and 1900 <= value <= 2100:
        return True  # a year
    word_before = re.search(r"(\w+)\.?\s+$", before)
    if m.group("digits") and word_before and word_before.group(1) in _MONTHS:
        return True  # "March 18"
    if m.group("digits") and re.match(r"\s+(?:" + "|".join(_MONTHS) + r")\b", after):
        return True  # "18 March"
    return False


def find_counts(text: str) -> list[Count]:
    """Every count in the text, in order, with its qualifier."""
    out: list[Count] = []
    taken: list[tuple[int, int]] = []
    values, vague_rx = _vague()
    for m in vague_rx.finditer(text):
        phrase = m.group(1).lower()
        if phrase in ("many", "several", "a number", "numerous") and not re.match(r"\s*(?:of\s+)?[a-z-]+", text[m.end():]):
            continue
        out.append(Count(m.start(), m.end(), values[phrase], m.group(0), "vague"))
        taken.append((m.start(), m.end()))
    for m in _NUMBER_RX.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        value = _value(m)
        if value is None or _not_a_count(text, m, value):
            continue
        qual = _QUAL_RX.search(text[max(0, m.start() - 20):m.start()])
        kind = _QUALIFIERS[qual.group(1).lower()] if qual else "exact"
        out.append(Count(m.start(), m.end(), value, m.group(0), kind))
    return sorted(out, key=lambda c: c.start)
