"""Loads the ACLED ontology (data/ontology.yaml): event types and sub-types."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class SubType:
    name: str
    event_type: str
    case_label: str
    definition: str


@dataclass(frozen=True)
class Ontology:
    sub_types: tuple[SubType, ...]
    non_acled_case_labels: frozenset[str]
    merge_groups: dict[str, str] = field(default_factory=dict)  # event type -> group
    disorder_types: dict[str, str] = field(default_factory=dict)  # event type -> ACLED disorder type
    colours: dict[str, str] = field(default_factory=dict)  # event type -> colour on maps and charts

    def same_event_family(self, a: str, b: str) -> bool:
        """May mentions of sub-types a and b be one event?"""
        if a == b:
            return True
        ga = self.merge_groups.get(self.event_type_of(a))
        return ga is not None and ga == self.merge_groups.get(self.event_type_of(b))

    def precedence(self, sub_type: str) -> int:
        return self.names.index(sub_type)

    def by_name(self, name: str) -> SubType:
        for s in self.sub_types:
            if s.name == name:
                return s
        raise KeyError(f"unknown ACLED sub-event type: {name!r}")

    def by_case_label(self, label: str) -> SubType | None:
        for s in self.sub_types:
            if s.case_label == label:
                return s
        return None

    def event_type_of(self, sub_type: str) -> str:
        return self.by_name(sub_type).event_type

    def disorder_type(self, sub_type: str) -> str:
        """ACLED's disorder type: Political violence, Demonstrations, Strategic
        developments; both of the first two for force used against protesters
        and for mob violence."""
        if sub_type in ("Excessive force against protesters", "Mob violence"):
            return "Political violence; Demonstrations"
        return self.disorder_types[self.event_type_of(sub_type)]

    @property
    def event_types(self) -> list[str]:
        return list(dict.fromkeys(s.event_type for s in self.sub_types))

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.sub_types]


def read_data(name: str) -> str:
    """Text of a file shipped in sitrep/data (package data, so it works installed)."""
    return resources.files("sitrep").joinpath("data").joinpath(name).read_text(encoding="utf-8")


class _DataLoader(yaml.SafeLoader):
    """YAML 1.2's booleans only: PyYAML follows YAML 1.1, which reads a bare
    on, off, yes, no, y or n as a boolean, so the locative "on" of a word
    list, the negation "no" or Norway's code "NO" silently became True/False."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_DataLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))


def load_yaml(text: str):
    """Parse YAML text the way our data files mean it (see _DataLoader)."""
    return yaml.load(text, Loader=_DataLoader)


def read_yaml(name: str):
    """A YAML file shipped in sitrep/data, parsed by `load_yaml`."""
    return load_yaml(read_data(name))


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    raw = read_yaml("ontology.yaml")
    subs = []
    for et in raw["event_types"]:
        for st in et["sub_types"]:
            missing = {"name", "case", "definition"} - set(st)
            if missing:
                raise ValueError(f"ontology.yaml: sub-type {st!r} lacks {sorted(missing)}")
            subs.append(SubType(st["name"], et["name"], st["case"], st["definition"]))
    if len(subs) != 25:
        raise ValueError(f"ontology.yaml: expected ACLED's 25 sub-event types, found {len(subs)}")
    groups = {et["name"]: et["merge_group"] for et in raw["event_types"] if et.get("merge_group")}
    disorder = {et["name"]: et["disorder_type"] for et in raw["event_types"]}
    colours = {et["name"]: et["colour"] for et in raw["event_types"]}
    return Ontology(tuple(subs), frozenset(raw.get("non_acled_case_labels", [])), groups, disorder, colours)
