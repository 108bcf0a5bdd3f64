"""Veil: anonymize training data before a model sees it."""

__version__ = "0.1.0"
