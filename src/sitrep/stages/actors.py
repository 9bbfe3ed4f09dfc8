"""Who did it to whom: actor1 (the initiator), actor2 (the target) and their
associates, normalised with the actor dictionary (actors.py), as ACLED codes
them.

- Roles come from the parse of the event's sentences: the subject of the
  trigger verb or the "by" agent of a passive is the initiator; its object, a
  passive subject or an "on/against" phrase is the target.
- A generic actor ("rebels") gives way to a named one of the same kind told
  with the event ("Faylaq al-Rahman"); the other named actors of that kind go
  to assoc_actor_1 (co-belligerents), and likewise for the target.
- Event types fix some roles: violence by no named actor is by an
  Unidentified Armed Group (country), as ACLED codes it; protests are by Protesters (country), riots by
  Rioters (country), violence against civilians targets Civilians (country).
- An event told with no actor of its own ("The advance began with two vehicle
  bombs") takes the actors of the event told before it in its section; a reply
  ("The regime carried out airstrikes to check the attacks") takes the earlier
  initiator as its target.
- State forces acting outside their own country are ACLED's inter 8
  (external forces).
"""
from __future__ import annotations

from collections import Counter

from ..actors import Found, load_actors
from ..lexicon import load_figure_cues
from ..model import Actor, Doc, Event
from ..nlp import parse_many
from ..registry import stage
from ..syntax import VERBAL, chain, span_root
from .detect import find_triggers
from .figures import event_sentences

_TARGET_PREPS = {"on", "against", "at", "targeting", "toward", "towards", "upon"}
_CIVILIANS, _PROTESTERS, _RIOTERS = 7, 6, 5


def _tells_event(clause, path_child, triggers: set[int]) -> bool:
    """Whether a clause reports the event: its verb is a trigger ("bombed"), or
    a trigger sits in its object or adjuncts ("launched a counter-offensive"),
    not only inside the actor's own phrase ("the attacking forces include")."""
    if clause.i in triggers:
        return True
    for child in clause.children:
        if child.i == path_child.i or child.dep_ in ("nsubj", "nsubjpass", "agent", "csubj", "conj"):
            continue
        if any(t.i in triggers for t in child.subtree):
            return True
    return False


def _role(token, triggers: set[int]) -> str:
    """'agent', 'target' or 'other', from the token's place under the clause
    that reports the event."""
    path = chain(token)
    for child, head in zip(path, path[1:]):
        if (head.pos_ in VERBAL or head.dep_ == "ROOT") and not _tells_event(head, child, triggers):
            if child.dep_ not in ("conj", "appos", "compound", "amod", "pobj", "prep"):
                return "other"
            continue
        if child.dep_ == "agent" or (child.dep_ == "pobj" and head.dep_ == "agent"):
            return "agent"
        if head.pos_ in VERBAL or head.dep_ == "ROOT":
            if child.dep_ in ("nsubj",):
                return "agent"
            if child.dep_ in ("dobj", "nsubjpass", "dative"):
                return "target"
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
                return "target"
            if child.dep_ == "pobj" and head.lower_ == "by":
                return "agent"
            if child.dep_ not in ("conj", "appos", "compound", "amod", "pobj", "prep"):
                return "other"
        if child.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _TARGET_PREPS:
            return "target"  # "an attack on a checkpoint"
        if child.dep_ == "poss":
            return "agent"   # "the Taliban's attack"
    return "other"


class _Cast:
    """The actors told in one event's sentences, in order, with their roles."""

    def __init__(self, country: str | None):
        self.country = country
        self.items: list[tuple[Actor, str, bool, float]] = []  # (actor, role, generic, weight)

    def add(self, found: Found, role: str, weight: float) -> None:
        actor = found.actor(self.country)
        if actor is None:
            return
        if actor.inter == 1 and actor.country and self.country and actor.country != self.country:
            actor = Actor(actor.name, 8, actor.country)  # foreign state forces: external (ACLED inter 8)
        self.items.append((actor, role, found.entry.template, weight))

    def first(self, role: str, exclude: set[str], skip_inter: set[int] = frozenset()) -> Actor | None:
        ranked = sorted((it for it in self.items if it[1] == role), key=lambda it: -it[3])
        return next((a for a, _, _, _ in ranked if a.name not in exclude and a.inter not in skip_inter), None)

    def named_like(self, actor: Actor, exclude: set[str]) -> list[Actor]:
        """Named (non-generic) actors of the same kind, in order of appearance."""
        out, seen = [], set(exclude)
        for a, _, generic, _ in self.items:
            if not generic and a.inter == actor.inter and a.name not in seen:
                out.append(a)
                seen.add(a.name)
        return out


def _doc_country(doc: Doc) -> str | None:
    """The country the article's places are mostly in: the country of an
    event the geoparser could not place."""
    counts = Counter(t.place.country_code for t in doc.toponyms if t.place is not None and t.place.country_code)
    return counts.most_common(1)[0][0] if counts else None


def _cast(doc: Doc, event: Event) -> _Cast:
    book = load_actors()
    cast = _Cast(event.place.country_code if event.place and event.place.country_code else _doc_country(doc))
    own = {m.sentence.start: m.score for m in event.mentions}
    for s in event_sentences(doc, event):
        parsed = doc.parses[s.start]
        weight = own.get(s.start, 0.0)
        triggers = set()
        people = load_figure_cues().people
        for a, b in find_triggers(s.text, event.sub_event_type):
            span = parsed.char_span(a, b, alignment_mode="expand")
            # "fighters", "gunmen": cue words that name actors, not actions
            triggers.update(t.i for t in span or () if t.lemma_.lower() not in people)
        for f in book.find(s.text):
            tok = span_root(parsed, f.start, f.end)
            cast.add(f, _role(tok, triggers) if tok is not None else "other", weight)
    return cast


def _assign(event: Event, cast: _Cast, event_type: str) -> None:
    a1 = cast.first("agent", set(), {_CIVILIANS})
    a2 = cast.first("target", {a1.name} if a1 else set())
    if a1 is None:
        others = [a for a, _, _, _ in cast.items if a.inter != _CIVILIANS and (a2 is None or a.name != a2.name)]
        a1 = others[0] if others else None
    if a2 is None and a1 is not None:
        # An armed counterpart before bystanders ("1,500 people leave").
        others = sorted((a for a, _, _, _ in cast.items if a.name != a1.name and a.inter != a1.inter),
                        key=lambda a: a.inter == _CIVILIANS)
        a2 = others[0] if others else None
    a1, a2 = _by_type(event_type, a1, a2, cast)
    if a1 is not None:
        named = cast.named_like(a1, {a2.name} if a2 else set())
        if a1.name not in {n.name for n in named} and named:
            a1 = named[0]  # "rebels" -> the rebel group the story names
        event.assoc_actor_1 = [n for n in named if n.name != a1.name]
    if a2 is not None:
        named = cast.named_like(a2, {a1.name} if a1 else set())
        if a2.name not in {n.name for n in named} and named and a2.inter != _CIVILIANS:
            a2 = named[0]
        event.assoc_actor_2 = [n for n in named if n.name != a2.name]
    event.actor1, event.actor2 = a1, a2


def _generic(name: str, inter: int, country: str | None) -> Actor | None:
    if not country:
        return Actor(name, inter, None)
    book = load_actors()
    cname = book.country_names.get(country)
    return Actor(f"{name} ({cname})", inter, country) if cname else None


_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _unknown_sides(event: Event, country: str | None) -> None:
    """Violence nobody is named for is by an Unidentified Armed Group, as
    ACLED codes an unknown perpetrator (and a battle's unknown other side)."""
    if event.event_type in _VIOLENT and event.actor1 is None:
        event.actor1 = _generic("Unidentified Armed Group", 3, country)
    if event.event_type == "Battles" and event.actor2 is None:
        event.actor2 = _generic("Unidentified Armed Group", 3, country)


def _by_type(event_type: str, a1, a2, cast: _Cast):
    if event_type == "Protests" and (a1 is None or a1.inter != _PROTESTERS):
        protesters = next((a for a, _, _, _ in cast.items if a.inter == _PROTESTERS), None)
        police = a1 if a1 is not None and a1.inter == 1 else a2
        a1, a2 = protesters or _generic("Protesters", _PROTESTERS, cast.country), police
    elif event_type == "Riots" and (a1 is None or a1.inter not in (_RIOTERS, 3, 4)):
        a2 = a2 if a2 is not None else a1
        a1 = _generic("Rioters", _RIOTERS, cast.country)
    elif event_type == "Violence against civilians" and (a2 is None or a2.inter != _CIVILIANS):
        a2 = _generic("Civilians", _CIVILIANS, cast.country)
    return a1, a2


def _inherit(event: Event, earlier: Event | None) -> None:
    if earlier is None:
        return
    if event.actor1 is None and earlier.actor1 is not None:
        event.actor1, event.assoc_actor_1 = earlier.actor1, list(earlier.assoc_actor_1)
        if event.actor2 is None:
            event.actor2, event.assoc_actor_2 = earlier.actor2, list(earlier.assoc_actor_2)
    elif event.actor2 is None and event.actor1 is not None and earlier.actor2 is not None \
            and earlier.actor2.name == event.actor1.name and earlier.actor1 is not None:
        event.actor2, event.assoc_actor_2 = earlier.actor1, list(earlier.assoc_actor_1)  # a reply


@stage("actors")
def make_actors():
    def run_batch(docs: list[Doc]) -> None:
        parse_many([(doc, s) for doc in docs for ev in doc.events for s in event_sentences(doc, ev)])
        for doc in docs:
            countries = {}
            for ev in doc.events:
                cast = _cast(doc, ev)
                countries[ev.event_id] = cast.country
                _assign(ev, cast, ev.event_type)
            told = sorted(doc.events, key=lambda e: min(m.sentence.start for m in e.mentions))
            for i, ev in enumerate(told):
                section = ev.mentions[0].sentence.section
                earlier = next((e for e in reversed(told[:i]) if e.mentions[0].sentence.section == section
                                and e.actor1 is not None), None)
                _inherit(ev, earlier)
            for ev in doc.events:
                _unknown_sides(ev, countries[ev.event_id])

    def run(doc: Doc) -> None:
        run_batch([doc])

    run.batch = run_batch
    return run
