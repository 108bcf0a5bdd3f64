"""``hash``: a keyed, truncated HMAC-SHA256 of the normalized value.

Output: ``EMAIL_3f2a9c0d1e4b5a6f`` (label, underscore, ``length`` characters of
hex or lowercase base32). With ``prefix: false`` only the digest. The same value
gives the same hash in every document and process that uses the same key, so
joins still work; without the key the hash cannot be recomputed or reversed.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import ClassVar, Literal

from ..types import Span
from ._keyed import keyed_digest
from ._params import ParamError, check_int, check_one_of
from .base import OperatorContext
from .normalize import normalize

__all__ = ["Hash"]


@dataclass(frozen=True, slots=True)
class Hash:
    """Keyed hash of ``normalize(label, text)``."""

    length: int = 16
    encoding: Literal["hex", "base32"] = "hex"
    prefix: bool = True

    name: ClassVar[str] = "hash"
    needs_key: ClassVar[bool] = True

    def __post_init__(self) -> None:
        check_one_of("encoding", self.encoding, ("hex", "base32"))
        check_int("length", self.length, 8, 64 if self.encoding == "hex" else 52)
        if not isinstance(self.prefix, bool):
            raise ParamError("prefix", "must be true or false")

    def apply(self, span: Span, ctx: OperatorContext) -> str:
        sub = ctx.require_key(self.name).derive("hash")
        d = keyed_digest(sub, span.label, normalize(span.label, span.text, span.attrs))
        if self.encoding == "hex":
            h = d.hex()[: self.length]
        else:
            h = base64.b32encode(d).decode("ascii").lower()[: self.length]
        return f"{span.label}_{h}" if self.prefix else h
