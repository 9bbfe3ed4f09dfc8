"""Sentence-level ACLED sub-event classifier: corpus building, features, model."""
