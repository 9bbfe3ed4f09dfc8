"""CASE 2021 task 2: ACLED sub-event classification of news snippets.

Each snippet is run through the full pipeline as an article with no
publication date; the first event written is the prediction and no event counts
as wrong. Score: weighted F1 over the rows whose gold label is one of ACLED's 25
sub-types (the file's other labels are not ACLED events and are left out).
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

from sklearn.metrics import f1_score

from ..classify.corpus import NONE_LABEL, build_corpus
from ..classify.model import SubtypeClassifier
from ..model import Article
from ..ontology import load_ontology
from ..pipeline import Pipeline

NO_EVENT = "(no event)"


def read_case(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, CASE label) rows."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or not {"EventSnippet", "SubType"} <= set(rows[0]):
        raise ValueError("not a CASE 2021 task 2 TSV (needs EventSnippet and SubType columns)")
    return [(r.get("id") or str(i), r["EventSnippet"], r["SubType"]) for i, r in enumerate(rows)]


def predict(rows, pipeline: Pipeline, progress=None) -> list[str]:
    articles = (Article(id=f"case-{rid}", text=text) for rid, text, _ in rows)
    docs = pipeline.pipe(progress(articles) if progress else articles)
    return [doc.events[0].sub_event_type if doc.events else NO_EVENT for doc in docs]


def score(gold: list[str], pred: list[str]) -> dict:
    labels = sorted(set(gold))
    return {
        "rows": len(gold),
        "weighted_f1": round(f1_score(gold, pred, labels=labels, average="weighted", zero_division=0), 4),
        "macro_f1": round(f1_score(gold, pred, labels=labels, average="macro", zero_division=0), 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)), 4),
        "no_event": sum(p == NO_EVENT for p in pred),
        "per_label_f1": dict(zip(labels, (round(x, 3) for x in f1_score(
            gold, pred, labels=labels, average=None, zero_division=0)))),
    }


def evaluate_case(path: Path, cv_folds: int = 0, progress=None) -> dict:
    ontology = load_ontology()
    rows = read_case(path)
    acled = [(i, t, ontology.by_case_label(l).name) for i, t, l in rows if ontology.by_case_label(l)]
    result = {"bench": str(path), "kind": "case2021",
              "shipped_model": score([g for *_, g in acled], predict(acled, Pipeline(), progress))}
    if cv_folds > 1:
        result[f"cv{cv_folds}"] = cross_validate(rows, cv_folds, progress)
    return result


def cross_validate(rows, k: int, progress=None, seed: int = 7) -> dict:
    """Stratified K folds over the file: train on our corpus plus K-1 folds (its
    non-ACLED rows as NONE), predict the held-out fold with the full pipeline."""
    ontology = load_ontology()
    labelled = [(i, t, ontology.by_case_label(l).name if ontology.by_case_label(l) else NONE_LABEL)
                for i, t, l in rows]
    by_label: dict[str, list[int]] = {}
    for n, (_, _, label) in enumerate(labelled):
        by_label.setdefault(label, []).append(n)
    fold_of = {}
    rng = random.Random(seed)
    for label, idx in sorted(by_label.items()):
        rng.shuffle(idx)
        for j, n in enumerate(idx):
            fold_of[n] = j % k
    base = build_corpus()
    gold, pred = [], []
    for f in range(k):
        train = base + [(t, l) for n, (_, t, l) in enumerate(labelled) if fold_of[n] != f]
        clf = SubtypeClassifier.train([t for t, _ in train], [l for _, l in train])
        test = [r for n, r in enumerate(labelled) if fold_of[n] == f and r[2] != NONE_LABEL]
        gold += [l for *_, l in test]
        pred += predict(test, Pipeline(config={"detect": {"classifier": clf}}), progress)
    return score(gold, pred)
