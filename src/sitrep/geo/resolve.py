"""Toponym resolution: which gazetteer place each recognised name means.

A name's candidates are scored on evidence a human reader uses, in two rounds:
first on the name alone (its own name or an alternate, population, feature
type), then again with the article's context: the countries and divisions the
other names resolve to, places named right after it ("Homs, Syria"), and
distance to the other places. Weights are set by hand on GeoVirus; LGL is only
ever used to test.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .gazetteer import LANDFORM_CODES, WATER_CODES, Entry, Match
from .theatres import in_areas

HOW = {"main": 1.0, "alternate": 0.55, "loose": 0.25}
FEATURE = {"CONT": 0.5, "RGN": 0.5, "PCLI": 0.7, "ADM1": 0.25, "ADMD": 0.25, "ADM2": 0.0, "PPLC": 0.3,
           # water has no population to weigh: "the Pacific", not Pacific, Missouri
           **dict.fromkeys(WATER_CODES, 0.8), "OCN": 0.9,
           # nor has land: "Mindanao" the island, "Luzon" not a village so called
           **dict.fromkeys(LANDFORM_CODES, 0.5)}
W_POP, W_COUNTRY, W_ADMIN1, W_NEAR, W_QUALIFIER = 0.35, 0.9, 0.5, 0.35, 1.5
NEAR_KM = 250.0
ROUTE_KM = 600.0   # the two ends of a named road lie within a long day's drive
W_HINT = 0.5
W_AREA = 1.0   # a place in the divisions the story's groups are active in (theatres.py)
W_LIST = 0.5   # a listed name takes the rank of the names listed with it
W_SENTENCE = 0.5   # a place in the division its own sentence names ("in Michigan ... in Monroe County")
# A namesake this many times smaller than a country or a city of a million
# needs the text to say so ("Mecca, California").
FAMOUS_POP, FAMOUS_RATIO, W_FAMOUS = 1_000_000, 30, 1.0
LOCAL_ANCHORS = 3   # other towns of the story within NEAR_KM that make a small namesake the local one


@dataclass
class Candidates:
    matches: list[Match]
    admin_hint: bool = False
    qualifier: Entry | None = None   # "X, Y": the place Y said to contain X
    container_reading: Entry | None = None   # for that Y: the reading of Y that contains X
    siblings: list["Candidates"] = field(default_factory=list)   # names listed with it
    nearby: list["Candidates"] = field(default_factory=list)   # names in its sentence
    route_end: "Candidates | None" = None   # the other end of the road it names ("the Tripoli-Beirut highway")
    votes: bool = True   # casts a vote on the others' country ("Iran-backed", "the Meade company": no)
    best: Match | None = None
    score: float = 0.0
    margin: float = 0.0


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def contains(outer: Entry, inner: Entry) -> bool:
    """Is `inner` inside `outer` (a country, division or town)?"""
    if outer.rank == 0:
        return True
    if outer.country_code != inner.country_code:
        return False
    if outer.rank == 1:
        return True
    if outer.rank == 2:   # a region of several divisions ("Darfur") has no code of its own
        return outer.admin1_code is None or outer.admin1_code == inner.admin1_code
    if outer.rank == 3:
        return outer.admin1_code == inner.admin1_code and outer.admin2_code == inner.admin2_code
    return km(outer.latitude, outer.longitude, inner.latitude, inner.longitude) < 40


def prior(m: Match, admin_hint: bool, siblings: list[Match]) -> float:
    e = m.entry
    s = HOW[m.how] + W_POP * math.log10(e.population + 10) / 7 + FEATURE.get(e.feature_code, 0.0)
    if admin_hint:   # "Red Sea state" is the state, not the sea
        # a division under another's name only if it holds that town ("Homs
        # governorate"): "the Houston region" is no Houston County, Georgia
        own = m.how != "alternate" or any(o.entry.rank == 4 and o.how != "loose" and contains(e, o.entry)
                                          for o in siblings)
        if e.rank in (2, 3) and e.feature_class == "A":
            s += 1.0 if own else 0.3
        elif not (m.how == "main" and e.rank == 4 and e.population >= FAMOUS_POP):
            s -= 0.6   # (a city of a million has a region of its own: "the Houston region")
    elif e.rank in (2, 3) and any(o.entry.rank == 4 and o.entry.country_code == e.country_code
                                  and o.entry.admin1_code == e.admin1_code for o in siblings):
        s -= 0.6   # "Homs" alone is the city, not the governorate of the same name
    return s


def resolve(all_cands: list[Candidates], hints: dict[str, float] | None = None, areas=frozenset()) -> None:
    """Sets best/score/margin on each Candidates in place. `hints`: country
    code -> share of the article's actors from that country ("ADF rebels"
    point to Congo, "Houthi forces" to Yemen), a weak vote for places there.
    `areas`: (country, admin1 code) of the divisions the story's theatres
    are in ("the OSCE SMM" is in Donetsk and Luhansk oblasts)."""
    hints = hints or {}
    for c in all_cands:
        choose(c, lambda m, c=c: prior(m, c.admin_hint, c.matches))
    for _ in range(2):
        country_votes: dict[str, float] = {}
        admin_votes: dict[tuple, float] = {}
        for c in all_cands:
            if c.best and c.margin > 0.3 and c.votes:
                e = c.best.entry
                country_votes[e.country_code] = country_votes.get(e.country_code, 0) + 1
                if e.rank >= 2:
                    admin_votes[(e.country_code, e.admin1_code)] = admin_votes.get((e.country_code, e.admin1_code), 0) + 1
        total = sum(country_votes.values()) or 1
        # each entry once (a story naming Aleppo 500 times has one anchor there, not 500): the test
        # below asks only whether some anchor other than the name's own reading is near
        anchors = _Anchors({id(c.best.entry): c.best.entry for c in all_cands
                            if c.best and c.margin > 0.3 and c.votes and c.best.entry.rank == 4}.values())
        for c in all_cands:
            # a name's own vote is taken out of its context, if it voted at all
            own = c.best.entry if c.best and c.margin > 0.3 and c.votes else None
            famous = max((m.entry.population for m in c.matches if m.how != "loose" and m.entry.rank <= 4
                          and (m.entry.rank == 1 or m.entry.population >= FAMOUS_POP)), default=0)
            # the divisions its sentence names plainly, but for those listed with it
            # ("Virginia, West Virginia and Wyoming")
            told_here = {(o.best.entry.country_code, o.best.entry.admin1_code) for o in c.nearby
                         if o.best and o.margin > 0.3 and o.best.entry.rank == 2
                         and all(o is not x for x in c.siblings)}

            def score(m: Match, c=c, own=own, famous=famous, told_here=told_here) -> float:
                e = m.entry
                s = prior(m, c.admin_hint, c.matches)
                votes = country_votes.get(e.country_code, 0) - (1 if own and own.country_code == e.country_code else 0)
                s += W_COUNTRY * votes / total + W_HINT * hints.get(e.country_code, 0.0)
                a = admin_votes.get((e.country_code, e.admin1_code), 0) - (
                    1 if own and (own.country_code, own.admin1_code) == (e.country_code, e.admin1_code) else 0)
                s += W_ADMIN1 * min(1, a) if e.rank >= 2 else 0
                if areas and e.rank >= 2 and in_areas(e.country_code, e.admin1_code, areas):
                    s += W_AREA
                if anchors.near(e, own, c.best.entry if c.best else None):
                    s += W_NEAR
                # (not for a namesake of a famous place: "Dallas, Texas ... from China")
                if e.rank >= 3 and e.population * FAMOUS_RATIO >= famous \
                        and (e.country_code, e.admin1_code) in told_here:
                    s += W_SENTENCE
                if c.siblings:   # listed names are of one rank; listed with a country's divisions, of that country
                    s += W_LIST * sum(1 for o in c.siblings if o.best and o.best.entry.rank == e.rank) / len(c.siblings)
                    s += W_LIST * sum(1 for o in c.siblings if o.best and o.best.entry.rank == 2 and o.margin > 0.3
                                      and o.best.entry.country_code == e.country_code) / len(c.siblings)
                end = c.route_end.best.entry if c.route_end is not None and c.route_end.best else None
                if end is not None and km(e.latitude, e.longitude, end.latitude, end.longitude) <= ROUTE_KM:
                    s += W_QUALIFIER
                if c.container_reading is not None and e.geonameid == c.container_reading.geonameid:
                    s += W_QUALIFIER
                if c.qualifier is not None:
                    s += W_QUALIFIER if contains(c.qualifier, e) else -W_QUALIFIER
                elif e.population * FAMOUS_RATIO < famous and \
                        anchors.count_near(e, own, c.best.entry if c.best else None) < LOCAL_ANCHORS:
                    # "Mecca", "China": the world's one, not a small namesake nearby; unless the
                    # story's own towns gather round the namesake ("a student from Jacksonville"
                    # among Tyler, Longview and Kilgore is Jacksonville, Texas)
                    s -= W_FAMOUS
                return s
            choose(c, score)


class _Anchors:
    """The towns the article places plainly, ordered by latitude, so the
    test "is another of them within NEAR_KM" reads only those in that band
    of latitude, not every town of a long article."""
    BAND = NEAR_KM / 111.0   # degrees of latitude NEAR_KM spans

    def __init__(self, entries):
        self._entries = sorted(entries, key=lambda e: e.latitude)
        self._lats = [e.latitude for e in self._entries]

    def _around(self, e: Entry, besides):
        lo = bisect_left(self._lats, e.latitude - self.BAND)
        hi = bisect_right(self._lats, e.latitude + self.BAND)
        return (a for a in self._entries[lo:hi] if all(a is not b for b in besides)
                and km(a.latitude, a.longitude, e.latitude, e.longitude) < NEAR_KM)

    def near(self, e: Entry, *besides: Entry | None) -> bool:
        return next(self._around(e, besides), None) is not None

    def count_near(self, e: Entry, *besides: Entry | None) -> int:
        return sum(1 for _ in self._around(e, besides))


def choose(c: Candidates, score) -> None:
    if not c.matches:
        return
    scored = sorted(((score(m), m) for m in c.matches), key=lambda x: -x[0])
    c.best, c.score = scored[0][1], scored[0][0]
    c.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 1.0


def confidence(c: Candidates) -> float:
    """A 0-1 score for the chosen place: high when it clearly beats the rest."""
    if c.best is None:
        return 0.0
    return round(1 / (1 + math.exp(-(2.5 * min(c.margin, 2) + c.score - 1.2))), 3)
