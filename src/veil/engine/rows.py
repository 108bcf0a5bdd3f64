"""Anonymize table rows in memory: the shared core of the DataFrame, Hugging Face
``datasets`` and Ray Data integrations.

A row's chosen columns share one operator context (so ``<PERSON_1>`` means the
same person in every column of the row). A string is anonymized; ``None``,
numbers and booleans pass through; lists and dicts (a chat's ``messages``) are
walked and every string inside is anonymized, keys kept. Anything else raises a
:class:`~veil.errors.RecordError` naming the row and the column (never the value).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import RecordError
from .local import AnonymizerSpec

__all__ = ["RowAnonymizer", "make_spec"]


def make_spec(
    policy: Any = None,
    *,
    key: Any = None,
    demo_key: bool = False,
    rules_only: bool | None = None,
) -> AnonymizerSpec:
    """A picklable recipe for the Anonymizer each worker builds once."""
    if isinstance(policy, AnonymizerSpec):
        return policy
    return AnonymizerSpec(policy=policy, key=key, demo_key=demo_key, rules_only=rules_only)


_MISSING = ("NAType", "NaTType")  # pandas' missing values


def _walk(anon: Any, value: Any, ctx: Any) -> Any:
    if isinstance(value, str):
        return anon.anonymize(value, context=ctx).text if value else value
    if value is None or isinstance(value, int | float) or type(value).__name__ in _MISSING:
        return value
    if isinstance(value, list | tuple):
        return [_walk(anon, v, ctx) for v in value]
    if isinstance(value, dict):
        return {k: _walk(anon, v, ctx) for k, v in value.items()}
    raise TypeError(type(value).__name__)


class RowAnonymizer:
    """Builds its Anonymizer lazily, once per process (it is not pickled)."""

    def __init__(self, spec: AnonymizerSpec, anonymizer: Any = None) -> None:
        self.spec = spec
        self._anon = anonymizer

    def __getstate__(self) -> dict[str, Any]:
        return {"spec": self.spec, "_anon": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.spec = state["spec"]
        self._anon = None

    @property
    def anonymizer(self) -> Any:
        if self._anon is None:
            self._anon = self.spec.build()
        return self._anon

    def columns(self, data: dict[str, Sequence[Any]], names: Sequence[str]) -> dict[str, list]:
        """New values for the ``names`` columns of ``data`` (column -> values)."""
        anon = self.anonymizer
        cols = [list(data[c]) for c in names]
        n = len(cols[0]) if cols else 0
        for i in range(n):
            ctx = anon.new_context()
            for c, name in zip(cols, names, strict=True):
                try:
                    c[i] = _walk(anon, c[i], ctx)
                except TypeError as exc:
                    raise RecordError(
                        "non_string_field", f"row {i}, column {name!r} holds a {exc.args[0]}"
                    ) from None
        return dict(zip(names, cols, strict=True))
