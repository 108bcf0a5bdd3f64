"""CryptoWalletRecognizer: base58check, bech32/bech32m, EIP-55; negatives; adversarial."""

from __future__ import annotations

import hashlib
import random

import pytest

from veil.detect.base import Context
from veil.detect.crypto import (
    CryptoWalletRecognizer,
    base58check_decode,
    eip55_checksum,
    keccak256,
    segwit_decode,
)

REC = CryptoWalletRecognizer()
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def find(text: str) -> list[str]:
    return [s.text for s in REC.analyze(text, Context(text))]


def spans(text: str):
    return list(REC.analyze(text, Context(text)))


def b58check_encode(payload: bytes) -> str:
    """Reference encoder written independently of the module under test."""
    raw = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out


# --------------------------------------------------------------- checksum units


def test_keccak_vectors():
    assert keccak256(b"").hex() == (
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    )
    assert keccak256(b"abc").hex() == (
        "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
    )
    assert keccak256(b"abc") != hashlib.sha3_256(b"abc").digest()  # not SHA3 padding
    long = bytes(range(256)) * 3  # several 136-byte blocks
    assert len(keccak256(long)) == 32 and keccak256(long) != keccak256(long[:-1])


EIP55_VECTORS = [  # from the EIP-55 specification
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
]


@pytest.mark.parametrize("addr", EIP55_VECTORS)
def test_eip55_vectors(addr):
    assert eip55_checksum(addr.lower()) == addr


BIP350_VALID = [
    "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
    "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
    "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
    "BC1SW50QGDZ25J",
    "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
    "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
    "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
]
BIP350_INVALID = [
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",  # bech32, not bech32m
    "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf",
    "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",  # bech32m for v0
    "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",  # checksum
    "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2",  # version 19
    "bc1rw5uspcuh",  # program too short
    "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
    "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",  # v0 program of 16 bytes
    "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7",  # mixed case
    "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",  # padding
    "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv",
]


@pytest.mark.parametrize("addr", BIP350_VALID)
def test_segwit_valid_vectors(addr):
    assert segwit_decode(addr) is not None
    assert find(f"pay to {addr} please") == [addr]


@pytest.mark.parametrize("addr", BIP350_INVALID)
def test_segwit_invalid_vectors(addr):
    assert segwit_decode(addr) is None
    assert find(f"pay to {addr} please") == []


def test_base58check_roundtrip_random():
    rng = random.Random(5)
    for _ in range(200):
        payload = bytes([rng.choice([0, 5])]) + rng.randbytes(20)
        assert base58check_decode(b58check_encode(payload)) == payload


# ------------------------------------------------------------------ recognizer

POSITIVES = [
    ("genesis 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa.", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
    ("p2sh: 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
    ("(bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4)", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
    (
        "taproot bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0 ok",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
    ),
    (
        "eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    ),
    (
        '{"to": "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae"}',
        "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae",
    ),
    ("ETH wallet 0XDE0B295669A9FD93D5F28D9EC85E40F4CB697BAE", None),  # 0X: not searched
    (
        "send to 0xDE0B295669A9FD93D5F28D9EC85E40F4CB697BAE",
        "0xDE0B295669A9FD93D5F28D9EC85E40F4CB697BAE",
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_positives(text, expected):
    assert find(text) == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text",
    [
        "commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904 landed",  # git hash, no 0x
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",  # one character changed
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz",
        "1111111111111111111111111111111111",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD is mixed case but wrong",  # bad EIP-55
        "0x0000000000000000000000000000000000000000",  # zero address
        "tx 0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b",  # 32-byte hash
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0",  # 41 hex digits
        "abc0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",  # glued
        "xbc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",  # glued
        "The quick brown fox jumps over 13 lazy dogs in 1999.",
        "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    ],
)
def test_negatives(text):
    assert find(text) == []


def test_generated_base58_addresses_and_corruptions():
    rng = random.Random(2024)
    good = [b58check_encode(bytes([rng.choice([0, 5])]) + rng.randbytes(20)) for _ in range(100)]
    text = " ".join(good)
    assert find(text) == good
    rejected = 0
    for addr in good[:50]:
        i = rng.randrange(1, len(addr))
        bad = addr[:i] + rng.choice([c for c in B58 if c != addr[i]]) + addr[i + 1 :]
        rejected += find(f"to {bad}") == []
    assert rejected == 50
    # a valid checksum with an unknown version byte (e.g. Litecoin 0x30) is not Bitcoin
    assert find(b58check_encode(b"\x30" + rng.randbytes(20))) == []


def test_random_base58_noise_fails_checksum():
    rng = random.Random(3)
    noise = " ".join("1" + "".join(rng.choice(B58) for _ in range(33)) for _ in range(300))
    assert find(noise) == []


def test_scores_and_attrs():
    (legacy,) = spans("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    assert legacy.label == "CRYPTO_WALLET" and legacy.attrs["kind"] == "p2pkh"
    (tb,) = spans("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7")
    assert tb.attrs["network"] == "testnet"
    (tap,) = spans("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0")
    assert tap.attrs["kind"] == "taproot"
    lower = "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae"
    (bare,) = spans(f"see {lower}")
    (ctx,) = spans(f"my ETH wallet: {lower}")
    assert 0.6 <= bare.score <= 0.7 and ctx.score >= 0.9
    (checked,) = spans(EIP55_VECTORS[0])
    assert checked.score >= 0.95
    bad = EIP55_VECTORS[0][:-1] + "D"
    (typo,) = spans(f"send ETH to {bad}")  # failing EIP-55 kept only with context
    assert typo.score < 0.7
    assert "0x" not in repr(checked)


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        "1A" * 50_000,
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN " * 3000),
        "bc1" * 33_000,
        "bc1q" + "q" * 100_000,
        "tb1" + "qpzry9x8gf2tvdw0s3jn54khce6mua7l" * 3000,
        "0x" * 50_000,
        "0x" + "a" * 100_000,
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed " * 2500),
    ],
)
def test_adversarial_inputs_complete(text):
    find(text)
