"""Theatres: the divisions a story is in, read from the groups it names.

A reader who sees "the OSCE SMM observed explosions near Serhiivka" knows the
village is in Donbas before looking it up; data/theatres.yaml lists such
names (armed groups, missions, operations) with the first-level divisions they
are active in. The resolver gives the places there a bonus over their
namesakes elsewhere (resolve.W_AREA)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


from ..actors import AliasIndex
from ..ontology import read_yaml
from .gazetteer import Gazetteer

ALL = "all"   # every division of the country


@dataclass(frozen=True)
class Theatre:
    names: tuple[str, ...]
    areas: tuple[tuple[str, tuple[str, ...] | str], ...]   # (ISO2, division names or ALL)


class TheatreBook:
    """The names, matched as the actor dictionary matches aliases; the
    divisions each theatre means, looked up once per gazetteer."""

    def __init__(self, raw: dict):
        if raw.get("version") != 1:
            raise ValueError("theatres.yaml: unknown schema version")
        self.theatres: list[Theatre] = []
        self._names = AliasIndex()   # name -> index of its theatre
        for i, t in enumerate(raw["theatres"]):
            areas = []
            for cc, divisions in (t.get("areas") or {}).items():
                if divisions != ALL and not isinstance(divisions, list):
                    raise ValueError(f"theatres.yaml entry {i + 1}: {cc}: a list of divisions or 'all'")
                areas.append((cc, ALL if divisions == ALL else tuple(divisions)))
            if not t.get("names") or not areas:
                raise ValueError(f"theatres.yaml entry {i + 1}: needs names and areas")
            self.theatres.append(Theatre(tuple(t["names"]), tuple(areas)))
            for name in t["names"]:
                self._names.add(name, i)
        self._names.compile()
        self._codes: dict[tuple[int, int], frozenset] = {}

    def found(self, text: str) -> list[int]:
        """Indices of the theatres the text names."""
        return sorted({i for _, i in self._names.matches(text)})

    def spans(self, text: str) -> list[tuple[int, int, frozenset[str]]]:
        """(start, end, countries) of each theatre name in the text."""
        return [(m.start(), m.end(), frozenset(cc for cc, _ in self.theatres[i].areas))
                for m, i in self._names.matches(text)]

    def areas(self, text: str, gaz: Gazetteer) -> frozenset[tuple[str, str | None]]:
        """(country code, admin1 code) of every division the text's theatres
        are in; (country code, None) where a theatre takes a whole country."""
        out: set = set()
        for i in self.found(text):
            out |= self.codes(i, gaz)
        return frozenset(out)

    def codes(self, i: int, gaz: Gazetteer) -> frozenset[tuple[str, str | None]]:
        key = (i, id(gaz))
        if key not in self._codes:
            out = set()
            for cc, divisions in self.theatres[i].areas:
                if divisions == ALL:
                    out.add((cc, None))
                    continue
                for name in divisions:
                    out |= {(cc, m.entry.admin1_code) for m in gaz.lookup(name)
                            if m.how != "loose" and m.entry.country_code == cc and m.entry.feature_code == "ADM1"}
            self._codes[key] = frozenset(out)
        return self._codes[key]


def in_areas(country_code: str | None, admin1_code: str | None, areas) -> bool:
    return (country_code, None) in areas or (admin1_code is not None and (country_code, admin1_code) in areas)


@lru_cache(maxsize=1)
def load_theatres() -> TheatreBook:
    return TheatreBook(read_yaml("theatres.yaml"))
