"""Keyed format-preserving permutations (collision-free surrogates).

:func:`permute_int` is a keyed bijection on ``range(size)``: a balanced Feistel
network whose round function is HMAC-SHA256 under the pseudonym sub-key, with
cycle walking to stay inside the domain. Distinct inputs under one tweak never
collide, and without the key the mapping cannot be computed or inverted.
:func:`permute_digits` and :func:`permute_classes` build on it for digit runs
and for codes whose every character keeps its class (digit, upper, lower, hex).
:func:`walk` restricts a permutation to a subset (valid phone numbers, valid
SSNs) by cycle walking, which is again a bijection on that subset.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Sequence

from ._seed import Seeder

__all__ = ["MAX_BITS", "permute_classes", "permute_digits", "permute_int", "walk"]

ROUNDS = 6
#: Domains above 2**MAX_BITS are not permuted (callers draw at random instead:
#: a collision there is as likely as guessing the key).
MAX_BITS = 1024


def _round_function(seeder: Seeder, size: int, tweak: tuple[str, ...], half: int):
    base = hmac.new(seeder.subkey, digestmod="sha256")
    base.update("\0".join(("fpe", str(size), *tweak)).encode("utf-8", "surrogatepass"))
    blocks = (half + 255) // 256
    mask = (1 << half) - 1

    def f(r: int, right: int) -> int:
        out = 0
        for b in range(blocks):
            h = base.copy()
            h.update(f"\0{r}\0{b}\0{right}".encode())
            out = (out << 256) | int.from_bytes(h.digest(), "big")
        return out & mask

    return f


def permute_int(x: int, size: int, seeder: Seeder, *tweak: str) -> int:
    """The image of ``x`` under a keyed permutation of ``range(size)``."""
    if not 0 <= x < size:
        raise ValueError("x is outside the permutation's domain")
    if size <= 1:
        return x
    bits = max(2, (size - 1).bit_length())
    bits += bits & 1
    if bits > MAX_BITS:
        raise ValueError("domain too large for a permutation")
    half = bits // 2
    mask = (1 << half) - 1
    f = _round_function(seeder, size, tweak, half)

    def encrypt(v: int) -> int:
        left, right = v >> half, v & mask
        for r in range(ROUNDS):
            left, right = right, left ^ f(r, right)
        return (left << half) | right

    y = encrypt(x)
    while y >= size:  # cycle walking: at most 4x the work on average
        y = encrypt(y)
    return y


def permute_digits(digits: str, seeder: Seeder, *tweak: str) -> str:
    """A keyed bijection on ASCII digit strings of ``len(digits)``."""
    n = len(digits)
    if n == 0:
        return digits
    if n > 300:  # beyond MAX_BITS: collisions are negligible, draw at random
        rng = seeder.rng("digits", *tweak, digits)
        return "".join(str(rng.randrange(10)) for _ in range(n))
    return str(permute_int(int(digits), 10**n, seeder, "digits", *tweak)).zfill(n)


def permute_classes(
    chars: Sequence[str], alphabets: Sequence[str], seeder: Seeder, *tweak: str
) -> list[str] | None:
    """Map ``chars[i]`` (a member of ``alphabets[i]``) through one keyed
    permutation of the product of the alphabets (mixed radix). ``None`` when the
    domain is too large to permute (the caller draws at random then)."""
    if sum(len(a).bit_length() - 1 for a in alphabets) > MAX_BITS:
        return None  # cheap lower bound first: huge inputs never build huge ints
    size = 1
    value = 0
    for c, alpha in zip(chars, alphabets, strict=True):
        value = value * len(alpha) + alpha.index(c)
        size *= len(alpha)
    if size.bit_length() > MAX_BITS:
        return None
    y = permute_int(value, size, seeder, "classes", *tweak)
    out: list[str] = []
    for alpha in reversed(alphabets):
        y, r = divmod(y, len(alpha))
        out.append(alpha[r])
    out.reverse()
    return out


def walk(x: int, step: Callable[[int], int], ok: Callable[[int], bool], limit: int = 10_000) -> int:
    """Cycle walking: apply ``step`` (a permutation) until the value satisfies
    ``ok``. For ``x`` with ``ok(x)`` this is a bijection on the ``ok`` subset.
    ``limit`` bounds the work on sparse subsets (the last value is returned)."""
    y = step(x)
    for _ in range(limit):
        if ok(y):
            return y
        y = step(y)
    return y
