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
    taken = [(t.start, t.end) for t in found]
    people = [(s, e) for s, e, lab in entities if lab == "PERSON"]
    seen, out = set(), []
    for t in found:
        if t.in_name or t.contained or t.place is None or t.place.geonameid is None or len(t.text) < MIN_LENGTH \
                or t.text in seen or not t.text[:1].isupper():
            continue
        seen.add(t.text)
        for m in re.finditer(rf"(?<![\w'\u2019.-]){re.escape(t.text)}(?![\w\u2010-])", text):
            s, e = m.start(), m.end()
            if any(a < e and s < b for a, b in taken + people) or PERSON_AFTER.match(text, e):
                continue
            before = re.search(r"([A-Za-z][\w'\u2019.-]*)[ \t]+$", text[max(0, s - 40):s])
            if before and before.group(1)[:1].isupper() and not opens_sentence(text, s - len(before.group(0))):
                continue
            taken.append((s, e))
            out.append(replace(t, start=s, end=e, in_name=True, cue=None, prev=""))
    return out
