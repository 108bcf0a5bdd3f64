"""Collision table for ``pseudonymize``: distinct inputs -> distinct surrogates?

    python bench/collisions.py                 # 2,000 distinct inputs per row
    python bench/collisions.py -n 10000
    VEIL_SRC=/path/to/other/src python bench/collisions.py   # compare a checkout

Every row draws ``n`` distinct, realistic values of one shape (seeded, so each
run sees the same inputs), pseudonymizes them with one key through the public
operator and counts distinct surrogates. ``collision rate`` = 1 - outputs /
inputs; ``same`` counts surrogates equal to their input (must be 0). Rows
marked ``unique=True`` call the email family with its opt-in digit suffix for
digit-free local parts (the operator does not pass it yet). PERSON is
shown for reference: names map through finite name lists, so it is lossy by
design (the bound is the birthday bound of the list sizes). Time per value is
printed relative to the ``token u-#####`` row measured in the same run.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import random
import string
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [os.environ.get("VEIL_SRC") or str(ROOT / "src")]

from veil.keys import Key  # noqa: E402
from veil.transform.base import OperatorContext  # noqa: E402
from veil.transform.pseudonymize import Pseudonymize  # noqa: E402
from veil.types import Span  # noqa: E402

try:  # the opt-in ``unique`` email suffix (absent in older checkouts)
    from veil.transform.surrogates import Seeder, family_for
    from veil.transform.surrogates.emails import COLLISION_SPACE  # noqa: F401
except ImportError:
    family_for = None  # type: ignore[assignment]

CORPS = ["acme.com", "globex.co.uk", "initech.de", "umbrella.io", "hooli.com", "stark.org"]
WORDS = ["user", "admin1", "dev", "test", "player", "gamer", "star", "blue", "cool", "ninja"]


def _faker(seed: int, locale: str = "en_US"):
    from faker import Faker

    f = Faker(locale)
    f.seed_instance(seed)
    return f


def gen_rows(n: int) -> list[tuple[str, str, Callable[[random.Random], str]]]:
    fk = _faker(7)
    fk_de = _faker(8, "de_DE")

    def first_last(r: random.Random) -> str:
        sep = r.choice([".", ".", "_", ""])
        return f"{fk.first_name()}{sep}{fk.last_name()}@{r.choice(CORPS)}".lower()

    def jsmith(r: random.Random) -> str:
        return f"{fk.first_name()[0]}{fk.last_name()}@{r.choice(CORPS)}".lower()

    def user123(r: random.Random) -> str:
        return f"{r.choice(WORDS)}{r.randint(1, 9999)}@gmail.com"

    def handle(r: random.Random) -> str:
        return f"{fk.user_name()}@{r.choice(['gmail.com', 'yahoo.com', 'outlook.com'])}"

    def phone_us(r: random.Random) -> str:
        import phonenumbers as pn

        while True:
            d = f"{r.randint(201, 989)}{r.randint(200, 999)}{r.randint(0, 9999):04d}"
            if pn.is_valid_number(pn.parse(d, "US")):
                return f"({d[:3]}) {d[3:6]}-{d[6:]}"

    def phone_de(r: random.Random) -> str:
        return f"+49 {r.choice(['151', '160', '170', '176'])} {r.randint(0, 99999999):08d}"

    def nino(r: random.Random) -> str:
        pre = "".join(r.choice("ABCEGHJKLMNPRSTWXYZ") for _ in range(2))
        return f"{pre}{r.randint(0, 999999):06d}{r.choice('ABCD')}"

    def private_ip(r: random.Random) -> str:
        return f"192.168.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def public_ip(r: random.Random) -> str:
        while True:
            a = ipaddress.IPv4Address(r.getrandbits(32))
            if a.is_global and not a.is_multicast:
                return str(a)

    def mac(r: random.Random) -> str:
        return ":".join(f"{r.getrandbits(8):02x}" for _ in range(6))

    def date(r: random.Random) -> str:
        return f"{r.randint(1950, 2024)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"

    def url(r: random.Random) -> str:
        return f"https://example.com/users/{r.randint(1, 99999)}"

    def url_handle(r: random.Random) -> str:
        return f"https://x.com/{fk.user_name()}"

    return [
        ("EMAIL", "first.last@corp", first_last),
        ("EMAIL", "jsmith@corp", jsmith),
        ("EMAIL", "word123@gmail", user123),
        ("EMAIL", "handle@provider", handle),
        ("USERNAME", "@handle", lambda r: "@" + fk.user_name()),
        ("EMAIL", "first.last unique=True", first_last),
        ("EMAIL", "jsmith unique=True", jsmith),
        ("USERNAME", "@handle unique=True", lambda r: "@" + fk.user_name()),
        ("PHONE", "US (415) 555-0123", phone_us),
        ("PHONE", "DE +49 151 ...", phone_de),
        ("CREDIT_CARD", "faker cards", lambda r: fk.credit_card_number()),
        ("IBAN", "DE", lambda r: fk_de.iban()),
        ("IBAN", "ES (national check)", lambda r: _faker(r.getrandbits(32), "es_ES").iban()),
        ("US_SSN", "###-##-####", lambda r: fk.ssn()),
        ("NATIONAL_ID", "UK NINO AB123456C", nino),
        ("USER_ID", "token u-#####", lambda r: f"u-{r.randint(0, 99999):05d}"),
        ("ACCOUNT_NUMBER", "ACC-000123", lambda r: f"ACC-{r.randint(0, 999999):06d}"),
        ("USER_ID", "uuid", lambda r: str(uuid.UUID(int=r.getrandbits(128), version=4))),
        ("USER_ID", "short code a1B2", lambda r: "".join(r.choices(string.ascii_letters, k=4))),
        ("IP_ADDRESS", "192.168.x.y", private_ip),
        ("IP_ADDRESS", "public IPv4", public_ip),
        ("MAC_ADDRESS", "aa:bb:..", mac),
        ("DATE", "ISO (shift by key)", date),
        ("URL", "/users/<id>", url),
        ("URL", "x.com/<handle>", url_handle),
        ("PERSON", "First Last (lossy)", lambda r: f"{fk.first_name()} {fk.last_name()}"),
    ]


def distinct(make: Callable[[random.Random], str], n: int, seed: int) -> list[str]:
    r = random.Random(seed)
    seen: dict[str, None] = {}
    for _ in range(n * 50):
        seen[make(r)] = None
        if len(seen) == n:
            break
    return list(seen)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=2000, help="distinct inputs per row")
    args = ap.parse_args()
    op = Pseudonymize()
    ctx = OperatorContext(Key(b"bench-collisions-key-0123456789", "bench"))
    rows = []
    for k, (label, shape, make) in enumerate(gen_rows(args.n)):
        values = distinct(make, args.n, 1000 + k)
        t0 = time.perf_counter()
        if "unique=True" in shape:  # the email family's opt-in digit suffix
            if family_for is None:
                continue
            seeder = Seeder(ctx.key.derive("pseudonym"))  # type: ignore[union-attr]
            fn = family_for(label)
            outs = [fn(v, {}, seeder, label, v, locale="en_US", unique=True) for v in values]
        else:
            outs = [op.apply(Span(0, len(v), label, 1.0, "bench", v, {}), ctx) for v in values]
        dt = (time.perf_counter() - t0) / len(values)
        same = sum(o == v for o, v in zip(outs, values, strict=True))
        rows.append((label, shape, len(values), len(set(outs)), same, dt))
    ref = next(r[5] for r in rows if r[1] == "token u-#####")
    print(f"{'label':<15}{'shape':<22}{'inputs':>7}{'outputs':>8}{'collision':>10}"
          f"{'same':>5}{'time/ref':>9}")  # fmt: skip
    for label, shape, n_in, n_out, same, dt in rows:
        rate = 1 - n_out / n_in
        print(f"{label:<15}{shape:<22}{n_in:>7}{n_out:>8}{rate:>9.2%} {same:>4}{dt / ref:>9.1f}")
    print(f"(reference row 'token u-#####': {ref * 1e6:.0f} us/value)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
