from sitrep.model import Event, Figure, interaction_code


def test_interaction_codes_like_acled():
    assert interaction_code(1, 3) == 13
    assert interaction_code(3, 1) == 13
    assert interaction_code(6, None) == 60
    assert interaction_code(None, None) is None


def test_lowest_reliable_figure_wins():
    e = Event("x:1", ["x"], "Battles", "Armed clash",
              figures=[Figure("fatalities", 12, "dozens"), Figure("fatalities", 9, "nine")])
    assert e.to_record()["fatalities"] == 9
    assert e.to_record()["injured"] is None
