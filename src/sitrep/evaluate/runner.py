"""Dispatches `sitrep eval` to the benchmark a file is, and formats results."""
from __future__ import annotations

import sys
from pathlib import Path

from .acled_notes import evaluate_notes
from .case2021 import evaluate_case
from .dedup import evaluate_dedup, is_dedup_bench
from .event_location import evaluate_event_locations
from .geoparse import evaluate_geo
from .gold import evaluate_gold


def _bar(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm
    return lambda it: tqdm(it, file=sys.stderr, leave=False, unit="item")


def _is_event_location(path: Path) -> bool:
    """The event-location study's sentences: its zip, or the file inside it."""
    return path.suffix.lower() == ".zip" or path.name.endswith("labeled_text.jsonl")


def evaluate_path(path: Path, cv_folds: int = 0, progress: bool = False) -> dict:
    if not path.is_file():
        raise ValueError("no such file")
    if path.suffix.lower() == ".tsv":
        return evaluate_case(path, cv_folds, _bar(progress))
    if _is_event_location(path):
        return evaluate_event_locations(path, _bar(progress))
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        if is_dedup_bench(path):
            return evaluate_dedup(path, _bar(progress))
        return evaluate_gold(path, _bar(progress))
    if path.suffix.lower() == ".csv":
        return evaluate_notes(path, _bar(progress))
    if path.suffix.lower() == ".xml":
        return evaluate_geo(path, _bar(progress))
    raise ValueError("unknown benchmark type (expected a CASE 2021 .tsv, an event-gold .jsonl, "
                     "an ACLED export .csv, a GeoVirus/LGL .xml or the event-location .jsonl(.zip))")


def format_table(r: dict) -> str:
    lines = [f"== {r['bench']} ({r['kind']})"]
    if r["kind"] == "case2021":
        for key in [k for k in r if k == "shipped_model" or k.startswith("cv")]:
            s = r[key]
            lines.append(f"{key:<14} rows {s['rows']:>4}  weighted F1 {s['weighted_f1']:.4f}  macro F1 "
                         f"{s['macro_f1']:.4f}  accuracy {s['accuracy']:.4f}  no event {s['no_event']}")
        lines.append(f"{'sub-type':<38} F1 ({'shipped':>7})")
        for label, f1 in r["shipped_model"]["per_label_f1"].items():
            lines.append(f"  {label:<36} {f1:.3f}")
    elif r["kind"] == "acled-notes":
        lines.append(f"notes {r['rows']}  sub-type weighted F1 {r['sub_event_weighted_f1']:.4f}")
        lines.append("first event vs ACLED (share of all notes):")
        for k, v in r["accuracy"].items():
            lines.append(f"  {k:<16} {v:.3f}")
        lines.append("filled: " + "  ".join(f"{k} {v:.3f}" for k, v in r["filled"].items()))
    elif r["kind"] == "dedup":
        lines.append(f"articles {r['articles']}  real events {r['clusters']}  stored events {r['stored_events']}  "
                     f"articles with no event {r['articles_without_event']}")
        lines.append(f"pairwise precision {r['pair_precision']:.4f}  recall {r['pair_recall']:.4f}  "
                     f"F1 {r['pair_f1']:.4f}")
        lines.append(f"ingest+extract+store {r['ingest_articles_per_s']} articles/s; rows added by re-ingesting: "
                     + ", ".join(f"{k} {v}" for k, v in r["reingest_rows_added"].items()))
    elif r["kind"] == "geoparse":
        lines.append(f"articles {r['articles']}  gold toponyms {r['gold_toponyms']}  predicted {r['predicted_toponyms']}")
        lines.append(f"recall {r['recall']:.3f}  acc@161km {r['acc161']:.3f} (all gold)  "
                     f"{r['acc161_found']:.3f} (found)")
        lines.append(f"reachable with this gazetteer {r['reachable161']:.3f} (placed right, or the gold name "
                     f"names a gazetteer place within 161 km)")
        if r["mean_km"] is not None:
            lines.append(f"error km: mean {r['mean_km']:.0f}  median {r['median_km']:.1f}")
    elif r["kind"] == "event-location":
        lines.append(f"sentences {r['sentences']}  labelled places {r['gold_places']}  "
                     f"recognised {r['recall']:.3f}")
        c, m, cv = r["choice"], r["choice_multi"], r["learned_cv5"]
        lines.append(f"event place chosen right, of {r['choosable']} sentences whose place was found "
                     f"(with two or more places: {r['multi']}):")
        if cv:
            lines.append(f"  locate stage, 5-fold cross-validated    {cv['kept_accuracy']:.3f}  "
                         f"(its top choice {cv['choice_accuracy']:.3f}, {cv['choice_accuracy_multi']:.3f} with two "
                         f"or more places)  [the honest figure]")
        else:
            lines.append("  (too few sentences to cross-validate the learned scorer)")
        lines.append(f"  locate stage, shipped weights (in-sample) {c['stage']:.3f}  ({m['stage']:.3f})")
        lines.append(f"  hand rules alone                        {c['rules']:.3f}  ({m['rules']:.3f})")
        lines.append(f"  first-named place                       {c['first']:.3f}  ({m['first']:.3f})")
        lines.append(f"sentences whose places are all elsewhere: {r['elsewhere']}; the stage put the event at "
                     f"one of their towns in {r['elsewhere_sited_share']:.3f}"
                     + (f" (cross-validated, it declines on {cv['elsewhere_abstained']:.3f})" if cv else ""))
    else:
        lines.append(f"articles {r['articles']}  gold {r['gold_events']}  predicted {r['predicted_events']}  "
                     f"matched {r['matched']}")
        lines.append(f"precision {r['precision']:.4f}  recall {r['recall']:.4f}  F1 {r['f1']:.4f}")
        lines.append("field accuracy on matched events:")
        for f, acc in r["field_accuracy"].items():
            lines.append(f"  {f:<16} {'n/a' if acc is None else f'{acc:.3f}'}")
        for a in r["per_article"]:
            for u in a["unmatched_predictions"]:
                lines.append(f"  unmatched in {a['id']}: {u}")
    return "\n".join(lines)
