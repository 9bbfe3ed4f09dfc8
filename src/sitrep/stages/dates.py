"""Date expressions of each mention's sentence, resolved against the publication
date. Which of them dates the event (not a statement about it) is decided by the
modality stage, which has the parse; assembly fills undated mentions from context."""
from __future__ import annotations

from ..model import Doc
from ..registry import stage
from ..temporal import find_dates


@stage("dates")
def make_dates():
    def run(doc: Doc) -> None:
        published = doc.article.published
        for m in doc.mentions:
            m.dates = find_dates(m.sentence.text, published, offset=m.sentence.start)
    return run
