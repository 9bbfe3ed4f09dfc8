"""Turns kept mentions into ACLED events, in salience order.

Coreference is kept simple and explicit:
- an undated mention takes the date of the sentence before it in its paragraph
  (a story told over several sentences), and is history if that date is;
- a sentence whose only cues are casualty or flight words or definite
  references back ("The victim died", "Al Shabaab said it carried out the
  attack") joins the event told last in its section;
- a headline's event takes the first body sentence of its section, whatever
  its type (the body names the sub-type better);
- mentions of the same sub-type merge when they sit in the same section with
  compatible dates ("bombed on Thursday" + "the Pentagon claimed it struck"),
  or carry the same explicit date anywhere in the article;
- an event with no date expression at all gets the publication date, as ACLED
  codes the report date; with no publication date it stays null.
"""
from __future__ import annotations

from ..model import Doc, Event, Evidence, Mention, Sentence
from ..lexicon import load_figure_cues, load_triggers
from ..ontology import load_ontology
from ..registry import stage
from .locate import listed_sites, site_key, sites
from ..temporal import find_dates, is_background


def _context_date(m: Mention, doc: Doc, by_start: dict[int, Mention]):
    """The date of the nearest earlier sentence in the same paragraph, if any."""
    before = [s for s in doc.sentences
              if s.paragraph == m.sentence.paragraph and s.start < m.sentence.start]
    for s in reversed(before):
        prior = by_start.get(s.start)
        if prior is not None:
            if prior.date is not None:
                return prior.date
            continue
        refs = find_dates(s.text, doc.article.published, offset=s.start)
        if refs:
            return refs[0]
    # Else the story's time: the last event told before it in its section
    # ("Demonstrations also took place in Mombasa"), never a historical one.
    earlier = [x for x in doc.mentions if x.sentence.section == m.sentence.section and not x.sentence.is_heading
               and x.sentence.start < m.sentence.start and not x.rejected and x.date is not None
               and x.date.value is not None and not is_background(x.date, doc.article.published)]
    return earlier[-1].date if earlier else None


class _Draft:
    """An event being assembled. `date` is its own date expression (None if the
    text gives none); `published` stands in for it when comparing across sections."""

    def __init__(self, m: Mention, date, inherited: bool, published, sites=(), site=None):
        self.sub_type, self.event_type = m.sub_event_type, m.event_type
        self.site = site                                   # fixed by a split ("in A and B")
        self.sites = {site_key(t) for t in ([site] if site else sites)}
        self.section = m.sentence.section
        self.date, self.explicit = date, (date is not None and not inherited)
        self.mentions = [m]
        self.published = published

    def _effective(self, date):
        return date.value if date is not None else self.published

    def elsewhere(self, sites) -> bool:
        """A mention at other sites than this event's is another event (ACLED's
        unit is one location)."""
        keys = {site_key(t) for t in sites}
        return bool(keys) and bool(self.sites) and not keys & self.sites

    def accepts(self, m: Mention, date, explicit: bool, sites=()) -> bool:
        ontology = load_ontology()
        if self.elsewhere(sites):
            return False
        same_date = date is None or self.date is None or date.value == self.date.value
        if (m.sentence.is_heading or self.headline_only) and m.sentence.section == self.section \
                and m.event_type == self.event_type and same_date:
            return True  # a headline retells its story in fewer words ("car bomb" for a suicide car bomb)
        if self.headline_only and not m.sentence.is_heading and m.sentence.section == self.section and same_date:
            return True  # the first body sentence under a headline tells the headline's story
        if not ontology.same_event_family(m.sub_event_type, self.sub_type):
            return False
        if m.sentence.section == self.section:
            return date is None or self.date is None or date.value == self.date.value
        # Across sections (a digest's separate stories): only on the same day,
        # stated explicitly by at least one side.
        same_day = self._effective(date) is not None and self._effective(date) == self._effective(self.date)
        return m.sub_event_type == self.sub_type and same_day and (explicit or self.explicit)

    @property
    def headline_only(self) -> bool:
        return all(x.sentence.is_heading for x in self.mentions)

    def told_more(self, m: Mention, date, parsed) -> bool:
        """A sentence that only refers back ("the attack", "the victim died",
        "hundreds fled") after this event, in its section, tells more of it;
        one where someone kills someone ("gunmen killed five villagers") tells
        a new attack."""
        last = self.mentions[-1].sentence
        return (load_triggers().refers_back(m.sentence.text) and not m.sentence.is_heading
                and not _someone_kills(parsed)
                and m.sentence.section == last.section
                and (date is None or self.date is None or date.value == self.date.value))

    def add(self, m: Mention, date, explicit: bool, retype: bool = True, sites=()) -> None:
        ontology = load_ontology()
        if self.site is None:
            self.sites |= {site_key(t) for t in sites}
        if not retype:
            pass  # a toll sentence does not say which event it was
        elif self.headline_only and not m.sentence.is_heading:
            if ontology.same_event_family(m.sub_event_type, self.sub_type):
                self.sub_type = m.sub_event_type  # the body tells the sub-type better than the headline
            else:
                self.sub_type = _pooled(self.mentions + [m])  # they disagree on the type: weigh both
        elif not m.sentence.is_heading and ontology.precedence(m.sub_event_type) > ontology.precedence(self.sub_type):
            self.sub_type = m.sub_event_type
        self.event_type = ontology.event_type_of(self.sub_type)
        self.mentions.append(m)
        if self.date is None and date is not None:
            self.date, self.explicit = date, explicit


def _someone_kills(parsed) -> bool:
    """An active casualty verb with a named doer and a victim: "gunmen killed
    five villagers" (not "five were killed", nor "it carried out the attack")."""
    if parsed is None:
        return False
    verbs = load_figure_cues().verbs
    for tok in parsed:
        if tok.pos_ == "VERB" and verbs.get(tok.lemma_.lower()) in ("fatalities", "injured"):
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if subj and subj[0].pos_ != "PRON" and any(c.dep_ == "dobj" for c in tok.children):
                return True
    return False


def _pooled(mentions: list[Mention]) -> str:
    """The sub-type the classifier favours over several sentences together."""
    names = set(load_ontology().names)
    total: dict[str, float] = {}
    for m in mentions:
        weight = 0.5 if m.sentence.is_heading else 1.0   # a headline's few words ("Strike in X") mislead more
        for label, p in m.ranked or [(m.sub_event_type, m.score)]:
            if label in names:
                total[label] = total.get(label, 0.0) + weight * p
    return max(total, key=total.get) if total else mentions[-1].sub_event_type


def _salience(d: _Draft, first_section_start: int, order: int, decay: float) -> tuple:
    """Main event first: the best-supported event (confidence, number of
    mentions, in the lead), discounted by its order of appearance, since news
    tells its main event first (the inverted pyramid)."""
    best = max(m.score for m in d.mentions)
    support = best + 0.15 * (len(d.mentions) - 1)
    in_lead = d.mentions[0].sentence.start <= first_section_start
    return (-(support + (0.3 if in_lead else 0.0) - decay * order), d.mentions[0].sentence.start)


@stage("assemble")
def make_assemble(salience_decay: float = 0.25):
    def run(doc: Doc) -> None:
        art = doc.article
        by_start = {m.sentence.start: m for m in doc.mentions}
        drafts: list[_Draft] = []
        for m in sorted(doc.mentions, key=lambda x: x.sentence.start):
            if m.rejected:
                continue
            date, explicit = m.date, m.date is not None
            if date is None:
                date = _context_date(m, doc, by_start)
                if date is not None and is_background(date, art.published):
                    m.rejected = "history (context)"
                    continue
            here = sites(doc, m.sentence)
            listed = listed_sites(doc, m.sentence)
            teller = next((d for d in reversed(drafts) if d.told_more(m, date, doc.parses.get(m.sentence.start))
                           and not d.elsewhere(here)), None)
            if teller is not None and (teller is drafts[-1] or here):
                teller.add(m, date, explicit, retype=False, sites=here)   # "In Sarmin, two were killed"
                continue
            if listed:   # "shelled Sarmin and Darat Izza": one event at each
                headline = next((d for d in drafts if d.headline_only and d.accepts(m, date, explicit)), None)
                if headline is not None:
                    drafts.remove(headline)   # the headline tells the first of them
                for t in listed:
                    target = next((d for d in drafts if d.site is not None and site_key(d.site) == site_key(t)
                                   and d.accepts(m, date, explicit, [t])), None)
                    if target:
                        target.add(m, date, explicit)
                    else:
                        drafts.append(_Draft(m, date, not explicit, art.published, site=t))
                        if headline is not None:
                            drafts[-1].mentions[:0] = headline.mentions
                            headline = None
                continue
            target = next((d for d in drafts if d.accepts(m, date, explicit, here)), None)
            if target:
                target.add(m, date, explicit, sites=here)
            else:
                drafts.append(_Draft(m, date, not explicit, art.published, sites=here))
        lead_end = _lead_end(doc.sentences)
        drafts = [d for _, d in sorted(enumerate(drafts), key=lambda x: _salience(x[1], lead_end, x[0], salience_decay))]
        doc.events = [_to_event(d, art, i) for i, d in enumerate(drafts, 1)]
    return run


def _lead_end(sentences: list[Sentence]) -> int:
    """End of the lead: the title and the first body paragraph."""
    body = [s for s in sentences if not s.is_heading]
    if not body:
        return 0
    first_para = body[0].paragraph
    return max(s.start for s in body if s.paragraph == first_para)


def _to_event(d: _Draft, art, index: int) -> Event:
    score = 1.0
    for m in d.mentions:
        score *= (1.0 - m.score)
    if d.date is not None and d.date.value is not None:
        event_date, precision = d.date.value, d.date.precision
    elif d.date is None and art.published is not None:
        event_date, precision = art.published, 1
    else:
        event_date, precision = None, None
    # Notes quote the body sentence that best states the event as typed.
    body = [m for m in d.mentions if not m.sentence.is_heading] or d.mentions
    typed = [m for m in body if m.sub_event_type == d.sub_type] or body
    main = max(typed, key=lambda m: m.score)
    return Event(
        event_id=f"{art.id}:{index}", article_ids=[art.id], site=d.site,
        event_type=d.event_type, sub_event_type=d.sub_type,
        event_date=event_date, time_precision=precision,
        evidence=[Evidence(art.id, m.sentence.start, m.sentence.end, m.sentence.text)
                  for m in d.mentions],
        notes=main.sentence.text, confidence=1.0 - score, mentions=d.mentions)
