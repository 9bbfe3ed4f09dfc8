"""Codebook rules that depend on who acts and on what, which a bag-of-words
classifier cannot see: the same verbs ("seized", "attacked", "clashed") serve
several ACLED sub-types, and the codebook tells them apart by actor, target and
object. One module per rule family; the cue lists are data (data/codebook.yaml).
"""
from __future__ import annotations

from ...model import Doc, Mention
from ...nlp import parse_many
from ...ontology import load_ontology
from ...registry import stage
from .demonstrations import demonstration_sub_type, without_demonstrators
from .targets import ATTACK, CLASH, NON_VIOLENT, SHELLING, by_target
from .territory import GRT, NSAOT, territory_sub_type


@stage("codebook")
def make_codebook():
    ontology = load_ontology()

    def retype(m: Mention, new: str) -> None:
        if new != m.sub_event_type:
            m.sub_event_type, m.event_type = new, ontology.event_type_of(new)

    def run_batch(docs: list[Doc]) -> None:
        # Every mention sentence is parsed once here; modality reuses the cache.
        parse_many([(doc, m.sentence) for doc in docs for m in doc.mentions])
        for doc in docs:
            for m in doc.mentions:
                new = demonstration_sub_type(m, doc.parses[m.sentence.start])
                retype(m, without_demonstrators(m) if new == m.sub_event_type else new)
        syntactic = [(doc, m) for doc in docs for m in doc.mentions
                     if m.sub_event_type in (GRT, NSAOT, ATTACK, CLASH, SHELLING) + NON_VIOLENT]
        for doc, m in syntactic:
            parsed = doc.parses[m.sentence.start]
            if m.sub_event_type in (GRT, NSAOT):
                retype(m, territory_sub_type(m, parsed))
            else:
                retype(m, by_target(m, parsed))

    def run(doc: Doc) -> None:
        run_batch([doc])

    run.batch = run_batch
    return run
