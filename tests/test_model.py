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


def test_toponyms_in_a_stretch_are_those_starting_there():
    """Doc.toponyms_in bisects an index of the toponyms; it finds what a
    scan finds, and a new list of toponyms is indexed anew."""
    from sitrep.model import Article, Doc, Toponym
    doc = Doc(Article("a", "x" * 200))
    doc.toponyms = [Toponym(s, s + 5, "Place") for s in range(0, 200, 7)]
    for a, b in [(0, 10), (3, 50), (49, 50), (190, 200), (120, 120)]:
        assert doc.toponyms_in(a, b) == [t for t in doc.toponyms if a <= t.start < b]
    doc.toponyms = [Toponym(5, 9, "Other")]
    assert [t.text for t in doc.toponyms_in(0, 200)] == ["Other"]
