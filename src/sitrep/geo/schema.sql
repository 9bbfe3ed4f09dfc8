-- sitrep gazetteer (SQLite). One row per place; one row per (name key, place).
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
  geonameid     INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  asciiname     TEXT NOT NULL,
  feature_class TEXT NOT NULL,   -- GeoNames: P populated place, A admin division, L area
  feature_code  TEXT NOT NULL,   -- PPL, PPLC, PPLA, ADM1, ADM2, PCLI, CONT, ...
  country_code  TEXT,            -- ISO 3166-1 alpha-2
  admin1_code   TEXT,            -- GeoNames admin1 code within the country
  admin2_code   TEXT,
  admin1        TEXT,            -- English display names (ACLED style: "Homs", not "Hims Governorate")
  admin2        TEXT,
  population    INTEGER NOT NULL DEFAULT 0,
  latitude      REAL NOT NULL,
  longitude     REAL NOT NULL,
  source        TEXT NOT NULL    -- where the row came from (see README, Gazetteer)
);
CREATE TABLE names (
  key       TEXT NOT NULL,       -- names.name_key
  loose     TEXT NOT NULL,       -- names.loose_key
  geonameid INTEGER NOT NULL,
  main      INTEGER NOT NULL DEFAULT 0,   -- 1: the place's own or English name; 0: an alternate;
                                        -- -1: a code ("BEN", "NSW"), matched only in capitals
  PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE INDEX names_loose ON names(loose);
CREATE INDEX places_admin ON places(country_code, admin1_code, feature_code);
-- A first-level division's geographic centre (the centroid of its outline in the
-- dashboard's Natural Earth admin-1 assets), where the build could read one:
-- what a geoparser reports for the region's name. places keeps the point
-- events are coded at (the middle of the division's towns).
CREATE TABLE centres (
  geonameid INTEGER PRIMARY KEY,
  latitude  REAL NOT NULL,
  longitude REAL NOT NULL
);
