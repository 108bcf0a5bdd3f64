"""Cryptocurrency wallet addresses: Bitcoin (base58check, bech32/bech32m) and Ethereum.

* Bitcoin legacy ``1...`` (P2PKH) and ``3...`` (P2SH) addresses must pass the
  base58check checksum (double SHA-256) with a mainnet version byte.
* Segwit addresses ``bc1...`` / ``tb1...`` must pass the BIP-173 bech32 checksum
  (witness v0) or the BIP-350 bech32m checksum (v1+), with a valid program length.
* Ethereum ``0x`` + 40 hex: a mixed-case address must pass its EIP-55 checksum
  (keccak-256, implemented here in pure Python because hashlib only has SHA3-256,
  which pads differently). An all-lower or all-upper address carries no checksum:
  it scores 0.65 alone and 0.9 next to a crypto context word.

The checksums make random strings, git hashes and base58 noise fail.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import lru_cache

from ..types import Span
from ._scan import facts, translated
from .base import Context, left_ok, right_ok

__all__ = [
    "CryptoWalletRecognizer",
    "base58check_decode",
    "eip55_checksum",
    "keccak256",
    "segwit_decode",
]

_LABEL = "CRYPTO_WALLET"

# ---------------------------------------------------------------- base58check

_B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58_ALPHABET)}


@lru_cache(maxsize=4096)
def base58check_decode(s: str) -> bytes | None:
    """The payload (version byte included) of a base58check string, or None if the
    string is not base58 or its 4-byte double-SHA-256 checksum does not match."""
    n = 0
    for c in s:
        v = _B58_INDEX.get(c)
        if v is None:
            return None
        n = n * 58 + v
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    pad = len(s) - len(s.lstrip("1"))
    raw = b"\x00" * pad + body
    if len(raw) < 5:
        return None
    payload, check = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != check:
        return None
    return payload


# ------------------------------------------------------------ bech32 / bech32m

_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_INDEX = {c: i for i, c in enumerate(_BECH32_CHARSET)}
_BECH32_CONST = 1
_BECH32M_CONST = 0x2BC830A3
_GEN = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _gen_terms(top: int) -> int:
    """The xor of the generator terms selected by the 5 bits shifted out."""
    out = 0
    for i in range(5):
        if (top >> i) & 1:
            out ^= _GEN[i]
    return out


_GEN_TABLE = tuple(_gen_terms(top) for top in range(32))


def _polymod(values: list[int]) -> int:
    chk = 1
    table = _GEN_TABLE
    for v in values:
        chk = ((chk & 0x1FFFFFF) << 5) ^ v ^ table[chk >> 25]
    return chk


def _convertbits(data: list[int], frombits: int, tobits: int) -> list[int] | None:
    """Regroup bits without padding (the segwit decoding rule)."""
    acc = bits = 0
    out: list[int] = []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            out.append((acc >> bits) & maxv)
    if bits >= frombits or ((acc << (tobits - bits)) & maxv):
        return None
    return out


@lru_cache(maxsize=4096)
def segwit_decode(addr: str) -> tuple[str, int, bytes] | None:
    """``(hrp, witness version, program)`` of a valid segwit address, else None.

    Follows BIP-173 and BIP-350: one case only, bech32 for v0, bech32m for v1-16,
    a 2-40 byte program (20 or 32 for v0).
    """
    if addr.lower() != addr and addr.upper() != addr:
        return None
    addr = addr.lower()
    pos = addr.rfind("1")
    if pos < 1 or pos + 7 > len(addr) or len(addr) > 90:
        return None
    hrp = addr[:pos]
    try:
        data = [_BECH32_INDEX[c] for c in addr[pos + 1 :]]
    except KeyError:
        return None
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    const = _polymod(expanded + data)
    if const not in (_BECH32_CONST, _BECH32M_CONST) or not data:
        return None
    version = data[0]
    program = _convertbits(data[1:-6], 5, 8)
    if program is None or version > 16 or not 2 <= len(program) <= 40:
        return None
    if version == 0 and len(program) not in (20, 32):
        return None
    if (version == 0) != (const == _BECH32_CONST):
        return None
    return hrp, version, bytes(program)


# ------------------------------------------------------------------ keccak-256

_MASK64 = (1 << 64) - 1


def _round_constants() -> list[int]:
    out = []
    r = 1
    for _ in range(24):
        rc = 0
        for j in range(7):
            r = ((r << 1) ^ ((r >> 7) * 0x71)) % 256
            if r & 2:
                rc ^= 1 << ((1 << j) - 1)
        out.append(rc)
    return out


def _rotations() -> list[int]:
    rot = [0] * 25
    x, y = 1, 0
    for t in range(24):
        rot[x + 5 * y] = ((t + 1) * (t + 2) // 2) % 64
        x, y = y, (2 * x + 3 * y) % 5
    return rot


_RC = _round_constants()
_ROT = _rotations()
# theta's column parity is applied while rho and pi move lane (x, y) to (y, 2x + 3y):
# (source lane, its column, destination lane, rotation)
_RHO_PI = tuple(
    (x + 5 * y, x, y + 5 * ((2 * x + 3 * y) % 5), _ROT[x + 5 * y])
    for x in range(5)
    for y in range(5)
)
_CHI = tuple((i, (i + 1) % 5 + i - i % 5, (i + 2) % 5 + i - i % 5) for i in range(25))


def _keccak_f(a: list[int]) -> list[int]:
    m = _MASK64
    for rc in _RC:
        c = [a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20] for x in range(5)]
        d = [c[x - 1] ^ (((c[(x + 1) % 5] << 1) | (c[(x + 1) % 5] >> 63)) & m) for x in range(5)]
        b = [0] * 25
        for src, col, dst, r in _RHO_PI:
            v = a[src] ^ d[col]
            b[dst] = ((v << r) | (v >> (64 - r))) & m
        a = [b[i] ^ (~b[j] & b[k]) for i, j, k in _CHI]
        a[0] ^= rc
    return a


def keccak256(data: bytes) -> bytes:
    """Keccak-256 as Ethereum uses it (original padding 0x01, not SHA3's 0x06)."""
    rate = 136
    msg = bytearray(data)
    msg.append(0x01)
    msg.extend(b"\x00" * (-len(msg) % rate))
    msg[-1] |= 0x80
    state = [0] * 25
    for off in range(0, len(msg), rate):
        block = msg[off : off + rate]
        for i in range(rate // 8):
            state[i] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        state = _keccak_f(state)
    return b"".join(state[i].to_bytes(8, "little") for i in range(4))


@lru_cache(maxsize=4096)
def eip55_checksum(address: str) -> str:
    """The EIP-55 mixed-case form of a ``0x`` + 40 hex address."""
    hexpart = address[2:].lower()
    digest = keccak256(hexpart.encode("ascii")).hex()
    return "0x" + "".join(
        c.upper() if c.isalpha() and int(h, 16) >= 8 else c
        for c, h in zip(hexpart, digest, strict=False)
    )


# ------------------------------------------------------------------ recognizer

# One C-speed pass finds every candidate: the text is translated to one byte per
# character, alphanumerics except I and O marked "B" (that covers base58, bech32 in
# either case, and "0x" + hex); every address is a maximal run of at least 14 marks.
_PREFILTER = bytes(
    ord("B") if chr(i).isascii() and chr(i).isalnum() and chr(i) not in "IO" else ord(" ")
    for i in range(256)
)
# (bytes 128-255 mark like "?": translating the Latin-1 text equals translating its
# ASCII form with "replace"; tests/detect/test_scan_c.py checks it)
_RUN = b"B" * 14
# Every address has a digit followed by 11 more letters/digits (base58 "1..."/"3..."
# of 25+, "0x" + 40 hex, bech32 "bc1" + 11 or more): one literal-first scan of the
# shared skeleton rules out almost every text.
_SEED = re.compile(rb"0[0A]{11}")
_HEX = frozenset("0123456789abcdefABCDEF")
_CONTEXT = re.compile(
    r"(?<![a-z])(?:eth|ether|ethereum|wallet|address|addr|send|sent|pay|payment|crypto"
    r"|metamask|erc-?20|usdt|usdc|btc|bitcoin|deposit|withdraw|polygon|bnb|bsc"
    r"|arbitrum|recipient|beneficiary|donate|donation|tip|tips)(?![a-z])"
)
_B58_VERSIONS = {0x00: "p2pkh", 0x05: "p2sh"}


def _runs(marks: bytes, seed: bytes) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each maximal run of marked bytes that contains ``seed``
    (marks are translated text: one byte per character, unmarked bytes are spaces)."""
    start = marks.find(seed)
    while start >= 0:
        end = marks.find(b" ", start + len(seed))
        end = len(marks) if end < 0 else end
        yield start, end
        start = marks.find(seed, end)


class CryptoWalletRecognizer:
    """Finds Bitcoin and Ethereum addresses, checksum-verified where the format has one."""

    name = "CryptoWalletRecognizer"
    labels = (_LABEL,)

    def __init__(self, before: int = 40, after: int = 20) -> None:
        self.before = before
        self.after = after

    def _context(self, ctx: Context, start: int, end: int) -> bool:
        return _CONTEXT.search(ctx.window(start, end, self.before, self.after)) is not None

    def _span(self, ctx: Context, start: int, end: int, score: float, **attrs: str) -> Span | None:
        value = ctx.text[start:end]
        if ctx.allow.allows(value):
            return None
        return Span(start, end, _LABEL, score, self.name, value, attrs)

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        if not ctx.has_digits or _SEED.search(facts(ctx).sk) is None:
            return
        for span in self._spans(text, ctx):
            if span is not None:
                yield span

    def _spans(self, text: str, ctx: Context) -> Iterator[Span | None]:
        marks = translated(text, _PREFILTER)
        for start, end in _runs(marks, _RUN):
            if not (left_ok(text, start) and right_ok(text, end)):
                continue
            run = text[start:end]
            n = len(run)
            if n == 42 and run[:2] == "0x":
                yield self._ethereum(ctx, start, end, run)
            elif 25 <= n <= 35 and run[0] in "13":
                yield self._base58(ctx, start, end, run)
            elif n <= 90 and run[:3].lower() in ("bc1", "tb1"):
                yield self._segwit(ctx, start, end, run)

    def _base58(self, ctx: Context, start: int, end: int, run: str) -> Span | None:
        payload = base58check_decode(run)
        if payload is None or len(payload) != 21 or payload[0] not in _B58_VERSIONS:
            return None
        score = 1.0 if self._context(ctx, start, end) else 0.95
        return self._span(ctx, start, end, score, coin="bitcoin", kind=_B58_VERSIONS[payload[0]])

    def _segwit(self, ctx: Context, start: int, end: int, run: str) -> Span | None:
        decoded = segwit_decode(run)
        if decoded is None:
            return None
        hrp, version, program = decoded
        kind = f"segwit_v{version}" if version != 1 or len(program) != 32 else "taproot"
        score = 1.0 if self._context(ctx, start, end) else 0.95
        network = "mainnet" if hrp == "bc" else "testnet"
        return self._span(ctx, start, end, score, coin="bitcoin", kind=kind, network=network)

    def _ethereum(self, ctx: Context, start: int, end: int, addr: str) -> Span | None:
        hexpart = addr[2:]
        if not _HEX.issuperset(hexpart) or len(set(hexpart.lower())) <= 2:
            return None  # not hex; the zero address, 0xffff... and other placeholders
        context = self._context(ctx, start, end)
        if hexpart.lower() == hexpart or hexpart.upper() == hexpart:
            score = 0.9 if context else 0.65
        elif eip55_checksum(addr)[2:] == hexpart:
            score = 1.0 if context else 0.95
        elif context:
            score = 0.6  # mixed case failing EIP-55: a mistyped address, maybe
        else:
            return None
        return self._span(ctx, start, end, score, coin="ethereum")
