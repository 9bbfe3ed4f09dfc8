"""Name keys that survive transliteration. Conflict reporting spells one place
many ways (al-Wa'er / Waer / al-Wa'r, Deir ez-Zor / Deir al-Zour), so the
gazetteer is indexed, and text is looked up, by two keys:

- key:   ASCII-folded, lower case, punctuation and Arabic articles dropped;
- loose: key with vowels and doubled letters folded (ou/o -> u, e -> i,
         aa -> a, final vowel+h dropped), for spellings that differ in vowels.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..ontology import read_yaml

# Apostrophes and ayn/hamza marks that transliterations insert or leave out.
_MARKS = re.compile(r"[\'\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class GeoWords:
    articles: frozenset[str]
    admin_suffixes: frozenset[str]
    settlement_suffixes: frozenset[str]
    part_nouns: frozenset[str]
    near_words: tuple[str, ...]
    directions: frozenset[str]
    locative: frozenset[str]
    target_verbs: frozenset[str]   # and the prepositions that take a target ("attacks on Aleppo")
    origin: tuple[str, ...]
    destination: tuple[str, ...]
    not_places: frozenset[str]
    country_names: dict[str, list[str]]
    division_names: dict[str, list[str]]
    displacement_words: tuple[str, ...]
    two_letter_divisions: frozenset[str]
    region_names: dict[str, list[str]]
    feature_words: frozenset[str]
    place_nouns: frozenset[str]
    neighbourhood_words: frozenset[str]
    name_openers: frozenset[str] = frozenset()
    facility_nouns: frozenset[str] = frozenset()
    site_nouns: frozenset[str] = frozenset()
    route_nouns: frozenset[str] = frozenset()
    resident_nouns: frozenset[str] = frozenset()
    name_abbreviations: dict[str, str] = field(default_factory=dict)
    local_bodies: frozenset[str] = frozenset()
    force_nouns: frozenset[str] = frozenset()
    organisation_nouns: frozenset[str] = frozenset()
    river_words: frozenset[str] = frozenset()
    local_division_words: frozenset[str] = frozenset()
    disease_words: frozenset[str] = frozenset()
    local_institution_words: frozenset[str] = frozenset()
    local_anchors: frozenset[str] = frozenset()
    admin_prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)   # country -> words, longest first
    dotted_divisions: dict[str, tuple[str, str]] = field(default_factory=dict)   # "Ill." -> (US, Illinois)

    @cached_property
    def owner_nouns(self) -> frozenset[str]:
        """Words after a name that make it whose the thing is: "Jubaland
        security forces", "the Meade company"."""
        return self.force_nouns | self.organisation_nouns

    @cached_property
    def bare_nouns(self) -> frozenset[str]:
        """A facility's or firm's noun, which alone names no place: "the
        Central Bank", "the Parliament"."""
        return self.facility_nouns | self.organisation_nouns

    @cached_property
    def kinds(self) -> frozenset[str]:
        """Words for a kind of place or part: "province", "village", "district"."""
        return self.admin_suffixes | self.settlement_suffixes | self.part_nouns

    @cached_property
    def place_kinds(self) -> frozenset[str]:
        """`kinds` and the nouns for a place's parts or standing ("the streets of X")."""
        return self.kinds | self.place_nouns


@lru_cache(maxsize=1)
def geo_words() -> GeoWords:
    d = read_yaml("geo.yaml")
    return GeoWords(
        articles=frozenset(d["articles"]), admin_suffixes=frozenset(d["admin_suffixes"]),
        settlement_suffixes=frozenset(d["settlement_suffixes"]), part_nouns=frozenset(d["part_nouns"]),
        near_words=tuple(d["near_words"]), directions=frozenset(d["directions"]),
        locative=frozenset(d["locative"]),
        target_verbs=frozenset(d.get("target_verbs", [])) | frozenset(d.get("object_prepositions", [])),
        origin=tuple(d["origin"]),
        destination=tuple(d["destination"]), not_places=frozenset(d["not_places"]),
        country_names=d["country_names"], division_names=d.get("division_names") or {},
        displacement_words=tuple(d["displacement_words"]),
        two_letter_divisions=frozenset(d.get("two_letter_divisions", [])),
        region_names={str(k): v for k, v in (d.get("region_names") or {}).items()},
        feature_words=frozenset(d.get("feature_words", [])),
        place_nouns=frozenset(d.get("place_nouns", [])),
        neighbourhood_words=frozenset(d.get("neighbourhood_words", [])),
        name_openers=frozenset(d.get("name_openers", [])),
        facility_nouns=frozenset(d.get("facility_nouns", [])),
        site_nouns=frozenset(d.get("site_nouns", [])),
        route_nouns=frozenset(d.get("route_nouns", [])),
        resident_nouns=frozenset(d.get("resident_nouns", [])),
        name_abbreviations=dict(d.get("name_abbreviations") or {}),
        local_bodies=frozenset(d.get("local_bodies", [])),
        force_nouns=frozenset(d.get("force_nouns", [])),
        organisation_nouns=frozenset(d.get("organisation_nouns", [])),
        river_words=frozenset(d.get("river_words", [])),
        local_division_words=frozenset(d.get("local_division_words", [])),
        disease_words=frozenset(d.get("disease_words", [])),
        local_institution_words=frozenset(d.get("local_institution_words", [])),
        local_anchors=frozenset(d.get("local_anchors", [])),
        admin_prefixes={cc: tuple(sorted(words, key=len, reverse=True))
                        for cc, words in (d.get("admin_prefixes") or {}).items()},
        dotted_divisions={abbr: (cc, name) for cc, table in (d.get("dotted_divisions") or {}).items()
                          for abbr, name in table.items()})


# Letters Unicode does not decompose into a base letter and a mark: without
# this, "Diyarbakır" would key as "diyarbak r" and "Łódź" as "odz".
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
                               "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
                               "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L",
                               # ayn and hamza marks are apostrophes ("Şāʻdah", "‘Adan", "Qal‘ah"), an en
                               # dash a hyphen: else such names are no Latin script and are dropped
                               "‘": "'", "ʻ": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "′": "'", "`": "'", "´": "'",
                               "–": "-"})


def fold(text: str) -> str:
    """ASCII-fold: strip diacritics (Ḩimş -> Hims, Łódź -> Lodz), keep letters and digits."""
    text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    words = _NON_WORD.sub(" ", _MARKS.sub("", fold(name).lower())).split()
    articles = geo_words().articles
    kept = [w for w in words if w not in articles]
    if not kept:                 # a name that is only an article-like word ("As")
        kept = words
    # "St. Louis" is "Saint Louis", "Ft. Worth" "Fort Worth"; a last word stays ("Main St")
    short = geo_words().name_abbreviations
    return " ".join(short.get(w, w) if i < len(kept) - 1 else w for i, w in enumerate(kept))


_LOOSE_RULES = [
    (re.compile(r"qu(?=[aeio])"), "q"),   # qaf written the French way: "Quamishli", "Qamishli"
    (re.compile(r"aw(?=[^aeiou]|$)"), "u"), (re.compile(r"ay(?=[^aeiou]|$)"), "i"),
    (re.compile(r"eh\b"), "a"),   # ta marbuta: "al-Hasakeh", "Hasakah"
    (re.compile(r"ou|oo|o"), "u"), (re.compile(r"ee|ei|ey|e"), "i"), (re.compile(r"y(?=[^aiu]|$)"), "i"),
    (re.compile(r"(.)\1+"), r"\1"), (re.compile(r"(?<=[aiu])h\b"), ""), (re.compile(r"kh"), "k"),
    (re.compile(r"q"), "k"), (re.compile(r"dh"), "d"), (re.compile(r"(?<=\w)ah\b|(?<=\w)a\b"), "a"),
    (re.compile(r"\s+"), ""),
]


@lru_cache(maxsize=200_000)
def loose_key(name: str) -> str:
    k = name_key(name)
    for rx, rep in _LOOSE_RULES:
        k = rx.sub(rep, k)
    return k
