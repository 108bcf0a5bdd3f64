"""The only module that reads environment variables."""

from __future__ import annotations

import os

__all__ = ["DEFAULT_KEY_ENV", "env"]

DEFAULT_KEY_ENV = "VEIL_KEY"


def env(name: str) -> str | None:
    """Read one environment variable (empty counts as unset)."""
    value = os.environ.get(name)
    return value or None
