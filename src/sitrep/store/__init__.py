"""The event store (issue 5): SQLite by default, PostgreSQL by URL."""
from .query import (Filters, QueryError, counts_by_day_and_type, countries, export_records, find_events,
                    get_article, get_event, map_events, search_articles, stats, with_sources)
from .store import Added, Store, StoreError, content_hash, default_url

__all__ = ["Added", "Filters", "QueryError", "Store", "StoreError", "content_hash", "counts_by_day_and_type",
           "countries", "default_url", "export_records", "find_events", "get_article", "get_event", "map_events",
           "search_articles", "stats", "with_sources"]
