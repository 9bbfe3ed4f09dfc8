"""Benchmarks behind `sitrep eval` and `sitrep bench`."""
