"""The per-text Context: its fast paths equal the plain definitions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from veil.detect.base import Context, ascii_lower

_TABLE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_ascii_lower_is_translate(text: str) -> None:
    low = ascii_lower(text)
    assert low == text.translate(_TABLE)
    assert len(low) == len(text)


def test_ascii_lower_paths() -> None:
    # ASCII, Latin-1 (É stays upper: only ASCII letters change), beyond Latin-1
    assert ascii_lower("Dr. SMITH") == "dr. smith"
    assert ascii_lower("ÉMILE Zola") == "Émile zola"
    assert ascii_lower("İSTANBUL ŁÓDŹ Straße ’Q’") == "İstanbul ŁÓdŹ straße ’q’"
    assert Context("ÉMILE Zola").lower == "Émile zola"
