"""The CLI as a user runs it: real subprocesses, real files."""
import csv
import json
import subprocess
import sys
from pathlib import Path


from conftest import SAMPLES, case_path

FIXTURES = Path(__file__).parent / "fixtures"


def sitrep(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "sitrep", *map(str, args)], input=stdin,
                          capture_output=True, timeout=600)


def test_help_lists_commands():
    out = sitrep("--help").stdout.decode()
    for cmd in ("extract", "eval", "train", "bench"):
        assert cmd in out
    assert "Exit status" in sitrep("extract", "--help").stdout.decode()


def test_extract_jsonl_to_stdout_and_files(tmp_path):
    r = sitrep("extract", SAMPLES, "-q")
    assert r.returncode == 0
    records = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert records and all(rec["event_type"] for rec in records)
    assert {a for rec in records for a in rec["article_ids"]} <= {
        json.loads(line)["id"] for line in SAMPLES.read_text().splitlines()}

    out_csv = tmp_path / "events.csv"
    assert sitrep("extract", SAMPLES, "-o", out_csv, "-q").returncode == 0
    rows = list(csv.DictReader(out_csv.open()))
    assert len(rows) == len(records)
    header = out_csv.read_text().splitlines()[0].split(",")
    assert header[:7] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                          "sub_event_type"]
    assert rows[0]["source"] == "sitrep samples"

    out_geo = tmp_path / "events.geojson"
    assert sitrep("extract", SAMPLES, "-o", out_geo, "-q").returncode == 0
    geo = json.loads(out_geo.read_text())
    assert geo["type"] == "FeatureCollection"  # no coordinates yet: features need geometry


def test_text_file_and_stdin(tmp_path):
    txt = tmp_path / "report.txt"
    txt.write_text("Warplanes bombed a market on Monday, killing nine civilians.")
    r = sitrep("extract", txt, "-q")
    assert r.returncode == 0
    (rec,) = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert rec["article_ids"] == ["report.txt"] and rec["sub_event_type"] == "Air/drone strike"

    line = json.dumps({"id": "s1", "text": "Gunmen abducted five aid workers on Sunday.", "published": "2024-01-08"})
    r = sitrep("extract", "-", "-q", stdin=line.encode())
    assert r.returncode == 0 and json.loads(r.stdout.decode().splitlines()[0])["event_date"] == "2024-01-07"


def test_bad_input_is_reported_counted_and_skipped(tmp_path):
    bad = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": "Gunmen abducted five aid workers on Sunday."})
    bad.write_bytes(b"{not json\n" + json.dumps({"text": "no id"}).encode() + b"\n"
                    + b'{"id": "x", "text": "caf\xe9"}\n' + json.dumps({"id": "e", "text": " "}).encode()
                    + b"\n" + good.encode() + b"\n")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    r = sitrep("extract", bad, empty, tmp_path / "missing.jsonl")
    err = r.stderr.decode()
    assert r.returncode == 0  # one article was processed
    assert f"{bad}:1: not valid JSON" in err
    assert f"{bad}:2: article has no 'id'" in err
    assert f"{bad}:3: not valid UTF-8" in err
    assert f"{bad}:4: article 'e' has no 'text'" in err
    assert f"{empty}: empty input" in err
    assert "missing.jsonl: no such file" in err
    assert "1 article(s) processed" in err and "6 item(s) skipped" in err
    assert len(r.stdout.decode().splitlines()) == 1


def test_nothing_processed_exits_2(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert sitrep("extract", empty).returncode == 2
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    r = sitrep("extract", binary)
    assert r.returncode == 2 and "binary file" in r.stderr.decode()


def test_eval_event_gold_table_and_json():
    r = sitrep("eval", "-q", FIXTURES / "gold_small.jsonl")
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "precision" in out and "recall" in out and "sub_event_type" in out
    res = json.loads(sitrep("eval", "--json", FIXTURES / "gold_small.jsonl").stdout)
    assert res[0]["gold_events"] == 1 and res[0]["matched"] == 1 and res[0]["precision"] == 1.0


def test_eval_case_prints_weighted_f1():
    r = sitrep("eval", "--json", case_path())
    res = json.loads(r.stdout)[0]["shipped_model"]
    assert res["rows"] > 300 and 0.0 <= res["weighted_f1"] <= 1.0
    assert len(res["per_label_f1"]) == 25


def test_eval_rejects_unknown_bench(tmp_path):
    f = tmp_path / "x.dat"
    f.write_text("<a/>")
    r = sitrep("eval", f)
    assert r.returncode == 2 and "unknown benchmark type" in r.stderr.decode()
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n")
    r = sitrep("eval", f)
    assert r.returncode == 2 and "not an ACLED export" in r.stderr.decode()


def test_eval_acled_notes():
    res = json.loads(sitrep("eval", "--json", FIXTURES / "acled_small.csv").stdout)[0]
    assert res["kind"] == "acled-notes" and res["rows"] == 2
    assert res["accuracy"]["detected"] == 1.0
    assert res["accuracy"]["sub_event_type"] == 1.0     # Armed clash, Peaceful protest
    assert res["accuracy"]["event_date"] == 1.0         # "On 9 May 2020" in a note published 11 May
    assert res["filled"]["coordinates"] == 1.0
    assert res["accuracy"]["place_25km"] == 1.0         # Gwoza (Borno), Nairobi
    assert res["accuracy"]["admin1"] == 1.0             # Borno, Nairobi
