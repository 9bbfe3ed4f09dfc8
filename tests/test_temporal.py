from datetime import date

from sitrep.temporal import find_dates, is_background

PUB = date(2017, 3, 19)  # a Sunday


def first(text, pub=PUB):
    refs = find_dates(text, pub)
    return (refs[0].value, refs[0].precision) if refs else None


def test_weekday_is_most_recent_past_one():
    assert first("celebrated on Saturday") == (date(2017, 3, 18), 1)
    assert first("bombed on Thursday, killing 56") == (date(2017, 3, 16), 1)
    assert first("he said Sunday") == (date(2017, 3, 19), 1)
    assert first("last Sunday") == (date(2017, 3, 12), 1)


def test_relative_expressions():
    assert first("yesterday") == (date(2017, 3, 18), 1)
    assert first("Last week, the opposition capitulated") == (date(2017, 3, 15), 2)
    assert first("In December, thousands were moved") == (date(2016, 12, 15), 3)
    assert first("earlier this month") == (date(2017, 3, 15), 3)


def test_explicit_formats():
    assert first("JOBAR VBIED 19-03-17") == (date(2017, 3, 19), 1)
    assert first("on March 18") == (date(2017, 3, 18), 1)
    assert first("on 18 March 2017") == (date(2017, 3, 18), 1)
    assert first("May 9, 2020") == (date(2020, 5, 9), 1)


def test_no_publication_date_means_no_relative_date():
    assert first("on Saturday", pub=None) == (None, 1) or find_dates("on Saturday", None) == []
    refs = find_dates("on Saturday and on 18 March 2017", None)
    assert [r.value for r in refs] == [date(2017, 3, 18)]


def test_may_the_verb_is_not_a_month():
    assert find_dates("Fighting may resume", PUB) == []


def test_background_history():
    (ref,) = find_dates("In December", PUB)
    assert is_background(ref, PUB)
    (ref,) = find_dates("Last week", PUB)
    assert not is_background(ref, PUB)
    assert not is_background(ref, None)
