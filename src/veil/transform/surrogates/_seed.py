"""Keyed seeds: every surrogate draw is a pure function of (key, label, value)."""

from __future__ import annotations

import random

from .._keyed import keyed_int

__all__ = ["Seeder"]


class Seeder:
    """Turns parts such as ``("PHONE", "+4915...")`` into seeds under one sub-key."""

    __slots__ = ("subkey",)

    def __init__(self, subkey: bytes) -> None:
        self.subkey = subkey

    def int(self, *parts: str) -> int:
        return keyed_int(self.subkey, *parts)

    def rng(self, *parts: str) -> random.Random:
        return random.Random(keyed_int(self.subkey, *parts))
