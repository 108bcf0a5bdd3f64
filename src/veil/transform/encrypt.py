"""``encrypt``: reversible, deterministic replacement (AES-SIV).

A span becomes ``[[ENC:<LABEL>:<ciphertext>]]`` where the ciphertext is the
AES-SIV encryption (RFC 5297, 512-bit key derived from the master key for the
purpose ``"encrypt"``) of the UTF-8 text, with the label as associated data,
written in unpadded base64url. AES-SIV is deterministic: the same value and
label always give the same token, so joins and counts still work; it is also
authenticated, so a token edited by hand, moved to another label or decrypted
with another key is refused (:class:`~veil.errors.DeanonymizeError`).

:func:`find_tokens` locates tokens in a text, :func:`decrypt_token` reverses
one, :func:`deanonymize_text` reverses all of them.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from ..errors import DeanonymizeError
from ..keys import Key
from ..types import Span
from .base import OperatorContext

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESSIV

__all__ = ["Encrypt", "EncryptedToken", "deanonymize_text", "decrypt_token", "find_tokens"]

TOKEN_RE = re.compile(r"\[\[ENC:([A-Za-z][A-Za-z0-9_]{0,63}):([A-Za-z0-9_-]{22,})\]\]")


class EncryptedToken(NamedTuple):
    """One token found in a text (offsets index that text)."""

    start: int
    end: int
    label: str
    token: str


@lru_cache(maxsize=8)
def _cipher(subkey: bytes) -> AESSIV:
    from cryptography.hazmat.primitives.ciphers.aead import AESSIV

    return AESSIV(subkey)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encrypt_value(text: str, label: str, key: Key) -> str:
    """The token for ``text`` under ``label``."""
    ct = _cipher(key.derive("encrypt", 64)).encrypt(
        text.encode("utf-8", "surrogatepass"), [label.encode("ascii")]
    )
    return f"[[ENC:{label}:{_b64(ct)}]]"


@dataclass(frozen=True, slots=True)
class Encrypt:
    """Replace a span with an AES-SIV token that :func:`decrypt_token` reverses."""

    name: ClassVar[str] = "encrypt"
    needs_key: ClassVar[bool] = True

    def apply(self, span: Span, ctx: OperatorContext) -> str:
        return encrypt_value(span.text, span.label, ctx.require_key(self.name))


def find_tokens(text: str) -> Iterator[EncryptedToken]:
    """Every ``[[ENC:...]]`` token in ``text``, left to right."""
    if "[[ENC:" not in text:
        return
    for m in TOKEN_RE.finditer(text):
        yield EncryptedToken(m.start(), m.end(), m.group(1), m.group(0))


def decrypt_token(token: str, key: Key) -> str:
    """The plaintext of one token; raises DeanonymizeError if it is malformed,
    tampered with, or made with another key."""
    from cryptography.exceptions import InvalidTag

    m = TOKEN_RE.fullmatch(token)
    if m is None:
        raise DeanonymizeError("not an encrypted Veil token ([[ENC:<LABEL>:<data>]])")
    label = m.group(1)
    try:
        ct = _unb64(m.group(2))
        plain = _cipher(key.derive("encrypt", 64)).decrypt(ct, [label.encode("ascii")])
        return plain.decode("utf-8", "surrogatepass")  # lone surrogates round-trip
    except (InvalidTag, binascii.Error, ValueError):
        raise DeanonymizeError(
            f"cannot decrypt a {label} token: wrong key or the token was altered "
            f"(key {key.fingerprint})"
        ) from None


def deanonymize_text(text: str, key: Key) -> str:
    """``text`` with every token replaced by its plaintext."""
    if "[[ENC:" not in text:
        return text
    return TOKEN_RE.sub(lambda m: decrypt_token(m.group(0), key), text)
