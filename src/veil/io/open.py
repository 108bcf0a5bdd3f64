"""Open files for reading and writing, with gzip and zstd handled transparently.

Reading: the compression is found from the first bytes (magic numbers), so a
mis-named file still reads; the extension (``.gz``, ``.zst``) decides it for
writing. Truncated compressed input raises :class:`~veil.errors.InputError`
(never a silently short read). Writing goes through :class:`AtomicOutput`: a
temp file in the same directory, renamed over the target only on success, so
an interrupted run never leaves an output that looks complete.
"""

from __future__ import annotations

import gzip
import io
import os
import tempfile
import zlib
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, OutputError

__all__ = [
    "AtomicOutput",
    "CountingReader",
    "compression_of",
    "open_input",
    "strip_compression",
]

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_CHUNK = 1 << 16


def compression_of(path: str | Path) -> str | None:
    """``"gzip"``, ``"zstd"`` or None, from the file name."""
    name = str(path).lower()
    if name.endswith((".gz", ".gzip")):
        return "gzip"
    if name.endswith((".zst", ".zstd")):
        return "zstd"
    return None


def strip_compression(path: str | Path) -> str:
    """The file name without its compression suffix (``a.jsonl.gz`` -> ``a.jsonl``)."""
    name = str(path)
    for suffix in (".gz", ".gzip", ".zst", ".zstd"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


class _ZstdRaw(io.RawIOBase):
    """Streaming zstd decompression (multi-frame) that notices truncation."""

    def __init__(self, fileobj: BinaryIO, name: str) -> None:
        import zstandard

        self._zstd = zstandard
        self._src = fileobj
        self._name = name
        self._dobj = zstandard.ZstdDecompressor().decompressobj()
        self._buf = b""
        self._pos = 0
        self._in_frame = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._pos >= len(self._buf):
            chunk = self._src.read(_CHUNK)
            if not chunk:
                if self._in_frame:
                    raise EOFError("zstd stream ended before the end of its frame")
                return 0
            try:
                out = self._dobj.decompress(chunk)
                while self._dobj.eof:  # a frame ended: continue with the next one
                    rest = self._dobj.unused_data
                    self._dobj = self._zstd.ZstdDecompressor().decompressobj()
                    self._in_frame = False
                    if not rest:
                        break
                    out += self._dobj.decompress(rest)
                    self._in_frame = True
                else:
                    self._in_frame = True
            except self._zstd.ZstdError as exc:
                raise EOFError(f"corrupt zstd data ({type(exc).__name__})") from None
            self._buf, self._pos = out, 0
        n = min(len(b), len(self._buf) - self._pos)
        b[:n] = self._buf[self._pos : self._pos + n]
        self._pos += n
        return n

    def close(self) -> None:
        self._src.close()
        super().close()


class CountingReader(io.RawIOBase):
    """A raw stream that counts the (decompressed) bytes read through it."""

    def __init__(self, inner: BinaryIO) -> None:
        self._inner = inner
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self._inner.readinto(b)  # type: ignore[attr-defined]
        self.count += n or 0
        return n or 0

    def close(self) -> None:
        self._inner.close()
        super().close()


def open_input(path: str | Path) -> tuple[io.BufferedReader, CountingReader]:
    """Open ``path`` for binary reading, decompressing gzip/zstd by magic bytes.

    Returns the buffered stream and its byte counter (``counter.count``).
    Decompression errors surface as ``EOFError``/``OSError`` while reading;
    readers turn them into :class:`InputError` naming the file and line.
    """
    p = Path(path)
    try:
        f: BinaryIO = open(p, "rb")
    except OSError as exc:
        raise InputError(f"{p}: cannot open ({exc.strerror})") from None
    head = f.read(4)
    f.seek(0)
    inner: BinaryIO
    if head.startswith(_GZIP_MAGIC):
        inner = gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[assignment]
    elif head.startswith(_ZSTD_MAGIC):
        inner = _ZstdRaw(f, str(p))  # type: ignore[assignment]
    else:
        inner = f
    counter = CountingReader(inner)
    return io.BufferedReader(counter, buffer_size=_CHUNK), counter


DECODE_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile, OSError)


class AtomicOutput:
    """A binary output written to a temp file, compressed by the target's extension,
    and renamed over the target by :meth:`commit` (removed by :meth:`abort`).

    ``compress=False`` writes the bytes as they come (Parquet compresses itself).
    """

    def __init__(self, path: str | Path, compress: bool = True) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
            )
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot create output ({exc.strerror})") from None
        self.tmp = Path(tmp)
        self._file: BinaryIO = os.fdopen(fd, "wb")
        self._zstd_writer = None
        kind = compression_of(self.path) if compress else None
        self.stream: BinaryIO
        if kind == "gzip":
            self.stream = gzip.GzipFile(fileobj=self._file, mode="wb", compresslevel=6, mtime=0)  # type: ignore[assignment]
        elif kind == "zstd":
            import zstandard

            self._zstd_writer = zstandard.ZstdCompressor(level=3).stream_writer(
                self._file, closefd=False
            )
            self.stream = self._zstd_writer  # type: ignore[assignment]
        else:
            self.stream = self._file
        self.done = False

    def commit(self) -> None:
        """Flush, close and move the temp file over the target."""
        try:
            if self.stream is not self._file:
                self.stream.close()
            self._file.close()
            os.chmod(self.tmp, 0o644 & ~_umask())
            os.replace(self.tmp, self.path)
        except OSError as exc:
            self.abort()
            raise OutputError(f"{self.path}: cannot write output ({exc.strerror})") from None
        self.done = True

    def abort(self) -> None:
        """Discard the temp file (safe to call twice)."""
        for s in (self.stream, self._file):
            try:
                s.close()
            except Exception:
                pass
        try:
            self.tmp.unlink()
        except FileNotFoundError:
            pass
        self.done = True

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.done:
            return
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
