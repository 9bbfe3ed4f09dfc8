"""Read access to the gazetteer SQLite file: candidates for a name, places by
id, divisions by code. Opened read-only; a missing or corrupt file raises
GazetteerError saying how to rebuild it."""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import sitrep_home
from .names import loose_key, name_key

SCHEMA_VERSION = "1"
REBUILD_HINT = "rebuild it with `sitrep gazetteer build` (or `make model`)"


class GazetteerError(RuntimeError):
    pass


# ADMD: a region made of first-level divisions ("Darfur"), ranked with them
# Water's feature codes (data/water.yaml): ocean, sea, gulf, bay, strait,
# channel, canal, lake. Water ranks as a region: it names an expanse, not a point.
WATER_CODES = ("OCN", "SEA", "GULF", "BAY", "STRT", "CHN", "CNL", "LK")
# Landforms' (data/landforms.yaml): island(s), peninsula, mountain(s), plateau,
# desert, delta, valley, and AREA, a region inside one country ("Donbas"). They
# name an expanse too; one across borders ("Borneo", "the Alps") ranks as a UN
# region does.
LANDFORM_CODES = ("ISL", "ISLS", "PEN", "MTS", "MT", "PLAT", "DSRT", "DLTA", "VAL", "AREA")
_RANKS = {"CONT": 0, "RGN": 0, "PCLI": 1, "ADM1": 2, "ADMD": 2, "ADM2": 3, **dict.fromkeys(WATER_CODES, 2),
          **dict.fromkeys(LANDFORM_CODES, 2)}


def feature_rank(feature_code: str | None) -> int:
    """How large a unit a feature code is: 0 continent or UN region, 1 country, 2 first-level
    division, 3 second-level, 4 populated place or anything finer."""
    return _RANKS.get(feature_code or "", 4)


@dataclass(frozen=True)
class Entry:
    """One gazetteer place (a row of `places`)."""
    geonameid: int
    name: str
    feature_class: str
    feature_code: str
    country_code: str | None
    admin1_code: str | None
    admin2_code: str | None
    admin1: str | None
    admin2: str | None
    population: int
    latitude: float
    longitude: float

    @property
    def rank(self) -> int:
        if self.country_code is None and self.feature_code in LANDFORM_CODES:
            return 0   # "Borneo", "the Himalayas": across borders, like a UN region
        return feature_rank(self.feature_code)


@dataclass(frozen=True)
class Match:
    entry: Entry
    how: str    # "main" (its own or English name), "alternate", or "loose" (spelling folded)


MIN_LOOSE = 5   # shorter keys fold into too many unrelated names ("US" -> "Oss")
CODE = -1       # names.main of a code ("BEN", "NSW"): it names the place only written in capitals

_COLUMNS = ("geonameid, name, feature_class, feature_code, country_code, admin1_code, admin2_code, "
            "admin1, admin2, population, latitude, longitude")


def default_path() -> Path:
    if os.environ.get("SITREP_GAZETTEER"):
        return Path(os.environ["SITREP_GAZETTEER"])
    return sitrep_home() / "gazetteer.sqlite"


class Gazetteer:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        if not self.path.exists():
            raise GazetteerError(f"gazetteer not found at {self.path}; {REBUILD_HINT}")
        try:
            self.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self.con.execute("SELECT key, value FROM meta"))
            self.con.execute("SELECT geonameid FROM places LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"gazetteer at {self.path} is unreadable ({exc}); {REBUILD_HINT}") from exc
        if meta.get("schema_version") != SCHEMA_VERSION:
            raise GazetteerError(f"gazetteer at {self.path} has schema {meta.get('schema_version')!r}, "
                                 f"this sitrep needs {SCHEMA_VERSION!r}; {REBUILD_HINT}")
        self.meta = meta
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)
        self._centres: dict[int, tuple[float, float]] | None = None
        self.countries = {e.country_code: e for e in self._rows("feature_code = 'PCLI'")}

    def _rows(self, where: str, params=()) -> list[Entry]:
        return [Entry(*r) for r in self.con.execute(f"SELECT {_COLUMNS} FROM places WHERE {where}", params)]

    def _lookup(self, name: str) -> tuple[Match, ...]:
        """Places a name may refer to: exact key matches, and loose
        (vowel-folded) matches for names long enough that folding is safe."""
        key = name_key(name)
        if not key:
            return ()
        main = dict(self.con.execute("SELECT geonameid, main FROM names WHERE key = ?", (key,)))
        if not name.isupper():   # "Ben Yehuda" is no Benin ("BEN")
            main = {g: m for g, m in main.items() if m != CODE}
        # An alternate that is only a spelling of the place's own name
        # ("Odessa" for Odesa, "Idleb" for Idlib) is its own name, not one
        # of the other names (old, foreign) an alternate usually is.
        loose = loose_key(name)
        found = [Match(e, "main" if main[e.geonameid] > 0 or loose_key(e.name) == loose else "alternate")
                 for e in self._rows(f"geonameid IN ({','.join('?' * len(main))})", tuple(main))]
        if len(key) >= MIN_LOOSE:
            folded = {g for (g,) in self.con.execute("SELECT geonameid FROM names WHERE loose = ?", (loose,))}
            folded -= set(main)
            found += [Match(e, "loose") for e in self._rows(f"geonameid IN ({','.join('?' * len(folded))})",
                                                            tuple(folded))]
        return tuple(found)

    def centre(self, geonameid: int) -> tuple[float, float] | None:
        """A division's geographic centre, if the build recorded one."""
        if self._centres is None:
            try:
                self._centres = {g: (lat, lon) for g, lat, lon in self.con.execute("SELECT * FROM centres")}
            except sqlite3.OperationalError:   # a gazetteer built before centres existed
                self._centres = {}
        return self._centres.get(geonameid)

    def get(self, geonameid: int) -> Entry | None:
        rows = self._rows("geonameid = ?", (geonameid,))
        return rows[0] if rows else None

    def division(self, country_code: str, admin1_code: str) -> Entry | None:
        rows = self._rows("country_code = ? AND admin1_code = ? AND feature_code = 'ADM1'", (country_code, admin1_code))
        return rows[0] if rows else None

    def country_name(self, country_code: str | None) -> str | None:
        e = self.countries.get(country_code) if country_code else None
        return e.name if e else None

    def demonyms(self) -> dict[str, str]:
        """ISO code -> demonym ("SY" -> "Syrian"); empty for a gazetteer built
        without them."""
        return json.loads(self.meta.get("demonyms") or "{}")

    def stats(self) -> dict[str, int | str]:
        n_places = self.con.execute("SELECT count(*) FROM places").fetchone()[0]
        n_names = self.con.execute("SELECT count(*) FROM names").fetchone()[0]
        meta = {k: v for k, v in self.meta.items() if k != "demonyms"}
        return {"path": str(self.path), "places": n_places, "names": n_names,
                "demonyms": len(self.demonyms()), **meta}


@lru_cache(maxsize=4)
def open_gazetteer(path: str | None = None) -> Gazetteer:
    return Gazetteer(Path(path) if path else None)
