"""Partitioned extraction (issue 7): the same events as one process, with
checkpoints, bad files failing only their partitions, a worker killed
mid-run, and `sitrep load`. Real Dask LocalClusters of worker processes."""
import gzip
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.evaluate.corpus import articles as corpus_articles
from sitrep.evaluate.corpus import write as write_corpus
from sitrep.scale import run
from sitrep.scale.load import load, part_files
from sitrep.store import Store

SITREP = [sys.executable, "-m", "sitrep"]


def _events(out_dir: Path) -> list[dict]:
    return [e for f in part_files(out_dir) for line in f.open() for e in json.loads(line)["events"]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    with open(d / "news.jsonl", "w") as fh:
        write_corpus(300, fh, seed=21)
    single = d / "single.jsonl"
    subprocess.run(SITREP + ["extract", str(d / "news.jsonl"), "-o", str(single), "-q"], check=True)
    return d, [json.loads(line) for line in single.open()]


def test_dask_run_equals_the_single_process_run(corpus, tmp_path):
    d, single = corpus
    report = run([str(d / "news.jsonl")], tmp_path / "out", workers=2, partition_bytes=20_000)
    assert report.partitions >= 6 and report.done == report.partitions and report.failed == 0
    assert report.articles == 300
    assert _events(tmp_path / "out") == single   # same events, same order, same fields


def test_rerun_redoes_only_missing_partitions(corpus, tmp_path):
    d, single = corpus
    out = tmp_path / "out"
    first = run([str(d / "news.jsonl")], out, partition_bytes=20_000)
    victim = sorted(out.glob("part-*.jsonl"))[2]
    victim.unlink()
    (out / "_done" / (victim.stem[len("part-"):] + ".json")).unlink()
    second = run([str(d / "news.jsonl")], out, partition_bytes=20_000)
    assert (second.done, second.skipped) == (1, first.partitions - 1)
    assert _events(out) == single
    third = run([str(d / "news.jsonl")], out, partition_bytes=20_000)
    assert third.done == 0 and third.skipped == first.partitions


def test_bad_files_fail_only_their_partitions_and_name_the_file(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    recs = list(corpus_articles(40, seed=4))
    with open(src / "good.jsonl", "w") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in recs[:20])
    pq.write_table(pa.Table.from_pylist(recs[20:30]), src / "sub" / "good.parquet")
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in recs[30:]).encode())
    (src / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    (src / "bad.parquet").write_bytes(b"PAR1 this is not parquet at all PAR1")
    r = subprocess.run(SITREP + ["extract", str(src), "-o", str(tmp_path / "out") + "/", "--workers", "2", "-q"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1
    assert "bad.parquet" in r.stderr and "failed" in r.stderr
    manifest = json.loads((tmp_path / "out" / "_manifest.json").read_text())
    assert manifest["last_run"]["failed"] == 1 and manifest["last_run"]["done"] == 3
    assert any("cut.jsonl.gz: corrupt or unsafe gzip" in e for e in manifest["errors"])
    ids = {json.loads(line)["article"]["id"] for f in part_files(tmp_path / "out") for line in f.open()}
    assert {r["id"] for r in recs[:30]} <= ids


def test_glob_inputs_and_load_into_the_store(corpus, tmp_path):
    d, single = corpus
    out = tmp_path / "out"
    run([str(d / "*.jsonl")], out, fmt="parquet", partition_bytes=50_000)   # news.jsonl and single.jsonl
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    tally = load(out, store)
    assert tally.articles == len({r["text"] for r in corpus_articles(300, seed=21)})
    assert store.counts()["events"] > 0
    again = load(out, store)
    assert again.articles == 0 and again.duplicates == tally.articles + tally.duplicates


def test_a_worker_killed_mid_run_is_replaced_and_no_partition_is_lost(corpus, tmp_path):
    from dask.distributed import Client, LocalCluster
    from sitrep.scale.partitions import expand_inputs, plan
    from sitrep.scale.worker import process_partition
    d, single = corpus
    out = tmp_path / "out"
    parts = plan(expand_inputs([str(d / "news.jsonl")])[0], 10_000)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as cluster, Client(cluster) as client:
        pids = list(client.run(os.getpid).values())
        futures = [client.submit(process_partition, p, str(out), "jsonl", retries=2, pure=False) for p in parts]

        left = []

        def kill_one():
            while not any(f.done() for f in futures):
                time.sleep(0.05)
            left.append(sum(not f.done() for f in futures))
            os.kill(pids[0], 9)   # SIGKILL a worker while partitions are still to do
        killer = threading.Thread(target=kill_one)
        killer.start()
        reports = client.gather(futures)
        killer.join()
    assert left and left[0] > 0, "every partition finished before the kill"
    assert {r["status"] for r in reports} <= {"done", "skipped"}
    assert len(part_files(out)) == len(parts)
    assert _events(out) == single
