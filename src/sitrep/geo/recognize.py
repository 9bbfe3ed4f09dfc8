"""Toponym recognition: which spans of an article name places.

Two sources, because each misses what the other finds. spaCy's NER tags
GPE/LOC/FAC, but calls Arabic names (al-Wa'er, Jarablus) ORG or PERSON. The
gazetteer knows those names, but also knows towns called "Police" or "Henry".
So every capitalised word sequence is a candidate, and it is kept when NER
calls it a place, or when the text itself says it is one: a locative or route
preposition before it ("in", "from", "to"), a place word next to it ("Idlib
Province", "the Jobar section", "the village of X"), or a gazetteer entry
that is a country, first-level division or large city under its own name.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from .names import geo_words

_ARTICLE = r"(?:(?:al|el|ad|ar|as|ash|at|az|ez|an|ed|es|et|ul|ud|ur|adh)[-\u2010]|d['\u2019])"   # al-, "Côte d'Ivoire"
# Capitals of the Latin alphabets, not only ASCII: "İstanbul", "Łódź", "Ōsaka".
_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_WORD = rf"(?:{_ARTICLE})?[{_UPPER}][\w'\u2019]*(?:[-\u2010](?:{_ARTICLE})?[\w][\w'\u2019]*)*"
# Arabic articles and "wa" ("and"), and the Persian "e" ("of"), written apart join one name:
# "Mafraq ar Ruwayk", "Khabb wa ash Shaaf", "Kut e Abdollah"
_APART_ARTICLES = ("al", "el", "ez", "ad", "as", "ar", "ash", "at", "az", "adh", "an", "er", "et", "ed", "en")
_ARABIC_JOINS = frozenset(_APART_ARTICLES) | {"wa", "e"}
# An assimilated article takes the sound of the letter after it ("ash Shaaf", "at Tin", "ad Dali"), so
# one before another letter is an English or French word between two names: "the LoC at Balakote".
_APART = "|".join(a if a in ("al", "el") else rf"{a}(?=[ \t]+{a[1:].capitalize()})" for a in _APART_ARTICLES)
_JOIN = r"(?:[ \t]+(?:de[ \t]+(?:los|las|la)[ \t]+|(?:de|del|da|do|dos|das|du|es|of|la|le|les|bin|ibn|bani|abu|um|umm)[ \t]+|" \
        rf"e[ \t]+|(?:wa[ \t]+)?(?:(?:{_APART})[ \t]+)?)?)"
# "U.S.", "U.K.": dotted abbreviations are one word (looked up without dots)
_ABBREV = r"(?:[A-Z]\.){2,3}(?![A-Za-z])"


@lru_cache(maxsize=1)
def _sequence() -> re.Pattern:
    """A capitalised name of up to five words; a word may open with an
    abbreviation `geo.yaml` reads in full ("St. Louis", "Ft. Lauderdale")."""
    short = "|".join(sorted((w.capitalize() for w in geo_words().name_abbreviations), key=len, reverse=True))
    unit = rf"(?:{_ABBREV}|(?:(?:{short})\.[ \t]*)?{_WORD})" if short else rf"(?:{_ABBREV}|{_WORD})"
    return re.compile(rf"(?<![\w'\u2019.-]){unit}(?:{_JOIN}{unit}){{0,4}}")


_POSSESSIVE = re.compile(r"['\u2019]s?$")
_WORD_BEFORE = re.compile(r"([A-Za-z-]+)\W*$")

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACE_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "EVENT",
                    "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT", "QUANTITY", "PERCENT"}

# "NAIROBI, Kenya (Reuters) - ", "GAZA CITY (AP) — ": a capitalised place, an
# optional country or state, an optional agency, then a dash or colon.
_DATELINE = re.compile(r"\s*[A-Z][A-Z'.\u2019-]+(?:[ \t]+[A-Z][A-Z'.\u2019-]+)*(?:,[ \t]*[A-Z][\w.'\u2019-]*"
                       r"(?:[ \t]+[A-Z][\w.'\u2019-]*)*)?[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*[-\u2013\u2014:][ \t]+")


# "As well as Hadad, who was from Menoufia": a name "who" follows is a person's
PERSON_AFTER = re.compile(r",?\s+who(?:m|se)?\b")


def opens_sentence(text: str, start: int) -> bool:
    """Whether only punctuation or quotes stand between the last sentence end and `start`."""
    return re.search(r"(?:^|[.!?:;\n])[\s\"'\u201c\u2018(\[-]*$", text[max(0, start - 20):start]) is not None


def dateline_end(text: str, pos: int = 0) -> int:
    """Length of a dateline opening the text at `pos`, 0 if none."""
    m = _DATELINE.match(text, pos)
    return m.end() - pos if m else 0


@dataclass
class Span:
    start: int
    end: int
    text: str
    label: str | None = None        # NER label of an overlapping entity
    cue: str | None = None          # why the text says it is a place
    prev: str = ""                  # lower-cased words just before it
    admin_hint: bool = False        # followed by "Province", "Governorate", ...
    direction: str | None = None    # "northeast" Damascus
    lookups: list[str] = field(default_factory=list)  # names to look up, most specific first
    inside_name: bool = False       # part of a longer organisation or person name ("Observatory for Human Rights")
    modifier: bool = False          # "Sydney-based", "Iran-backed": names a place, but nothing happens there
    entity_whole: bool = False      # NER's entity is this span, no more ("Grozny", not "George W. Bush")
    facility: bool = False          # a facility named after the place it is at ("Donetsk Filtration Station")
    division_of: str | None = None  # an abbreviated division of this country ("Ill." after a town)
    kind: str | None = None         # the kind of division the text says it is ("the provinces of", "X state")
    said_place: bool = False        # the text's form says it is a place, not that anything happens there:
                                    # where people are from ("the mayor of X", "a Tyler man"), a dateline


# Capitalised only because they start a sentence: "In Sarmin, ...", "After Gao".
_LEADING = re.compile(r"(?:The|A|An|Of|In|At|On|Near|From|To|Into|Inside|Outside|Around|Across|Throughout|During|After|"
                      r"Before|Since|While|When|Meanwhile|However|But|And|Also|Elsewhere|Separately|Later|"
                      r"Earlier|Yesterday|Today|Overnight|Last|This|Across|Within|Along|Over)\s+(?=\S)")


# A name never ends in a joining word: "the U.S. Of Brazil's cases" is "U.S."
# ending one sentence and "Of" opening the next.
_TRAILING_JOIN = re.compile(r"(?:\s+(?:Of|De|Del|Da|Du|La|Le|The|And))+$")


# "captured the town of Huddur Tuesday": a weekday ends a name
_TRAILING_DAY = re.compile(r"(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))+$")


# "the Dogon village of Tieba": the name before the settlement's noun says whose it is
_PEOPLES_PLACE = re.compile(r"\s+(?:village|villages|town|towns|city|camp|camps)\s+of\s+(?:the\s+)?[A-Z]")


def _trim(text: str, start: int) -> tuple[str, int, int]:
    """Drop a trailing possessive, joining word or weekday and a leading
    'The' or sentence-opening word."""
    t = _TRAILING_JOIN.sub("", _TRAILING_DAY.sub("", _POSSESSIVE.sub("", text)))
    offset = 0
    while True:
        lead = _LEADING.match(t)
        if lead is None or lead.end() >= len(t):
            break
        offset, t = offset + lead.end(), t[lead.end():]
    return t, start + offset, start + offset + len(t)


class Entities:
    """NER entities (start, end, label) in order, and those that overlap a
    stretch of text found by bisection: a long article's thousands of
    entities are not scanned once for each of its thousands of names."""

    def __init__(self, entities):
        self.items = sorted(entities)
        self._starts = [s for s, _, _ in self.items]
        self._reach = max((e - s for s, e, _ in self.items), default=0)   # the longest entity

    def __iter__(self):
        return iter(self.items)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Entities that overlap [start, end), in order (`overlapping(a - 1,
        a)`: those that end at a or run on past it)."""
        lo = bisect_left(self._starts, start - self._reach)
        hi = bisect_left(self._starts, end)
        return [x for x in self.items[lo:hi] if x[1] > start]


def candidate_spans(text: str, entities: list[tuple[int, int, str]]) -> list[Span]:
    """Capitalised sequences (split where a generic word or direction sits), each
    with its NER label and the textual cues around it."""
    words = geo_words()
    spans: list[Span] = []
    # a "number" NER found in no number ("NSW" read as CARDINAL) labels nothing
    ents = Entities(e for e in entities if e[2] not in _NUMBER_LABELS or re.search(r"\d", text[e[0]:e[1]])
                    or _NUMBER_WORDS.fullmatch(text[e[0]:e[1]]))
    for m in _split_at_entities(_pieces(text), ents):
        t, s, e = _trim(m.group(), m.start())
        t, s = _drop_leading_number(t, s, ents)
        if not t:
            continue
        toks = t.split()
        direction, named_kind = None, False
        if all(w.lower() in words.directions for w in toks) and _kind_before(text, s, spans, words):
            named_kind = True   # "the provinces of Nyanza, North Eastern and Western": names, not directions
        while toks and toks[0].lower() in words.directions and len(toks) > 1 and not named_kind:
            direction = toks[0].lower()
            s += len(toks[0]) + 1
            toks = toks[1:]
        after = re.match(r"\s+([a-z]+)", text[m.start() + len(m.group()):])
        admin_hint = (len(toks) > 1 and toks[-1].lower() in words.admin_suffixes) or bool(
            after and after.group(1) in words.admin_suffixes | {"countryside"})   # "Idlib province"
        t = " ".join(toks)
        if not t or t.lower() in words.not_places or (t.lower() in words.directions and not named_kind) or \
                t.lower() in words.settlement_suffixes | words.part_nouns:
            continue   # "the Ein al Hilweh refugee Camp": a generic word alone is no place
        after_text = text[s + len(t):s + len(t) + 10]
        if re.match(r"\$|\s+dollars?\b", after_text):
            continue   # "the US dollar exchange rate", "US$460 million": a currency, no place of the story
        if _route_placed().match(text, s + len(t)):
            m.modifier = True   # "on Murree road in Rawalpindi": the road is named after Murree, and in Rawalpindi
        if word_after(text, s + len(t)) in words.owner_nouns:
            m.modifier = True   # "attacked Jubaland security forces", "the Meade company": whose, not where
        if _PEOPLES_PLACE.match(text, s + len(t)) and re.search(r"\bthe\s+$", text[max(0, s - 5):s]):
            m.modifier = True   # "the Dogon village of Tieba", "the Ichen villages of ...": whose village
        span = Span(s, s + len(t), text[s:s + len(t)], admin_hint=admin_hint, direction=direction,
                    modifier=m.modifier)
        around = ents.overlapping(span.start, span.end)
        span.label = around[0][2] if around else None   # the first entity the span overlaps
        span.entity_whole = any(s_ <= span.start and span.end <= e_ and not text[s_:span.start].strip()
                                and not text[span.end:e_].strip(" '\u2019s") for s_, e_, _ in around)
        # "the Syrian Observatory for Human Rights": a name joined into a longer one
        # by a small word is part of it (NER's odd spans, "Bamako (Bamako", are not)
        span.inside_name = any(lab not in PLACE_LABELS and s_ < span.start and span.end <= e_
                               and re.search(r"\s(?:for|of|and|the|de|du|des)\s", text[s_:span.start])
                               and not re.search(r"\b(?:in|at|near|outside|from|to)\s+$|,\s*$", text[s_:span.start])
                               for s_, e_, lab in around)
        if _SAINT_NAME.match(t) and _saints_building().match(text, span.end):
            continue   # "St. Mary's Hospital", "St. Peter's Square": a saint's name, not a town's
        span.prev = " ".join(_words_before(text, s, 5))   # after a trimmed "In", that word counts
        before = span.prev.split()
        after_word = word_after(text, span.end)
        span.kind = _kind_before(text, span.start, spans, words) or (
            after_word if after_word in words.admin_suffixes else None)   # "Warab state": GeoNames may know
                                                                           # only "Warab State"
        if span.kind:
            span.admin_hint = True   # "the state of Washington" is the state, not the capital
        span.cue = _cue(text, span, words)
        span.said_place = span.cue is None and (_resident_cue(text, span, ents, words) or _in_dateline(text, span))
        span.lookups = _lookups(toks, words)
        _kind_lookup(span)
        dotted = words.dotted_divisions.get(t + ".") if text[span.end:span.end + 1] == "." else None
        if dotted and _AFTER_A_NAME.search(text[max(0, span.start - 4):span.start]):
            span.division_of, span.lookups = dotted[0], [dotted[1]]   # "Springfield, Ill."
        if direction is None and before and before[-1] in words.directions:
            span.direction = before[-1]
        spans.append(span)
    # "in Al Jawf, Ad Dali and Taizz governorates": a plural kind after a list
    # is every member's, carried back from the last name while the list goes on
    carried = False
    for a, b in reversed(list(zip(spans, spans[1:]))):
        carried = carried or _plural_kind_after(text, b.end, words)
        b.admin_hint = b.admin_hint or carried
        carried = carried and _LIST_GAP.fullmatch(text[a.end:b.start]) is not None
        a.admin_hint = a.admin_hint or carried
    for a, b in zip(spans, spans[1:]):
        # "Logobou (Logobou, Tapoa)", "Ruhororo commune (Ngozi)": brackets after
        # a place name the places it is in (ACLED's and many wires' style)
        if (a.cue or a.label in PLACE_LABELS) and not b.cue and bracket_opening().fullmatch(text[a.end:b.start]) \
                and not b.text.isupper() and not never_a_place(a.text):
            # (not an abbreviation: "the Islamic State (IS)")
            b.cue = "place-word"
        # "the towns of Sarmin and Darat Izza": a listed name shares the list's cue
        if a.cue and not b.cue and _LIST_GAP.fullmatch(text[a.end:b.start]):
            b.cue = a.cue
    return spans


_POSSESSIVE_BREAK = re.compile(r"(?<=['\u2019]s)[ \t]+")


# "Sydney-based", "Iran-backed", "Australia-wide": a name made a modifier by a
# lower-case word after a hyphen ends there.
_MODIFIER_BREAK = re.compile(r"[-\u2010][a-z][\w'\u2019]*(?=[\s,.;:)]|$)")


class _Piece:
    def __init__(self, text: str, start: int, modifier: bool = False):
        self._text, self._start, self.modifier = text, start, modifier

    def group(self) -> str:
        return self._text

    def start(self) -> int:
        return self._start


# "the U.S. Of Brazil's cases": a dotted abbreviation ending a sentence, then
# the next one's opening word; the names either side are two
_SENTENCE_IN_NAME = re.compile(r"(?<=\.)[ \t]+(?=(?:Of|In|At|On|For|And|But|As|By|To|From|With|The)[ \t])")


def _pieces(text: str):
    """Capitalised sequences, split after a possessive: "Burkina Faso's
    Yatenga province" names two places."""
    for m in _sequence().finditer(text):
        pos = 0
        for brk in sorted([*_POSSESSIVE_BREAK.finditer(m.group()), *_SENTENCE_IN_NAME.finditer(m.group())],
                          key=lambda b: b.start()):
            yield from _modifiers(m.group()[pos:brk.start()], m.start() + pos)
            pos = brk.end()
        yield from _modifiers(m.group()[pos:], m.start() + pos)


_SAINT_NAME = re.compile(r"(?:St|Ste|Saint|Sainte)\b")
_AFTER_A_NAME = re.compile(r"[\w.)],\s*$")   # "Springfield, " before "Ill."
_WORD_AFTER = re.compile(r"\s+([a-z]+)\b")


def word_after(text: str, pos: int, reach: int = 20) -> str | None:
    """The lower-case word right after `pos` (within `reach` characters), if any."""
    m = _WORD_AFTER.match(text, pos, pos + reach)
    return m.group(1) if m else None
_RESIDENT_OF = re.compile(r"(?:,\s*\d{1,3},)?\s+of\s+$")   # "Janet Evans of ", "Mark Kitsmore, 54, of "


@lru_cache(maxsize=1)
def _saints_building() -> re.Pattern:
    nouns = "|".join(sorted(geo_words().facility_nouns, key=len, reverse=True))
    return re.compile(rf"['\u2019]s\s+(?:{nouns})\b", re.I)


_INNER_JOIN = re.compile(r"[ \t]+(?:of|de|del|da|do|du)[ \t]+")


def _split_at_entities(pieces, ents: Entities):
    """Split a sequence at a joining word where NER ends one entity before it
    and starts another after it, one of them a place: "Janet Evans of Marion"
    is a person and a town ("Bank of America", one entity, stays whole)."""
    for p in pieces:
        text, start, pos = p.group(), p.start(), 0
        for j in _INNER_JOIN.finditer(text):
            a, b = start + j.start(), start + j.end()
            left = next((lab for s_, e_, lab in ents.overlapping(a - 1, a) if e_ == a and s_ >= start + pos), None)
            right = next((lab for s_, e_, lab in ents.overlapping(b, b + 1) if s_ == b and e_ <= start + len(text)),
                         None)
            # (a Romance "de" between two places joins one: "Tenango del Valle", "San Pablo de Huitzo")
            if left and right and PLACE_LABELS & {left, right} and (j.group().strip() == "of" or left != right):
                yield _Piece(text[pos:j.start()], start + pos, p.modifier)
                pos = j.end()
        yield _Piece(text[pos:], start + pos, p.modifier) if pos else p


def _drop_leading_number(t: str, s: int, ents: Entities) -> tuple[str, int]:
    """"Four Guerrero state police": a number NER tags opening the sequence is
    not part of the name ("Two Rivers", a place NER tags whole, keeps it)."""
    for s_, e_, lab in ents.overlapping(s, s + 1):
        if lab == "CARDINAL" and s_ == s and s_ < e_ < s + len(t) and t[e_ - s] == " " \
                and _NUMBER_WORDS.fullmatch(t[:e_ - s]):   # (not "NSW", which NER may call a number)
            return t[e_ - s + 1:], e_ + 1
    return t, s


_NUMBER_LABELS = {"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
_NUMBER_WORDS = re.compile(r"(?i)(?:[\d,.]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                           r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                           r"fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|dozen|dozens|"
                           r"several|some|[a-z]+-(?:one|two|three|four|five|six|seven|eight|nine))(?:[ -]\w+)?")


def _in_dateline(text: str, span: "Span") -> bool:
    """"LONGVIEW — A man was ...": the capitalised place opening a
    paragraph's dateline, where the reporter files from."""
    line = text.rfind("\n", 0, span.start) + 1
    return not text[line:span.start].strip() and dateline_end(text, line) >= span.end - line


def _resident_cue(text: str, span: "Span", ents, words) -> bool:
    """People named by where they are from: "the mayor of Dogubayazit",
    "residents of Tyler", "a Longview woman", "Janet Evans of Marion",
    "Mark Kitsmore, 54, of Tyler"."""
    before = span.prev.split()
    if noun_of(before, words.resident_nouns):
        return True
    after = word_after(text, span.end)
    if after in words.resident_nouns and before and before[-1] in ("a", "an", "the"):
        return True
    if after in words.local_bodies and span.label not in ("PERSON", "ORG", "NORP"):
        return True   # "Kilgore police said"
    gap = _RESIDENT_OF.search(text[max(0, span.start - 12):span.start])
    if gap is not None:
        at = span.start - len(gap.group(0))
        return any(lab == "PERSON" and e_ == at for _, e_, lab in ents.overlapping(at - 1, at)) \
            or gap.group(0).startswith(",")
    return False


def _modifiers(piece: str, start: int):
    """Split "UK-based Wellcome Trust" into the modifier "UK" and the rest."""
    pos = 0
    for brk in _MODIFIER_BREAK.finditer(piece):
        head = piece[pos:brk.start()]
        tail = piece[brk.start() + 1:brk.end()].lower()
        # ("Rish Khor-e Bala": the Persian "e" joins one name, as an article does)
        if head[:1].isupper() and tail not in geo_words().articles and tail != "e":
            yield _Piece(head, start + pos, modifier=True)
            pos = brk.end()
            while pos < len(piece) and piece[pos] in " \t":
                pos += 1
    if pos < len(piece):
        yield _Piece(piece[pos:], start + pos)


@lru_cache(maxsize=1)
def _route_placed() -> re.Pattern:
    """A lower-case route noun, then the place the route is in ("X road in Y")."""
    nouns = "|".join(sorted(geo_words().route_nouns, key=len, reverse=True))
    return re.compile(rf"\s+(?:{nouns})\s+(?:in|at|near)\s+(?:the\s+)?[A-Z]")


@lru_cache(maxsize=2)
def bracket_opening(reach: int = 0) -> re.Pattern:
    """The gap from a place name to the brackets after it ("Bamba (",
    "Dhabeji town (", "Ruhororo commune (", "Cahi hill (", "Al Alam military
    camp ("); with `reach`, up to that many characters into them ("Logobou
    (Logobou, ")."""
    words = geo_words()
    nouns = "|".join(sorted(words.kinds | words.facility_nouns | words.site_nouns, key=len, reverse=True))
    inside = rf"[^()]{{0,{reach}}}" if reach else r"\s*"
    return re.compile(rf"\s*(?:(?:{nouns})\s+){{0,2}}\({inside}", re.IGNORECASE)


def never_a_place(text: str) -> bool:
    """Every word is one that never names a place ("Islamic State", "National Police")."""
    return all(w in geo_words().not_places for w in text.lower().split())


def names_anything(sentence: str, known) -> bool:
    """Whether NER's labels could change what the geoparser makes of a
    sentence: it has a capitalised sequence other than its opening word, or
    that word is a name `known` (the gazetteer lookup) has. "Witnesses
    described hearing explosions" has none, so NER over it is wasted work;
    NER labels only ever qualify capitalised sequences."""
    opening = len(sentence) - len(sentence.lstrip())
    for m in _pieces(sentence):
        t, s, _ = _trim(m.group(), m.start())
        if not t:
            continue
        if s != opening or t != m.group() or " " in t or known(t):
            return True
    return False


def _words_before(text: str, pos: int, n: int) -> list[str]:
    chunk = text[max(0, pos - 60):pos]
    cut = max(chunk.rfind(c) for c in ".!?;:\n")
    chunk = chunk[cut + 1:]                     # only its own sentence
    return re.findall(r"[A-Za-z][\w-]*", chunk.lower())[-n:]


def _division_kind(before: list[str], words) -> str | None:
    """The kind of division the words before a name say it is, singular:
    "province" after "the provinces of" or "the province of"."""
    if len(before) < 2 or before[-1] != "of":
        return None
    w = before[-2]
    for kind in (w, w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") else w):
        if kind in words.admin_suffixes:
            return kind
    return None


# the gap between names in a list ("A, B and C")
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+")


def _kind_before(text: str, start: int, spans: list[Span], words) -> str | None:
    """The kind of division the words before `start` name, directly ("the
    province of") or as the list the name is in ("the provinces of A and")."""
    kind = _division_kind(_words_before(text, start, 5), words)
    prev = spans[-1] if spans else None
    if kind is None and prev is not None and prev.kind and _LIST_GAP.fullmatch(text[prev.end:start]):
        kind = prev.kind
    return kind


def _plural_kind_after(text: str, end: int, words) -> bool:
    """Whether a plural kind of division follows ("... and Taizz governorates")."""
    w = word_after(text, end) or ""
    return w.endswith("s") and w not in words.admin_suffixes and _division_kind([w, "of"], words) is not None


def _kind_lookup(span: Span) -> None:
    """A division the text names by kind may be known only with its kind:
    Kenya's "Western" of "the provinces of ... and Western" is its Western
    Province. Looked up first; the bare name still follows."""
    if span.kind and span.text.split()[-1].lower() != span.kind:
        full = f"{span.text} {span.kind.title()}"
        if full not in span.lookups:
            span.lookups.insert(0, full)


def noun_of(before: list[str], nouns) -> bool:
    """Whether the words before a name end "<one of nouns> of" ("the town of")."""
    return len(before) >= 2 and before[-1] == "of" and before[-2] in nouns


def _cue(text: str, span: Span, words) -> str | None:
    colon = re.search(r"([a-z]+)\s*:\s*$", text[max(0, span.start - 30):span.start])
    if colon and colon.group(1) in words.place_kinds:
        return "place-word"   # "the epidemic has affected four villages: Kampungu, Makonono ..."
    after = text[span.end:span.end + 30].lower().split()
    kind_after = bool(after) and after[0].strip(",.") in words.kinds   # "the Jobar district", "Qaniyah frontline"
    before = span.prev.split()
    skip = {"the", "a", "an"} | words.directions
    while before and before[-1] in skip:
        before.pop()
    if len(before) >= 2 and before[-1] in ("and", "or"):
        # "in Mombasa and Kisumu": a listed name shares the list's preposition
        if any(w in words.locative or w in words.origin or w in words.destination for w in before[-4:-1]):
            return "preposition"
    if before:
        w = before[-1]
        if w in words.locative or w in words.origin or w in words.destination:
            return "preposition"
        if w == "of" and len(before) >= 2 and before[-2] in words.directions:
            return "preposition"   # "an operation east of Samarra", "40km north of Gorom-Gorom"
        if w in words.target_verbs:   # (a kind of place after it says more: "on the Qaniyah frontline";
            # "targeted a GNA camp": whose camp)
            return "place-word" if kind_after and not re.fullmatch(r"[A-Z]{2,6}", span.text) else "verb"
        kinds = words.place_kinds
        if noun_of(before, kinds):
            return "place-word"   # "the village of X", "the state of Maharashtra"
        if noun_of(before, words.facility_nouns) and not re.fullmatch(r"[A-Z]{2,6}", span.text):
            # "a sit-in at the prison of Tangier", "the port of Hodeidah": a
            # known town is where the facility is; an unknown name is not
            # taken for a place ("the Ministry of Interior"), unless a kind
            # of place follows ("the checkpoint of Bulo Mareer town")
            return "place-word" if kind_after else "verb"
        if w in ("called", "named") and len(before) >= 2 and before[-2] in kinds:
            return "place-word"   # "a town called Låsby"
        if w in kinds and not re.search(rf"\b{re.escape(w.capitalize())}\W*(?:\w+\W*){{0,2}}$", text[:span.start]):
            return "place-word"   # "the Jobar district", "the region KwaZulu-Natal"; not "the Islamic State (IS)"
    if _appositive().match(text[span.end:span.end + 80].lower()):
        return "place-word"     # "al-Waer, the last opposition-held district in Homs"
    if span.admin_hint or kind_after:
        return "place-word"
    return None


@lru_cache(maxsize=1)
def _appositive() -> re.Pattern:
    words = geo_words()
    nouns = "|".join(sorted(words.part_nouns | words.settlement_suffixes | words.place_nouns, key=len, reverse=True))
    return re.compile(rf",\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b")


def _lookups(toks: list[str], words) -> list[str]:
    """The whole name, then without a trailing generic word."""
    out = [" ".join(toks)]
    if len(toks) == 1 and re.fullmatch(r"(?:[A-Z]\.){2,3}", toks[0]):
        out.append(toks[0].replace(".", ""))   # "U.K." -> "UK"
    if len(toks) > 1 and toks[-1].lower() in words.kinds:
        out.append(" ".join(toks[:-1]))
    return out


def sub_spans(span: Span) -> list[Span]:
    """Shorter capitalised runs inside a title-case sequence ("See Syria
    Photos" -> "Syria"), longest first; each inherits the sequence's label
    only when it covers all of it."""
    toks = [(m.start(), m.end()) for m in re.finditer(r"\S+", span.text)]
    words = [span.text[a:b] for a, b in toks]
    openers = geo_words().name_openers
    out = []
    for n in range(len(toks) - 1, 0, -1):
        for i in range(len(toks) - n + 1):
            s, e = span.start + toks[i][0], span.start + toks[i + n - 1][1]
            t = span.text[toks[i][0]:toks[i + n - 1][1]]
            if not t[0].isupper() or t.split()[-1][0].islower() or _TRAILING_JOIN.search(t):
                continue   # "U.S. Of" is no part
            if (i > 0 and words[i - 1] in _ARABIC_JOINS) or (i + n < len(words) and words[i + n] in _ARABIC_JOINS):
                continue   # "Mafraq ar Ruwayk", "Khabb wa ash Shaaf": an article binds one name, no Mafraq in it
            if i + n < len(words) and words[i + n - 1].lower() in openers:
                continue   # "Lomas de San Agustin" has no "San" (Mali) in it
            out.append(Span(s, e, t, prev=span.prev if i == 0 else "", lookups=[t]))
    return out
