"""Splits an article into sentences, paragraphs and heading-delimited sections.

Rule-based on purpose: a regex splitter is ~100x faster than a parse, and only
the few sentences that carry event cues are parsed later. Headings matter to
assembly: a digest like the seed tells several stories, each under a heading,
and an undated sentence belongs to the story of its own section.
"""
from __future__ import annotations

import re

from ..lexicon import load_modality
from ..model import Doc, Sentence
from ..registry import stage

_PARA = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"\n")
# End of sentence: . ! ? (optionally closed by a quote or bracket), then space and
# an upper-case letter, digit or opening quote.
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# Semicolons join independent clauses, often two separate events: split there too.
_SEMICOLON = re.compile(r"(?<=;)\s+(?=\S)")
# Sentences glued without a space, common in scraped text: "high….For years".
_GLUED = re.compile(r"(?<=[a-z…\"”’][.!?…])(?=[A-Z][a-z])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Gov|Sen|Rep|Prof|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx)"
                     r"|\b[A-Z](?:\.[A-Z])*)\.$")
_TERMINAL = ".!?\"”’:;)"


def is_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 14 and line.rstrip()[-1] not in _TERMINAL


def is_navigation(line: str) -> bool:
    low = line.lower().lstrip()
    return low.startswith(load_modality().navigation_prefixes)


def split_sentences(text: str, offset: int) -> list[tuple[int, int]]:
    spans, start = [], 0
    gaps = sorted([m.span() for rx in (_SENT_END, _GLUED, _SEMICOLON) for m in rx.finditer(text)])
    for gap_start, gap_end in gaps:
        if gap_start <= start or _ABBREV.search(text[start:gap_start]):
            continue  # "Gen. Smith", "U.S. forces": not a sentence end
        spans.append((offset + start, offset + gap_start))
        start = gap_end
    if text[start:].strip():
        spans.append((offset + start, offset + len(text.rstrip())))
    return spans


def _opens_story(lines: list[str], i: int) -> bool:
    """A heading opens a new story only if prose follows it; a caption line
    ("JOBAR VBIED 19-03-17") followed by another caption does not."""
    for nxt in lines[i + 1:]:
        if nxt.strip():
            return nxt.rstrip()[-1] in ".!?\"”’"
    return False


def segment(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    section = 0
    para_start = 0
    paragraphs = []
    for m in _PARA.finditer(text):
        paragraphs.append((para_start, m.start()))
        para_start = m.end()
    paragraphs.append((para_start, len(text)))
    all_lines = text.split("\n")
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        line_start = p_start
        line_no = text.count("\n", 0, p_start)
        for k, line in enumerate(text[p_start:p_end].split("\n")):
            l_start = line_start + (len(line) - len(line.lstrip()))
            line_start += len(line) + 1
            stripped = line.strip()
            if not stripped or is_navigation(stripped):
                continue
            if is_heading(stripped):
                # The article's first line is its title and opens section 0.
                if sentences and _opens_story(all_lines, line_no + k):
                    section += 1
                sentences.append(Sentence(l_start, l_start + len(stripped), stripped,
                                          section, p_index, is_heading=True))
                continue
            for s, e in split_sentences(stripped, l_start):
                sentences.append(Sentence(s, e, text[s:e], section, p_index))
    return sentences


@stage("segment")
def make_segment():
    def run(doc: Doc) -> None:
        doc.sentences = segment(doc.article.text)
    return run
