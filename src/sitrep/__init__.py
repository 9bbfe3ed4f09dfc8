"""sitrep: conflict news to structured, geocoded, ACLED-typed events."""
__version__ = "0.1.0"
