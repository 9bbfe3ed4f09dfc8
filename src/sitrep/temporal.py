"""Finds date expressions in a sentence and resolves them against the
publication date, with ACLED time precision (1 day, 2 week, 3 month).

We find the phrases ourselves and resolve them with plain calendar arithmetic:
general date parsers misread whole sentences (see DEPENDENCY-NOTES). Without a
publication date a relative expression resolves to None, never to today.
"""
from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from .model import DateRef

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MON = {m: i + 1 for i, m in enumerate(MONTHS)}
_MON.update({m[:3]: i + 1 for i, m in enumerate(MONTHS)})
_MON["sept"] = 9
_MON_RX = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_WD_RX = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

# Ordered: longer, more specific forms first; matches may not overlap.
_PATTERNS = [
    ("iso", r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"),
    ("dmy_num", r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})\b"),
    ("d_mon_y", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MON_RX})\s*,?\s+(\d{{4}})\b"),
    ("mon_d_y", rf"\b({_MON_RX})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})\b"),
    ("d_mon", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON_RX})\b"),
    ("mon_d", rf"\b({_MON_RX})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?\d)"),
    ("mon_y", rf"\b(?:in\s+|since\s+|early\s+|late\s+|mid-?)?({_MON_RX})\s+(\d{{4}})\b"),
    ("in_mon", rf"\b(?:in|since|during|early|late|mid-?|last)\s+({_MON_RX})\b"),
    ("year", r"\b(?:in|since|during|until|from|of|early|late|mid-?)\s+(?:early\s+|late\s+)?((?:19|20)\d{2})\b"),
    # Durations ("for years", "over the past months") mark aggregates and habits, not events.
    ("duration", r"\b((?:for|over)\s+(?:the\s+)?(?:past\s+|last\s+)?(?:\w+\s+)?(?:years|months|decades))\b"),
    ("weekday", rf"\b(?:(last|this|on|early|late)\s+)?({_WD_RX})\b"),
    ("yesterday", r"\b(yesterday|last night|overnight)\b"),
    ("today", r"\b(today|this morning|this afternoon|this evening|tonight)\b"),
    ("last_week", r"\b(last week|earlier this week|this week|past week|late last week|early last week)\b"),
    ("last_month", r"\b(last month|earlier this month|this month|past month)\b"),
    ("last_year", r"\b(last year|past year|years ago)\b"),
    ("days_ago", r"\b(two|three|four|five|six|\d)\s+days\s+(?:ago|earlier)\b"),
]
_RX = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _PATTERNS]
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _year2(y: str) -> int:
    n = int(y)
    return n + 2000 if n < 100 else n


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, pub: date | None) -> date | None:
    """A day and month with no year: the most recent such date not after publication."""
    if pub is None:
        return None
    cand = _safe(pub.year, m, min(d, monthrange(pub.year, m)[1]))
    if cand and cand > pub + timedelta(days=1):
        cand = _safe(pub.year - 1, m, min(d, monthrange(pub.year - 1, m)[1]))
    return cand


def _month_mid(y: int, m: int) -> date:
    return date(y, m, 15)


def _resolve(kind: str, g: tuple, pub: date | None) -> tuple[date | None, int | None]:
    if kind == "iso":
        return _safe(int(g[0]), int(g[1]), int(g[2])), 1
    if kind == "dmy_num":  # news outside the US writes day-month-year ("19-03-17")
        d, m, y = int(g[0]), int(g[1]), _year2(g[2])
        return (_safe(y, m, d) or _safe(y, d, m)), 1
    if kind == "d_mon_y":
        return _safe(int(g[2]), _MON[g[1].lower().rstrip(".")], int(g[0])), 1
    if kind == "mon_d_y":
        return _safe(int(g[2]), _MON[g[0].lower().rstrip(".")], int(g[1])), 1
    if kind == "d_mon":
        return _infer_year(_MON[g[1].lower().rstrip(".")], int(g[0]), pub), 1
    if kind == "mon_d":
        return _infer_year(_MON[g[0].lower().rstrip(".")], int(g[1]), pub), 1
    if kind == "mon_y":
        return _month_mid(int(g[1]), _MON[g[0].lower().rstrip(".")]), 3
    if kind == "in_mon":
        if pub is None:
            return None, 3
        m = _MON[g[0].lower().rstrip(".")]
        y = pub.year if m <= pub.month else pub.year - 1
        return _month_mid(y, m), 3
    if kind == "year":
        return date(int(g[0]), 7, 1), 3  # ACLED has no year precision: month is the coarsest
    if kind == "duration":
        return None, 3
    if pub is None:
        return None, None
    if kind == "weekday":
        qualifier, wd = (g[0] or "").lower(), WEEKDAYS.index(g[1].lower())
        back = (pub.weekday() - wd) % 7
        if qualifier == "last" and back == 0:
            back = 7
        return pub - timedelta(days=back), 1
    if kind == "yesterday":
        return pub - timedelta(days=1), 1
    if kind == "today":
        return pub, 1
    if kind == "last_week":
        # "last week": the seven days before publication, coded to their middle.
        return pub - timedelta(days=4), 2
    if kind == "last_month":
        first = pub.replace(day=1)
        if g[0].lower() in ("last month", "past month"):
            prev = first - timedelta(days=1)
            return _month_mid(prev.year, prev.month), 3
        return _month_mid(pub.year, pub.month), 3
    if kind == "last_year":
        return date(pub.year - 1, 7, 1), 3
    if kind == "days_ago":
        n = _SMALL.get(g[0].lower()) or int(g[0])
        return pub - timedelta(days=n), 1
    return None, None


def find_dates(text: str, published: date | None, offset: int = 0) -> list[DateRef]:
    taken: list[tuple[int, int]] = []
    refs = []
    for kind, rx in _RX:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "weekday" and m.group(1) is None and not _weekday_context(text, m):
                continue
            if kind in ("d_mon", "mon_d") and m.group(0).lower().startswith("may") and not re.search(r"\d", m.group(0)):
                continue
            value, precision = _resolve(kind, m.groups(), published)
            if precision is None and value is None:
                continue
            taken.append((m.start(), m.end()))
            refs.append(DateRef(m.group(0), offset + m.start(), offset + m.end(), value, precision))
    refs.sort(key=lambda r: r.start)
    return refs


def _weekday_context(text: str, m: re.Match) -> bool:
    """A bare weekday ("said Friday") is a date; in a name ("Friday prayers") it is still
    a date in news, so accept all bare weekdays but "Good Friday"-like names."""
    before = text[max(0, m.start() - 6):m.start()].lower()
    return "good " not in before and "black " not in before


def is_background(ref: DateRef, published: date | None, max_age_days: int = 30) -> bool:
    """History: an event whose whole date period ends well before publication."""
    if ref.value is None or published is None:
        return False
    if ref.precision == 3:
        end = ref.value.replace(day=monthrange(ref.value.year, ref.value.month)[1])
    elif ref.precision == 2:
        end = ref.value + timedelta(days=3)
    else:
        end = ref.value
    return (published - end).days > max_age_days
