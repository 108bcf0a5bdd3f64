"""Anonymize Hugging Face ``datasets``: ``veil.hf.anonymize_dataset(ds, policy, columns=...)``.

    from datasets import load_dataset
    import veil.hf
    ds = load_dataset("json", data_files="chats.jsonl", split="train")
    clean = veil.hf.anonymize_dataset(ds, "policy.yaml", columns=["messages"], num_proc=4)

It runs through ``Dataset.map(batched=True, num_proc=...)``: each process builds
one Anonymizer (from a picklable spec, lazily) and keeps it for every batch.
By default every string column is anonymized, plus a ``messages`` column (chat
format: the strings inside each message). Nested values (lists, dicts) have
every string inside them anonymized; the columns of one row share the operator
context. Works on a ``Dataset`` or a ``DatasetDict`` (each split). Keyed
operators give the same pseudonym in every process (keyed hash, no shared state).
``datasets`` is an optional dependency (``pip install veil[datasets]``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .engine.rows import RowAnonymizer, make_spec
from .errors import ConfigError

__all__ = ["anonymize_dataset"]


class _Batch:
    """The function given to ``Dataset.map`` (picklable; the model loads per process)."""

    def __init__(self, rows: RowAnonymizer, columns: Sequence[str]) -> None:
        self.rows = rows
        self.names = list(columns)

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        return self.rows.columns(batch, self.names)


def _default_columns(features: Any) -> list[str]:
    out = []
    for name, feat in features.items():
        if getattr(feat, "dtype", None) in ("string", "large_string") or name == "messages":
            out.append(name)
    return out


def anonymize_dataset(
    ds: Any,
    policy: Any = None,
    *,
    columns: Sequence[str] | None = None,
    num_proc: int | None = None,
    batch_size: int = 256,
    key: Any = None,
    demo_key: bool = False,
    rules_only: bool | None = None,
    **map_kwargs: Any,
) -> Any:
    """A new dataset with ``columns`` anonymized; other columns and the row order
    are kept. ``map_kwargs`` go to ``Dataset.map`` (``load_from_cache_file``...)."""
    try:
        import datasets
    except ImportError:
        raise ConfigError(
            "veil.hf needs the datasets package: pip install 'veil[datasets]'"
        ) from None
    spec = make_spec(policy, key=key, demo_key=demo_key, rules_only=rules_only)
    spec.build()  # configuration errors (policy, key) surface here, before any data
    if isinstance(ds, datasets.DatasetDict):
        return datasets.DatasetDict(
            {
                name: anonymize_dataset(
                    split,
                    spec,
                    columns=columns,
                    num_proc=num_proc,
                    batch_size=batch_size,
                    **map_kwargs,
                )
                for name, split in ds.items()
            }
        )
    names = list(columns) if columns is not None else _default_columns(ds.features)
    missing = [c for c in names if c not in ds.column_names]
    if missing:
        raise ConfigError(
            f"column {missing[0]!r} is not in the dataset; columns: {ds.column_names}"
        )
    if not names:
        return ds
    map_kwargs.setdefault("desc", "veil anonymize")
    return ds.map(
        _Batch(RowAnonymizer(spec), names),
        batched=True,
        batch_size=batch_size,
        num_proc=num_proc,
        **map_kwargs,
    )
