"""The actor dictionary (data/actors.yaml) and the matcher that finds actor
names in text and normalises them to ACLED-style actors.

Named actors ("Hay'at Tahrir al-Sham", "pro-Assad forces") carry their own
country and inter code. Generic ones ("gunmen", "Nigerian troops", "the
regime") are templates filled with a nation: the one named in the phrase, else
the event's country ("Unidentified Armed Group (Nigeria)"). A country may name
the actor its generic template stands for (`stands_for`: in Syria, "rebels"
are "Opposition Rebels (Syria)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


from .model import Actor
from .ontology import read_yaml

_APOSTROPHES = "['’ʼ‘`ʻ]?"


@dataclass(frozen=True)
class Entry:
    name: str
    inter: int
    country: str | None
    parent: str | None = None
    template: bool = False      # a generic name with {country}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    entry: Entry
    nation: str | None          # ISO code named in the phrase ("US warplanes")

    def actor(self, country_code: str | None) -> Actor | None:
        """The normalised actor; a generic one needs a country to be named."""
        book = load_actors()
        if not self.entry.template:
            return Actor(self.entry.name, self.entry.inter, self.entry.country)
        cc = self.nation or country_code
        if not cc:
            # "Protesters" of an unplaced event: the name without its country;
            # "Military Forces of ..." cannot be named without one.
            bare = self.entry.name.replace(" ({country})", "")
            return None if "{country}" in bare else Actor(bare, self.entry.inter, None)
        named = book.stands_for.get((self.entry.name, cc))
        if named is not None:
            return Actor(named.name, named.inter, named.country)
        country = book.country_names.get(cc)
        if not country:
            return None
        if country in book.the_countries:
            country = "the " + country
        return Actor(self.entry.name.format(country=country), self.entry.inter, cc)


def alias_regex(alias: str) -> str:
    """A phrase pattern: apostrophes optional, hyphens and spaces interchangeable."""
    out = []
    for ch in alias:
        if ch in "'’ʼ‘`":
            out.append(_APOSTROPHES)
        elif ch in "- ":
            out.append(r"[\s-]+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def alias_key(text: str) -> str:
    """What two spellings of one alias share: "Hay’at Tahrir al-Sham" and
    "Hayat Tahrir al Sham" -> "hayat tahrir al sham"."""
    text = re.sub(r"['’ʼ‘`]", "", text.lower())
    return re.sub(r"[\s-]+", " ", text).strip()


def _union(patterns, ignore_case: bool = True) -> str:
    """Whole-phrase alternation, longest first (the regex takes the first
    alternative that matches, so "pro-Assad forces" must come before "forces")."""
    alts = sorted(set(patterns), key=len, reverse=True)
    return r"(?<![\w'-])" + _by_first_letter(alts, ignore_case) + r"(?:e?s)?(?![\w-])"  # "Fulani militias"


def _by_first_letter(alts: list[str], ignore_case: bool = True) -> str:
    """The same alternation, its branches grouped under their first letter
    ("a(?:l-Shabaab|nsar...)|b(?:...)"): Python's regex engine tries branches
    one by one, so at each word start it now rejects a few dozen first letters
    instead of a thousand aliases. Order within a letter is kept, so the
    first (longest) alternative that matches still wins."""
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for a in alts:
        if a[:1].isalnum():
            groups.setdefault(a[0].lower() if ignore_case else a[0], []).append(a[1:])
        else:
            rest.append(a)
    branches = [f"{letter}(?:{'|'.join(tails)})" for letter, tails in groups.items()] + rest
    return "(?:" + "|".join(branches) + ")"


class AliasIndex:
    """Aliases -> values, found in a text by two regexes: plain aliases
    (case-insensitive, apostrophes optional, hyphens and spaces alike, a
    plural allowed) and acronyms written in capitals (case-sensitive). The
    first value an alias is given keeps it. Call `compile` once all are in.

    A plain alias written only with capitals where it has letters of its
    own case is a proper name ("Border Police", Israel's): in a text that
    writes it all in lower case ("an off duty border police officer" in
    Iraq) it is the common phrase, and no match. An alias written in lower
    case ("opposition rebels") matches however it is written."""

    def __init__(self):
        self.plain: dict[str, object] = {}   # alias key -> value
        self.exact: dict[str, object] = {}   # acronym -> value
        self._spellings: set[str] = set()    # plain aliases as written (their apostrophes matter to the regex)
        self._common: set[str] = set()       # keys of plain aliases some spelling writes in lower case

    def add(self, alias: str, value, acronyms: bool = True) -> None:
        if acronyms and _is_acronym(alias):
            self.exact.setdefault(alias, value)
        else:
            self.plain.setdefault(alias_key(alias), value)
            self._spellings.add(alias)
            if alias == alias.lower():
                self._common.add(alias_key(alias))

    def compile(self) -> "AliasIndex":
        self._plain_rx = re.compile(_union(alias_regex(a) for a in self._spellings), re.I)
        self._exact_rx = re.compile(_union((re.escape(k) for k in self.exact), ignore_case=False))
        return self

    def matches(self, text: str):
        """(match, value) for every alias the text holds, plain ones first."""
        for m in self._plain_rx.finditer(text):
            key = alias_key(m.group(0))
            found = next((k for k in (key, key[:-1], key[:-2]) if k in self.plain), None)   # "Houthis"
            if found is not None and (found in self._common or m.group(0) != m.group(0).lower()):
                yield m, self.plain[found]
        for m in self._exact_rx.finditer(text):
            found = next((k for k in (m.group(0), m.group(0)[:-1]) if k in self.exact), None)
            if found is not None:
                yield m, self.exact[found]


class ActorBook:
    """Three regexes (plain aliases, case-sensitive acronyms, "{nation} X"
    phrases) and the tables that map what they match to entries: one pass of
    each over a sentence, however large the dictionary."""

    def __init__(self, raw: dict, country_names: dict[str, str], demonyms: dict[str, str]):
        if raw.get("version") != 1:
            raise ValueError("actors.yaml: unknown schema version")
        self.the_countries = frozenset(raw.get("the_countries", []))
        self.country_names = country_names
        self.stands_for: dict[tuple[str, str], Entry] = {}
        self.aliases = AliasIndex()          # alias -> entry (named first, then generic)
        self.tails: dict[str, Entry] = {}    # key of X in "{nation} X" -> generic entry
        for a in raw["actors"]:
            if not 1 <= int(a["inter"]) <= 8:
                raise ValueError(f"actors.yaml: {a['name']!r} has inter {a['inter']}, not 1-8")
            e = Entry(a["name"], int(a["inter"]), a.get("country"), a.get("parent"))
            if a.get("stands_for") and e.country:
                self.stands_for[(a["stands_for"], e.country)] = e
            for alias in set(a.get("aliases") or []) | {a["name"]}:
                self.aliases.add(alias, e)
        for g in raw["generic"]:
            e = Entry(g["name"], int(g["inter"]), None, None, template=True)
            for alias in g["aliases"]:
                if alias.startswith("{nation}"):
                    self.tails.setdefault(alias_key(alias[len("{nation}"):].lstrip("-")), e)
                elif "{nation}" in alias:
                    raise ValueError(f"actors.yaml: {alias!r}: {{nation}} must start the phrase")
                else:
                    self.aliases.add(alias, e, acronyms=False)
        nations = self._nation_words(raw.get("nation_aliases") or {}, country_names, demonyms)
        self.nations = {alias_key(w): cc for w, cc in nations.items()}
        self.aliases.compile()
        self._nation_rx = re.compile(
            r"(?<![\w'-])(?P<nation>" + _by_first_letter([alias_regex(w) for w in sorted(nations, key=len, reverse=True)])
            + r")[\s-]+(?P<tail>" + _by_first_letter(sorted((alias_regex(t) for t in self.tails), key=len, reverse=True))
            + r")(?![\w-])", re.I)

    @staticmethod
    def _nation_words(extra, country_names, demonyms) -> dict[str, str]:
        words: dict[str, str] = {}
        for cc, name in country_names.items():
            words.setdefault(name, cc)
        for cc, dem in demonyms.items():
            words.setdefault(dem, cc)
        for cc, aliases in extra.items():
            for w in aliases:
                words[w] = cc
        return {w: cc for w, cc in words.items() if len(w) > 1}

    def canonical(self, name: str) -> str:
        """The dictionary's name for a name or alias ("Syrian opposition
        rebels" -> "Opposition Rebels (Syria)"); unknown names unchanged."""
        for f in self.find(name):
            if f.start == 0 and f.end == len(name.strip()) and not f.entry.template:
                return f.entry.name
        return name

    def find(self, text: str) -> tuple[Found, ...]:
        """Actor phrases in the text, not overlapping: the longest wins, and a
        named actor wins over a generic phrase of the same length. Cached: the
        stages ask about the same sentences once per event."""
        return self._find_cached(text)

    @lru_cache(maxsize=20_000)
    def _find_cached(self, text: str) -> tuple[Found, ...]:
        return tuple(self._find(text))

    def _find(self, text: str) -> list[Found]:
        cands: list[Found] = []
        for m in self._nation_rx.finditer(text):
            e = self.tails.get(alias_key(m.group("tail")))
            cc = self.nations.get(alias_key(m.group("nation")))
            if e is not None and cc is not None:
                cands.append(Found(m.start(), m.end(), m.group(0), e, cc))
        for m, e in self.aliases.matches(text):
            cands.append(Found(m.start(), m.end(), m.group(0), e, None))
        out: list[Found] = []
        for f in sorted(cands, key=lambda f: (-(f.end - f.start), f.entry.template, f.start)):
            if not any(o.start < f.end and f.start < o.end for o in out):
                out.append(f)
        return sorted(out, key=lambda f: f.start)


def _is_acronym(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return alias.upper() == alias and len(letters) <= 6


@lru_cache(maxsize=1)
def load_actors() -> ActorBook:
    """The dictionary, with nations from the gazetteer (names, demonyms)."""
    from .geo.gazetteer import open_gazetteer
    gaz = open_gazetteer()
    names = {cc: e.name for cc, e in gaz.countries.items()}
    return ActorBook(read_yaml("actors.yaml"), names, gaz.demonyms())


def actor_key(name: str | None) -> str:
    """A name for comparing actors across codings: the dictionary name, without
    ACLED's bracketed country or regime years and what follows them
    ("Military Forces of Ukraine (2019-)" and "Military Forces of Ukraine" agree;
    "Civilians (Syria)" and "Civilians" agree)."""
    if not name:
        return ""
    name = load_actors().canonical(name.strip())
    return re.sub(r"\s+", " ", name.split("(")[0]).strip().lower()
