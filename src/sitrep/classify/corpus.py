"""Builds the labelled training corpus from our templates and fillers.

The corpus is generated, not stored: data/training/templates.yaml and
fillers.yaml (written by us) are the source, and the same seed always gives the
same sentences, so the model is reproducible from the repository alone.
"""
from __future__ import annotations

import random
import re


from ..ontology import load_ontology, read_yaml

NONE_LABEL = "NONE"
_SLOT = re.compile(r"\{(\w+)\}")
_COUNTRY_SLOTS = ("state", "police", "air", "group", "places", "regions")


def load_templates() -> dict[str, list[str]]:
    raw = read_yaml("training/templates.yaml")
    templates = raw["templates"]
    allowed = set(load_ontology().names) | {NONE_LABEL}
    for label in templates:
        if label not in allowed:
            raise ValueError(f"templates.yaml: unknown label {label!r}")
    return templates


def load_fillers() -> dict:
    return read_yaml("training/fillers.yaml")


def _fill(template: str, country: dict, common: dict, rng: random.Random) -> str:
    def pick(match: re.Match) -> str:
        slot = match.group(1)
        if slot == "place":
            return rng.choice(country["places"])
        if slot == "region":
            return rng.choice(country["regions"])
        if slot == "demonym":
            return country["demonym"]
        if slot in country:
            return rng.choice(country[slot])
        if slot in common:
            return str(rng.choice(common[slot]))
        raise KeyError(f"templates.yaml: unknown slot {{{slot}}} in {template!r}")

    text = _SLOT.sub(pick, template)
    text = re.sub(r"\s+([,.;])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    return text[0].upper() + text[1:]


def build_corpus(per_template: int = 20, seed: int = 13) -> list[tuple[str, str]]:
    """(text, label) pairs: every template filled `per_template` times, each time
    with a different country's actors and places, sometimes with a neutral
    sentence before or after so the model sees multi-sentence snippets."""
    rng = random.Random(seed)
    fillers = load_fillers()
    countries = list(fillers["countries"].values())
    common = fillers["common"]
    corpus = []
    for label, templates in load_templates().items():
        for template in templates:
            for country in rng.sample(countries, min(per_template, len(countries))):
                text = _fill(template, country, common, rng)
                extra = rng.choice(common["neutral"])
                if extra and rng.random() < 0.3:
                    text = f"{text} {extra}" if rng.random() < 0.7 else f"{extra} {text}"
                corpus.append((text, label))
    return corpus
