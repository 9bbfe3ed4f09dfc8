"""One sense per story: a name the article has read as a gazetteer place is
that place wherever else it stands. Repeated mentions are what local news
is made of ("Esperance residents first noticed ...", "Esperance recorded
457mm"), and NER or the cues miss many of them once the first is read."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Toponym
from .recognize import PERSON_AFTER, opens_sentence

MIN_LENGTH = 4   # shorter names ("Ga", "Lu") are too often something else


def named_again(text: str, found: list[Toponym], entities) -> list[Toponym]:
    """The other mentions of the places in `found` that no toponym covers,
    except inside a person's name (NER's PERSON), before "who", or after
    another capitalised word ("George Washington", "SOS Children's Village
    Malakal": another name's). Listed as in-name toponyms, never as where
    something happened: the story placed its events already."""
    by_first: dict[str, list[Toponym]] = {}   # first word -> the places read under names opening with it
    for t in found:
        if t.in_name or t.contained or t.place is None or t.place.geonameid is None or len(t.text) < MIN_LENGTH \
                or not t.text[:1].isupper():
            continue
        group = by_first.setdefault(t.text.split()[0], [])
        if all(o.text != t.text for o in group):
            group.append(t)
    if not by_first:
        return []
    # characters a toponym or a person's name already covers (a mask, so the test costs a name's length)
    covered = bytearray(len(text))
    for s, e in [(t.start, t.end) for t in found] + [(s, e) for s, e, lab in entities if lab == "PERSON"]:
        covered[s:e] = b"\1" * max(0, min(e, len(text)) - s)
    out = []
    # one pass over the capitalised words (a long article costs its length, not its length times its places)
    for w in _CAPITALISED.finditer(text):
        for t in sorted(by_first.get(_POSSESSIVE.sub("", w.group()), ()), key=lambda t: -len(t.text)):
            s, e = w.start(), w.start() + len(t.text)
            if not text.startswith(t.text, s) or (e < len(text) and (text[e].isalnum() or text[e] in "-\u2010_")):
                continue
            if any(covered[s:e]) or PERSON_AFTER.match(text, e):
                break
            before = re.search(r"([A-Za-z][\w'\u2019.-]*)[ \t]+$", text[max(0, s - 40):s])
            if before and before.group(1)[:1].isupper() and not opens_sentence(text, s - len(before.group(0))):
                break
            covered[s:e] = b"\1" * (e - s)
            out.append(replace(t, start=s, end=e, in_name=True, cue=None, prev=""))
            break
    return out


# a word as a name's first word is matched: not after a letter, apostrophe, dot or hyphen
_CAPITALISED = re.compile(r"(?<![\w'\u2019.-])[A-Z][\w'\u2019\u2010-]*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")   # "Esperance's" opens with Esperance
