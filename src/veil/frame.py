"""Anonymize pandas and polars DataFrames: ``veil.frame.anonymize(df, columns=...)``.

    import veil.frame
    clean = veil.frame.anonymize(df, columns=["bio", "notes"], policy="policy.yaml")

Returns a new frame of the same kind: the chosen columns anonymized (by default
every string column), the others untouched, the row order and the index kept.
The columns of one row share the operator context, so indexed tags agree
across them. pandas and polars are imported only when a frame of theirs is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .engine.rows import RowAnonymizer, make_spec
from .errors import ConfigError

__all__ = ["anonymize"]


def _kind(df: Any) -> str:
    mod = type(df).__module__.split(".")[0]
    if mod == "pandas" and type(df).__name__ == "DataFrame":
        return "pandas"
    if mod == "polars" and type(df).__name__ == "DataFrame":
        return "polars"
    raise ConfigError(f"veil.frame.anonymize takes a pandas or polars DataFrame, not {type(df)}")


def _string_columns(df: Any, kind: str) -> list[str]:
    if kind == "polars":
        import polars as pl

        return [n for n, t in df.schema.items() if t == pl.String]
    out = []
    for name in df.columns:
        col = df[name]
        if str(col.dtype) in ("string", "str") or (
            col.dtype == object and all(isinstance(v, str) for v in col.dropna().head(100))
        ):
            out.append(name)
    return out


def anonymize(
    df: Any,
    columns: Sequence[str] | None = None,
    policy: Any = None,
    *,
    key: Any = None,
    demo_key: bool = False,
    rules_only: bool | None = None,
    anonymizer: Any = None,
) -> Any:
    """A copy of ``df`` with ``columns`` (default: every string column) anonymized.

    ``policy``: a Policy, a policy file path, a dict, or None (tag everything).
    ``anonymizer``: an already built :class:`veil.Anonymizer` (then ``policy``,
    ``key``, ``demo_key`` and ``rules_only`` are not used).
    """
    kind = _kind(df)
    names = list(columns) if columns is not None else _string_columns(df, kind)
    missing = [c for c in names if c not in df.columns]
    if missing:
        raise ConfigError(f"column {missing[0]!r} is not in the frame; columns: {list(df.columns)}")
    rows = RowAnonymizer(
        make_spec(policy, key=key, demo_key=demo_key, rules_only=rules_only), anonymizer
    )
    data = {c: df[c].to_list() for c in names}
    new = rows.columns(data, names)
    if kind == "polars":
        import polars as pl

        return (
            df.with_columns([pl.Series(c, new[c], dtype=df.schema[c]) for c in names])
            if names
            else df.clone()
        )
    out = df.copy()
    for c in names:
        out[c] = new[c]
        out[c] = out[c].astype(df[c].dtype)
    return out
