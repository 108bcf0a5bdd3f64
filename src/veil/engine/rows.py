"""Anonymize table rows in memory: the shared core of the DataFrame, Hugging Face
``datasets`` and Ray Data integrations.

A row's chosen columns share one operator context (so ``<PERSON_1>`` means the
same person in every column of the row). A string is anonymized; ``None``,
numbers and booleans pass through; lists and dicts (a chat's ``messages``) are
walked and every string inside is anonymized, keys kept. Anything else raises a
:class:`~veil.errors.RecordError` naming the row and the column (never the value).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import RecordError
from ..types import Span
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


def _strings(value: Any, out: list[str]) -> None:
    """Appends the non-empty strings of a cell to ``out``, in :func:`_walk`'s order;
    TypeError (the type's name) for a cell that is not anonymizable."""
    if isinstance(value, str):
        if value:
            out.append(value)
    elif value is None or isinstance(value, int | float) or type(value).__name__ in _MISSING:
        return
    elif isinstance(value, list | tuple):
        for v in value:
            _strings(v, out)
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, out)
    else:
        raise TypeError(type(value).__name__)


def _walk(anon: Any, value: Any, ctx: Any, found: Iterator[list[Span]]) -> Any:
    """The cell anonymized; ``found``: the spans of its strings, in :func:`_strings`'
    order."""
    if isinstance(value, str):
        return anon.anonymize(value, context=ctx, spans=next(found)).text if value else value
    if isinstance(value, list | tuple):
        return [_walk(anon, v, ctx, found) for v in value]
    if isinstance(value, dict):
        return {k: _walk(anon, v, ctx, found) for k, v in value.items()}
    return value  # (None, a number, a missing value: checked by _strings)


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
        # every string of the batch analyzed at once (``analyze_batch``: recognizer by
        # recognizer, and NER models see whole batches), then replaced row by row with
        # one operator context per row, as if each row were anonymized on its own
        texts: list[str] = []
        for i in range(n):
            for c, name in zip(cols, names, strict=True):
                try:
                    _strings(c[i], texts)
                except TypeError as exc:
                    raise RecordError(
                        "non_string_field", f"row {i}, column {name!r} holds a {exc.args[0]}"
                    ) from None
        found = iter(list(anon.analyze_batch(texts)))
        for i in range(n):
            ctx = anon.new_context()
            for c in cols:
                c[i] = _walk(anon, c[i], ctx, found)
        return dict(zip(names, cols, strict=True))
