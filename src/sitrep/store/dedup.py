"""Cross-source deduplication: is a new source's event one the store already
holds, and what do several sources' figures add up to.

Two records are one real-world event when (all of):
- same family: political violence (Battles, Explosions/Remote violence,
  Violence against civilians: sources often disagree on which), demonstrations
  (Protests, Riots), or, for strategic developments, the same sub-type;
- dates within one day, widened by each side's time precision (a week-precision
  report matches any day of that week);
- places within 25 km (unless the two are named differently and one only
  borrows its coordinates from a containing place), or the same admin2, or
  (when either side only knows its region, precision 3) the same admin1;
- compatible actors: no named actor1 on both sides that differ, unless one
  side's actor1 is the other's actor2 (the same clash told from the other side).

Fatalities are reconciled as UCDP does: low = min, high = max, best = the
figure most sources give (on a tie, the lower).
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from ..actors import actor_key
from ..geo.names import loose_key
from ..geo.resolve import km
from ..ontology import load_ontology

PLACE_KM = 25.0
_SLACK = {1: 1, 2: 3, 3: 15}   # days of uncertainty per ACLED time precision


def _days_apart(a: dict, b: dict) -> int | None:
    if not a.get("event_date") or not b.get("event_date"):
        return None
    return abs((date.fromisoformat(a["event_date"]) - date.fromisoformat(b["event_date"])).days)


def same_family(a: dict, b: dict) -> bool:
    """Sources often disagree on the type of one violent event (one says a
    clash, another an attack on civilians, a third a bombing), never on
    whether it was violence, a demonstration, or a non-violent development:
    ACLED's disorder types (of the event type)."""
    ontology = load_ontology()
    if "Strategic developments" in (a["event_type"], b["event_type"]):
        return ontology.same_event_family(a["sub_event_type"], b["sub_event_type"])
    return ontology.disorder_types[a["event_type"]] == ontology.disorder_types[b["event_type"]]


def dates_agree(a: dict, b: dict) -> bool:
    gap = _days_apart(a, b)
    if gap is None:
        return False
    slack = max(_SLACK.get(a.get("time_precision") or 1, 1), _SLACK.get(b.get("time_precision") or 1, 1))
    return gap <= slack


def places_agree(a: dict, b: dict) -> bool:
    if a.get("country_code") and b.get("country_code") and a["country_code"] != b["country_code"]:
        return False
    # Coordinates borrowed from a containing place (precision 2: a village
    # placed at its town) say nothing about two differently named places.
    borrowed = max(a.get("geo_precision") or 1, b.get("geo_precision") or 1) == 2 \
        and bool(a.get("location")) and bool(b.get("location")) and _name(a["location"]) != _name(b["location"])
    if not borrowed and None not in (a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude")):
        if km(a["latitude"], a["longitude"], b["latitude"], b["longitude"]) <= PLACE_KM:
            return True
    if a.get("admin2") and a.get("admin2") == b.get("admin2"):
        return True
    if a.get("location") and _name(a["location"]) == _name(b.get("location")) and \
            (a.get("latitude") is None or b.get("latitude") is None):
        return True   # a village one source could not place: the same name in the same country
    coarse = 3 in (a.get("geo_precision"), b.get("geo_precision"))
    return coarse and bool(a.get("admin1")) and a.get("admin1") == b.get("admin1")


def _name(place: str | None) -> str:
    return loose_key(place) if place else ""


def _generic(name: str | None) -> bool:
    """No name, or a name that says who only by kind ("Unidentified Armed Group (Syria)")."""
    return not name or actor_key(name).startswith(("unidentified", "civilians", "protesters", "rioters"))


def actors_agree(a: dict, b: dict) -> bool:
    a1, b1 = a.get("actor1"), b.get("actor1")
    if _generic(a1) or _generic(b1) or actor_key(a1) == actor_key(b1):
        return True
    if {a.get("inter1"), b.get("inter1")} <= {1, 8}:
        return True   # state forces often act together ("Syrian and Russian aircraft"): sources name either
    sides = lambda r: {actor_key(x) for x in [r.get("actor1")] + (r.get("assoc_actor_1") or "").split("; ") if x}
    if sides(a) & sides(b):
        return True
    # the same clash told from the other side
    return actor_key(a1) == actor_key(b.get("actor2")) and actor_key(b1) == actor_key(a.get("actor2"))


def same_event(a: dict, b: dict) -> bool:
    return same_family(a, b) and dates_agree(a, b) and places_agree(a, b) and actors_agree(a, b)


def closeness(a: dict, b: dict) -> tuple:
    """Sort key among several candidates: same sub-type, nearest date, nearest place."""
    dist = km(a["latitude"], a["longitude"], b["latitude"], b["longitude"]) \
        if None not in (a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude")) else PLACE_KM
    return (a["sub_event_type"] != b["sub_event_type"], _days_apart(a, b) or 0, dist)


def reconcile_fatalities(values: list[int]) -> tuple[int, int, int]:
    """(low, best, high) over the sources' figures."""
    if not values:
        return 0, 0, 0
    counts = Counter(values)
    top = max(counts.values())
    best = min(v for v, n in counts.items() if n == top)
    return min(values), best, max(values)
