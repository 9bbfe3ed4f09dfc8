import pytest

from sitrep.classify.corpus import NONE_LABEL, build_corpus, load_templates
from sitrep.lexicon import pattern_regex, load_modality, load_triggers
from sitrep.ontology import load_ontology


def test_ontology_has_acled_25_sub_types_in_6_types():
    ont = load_ontology()
    assert len(ont.sub_types) == 25
    assert len({s.event_type for s in ont.sub_types}) == 6
    assert ont.by_case_label("SUIC_BOMB").name == "Suicide bomb"
    assert ont.by_case_label("DIPLO") is None
    with pytest.raises(KeyError):
        ont.by_name("Picnic")


def test_battles_and_protests_merge_within_type():
    ont = load_ontology()
    assert ont.same_event_family("Armed clash", "Non-state actor overtakes territory")
    assert not ont.same_event_family("Air/drone strike", "Suicide bomb")
    assert ont.precedence("Non-state actor overtakes territory") > ont.precedence("Armed clash")
    assert ont.same_event_family("Peaceful protest", "Violent demonstration")
    assert ont.precedence("Violent demonstration") > ont.precedence("Protest with intervention")


def test_trigger_patterns():
    assert load_triggers().has_cue("Warplanes bombed the town")
    assert not load_triggers().has_cue("The minister visited the museum")
    import re
    assert re.fullmatch(pattern_regex("shell*"), "shelling")
    assert re.fullmatch(pattern_regex("killed * militants"), "killed 12 militants")


def test_every_sub_type_has_cues_and_templates():
    names = set(load_ontology().names)
    assert set(load_triggers().cues) == names
    assert set(load_templates()) == names | {NONE_LABEL}
    assert "will" in load_modality().future_aux


def test_corpus_is_deterministic_and_covers_all_labels():
    a, b = build_corpus(), build_corpus()
    assert a == b
    assert len(a) > 3000
    assert {label for _, label in a} == set(load_ontology().names) | {NONE_LABEL}
    assert all("{" not in text for text, _ in a)


def test_model_cache_is_built_once_and_stale_models_pruned(tmp_path, monkeypatch):
    from sitrep.classify import model as m
    monkeypatch.setenv("SITREP_HOME", str(tmp_path))
    stale = tmp_path / "models" / "subtype-0000000000000000.pkl"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    m.load_classifier.cache_clear()
    try:
        clf = m.load_classifier()
        files = sorted(p.name for p in (tmp_path / "models").iterdir())
        assert files == [f"subtype-{m.training_fingerprint()}.pkl"]
        assert clf.predict(["Warplanes bombed the market, killing nine."])[0].label == "Air/drone strike"
    finally:
        m.load_classifier.cache_clear()


def test_data_files_read_on_no_and_yes_as_words_not_booleans():
    # PyYAML follows YAML 1.1, where a bare on/off/yes/no is a boolean: the
    # locative "on" and the negation "no" were silently True and False
    from importlib import resources

    from sitrep.ontology import load_yaml, read_yaml
    assert load_yaml("w: [on, off, yes, no, NO, y, n, true, false]")["w"] == \
        ["on", "off", "yes", "no", "NO", "y", "n", True, False]

    def booleans(x):
        if isinstance(x, bool):
            yield x
        elif isinstance(x, dict):
            for k, v in x.items():
                yield from booleans(k)
                yield from booleans(v)
        elif isinstance(x, list):
            for v in x:
                yield from booleans(v)
    folder = resources.files("sitrep").joinpath("data")
    files = [p.name for p in folder.iterdir() if p.name.endswith(".yaml")]
    assert "geo.yaml" in files
    for name in files:
        assert not list(booleans(read_yaml(name))), name
    assert "no" in load_modality().negation
