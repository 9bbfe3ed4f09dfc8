"""The dashboard's server side on a real store: the page, its data endpoints,
selection export, and the offline assets built from the npm packages."""
import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.web import assets, topo

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "web" / "node_modules"


@pytest.fixture(scope="module")
def client(sample_store):
    return TestClient(create_app(sample_store))


def test_page_and_static_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and '<div id="map"' in page.text
    for path in ("/static/app.js", "/static/timeline.js", "/static/detail.js", "/static/app.css"):
        assert client.get(path).status_code == 200, path
    assert client.get("/static/../api.py").status_code == 404


def test_meta_lists_types_colours_and_countries_in_the_store(client, sample_store):
    meta = client.get("/meta").json()
    assert [t["name"] for t in meta["event_types"]][0] == "Battles"
    assert sum(len(t["sub_types"]) for t in meta["event_types"]) == 25
    assert all(t["colour"].startswith("#") for t in meta["event_types"])
    codes = {c["code"]: c for c in meta["countries"]}
    assert {"SO", "SD", "KE", "UA"} <= set(codes) and codes["SO"]["events"] >= 2


def test_map_layer_is_compact_and_filtered(client):
    everything = client.get("/map/events").json()
    cols = everything["columns"]
    assert everything["total"] == len(everything["rows"]) > 10
    row = dict(zip(cols, everything["rows"][0]))
    assert set(row) >= {"id", "latitude", "longitude", "event_type", "fatalities", "origin", "destination"}
    flows = [dict(zip(cols, r)) for r in everything["rows"] if r[cols.index("origin")]]
    assert flows and flows[0]["origin"][0] == "Nyala" and isinstance(flows[0]["destination"][1], float)
    protests = client.get("/map/events", params={"event_type": "Protests"}).json()
    assert 0 < protests["total"] < everything["total"]
    assert {r[cols.index("event_type")] for r in protests["rows"]} == {"Protests"}
    by_text = client.get("/map/events", params={"q": "Zalingei"}).json()
    assert by_text["total"] >= 1 and all(r[cols.index("country_code")] == "SD" for r in by_text["rows"])
    assert client.get("/map/events", params={"date_from": "yesterday"}).status_code == 422


def test_selection_exports_as_csv_and_geojson(client):
    r = client.get("/events.csv", params={"country": "SO"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {row["country"] for row in rows} == {"Somalia"}
    geo = client.get("/events.geojson", params={"country": "SO"}).json()
    assert len(geo["features"]) == len(rows)


def test_topojson_decoding_of_a_small_topology(tmp_path):
    # two squares sharing an edge, quantized, one arc reversed
    topology = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [10, 20]},
                "objects": {"x": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "id": "A", "properties": {"name": "West"}, "arcs": [[0, 1]]},
                    {"type": "Polygon", "id": "B", "properties": {"name": "East"}, "arcs": [[2, ~0]]}]}},
                "arcs": [[[1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1], [1, 0]], [[1, 1], [1, 0], [0, -1], [-1, 0]]]}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(topology))
    west, east = topo.read(path)
    assert (west.id, west.name, east.name) == ("A", "West", "East")
    assert west.polygons[0][0] == [(11, 20), (11, 21), (10, 21), (10, 20), (11, 20)]
    assert east.bounds() == (11, 20, 12, 21)


@pytest.mark.skipif(not NODE_MODULES.is_dir(), reason="needs web/node_modules (make assets runs npm ci)")
def test_assets_build_from_the_npm_packages_and_swap_in(tmp_path):
    dest = tmp_path / "assets"
    info = assets.build(NODE_MODULES, dest)
    assert info["packages"]["leaflet"] == "1.9.4" and info["admin1_countries"] > 200
    assert (dest / "leaflet/leaflet.js").is_file() and (dest / "admin1/SY.json").is_file()
    shapes = topo.read(dest / "admin1/SY.json")
    assert "Aleppo" in {s.name for s in shapes}
    with pytest.raises(assets.AssetsMissing, match="npm ci"):
        assets.build(tmp_path / "nowhere", dest)
    assert (dest / "assets.json").is_file()   # a failed build leaves the last good one
