"""The cheap word checks that spare a parse must never drop a sentence the
parse would have used: every word spaCy lemmatizes to a figure-kind word or
a reporting verb passes them, whatever its inflection."""
import json
from pathlib import Path

import pytest

from sitrep.lexicon import load_figure_cues, load_modality
from sitrep.nlp import load_nlp
from sitrep.pipeline import Pipeline
from sitrep.model import Article

ROOT = Path(__file__).resolve().parents[1]

# Written for this test: irregular and regular inflections of the cue words.
INFLECTED = [
    "He died and they were dying; she dies.", "Thousands fled; others are fleeing and some flee.",
    "The army left the town and the families had left.", "He was slain; they slew him.",
    "Bodies and lives were lost; a body was found.", "The injuries were severe; 40 injured, 3 wounded.",
    "Two were shot dead, one stabbed to death and one beaten to death.", "The death toll rose to 12.",
    "Police arrested, detained and imprisoned dozens of prisoners and detainees.",
    "Refugees, evacuees and IDPs were displaced, evacuated and relocated.",
    "They said it, he says it, she told us, they tell us, it wrote and has written that.",
    "According to witnesses, officials stated, noted, added, denied, claimed and confirmed it.",
    "The group announced, acknowledged, alleged, accused, insisted, admitted, revealed, posted and tweeted.",
    "Rebels executed, beheaded, massacred, assassinated and kidnapped villagers.",
]


def _sentences() -> list[str]:
    out = list(INFLECTED)
    with open(ROOT / "samples" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            out += [s for s in json.loads(line)["text"].replace("\n", " ").split(". ") if s.strip()]
    return out


def test_figure_words_pass_the_figure_check():
    cues = load_figure_cues()
    kind_lemmas = set(cues.verbs) | set(cues.nouns) | {"toll"} | {v.split()[0] for v in cues.verbs}
    checked = 0
    for doc in load_nlp().pipe(_sentences()):
        for tok in doc:
            if tok.lemma_.lower() in kind_lemmas:
                checked += 1
                assert cues.may_hold(tok.text), (tok.text, tok.lemma_)
    assert checked > 40


def test_reporting_words_pass_the_claim_check():
    cues = load_modality()
    checked = 0
    for doc in load_nlp().pipe(_sentences()):
        for tok in doc:
            if tok.lemma_.lower() in cues.reporting_verbs or tok.lower_ == "according":
                checked += 1
                assert cues.may_attribute(tok.text), (tok.text, tok.lemma_)
    assert checked > 20


@pytest.mark.parametrize("text", ["Witnesses described hearing several explosions.",
                                  "Officials gave no further details about the operation."])
def test_sentences_without_cue_words_fail_both_checks(text):
    assert not load_figure_cues().may_hold(text)
    assert not load_modality().may_attribute(text)


def test_zero_statements_pass_without_kind_words():
    assert load_figure_cues().may_hold("No casualties were reported.")


def test_claims_and_figures_unchanged_when_later_sentences_are_skipped():
    text = ("Gunmen attacked a police post in Kano on Monday, killing five officers, police said. "
            "The attackers escaped on motorcycles. Witnesses described hearing several explosions. "
            "According to residents, three civilians were also wounded.")
    ev = Pipeline().run(Article("t", text))
    [e] = ev.events
    kinds = {(f.kind, f.value) for f in e.figures}
    assert ("fatalities", 5) in kinds and ("injured", 3) in kinds
    assert {c.source.lower() for c in e.claims} >= {"police", "residents"}
