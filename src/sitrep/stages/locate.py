"""Locate stage: each event's place (ACLED `location` and its fields), and for
events that move people, origin and destination.

ACLED codes where the event happened, not where the reporter or speaker is.
So the place comes from the event's own sentences first, preferring names
after "in/at/near" and the most specific name (the village over the province
it is in); a name after "to/for" is where people went, not where the event
was. With no place in its sentences, an event takes the place its story is
told around: the paragraph, then the section, then the headline and lead.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..geo.gazetteer import feature_rank
from ..geo.unplaced import main_country
from ..geo.names import geo_words, loose_key
from ..geo.recognize import dateline_end
from ..lexicon import compile_patterns
from ..model import Doc, Event, Place, Toponym
from ..registry import stage

def rank(t: Toponym) -> int:
    """feature_rank, with a name inside a known place finer than any (5)."""
    return 5 if t.contained else feature_rank(t.place.feature_code)


def role(t: Toponym) -> str:
    """'at' (where), 'from' (origin), 'to' (destination) or '' from the words before it."""
    words = geo_words()
    before = t.prev.split()
    skip = {"the", "a", "an"} | words.directions | words.part_nouns | {"of"}
    while before and before[-1] in skip:
        before.pop()
    if before and before[-1] in ("and", "or"):
        # "to Jarablus and Idlib Province": a listed name shares the list's preposition
        cued = [w for w in before[:-1] if w in words.locative or w in words.origin or w in words.destination]
        before = cued[-1:]
    w = before[-1] if before else ""
    if w in words.locative or w in words.target_verbs:
        return "at"
    if w in words.origin:
        return "from"
    if w in words.destination:
        return "to"
    return ""


def rule_score(t: Toponym, moving: bool) -> float:
    r = role(t)
    s = {"at": 2.0, "from": 1.6 if moving else 1.0, "to": -1.0, "": 0.0}[r]
    located = 0.0 if t.place.latitude is not None else -3.0   # a name we cannot place loses to one we can
    return s + 0.6 * rank(t) + t.score + located


def site_key(t: Toponym) -> tuple:
    """Two names are one site when they share a point (a district "contained"
    in its town has the town's point)."""
    return (round(t.place.latitude, 3), round(t.place.longitude, 3))


def sites(doc: Doc, sentence) -> list[Toponym]:
    """The towns, villages and neighbourhoods a sentence says something
    happened at: ACLED's unit of location (not where people went or came from)."""
    if sentence.is_heading:
        return []
    return [t for t in doc.toponyms_in(sentence.start, sentence.end) if t.place is not None
            and t.place.latitude is not None and rank(t) >= 4 and not t.in_name and _happened_at(t)]


def _happened_at(t: Toponym) -> bool:
    """"in Sarmin", "the towns of Sarmin": a site; not "Moscow said"."""
    r = role(t)
    return r == "at" or (r == "" and t.cue == "place-word")


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?(?:(?:town|village|city|district)\s+of\s+)?$")


def listed_sites(doc: Doc, sentence) -> list[Toponym]:
    """Two or more sites listed together ("shelled Sarmin and Darat Izza",
    "protests in Mombasa and Kisumu"): ACLED codes one event at each."""
    found = sites(doc, sentence)
    text = doc.article.text
    run = found[:1]
    for a, b in zip(found, found[1:]):
        if _LIST_GAP.fullmatch(text[a.end:b.start]):
            run.append(b)
        elif len(run) < 2:
            run = [b]
        else:
            break
    distinct = {site_key(t): t for t in run}
    return list(distinct.values()) if len(distinct) >= 2 else []


def innermost(toponyms: list[Toponym]) -> list[Toponym]:
    """"al-Waer, a district in Homs": the contained name is the more exact
    place, so the container it shares a point with steps aside."""
    inner = [t for t in toponyms if t.contained]
    return [t for t in toponyms if t.contained or not any(
        c.place.latitude == t.place.latitude and c.place.longitude == t.place.longitude for c in inner)]


def choose(toponyms: list[Toponym], moving: bool) -> Toponym | None:
    """The hand rules: "in/at" over the rest, the finest place, then the first."""
    if not toponyms:
        return None
    return max(innermost(toponyms), key=lambda t: (rule_score(t, moving), -t.start))


def sentence_site(toponyms: list[Toponym], moving: bool = False, text: str | None = None,
                  trigger: tuple[int, int] | None = None) -> tuple[Toponym | None, float]:
    """Where the event one sentence tells happened, among its toponyms, and
    how sure (0-1). With the article text, the learned scorer
    (site_choice.py) weighs in beside the hand rules, reading where each name
    sits relative to the event's verb (`trigger`, article offsets) among other
    cues, and may find none of them likely: the event then takes its place
    from the story around it. Without the text or its weights, and for people moved (whose
    origin the hand rules weigh), the hand rules choose: not where people went."""
    from .site_choice import load_site_model
    model = None if moving or text is None else load_site_model()
    mapped = innermost([t for t in toponyms if t.place is not None and t.place.latitude is not None])
    if model is None or not mapped:
        pick = choose([t for t in toponyms if role(t) != "to"] or toponyms, moving)
        return pick, 1.0 if pick is not None else 0.0
    pick, p = model.best(mapped, text, trigger)
    return (pick, p) if p >= model.threshold else (None, p)


@lru_cache(maxsize=1)
def _moving_rx():
    return compile_patterns(list(geo_words().displacement_words))


def moves_people(texts) -> bool:
    """Whether the sentences tell of people moved (removals, flight, evacuation)."""
    return any(_moving_rx().search(t.lower()) for t in texts)


def event_place(t: Toponym) -> Place:
    place = replace(t.place, name=t.text)
    near = geo_words().near_words
    if place.geo_precision == 1 and any(re.search(rf"\b{re.escape(w)}$", t.prev) for w in near):
        place.geo_precision = 2
    return place


@stage("locate")
def make_locate():
    def run(doc: Doc) -> None:
        if not doc.toponyms:
            return
        in_sentence = {}
        for s in doc.sentences:
            start = s.start + dateline_end(s.text)   # "NAIROBI, Kenya (Reuters) -": where the reporter files from
            in_sentence[s.start] = [t for t in doc.toponyms_in(start, s.end) if not t.in_name]
        for ev in doc.events:
            _locate(ev, doc, in_sentence)

    return run


def _locate(ev: Event, doc: Doc, in_sentence: dict) -> None:
    sents = [m.sentence for m in ev.mentions]
    moving = moves_people(s.text for s in sents)
    if ev.site is not None:   # one of several places listed together: this event's own
        # the story may place the same name more exactly later ("In Darat Izza, in the Aleppo countryside")
        same = [t for t in doc.toponyms if t.place is not None and t.place.latitude is not None
                and not t.in_name and loose_key(t.text) == loose_key(ev.site.text)]
        best = max(same, key=lambda t: (t.place.admin1 is not None, -(t.place.geo_precision or 9), t is ev.site))
        ev.place = event_place(best)
        return
    own = [t for s in sents if not s.is_heading for t in in_sentence.get(s.start, [])]
    pick = _own_site(ev, in_sentence, doc.article.text, moving)
    if pick is None or rank(pick) <= 1:
        pick = _from_context(ev, doc, in_sentence, moving) or pick
    if pick is None:
        return
    ev.place = event_place(pick)
    if ev.place.country_code is None and ev.place.latitude is not None:
        # at sea or on a lake ("attacked a tanker in the Red Sea"): the
        # country is the one the story is about, its own sentences first
        ev.place = replace(ev.place, **_story_country(doc, [t for s in sents for t in in_sentence.get(s.start, [])]))
    if ev.place.latitude is None:
        # A village the gazetteer lacks and the sentence does not place: ACLED
        # codes it at the nearest place the story names (precision 2, or 3
        # for a region), keeping its own name.
        near = _from_context(ev, doc, in_sentence, moving)
        if near is not None and near.place.country_code in (None, ev.place.country_code) or \
                (near is not None and ev.place.country_code is None):
            ev.place = replace(near.place, name=pick.text,
                               geo_precision=2 if rank(near) >= 4 else 3, geonameid=None, feature_code=None)
    if moving:
        origins = [t for t in own if role(t) == "from"]
        dests = [t for s in _paragraph_of(ev, doc) for t in in_sentence.get(s.start, []) if role(t) == "to"]
        if origins:
            ev.origin = event_place(max(origins, key=rank))
        if dests:
            ev.destination = event_place(dests[0])


def _story_country(doc: Doc, own: list[Toponym]) -> dict:
    """country and country_code of the country most named in `own`, else in
    the whole story; empty when none is."""
    for names in (own, [t for t in doc.toponyms if not t.in_name]):
        cc = main_country(names)
        if cc:
            name = next(t.place.country for t in names if t.place is not None and t.place.country_code == cc)
            return {"country": name, "country_code": cc}
    return {}


def _own_site(ev: Event, in_sentence: dict, text: str, moving: bool) -> Toponym | None:
    """The likeliest place among the event's own sentences' (headings only
    where no body sentence names one), each read against its own mention's verb."""
    from .site_choice import load_site_model
    ms = [m for m in ev.mentions if not m.sentence.is_heading and in_sentence.get(m.sentence.start)]
    ms = ms or [m for m in ev.mentions if in_sentence.get(m.sentence.start)]
    if moving or load_site_model() is None:
        return sentence_site([t for m in ms for t in in_sentence[m.sentence.start]], moving)[0]
    best, best_p, seen = None, -1.0, set()
    for m in ms:
        if m.sentence.start in seen:
            continue
        seen.add(m.sentence.start)
        pick, p = sentence_site(in_sentence[m.sentence.start], moving, text, m.trigger_at)
        if pick is not None and p > best_p:
            best, best_p = pick, p
    return best


def _paragraph_of(ev: Event, doc: Doc):
    paras = {m.sentence.paragraph for m in ev.mentions}
    return [s for s in doc.sentences if s.paragraph in paras]


def _from_context(ev: Event, doc: Doc, in_sentence: dict, moving: bool) -> Toponym | None:
    """A place finer than a country from the event's paragraph, else its
    section, else the headline and lead (destinations aside); failing all
    those, the country."""
    first = ev.mentions[0].sentence
    scopes = [
        [s for s in doc.sentences if s.paragraph == first.paragraph],
        [s for s in doc.sentences if s.section == first.section],
        [s for s in doc.sentences if s.section == 0] + doc.sentences[:3],
    ]
    coarse = None
    for scope in scopes:
        found = [t for s in scope for t in in_sentence.get(s.start, [])
                 if role(t) != "to" and t.place.latitude is not None]   # context lends only places we can map
        finer = [t for t in found if rank(t) >= 2]
        if finer:
            # the nearest sentence that names one: stories keep their places close
            nearest = min(abs(t.start - first.start) for t in finer)
            return choose([t for t in finer if abs(t.start - first.start) <= nearest + 200], moving)
        coarse = coarse or choose(found, moving)   # a country only if nothing finer is near
    return coarse
