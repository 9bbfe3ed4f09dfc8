"""Extension points, declared in one place (like datasette's hookspecs).

- stages:  name -> factory() returning a callable(Doc) -> None. The pipeline
           config names the stages to run, in order.
- readers: file suffix -> callable(path) yielding Articles or ReadErrors.
- writers: file suffix -> writer class for events.
Plug-ins (later: geoparser, actors, figures) register here with the decorators.
"""
from __future__ import annotations

from typing import Callable

STAGES: dict[str, Callable] = {}
READERS: dict[str, Callable] = {}
WRITERS: dict[str, type] = {}


def stage(name: str):
    def deco(factory):
        STAGES[name] = factory
        return factory
    return deco


def reader(*suffixes: str):
    def deco(fn):
        for s in suffixes:
            READERS[s] = fn
        return fn
    return deco


def writer(*suffixes: str):
    def deco(cls):
        for s in suffixes:
            WRITERS[s] = cls
        return cls
    return deco
