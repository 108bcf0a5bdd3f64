"""Keyed digests shared by hash, indexed_tag and pseudonymize."""

from __future__ import annotations

import hashlib
import hmac

__all__ = ["keyed_digest", "keyed_int"]


def keyed_digest(subkey: bytes, *parts: str) -> bytes:
    """HMAC-SHA256 of the parts joined by NUL (unambiguous for NUL-free parts)."""
    # surrogatepass: a lone surrogate (from "\ud800" in JSON) hashes instead of raising
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hmac.digest(subkey, data, hashlib.sha256)


def keyed_int(subkey: bytes, *parts: str) -> int:
    """A 64-bit integer seed from :func:`keyed_digest`."""
    return int.from_bytes(keyed_digest(subkey, *parts)[:8], "big")
