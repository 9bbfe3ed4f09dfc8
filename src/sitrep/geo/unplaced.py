"""Names the gazetteer lacks, and the places the text puts them in: "the
Jobar section of northeast Damascus", "al-Jina in western Aleppo Province",
"Kolofata town (Mayo-Sava, Extreme-Nord)", "Mogadishu's Hodan district". The
geoparser hands these the names it kept and resolved, and the ones it could
not place."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Place, Toponym
from .gazetteer import WATER_CODES, Gazetteer, feature_rank
from .names import geo_words, loose_key
from .neighbours import LIST_GAP, LISTED_BEFORE_BRACKETS, kind_comma, story_division
from .recognize import NOT_PLACE_LABELS, PLACE_LABELS, Span, bracket_opening, noun_of
from .resolve import km

BRACKET_REACH = 60       # characters into the brackets after a name its container may stand at
CONTAINER_WINDOW = 110   # characters: "al-Wa'er, the last opposition-held district in Syria's third-largest city Homs"
LINK_REACH = 400         # characters: no link below spans more (the bracket and comma ones far fewer)
_SENTENCE_BREAK = re.compile(r"[.!?;:\n]")
_POSSESSIVE_GAP = re.compile(r"['\u2019]s?\s+$")   # "Mogadishu's " before a name
# what may sit between a neighbourhood's partial name and the word saying it is
# one: "Ernani Satiro neighborhood", "Campina da Barra neighborhood"
_NAME_TAIL = re.compile(r"(?:\s+(?:[A-Z0-9][\w'\u2019-]*|de|da|do|dos|das|del|la|los|las|el))*\s+([a-z]+)")


def contained(text: str, unknown: list[Span], resolved: list[Toponym], gaz: Gazetteer,
              demonym_country: dict[str, str], theatre_countries: set[str] = frozenset()) -> list[Toponym]:
    """Names the gazetteer lacks, placed by the text inside a known place:
    'the Jobar section of northeast Damascus', 'al-Jina in western Aleppo
    Province', 'Damascus's Qaboun district'. The most specific such place
    within the sentence wins; the name keeps its own spelling. A name
    placed nowhere is in the article's country, or else in the one
    country the story's armed groups work in."""
    words = geo_words()
    out, listing = [], None
    for span in unknown:
        if span.modifier and re.match(r"[-\u2010](?:[a-z]+ed|run|wide)\b", text[span.end:]):
            continue   # "an STC-organized demonstration" names no site ("Waraha-adde" is one)
        best, links, in_brackets = None, [], []
        for t in resolved:
            bracketed = False
            if t.start - span.end > LINK_REACH or span.start - t.end > LINK_REACH:
                continue   # (too far for any link below; a long article would otherwise cost its square)
            if t.start >= span.end:
                gap = text[span.end:t.start]
                link = re.search(r"\b(in|of|near|outside)\b", gap.lower())
                # the link word follows the name closely ("Hole camp in", "the Jobar
                # section of") or after an appositive ("al-Wa'er, the last
                # opposition-held district in ..."), not after a clause ("an
                # Islamic State sniper shot a soldier west of Rafah"), nor after a
                # possessive: what the name owns is there ("the STC's
                # declaration of self-administration in South Yemen")
                linked = (len(gap) <= CONTAINER_WINDOW and not _SENTENCE_BREAK.search(gap) and link
                          and (len(gap[:link.start()].split()) <= 3 or gap.lstrip().startswith(","))
                          and not re.match(r"['\u2019]s\s", gap))
                # ("Besi village, Batibo subdivision": the kind of place may come before the comma)
                if not linked and (re.fullmatch(r",\s*", gap) or kind_comma().fullmatch(gap)) and t.place \
                        and t.place.feature_code \
                        and (feature_rank(t.place.feature_code) <= 3 or _town_after_part(text, span, t, resolved)):
                    linked = True   # "Kitshanga, North Kivu"; "in Greenlane, Auckland"
                # "Bamba (Koro, Mopti)", "Dhabeji town (Thatta, Sindh)", "Salar area (Murshidabad ...)";
                # the container anywhere in the brackets: "Logobou (Logobou, Tapoa)"
                # (and a list's: "in Al Hammah and Yisbal checkpoint areas (As Sawadiyah, Al Bayda)")
                if not linked and (bracket_opening(BRACKET_REACH).fullmatch(gap) is not None
                                   or LISTED_BEFORE_BRACKETS.fullmatch(gap) is not None):
                    linked = bracketed = True
            elif t.end <= span.start:
                gap = text[t.end:span.start]
                # "Mogadishu's Hodan district", "Nairobi slum Kibera" (not "Atakent town of
                # Maktaaral", a town of Maktaaral)
                linked = re.fullmatch(r"['\u2019]s?\s+(\w+\s+)?", gap) is not None or (
                    re.fullmatch(r"\s+[a-z]+\s+", gap) is not None and gap.split()[0] in _PART_OF_TOWN) or (
                    t.in_name and re.fullmatch(r"\s+(?:town|village|city|camp)\s+of\s+(?:the\s+)?", gap) is not None)
                # ("the Aley town of Ain er Roummaneh": a town of Aley district)
            else:
                continue
            if linked and t.place and t.place.latitude is not None and t.place.feature_code not in WATER_CODES:
                links.append(t)
                if bracketed:
                    in_brackets.append(t)
        # the finest place linked, among those of the nearest one's country: in
        # "Pingilikani, Kenya -- and for 28 days in Kinshasa", Kenya says where;
        # in brackets, the last and widest: "Kolofata town (Mayo-Sava, Extreme-Nord)"
        # is in Cameroon, whatever "Mayo" reads as
        if links:
            nearest = max(in_brackets, key=lambda t: t.start) if in_brackets else min(
                links, key=lambda t: t.start - span.end if t.start >= span.end else span.start - t.end)
            same = [t for t in links if t.place.country_code == nearest.place.country_code]
            # brackets name the containers innermost first, so the first is the
            # finest, whatever the later ones read as: in "Wadi al Jarah (Al
            # Dhaher, Sadah)" Sadah is the governorate, not its city
            inner = [t for t in same if t in in_brackets]
            for t in inner[:1] or same:
                if best is None or _finer(t, best):
                    best = t
        if best is None:
            # "fled Kitshanga for Mweso" after "the town of Kitshanga in North
            # Kivu": a name the article has placed once is that place again
            again = next((t for t in [*out, *resolved] if t.contained and t.place.latitude is not None
                          and loose_key(t.text) == loose_key(span.text)), None)
            if again is not None:
                out.append(replace(again, start=span.start, end=span.end, text=span.text, cue=span.cue,
                                   direction=span.direction, prev=span.prev))
                continue
            before = span.prev.split()
            # "farmers in their lands east of Khuzaa": only a place lies east of
            direction_of = span.cue == "preposition" and noun_of(before, words.directions)
            said_where = span.cue == "place-word" or direction_of or (
                span.cue == "preposition" and before and before[-1] in words.locative) \
                or (span.cue == "verb" and span.label in PLACE_LABELS)   # "jets struck Pazigyi"
            cc = demonym_before(span.prev.split(), demonym_country) or main_country(resolved) or (
                next(iter(theatre_countries)) if len(theatre_countries) == 1 else None)
            if said_where and listing is None:
                listing = _Listing(unknown, resolved)
            neighbour = listing.town_near(text, span) if said_where else None
            if neighbour is not None and neighbour.place.country_code != cc:
                neighbour = None   # (a namesake abroad the list was read as: "Aprovisa 1, Rinconada and Agricultura")
            if said_where and (span.label not in NOT_PLACE_LABELS or span.said_place or direction_of
                               or noun_of(span.prev.split(), words.settlement_suffixes | words.part_nouns)
                               or _after_kinds_colon(text, span) or neighbour is not None):
                # ("the town of X", "four villages: X", "the villages of A, B and X" outweigh
                # NER calling X a person)
                # The text says it is a place, but not where: keep its name and the
                # article's country, without coordinates ("when jets struck Pazigyi").
                # "the Somali town of X" says which country, whatever the rest names
                region = story_division(resolved, cc)
                if neighbour is not None:   # "nearby villages of Bumbacari and Dudescu": near Dudescu
                    p = neighbour.place
                    place = Place(name=span.text, country=p.country, country_code=p.country_code, admin1=p.admin1,
                                  admin2=p.admin2, latitude=p.latitude, longitude=p.longitude, geo_precision=2)
                elif region is not None:   # the one division the story is in (ACLED: precision 3)
                    p = region.place
                    place = Place(name=span.text, country=p.country, country_code=cc, admin1=p.admin1,
                                  admin2=p.admin2, latitude=p.latitude, longitude=p.longitude, geo_precision=3)
                else:
                    place = Place(name=span.text, country=gaz.country_name(cc), country_code=cc)
                out.append(Toponym(span.start, span.end, span.text, place, 0.2, contained=True, cue=span.cue,
                                   direction=span.direction, prev=span.prev, in_name=_names_whose(text, span)))
            continue
        part_word = any(w in words.part_nouns for w in re.findall(r"[a-z-]+", text[span.end:best.start].lower()))
        parent = best.place
        precision = 2 if (parent.feature_code or "").startswith("PPL") else 3
        out.append(Toponym(span.start, span.end, span.text,
                           Place(name=span.text, country=parent.country, country_code=parent.country_code,
                                 admin1=parent.admin1, admin2=parent.admin2, latitude=parent.latitude,
                                 longitude=parent.longitude, geo_precision=precision),
                           round(best.score * (0.8 if part_word else 0.6), 3), contained=True,
                           cue=span.cue, direction=span.direction, prev=span.prev, in_name=_names_whose(text, span)))
    return out

def neighbourhoods(text: str, resolved: list[Toponym]) -> list[Toponym]:
    """A neighbourhood named after its town ("in Nova Iguacu, ... a
    shoot-out in Grama neighborhood", "Mogadishu's Hodan district") whose
    namesake in the gazetteer lies far from that town is a part of the
    town: it takes the town's point, keeping its own name (precision 2)."""
    words = geo_words()
    out = []
    for t in resolved:
        parent = None
        after = _NAME_TAIL.match(text[t.end:t.end + 60])
        named_part = (after and after.group(1) in words.neighbourhood_words) or \
            t.text.split()[0].lower() in words.neighbourhood_words   # "Colonia El Pedregal"
        after_possessive = _POSSESSIVE_GAP.search(text[max(0, t.start - 40):t.start])
        if (named_part or after_possessive) and t.place.latitude is not None \
                and (t.place.feature_code or "").startswith("PPL"):
            towns = [c for c in resolved if c.end <= t.start and not c.contained and c.place.latitude is not None
                     and (c.place.feature_code or "").startswith("PPL")
                     and not _SENTENCE_BREAK.search(text[c.end:t.start])]
            possessive = [c for c in towns if _POSSESSIVE_GAP.fullmatch(text[c.end:t.start])]
            candidates = possessive or (towns[-1:] if named_part else [])
            parent = next((c for c in candidates if km(c.place.latitude, c.place.longitude,
                                                       t.place.latitude, t.place.longitude) > 40), None)
        if parent is None:
            out.append(t)
            continue
        p = parent.place
        out.append(Toponym(t.start, t.end, t.text,
                           Place(name=t.text, country=p.country, country_code=p.country_code, admin1=p.admin1,
                                 admin2=p.admin2, latitude=p.latitude, longitude=p.longitude, geo_precision=2),
                           round(parent.score * 0.8, 3), contained=True, cue=t.cue, direction=t.direction,
                           prev=t.prev, in_name=t.in_name))
    return out


def _names_whose(text: str, span: Span) -> bool:
    """A name the recogniser calls a modifier names whose a thing is ("the
    Dogon village of Tieba", "Jubaland security forces"): nothing happens
    there. Not so a hyphenated name's head ("Waraha-adde village")."""
    return span.modifier and text[span.end:span.end + 1] not in ("-", "\u2010")


_PART_OF_TOWN = {"slum", "suburb", "neighbourhood", "neighborhood", "quarter", "district"}
_LISTED = re.compile(r"\s*(?:,|\band\b|\bor\b)\s*$")
_LIST_GOES_ON = re.compile(r"\s*(?:,|\band\b|\bor\b)\s*(?=[A-Z])")


def _town_after_part(text: str, span: Span, town: Toponym, resolved: list[Toponym]) -> bool:
    """"at a market in Balintawak, Quezon City", "in Greenlane, Auckland,
    New Zealand": a name the gazetteer lacks, a comma, then a town is a part
    of that town, unless the two are in a list of places ("Suba, Migori,
    Homa Bay"): a name or list word before the first, or another name after
    the town that is no wider unit than a division (the address's country
    or state may follow)."""
    if not (town.place.feature_code or "").startswith("PPL") or _LISTED.search(text[max(0, span.start - 6):span.start]):
        return False
    if _LIST_GOES_ON.match(text, town.end) is None:
        return True
    nxt = next((t for t in resolved if t.start > town.end), None)
    return nxt is not None and not text[town.end:nxt.start].strip(", ") and nxt.place.feature_code is not None \
        and feature_rank(nxt.place.feature_code) <= 2


class _Listing:
    """The article's names in text order (the resolved places and the names
    the gazetteer lacks), made once for every unplaced name to look up."""

    def __init__(self, unknown: list[Span], resolved: list[Toponym]):
        self.items = sorted([(t.start, t.end, t) for t in resolved if not t.in_name and t.place is not None]
                            + [(u.start, u.end, None) for u in unknown], key=lambda x: x[0])
        self.at: dict[int, int] = {}
        for i, x in enumerate(self.items):
            if x[2] is None:
                self.at.setdefault(x[0], i)

    def town_near(self, text: str, span: Span) -> Toponym | None:
        """A name the gazetteer lacks, listed with towns it has that all lie in
        one first-level division ("the villages of Ceamurlia de Jos, Maliuc and
        Caraorman"), is near them: the listed town nearest it in the text."""
        at = self.at.get(span.start)
        if at is None or text.rfind("(", 0, span.start) > text.rfind(")", 0, span.start):
            return None   # ("Bengaluru city (Bengaluru, KN)": brackets name containers, not neighbours)
        items, lo, hi = self.items, at, at
        while lo > 0 and LIST_GAP.fullmatch(text[items[lo - 1][1]:items[lo][0]]):
            lo -= 1
        while hi + 1 < len(items) and LIST_GAP.fullmatch(text[items[hi][1]:items[hi + 1][0]]):
            hi += 1
        listed = [(abs(i - at), x[2]) for i, x in enumerate(items[lo:hi + 1], lo) if x[2] is not None]
        towns = [t for _, t in listed if t.place.latitude is not None and not t.contained
                 and (t.place.feature_code or "").startswith("PPL")]
        if not towns or len(towns) < len(listed) or len({(t.place.country_code, t.place.admin1) for t in towns}) != 1:
            return None   # (a list with a country or division in it, or across divisions, says nothing of nearness)
        return min(listed, key=lambda x: x[0])[1]


def _after_kinds_colon(text: str, span: Span) -> bool:
    """"four villages: Kampungu, Makonono, Kaluamba and Mombo": the list a
    settlement word and a colon open, the span in it."""
    words = geo_words()
    window = text[max(0, span.start - 200):span.start]
    colon = window.rfind(":")
    opener = re.search(r"([a-z]+)\s*$", window[:colon]) if colon >= 0 else None
    if opener is None or opener.group(1) not in words.settlement_suffixes | words.part_nouns:
        return False
    # only the list's other names between the colon and the span
    return all(w[:1].isupper() or w in ("and", "or") for w in window[colon + 1:].replace(",", " ").split())


def demonym_before(words: list[str], demonym_country: dict[str, str]) -> str | None:
    """The country of the last demonym among `words` ("the Somali town of"),
    two-word ones first ("the south Sudanese Warab state" is South Sudan's).
    None past an organisation's noun: the demonyms of "the Lebanese French
    Bank in" name the bank, not where it is."""
    organisations = geo_words().organisation_nouns
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in organisations:
            return None
        for w in ([f"{words[i - 1]} {words[i]}"] if i else []) + [words[i]]:
            if w in demonym_country:
                return demonym_country[w]
    return None


def main_country(toponyms: list[Toponym]) -> str | None:
    """The country code the toponyms name most often; None if none has one."""
    counts: dict[str, int] = {}
    for t in toponyms:
        if t.place is not None and t.place.country_code:
            counts[t.place.country_code] = counts.get(t.place.country_code, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _finer(a: Toponym, b: Toponym) -> bool:
    return feature_rank(a.place.feature_code) > feature_rank(b.place.feature_code)
