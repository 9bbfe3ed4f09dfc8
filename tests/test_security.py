"""API security on real stores (SQLite, and PostgreSQL when $SITREP_TEST_PG
is set): keys hashed at rest, write endpoints keyed, reads public or keyed
by configuration, rate and body limits, CORS off by default, injection
strings through every filter and sort parameter, and no leaked internals."""
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from sitrep.api import create_app
from sitrep.api_security import ApiConfig
from sitrep.ingest import IngestTally, ingest
from sitrep.model import Article
from sitrep.store import keys
from sitrep.store.schema import api_keys

ARTICLE = {"id": "k1", "text": "Gunmen killed 12 villagers in Gwoza in Borno state on Saturday, police said.",
           "published": "2024-05-12"}


@pytest.fixture()
def filled(store, pipeline):
    ingest([Article("s1", "Police fired tear gas at protesters in Kano on Monday."),
            Article("s2", "Gunmen killed 12 villagers in Gwoza in Borno state on Saturday, police said.")],
           store, pipeline, IngestTally(), on_error=lambda m: None)
    return store


def _client(store, pipeline, **config):
    app = create_app(store, ApiConfig(**config))
    app.state.pipeline = pipeline
    return TestClient(app)


def test_keys_are_hashed_at_rest_listed_and_revoked(store):
    key, token = keys.create(store, "newsroom bot", "write")
    assert token.startswith(f"sk_{key.prefix}_") and len(token) > 40
    with store.engine.connect() as conn:
        stored = [dict(r._mapping) for r in conn.execute(select(api_keys))]
    assert all(token not in str(v) for row in stored for v in row.values())   # only the hash is kept
    assert keys.verify(store, token).name == "newsroom bot"
    assert keys.verify(store, token + "x") is None and keys.verify(store, "sk_" + "a" * 60) is None
    assert [k.prefix for k in keys.list_keys(store)] == [key.prefix]
    assert keys.revoke(store, key.prefix) == 1 and keys.verify(store, token) is None
    assert keys.revoke(store, key.prefix) == 0
    with pytest.raises(ValueError, match="scope"):
        keys.create(store, "x", "admin")


def test_writes_need_a_write_key(store, pipeline):
    client = _client(store, pipeline)
    _, writer = keys.create(store, "writer", "write")
    _, reader = keys.create(store, "reader", "read")
    _, gone = keys.create(store, "gone", "write")
    keys.revoke(store, "3")
    assert client.post("/articles", json=ARTICLE).status_code == 401
    assert client.post("/articles", json=ARTICLE, headers={"X-API-Key": "sk_bogus"}).status_code == 401
    assert client.post("/articles", json=ARTICLE, headers={"X-API-Key": gone}).status_code == 401
    assert client.post("/articles", json=ARTICLE, headers={"X-API-Key": reader}).status_code == 403
    assert store.counts()["articles"] == 0
    r = client.post("/articles", json=ARTICLE, headers={"Authorization": f"Bearer {writer}"})
    assert r.status_code == 201 and r.json()["stored"] == 1
    assert client.delete("/articles/k1").status_code == 401
    assert client.delete("/articles/nope", headers={"X-API-Key": writer}).status_code == 404
    done = client.delete("/articles/k1", headers={"X-API-Key": writer}).json()
    assert done["events_removed"] == 1 and store.counts()["events"] == 0 and store.counts()["articles"] == 0


def test_reads_public_by_default_keyed_when_configured(filled, pipeline):
    assert _client(filled, pipeline).get("/events").status_code == 200
    private = _client(filled, pipeline, read_requires_key=True)
    _, reader = keys.create(filled, "analyst", "read")
    for path in ("/events", "/events.geojson", "/stats", "/map/events", "/meta", "/events/1"):
        assert private.get(path).status_code == 401, path
    assert private.get("/events", headers={"X-API-Key": reader}).json()["total"] == 2
    assert private.get("/").status_code == 200 and private.get("/health").status_code == 200


def test_rate_limit_per_key(filled, pipeline):
    client = _client(filled, pipeline, rate_per_minute=3)
    _, a = keys.create(filled, "a", "read")
    _, b = keys.create(filled, "b", "read")
    codes = [client.get("/stats", headers={"X-API-Key": a}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/stats", headers={"X-API-Key": a})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert client.get("/stats", headers={"X-API-Key": b}).status_code == 200   # another key is unaffected


def test_body_size_limit(store, pipeline):
    client = _client(store, pipeline, max_body_bytes=2_000)
    _, writer = keys.create(store, "w", "write")
    big = dict(ARTICLE, text="word " * 1_000)
    r = client.post("/articles", json=big, headers={"X-API-Key": writer})
    assert r.status_code == 413 and "2,000" in r.json()["detail"]

    def chunks():   # no Content-Length: the body is counted as it streams
        for _ in range(10):
            yield b" " * 500
    r = client.post("/articles", content=chunks(), headers={"X-API-Key": writer, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert store.counts()["articles"] == 0


def test_cors_off_by_default_and_on_when_configured(filled, pipeline):
    off = _client(filled, pipeline).get("/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in off.headers
    on = _client(filled, pipeline, cors_origins=("https://maps.example",))
    r = on.get("/events", headers={"Origin": "https://maps.example"})
    assert r.headers["access-control-allow-origin"] == "https://maps.example"
    assert "access-control-allow-origin" not in on.get("/events", headers={"Origin": "https://evil.example"}).headers


INJECTIONS = ["' OR '1'='1", "1; DROP TABLE events; --", "\" OR \"\"=\"", "%' --", "_", "%", "\\", "' UNION SELECT "
              "key_hash FROM api_keys --", "events_fts MATCH '*'", "NEAR(a b)", "\x00", "😀", "a" * 5000,
              "-event_date; DELETE FROM events", "1e309", "NaN,NaN,NaN,NaN", "0,0,0,0) OR (1=1"]


def test_injection_strings_through_every_filter_and_sort(filled, pipeline):
    client = _client(filled, pipeline)
    before = filled.counts()
    total = client.get("/events").json()["total"]
    params = ["country", "admin1", "date_from", "date_to", "event_type", "sub_event_type", "actor", "bbox", "q",
              "sort"]
    for endpoint in ("/events", "/events.geojson", "/stats", "/map/events", "/events.csv"):
        for name in params:
            if name == "sort" and endpoint != "/events":
                continue
            for bad in INJECTIONS:
                r = client.get(endpoint, params={name: bad})
                assert r.status_code < 500, (endpoint, name, bad, r.text[:200])
                if r.status_code == 200 and endpoint == "/events":
                    assert r.json()["total"] <= total, (name, bad)   # harmless: never more than everything
    for bad in INJECTIONS:
        assert client.get("/articles", params={"q": bad}).status_code < 500
        assert client.get("/articles/" + quote(bad, safe="")).status_code in (404, 422)
    assert filled.counts() == before


def test_errors_never_leak_stack_traces_or_paths(filled, pipeline, tmp_path):
    client = TestClient(create_app(filled), raise_server_exceptions=False)
    with filled.engine.begin() as conn:   # break the store under the running app
        conn.execute(text("ALTER TABLE events RENAME TO events_gone"))
    r = client.get("/events")
    assert r.status_code == 500
    body = r.text
    assert "Traceback" not in body and "/" not in r.json()["detail"] and "events_gone" not in body
    assert client.get("/nothing-here").status_code == 404
