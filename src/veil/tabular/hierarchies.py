"""Generalization hierarchies: ARX CSV loader, automatic builders and validation.

A hierarchy is a table with one row per leaf value: ``value;level1;level2;...;*``
(ARX's format, ``;``-separated, no header). Column 0 is the original value, column
``i`` its generalization at level ``i``. Every row must have the same number of
columns and leaves must be unique; errors name the file and line, never the value.

Builders make hierarchies from the values of a column: :func:`interval_hierarchy`
(numbers to nested intervals), :func:`date_hierarchy` (dates to month, year),
:func:`mask_hierarchy` (postcode prefix masking), :func:`ordered_hierarchy` (ordered
categories grouped into runs) and :func:`auto_hierarchy` (picks one of these).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veil.tabular.errors import HierarchyError, TabularInputError

__all__ = [
    "MISSING",
    "Hierarchy",
    "auto_hierarchy",
    "date_hierarchy",
    "flat_hierarchy",
    "interval_hierarchy",
    "load_hierarchy",
    "mask_hierarchy",
    "ordered_hierarchy",
    "to_text",
]

#: The category missing values (None, NaN, empty string) are mapped to.
MISSING = "NULL"
TOP = "*"


@dataclass(frozen=True)
class Hierarchy:
    """A materialized hierarchy: ``rows[i] = (leaf, level1, ..., top)``."""

    rows: tuple[tuple[str, ...], ...]
    source: str = "<memory>"

    @property
    def height(self) -> int:
        """Number of levels, counting level 0 (the original values)."""
        return len(self.rows[0])

    @property
    def leaves(self) -> list[str]:
        return [r[0] for r in self.rows]

    def with_leaf(self, leaf: str) -> Hierarchy:
        """A copy with one extra leaf that stays itself up to the top level."""
        top = self.rows[0][-1] if len({r[-1] for r in self.rows}) == 1 else leaf
        row = (leaf,) * (self.height - 1) + (top,)
        return Hierarchy((*self.rows, row), self.source)

    def __repr__(self) -> str:  # no values: hierarchies can hold raw data
        return f"Hierarchy(source={self.source!r}, leaves={len(self.rows)}, height={self.height})"


def _validate(
    rows: list[tuple[str, ...]], source: str, lines: list[int] | None = None
) -> Hierarchy:
    if not rows:
        raise HierarchyError(f"hierarchy {source} is empty")
    depth = len(rows[0])
    seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        line = lines[i] if lines else i + 1
        if len(row) != depth:
            raise HierarchyError(
                f"hierarchy {source} line {line}: {len(row)} levels, expected {depth} "
                "(inconsistent depth)"
            )
        if row[0] in seen:
            raise HierarchyError(
                f"hierarchy {source} line {line}: duplicate leaf (first on line {seen[row[0]]})"
            )
        seen[row[0]] = line
    for lvl in range(1, depth - 1):
        parent: dict[str, tuple[str, int]] = {}
        for i, row in enumerate(rows):
            line = lines[i] if lines else i + 1
            p = parent.setdefault(row[lvl], (row[lvl + 1], line))
            if p[0] != row[lvl + 1]:
                raise HierarchyError(
                    f"hierarchy {source} line {line}: a level-{lvl} value generalizes to two "
                    f"different level-{lvl + 1} values (also on line {p[1]}); hierarchies "
                    "must be trees"
                )
    return Hierarchy(tuple(rows), source)


def load_hierarchy(src: Any, name: str = "") -> Hierarchy:
    """Load a hierarchy from an ARX CSV path, a pandas/polars DataFrame, rows or a Hierarchy."""
    if isinstance(src, Hierarchy):
        return src
    if isinstance(src, (str, Path)):
        path = Path(src)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as e:
            raise HierarchyError(f"hierarchy file {path} for column {name!r} cannot be read") from e
        rows, lines = [], []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                rows.append(tuple(line.rstrip("\r").split(";")))
                lines.append(n)
        return _validate(rows, str(path), lines)
    mod = type(src).__module__.split(".")[0]
    if mod == "pandas":
        rows = [tuple(to_text(v) for v in r) for r in src.itertuples(index=False, name=None)]
        return _validate(rows, f"<DataFrame for {name}>")
    if mod == "polars":
        rows = [tuple(to_text(v) for v in r) for r in src.iter_rows()]
        return _validate(rows, f"<DataFrame for {name}>")
    if isinstance(src, Iterable):
        rows = [tuple(to_text(v) for v in r) for r in src]
        return _validate(rows, f"<rows for {name}>")
    raise HierarchyError(f"hierarchy for column {name!r}: unsupported type {type(src).__name__}")


def to_text(v: Any) -> str:
    """Canonical text of a cell: missing -> MISSING, integral floats without '.0'."""
    if v is None:
        return MISSING
    if isinstance(v, str):
        return v if v != "" else MISSING
    if isinstance(v, float):
        if math.isnan(v):
            return MISSING
        if v.is_integer():
            return str(int(v))
    if type(v).__name__ in ("NaTType", "NAType"):
        return MISSING
    return str(v)


# ----------------------------------------------------------------------------- builders


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _numbers(values: Iterable[Any], column: str) -> list[tuple[str, float]]:
    out: dict[str, float] = {}
    for i, v in enumerate(values):
        t = to_text(v)
        if t == MISSING or t in out:
            continue
        try:
            out[t] = float(t)
        except ValueError:
            raise TabularInputError(
                f"column {column!r} row {i}: not a number in a numeric column (mixed types)"
            ) from None
    return sorted(out.items(), key=lambda kv: kv[1])


def interval_hierarchy(
    values: Iterable[Any], widths: Sequence[float] | None = None, column: str = ""
) -> Hierarchy:
    """Numbers to nested intervals ``[lo, lo+w[`` for each width (each a multiple of the last)."""
    nums = _numbers(values, column)
    if not nums:
        return flat_hierarchy([], column)
    lo, hi = nums[0][1], nums[-1][1]
    if widths is None:
        span = max(hi - lo, 1.0)
        base = 10 ** math.floor(math.log10(span / 20)) if span >= 20 else 1
        # each width a multiple of the previous one, so the intervals nest (a tree)
        widths = [base * m for m in (1, 5, 10, 50, 100, 500) if base * m < span] or [span]
        if isinstance(base, int):
            widths = [int(w) for w in widths]
    rows = []
    for text, x in nums:
        row = [text]
        for w in widths:
            a = math.floor(x / w) * w
            row.append(f"[{_fmt(a)}, {_fmt(a + w)}[")
        row.append(TOP)
        rows.append(tuple(row))
    return _validate(rows, f"<intervals for {column}>")


_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def date_hierarchy(values: Iterable[Any], column: str = "") -> Hierarchy:
    """ISO dates (``YYYY-MM-DD``, optional time) to month, year, decade, ``*``."""
    rows = {}
    for i, v in enumerate(values):
        t = to_text(v)
        if t == MISSING or t in rows:
            continue
        m = _DATE.match(t)
        if not m:
            raise TabularInputError(f"column {column!r} row {i}: not an ISO date (mixed types)")
        y, mo = m.group(1), m.group(2)
        rows[t] = (t, f"{y}-{mo}", y, f"{y[:3]}0s", TOP)
    return _validate(sorted(rows.values()), f"<dates for {column}>")


def mask_hierarchy(values: Iterable[Any], column: str = "") -> Hierarchy:
    """Right-to-left masking (``81667, 8166*, 816**, ..., *****``), then ``*``."""
    texts = sorted({to_text(v) for v in values} - {MISSING})
    depth = max((len(t) for t in texts), default=0)
    rows = []
    for t in texts:
        row = [t]
        for i in range(1, depth + 1):
            keep = max(len(t) - i, 0)
            row.append(t[:keep] + "*" * (len(t) - keep))
        row.append(TOP)
        rows.append(tuple(row))
    return _validate(rows, f"<mask for {column}>") if rows else flat_hierarchy([], column)


def ordered_hierarchy(categories: Sequence[Any], fanout: int = 2, column: str = "") -> Hierarchy:
    """Ordered categories grouped into runs of ``fanout**i`` neighbours (``a..b``)."""
    cats = [to_text(c) for c in categories]
    if fanout < 2:
        raise HierarchyError(f"ordered hierarchy for {column!r}: fanout must be >= 2")
    rows = [[c] for c in cats]
    size = fanout
    while size < len(cats):
        for i, row in enumerate(rows):
            a = (i // size) * size
            b = min(a + size, len(cats)) - 1
            row.append(cats[a] if a == b else f"{cats[a]}..{cats[b]}")
        size *= fanout
    for row in rows:
        row.append(TOP)
    return _validate([tuple(r) for r in rows], f"<ordered for {column}>")


def flat_hierarchy(values: Iterable[Any], column: str = "") -> Hierarchy:
    """Two levels: the value, then ``*``."""
    texts = sorted({to_text(v) for v in values}) or [MISSING]
    return _validate([(t, TOP) for t in texts], f"<flat for {column}>")


def auto_hierarchy(values: Sequence[Any], column: str = "") -> Hierarchy:
    """Pick a builder from the values: numbers, ISO dates, digit codes, else flat."""
    texts = [to_text(v) for v in values]
    present = [t for t in set(texts) if t != MISSING]
    if present and all(t.isdigit() for t in present) and len({len(t) for t in present}) == 1:
        if len(present[0]) >= 4 or any(t[0] == "0" for t in present):
            return mask_hierarchy(present, column)
    if present and all(_DATE.match(t) for t in present):
        return date_hierarchy(present, column)
    n_num = 0
    for t in present:
        try:
            float(t)
            n_num += 1
        except ValueError:
            pass
    if present and n_num > 0.5 * len(present):
        # mostly numbers: a numeric column; interval_hierarchy names a stray text's row
        return interval_hierarchy(texts, column=column)
    return flat_hierarchy(present, column)
