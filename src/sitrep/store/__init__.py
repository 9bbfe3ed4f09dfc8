"""The event store (issue 5): SQLite by default, PostgreSQL by URL."""
from .query import (Filters, QueryError, export_records, find_events, get_article, get_event, search_articles,
                    stats)
from .store import Added, Store, StoreError, content_hash, default_url

__all__ = ["Added", "Filters", "QueryError", "Store", "StoreError", "content_hash", "default_url",
           "export_records", "find_events", "get_article", "get_event", "search_articles", "stats"]
