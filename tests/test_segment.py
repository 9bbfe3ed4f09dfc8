from sitrep.stages.segment import segment

TEXT = ("Title of the story\n\nFirst sentence here. Gen. Smith said U.S. forces left.\n\n"
        "See also: another story\n\nSecond Story Heading\n\nBody of the second story.\n\n"
        "CAPTION LINE 1\n\nVideos of smoke:")


def test_sentences_offsets_and_abbreviations():
    sents = segment(TEXT)
    texts = [s.text for s in sents]
    assert "First sentence here." in texts
    assert "Gen. Smith said U.S. forces left." in texts
    for s in sents:
        assert TEXT[s.start:s.end] == s.text


def test_navigation_lines_are_skipped():
    texts = [s.text for s in segment(TEXT)]
    assert not any(t.startswith("See also") for t in texts)
    assert not any(t.startswith("Videos of") for t in texts)


def test_headings_open_sections_only_before_prose():
    sents = {s.text: s for s in segment(TEXT)}
    assert sents["Title of the story"].is_heading and sents["Title of the story"].section == 0
    assert sents["Second Story Heading"].section == 1
    assert sents["Body of the second story."].section == 1
    # a caption followed by another caption is not a new story
    assert sents["CAPTION LINE 1"].section == 1


def test_glued_sentences_are_split():
    text = "The numbers are high….For years, it has besieged us. The U.S.Army left; the town fell."
    assert [s.text for s in segment(text)] == [
        "The numbers are high….", "For years, it has besieged us.", "The U.S.Army left;", "the town fell."]
