"""Access to the optional compiled loops, ``veil.detect._scan_c`` (see docs/speed.md).

The extension is built at install time when a C compiler is there; otherwise, or
with ``VEIL_PURE_PYTHON=1``, every caller uses its Python reference, which gives
the same results (tests/detect/test_scan_c.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from types import ModuleType
from typing import TypeVar

__all__ = ["compiled", "fast_or_reference"]

T = TypeVar("T")


def compiled() -> ModuleType | None:
    """The compiled candidate loops (``veil.detect._scan_c``), or None when they are
    not built or ``VEIL_PURE_PYTHON=1`` asks for the Python reference."""
    if os.environ.get("VEIL_PURE_PYTHON", "") not in ("", "0"):
        return None
    try:
        from . import _scan_c  # type: ignore[attr-defined]
    except ImportError:
        return None
    return _scan_c  # type: ignore[no-any-return]


def fast_or_reference(fast: str, reference: Callable[[str], T], text: str) -> T:
    """``_scan_c.<fast>(text)`` when the extension is built and ``text`` is Latin-1
    (its scans need one byte per character: they raise ValueError otherwise), else
    ``reference(text)``, which gives the same result."""
    c = _C
    if c is not None:
        try:
            return getattr(c, fast)(text)  # type: ignore[no-any-return]
        except ValueError:  # beyond Latin-1
            pass
    return reference(text)


_C = compiled()
