"""The actor dictionary's alternations are grouped by first letter for speed;
grouping must not change a single match (the longest alias still wins)."""
import json
import re
from pathlib import Path

from sitrep.actors import _by_first_letter, alias_regex, load_actors

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    with open(ROOT / "samples" / "articles.jsonl", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def test_grouped_alternation_matches_like_the_plain_one():
    aliases = ["forces", "pro-Assad forces", "Al-Shabaab", "al Shabaab fighters", "army", "Army of Islam",
               "'Asa'ib Ahl al-Haq", "police", "Police Forces", "1920 Revolution Brigades", "RSF", "rebels"]
    alts = sorted({alias_regex(a) for a in aliases}, key=len, reverse=True)
    texts = _texts() + ["Pro-Assad forces and al-Shabaab fighters met the Army of Islam; Asaib Ahl al-Haq "
                        "and the 1920 Revolution Brigades fought police forces and RSF rebels."]
    for flags, ignore_case in ((re.I, True), (0, False)):
        plain = re.compile(r"(?<![\w'-])(?:" + "|".join(alts) + r")(?![\w-])", flags)
        grouped = re.compile(r"(?<![\w'-])" + _by_first_letter(alts, ignore_case) + r"(?![\w-])", flags)
        for t in texts:
            assert [m.span() for m in plain.finditer(t)] == [m.span() for m in grouped.finditer(t)]


def test_actor_book_finds_the_longest_alias():
    found = load_actors().find("Pro-Assad forces shelled the town.")
    assert found and found[0].text.lower() == "pro-assad forces"


def test_a_proper_name_alias_needs_its_capitals():
    """"Border Police" is Israel's force; "an off duty border police officer"
    in an Iraqi province is any country's. An alias the dictionary writes in
    lower case ("opposition rebels") still matches in lower case."""
    book = load_actors()
    named = [f.entry.name for f in book.find("Israeli troops and Border Police raided the camp.")]
    assert "Police Forces of Israel" in named
    common = [f.entry.country for f in book.find("Gunmen attacked the house of an off duty border police officer.")]
    assert "IL" not in common
    assert "Opposition Rebels (Syria)" in [f.entry.name for f in book.find("opposition rebels shelled the town")]
