"""Parquet: streamed batch by batch; only the chosen string columns change.

``--fields`` names columns; by default every string column (``string``,
``large_string``, or dictionary-encoded strings) is anonymized. Every other
column passes through untouched and the output keeps the input's schema
(types, nullability, metadata). The reader hands one row at a time (the chosen
columns only) to the step; the writer rebuilds each batch from the original one
when all its rows have come back, dropping quarantined rows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..types import Document
from .csv import RowCodec
from .open import AtomicOutput
from .quarantine import Rejected

__all__ = ["ParquetReader", "ParquetWriter", "string_columns"]

BATCH_ROWS = 2048


def _is_string(t: Any) -> bool:
    import pyarrow as pa

    if pa.types.is_dictionary(t):
        t = t.value_type
    return bool(
        pa.types.is_string(t)
        or pa.types.is_large_string(t)
        or getattr(pa.types, "is_string_view", lambda _t: False)(t)
    )


def string_columns(schema: Any) -> list[str]:
    return [f.name for f in schema if _is_string(f.type)]


class ParquetReader:
    """Yields one :class:`Document` per row (``record``: chosen column -> value)."""

    format = "parquet"

    def __init__(
        self,
        path: str | Path,
        columns: Sequence[str] | None = None,
        row_groups: tuple[int, int] | None = None,
    ) -> None:
        import pyarrow.parquet as pq

        self.path = Path(path)
        self.source = str(path)
        try:
            self._file = pq.ParquetFile(self.path)
        except FileNotFoundError:
            raise InputError(f"{self.source}: cannot open (no such file)") from None
        except Exception as exc:  # pyarrow.ArrowInvalid and friends
            raise InputError(
                f"{self.source}: not a readable Parquet file ({type(exc).__name__})"
            ) from None
        self.schema = self._file.schema_arrow
        names = self.schema.names
        if columns:
            missing = [c for c in columns if c not in names]
            if missing:
                raise InputError(
                    f"{self.source}: column {missing[0]!r} (from --fields) is not in the "
                    f"schema; columns: {', '.join(names)}"
                )
            self.columns = list(columns)
        else:
            self.columns = string_columns(self.schema)
        self.pending: deque[Any] = deque()  # batches read, not yet written
        self._rows_read = 0
        meta = self._file.metadata
        self.row_groups = list(range(*row_groups)) if row_groups else None  # a shard
        groups = self.row_groups if self.row_groups is not None else range(meta.num_row_groups)
        self._total = max(1, sum(meta.row_group(i).num_rows for i in groups))
        self._size = (
            sum(meta.row_group(i).total_byte_size for i in groups)
            if self.row_groups is not None
            else self.path.stat().st_size
        )

    @property
    def bytes_read(self) -> int:
        return self._size * self._rows_read // self._total

    @property
    def lines(self) -> int:
        """Rows read so far (the shard's line count, see veil.engine.sharded)."""
        return self._rows_read

    def codec(self) -> RowCodec:
        return RowCodec(self.columns)

    def __iter__(self) -> Iterator[Document]:
        source, cols = self.source, self.columns
        try:
            batches = self._file.iter_batches(batch_size=BATCH_ROWS, row_groups=self.row_groups)
            for batch in batches:
                if batch.num_rows == 0:
                    continue
                self.pending.append(batch)
                rows = batch.select(cols).to_pylist() if cols else [{}] * batch.num_rows
                base = self._rows_read
                self._rows_read += batch.num_rows
                for i, rec in enumerate(rows):
                    line = base + i + 1  # 1-based row number
                    yield Document(f"{source}:{line}", rec, source, line)
        except OSError as exc:
            raise InputError(
                f"{source}: corrupt or truncated Parquet data after row {self._rows_read} "
                f"({type(exc).__name__}); no output was written"
            ) from None

    def close(self) -> None:
        self._file.close()


class ParquetWriter:
    """Rebuilds each input batch with the new values of the chosen columns."""

    def __init__(self, path: str | Path, reader: ParquetReader) -> None:
        import pyarrow.parquet as pq

        self.out = AtomicOutput(path, compress=False)
        self.reader = reader
        self.schema = reader.schema
        self._writer = pq.ParquetWriter(self.out.stream, self.schema)
        self._done: list[Any] = []  # outcomes of the rows of the oldest pending batch
        self.bytes_written = 0

    def write_many(self, outputs: list[Any]) -> None:
        for o in outputs:
            self._done.append(o)
            batch = self.reader.pending[0]
            if len(self._done) == batch.num_rows:
                self._flush(self.reader.pending.popleft(), self._done)
                self._done = []

    def _flush(self, batch: Any, outcomes: list[Any]) -> None:
        import pyarrow as pa

        keep = [not isinstance(o, Rejected) for o in outcomes]
        if not all(keep):
            batch = batch.filter(pa.array(keep, type=pa.bool_()))
            outcomes = [o for o, k in zip(outcomes, keep, strict=True) if k]
        if batch.num_rows == 0:
            return
        arrays = list(batch.columns)
        for j, name in enumerate(self.reader.columns):
            idx = self.schema.get_field_index(name)
            typ = self.schema.field(idx).type
            values = [o[j] for o in outcomes]
            if pa.types.is_dictionary(typ):
                arrays[idx] = pa.array(values, type=typ.value_type).dictionary_encode().cast(typ)
            else:
                arrays[idx] = pa.array(values, type=typ)
        self._writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=self.schema))

    def commit(self) -> None:
        self._writer.close()
        self.bytes_written = self.out.stream.tell()
        self.out.commit()

    def abort(self) -> None:
        try:
            self._writer.close()
        except Exception:
            pass
        self.out.abort()
