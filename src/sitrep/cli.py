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
    from .extract import Tally, extract_items
    from .io.readers import Article, read_inputs
    from .registry import WRITERS

    out_path = Path(args.output) if args.output else None
    suffix = out_path.suffix.lower() if out_path else ".jsonl"
    if suffix not in WRITERS:
        print(f"sitrep extract: unknown output type {suffix!r} (known: {', '.join(sorted(WRITERS))})", file=sys.stderr)
        return EXIT_NOTHING
    items = list(read_inputs(args.inputs))
    n_articles = sum(isinstance(i, Article) for i in items)
    show = not args.quiet and n_articles > 1
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
    from .classify.model import load_classifier, model_dir, training_fingerprint
    load_classifier()
    print(f"sitrep train: model ready at {model_dir() / f'subtype-{training_fingerprint()}.pkl'}")
    return EXIT_OK


def cmd_bench(args) -> int:
    from .evaluate.speed import run_speed_bench
    print(run_speed_bench(Path(args.bench_dir)))
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

    e = sub.add_parser("extract", help="extract events from articles",
                       description="Extract ACLED-typed events from news articles. Exit status: 0 if at least "
                                   "one article was processed, 2 if none (bad items are reported and skipped).")
    e.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="JSON Lines of articles {id, text, published, url, title, source}, .txt files "
                        "(id = file name), or - for JSON Lines on stdin")
    e.add_argument("-o", "--output", metavar="OUT",
                   help="output file; the format follows its suffix: .jsonl (default, to stdout), "
                        ".csv (ACLED columns), .geojson (events with coordinates)")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    e.set_defaults(func=cmd_extract)

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

    t = sub.add_parser("train", help="build the sub-type model from the bundled corpus (done on first use otherwise)")
    t.set_defaults(func=cmd_train)

    b = sub.add_parser("bench", help="print speed figures (articles/s) on the benchmark texts")
    b.add_argument("bench_dir", nargs="?", default="../shared/bench")
    b.set_defaults(func=cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="sitrep: %(message)s", stream=sys.stderr)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sitrep extract ... | head`
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
