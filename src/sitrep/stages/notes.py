"""ACLED-style one-sentence notes, generated from the event's fields (never
copied from the article): date, who did what to whom (data/notes.yaml), where,
the toll, displacement, and the competing claims of a contested event.

"On 16 March 2017, Military Forces of the United States carried out air/drone
strikes on Civilians (Syria) in al-Jina (Aleppo, Syria), killing 56; the
Pentagon said it struck an "Al Qa'eda meeting" ...; residents said ..."
"""
from __future__ import annotations

from functools import lru_cache


from ..model import Doc, Event
from ..ontology import load_ontology, read_yaml
from ..registry import stage

CLAIM_WORDS = 14  # a claim is quoted up to this many words


@lru_cache(maxsize=1)
def load_phrases() -> dict[str, dict[str, str]]:
    raw = read_yaml("notes.yaml")
    missing = set(load_ontology().names) - set(raw["phrases"])
    if missing:
        raise ValueError(f"notes.yaml: no phrase for {sorted(missing)}")
    return raw["phrases"]


def _when(e: Event) -> str:
    if e.event_date is None:
        return "On an unreported date"
    d = e.event_date
    day = f"{d.day} {d:%B %Y}"
    if e.time_precision == 3:
        return f"In {d:%B %Y}"
    if e.time_precision == 2:
        return f"Around {day}"
    return f"On {day}"


def _where(e: Event) -> str:
    p = e.place
    if p is None or not p.name:
        return ""
    context = [x for x in (p.admin1, p.country) if x and x != p.name]
    return f" in {p.name}" + (f" ({', '.join(context)})" if context else "")


def _toll(e: Event) -> str:
    parts = []
    killed, injured = e.figure("fatalities"), e.figure("injured")
    if killed:
        parts.append(f"killing {killed:,}")
    if injured:
        parts.append(f"injuring {injured:,}")
    text = ", " + " and ".join(parts) if parts else ""
    displaced, detained = e.figure("displaced"), e.figure("detained")
    if displaced:
        route = "".join(f" {w} {p.name}" for w, p in (("from", e.origin), ("to", e.destination)) if p is not None)
        text += f"; {displaced:,} people displaced{route}"
    if detained:
        text += f"; {detained:,} detained"
    return text


def _quote(text: str) -> str:
    words = text.split()
    return " ".join(words[:CLAIM_WORDS]) + (" …" if len(words) > CLAIM_WORDS else "")


def note(e: Event) -> str:
    phrase = load_phrases()[e.sub_event_type]
    a1 = e.actor1.name if e.actor1 else "unidentified actors"
    what = (phrase["with_target"] if e.actor2 else phrase["alone"]).format(
        a1=a1, a2=e.actor2.name if e.actor2 else "")
    text = f"{_when(e)}, {what}{_where(e)}{_toll(e)}"
    if e.contested and e.claims:
        text += "; " + "; ".join(f"{_source(c.source)} {'' if c.text.startswith('denied ') else 'said '}"
                                 f"{_quote(c.text)}" for c in e.claims[:3])
    text = text.rstrip(" .")
    return text if text.endswith("…") else text + "."


def _source(name: str) -> str:
    return "the" + name[3:] if name.startswith("The ") else name


@stage("notes")
def make_notes():
    def run(doc: Doc) -> None:
        for e in doc.events:
            e.notes = note(e)
    return run
