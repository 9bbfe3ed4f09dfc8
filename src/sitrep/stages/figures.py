"""Casualty, detention and displacement figures of each event, following
ACLED's rules (see data/figures.yaml for the cues):

- a count is a figure only when it counts people and they are the patient of
  a verb of a kind ("killing 56 people", "1,500 civilians departed", "three
  were wounded") or are named by a kind's noun ("3 fatalities", "left 5 dead");
  "two vehicle bombs", "300 people for evening prayers", the attackers ("by six
  gunmen") and parts of a total ("three of the dead") are not;
- a figure under a future, planned or negated verb is no figure ("up to 15,000
  ... will leave");
- each figure keeps its source (who says so), so the event can code the lowest
  reliable figure across sources while keeping every one of them.

Sentences read: the event's own, then the sentences after its last one in the
same paragraph up to the next one that reports an event ("The victim died in hospital.").
"""
from __future__ import annotations

from ..attribution import source_of, speaker
from ..lexicon import load_figure_cues
from ..model import Doc, Event, Figure, Sentence
from ..nlp import parse_many
from ..numbers import Count, find_counts
from ..registry import stage
from ..syntax import VERBAL, chain, span_root
from .locate import site_key, sites
from .modality import modality_reason

_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "ADJ"}
_PATIENT = ("nsubjpass", "dobj", "attr", "oprd", "nsubj")
# Verbs whose subject undergoes them ("200 people fled"); for the others an
# active subject is the perpetrator ("gunmen killed").
_INTRANSITIVE = {"die", "perish", "flee", "depart", "leave", "evacuate", "relocate"}


def event_sentences(doc: Doc, event: Event, paragraphs: int = 0) -> list[Sentence]:
    """The event's own sentences, then those after its last one up to the next
    sentence that reports an event: in the same paragraph (paragraphs=0), or
    up to that many paragraphs further in the same section (claims about an
    event often follow in the next paragraph)."""
    own = sorted({m.sentence.start: m.sentence for m in event.mentions}.values(), key=lambda s: s.start)
    if not own:
        return []
    mentioned = {m.sentence.start for m in doc.mentions if not m.rejected}
    last = own[-1]
    here = (round(event.place.latitude, 3), round(event.place.longitude, 3)) \
        if event.place is not None and event.place.latitude is not None else None
    body = [x for x in own if not x.is_heading]
    first = body[0] if body else last
    mine = {x.start for x in own}
    between, follow = [], []
    for s in doc.sentences:
        if s.start in mine:
            continue
        if first.start < s.start < last.start:
            # told between its own sentences, in its section: part of its story
            if s.section == last.section and s.start not in mentioned and _here(doc, s, here):
                between.append(s)
            continue
        if s.start <= last.start:
            continue
        if s.section != last.section or s.paragraph > last.paragraph + paragraphs or s.start in mentioned:
            break
        if _here(doc, s, here):
            follow.append(s)
    return own + between + follow


def _here(doc: Doc, s: Sentence, here) -> bool:
    """False for a sentence told at another site ("In Darat Izza, a woman was
    wounded" is not the Sarmin event's toll)."""
    told_at = {site_key(t) for t in sites(doc, s)}
    return here is None or not told_at or here in told_at


def _is_people(noun) -> bool:
    cues = load_figure_cues()
    lemma = noun.lemma_.lower()
    if lemma in cues.people or lemma in cues.nouns or noun.lower_ in cues.people:
        return True
    if noun.pos_ == "PROPN":
        return True  # "15 Taliban", "30 Houthis"
    return any(lemma.endswith(p) for p in ("man", "men", "ist", "ian")) and len(lemma) > 4


def _resultative(verb) -> bool:
    """"shot dead", "beaten to death", "found dead", "left dead"."""
    for c in verb.children:
        if c.lower_ == "dead" or (c.dep_ == "prep" and c.lower_ == "to"
                                  and any(g.lower_ == "death" for g in c.children)):
            return True
    return False


def _kind_of_verb(verb, dep: str) -> str | None:
    cues = load_figure_cues()
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if lemma in cues.resultatives and _resultative(verb):
        return "fatalities"
    kind = cues.verbs.get(f"{lemma} {particle}") if particle else None
    kind = kind or cues.verbs.get(lemma)
    if kind is None:
        return None
    if dep == "nsubj" and lemma not in _INTRANSITIVE and any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        # The subject of "killed a man" is who killed, even where the tagger
        # reads "killed" as a participle ("The shelling killed 11 civilians");
        # a headline passive ("four people killed") has no object.
        return None
    return kind


def _verb_kinds(verb, dep: str) -> list[str]:
    """Kinds of a verb and of the verbs coordinated with it that share its
    subject or object ("was shot and died", "killing and injuring dozens")."""
    kinds = []
    for v in [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ in VERBAL
                       and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children)]:
        kind = _kind_of_verb(v, dep)
        if kind and kind not in kinds and modality_reason(v) is None:
            kinds.append(kind)
    if verb.dep_ == "conj" and verb.head.pos_ in VERBAL and dep == "dobj" \
            and not any(c.dep_ == "dobj" for c in verb.head.children):
        kind = _kind_of_verb(verb.head, dep)  # "killing and injuring dozens": both share the object
        if kind and kind not in kinds and modality_reason(verb.head) is None:
            kinds.insert(0, kind)
    return kinds


def _figure_kinds(noun) -> list[str]:
    """The kinds of figure a counted noun (or bare count) is, from its own
    meaning ("fatalities"), the verb it undergoes, or its reduced relative
    ("20 elements killed")."""
    cues = load_figure_cues()
    if noun.lemma_.lower() in cues.nouns and noun.pos_ != "NUM" and noun.dep_ != "compound":
        return [cues.nouns[noun.lemma_.lower()]]
    reduced = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    for verb in reduced:
        kinds = _verb_kinds(verb, "nsubjpass")
        if kinds:
            return kinds
    t = noun
    while t.dep_ in ("conj", "appos") and t.head.pos_ in _NOMINAL:
        t = t.head  # "three civilians and two soldiers were killed"
    head = t.head
    if t.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ in cues.partitive or head.dep_ == "agent" or head.lower_ == "by":
            return []
        return _stated_total(head)
    if t.dep_ in _PATIENT and head.pos_ in VERBAL | {"ADJ"}:
        return _verb_kinds(head, t.dep_)
    return []


def _stated_total(prep) -> list[str]:
    """"the death toll rose to 12", "fatalities coded as 10", "casualties put at 5"."""
    cues = load_figure_cues()
    if prep.lower_ not in ("to", "at", "as"):
        return []
    verb = prep.head
    # "the toll rose to 12", "staff put the toll at 40"
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") or
                 (c.dep_ == "dobj" and c.lemma_.lower() == "toll")), None)
    if subj is not None and subj.dep_ == "nsubj" and any(c.dep_ == "dobj" and c.lemma_.lower() == "toll"
                                                          for c in verb.children):
        subj = next(c for c in verb.children if c.dep_ == "dobj")
    if subj is None:
        return []
    lemma = subj.lemma_.lower()
    if lemma == "toll":
        injury = any(c.lower_ in ("injury", "casualty") for c in subj.children)
        return [] if injury else ["fatalities"]
    return [cues.nouns[lemma]] if lemma in cues.nouns else []


def _counted_noun(count: Count, parsed):
    """(the token whose place in the clause says what happened to the counted,
    the token that says who they are): "56 people" -> people, people; "dozens
    of fighters" -> dozens, fighters; "56 were killed" -> 56, 56."""
    tok = span_root(parsed, count.start, count.end)
    if tok is None:
        return None, None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if count.qualifier == "vague" and of is not None:
        return tok, next((c for c in of.children if c.dep_ == "pobj"), tok)
    if of is not None:
        whole = next((c for c in of.children if c.dep_ == "pobj"), None)
        if whole is None or whole.pos_ != "PRON":
            return None, None  # "three of the dead", "15,000 of the estimated 50,000"
        return tok, tok  # "killed 1 of them"
    if tok.dep_ in ("nummod", "quantmod", "amod", "det", "compound") and tok.head.pos_ in _NOMINAL:
        return tok.head, tok.head
    return tok, tok


# A figure under these tells what an event was about or came after, not its
# toll: "protest against the death of a man", "attacked police after two
# children were killed".
_TOPIC_PREPS = {"against", "over", "into", "about", "for", "following", "after"}
_EARLIER_MARKS = {"after", "following", "since", "because", "before"}


def _aside(token) -> bool:
    for t in chain(token)[1:]:
        if t.dep_ == "prep" and t.lower_ in _TOPIC_PREPS and t.head.pos_ != "NUM":
            return True
        if t.dep_ in ("advcl", "pcomp", "ccomp") and any(c.dep_ in ("mark", "advmod") and c.lower_ in _EARLIER_MARKS
                                                      for c in t.children):
            return True
    return False


def _source(token) -> str | None:
    """Who gives a figure: the subject of the verb that states a toll
    ("hospital staff put the toll at 40"), else whoever the sentence is
    attributed to."""
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head
        if verb.pos_ in VERBAL and any(c.lemma_.lower() == "toll" for c in verb.children):
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() != "toll"), None)
            if subj is not None:
                return speaker(verb)
    return source_of(token)


def _in_parentheses(text: str, start: int) -> bool:
    """A count in brackets is a breakdown or an aside of the one before it."""
    return text.rfind("(", 0, start) > text.rfind(")", 0, start)


def _sum_per_source(figures: list[Figure]) -> list[Figure]:
    """One sentence's distinct counts of a kind add up ("a councillor and his
    wife were shot dead" is 2; "4 people as well as 2 policemen" is 6)."""
    out: dict[tuple, Figure] = {}
    for f in figures:
        key = (f.kind, f.source)
        if key in out:
            prev = out[key]
            out[key] = Figure(f.kind, prev.value + f.value, f"{prev.text} + {f.text}", f.source)
        else:
            out[key] = f
    return list(out.values())


def figures_in(parsed, sentence: Sentence) -> list[Figure]:
    cues = load_figure_cues()
    out, used = [], set()
    counts = find_counts(sentence.text)  # offsets within the sentence, as the parse
    for count in counts:
        noun, who = _counted_noun(count, parsed)
        span = parsed.char_span(count.start, count.end, alignment_mode="expand")
        used.update(t.i for t in span or ())
        if noun is None or _in_parentheses(sentence.text, count.start) or _aside(noun):
            continue
        if noun.head.lower_ in ("including", "among") or noun.head.head.lower_ in ("including", "among"):
            continue  # part of a total already counted
        kinds = _figure_kinds(noun)
        if kinds and (who.pos_ == "NUM" or _is_people(who) or kinds[0] in ("fatalities", "injured")):
            used.add(noun.i)
            out.extend(Figure(kind, count.value, count.text, _source(noun)) for kind in kinds)
    for tok in parsed:  # "a man was shot dead", "the victim died", "killing him"
        if tok.i in used or any(c.dep_ == "nummod" for c in tok.children):
            continue
        low, lemma = tok.lower_, tok.lemma_.lower()
        det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "predet")), None)
        if low in cues.singular_pronouns and tok.dep_ in ("dobj", "nsubjpass"):
            value = 1
        elif tok.tag_ == "NN" and (det in ("a", "an", "the", "one", "another")
                                   or any(c.dep_ == "poss" for c in tok.children)):
            value = 1  # "a man was shot dead", "the victim died", "his body was found"
        elif lemma in cues.singular and det == "both":
            value = 2
        else:
            continue
        if _aside(tok) or _in_parentheses(sentence.text, tok.idx):
            continue
        kinds = [] if lemma in cues.nouns else _figure_kinds(tok)
        # Anyone killed or wounded counts ("killed a revenue collector"); a
        # displaced or detained one must be named as a person ("left the area").
        kinds = [k for k in kinds if k in ("fatalities", "injured") or lemma in cues.singular]
        if lemma == "death" and tok.dep_ != "compound" \
                and (any(c.dep_ == "poss" for c in tok.children) or any(c.lower_ == "of" for c in tok.children)):
            kinds = ["fatalities"]  # "resulting in his death", "the death of the local"
        if lemma in ("body", "corpse") and tok.head.lemma_.lower() in ("find", "discover", "recover", "dump", "retrieve"):
            kinds = ["fatalities"]  # "a man's body was found"
        out.extend(Figure(kind, value, tok.text, source_of(tok)) for kind in kinds[:1])
    for kind, rx in cues.zero.items():
        m = rx.search(sentence.text)
        if m and not any(f.kind == kind for f in out):
            out.append(Figure(kind, 0, m.group(0), None))
    return _sum_per_source(out)


@stage("figures")
def make_figures():
    def run_batch(docs: list[Doc]) -> None:
        may_hold = load_figure_cues().may_hold
        plans = [(doc, ev, [s for s in event_sentences(doc, ev) if may_hold(s.text)])
                 for doc in docs for ev in doc.events]
        parse_many([(doc, s) for doc, _, sents in plans for s in sents])
        for doc, ev, sents in plans:
            for s in sents:
                ev.figures.extend(figures_in(doc.parses[s.start], s))

    def run(doc: Doc) -> None:
        run_batch([doc])

    run.batch = run_batch
    return run
