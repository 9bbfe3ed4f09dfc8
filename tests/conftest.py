import json
import os
from pathlib import Path

import pytest

from sitrep.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
SAMPLES = ROOT / "samples" / "articles.jsonl"


@pytest.fixture(scope="session")
def pipeline():
    return Pipeline()


@pytest.fixture(scope="session")
def seed_record():
    path = SHARED_BENCH / "seed_gold.jsonl"
    if not path.is_file():
        pytest.skip(f"needs the seed benchmark at {path} (../shared is absent)")
    return json.loads(path.read_text(encoding="utf-8").splitlines()[0])


def case_path():
    path = SHARED_BENCH / "case2021_task2_dev.tsv"
    if not path.is_file():
        pytest.skip(f"needs the CASE 2021 benchmark at {path} (../shared is absent)")
    return path


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, pipeline):
    """A SQLite store holding the bundled sample articles' events."""
    from sitrep.ingest import ingest, read_sources
    from sitrep.store import Store
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('store') / 'samples.db'}")
    ingest(read_sources([str(SAMPLES)]), store, pipeline, on_error=lambda m: None)
    return store


PG_URL = os.environ.get("SITREP_TEST_PG")   # e.g. postgresql+psycopg://postgres@127.0.0.1:5432/sitrep_test


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """The same tests on SQLite and, when $SITREP_TEST_PG names a throwaway
    database, on PostgreSQL (emptied first)."""
    from sitrep.store import Store
    if request.param == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'events.db'}")
    if not PG_URL:
        pytest.skip("PostgreSQL store tests need $SITREP_TEST_PG (a throwaway database URL)")
    from sqlalchemy import create_engine, text
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return Store(PG_URL)
