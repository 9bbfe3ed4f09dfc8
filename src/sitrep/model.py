"""The shared vocabulary of sitrep: every stage reads and writes these types.

Nothing here knows how a field is filled; stages do. A field a stage has not
filled stays None (never a guess), so downstream users can tell "unknown" from
"zero".
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, asdict
from datetime import date
from typing import Any


@dataclass
class Article:
    id: str
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None


@dataclass
class Sentence:
    """A span of the article text the detector looks at (a sentence or a line)."""
    start: int
    end: int
    text: str
    section: int = 0       # index of the heading-delimited section it sits in
    paragraph: int = 0     # index of the blank-line-delimited paragraph
    is_heading: bool = False


@dataclass
class Place:
    name: str
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    feature_code: str | None = None


@dataclass
class Toponym:
    """A place name in an article's text, resolved (place set) by the geoparse
    stage. A name the gazetteer lacks but the text places inside a known one
    ("the Jobar section of Damascus") gets that place's point, `contained`
    set and a coarser geo_precision."""
    start: int
    end: int
    text: str
    place: Place | None = None
    score: float = 0.0
    contained: bool = False
    # "preposition", "place-word", "verb" (the object of an attack verb, of "on"
    # or of a facility's "of": "the prison of Tangier"), or None
    cue: str | None = None
    direction: str | None = None # "northeast" Damascus: part of the place
    prev: str = ""               # the words just before it (role cues: from/to/near)
    in_name: bool = False        # part of an organisation's name ("the U.S. Centers for Disease Control")
                                 # or a modifier ("Sydney-based"): a toponym, but nothing happened there
    centre: tuple[float, float] | None = None  # a region's geographic centre (its outline's centroid),
                                 # which `sitrep geoparse` reports; events keep place's point (ACLED's)

    @property
    def point(self) -> tuple[float | None, float | None]:
        """Where `sitrep geoparse` reports the name: a region's centre, else its place's point."""
        return self.centre or (self.place.latitude, self.place.longitude)


@dataclass
class Actor:
    name: str
    inter: int | None = None   # ACLED inter code 1-8
    country: str | None = None


@dataclass
class Figure:
    kind: str                  # fatalities | injured | displaced | detained
    value: int
    text: str                  # the count as written ("at least 56")
    source: str | None = None  # who gives it (None: the article's own voice)


@dataclass
class Claim:
    source: str
    text: str


@dataclass
class Evidence:
    article_id: str
    start: int
    end: int
    text: str


@dataclass
class DateRef:
    """A date expression found in the text and what it resolves to."""
    text: str
    start: int
    end: int
    value: date | None          # None when it cannot be resolved (no publication date)
    precision: int | None       # ACLED time_precision: 1 day, 2 week, 3 month
    is_reporting: bool = False  # attached to "said"/"claimed": the date of a statement, not the event


@dataclass
class Mention:
    """One sentence-level sighting of an event, before assembly into Events."""
    sentence: Sentence
    sub_event_type: str
    event_type: str
    score: float
    ranked: list[tuple[str, float]] = field(default_factory=list)  # classifier's sub-types, best first
    trigger_at: tuple[int, int] | None = None   # the trigger's span in the article text
    dates: list[DateRef] = field(default_factory=list)  # every date expression in the sentence
    date: DateRef | None = None  # the event's own date, once chosen
    rejected: str | None = None # why modality/temporal filters dropped it (None = kept)

    @property
    def trigger(self) -> str | None:
        """The trigger word as written."""
        if self.trigger_at is None:
            return None
        a, b = self.trigger_at
        return self.sentence.text[a - self.sentence.start:b - self.sentence.start]


@dataclass
class Event:
    """One ACLED unit: one date x one location x one sub-event type x one actor pair."""
    event_id: str
    article_ids: list[str]
    event_type: str
    sub_event_type: str
    event_date: date | None = None
    time_precision: int | None = None
    actor1: Actor | None = None
    assoc_actor_1: list[Actor] = field(default_factory=list)
    actor2: Actor | None = None
    assoc_actor_2: list[Actor] = field(default_factory=list)
    place: Place | None = None
    origin: Place | None = None
    destination: Place | None = None
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    contested: bool = False    # its sources disagree (see stages/claims.py)
    evidence: list[Evidence] = field(default_factory=list)
    notes: str | None = None
    confidence: float | None = None
    mentions: list[Mention] = field(default_factory=list)
    site: Toponym | None = None   # set when assembly split an event listed at several places

    def figure(self, kind: str) -> int | None:
        """One source's figure is the largest it gives (a toll is restated and
        updated, and a part is never a total); across sources ACLED codes the
        lowest reliable figure, so the smallest source figure wins."""
        by_source: dict[str | None, int] = {}
        for f in self.figures:
            if f.kind == kind:
                by_source[f.source] = max(f.value, by_source.get(f.source, 0))
        return min(by_source.values()) if by_source else None

    def to_record(self) -> dict[str, Any]:
        """The documented, ACLED-named output record (see README, 'Event fields')."""
        p = self.place
        inter1 = self.actor1.inter if self.actor1 else None
        inter2 = self.actor2.inter if self.actor2 else None
        return {
            "event_id": self.event_id,
            "article_ids": list(self.article_ids),
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.name if self.actor1 else None,
            "assoc_actor_1": "; ".join(a.name for a in self.assoc_actor_1) or None,
            "inter1": inter1,
            "actor2": self.actor2.name if self.actor2 else None,
            "assoc_actor_2": "; ".join(a.name for a in self.assoc_actor_2) or None,
            "inter2": inter2,
            "interaction": interaction_code(inter1, inter2),
            "country": p.country if p else None,
            "country_code": p.country_code if p else None,
            "admin1": p.admin1 if p else None,
            "admin2": p.admin2 if p else None,
            "admin3": p.admin3 if p else None,
            "location": p.name if p else None,
            "latitude": p.latitude if p else None,
            "longitude": p.longitude if p else None,
            "geo_precision": p.geo_precision if p else None,
            # ACLED codes 0 when no deaths are reported; the other figures stay
            # null when the text gives none.
            "fatalities": self.figure("fatalities") or 0,
            "injured": self.figure("injured"),
            "displaced": self.figure("displaced"),
            "origin": _place_record(self.origin),
            "destination": _place_record(self.destination),
            "detained": self.figure("detained"),
            "figures": [asdict(f) for f in self.figures],
            "claims": [asdict(c) for c in self.claims],
            "contested": self.contested,
            "evidence": [asdict(e) for e in self.evidence],
            "notes": self.notes,
            "confidence": round(self.confidence, 3) if self.confidence is not None else None,
        }


# The order of an event record, as documented in the README.
EVENT_FIELDS = [
    "event_id", "article_ids", "event_date", "time_precision", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "interaction", "country", "country_code",
    "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "injured", "displaced", "origin",
    "destination", "detained", "figures", "claims", "contested", "evidence", "notes", "confidence",
]


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: the two inter codes, lower first (e.g. 1 and 3 -> 13)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def _place_record(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {k: v for k, v in asdict(place).items() if v is not None}


@dataclass
class Doc:
    """The shared document every pipeline stage reads and extends, in order:
    segment fills `sentences`, detect fills `mentions`, later stages annotate
    mentions, assemble fills `events`. `parses` caches spaCy parses by sentence
    start, so stages that need syntax share one parse of the few candidate
    sentences instead of parsing the whole article."""
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    toponyms: list[Toponym] = field(default_factory=list)
    parses: dict[int, Any] = field(default_factory=dict)
    _toponym_index: tuple | None = field(default=None, repr=False, compare=False)

    def toponyms_in(self, start: int, end: int) -> list[Toponym]:
        """The toponyms that start in text[start:end], in text order. Found by
        bisection over an index built once per list of toponyms: the stages
        ask once per sentence and event, and a long article has thousands."""
        index = self._toponym_index
        if index is None or index[0] is not self.toponyms or index[1] != len(self.toponyms):
            ordered = sorted(self.toponyms, key=lambda t: t.start)
            index = self._toponym_index = (self.toponyms, len(self.toponyms), ordered, [t.start for t in ordered])
        _, _, ordered, starts = index
        return ordered[bisect_left(starts, start):bisect_left(starts, end)]
