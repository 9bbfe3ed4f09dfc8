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
from ..lexicon import load_figure_cues, load_modality, load_triggers
from ..model import Actor, Doc, Event
from ..nlp import parse_many
from ..registry import stage
from ..syntax import VERBAL, chain, clause_verb, span_root
from .detect import find_triggers
from .figures import event_sentences

_TARGET_PREPS = {"on", "against", "at", "targeting", "toward", "towards", "upon", "among"}
_CIVILIANS, _PROTESTERS, _RIOTERS = 7, 6, 5
# Actors are read from the event's sentences and up to this many paragraphs
# after them ("Israel blamed Hamas" closes a story); those later sentences
# weigh less than the event's own.
CONTEXT_PARAGRAPHS = 2


def _tells_event(clause, path_child, triggers: set[int]) -> bool:
    """Whether a clause reports the event: its verb is a trigger ("bombed"), or
    a trigger sits in its object or adjuncts ("launched a counter-offensive"),
    not only inside the actor's own phrase ("the attacking forces include")."""
    if clause.i in triggers:
        return True
    if clause.dep_ in ("acl", "relcl") and clause.head.i in triggers:
        return True   # "shells fired by the RSF hit ...": the participle describes the trigger
    for child in clause.children:
        if child.i == path_child.i or child.dep_ in ("nsubj", "nsubjpass", "agent", "csubj", "conj"):
            continue
        if any(t.i in triggers for t in child.subtree):
            return True
    return False


def _claims_own_act(verb, triggers: set[int]) -> bool:
    """"JNIM said it carried out the attack", "the coalition said its warplanes
    struck": the speaker reports its own act (the doer is a pronoun for it)."""
    for c in verb.children:
        if c.dep_ not in ("ccomp", "xcomp", "advcl"):
            continue
        for t in c.subtree:
            if t.i not in triggers:
                continue
            clause = clause_verb(t)
            subj = next((x for x in clause.children if x.dep_ == "nsubj"), None) if clause is not None else None
            if subj is not None and (subj.pos_ == "PRON" or any(x.dep_ == "poss" and x.pos_ == "PRON"
                                                              for x in subj.subtree)):
                return True
    return False


def _role(token, triggers: set[int]) -> str:
    """'agent', 'target', 'speaker' or 'other', from the token's place under
    the clause that reports the event."""
    path = chain(token)
    cues = load_modality()
    for child, head in zip(path, path[1:]):
        lemma = head.lemma_.lower()
        if head.pos_ in VERBAL and lemma in cues.mediation_verbs:
            return "speaker"         # a go-between ("brokered by Russia") is no party to the event
        if head.pos_ in VERBAL and head.i not in triggers:
            if lemma in cues.blame_verbs and child.dep_ == "dobj":
                return "agent"       # "Russia blamed Ukraine for the attack": the accused
            if lemma in cues.denial_verbs and child.dep_ == "nsubj" and any(
                    c.dep_ == "xcomp" and c.tag_ == "VBG" for c in head.children):
                return "agent"       # "the RSF denied targeting civilians": the accused denies doing it
            if lemma in cues.reporting_verbs:
                # who says so ("police said") is not who did it, unless it says it did
                own = _claims_own_act(head, triggers) or any(
                    c.dep_ == "dobj" and c.lemma_.lower() in cues.responsibility_nouns for c in head.children)
                return "agent" if child.dep_ == "nsubj" and own else "speaker"
        if head.i in triggers and head.pos_ not in VERBAL and child.dep_ in ("compound", "poss", "nmod", "amod"):
            return "agent"           # "an Al-Shabaab car bomb", "the Taliban's attack"
        if child.dep_ == "pobj" and head.dep_ == "agent":
            return "agent" if _tells_event(head.head, head, triggers) else "other"   # "bombed by US warplanes"
        if head.pos_ in VERBAL or head.dep_ == "ROOT":
            if not _tells_event(head, child, triggers):
                if child.dep_ not in ("conj", "appos", "compound", "amod", "pobj", "prep"):
                    return "other"
                continue
            if child.dep_ == "nsubj":
                return "agent"
            if child.dep_ in ("dobj", "nsubjpass", "dative"):
                return "target"
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
                return "target"
            if child.dep_ not in ("conj", "appos", "compound", "amod", "pobj", "prep"):
                return "other"
        if child.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _TARGET_PREPS:
            return "target"          # "an attack on a checkpoint"
        if child.dep_ == "poss":
            return "agent"           # "the Taliban's attack"
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

    def refine(self, actor: Actor, exclude: set[str]) -> Actor:
        """A generic actor gives way to the named one the story tells: of its
        kind ("rebels" -> Faylaq al-Rahman), or, for an unidentified armed
        group, any named non-state group ("militants" -> Hamas, blamed)."""
        if not self.is_generic(actor):
            return actor
        named = self.named_like(actor, exclude)
        if named:
            return named[0]
        if actor.inter == 3:
            ranked = sorted((it for it in self.items if not it[2] and it[0].inter in (2, 3, 4)
                             and it[0].name not in exclude),
                            key=lambda it: (it[1] == "speaker", it[1] != "agent"))
            if ranked:
                return ranked[0][0]
        return actor

    def is_generic(self, actor: Actor) -> bool:
        return any(a.name == actor.name and generic for a, _, generic, _ in self.items) or \
            not any(a.name == actor.name for a, _, _, _ in self.items)

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
    counts = Counter(t.place.country_code for t in doc.toponyms
                     if t.place is not None and t.place.country_code and not t.in_name)
    return counts.most_common(1)[0][0] if counts else None


def _cast(doc: Doc, event: Event, sentences: list) -> _Cast:
    book = load_actors()
    cast = _Cast(event.place.country_code if event.place and event.place.country_code else _doc_country(doc))
    own = {m.sentence.start: m.score for m in event.mentions}
    lex, people = load_triggers(), load_figure_cues().people
    for s in sentences:
        found = book.find(s.text)
        if not found:
            continue   # no actor named: nothing to cast (and the sentence was not parsed)
        parsed = doc.parses[s.start]
        weight = own.get(s.start, 0.0)
        triggers = set()
        spans = find_triggers(s.text, event.sub_event_type) + \
            [m.span() for m in lex.consequence.finditer(s.text.lower())]   # "killing 56 people": the victims
        for a, b in spans:
            span = parsed.char_span(a, b, alignment_mode="expand")
            # "fighters", "gunmen": cue words that name actors, not actions
            triggers.update(t.i for t in span or () if t.lemma_.lower() not in people)
        for f in found:
            tok = span_root(parsed, f.start, f.end)
            role = _role(tok, triggers) if tok is not None else "other"
            if s.start not in own and role == "target":
                role = "other"   # a later sentence's target is another story ("it struck an al-Qaeda meeting")
            cast.add(f, role, weight)
    return cast


def _assign(event: Event, cast: _Cast, event_type: str) -> None:
    a1 = cast.first("agent", set(), {_CIVILIANS})
    a2 = cast.first("target", {a1.name} if a1 else set())
    taken = {a.name for a in (a1, a2) if a is not None}
    if a1 is None:
        # Nobody is the grammatical doer: an armed actor the story names, not
        # a target and not a mere speaker.
        a1 = next((a for a, role, _, _ in cast.items if role == "other" and a.inter != _CIVILIANS
                   and a.name not in taken), None)
    if a2 is None and a1 is not None:
        # The other side: an armed actor of another kind first, then one of the
        # same kind ("clashes between ELN and FARC dissidents"), bystanders last.
        others = [a for a, role, _, _ in cast.items if role != "speaker" and a.name != a1.name]
        others.sort(key=lambda a: (a.inter == _CIVILIANS, a.inter == a1.inter))
        a2 = others[0] if others else None
    a1, a2 = _by_type(event_type, a1, a2, cast)
    if a1 is not None:
        a1 = cast.refine(a1, {a2.name} if a2 else set())
        named = cast.named_like(a1, {a2.name} if a2 else set())
        event.assoc_actor_1 = [n for n in named if n.name != a1.name]
    if a2 is not None and a2.inter != _CIVILIANS:
        a2 = cast.refine(a2, {a1.name} if a1 else set())
        named = cast.named_like(a2, {a1.name} if a1 else set())
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
    # Who intervenes in a demonstration: state forces told with it, if any.
    forces = next((a for a, role, _, _ in cast.items if a.inter in (1, 8) and role != "speaker"), None)
    if event_type == "Battles" and a2 is not None and a2.inter == _CIVILIANS:
        # a battle is between armed groups: people killed in it are no side
        a2 = next((a for a, role, _, _ in cast.items if a.inter not in (_CIVILIANS, _PROTESTERS)
                   and role != "speaker" and (a1 is None or a.name != a1.name)), None)
    if event_type == "Protests" and (a1 is None or a1.inter != _PROTESTERS):
        protesters = next((a for a, _, _, _ in cast.items if a.inter == _PROTESTERS), None)
        a1, a2 = protesters or _generic("Protesters", _PROTESTERS, cast.country), forces
    elif event_type == "Protests":
        a2 = forces
    elif event_type == "Riots" and (a1 is None or a1.inter not in (_RIOTERS, 3, 4)):
        a1 = _generic("Rioters", _RIOTERS, cast.country)
        a2 = forces if forces is not None else (a2 if a2 is not None and a2.inter != _PROTESTERS else None)
    elif event_type == "Violence against civilians" and (a2 is None or a2.inter != _CIVILIANS):
        a2 = _generic("Civilians", _CIVILIANS, cast.country)
    return a1, a2


def _inherit(event: Event, earlier: Event | None, generic: set[str]) -> None:
    if earlier is None:
        return
    # "rebels" here are the rebel group the story named before
    known = [a for a in (earlier.actor1, earlier.actor2) if a is not None and a.name not in generic]
    for attr in ("actor1", "actor2"):
        mine = getattr(event, attr)
        if mine is not None and mine.name in generic:
            same = next((a for a in known if a.inter == mine.inter and a.name != mine.name), None)
            if same is not None:
                setattr(event, attr, same)
    if event.actor1 is None and earlier.actor1 is not None:
        event.actor1, event.assoc_actor_1 = earlier.actor1, list(earlier.assoc_actor_1)
        if event.actor2 is None:
            event.actor2, event.assoc_actor_2 = earlier.actor2, list(earlier.assoc_actor_2)
    elif event.actor2 is None and event.actor1 is not None and earlier.actor2 is not None \
            and earlier.actor2.name == event.actor1.name and earlier.actor1 is not None:
        event.actor2, event.assoc_actor_2 = earlier.actor1, list(earlier.assoc_actor_1)  # a reply
    elif event.actor2 is None and event.actor1 is not None and earlier.actor1 is not None \
            and earlier.actor1.name == event.actor1.name and earlier.actor2 is not None:
        event.actor2, event.assoc_actor_2 = earlier.actor2, list(earlier.assoc_actor_2)  # the same parties


@stage("actors")
def make_actors():
    def run_batch(docs: list[Doc]) -> None:
        told_in = {id(ev): event_sentences(doc, ev, paragraphs=CONTEXT_PARAGRAPHS) for doc in docs for ev in doc.events}
        book = load_actors()
        parse_many([(doc, s) for doc in docs for ev in doc.events for s in told_in[id(ev)] if book.find(s.text)])
        for doc in docs:
            countries, generic = {}, set()
            for ev in doc.events:
                cast = _cast(doc, ev, told_in[id(ev)])
                countries[ev.event_id] = cast.country
                _assign(ev, cast, ev.event_type)
                generic |= {a.name for a in (ev.actor1, ev.actor2) if a is not None and cast.is_generic(a)}
            told = sorted(doc.events, key=lambda e: min(m.sentence.start for m in e.mentions))
            for i, ev in enumerate(told):
                section = ev.mentions[0].sentence.section
                earlier = next((e for e in reversed(told[:i]) if e.mentions[0].sentence.section == section
                                and e.actor1 is not None), None)
                _inherit(ev, earlier, generic)
            for ev in doc.events:
                _unknown_sides(ev, countries[ev.event_id])

    def run(doc: Doc) -> None:
        run_batch([doc])

    run.batch = run_batch
    return run
