"""Geoparser: article text (+ NER entities) -> resolved Toponyms.

recognize.py finds candidate spans and spans.py repairs them; this module
looks them up, keeps the ones that are places and hands them to resolve.py;
unplaced.py links the names the gazetteer lacks to the place the text puts
them in, and repeats.py finds the other mentions of the places read.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Place, Toponym
from .gazetteer import Entry, Gazetteer, open_gazetteer
from .names import geo_words, name_key
from .neighbours import (ACRONYM, SMALL_PLACE, acronyms_told, famous, group_names, held_abroad, listed_with_places,
                         named_direction_abroad, qualify, route_ends, same_sentence, siblings, small_place_abroad,
                         small_place_off_theatre, strong, widest_rank)
from .recognize import (NOT_PLACE_LABELS, PERSON_AFTER, PLACE_LABELS, Entities, Span, never_a_place, noun_of,
                        opens_sentence, sub_spans, word_after)
from .repeats import named_again
from .resolve import Candidates, choose, confidence, contains, prior, resolve
from .spans import keep_direction, repaired_spans
from .theatres import load_theatres
from .unplaced import contained, demonym_before, neighbourhoods

_ENGLISH_JOIN = re.compile(r"\s+(?:of|as|at)\s+")   # joins two names; "de", "al" join one

def _speaks(text: str, end: int) -> bool:
    """Whether the name is followed by a reporting verb ("Bush said", "Avila says"; a prefix test, as the claims stage makes)."""
    from ..lexicon import load_modality
    word = re.match(r"['\u2019]?s?\s+([a-z]+)", text[end:end + 30])
    return bool(word and load_modality().attribution_candidate.match(word.group(1)))


class Geoparser:
    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or open_gazetteer()
        # "the Ukrainian city of Dnipro": a demonym names people, not a place
        # (but for one that is its country's own name: "Gibraltar", "Djibouti")
        dem = {d.lower() for cc, d in self.gaz.demonyms().items()
               if cc not in self.gaz.countries or name_key(d) != name_key(self.gaz.countries[cc].name)}
        self.demonyms = dem | {d + "s" for d in dem}
        # a demonym several countries share is the most populous one's:
        # "Indian" India (not the British Indian Ocean Territory), "French" France
        pop = lambda cc: self.gaz.countries[cc].population if cc in self.gaz.countries else 0
        self.demonym_country: dict[str, str] = {}
        for cc, d in sorted(self.gaz.demonyms().items(), key=lambda kv: pop(kv[0])):
            self.demonym_country[d.lower()] = cc

    def parse(self, text: str, entities: list[tuple[int, int, str]] = (),
              hints: dict[str, float] | None = None) -> list[Toponym]:
        kept: list[tuple[Span, Candidates]] = []
        unknown: list[Span] = []
        in_names: list[tuple[Span, Candidates]] = []
        listed: list[tuple[Span, Candidates]] = []   # countries/states NER took for a person or an organisation
        groups = group_names(text)
        entities = Entities(entities)
        for span in repaired_spans(text, entities, self.gaz, self.demonym_country, self._matches):
            if (span.text.lower() in self.demonyms and not self._division_so_called(span)) or (
                    span.text.lower() in STOP_WORDS and not span.text.isupper()):
                continue   # "Syrian" names people; "The" opening a sentence is no place ("US" is)
            if span.inside_name:
                self._name_part(span, in_names)   # resolved after the rest, casting no vote on them
                continue
            whole = span
            keep_direction(text, span, self.gaz)
            matches = self._matches(span)
            if span.text.lower() in STOP_WORDS and not any(m.entry.rank <= 1 for m in matches) \
                    and not re.search(r"(?:\(|\w,)\s*$", text[max(0, span.start - 3):span.start]):
                continue   # "prices went UP" is no Uttar Pradesh; "Pratapgarh (UP)" and "US" are places
            if _names_a_disease(text, span) and not strong(matches) and not self._place_in_name(span)[1]:
                continue   # "West Nile virus", "Lassa fever", "the Ebola outbreak's virus"
            if not matches and never_a_place(span.text):
                continue   # "an Islamic State sniper", "the National Police": no place the gazetteer knows
            if span.label == "NORP" and span.entity_whole and not any(m.how != "loose" for m in matches) \
                    and word_after(text, span.end) in ("community", "communities"):
                continue   # "civilians from the Fulani community": a people, not a neighbourhood
            if self._names_a_group(span, groups, matches):
                continue   # "the Abu Sayyaf", "Boko Haram": an armed group, not the village so called
            site = None if matches else self._facility_head(span)
            if site:
                kept.append(site)
                continue
            if not matches and self._local_body(span, in_names):
                continue
            # (not a place ACLED's brackets place: "at Gana Ropp (Barkin Ladi LGA, Plateau)" is no Gana;
            # an acronym in brackets is the name's: "Nicosia Flight Information Region (FIR)")
            if not matches and (span.label not in NOT_PLACE_LABELS or _of_a_place(span.text)) \
                    and not (" " in span.text and span.cue and re.match(r"\s*\((?![A-Z]{2,6}\))", text[span.end:])):
                span, matches = self._inner(span)
            if span is None:
                continue
            if span.cue is None and not span.said_place and PERSON_AFTER.match(text, span.end) \
                    and not strong(matches):
                continue   # "As well as Hadad, who was from Menoufia": a person ("Kenya, which" is a place)
            if matches:
                if self._accept(text, span, matches):
                    kept.append((span, Candidates(list(matches), admin_hint=span.admin_hint)))
                    continue
                if span.label in ("PERSON", "ORG") and span.entity_whole and _speaks(text, span.end) \
                        and any(m.how != "loose" and m.entry.rank == 1 for m in matches):
                    # "Romania confirmed another outbreak": the country speaks for its
                    # government; it is named, and nothing happens there
                    self._name_part(span, in_names, plain=famous)
                    continue
                if any(m.how != "loose" for m in matches):
                    listed.append((span, Candidates(list(matches), admin_hint=span.admin_hint)))
                if span.cue and span.cue != "verb":
                    unknown.append(span)
                    continue
            heads_a_name = self._leads_a_name(whole, entities)
            if not matches and span.said_place and not span.cue and span.label not in PLACE_LABELS \
                    and " " not in span.text and opens_sentence(text, span.start):
                continue   # "Health officials in the Gaza Strip": capitalised as the sentence's first word
            # ("regime forces shelled Kansafra in Idleb": what a verb struck, placed by the text, is a place)
            if not matches and not heads_a_name and (span.said_place or span.label in PLACE_LABELS or (
                    span.cue and (span.cue != "verb" or self._struck_and_placed(text, span)))):
                unknown.append(span)
                continue
            if heads_a_name:   # not a place of its own: perhaps the head of a name
                self._name_part(whole, in_names, heads_only=True)
            elif not matches and whole.label == "ORG":
                # "Seoul City Hall", "Mexico City Health Secretary", "Taco Bell
                # Canada": an organisation named after a place still names it,
                # when that place is a famous one under its own name
                self._name_part(whole, in_names, plain=famous)
        joined = listed_with_places(text, listed, kept)
        joined += acronyms_told(listed, kept + joined)
        if joined:
            taken = {id(sp) for sp, _ in joined}
            unknown = [sp for sp in unknown if id(sp) not in taken]
            in_names = [(sp, c) for sp, c in in_names if not any(sp.start < j.end and j.start < sp.end
                                                                 for j, _ in joined)]
        kept = sorted(kept + joined, key=lambda sc: sc[0].start)
        for span, c in kept:
            c.votes = not span.modifier   # "the Meade company", "Jubaland security forces": whose, not where
        qualify(text, kept)
        self._demonym_qualifiers(kept)
        siblings(text, kept)
        same_sentence(text, kept)
        route_ends(text, kept)
        areas = load_theatres().areas(text, self.gaz)
        resolve([c for _, c in kept], hints, areas)
        held_abroad(text, kept)
        # Loose-only spellings count only inside the article's countries ("al-Jina" is not Jena, Germany),
        # or where the name itself is spelt so ("Al-Hasakeh" the city says Syria for the governorate)
        countries = {c.best.entry.country_code for _, c in kept if c.best and c.best.how != "loose"
                     and (c.qualifier is None or contains(c.qualifier, c.best.entry))}   # not al-Jina's Romanian Jina
        countries |= {cc for cc, share in (hints or {}).items() if share >= 0.5}   # "Taliban ... Urozgan"
        countries |= {cc for cc, _ in areas}   # "Global Coalition forces ... their base in Shadadah"
        out: list[Toponym] = []
        for span, c in kept:
            others = [o for _, o in kept if o is not c]
            loose_abroad = c.best.how == "loose" and c.best.entry.country_code not in countries and not any(
                m.how != "loose" and m.entry.country_code == c.best.entry.country_code for m in c.matches) \
                and (countries or not _plain_loose_reading(c))
            if loose_abroad and any(m.how != "loose" for m in c.matches):
                # "a protest in Zabol county": Zabol, Iran under its own name, not Zabul
                # province, Afghanistan, spelt loosely, that the word "county" favoured
                choose(c, lambda m, c=c: prior(m, c.admin_hint, c.matches) if m.how != "loose" else -9.0)
                loose_abroad = False
            if loose_abroad or (
                    c.qualifier is not None and not contains(c.qualifier, c.best.entry)) or \
                    small_place_abroad(c, others, hints or {},
                                       word_after(text, span.end) in geo_words().facility_nouns):
                unknown.append(span)   # the text puts it somewhere its gazetteer namesakes are not
                continue
            if small_place_off_theatre(c, others, areas):
                span.said_place = True   # a place's name, whatever NER says, in the story's theatre
                unknown.append(span)
                continue
            whole = named_direction_abroad(text, span, c, others)
            if whole is not None:   # "the Central Plateau" of Haiti is no Nigerian Plateau
                span.start, span.text, span.direction = whole, text[whole:span.end], None
                unknown.append(span)
                continue
            out.append(Toponym(span.start, span.end, span.text, self.place(span.text, c.best.entry, span),
                               confidence(c), cue=span.cue, direction=span.direction, prev=span.prev,
                               centre=self.gaz.centre(c.best.entry.geonameid), in_name=span.modifier))
        out = neighbourhoods(text, out)
        # a facility's or firm's bare noun names no place of its own ("outside
        # the Central Bank in Sidon" happened in Sidon)
        unknown = [sp for sp in unknown if sp.text.lower() not in geo_words().bare_nouns]
        out += contained(text, unknown, out, self.gaz, self.demonym_country, {cc for cc, _ in areas})
        out += self._in_names(in_names, out)
        out += named_again(text, out, entities)
        return sorted(out, key=lambda t: t.start)

    @staticmethod
    def _struck_and_placed(text: str, span: Span) -> bool:
        """"regime forces shelled Kansafra in Idleb": what a verb struck, that
        the text then places, is a place; not a weapon's acronym ("struck an
        IED near") nor a building ("attacked St Francis Catholic Church in
        Owo" happened in Owo)."""
        return _PLACED_AFTER.match(text, span.end) is not None and not ACRONYM.fullmatch(span.text) \
            and span.text.split()[-1].lower() not in geo_words().facility_nouns \
            and span.prev.split()[-1:] != ["of"]   # a facility's: "the headquarters of Ministry of X in Y"

    @staticmethod
    def _leads_a_name(span: Span, entities: Entities) -> bool:
        """"the U.S. Centers for Disease Control", "the California Department
        of Public Health": a country or state at the head of an organisation's
        name that NER read whole."""
        return span.label in NOT_PLACE_LABELS and any(
            s <= span.start and span.end <= e and e - s > span.end - span.start
            for s, e, _ in entities.overlapping(span.start, span.end))

    def _facility_head(self, span: Span):
        """"the Baghdad International Airport", "Aleppo Central Prison": a
        city heading a facility's name is where the facility is, and what
        happens there happens in or near the city (precision 2); a country
        heading one owns it and is only named ("near the U.S. Embassy")."""
        if span.text.split()[-1].lower() not in geo_words().facility_nouns:
            return None
        named, found = self._place_in_name(span, famous)
        if not found or named.start != span.start or named.end == span.end:
            return None
        if span.text[named.end - span.start:].split()[0].lower() in geo_words().route_nouns:
            return None   # "Sanaa Street" is in Hodeidah
        if widest_rank(Candidates(found)) <= 1:
            named.label, named.cue, named.modifier = span.label, None, True
            return named, Candidates(found)
        # the facility keeps its name, at its city's point (ACLED's location
        # is "Donetsk Filtration Station" where a report names one)
        span.facility = True
        return span, Candidates(found)

    def _division_so_called(self, span: Span) -> bool:
        """A demonym before a division's word that names a division under its
        own name: Ethiopia's "Somali region", "Afar region" (not "the Syrian
        region", which has none)."""
        return span.admin_hint and any(m.how == "main" and m.entry.rank in (2, 3) for m in self._matches(span))

    def _demonym_qualifiers(self, kept: list[tuple[Span, Candidates]]) -> None:
        """"the Syrian desert city of Palmyra", "the Somali town of Huddur":
        the demonym before the kind of place says which country it is in,
        as "Palmyra, Syria" would (not Palmyra, New York). A country is no
        such place: "the Somali region of Ethiopia" is Ethiopia's."""
        kinds = geo_words().place_kinds
        for span, c in kept:
            before = span.prev.split()
            if c.qualifier is not None or not noun_of(before, kinds) or \
                    any(m.how == "main" and m.entry.rank == 1 for m in c.matches):
                continue
            cc = demonym_before(before[-5:-2], self.demonym_country)
            if cc in self.gaz.countries:
                c.qualifier = self.gaz.countries[cc]

    def _local_body(self, span: Span, in_names: list) -> bool:
        """"the Pittsfield City Council", "Smith County Sheriff's Office":
        a town or county under its own name heading its own bodies."""
        words = geo_words()
        toks = span.text.split()
        for n in range(min(3, len(toks) - 1), 0, -1):
            rest = [t.lower() for t in toks[n:]]
            if not all(w in words.local_institution_words for w in rest) or not words.local_anchors & set(rest):
                continue
            head = " ".join(toks[:n])
            # a town under its own name somewhere; its namesakes under other
            # names stay candidates ("Westminster City Council" in a London story)
            found = [m for m in self.gaz.lookup(head) if m.how != "loose" and m.entry.rank >= 3]
            if any(m.how == "main" for m in found):
                in_names.append((Span(span.start, span.start + len(head), head, label=span.label, prev=span.prev,
                                      lookups=[head], said_place=True), Candidates(found)))
                return True
        return False

    def _name_part(self, span: Span, in_names: list, heads_only: bool = False, plain=strong) -> None:
        named, found = self._place_in_name(span, plain)
        if found and (not heads_only or any(m.entry.rank <= 2 for m in found)):
            in_names.append((named, Candidates(found)))

    def _place_in_name(self, span: Span, plain=strong):
        """The span, or its longest part, that is plainly a place; of parts as
        long, the widest unit ("Taco Bell Canada" is Canada, not Bell County).
        Generic words are no part ("Wild Life Health Centre")."""
        words = geo_words()
        best = None
        for part in [span] + list(sub_spans(span)):
            if best is not None and len(part.text.split()) < len(best[0].text.split()):
                break
            low = part.text.lower()
            if (low in STOP_WORDS and not part.text.isupper()) or low in words.not_places or low in words.directions:
                continue
            around = span.text[:part.start - span.start].lower().split()[-1:] + \
                span.text[part.end - span.start:].lower().split()[:1]
            if any(w in words.feature_words for w in around):
                continue   # "Niger Delta militants", "Lake Chad Basin Commission": a feature's name
            found = [m for m in self.gaz.lookup(part.text) if m.how != "loose"]
            if found and plain(found) and (best is None or widest_rank(Candidates(found)) <
                                           widest_rank(Candidates(best[1]))):
                best = (part, found)
        return best or (span, [])

    def _in_names(self, in_names: list[tuple[Span, Candidates]], resolved: list[Toponym]) -> list[Toponym]:
        """Places inside organisation names ("the California Department of
        Public Health"), resolved in the article's context; listed as
        toponyms, never as where something happened. A small namesake in a
        country the story names nowhere else, while it names another twice,
        is no reading ("West Yorkshire Police" in a Dewsbury story is not
        Yorkshire, Virginia)."""
        if not in_names:
            return []
        counts: dict[str, int] = {}
        for t in resolved:   # (not a modifier: "US$22" says nothing of where the story is)
            if t.place is not None and t.place.country_code and not t.in_name:
                counts[t.place.country_code] = counts.get(t.place.country_code, 0) + 1
        total = sum(counts.values()) or 1
        resolve([c for _, c in in_names], {cc: n / total for cc, n in counts.items()})

        def abroad(e) -> bool:
            return e.rank >= 3 and e.population < SMALL_PLACE and e.country_code not in counts \
                and max(counts.values(), default=0) >= 2
        return [Toponym(span.start, span.end, span.text, self.place(span.text, c.best.entry, span), confidence(c),
                        centre=self.gaz.centre(c.best.entry.geonameid),
                        prev=span.prev, in_name=True) for span, c in in_names
                if c.best is not None and not abroad(c.best.entry)]

    def _matches(self, span: Span):
        for i, name in enumerate(span.lookups):
            found = self.gaz.lookup(name)
            if i == 0 and span.kind and name.endswith(" " + span.kind.title()) and len(span.lookups) > 1:
                # "the Dutch province of Limburg": Limburg Province (Belgium's) or
                # the Limburg the gazetteer has under the bare name; context decides
                # (each place as the bare name reads it, if it does: Washington is the
                # state under its own name, whatever "Washington State" is an alias of)
                bare = list(self.gaz.lookup(span.lookups[1]))
                ids = {m.entry.geonameid for m in bare}
                found = bare + [m for m in found if m.entry.geonameid not in ids]
            if span.division_of:   # "Athens, Ga.": the US state, not the country
                found = [m for m in found if m.entry.country_code == span.division_of and m.entry.rank == 2]
            if found and ACRONYM.fullmatch(name):
                # "a GNA camp": a town's capitalised alternate names are codes
                # (rail, airport), not what the news means by an acronym
                found = [m for m in found if m.how == "main" or m.entry.rank <= 2]
            elif found and len(name) <= 3 and name.isalpha():
                # a country's or division's short alternate is a code ("GEO",
                # "BEN", "COL": Georgia, Benin, Colombia), meant only in
                # capitals: "outside Geo office" (a town's may be a name: "Tyr")
                found = [m for m in found if m.how == "main" or m.entry.rank > 2]
            if found:
                return found
        return ()

    def _inner(self, span: Span):
        """A title-case run with no entry of its own ("See Syria Photos"): its
        longest part that is plainly a place."""
        words = geo_words()
        toks = span.text.lower().split()
        if toks and (toks[0] in words.feature_words or toks[-1] in words.feature_words):
            return None, ()   # "Lake Erie", "Ural Mountains": a feature the gazetteer lacks, not a place
        # a river is named after the country or state it crosses ("the Jordan
        # River", "the Ohio River"), rarely after a county or town ("the Rock River")
        river = bool(toks) and toks[-1] in words.river_words
        generic = words.place_kinds | words.not_places | words.facility_nouns
        # parts of a place named after its town: "Swat Valley", "Kasai Occidental", "New Aleppo"
        named_after = generic | {"valley", "plain", "plains", "occidental", "oriental", "new", "old"}
        for sub in sub_spans(span):
            if (sub.text.lower() in STOP_WORDS and not sub.text.isupper()) or sub.text.lower() in words.not_places \
                    or sub.text.lower() in words.directions or sub.text.lower() in words.neighbourhood_words:
                # "Most of Kenya" is Kenya, not Most in Czechia; "Soviet Union" no "Union" ("US" is);
                # "NHS West Midlands" no "West" (Cameroon's West region); "Colonia Lomas de San
                # Agustin" is a neighbourhood, no Colonia (Cologne)
                continue
            if span.label == "PERSON" and sub.start - span.start < span.text.rfind(" of "):
                continue   # "Mayor Smith of Pittsfield": Smith is the mayor, not Smith County
            if span.label in NOT_PLACE_LABELS and ACRONYM.fullmatch(sub.text) and sub.start == span.start:
                continue   # "the DC Bodyguards", "CDC Atlanta": the acronym opening a body's name is the body's
            found = self.gaz.lookup(sub.text)
            if river:
                found = tuple(m for m in found if m.how != "loose" and m.entry.rank <= 2)
            # "in Gwoza Local Government": the name leading generic words is
            # the place; "in Abu Shok camp" is no place called Abu. Words
            # after "of" are another name ("Shindand District of Herat
            # Province", "for Surfside Beach as Davison feared")
            after = _ENGLISH_JOIN.split(span.text[sub.end - span.start:])[0]
            leading = sub.start == span.start and span.cue == "preposition" and all(
                w in generic for w in after.lower().split())
            # "Cerro Navia", "Santa Cruz de Asia": inside a place NER reads
            # whole, a town's name with other names is a different place
            # (a country is still itself; "Swat Valley" is Swat's)
            own = _ENGLISH_JOIN.split(span.text[:sub.start - span.start])[-1] + " " + after
            if span.label in PLACE_LABELS and span.entity_whole and not leading and any(
                    w[:1].isupper() and w.lower() not in named_after for w in own.split()) \
                    and (min((m.entry.rank for m in found if m.how != "loose"), default=5) > 1
                         or re.search(r"\b(?:de|del|da|do|dos|la|of)\s+$", span.text[:sub.start - span.start])):
                continue
            if span.label is None and span.cue == "preposition" and not leading and found \
                    and widest_rank(Candidates(list(found))) >= 2 and not famous(found) \
                    and all(w[:1].isupper() and w.lower() not in named_after for w in own.split()):
                continue   # "in Bar Elias": a name NER does not split, no Bar (Montenegro) in it
            before = span.text[:sub.start - span.start].split()
            # "Residents of Tunnel Hill" opening a sentence, "Mayor Smith of
            # Pittsfield" one person to NER: people named by where they are from
            resident = sub.end == span.end and before[-1:] == ["of"] and len(before) >= 2 and (
                before[-2].lower() in words.resident_nouns
                or (span.label == "PERSON" and before[0].lower() in words.resident_nouns))
            # "Barangays of Santa Maria" opening a name: the kind of place says it is one
            kind_of = sub.end == span.end and before[-1:] == ["of"] and len(before) == 2 \
                and _kind_noun(before[0].lower())
            # "send them to CDC Atlanta": an office's acronym, then its city, which the cue places
            office = bool(before) and all(ACRONYM.fullmatch(w) for w in before) and sub.end == span.end
            if found and (strong(found) or leading or ((resident or kind_of) and any(m.how == "main" for m in found))):
                sub.label, sub.cue = span.label, span.cue if leading or office else ("place-word" if kind_of else None)
                if office:
                    sub.prev = span.prev
                if before and before[-1][:1].isupper() and before[-1].lower() in words.directions:
                    sub.direction = before[-1].lower()   # "NHS West Midlands": Midlands, west of it
                if resident:
                    sub.said_place = True   # "the Mayor of Tyr", one entity to NER
                elif span.label in NOT_PLACE_LABELS and before[-1:] == ["of"] and span.cue == "preposition":
                    sub.cue, sub.prev = span.cue, span.prev   # "in PD12 of Herat": in Herat
                # "the US Energy Secretary", "Kenya Airways": a country heading
                # other names names what they are, nothing happens there (a
                # town so placed is often where its airport or base is)
                sub.modifier = sub.start == span.start and not leading and widest_rank(Candidates(found)) <= 1 \
                    and any(w[:1].isupper() and w.lower() not in named_after for w in after.split())
                return sub, found
        return span, ()

    @staticmethod
    def _names_a_group(span: Span, groups: dict[int, int], matches) -> bool:
        """Whether the span is, whole, a rebel group's or militia's name in the
        actor dictionary (`groups`: where such names start -> end), and no
        country or division is so called (a village may be: "Abu Sayyaf" in
        Qinghai)."""
        return groups.get(span.start) == span.end and not any(m.how == "main" and m.entry.rank <= 3 for m in matches)

    def _accept(self, text: str, span: Span, matches) -> bool:
        if span.label in PLACE_LABELS or span.cue or span.said_place:
            return True
        words = geo_words()
        after = word_after(text, span.end)
        if after in words.facility_nouns and after not in words.route_nouns \
                and span.label not in NOT_PLACE_LABELS and any(m.how == "main" and m.entry.rank == 4 for m in matches):
            return True   # "protesters blocked the Zahle roundabout": the town's
        if span.label in NOT_PLACE_LABELS:
            # spaCy's small model calls many a lone city a person, an
            # organisation or even a group or language ("Grozny", "marched
            # through Harare", "attacks on Aleppo"). A famous place tagged on
            # its own (not inside "George W. Bush") and not the speaker of a
            # reporting verb ("Paterson says") is that place.
            # (a group's or language's label only under the place's own name:
            # "Saudi authorities" are Saudis)
            own = matches if span.label in ("PERSON", "ORG") else [m for m in matches if m.how == "main"]
            return span.label in _MISREAD_LABELS and span.entity_whole and famous(own) \
                and not _speaks(text, span.end)
        return strong(matches)

    def place(self, text: str, e: Entry, span: Span | None = None) -> Place:
        """The Place a resolved name stands for (the gazetteer's name; events
        keep the name as written, see stages/locate.py). Precision follows ACLED: 1 a town, 2 part of or near it, 3 a region."""
        precision = 1 if e.rank == 4 else 3
        if span is not None and (span.direction or span.facility) and precision == 1:
            precision = 2
        return Place(name=e.name, country=self.gaz.country_name(e.country_code), country_code=e.country_code,
                     admin1=e.admin1, admin2=e.admin2, latitude=e.latitude, longitude=e.longitude,
                     geo_precision=precision, geonameid=e.geonameid, feature_code=e.feature_code)


_PLACED_AFTER = re.compile(r"\s+(?:in|near|outside)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?[A-Z]")


def _names_a_disease(text: str, span: Span) -> bool:
    """A disease word follows the name or ends it ("West Nile virus", "Ebola
    haemorrhagic fever", "the second Swine Flu victim"), or the name is a
    virus's code ("H5N1", "H1N1": letters and digits in turn)."""
    words = geo_words().disease_words
    return word_after(text, span.end, reach=30) in words or span.text.split()[-1].lower() in words \
        or re.fullmatch(r"[A-Z]+\d+[A-Z]+\d*", span.text) is not None


# NER labels a famous place's name may wrongly get (not a number's or a date's)
_MISREAD_LABELS = {"PERSON", "ORG", "NORP", "LANGUAGE", "PRODUCT", "EVENT", "WORK_OF_ART"}


def _of_a_place(text: str) -> bool:
    """"Mayor of Tyr", "PD12 of Herat", "Mayor Smith of Pittsfield",
    "Barangays of Santa Maria", "Bat Galim Square of Haifa", "CDC Atlanta":
    one entity to NER, a title (and a name), a district's code, a kind of
    place, a facility's name or an acronym, then a place ("Officials of
    Kenya Airways" is a name)."""
    if re.fullmatch(r"[A-Z]{2,6}(?: [A-Z]{2,6})* [A-Z][a-z][\w.'-]*(?: [A-Z][a-z][\w.'-]*)?", text):
        return True   # "send them to CDC Atlanta", "UNHCR Geneva": an office and its city
    m = re.fullmatch(r"(\S+)( [A-Z][\w.'-]*)? of ([A-Z]\S*(?: [A-Z]\S*)?)", text)
    if m is None:   # a longer name before "of": only a facility's is placed by what follows
        m = re.fullmatch(r".+ (\S+) of [A-Z]\S*(?: [A-Z]\S*)?", text)
        return m is not None and m.group(1).lower() in geo_words().facility_nouns
    return (m.group(1).lower() in geo_words().resident_nouns
            or (not m.group(2) and _kind_noun(m.group(1).lower()))
            or (m.group(2) is not None and m.group(2).strip().lower() in geo_words().facility_nouns)
            or re.fullmatch(r"[A-Z]{1,4}-?\d{1,3}", m.group(1)) is not None)


def _kind_noun(word: str) -> bool:
    """A word for a kind of place or part, singular or plural ("barangays")."""
    kinds = geo_words().kinds
    return word in kinds or (word.endswith("s") and word[:-1] in kinds)


def _plain_loose_reading(c: Candidates) -> bool:
    """In an article that names no country, is the loose spelling plainly one
    division or city of 100,000 ("rioters in Nabatiyeh", "a grenade in
    Quamishli")? Not when such namesakes lie in two countries ("Keylong":
    Keelung, Koeln), nor when the name is some other place's own elsewhere."""
    big = {m.entry.country_code for m in c.matches
           if m.how == "loose" and (m.entry.rank <= 2 or m.entry.population >= 100_000)}
    return big == {c.best.entry.country_code} and not any(m.how != "loose" for m in c.matches)


def toponym_record(t: Toponym) -> dict:
    """One entry of `sitrep geoparse` output (documented in the README)."""
    p = t.place
    lat, lon = t.point   # a region: its geographic centre
    return {"start": t.start, "end": t.end, "text": t.text, "name": p.name, "geonameid": p.geonameid,
            "feature_code": p.feature_code, "country_code": p.country_code, "admin1": p.admin1,
            "latitude": lat, "longitude": lon, "geo_precision": p.geo_precision,
            "contained": t.contained, "in_name": t.in_name, "score": t.score}
