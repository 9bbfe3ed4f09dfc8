"""How names written next to each other qualify one another: "X, Y" and
"X in Y" (Y contains X), "X (Y, Z)" (ACLED's brackets), lists of one kind
("Utah, Washington and Wisconsin"), and how plainly a name's gazetteer
matches make it a place. The geoparser calls these on its kept names."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..model import Toponym
from ..numbers import COUNT_PATTERN
from .gazetteer import WATER_CODES, feature_rank
from .names import geo_words
from .recognize import Span
from .resolve import FAMOUS_POP, Candidates, contains
from .theatres import in_areas

ACRONYM = re.compile(r"[A-Z]{2,5}")
# Below this population, a place named once in an article about another
# country is more likely a village the gazetteer lacks than a namesake abroad.
SMALL_PLACE = 20_000
# Inside the country of the story's armed group or mission, which works in a
# few of its divisions, a town named once outside them is likelier a village
# the gazetteer lacks up to a larger size (theatres.py).
THEATRE_SMALL_PLACE = 100_000
# "in Al Hammah and Yisbal checkpoint areas (As Sawadiyah, Al Bayda)": the
# brackets after a list place each of its names
# (a list's "and" or "or" ends it: "Pipri, Kaushambi (UP)" is a town in its district)
_LIST_ITEM = r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3}"
LISTED_BEFORE_BRACKETS = re.compile(rf"(?:\s*,\s*{_LIST_ITEM}){{0,5}}\s*,?\s+(?:and|or)\s+{_LIST_ITEM}"
                                    r"(?:\s+[a-z]+){0,2}\s*\([^()]{0,60}")
# A town of this size has districts the news names after it ("Ermita, Manila").
CITY_WITH_PARTS = 100_000
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'])|\n")
# "four in Ontario, eight in Alberta, and one in Quebec": a list of places too
PARALLEL_GAP = re.compile(rf"\s*,\s*(?:and\s+)?{COUNT_PATTERN}(?:\s+[a-z]+)?\s+(?:in|from)\s+(?:the\s+)?", re.I)
LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or|&))\s*(?:the\s+)?")
_LIST_REACH = 64   # the most characters a list's gap spans (", and the " with room for odd spacing)


def strong(matches) -> bool:
    """A name that is a country, first-level division (or sea), or big
    city under its own name reads as a place even without a cue."""
    return any(m.how != "loose" and (m.entry.rank <= 2 or m.entry.population >= 100_000) for m in matches)


def famous(matches) -> bool:
    """A country under any of its names ("U.S.", "DRC", "Britain"), or a
    city of 100,000 under its own."""
    return any((m.how == "main" and (m.entry.rank <= 1 or m.entry.population >= 100_000))
               or (m.how == "alternate" and m.entry.rank == 1) for m in matches)


def widest_rank(c: Candidates) -> int:
    """The largest kind of unit a name can be read as under its own or an
    alternate name (0 continent ... 4 town; 5 for a loose spelling only)."""
    return min((m.entry.rank for m in c.matches if m.how != "loose"), default=5)


def listed_with_places(text: str, listed: list, kept: list) -> list:
    """A name listed next to a place is a place, whatever NER called it:
    a country or state in any list ("Benin, Ghana, Guinea, Niger, and
    Senegal", "between the DRC and Angola"); a town when the gazetteer
    has it in the country of its neighbour ("Suba, Migori, Homa Bay,
    Rongo", "Krasnodar, Russia"). Lists are followed name by name."""
    out, places = [], list(kept)
    grew = True
    while grew:
        grew = False
        for span, c in listed:
            if any(span is sp for sp, _ in out):
                continue
            mine = [m.entry for m in c.matches if m.how != "loose"]
            for other, oc in places:
                if max(other.start - span.end, span.start - other.end) > _LIST_REACH:
                    continue   # too far apart for a list's gap (and slicing the text between costs)
                gap = text[span.end:other.start] if other.start >= span.end else text[other.end:span.start]
                if not LIST_GAP.fullmatch(gap):
                    continue
                theirs = {m.entry.country_code for m in oc.matches if m.how != "loose"}
                if any(e.rank <= 2 for e in mine) or any(e.country_code in theirs for e in mine):
                    if not any(e.rank <= 2 for e in mine):
                        # the list says which country: its namesakes elsewhere are out
                        c.matches = [m for m in c.matches if m.how != "loose" and m.entry.country_code in theirs]
                    out.append((span, c))
                    places.append((span, c))
                    grew = True
                    break
    return out


def qualify(text: str, kept: list[tuple[Span, Candidates]]) -> None:
    """'Alexandria, Louisiana' / 'Homs, Syria': the second name is the
    division or country containing the first."""
    for i, ((a, ca), (b, cb)) in enumerate(zip(kept, kept[1:])):
        gap = text[a.end:b.start]
        # "Logo (Mahagi, Ituri)": names the gazetteer lacks may open the brackets;
        # "Kurla town (Mumbai Suburban, ...)", "Al Alam military camp (Marib, Marib)"
        if ca.qualifier is None and (re.fullmatch(r"(?:\s+[a-z]+){0,2}\s*\([^()]{0,60}", gap)
                                     or LISTED_BEFORE_BRACKETS.fullmatch(gap)):
            _parenthetical(text, kept, i)
            continue
        # ("Chora district, Urozgan": the kind of place may come before the comma)
        comma = re.fullmatch(r",\s*", gap) or (ca.admin_hint and kind_comma().fullmatch(gap))
        # "X in Y", "the Chowni area of Gardez district", "Svietlahorsk of the Gomel region"
        part_of = _part_of(gap, cb)
        within = _inside_link().fullmatch(gap) or part_of or (
            cb.admin_hint and re.fullmatch(r"\s+of\s+(?:the\s+)?", gap))
        if not (comma or within):
            continue
        # water neither holds towns nor lies in a country: "Rugen in the Baltic
        # Sea", "the Indian Ocean in Seychelles" are no place and its container
        higher = [m.entry for m in cb.matches if m.entry.rank <= 3 and m.how != "loose" and m.entry.feature_class != "H"]
        if not higher or all(m.entry.feature_class == "H" for m in ca.matches):
            continue
        big = max(higher, key=lambda e: e.population)   # what the name most likely means
        # how large the first name can be, read in the second's country where it
        # has readings there ("Kingston, Ont." is no list of two provinces for
        # Jamaica's Kingston parish)
        home = [m.entry.rank for m in ca.matches if m.how != "loose" and m.entry.country_code == big.country_code]
        # ("Arauca, Arauca department": a word that says the second is a
        # division makes the first its town, not a list)
        if comma and not (cb.admin_hint and not ca.admin_hint) and (
                (min(home) if home else widest_rank(ca)) <= big.rank or _in_list(text, kept, i + 1)):
            # "Russia, Romania", "Georgia, Illinois, Missouri": names of one
            # rank in a list, not a place and its container
            continue
        inside = [h for h in higher if any(contains(h, m.entry) for m in ca.matches)]
        if inside:
            ca.qualifier = max(inside, key=lambda e: e.population)
            cb.container_reading = ca.qualifier   # "Nova Iguacu, Rio de Janeiro": the state, not the city
        elif within and all(m.entry.rank > max(h.rank for h in higher) for m in ca.matches if m.how != "loose"):
            # "al-Jina in western Aleppo Province": none of its namesakes is
            # there, so it is a place the gazetteer lacks (a loose spelling of
            # a district elsewhere is no reason to doubt it: "the Yangi Kala
            # area of Qaysar district").
            ca.qualifier = big
        elif comma and big.rank <= 3 and all(m.entry.rank > big.rank for m in ca.matches) and \
                max((m.entry.population for m in ca.matches if m.how == "main"), default=0) < FAMOUS_POP \
                and not _listed(text, kept, i):
            # "Stroud, Ontario", "Bradford, Ontario": likewise, unless the
            # town is a city of a million under its own name ("Los Angeles,
            # San Fernando Valley" lists two places; "Mambasa, Ituri" is no Mombasa)
            ca.qualifier = big
            cb.container_reading = big   # "Vodyane, Donetsk": the oblast, not its capital


def held_abroad(text: str, kept: list[tuple[Span, Candidates]]) -> None:
    """After resolving: a town the text says lies in the next name ("La
    Candelaria, Bogota", "Chora district, Urozgan", "Villa Nueva (Mendoza)",
    "Maan town in Hama") read in another country than that name is misread.
    Its namesake inside one of the container's readings there is meant
    (anywhere in it, when the container is a country); with none, it is a
    place the gazetteer lacks inside the container (its qualifier, so the
    geoparser places it there). In its own country, so is a small town put
    after a comma in a city far from it ("Ermita, Manila": `_far_from_its_town`)."""
    for i in range(len(kept) - 1):
        (a, ca), (b, cb) = kept[i], kept[i + 1]
        if ca.best is None or cb.best is None or ca.qualifier is not None:
            continue
        inner, outer = ca.best.entry, cb.best.entry
        if inner.rank < 3 or outer.rank < 1 or outer.country_code is None:
            continue
        link = _holding_link(text, kept, i)
        if outer.country_code == inner.country_code and not (link == "comma" and _far_from_its_town(inner, cb)):
            continue
        if link is None or (link == "comma" and ca.best.how == "main" and inner.population >= FAMOUS_POP
                            and outer.rank == 4 and outer.population >= FAMOUS_POP):
            continue   # two cities of a million: a list ("Caracas, Bogota"), whichever was misread
        there = [m for m in ca.matches if m.how != "loose" and m.entry.country_code == outer.country_code]
        # inside any reading of the container there ("Mendoza" the city or the
        # province; a country, the container's own reading, holds them all)
        holders = [o.entry for o in cb.matches if o.entry.country_code == outer.country_code]
        inside = [m for m in there if any(contains(h, m.entry) for h in holders)]
        if inside:
            ca.best = max(inside, key=lambda m: m.entry.population)
        else:
            ca.qualifier = outer


def _far_from_its_town(inner, container: Candidates) -> bool:
    """"in Ermita, Manila": a smaller town the text puts in a city, read as a
    namesake far from it in the same country (Ermita, Western Visayas), is a
    part of the city the gazetteer lacks; unless the city's name is also a
    division's that holds the town ("Baqim, Sadah": the governorate)."""
    outer = container.best.entry
    # (a city with parts the news names: "Palauig, Manaoag, Pangasinan" lists two towns)
    return outer.rank == 4 and outer.population >= CITY_WITH_PARTS and inner.rank == 4 \
        and inner.population < min(outer.population, CITY_WITH_PARTS) \
        and not contains(outer, inner) and not any(o.entry.rank <= 3 and contains(o.entry, inner)
                                                   for o in container.matches if o.how != "loose")


def _holding_link(text: str, kept: list[tuple[Span, Candidates]], i: int) -> str | None:
    """How the text says kept[i + 1] holds kept[i]: the first name in the
    brackets after it ("bracket"), "in"/"X of" ("within"), or a comma that
    is not a list's ("comma": not "Kon Tum, Phan Thiet and Can Tho"; a chain
    of containers is no list: "Stroud, Ontario, Canada")."""
    (a, _), (b, cb) = kept[i], kept[i + 1]
    gap = text[a.end:b.start]
    if re.fullmatch(r"(?:\s+[a-z]+){0,2}\s*\(\s*", gap):
        return "bracket"
    if _inside_link().fullmatch(gap) or _part_of(gap, cb):
        return "within"
    if not (re.fullmatch(r",\s*", gap) or kind_comma().fullmatch(gap)):
        return None
    if i > 0 and LIST_GAP.fullmatch(text[kept[i - 1][0].end:a.start]):
        return None
    if i + 2 < len(kept) and LIST_GAP.fullmatch(text[b.end:kept[i + 2][0].start]):
        nxt = kept[i + 2][1].best
        if nxt is None or not contains(nxt.entry, cb.best.entry):
            return None
    return "comma"


def _parenthetical(text: str, kept: list[tuple[Span, Candidates]], i: int) -> None:
    """"Bamba (Koro, Mopti)", "Khairpur city (Dadu, Sindh)": ACLED's and
    many wires' way of saying where a town is. The largest unit in the
    brackets that holds one of the town's namesakes contains it."""
    a, ca = kept[i]
    close = text.find(")", a.end)
    if close < 0 or close - a.end > 80:
        return
    inside = [(sp, c) for sp, c in kept[i + 1:] if sp.end <= close]
    best = None
    for sp, c in inside:
        for m in c.matches:
            e = m.entry
            if m.how != "loose" and e.rank <= 3 and any(contains(e, x.entry) for x in ca.matches) \
                    and (best is None or (e.rank, -e.population) < (best[1].rank, -best[1].population)):
                best = (c, e)
    if best is not None:
        ca.qualifier = best[1]
        best[0].container_reading = best[1]
        return
    division = next((m.entry for _, c in inside for m in c.matches if m.how != "loose" and m.entry.rank <= 2),
                    None)
    # (a city of 100,000 or a country is famous enough to be itself; a
    # division's namesake is not: "Logo (Mahagi, Ituri)" is no Nigerian LGA)
    if division is not None and not famous([m for m in ca.matches if m.entry.feature_class != "A" or m.entry.rank <= 1]):
        # none of its namesakes is in the division named: a village the
        # gazetteer lacks, placed at the first division in the brackets
        ca.qualifier = division

def siblings(text: str, kept: list[tuple[Span, Candidates]]) -> None:
    """Names listed together ("Utah, Washington and Wisconsin", "China,
    Japan and the United Kingdom") are usually of one kind: each learns
    the others, and resolve.py prefers its namesake of their rank."""
    group: list[Candidates] = []
    for i, (span, c) in enumerate(kept):
        group.append(c)
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        gap = text[span.end:nxt[0].start] if nxt is not None else ""
        if nxt is None or c.qualifier is not None or not (LIST_GAP.fullmatch(gap) or PARALLEL_GAP.fullmatch(gap)):
            if len(group) > 1:
                for member in group:
                    member.siblings = [o for o in group if o is not member]
            group = []


def route_ends(text: str, kept: list[tuple[Span, Candidates]]) -> None:
    """"the Tripoli-Beirut highway", "the Baalbek-Homs road": a road's two
    ends are one drive apart, so each is read near the other (Lebanon's
    Tripoli, not Libya's)."""
    for (a, ca), (b, cb) in zip(kept, kept[1:]):
        if _ROUTE_JOIN.fullmatch(text[a.end:b.start]) and _route_noun_after().match(text, b.end):
            ca.route_end, cb.route_end = cb, ca


_ROUTE_JOIN = re.compile(r"\s*[-\u2010\u2013]\s*")


@lru_cache(maxsize=1)
def _route_noun_after() -> re.Pattern:
    nouns = "|".join(sorted(geo_words().route_nouns, key=len, reverse=True))
    return re.compile(rf"\s+(?:{nouns})s?\b", re.I)


def same_sentence(text: str, kept: list[tuple[Span, Candidates]]) -> None:
    """Each name learns the others of its sentence: the division a sentence
    names says which of its county's namesakes it means ("swans in Michigan
    ... near the Mouillee state game area in Monroe County", in an article
    that also names Ames, Iowa)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    by_sentence: dict[int, list[Candidates]] = {}
    for span, c in kept:
        by_sentence.setdefault(bisect.bisect_right(ends, span.start), []).append(c)
    for group in by_sentence.values():
        for c in group:
            c.nearby = [o for o in group if o is not c]


def _listed(text: str, kept: list[tuple[Span, Candidates]], i: int) -> bool:
    """Is kept[i] an item of a list of towns ("in Kon Tum, Phan Thiet,
    Can Tho, and Ben Tre")? Listed after another name that is not its
    container, or before the next name its container does not contain."""
    def item(a: int, b: int) -> bool:   # kept[b] follows kept[a] in a list, and does not contain it
        return bool(LIST_GAP.fullmatch(text[kept[a][0].end:kept[b][0].start])) and not any(
            contains(m.entry, x.entry) for m in kept[b][1].matches for x in kept[a][1].matches)
    return (i > 0 and item(i - 1, i)) or (i + 2 < len(kept) and item(i + 1, i + 2))

def _in_list(text: str, kept: list[tuple[Span, Candidates]], i: int) -> bool:
    """Is kept[i] followed by a name of its own rank in a list ("Illinois,
    Missouri and Ohio", not "Stroud, Ontario, Canada")? Then the name
    before it is a list item too."""
    if i + 1 >= len(kept):
        return False
    gap = text[kept[i][0].end:kept[i + 1][0].start]
    return bool(LIST_GAP.fullmatch(gap)) and widest_rank(kept[i][1]) == widest_rank(kept[i + 1][1])


@lru_cache(maxsize=1)
def _inside_link() -> re.Pattern:
    """The words between "al-Jina" and "Aleppo Province" in "al-Jina in western
    Aleppo Province" (or "Fulton County located in Illinois", "Oba town in
    Idemili South LGA", "Al Jawf border governorate in northern Yemen",
    "Kelly in the northern countryside of Idleb", "Al Alam front in the
    north of Marib": a part of the container is in it too)."""
    words = geo_words()
    directions = "|".join(sorted(words.directions, key=len, reverse=True))
    kinds = "|".join(sorted(words.settlement_suffixes | words.admin_suffixes | {"front", "frontline"},
                            key=len, reverse=True))
    parts = "|".join(sorted(words.part_nouns, key=len, reverse=True))
    return re.compile(rf"\s+(?:(?:[a-z]+\s+)?(?:{kinds})\s+)?(?:(?:located|situated)\s+)?in\s+(?:the\s+)?"
                      rf"(?:(?:{directions})\s+)?(?:(?:(?:{parts})\s+)?of\s+(?:the\s+)?(?:(?:{directions})\s+)?)?")


@lru_cache(maxsize=1)
def kind_comma() -> re.Pattern:
    """" district, " between "Chora" and "Urozgan"."""
    kinds = "|".join(sorted(geo_words().admin_suffixes | geo_words().settlement_suffixes, key=len, reverse=True))
    return re.compile(rf"\s+(?:{kinds}),\s*", re.IGNORECASE)


def _part_of(gap: str, container: Candidates):
    """The link of "the Chowni area of Gardez district": a part noun and
    "of" before the container; not "the Aley town of Ain er Roummaneh",
    which names the town after "of"."""
    m = _part_of_link().fullmatch(gap)
    if m and m.group(1) in ("town", "village", "city", "camp") and not container.admin_hint:
        return None
    return m


@lru_cache(maxsize=1)
def _part_of_link() -> re.Pattern:
    """The words between "Chowni" and "Gardez district" in "the Chowni area
    of Gardez district" (or "Tombo neighbourhood of Freetown", "Bulani
    village of Zhari district")."""
    words = geo_words()
    parts = "|".join(sorted(words.part_nouns | words.admin_suffixes, key=len, reverse=True))
    directions = "|".join(sorted(words.directions, key=len, reverse=True))
    return re.compile(rf"\s+({parts})\s+of\s+(?:the\s+)?(?:(?:{directions})\s+)?")


def acronyms_told(listed: list, kept: list) -> list:
    """"New South Wales (NSW) ... the NSW government": an acronym NER
    calls an organisation is a place the article has named in full."""
    told = {m.entry.geonameid for _, c in kept for m in c.matches if m.how != "loose"}
    out = []
    for span, c in listed:
        if not ACRONYM.fullmatch(span.text) or any(span is sp for sp, _ in kept):
            continue
        same = [m for m in c.matches if m.how != "loose" and m.entry.geonameid in told]
        if same:
            out.append((span, Candidates(same)))
    return out


def small_place_abroad(c: Candidates, others: list[Candidates], hints: dict[str, float],
                       names_a_facility: bool = False) -> bool:
    """A village's namesake in a country nothing else in the article is in,
    while the article is plainly about another ("fled Nyala for Tawila"
    is not Tawila, Yemen): the name is a place the gazetteer lacks. A name
    before a facility's noun ("a demonstration in Armas square" in a story
    from Huancavelica) is the facility's own, where one other name says
    which country the story is in."""
    e = c.best.entry
    if e.rank != 4 or e.population >= SMALL_PLACE or c.qualifier is not None or e.country_code is None:
        return False   # a sea is in no country
    here = [o.best.entry.country_code for o in others if o.best and o.best.how != "loose" and o.margin > 0.3
            and o.best.entry.geonameid != e.geonameid]   # the same name told again is no evidence
    if e.country_code in here or hints.get(e.country_code):
        return False
    # another country, named twice or once with its armed actors ("RSF" is Sudan's)
    return max((here.count(cc) + 2 * hints.get(cc, 0.0) for cc in set(here)), default=0.0) >= (
        1 if names_a_facility else 2)


def small_place_off_theatre(c: Candidates, others: list[Candidates], areas) -> bool:
    """A village's namesake outside the few divisions the story's armed
    group or mission works in ("the OSCE SMM observed explosions near Kruta
    Balka": Donetsk or Luhansk, not Poltava), where the text names nothing
    in the namesake's division: a place the gazetteer lacks."""
    e = c.best.entry
    if not areas or e.rank != 4 or e.population >= THEATRE_SMALL_PLACE or c.qualifier is not None \
            or e.country_code is None or in_areas(e.country_code, e.admin1_code, areas):
        return False
    return not any(o.best and o.best.how != "loose" and o.best.entry.geonameid != e.geonameid
                   and (o.best.entry.country_code, o.best.entry.admin1_code) == (e.country_code, e.admin1_code)
                   for o in others)


def named_direction_abroad(text: str, span: Span, c: Candidates, others: list[Candidates]) -> int | None:
    """"the Central Plateau and Artibonite regions" (Haiti), "the West
    Midlands" (England): a capitalised direction is part of a name the
    gazetteer lacks, and its bare rest ("Plateau", "Midlands") names a
    division in a country the article does not name otherwise. Returns where
    the whole name starts, or None."""
    if not span.direction or c.best is None or c.best.entry.rank < 2:
        return None
    word = re.search(r"([A-Za-z]+)[ \t-]+$", text[max(0, span.start - 40):span.start])
    if word is None or not word.group(1)[:1].isupper() or word.group(1).lower() != span.direction:
        return None
    # (its other mentions, read the same way, say nothing)
    told = {o.best.entry.country_code for o in others if o.best and o.best.how != "loose"
            and o.best.entry.geonameid != c.best.entry.geonameid}
    if not told or c.best.entry.country_code in told:
        return None
    return max(0, span.start - 40) + word.start(1)


def group_names(text: str) -> dict[int, int]:
    """Start -> end of the rebel groups' and militias' names the actor
    dictionary finds in the text (the stage has looked them up already:
    the finder caches by text), without a plural or generic tail."""
    from ..actors import load_actors
    out = {}
    for f in load_actors().find(text):
        if not f.entry.template and f.entry.inter in (2, 3):
            name = re.match(r"[^\s]+(?:\s+[A-Z0-9][^\s]*)*", f.text)   # "Abu Sayyaf militants" -> "Abu Sayyaf"
            out[f.start] = f.start + len(name.group(0) if name else f.text)
    return out


def story_division(toponyms: list[Toponym], country_code: str | None) -> Toponym | None:
    """The one division of the country the article names ("four villages:
    Kampungu, Makonono ..." after "Kasai Occidental province"): its only
    second-level division, else its only first-level one; None where it
    names divisions of several first-level ones, or none, or any town there."""
    mine = [t for t in toponyms if t.place is not None and not t.in_name and t.place.latitude is not None
            and t.place.country_code == country_code and t.place.feature_code not in WATER_CODES]
    if any(feature_rank(t.place.feature_code) == 4 for t in mine):
        return None   # a town it names may be where the name is ("Vila Acre neighborhood" of Rio Branco)
    divisions = [t for t in mine if feature_rank(t.place.feature_code) in (2, 3)]
    if len({t.place.admin1 for t in divisions}) != 1:
        return None
    for rank in (3, 2):
        at = {(t.place.admin1, t.place.admin2): t for t in divisions if feature_rank(t.place.feature_code) == rank}
        if at:
            return next(iter(at.values())) if len(at) == 1 else None
    return None
