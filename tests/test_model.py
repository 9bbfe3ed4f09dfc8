from sitrep.model import Event, Figure, interaction_code


def test_interaction_codes_like_acled():
    assert interaction_code(1, 3) == 13
    assert interaction_code(3, 1) == 13
    assert interaction_code(6, None) == 60
    assert interaction_code(None, None) is None


def test_lowest_reliable_figure_wins_across_sources():
    e = Event("x:1", ["x"], "Battles", "Armed clash",
              figures=[Figure("fatalities", 12, "dozens", "police"), Figure("fatalities", 9, "nine", "medics")])
    assert e.to_record()["fatalities"] == 9
    assert e.to_record()["injured"] is None
    assert [f["source"] for f in e.to_record()["figures"]] == ["police", "medics"]


def test_one_source_restating_a_toll_counts_its_largest_figure():
    # "at least 20 were killed ... the toll rose to 25", both in the article's own voice
    e = Event("x:1", ["x"], "Battles", "Armed clash",
              figures=[Figure("fatalities", 20, "at least 20"), Figure("fatalities", 25, "25")])
    assert e.to_record()["fatalities"] == 25


def test_no_reported_deaths_is_zero_as_acled_codes_it():
    assert Event("x:1", ["x"], "Protests", "Peaceful protest").to_record()["fatalities"] == 0
