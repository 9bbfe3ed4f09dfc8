"""Hostile input: pathological files fail cleanly, with an error naming the
item, in bounded time and memory; property-based fuzzing of every reader and
of the extractor (hypothesis). The long fuzz run is `sitrep bench reliability`."""
import gzip
import io
import json
import resource
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest import feed_articles, html_article, read_sources
from sitrep.io.readers import ReadError, csv_items, gzip_items, jsonl_items
from sitrep.model import Article

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(sources):
    t0, rss0 = time.perf_counter(), _rss_mb()
    items = list(read_sources([str(s) for s in sources]))
    return items, time.perf_counter() - t0, _rss_mb() - rss0


def _errors(items):
    return [str(i) for i in items if isinstance(i, ReadError)]


def test_a_10_mb_single_line_is_skipped_and_the_next_line_read(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(b'{"id": "huge", "text": "' + b"x" * 10_000_000 + b'"}\n'
                     + json.dumps({"id": "ok", "text": "Gunmen killed 3 in Kano."}).encode() + b"\n")
    items, secs, grew = _run([path])
    assert _errors(items) == [f"{path}:1: line longer than 8,065,536 bytes: not one article"]
    assert [i.id for i in items if isinstance(i, Article)] == ["ok"]
    assert secs < 5 and grew < 40   # never held the 10 MB line


def test_html_nested_100000_deep(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + "Gunmen killed five people." + "</div>" * 100_000)
    items, secs, grew = _run([path])
    assert len(items) == 1 and secs < 20 and grew < 500
    assert isinstance(items[0], ReadError) and "deep.html" in str(items[0])


def test_a_gzip_bomb_is_stopped_early(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as g:
        for _ in range(200):
            g.write(b"\n" * 1_000_000)   # 200 MB of nothing in ~200 KB
    items, secs, grew = _run([path])
    assert _errors(items) == [f"{path}: corrupt or unsafe gzip: decompresses to more than 100x its size: "
                              "a gzip bomb?"]
    assert secs < 10 and grew < 50


def test_corrupt_gzip_keeps_what_came_before_and_names_the_file(tmp_path):
    lines = b"".join(json.dumps({"id": f"a{i}", "text": f"Gunmen killed {i} people in town {i * 7919}."})
                     .encode() + b"\n" for i in range(3000))
    data = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_sources([str(path)]))
    good = [i for i in items if isinstance(i, Article)]
    assert 0 < len(good) < 3000
    assert _errors(items) == [f"{path}: corrupt or unsafe gzip: Compressed file ended before the end-of-stream "
                              "marker was reached"]


def test_nul_bytes_and_invalid_utf8_name_their_lines(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"id": "n", "text": "a\\u0000b"}\n\x00\x00\x00\n{"id": "u", "text": "caf\xe9"}\n'
                     b'{"id": "fine", "text": "Police arrested 4 protesters in Dhaka."}\n')
    items, _, _ = _run([path])
    errors = _errors(items)
    assert errors[0] == f"{path}:1: article 'n' text contains NUL bytes (binary data?)"
    assert errors[1].startswith(f"{path}:2: not valid JSON")
    assert errors[2].startswith(f"{path}:3: not valid UTF-8")
    assert [i.id for i in items if isinstance(i, Article)] == ["fine"]
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x7fELF\x00\x00" + bytes(range(256)) * 10)
    assert _errors(list(read_sources([str(binary)]))) == [f"{binary}: binary file, not text"]


def test_json_nested_too_deeply_or_with_odd_ids_is_an_item_error():
    data = b"[" * 100_000 + b"\n" + b'{"id": {"a": 1}, "text": "x y"}\n' + b'{"id": 7, "text": "Gunmen killed 3."}\n'
    items = list(jsonl_items(io.BytesIO(data), "deep.jsonl"))
    assert [str(i) for i in items[:2]] == ["deep.jsonl:1: JSON nested too deeply to be an article",
                                          "deep.jsonl:2: 'id' must be a string or a whole number, got dict"]
    assert items[2].id == "7"


def test_a_1_gb_feed_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.xml"
    with open(path, "wb") as fh:
        fh.truncate(1_000_000_000)   # sparse: costs no disk
    items, secs, grew = _run([path])
    assert _errors(items) == [f"{path}: 1,000,000,000 bytes: larger than the 50,000,000 a page or feed may be"]
    assert secs < 1 and grew < 10


def test_csv_articles_and_malformed_csv(tmp_path):
    good = tmp_path / "a.csv"
    good.write_text('id,text,published\nc1,"Gunmen killed 3 people in Kano on Monday.",2024-05-06\nc2,,\n')
    items = list(read_sources([str(good)]))
    assert isinstance(items[0], Article) and items[0].published.isoformat() == "2024-05-06"
    assert str(items[1]) == f"{good}:3: article 'c2' has no 'text'"
    wrong = tmp_path / "b.csv"
    wrong.write_text("name,body\nx,y\n")
    assert "needs 'id' and 'text' columns" in _errors(list(read_sources([str(wrong)])))[0]


# -- property-based fuzzing ---------------------------------------------------------------------

def _drain(items):
    out = list(items)
    assert all(isinstance(i, (Article, ReadError)) for i in out)
    return out


json_lines = st.lists(st.one_of(
    st.binary(max_size=300),
    st.builds(lambda d: json.dumps(d).encode(), st.dictionaries(
        st.sampled_from(["id", "text", "published", "url", "title", "source", "x"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=80), st.lists(st.integers(), max_size=3)),
        max_size=6))), max_size=8).map(lambda parts: b"\n".join(parts))


@FAST
@given(json_lines)
def test_fuzz_jsonl(data):
    _drain(jsonl_items(io.BytesIO(data), "fuzz.jsonl"))


@FAST
@given(st.one_of(st.binary(max_size=400), json_lines.map(gzip.compress),
                 json_lines.map(lambda d: gzip.compress(d)[: max(1, len(d) // 2)])))
def test_fuzz_gzip(data):
    _drain(gzip_items(io.BytesIO(data), "fuzz.jsonl.gz"))


@FAST
@given(st.one_of(st.binary(max_size=400),
                 st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300)
                 .map(lambda t: ("id,text,title\n" + t).encode("utf-8"))))
def test_fuzz_csv(data):
    _drain(csv_items(io.BytesIO(data), "fuzz.csv"))


markup = st.lists(st.one_of(st.sampled_from(["<rss>", "</rss>", "<channel>", "<item>", "</item>", "<title>",
                                             "</title>", "<description>", "</description>", "<![CDATA[", "]]>",
                                             "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>", "&amp;",
                                             "&#0;", "&bogus;", "<div>", "</p>", "<!--", "<?xml version='1.0'?>"]),
                            st.text(max_size=40)), max_size=25).map("".join)


@FAST
@given(st.one_of(markup.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300)))
def test_fuzz_feeds(data):
    _drain(feed_articles(data, "fuzz.xml"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup)
def test_fuzz_html(page):
    item = html_article(page, "fuzz.html")
    assert isinstance(item, (Article, ReadError))


words = st.lists(st.one_of(st.sampled_from(
    ["killed", "attacked", "Kano", "on Monday", "12", "dozens", "protesters", "police said", "shelling",
     "Aleppo", "in", "the", ".", ",", "\n\n", "not", "will", "Al-Shabaab", "claimed", "2024", "fled", "to"]),
    st.text(max_size=12)), max_size=60).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(words)
def test_fuzz_extractor(pipeline, text):
    if not text.strip():
        return
    doc = pipeline.run(Article("fuzz", text))
    for event in doc.events:
        rec = event.to_record()
        assert rec["sub_event_type"] and json.dumps(rec)
