import json
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
