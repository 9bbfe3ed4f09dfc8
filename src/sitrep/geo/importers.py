"""`sitrep gazetteer import`: add places from GeoNames dumps, GeoNames
alternate names, or OCHA/HDX P-code lists, so users can reach the villages and
neighbourhoods the default gazetteer lacks.

Every import works on a copy of the gazetteer that replaces it only when the
whole file has been read: a bad line (reported with its number) leaves the
gazetteer as it was.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import tempfile
import zlib
from pathlib import Path

from .build import NameRows, fold

GEONAMES_COLUMNS = 19      # allCountries.txt, SY.txt, cities500.txt, ...
ALTERNATE_COLUMNS = (8, 10)  # alternateNames.txt (old) / alternateNamesV2.txt


class ImportError_(ValueError):
    """An import file that cannot be read; the message names file and line."""


def detect_format(path: Path, first_line: str) -> str:
    cols = first_line.rstrip("\n").split("\t")
    if path.suffix.lower() == ".csv" or ("," in first_line and len(cols) == 1):
        return "ocha"
    if "alternate" in path.name.lower() or len(cols) in ALTERNATE_COLUMNS:
        return "alternatenames"
    if len(cols) == GEONAMES_COLUMNS:
        return "geonames"
    raise ImportError_(f"{path}:1: cannot tell the format ({len(cols)} tab-separated columns); "
                       f"use --format geonames|alternatenames|ocha")


def import_file(gazetteer: Path, path: Path, fmt: str = "auto") -> int:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise ImportError_(f"{path}: {exc.strerror}") from exc
    if not text.strip():
        raise ImportError_(f"{path}: empty file")
    if fmt == "auto":
        fmt = detect_format(path, text.split("\n", 1)[0])
    fd, tmp = tempfile.mkstemp(prefix=gazetteer.name + ".", suffix=".import", dir=gazetteer.parent)
    os.close(fd)
    try:
        shutil.copyfile(gazetteer, tmp)
        con = sqlite3.connect(tmp)
        with con:
            n = {"geonames": _geonames, "alternatenames": _alternates, "ocha": _ocha}[fmt](con, path, text)
        con.close()
        os.replace(tmp, gazetteer)
        return n
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _admin_names(con: sqlite3.Connection) -> dict[tuple, str]:
    out = {}
    for cc, a1, a2, code, name, admin1 in con.execute(
            "SELECT country_code, admin1_code, admin2_code, feature_code, name, admin1 FROM places "
            "WHERE feature_code IN ('ADM1', 'ADM2')"):
        out[(cc, a1) if code == "ADM1" else (cc, a1, a2)] = admin1 if code == "ADM1" else fold(name)
    return out


def _insert(con, rows: list[tuple], names: NameRows) -> None:
    con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.executemany("INSERT OR REPLACE INTO names VALUES (?,?,?,?)", names.rows)


def _geonames(con, path: Path, text: str) -> int:
    admins = _admin_names(con)
    rows, names = [], NameRows()
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        c = line.split("\t")
        if len(c) != GEONAMES_COLUMNS:
            raise ImportError_(f"{path}:{no}: expected {GEONAMES_COLUMNS} tab-separated GeoNames columns, found {len(c)}")
        try:
            gid, lat, lon, pop = int(c[0]), float(c[4]), float(c[5]), int(c[14] or 0)
        except ValueError as exc:
            raise ImportError_(f"{path}:{no}: bad number ({exc})") from exc
        cc, a1, a2 = c[8] or None, c[10] or None, c[11] or None
        rows.append((gid, c[1], c[2] or fold(c[1]), c[6], c[7], cc, a1, a2, admins.get((cc, a1)),
                     admins.get((cc, a1, a2)), pop, lat, lon, f"import:{path.name}"))
        names.add(gid, c[1], c[2], main=1)
        names.add(gid, *c[3].split(","))
    _insert(con, rows, names)
    return len(rows)


def _alternates(con, path: Path, text: str) -> int:
    known = {g for (g,) in con.execute("SELECT geonameid FROM places")}
    names, n = NameRows(), 0
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        c = line.split("\t")
        if len(c) not in ALTERNATE_COLUMNS:
            raise ImportError_(f"{path}:{no}: expected {' or '.join(map(str, ALTERNATE_COLUMNS))} "
                               f"tab-separated alternate-name columns, found {len(c)}")
        try:
            gid = int(c[1])
        except ValueError as exc:
            raise ImportError_(f"{path}:{no}: bad geonameid {c[1]!r}") from exc
        if gid in known and c[2] not in ("link", "wkdt", "post", "iata", "icao", "faac", "abbr", "unlc"):
            names.add(gid, c[3])
            n += 1
    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", names.rows)
    return n


# OCHA common operational datasets name columns two ways: admin2Name_en / ADM2_EN.
_LEVEL_COLUMNS = [(lvl, f"admin{lvl}Name_en", f"admin{lvl}Pcode") for lvl in range(4, -1, -1)] + \
                 [(lvl, f"ADM{lvl}_EN", f"ADM{lvl}_PCODE") for lvl in range(4, -1, -1)]
_LAT, _LON = ("latitude", "lat", "y"), ("longitude", "lon", "lng", "long", "x")


def _ocha(con, path: Path, text: str) -> int:
    reader = csv.DictReader(io.StringIO(text))
    header = {h.strip().lower(): h for h in (reader.fieldnames or [])}
    lat_col = next((header[h] for h in _LAT if h in header), None)
    lon_col = next((header[h] for h in _LON if h in header), None)
    levels = [(lvl, n, p) for lvl, n, p in _LEVEL_COLUMNS if n in (reader.fieldnames or [])]
    name_col = next((header[h] for h in ("name", "name_en", "location", "location_name_en") if h in header), None)
    if not lat_col or not lon_col or not (levels or name_col):
        raise ImportError_(f"{path}:1: an OCHA P-code list needs a name column (e.g. admin3Name_en or "
                           f"ADM3_EN) and latitude/longitude columns; found {reader.fieldnames}")
    # The finest level names the place; level 1 its division, level 0 its country.
    lvl, ncol, pcol = levels[0] if levels else (None, name_col, None)
    a1_col = next((n for l, n, _ in levels if l == 1), None)
    cc_col = next((p for l, _, p in levels if l == 0), None)
    alt_cols = [c for c in reader.fieldnames if c.lower().startswith(("alt", "other"))]
    rows, names = [], NameRows()
    for no, rec in enumerate(reader, 2):
        name = (rec.get(ncol) or "").strip()
        try:
            lat, lon = float(rec[lat_col]), float(rec[lon_col])
        except (TypeError, ValueError):
            raise ImportError_(f"{path}:{no}: bad or missing latitude/longitude") from None
        if not name:
            raise ImportError_(f"{path}:{no}: empty place name in column {ncol}")
        pcode = (rec.get(pcol) or "").strip() if pcol else ""
        a1 = rec.get(a1_col) if a1_col else None
        cc_src = (rec.get(cc_col) if cc_col else None) or pcode
        cc = (cc_src or "")[:2].upper() or None
        # P-codes are not GeoNames ids: a stable negative id keeps them apart.
        gid = -(zlib.crc32((pcode or f"{name}|{lat}|{lon}").encode()) & 0x7FFFFFFF) - 1
        code = "PPL" if lvl is None or lvl >= 3 else f"ADM{lvl}"
        rows.append((gid, name, fold(name), "P" if code == "PPL" else "A", code, cc, None, None,
                     a1, None, 0, lat, lon, f"import:{path.name}"))
        names.add(gid, name, main=1)
        for alt_col in (c for c in alt_cols if rec.get(c)):
            names.add(gid, *rec[alt_col].split(";"))
    _insert(con, rows, names)
    return len(rows)
