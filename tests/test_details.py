"""Event details (issue 4): counts, figures, actors, claims, notes, on texts we
wrote, the seed digest and our own gold file."""
import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.actors import ActorBook, actor_key, load_actors
from sitrep.evaluate.gold import evaluate_gold
from sitrep.model import Article
from sitrep.numbers import find_counts
from sitrep.nlp import load_nlp
from sitrep.ontology import load_ontology
from sitrep.stages.claims import claims_in

GOLD = Path(__file__).resolve().parent.parent / "gold" / "events_gold.jsonl"


def run(pipeline, text, published=date(2024, 5, 12)):
    return [e.to_record() for e in pipeline.run(Article("t", text, published)).events]


@pytest.mark.parametrize("text,value,qualifier", [
    ("1,500 people", 1500, "exact"),
    ("about 1,500 people", 1500, "about"),
    ("at least 56 people", 56, "min"),
    ("more than a dozen civilians", 12, "vague"),
    ("two soldiers", 2, "exact"),
    ("twenty-three soldiers", 23, "exact"),
    ("dozens of fighters", 12, "vague"),
    ("tens of thousands of people", 10000, "vague"),
    ("1.2 million people", 1_200_000, "exact"),
])
def test_counts_as_news_writes_them(text, value, qualifier):
    (c,) = find_counts(text)
    assert (c.value, c.qualifier) == (value, qualifier)


@pytest.mark.parametrize("text", ["a 4-year-old girl", "aged 4", "in 2017", "on March 18", "19-03-17",
                                  "about 250 meters", "at 10 a.m.", "over the next six weeks"])
def test_ages_dates_and_measures_are_not_counts(text):
    assert find_counts(text) == []


@pytest.mark.parametrize("text,kind,value", [
    ("Gunmen killed 12 villagers in Borno on Saturday.", "fatalities", 12),
    ("A car bomb exploded in Mogadishu on Monday, killing at least 20 people and wounding dozens.", "injured", 12),
    ("A roadside bomb killed a soldier near Kandahar on Monday.", "fatalities", 1),
    ("Police arrested 40 protesters in Harare on Friday.", "detained", 40),
    ("Shelling hit the town of Sarmin on Sunday. Two civilians were killed and four were wounded.", "fatalities", 2),
    ("Fighting between the army and rebels in Mainok on Friday killed seven soldiers. Hundreds of residents fled "
     "to Maiduguri.", "displaced", 100),
])
def test_figures(pipeline, text, kind, value):
    (e,) = run(pipeline, text)
    assert e[kind] == value


def test_casualties_without_deaths_and_zero_statements(pipeline):
    (e,) = run(pipeline, "Regime forces shelled the town of Ftireh on Saturday. Neither injuries nor fatalities were reported.")
    assert e["fatalities"] == 0 and e["injured"] == 0


def test_lowest_reliable_figure_across_sources_and_contested(pipeline):
    (e,) = run(pipeline, "Gunmen attacked a church in Owo on Sunday. Police said 22 people were killed. "
                         "Hospital staff said 40 people had died.")
    assert e["fatalities"] == 22
    assert {f["source"] for f in e["figures"]} == {"Police", "Hospital staff"}
    assert e["contested"] is True


def test_seed_figures_and_traps(pipeline, seed_record):
    art = Article(seed_record["id"], seed_record["text"], date.fromisoformat(seed_record["published"]))
    events = [e.to_record() for e in pipeline.run(art).events]
    removal, strike = events[0], next(e for e in events if e["fatalities"] == 56)
    assert removal["displaced"] == 1500            # not 15,000 (planned) nor 50,000 (population)
    assert removal["origin"]["name"].startswith("al-Wa") and removal["destination"]["name"] == "Jarablus"
    assert strike["sub_event_type"] == "Air/drone strike"
    # "two vehicle bombs" and "about 300 people for evening prayers" are no figures
    assert all(f["value"] not in (2, 300) for e in events for f in e["figures"])
    assert {c["source"] for c in strike["claims"]} >= {"The Pentagon", "residents"} and strike["contested"]
    assert strike["actor1"] == "Military Forces of the United States" and strike["interaction"] == 78
    jobar = [e for e in events if e["location"] == "Jobar"]
    assert jobar[0]["actor1"] == "Faylaq al-Rahman" and "Hay'at Tahrir al-Sham" in jobar[0]["assoc_actor_1"]
    # the regime's airstrikes answer the rebels: the target is the attacker of the event before
    reply = next(e for e in jobar if e["actor1"] == "Military Forces of Syria")
    assert reply["actor2"] == "Faylaq al-Rahman"
    # notes are generated, never a sentence copied from the article
    assert all(e["notes"] not in seed_record["text"] for e in events)


@pytest.mark.parametrize("phrase,name", [
    ("The Assad regime shelled the town", "Military Forces of Syria"),
    ("pro-Assad forces shelled the town", "Military Forces of Syria"),
    ("regime warplanes bombed the town", "Military Forces of Syria"),
    ("US manned and unmanned warplanes bombed the town", "Military Forces of the United States"),
    ("Hayat Tahrir al Sham fighters attacked", "Hay'at Tahrir al-Sham"),
    ("Nigerian troops repelled an attack", "Military Forces of Nigeria"),
    ("suspected Fulani militias attacked", "Fulani Ethnic Militia (Nigeria)"),
    ("unidentified gunmen attacked", "Unidentified Armed Group (Syria)"),
])
def test_actor_normalisation(phrase, name):
    found = load_actors().find(phrase)
    assert found and found[0].actor("SY").name == name


def test_foreign_state_forces_are_external_and_generic_actors_take_the_event_country(pipeline):
    (e,) = run(pipeline, "Russian warplanes bombed the town of Ariha in Idlib province on Saturday, killing 9 civilians.")
    assert e["actor1"] == "Military Forces of Russia" and e["inter1"] == 8
    assert e["actor2"] == "Civilians (Syria)" and e["inter2"] == 7 and e["interaction"] == 78


@pytest.mark.parametrize("text,actor1", [
    ("A bomb exploded at a police checkpoint in Mogadishu on Saturday, killing nine people. "
     "Al-Shabaab claimed responsibility for the attack.", "Al Shabaab"),
    ("Shelling killed 11 civilians in Nyala on Saturday, doctors said. "
     "The RSF denied targeting civilians and said it had struck army positions.", "Rapid Support Forces"),
])
def test_who_claims_it_or_denies_doing_it_is_the_doer(pipeline, text, actor1):
    e = run(pipeline, text)[0]
    assert e["actor1"] == actor1


def test_protests_are_by_protesters_and_police_intervene(pipeline):
    (e,) = run(pipeline, "Police fired tear gas at protesters in Basra, southern Iraq, on Sunday.")
    assert e["actor1"] == "Protesters (Iraq)" and e["actor2"] == "Police Forces of Iraq" and e["interaction"] == 16


def test_actor_dictionary_schema_is_checked():
    raw = {"version": 1, "generic": [], "actors": [{"name": "X", "inter": 9, "aliases": []}]}
    with pytest.raises(ValueError, match="inter 9"):
        ActorBook(raw, {}, {})


def test_actor_key_matches_acled_names():
    assert actor_key("Military Forces of Ukraine (2019-)") == actor_key("Military Forces of Ukraine")
    assert actor_key("Syrian opposition rebels") == actor_key("Opposition Rebels (Syria)")
    assert actor_key("Civilians") == actor_key("Civilians (Syria)")


@pytest.mark.parametrize("text,source", [
    ("The Pentagon claimed on Friday that its warplanes struck an al-Qaeda meeting in al-Jina on Thursday.",
     "The Pentagon"),
    ("Two people were killed in shelling of Sarmin on Sunday, according to the Syrian Observatory.",
     "the Syrian Observatory"),
])
def test_claims_are_attributed(pipeline, text, source):
    (e,) = run(pipeline, text)
    assert source in [c["source"] for c in e["claims"]]


@pytest.mark.parametrize("text,source,claim", [
    ("However, residents confirmed that the building was a dining hall.", "residents", "the building was a dining hall"),
    ("A pro-Assad activist acknowledges that rebels took the station.", "A pro-Assad activist", "rebels took the station"),
    ("It was reported that the town fell.", None, None),   # impersonal: nobody to attribute
])
def test_claim_sources_and_texts(text, source, claim):
    got = claims_in(load_nlp()(text))
    assert [(c.source, c.text) for c in got] == ([(source, claim)] if source else [])


def test_our_gold_file_is_well_formed_and_its_traps_hold(pipeline):
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 40
    assert len({e["country"] for r in records for e in r["events"]}) >= 8
    names = set(load_ontology().names)
    for r in records:
        for e in r["events"] + r.get("optional", []):
            assert e["sub_event_type"] in names and e["date"] and e["location"] and e["country"]
    by_id = {r["id"]: r for r in records}
    plans = by_id["sg-30-trap-plans"]
    assert run(pipeline, plans["text"], date.fromisoformat(plans["published"])) == []   # plans, threats, warnings
    denial = by_id["sg-29-trap-denial"]
    got = run(pipeline, denial["text"], date.fromisoformat(denial["published"]))
    assert not any(e["sub_event_type"] == "Air/drone strike" for e in got)  # the denied bombing


def test_gold_benchmark_scores_our_gold_file():
    result = evaluate_gold(GOLD)
    assert result["articles"] >= 40 and result["gold_events"] >= 40
    assert 0.0 < result["f1"] <= 1.0 and "claims" in result["field_accuracy"]


def test_one_event_per_location(pipeline):
    # ACLED's unit: two towns shelled on one day are two events, each with its own toll
    text = ("Government forces shelled the towns of Sarmin and Darat Izza in northwest Syria on Thursday.\n\n"
            "In Sarmin, in Idlib province, two civilians were killed. In Darat Izza, in the western Aleppo "
            "countryside, a woman was wounded.")
    got = {e["location"]: e for e in run(pipeline, text, date(2023, 10, 7))}
    assert {"Sarmin", "Darat Izza"} <= set(got)
    assert got["Sarmin"]["fatalities"] == 2 and got["Sarmin"]["admin1"] == "Idlib"
    assert got["Darat Izza"]["fatalities"] == 0 and got["Darat Izza"]["admin1"] == "Aleppo"
    assert got["Sarmin"]["event_date"] == got["Darat Izza"]["event_date"] == "2023-10-05"


def test_protests_in_two_cities_are_not_merged(pipeline):
    text = ("Police fired tear gas at protesters in Nairobi on Tuesday. "
            "Police also dispersed protesters in Mombasa with tear gas.")
    places = sorted(e["location"] for e in run(pipeline, text, date(2024, 6, 26)))
    assert places == ["Mombasa", "Nairobi"]


def test_each_source_keeps_its_own_toll(pipeline):
    (e,) = run(pipeline, "Gunmen attacked a church in Owo on Sunday. A local lawmaker said more than 50 people "
                         "had died, while hospital staff put the toll at 40.")
    by_source = {f["source"]: f["value"] for f in e["figures"] if f["kind"] == "fatalities"}
    assert by_source == {"A local lawmaker": 50, "hospital staff": 40}
    assert e["fatalities"] == 40 and e["contested"]
    assert {"A local lawmaker", "hospital staff"} <= {c["source"] for c in e["claims"]}


def test_a_speaker_named_by_a_city_is_no_location(pipeline):
    # "Moscow said" is Russia speaking: the claim belongs to the strike in Ariha
    text = ("Warplanes struck the market in Ariha in Idlib province on Saturday, killing nine civilians. "
            "Moscow said its aircraft had targeted a weapons depot, but residents said there were no "
            "military positions in the area.")
    (e,) = run(pipeline, text, date(2023, 10, 8))
    assert e["location"] == "Ariha" and {"Moscow", "residents"} <= {c["source"] for c in e["claims"]}
