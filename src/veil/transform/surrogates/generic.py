"""Character-class-preserving surrogates for codes, ids, secrets and handles.

Digits stay digits, upper stays upper, lower stays lower, everything else stays
in place, so the shape survives. Known fixed prefixes (``AKIA``, ``ghp_``,
``0x``, ``https://``...) are kept; hex strings stay hex; PEM armour lines stay.
Check digits are recomputed where cheap (Luhn for long digit ids that were
Luhn-valid, VIN position 9). Codes, URL path ids and SSNs go through keyed
permutations (:mod:`._fpe`) of their shape, so distinct inputs never share a
surrogate.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

from ._checks import luhn_check_digit, luhn_valid, vin_check_digit
from ._fpe import MAX_BITS, permute_classes, permute_int, walk
from ._seed import Seeder

__all__ = [
    "age",
    "coordinates",
    "scramble",
    "secret",
    "ssn",
    "tag",
    "token",
    "url",
    "vin",
    "wallet",
]

_DIGITS = "0123456789"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_HEX_L = "0123456789abcdef"
_HEX_U = "0123456789ABCDEF"
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

PREFIXES = tuple(
    sorted(
        (
            "github_pat_", "sk_live_", "sk_test_", "pk_live_", "pk_test_", "rk_live_",
            "rk_test_", "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "ghp_", "gho_", "ghu_",
            "ghs_", "ghr_", "glpat-", "AKIA", "ASIA", "AIza", "npm_", "hf_", "sk-ant-",
            "sk-proj-", "sk-", "SG.", "https://", "http://", "www.", "0x", "bc1", "tb1",
            "@", "ltc1", "r_", "u/", "user/", "users/",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
_PEM = re.compile(r"-----[A-Z0-9 ]+-----")
_HEXY = re.compile(r"[0-9a-fA-F]+")


def _is_hex(s: str, min_len: int = 16) -> bool:
    """A long run of hex digits with at least one letter (a hash, a key, an address)."""
    alnum = "".join(c for c in s if c.isalnum())
    return len(alnum) >= min_len and _HEXY.fullmatch(alnum) is not None and not alnum.isdigit()


def _one_case(s: str) -> bool:
    return not (any(c.isupper() for c in s) and any(c.islower() for c in s))


def scramble(text: str, rng: random.Random, *, hex_mode: bool = False, alphabet: str = "") -> str:
    """Replace each ASCII letter/digit by a random one of the same class."""
    rnd = rng.randbytes(len(text))
    if hex_mode:  # one case for the whole value (mixed-case checksums become lower)
        upper = any("A" <= c <= "F" for c in text) and not any("a" <= c <= "f" for c in text)
        alphabet = _HEX_U if upper else _HEX_L
    out = []
    for c, b in zip(text, rnd, strict=True):
        if alphabet and c.isalnum():
            out.append(alphabet[b % len(alphabet)])
        elif "0" <= c <= "9":
            out.append(_DIGITS[b % 10])
        elif "A" <= c <= "Z":
            out.append(_UPPER[b % 26])
        elif "a" <= c <= "z":
            out.append(_LOWER[b % 26])
        elif c.isdigit():
            out.append(_DIGITS[b % 10])
        elif c.isupper():
            out.append(_UPPER[b % 26])
        elif c.isalpha():
            out.append(_LOWER[b % 26])
        else:
            out.append(c)
    return "".join(out)


def _split_prefix(text: str) -> tuple[str, str]:
    for p in PREFIXES:
        if text.startswith(p) and len(text) > len(p):
            return p, text[len(p) :]
    return "", text


def _fix_luhn(orig: str, new: str) -> str:
    """If ``orig``'s digits were Luhn-valid (8+ digits), make ``new``'s so too."""
    od = [c for c in orig if "0" <= c <= "9"]
    if len(od) < 8 or not luhn_valid("".join(od)):
        return new
    pos = [i for i, c in enumerate(new) if "0" <= c <= "9"]
    digits = "".join(new[i] for i in pos)
    out = list(new)
    out[pos[-1]] = luhn_check_digit(digits[:-1])
    return "".join(out)


def _differs(text: str, make) -> str:
    out = make(0)
    for attempt in range(1, 6):
        if out != text:
            break
        out = make(attempt)
    return out


def _alphabet(c: str, hex_alpha: str) -> str | None:
    """The class alphabet ``c`` is permuted within (``None``: keep it in place)."""
    if hex_alpha:
        return hex_alpha if c.isalnum() else None
    if "0" <= c <= "9":
        return _DIGITS
    if "A" <= c <= "Z":
        return _UPPER
    if "a" <= c <= "z":
        return _LOWER
    return None


def permute_code(text: str, seeder: Seeder, *tweak: str, hex_mode: bool = False,
                 fixed: frozenset[int] = frozenset()) -> str | None:  # fmt: skip
    """A class-preserving keyed bijection on codes of ``text``'s shape: every ASCII
    digit/upper/lower (every hex digit in ``hex_mode``, case folded to one) is
    permuted within its class, other characters and positions in ``fixed`` stay.
    ``None`` when the code has non-ASCII alphanumerics or is too long."""
    if len(text) > 4 * MAX_BITS:
        return None
    hex_alpha = ""
    if hex_mode:
        alnum = [c for c in text if c.isalnum()]
        if not all(c in _HEX_U or c in _HEX_L for c in alnum):
            return None
        upper = any("A" <= c <= "F" for c in alnum) and not any("a" <= c <= "f" for c in alnum)
        hex_alpha = _HEX_U if upper else _HEX_L
    pos: list[int] = []
    alphas: list[str] = []
    shape = []
    for i, c in enumerate(text):
        alpha = None if i in fixed else _alphabet(c, hex_alpha)
        if alpha is None:
            if c.isalnum() and not c.isascii() and i not in fixed:
                return None
            shape.append(c)
        else:
            pos.append(i)
            alphas.append(alpha)
            shape.append("h" if alpha is hex_alpha else alpha[0])
    chars = [text[i].lower() if hex_alpha == _HEX_L else text[i].upper() if hex_alpha else text[i]
             for i in pos]  # fmt: skip
    new = permute_classes(chars, alphas, seeder, *tweak, "".join(shape))
    if new is None:
        return None
    out = list(text)
    for i, c in zip(pos, new, strict=True):
        out[i] = c
    return "".join(out)


def _luhn_fixed(orig: str) -> int | None:
    """The index of the Luhn check digit if ``orig``'s digits (8+) are Luhn-valid."""
    pos = [i for i, c in enumerate(orig) if "0" <= c <= "9"]
    if len(pos) < 8 or not luhn_valid("".join(orig[i] for i in pos)):
        return None
    return pos[-1]


def token(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    """The default surrogate: class-preserving, prefix kept, Luhn kept. A keyed
    permutation of all codes of the same shape, so distinct codes stay distinct."""
    prefix, body = _split_prefix(text)
    hex_mode = label == "MAC_ADDRESS" or prefix == "0x" or (_is_hex(body) and _one_case(body))
    check = _luhn_fixed(body)
    fixed = frozenset() if check is None else frozenset({check})

    def make(attempt: int) -> str:
        new = permute_code(body, seeder, label, prefix, str(attempt), hex_mode=hex_mode,
                           fixed=fixed)  # fmt: skip
        if new is None:  # non-ASCII or huge: a keyed random draw
            rng = seeder.rng(label, norm, str(attempt))
            return prefix + _fix_luhn(body, scramble(body, rng, hex_mode=hex_mode))
        return prefix + _fix_luhn(body, new)

    return _differs(text, make)


def secret(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    """Like :func:`token`, but PEM ``-----BEGIN ...-----`` lines are kept."""
    if "-----" not in text:
        return token(text, attrs, seeder, label, norm)
    rng = seeder.rng(label, norm)
    out, pos = [], 0
    for m in _PEM.finditer(text):
        out.append(scramble(text[pos : m.start()], rng))
        out.append(m.group(0))
        pos = m.end()
    out.append(scramble(text[pos:], rng))
    return "".join(out)


def wallet(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    """Crypto wallets: ``0x`` addresses stay hex, others stay base58 (or bech32)."""
    prefix, body = _split_prefix(text)
    rng = seeder.rng(label, norm)
    if prefix == "0x" or _is_hex(body):
        return prefix + scramble(body, rng, hex_mode=True)
    if prefix in ("bc1", "tb1", "ltc1"):
        return prefix + scramble(body.lower(), rng, alphabet="qpzry9x8gf2tvdw0s3jn54khce6mua7l")
    # base58: keep the version character (1, 3, L, M, T...)
    return prefix + body[:1] + scramble(body[1:], rng, alphabet=_B58)


_URL_WORDS = frozenset(
    """users user u profile profiles people person member members id account accounts in p
    channel c status posts post photos about home index search view show edit""".split()
)
_URL_SPLIT = re.compile(r"([/?&=#;]+)")


def url(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    """Scheme and host stay; path segments and query values (not keys, not common
    words such as ``users``) get the class-preserving surrogate."""
    rng = seeder.rng(label, norm)
    head = ""
    if "://" in text:
        i = text.index("://") + 3
        j = text.find("/", i)
        head, rest = (text, "") if j < 0 else (text[:j], text[j:])
    else:
        rest = text
    parts = _URL_SPLIT.split(rest)
    out = []
    prev_sep = ""
    for k, p in enumerate(parts):
        if k % 2 == 1:
            out.append(p)
            prev_sep = p
            continue
        is_key = "?" in prev_sep or "&" in prev_sep
        if (
            not p
            or p.lower() in _URL_WORDS
            or (is_key and k + 1 < len(parts) and parts[k + 1] == "=")
        ):
            out.append(p)
        else:  # a keyed permutation per (host, position, shape): ids stay distinct
            seg = permute_code(p, seeder, label, head.lower(), str(k))
            out.append(seg if seg is not None else scramble(p, rng))
    new = head + "".join(out)
    return new if new != text else token(text, attrs, seeder, label, norm)


def ssn(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    """A US SSN in a valid range (area 001-899 but 666, group 01-99, serial 0001-9999),
    in the same format; a keyed bijection on valid SSNs."""
    pos = [i for i, c in enumerate(text) if "0" <= c <= "9"]
    if len(pos) != 9:
        return token(text, attrs, seeder, label, norm)
    orig = "".join(text[i] for i in pos)

    def valid(v: int) -> bool:
        area, group, serial = v // 1_000_000, v // 10_000 % 100, v % 10_000
        return 0 < area < 900 and area != 666 and group > 0 and serial > 0

    def step(v: int) -> int:
        return permute_int(v, 10**9, seeder, label, "ssn")

    # cycle walking keeps this a bijection on valid SSNs: no two collide
    value = walk(int(orig), step, valid)
    if value == int(orig):  # a fixed point: walk on past it
        value = walk(value, step, lambda v: valid(v) and v != int(orig), limit=100)
    digits = f"{value:09d}"
    out = list(text)
    for i, d in zip(pos, digits, strict=True):
        out[i] = d
    return "".join(out)


_VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"


def vin(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    """A VIN with the same manufacturer code (first 3) and a valid check digit."""
    if len(text) != 17 or not text.isalnum():
        return token(text, attrs, seeder, label, norm)
    rng = seeder.rng(label, norm)
    for _ in range(5):
        body = list(text.upper()[:3] + "".join(rng.choice(_VIN_CHARS) for _ in range(14)))
        body[8] = vin_check_digit("".join(body))
        out = "".join(body)
        if out != text.upper():
            break
    return out if not text.islower() else out.lower()


_INT = re.compile(r"\d{1,3}")


def age(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    """An age within 3 years of the original (never equal), clamped to 0-120."""
    m = _INT.search(text)
    years = attrs.get("years")
    if m is None and not (years and years.isdigit()):
        return token(text, attrs, seeder, label, norm)
    value = int(m.group(0)) if m else int(years)  # type: ignore[arg-type]
    rng = seeder.rng(label, str(value))
    delta = rng.choice((-3, -2, -1, 1, 2, 3))
    new = min(120, max(0, value + delta))
    if new == value:
        new = value - delta if 0 <= value - delta <= 120 else value + 1
    if m is None:
        return str(new)
    return text[: m.start()] + str(new) + text[m.end() :]


_NUM = re.compile(r"\d+(?:\.\d+)?")


def coordinates(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    """Latitude then longitude, decimal (``48.8566, 2.3522``) or degrees-minutes-
    seconds (``48°51'24"N``): same signs, decimals and symbols, values in range."""
    rng = seeder.rng(label, norm)
    degrees = 0
    plain = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal degrees, plain
        s = m.group(0)
        if text.startswith("°", m.end()):
            bound = 90 if degrees == 0 else 180
            degrees += 1
        elif degrees:
            bound = 60  # minutes or seconds
        else:
            bound = 90 if plain == 0 else 180
            plain += 1
        decimals = min(12, len(s.split(".")[1])) if "." in s else 0
        value = rng.uniform(0, bound - 1)
        return f"{value:.{decimals}f}" if decimals else str(int(value))

    out = _NUM.sub(repl, text)
    return out if out != text else token(text, attrs, seeder, label, norm)


def tag(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    """Labels whose values are plain words with no useful fake (DEMOGRAPHIC): ``<LABEL>``."""
    return f"<{label}>"
