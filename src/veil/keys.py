"""Keys: where they come from, how they are derived per purpose, their fingerprint.

A :class:`Key` never shows its bytes: ``repr`` and ``str`` give the fingerprint
only. Sub-keys for each purpose (hash, pseudonym, encrypt, index) come from
HKDF-SHA256 so that knowing one output family tells nothing about another.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from .errors import KeyConfigError
from .settings import DEFAULT_KEY_ENV, env

__all__ = ["DEMO_KEY_TEXT", "Key"]

DEMO_KEY_TEXT = "veil-demo-key:NOT-SECRET:do-not-use-for-real-data"
_MIN_KEY_BYTES = 16


def _hkdf(master: bytes, info: bytes, length: int = 32) -> bytes:
    prk = hmac.new(b"veil-hkdf-salt-v1", master, hashlib.sha256).digest()
    out, block, i = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([i]), hashlib.sha256).digest()
        out += block
        i += 1
    return out[:length]


class Key:
    """A secret master key. Build with :meth:`from_env`, :meth:`from_file`,
    :meth:`from_text` or :meth:`demo`."""

    __slots__ = ("_cache", "_master", "is_demo", "source")

    def __init__(self, master: bytes, source: str = "bytes", is_demo: bool = False) -> None:
        if len(master) < _MIN_KEY_BYTES:
            raise KeyConfigError(
                f"key from {source} is too short: need at least {_MIN_KEY_BYTES} bytes "
                "(generate one with `veil keygen`)"
            )
        self._master = master
        self._cache: dict[str, bytes] = {}
        self.source = source
        self.is_demo = is_demo

    @classmethod
    def from_text(cls, text: str, source: str = "text") -> Key:
        raw = text.strip()
        if raw.startswith("hex:"):
            try:
                return cls(bytes.fromhex(raw[4:]), source)
            except ValueError as exc:
                raise KeyConfigError(f"key from {source} is not valid hex") from exc
        return cls(raw.encode("utf-8"), source)

    @classmethod
    def from_env(cls, name: str = DEFAULT_KEY_ENV) -> Key | None:
        value = env(name)
        return cls.from_text(value, f"environment variable {name}") if value else None

    @classmethod
    def from_file(cls, path: str | Path) -> Key:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise KeyConfigError(f"cannot read key file {p}: {exc.strerror}") from None
        return cls.from_text(text, f"file {p}")

    @classmethod
    def demo(cls) -> Key:
        """A fixed, public key for demos: output made with it is NOT protected."""
        return cls(DEMO_KEY_TEXT.encode(), "demo key", is_demo=True)

    def derive(self, purpose: str, length: int = 32) -> bytes:
        """A sub-key for one purpose (``"hash"``, ``"pseudonym"``, ``"encrypt"``, ...)."""
        k = f"{purpose}:{length}"
        got = self._cache.get(k)
        if got is None:
            got = self._cache[k] = _hkdf(self._master, b"veil/" + purpose.encode(), length)
        return got

    @property
    def fingerprint(self) -> str:
        """A short public identifier of the key (safe to log and report)."""
        return "veil:" + self.derive("fingerprint", 8).hex()

    def __repr__(self) -> str:
        return f"Key({self.fingerprint}, source={self.source!r})"

    __str__ = __repr__

    def __reduce__(self):  # picklable for worker processes, bytes never in repr
        return (Key, (self._master, self.source, self.is_demo))
