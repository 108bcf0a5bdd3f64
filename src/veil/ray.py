"""Ray Data: anonymize a ``ray.data.Dataset``, or run ``veil anonymize --engine ray``.

    import ray, veil.ray
    ray.init(address="auto")            # a real cluster (or ray.init() for a local one)
    ds = ray.data.read_parquet("s3://bucket/corpus/")
    clean = veil.ray.anonymize(ds, "policy.yaml", columns=["text"], concurrency=32)
    clean.write_parquet("s3://bucket/corpus-anon/")

:func:`anonymize` goes through ``map_batches`` with an actor pool: each actor
builds one Anonymizer (one model load) and keeps it for every batch. Pseudonyms
and hashes agree across actors and machines because they come from a keyed hash
of the value: give every actor the same key (``key=...``, or ``VEIL_KEY`` set on
every node, or a policy ``key.file`` on a shared path).

``veil anonymize IN -o OUT --engine ray [--ray-address ADDR] -j N`` runs the
same shard plan as the local runner, one shard per task, in a pool of N actors
(again through ``map_batches``), and assembles the output the same way, so it
writes the same bytes and ``--resume`` works the same. On a cluster every node
must see IN and OUT at the same paths (a shared file system). Ray's own progress
bars show the run.

Locally, Ray is started with at most CPU count minus 1 actors by default: with
as many actors as CPUs a run can hang (ray-project/ray#44687).

Ray is an optional dependency: ``pip install 'veil[ray]'``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from .engine.rows import RowAnonymizer, make_spec
from .errors import ConfigError

__all__ = ["anonymize", "default_concurrency", "run_shards"]


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError("the Ray engine needs Ray: pip install 'veil[ray]'") from None
    return ray


def default_concurrency() -> int:
    """CPU count minus 1 (at least 1): safe on a local Ray instance."""
    return max(1, (os.cpu_count() or 2) - 1)


def _init(address: str | None = None) -> Any:
    ray = _ray()
    if not ray.is_initialized():
        if address:
            ray.init(address=address)
        else:
            ray.init(include_dashboard=False, log_to_driver=False)
    return ray


class _Anonymize:
    """The map_batches actor: one Anonymizer per actor, pyarrow batches in and out."""

    def __init__(self, spec: Any, columns: Sequence[str] | None) -> None:
        self.rows = RowAnonymizer(spec)
        self.rows.anonymizer  # noqa: B018 - load the models once, now
        self.columns = list(columns) if columns is not None else None

    def __call__(self, table: Any) -> Any:
        import pyarrow as pa

        from .io.parquet import string_columns

        names = self.columns if self.columns is not None else string_columns(table.schema)
        if not names or table.num_rows == 0:
            return table
        data = {c: table.column(c).to_pylist() for c in names}
        new = self.rows.columns(data, names)
        for c in names:
            i = table.schema.get_field_index(c)
            typ = table.schema.field(i).type
            if pa.types.is_dictionary(typ):
                arr = pa.array(new[c], type=typ.value_type).dictionary_encode().cast(typ)
            else:
                arr = pa.array(new[c], type=typ)
            table = table.set_column(i, table.schema.field(i), arr)
        return table


def anonymize(
    ds: Any,
    policy: Any = None,
    *,
    columns: Sequence[str] | None = None,
    key: Any = None,
    demo_key: bool = False,
    rules_only: bool | None = None,
    concurrency: int | None = None,
    batch_size: int = 256,
) -> Any:
    """A new (lazy) ``ray.data.Dataset`` with ``columns`` (default: every string
    column) anonymized, other columns untouched.

    ``concurrency``: the number of actors (default: CPU count minus 1 of this
    machine; on a cluster, pass the number you want).
    """
    _ray()
    spec = make_spec(policy, key=key, demo_key=demo_key, rules_only=rules_only)
    spec.build()  # configuration errors surface here, before any actor starts
    return ds.map_batches(
        _Anonymize,
        fn_constructor_kwargs={"spec": spec, "columns": list(columns) if columns else None},
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency or default_concurrency(),
    )


class _Shards:
    """The map_batches actor of ``--engine ray``: runs whole shards."""

    def __init__(self, spec: Any, job: Any) -> None:
        self.anon = spec.build()
        self.job = job

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        from .engine.sharded import run_shard
        from .engine.shards import Shard

        done = [
            json.dumps(run_shard(self.anon, self.job, Shard.from_dict(json.loads(str(s)))))
            for s in batch["shard"]
        ]
        return {"done": np.array(done, dtype=object)}


def run_shards(
    spec: Any, job: Any, shards: Sequence[Any], jobs: int, address: str | None = None
) -> list[dict]:
    """Run ``shards`` in a pool of ``jobs`` Ray actors (local: at most CPU count - 1)."""
    if not shards:
        return []
    ray = _init(address)
    n = min(jobs, len(shards))
    if not address:
        n = min(n, default_concurrency())
    items = [{"shard": json.dumps(s.to_dict())} for s in shards]
    ds = ray.data.from_items(items, override_num_blocks=len(items))
    out = ds.map_batches(
        _Shards,
        fn_constructor_kwargs={"spec": spec, "job": job},
        batch_size=1,
        batch_format="numpy",
        concurrency=n,
    )
    return [json.loads(str(row["done"])) for row in out.take_all()]
