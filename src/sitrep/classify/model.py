"""The sub-type classifier: train, save, load (with a build-on-first-use cache).

The model is built from data we wrote (classify.corpus) and cached under
$SITREP_HOME (default ~/.cache/sitrep), keyed by a hash of the training data and
of this code, so an edit to the templates or lexicon retrains it. Nothing is
downloaded: a fresh install builds it in seconds from the package's own files.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from ..ontology import read_data
from ..paths import sitrep_home
from .corpus import NONE_LABEL, build_corpus
from .features import make_features

log = logging.getLogger(__name__)
MODEL_VERSION = "2"  # bump when the features or learner change


def make_estimator() -> Pipeline:
    return Pipeline([
        ("features", make_features()),
        ("clf", LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced")),
    ])


@dataclass
class Prediction:
    label: str
    score: float
    ranked: list[tuple[str, float]]

    @property
    def event_mass(self) -> float:
        """Probability that the text reports some ACLED event (1 - P(NONE))."""
        return 1.0 - dict(self.ranked).get(NONE_LABEL, 0.0)

    def best_event(self) -> tuple[str, float]:
        return next((lab, p) for lab, p in self.ranked if lab != NONE_LABEL)


class SubtypeClassifier:
    def __init__(self, estimator: Pipeline):
        self.estimator = estimator
        self.classes = list(estimator.classes_)

    @classmethod
    def train(cls, texts: list[str], labels: list[str]) -> "SubtypeClassifier":
        est = make_estimator()
        est.fit(texts, labels)
        return cls(est)

    def predict(self, texts: list[str]) -> list[Prediction]:
        if not texts:
            return []
        out = []
        for row in self.estimator.predict_proba(texts):
            ranked = sorted(((str(c), p) for c, p in zip(self.classes, row.tolist())), key=lambda x: -x[1])
            out.append(Prediction(ranked[0][0], ranked[0][1], ranked))
        return out


def training_fingerprint() -> str:
    h = hashlib.sha256(MODEL_VERSION.encode())
    for name in ("training/templates.yaml", "training/fillers.yaml", "triggers.yaml"):
        h.update(read_data(name).encode())
    return h.hexdigest()[:16]


def model_dir() -> Path:
    return sitrep_home() / "models"


def train_default() -> SubtypeClassifier:
    corpus = build_corpus()
    texts, labels = zip(*corpus)
    return SubtypeClassifier.train(list(texts), list(labels))


@lru_cache(maxsize=1)
def load_classifier() -> SubtypeClassifier:
    path = model_dir() / f"subtype-{training_fingerprint()}.pkl"
    if path.exists():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception as exc:  # a stale or truncated cache file: rebuild rather than fail
            log.warning("rebuilding unreadable model cache %s: %s", path, exc)
    log.info("training the sub-type model from the bundled corpus (first use)")
    model = train_default()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(model, fh)
    tmp.replace(path)  # atomic: a concurrent reader never sees half a file
    for stale in path.parent.glob("subtype-*.pkl"):  # models of older training data
        if stale != path:
            stale.unlink(missing_ok=True)
    return model
