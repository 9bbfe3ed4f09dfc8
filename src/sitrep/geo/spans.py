"""Repairs of the recogniser's spans that the gazetteer decides: names
joined or split where it knows the whole or the parts ("Democratic
Republic" + "of the" + "Congo"; "India-Pakistan"; "the Gold Coast of
Australia"), a demonym opening a name moved out of it ("the south Sudanese
Warab state"), and a direction kept in the name it belongs to ("West
Bank", "North Eastern Province")."""
from __future__ import annotations

import re
from dataclasses import replace

from .gazetteer import WATER_CODES, Gazetteer
from .names import geo_words
from .neighbours import strong
from .recognize import Span, candidate_spans

# what may join two spans into one name the gazetteer knows whole ("Democratic
# Republic of the Congo", "Jammu and Kashmir", "Trinidad and Tobago", "J&K")
_NAME_JOIN = re.compile(r"\s+of\s+the\s+|\s+and\s+|\s*&\s*|['\u2019]s\s+")   # "People's Republic of China"


def known(gaz: Gazetteer, name: str) -> bool:
    """Whether the gazetteer has `name` itself (its own or an alternate name, not a loose spelling)."""
    return any(m.how != "loose" for m in gaz.lookup(name))


_SETTLEMENT_AFTER = re.compile(r"\s+(?:village|villages|town|towns|camp|camps|neighbou?rhood)\b")


def repaired_spans(text: str, entities, gaz: Gazetteer, demonym_country: dict[str, str], matches) -> list[Span]:
    """The recogniser's spans, with two repairs the gazetteer decides:
    "Democratic Republic" + "of the" + "Congo" (or "Jammu" + "and" +
    "Kashmir") is one name when the gazetteer knows it whole; "India-Pakistan", "Asia-Pacific" are two
    names when it does not (each a modifier: nothing happens there)."""
    spans = [without_demonym(sp, gaz, demonym_country) for sp in candidate_spans(text, list(entities))]
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and _NAME_JOIN.fullmatch(text[prev.end:span.start]):
            whole = text[prev.start:span.end]
            if known(gaz, whole):
                prev.end, prev.text, prev.lookups = span.end, whole, [whole]
                continue
        out.append(span)
    split: list[Span] = []
    pieces = [piece for sp in out for piece in _two_names(sp, gaz, matches)]
    for span in (part for sp in pieces for part in of_its_container(sp, gaz)):
        parts = list(re.finditer(r"[^\s\-\u2010]+", span.text)) if re.search(r"\w[\-\u2010]\w", span.text) else []
        # (not a name the text calls a place: "Bar-Sanguun village", "(Mayo-Sava, Extreme-Nord)")
        # ("Al-Saba Bahrat": an article opens one name)
        if len(parts) > 1 and all(p.group()[0].isupper() for p in parts) and not called_a_place(text, span) \
                and parts[0].group().lower() not in geo_words().articles \
                and not matches(span) and any(strong(gaz.lookup(p.group())) for p in parts):
            lead = parts[0].group().lower()
            if len(parts) == 2 and (lead in geo_words().directions or lead == "mid"):
                # "located in Mid-Jutland", "North-Kivu": a direction and the place, as "central Jutland"
                rest = parts[1]
                split.append(Span(span.start + rest.start(), span.end, rest.group(), label=span.label,
                                  cue=span.cue, prev=span.prev, lookups=[rest.group()],
                                  direction="central" if lead == "mid" else lead))
                continue
            for i, p in enumerate(parts):
                split.append(Span(span.start + p.start(), span.start + p.end(), p.group(), label=span.label,
                                  cue=span.cue if i == 0 else None, prev=span.prev if i == 0 else "",
                                  lookups=[p.group()], modifier=True))
        else:
            split.append(span)
    return split


def _two_names(span: Span, gaz: Gazetteer, matches) -> list[Span]:
    """"the east of Hodeidah Red Sea port city", "the Aleppo Damascus
    highway": two names run together, each plainly a place and of one
    country, when the gazetteer knows neither the whole nor a name across
    the join."""
    words = list(re.finditer(r"\S+", span.text))
    if len(words) < 2 or len(words) > 6 or matches(span) or not all(w.group()[:1].isupper() for w in words):
        return [span]
    for w in words[1:]:
        left, right = span.text[:w.start()].rstrip(), span.text[w.start():]
        a, b = _plain_readings(gaz, left), _plain_readings(gaz, right)
        # (of one country, or one is a sea: "San Francisco Campeche" is Campeche's town)
        if a and b and (None in a | b or a & b):
            return [replace(span, end=span.start + len(left), text=left, lookups=[left]),
                    Span(span.start + w.start(), span.end, right, label=span.label, prev=" ".join(
                        (span.prev.split() + left.lower().split())[-5:]), lookups=[right])]
    return [span]


def _plain_readings(gaz: Gazetteer, name: str) -> set[str | None]:
    """The countries of the name's readings that are plainly a place: a
    country, a sea (None) or a city of 100,000 under its own name (not a
    division: many are common words, "Bay", "Central", "Coast")."""
    return {m.entry.country_code for m in gaz.lookup(name)
            if m.how == "main" and (m.entry.rank == 1 or m.entry.feature_code in WATER_CODES
                                    or (m.entry.rank == 4 and m.entry.population >= 100_000))}


def without_demonym(span: Span, gaz: Gazetteer, demonym_country: dict[str, str]) -> Span:
    """"the south Sudanese Warab state": a demonym opening a name says
    whose the place is ("Sudanese" joins the words before it, and so
    does its direction), unless the gazetteer knows the whole name."""
    first, _, rest = span.text.partition(" ")
    if not rest or first.lower() not in demonym_country or known(gaz, span.text):
        return span
    prev = " ".join((span.prev.split() + ([span.direction] if span.direction and
                                           not span.prev.endswith(span.direction) else []) + [first.lower()])[-5:])
    lookups = [n[len(first) + 1:] for n in span.lookups if n.startswith(first + " ")] or [rest]
    return replace(span, start=span.start + len(first) + 1, text=rest, prev=prev, direction=None,
                   lookups=lookups)


def of_its_container(span: Span, gaz: Gazetteer) -> list[Span]:
    """"the Gold Coast of Australia": a town's or region's name, "of",
    then the country or first-level division it is in, names both (when
    the gazetteer does not know the whole)."""
    m = re.search(r"\s+of\s+(?:the\s+)?", span.text)
    if m is None or known(gaz, span.text):
        return [span]
    head, tail = span.text[:m.start()], span.text[m.end():]
    inner = [x for x in gaz.lookup(head) if x.how == "main"]
    outer = [x for x in gaz.lookup(tail) if x.how != "loose" and x.entry.rank <= 2]
    if not strong(inner) or not any(a.entry.country_code == b.entry.country_code and a.entry is not b.entry
                                     for a in inner for b in outer):
        return [span]
    start = span.start + m.end()
    first = Span(span.start, span.start + len(head), head, label=span.label, cue=span.cue, prev=span.prev,
                 direction=span.direction, lookups=[head], said_place=span.said_place)
    return [first, Span(start, span.end, tail, label=span.label, cue="place-word",
                        prev=" ".join((span.prev.split() + head.lower().split() + ["of"])[-5:]),
                        admin_hint=span.admin_hint, lookups=[tail])]


_DIRECTION_REACH = 80   # characters before a name where its direction words are read


def keep_direction(text: str, span: Span, gaz: Gazetteer) -> None:
    """"West Bank", "South Sudan", "North Kivu", "North Eastern Province":
    directions that are part of the name the gazetteer knows stay in it."""
    if not span.direction:
        return
    # (the few words before the name: the whole text before it would make a
    # long article's directions quadratic)
    at = max(0, span.start - _DIRECTION_REACH)
    head = text[at:span.start].rstrip()
    word = re.search(r"[A-Za-z]+$", head)
    if word is None or word.group().lower() != span.direction:
        return
    starts = [at + word.start()]
    before = re.search(r"([A-Za-z]+)[ \t-]+$", head[:word.start()])
    if before and before.group(1).lower() in geo_words().directions:
        starts.insert(0, at + before.start(1))   # the longer name first
    # the name may head a longer one: "West Bank Health Ministry" is the
    # West Bank's ministry (its "Bank Health Ministry" is no place)
    ends = [span.start + m.end() for m in re.finditer(r"\S+", span.text)][::-1]
    for start in starts:
        for end in ends:
            full = text[start:end]
            # "the provinces of ... North Eastern": Kenya's North Eastern Province
            names = [f"{full} {span.kind.title()}"] if span.kind and end == span.end else []
            for name in names + [full]:
                if known(gaz, name):
                    if end < span.end:
                        span.lookups = [name]
                        span.admin_hint = False
                    else:
                        span.lookups = [name] + [n for n in span.lookups if n != name]
                    span.start, span.end, span.text, span.direction = start, end, full, None
                    return


def called_a_place(text: str, span: Span) -> bool:
    """The text says the hyphenated name is one place's: a settlement word
    follows it ("Bar-Sanguun village"), or it is in the brackets after a
    place ("(Mayo-Sava, Extreme-Nord)"). Not "Mogadishu-Hodan district",
    ACLED's city-district, whose city is a place of its own."""
    return bool(_SETTLEMENT_AFTER.match(text, span.end)) or (
        span.cue == "place-word" and re.search(r"\([^()]*$", text[max(0, span.start - 80):span.start]) is not None)
