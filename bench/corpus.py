"""Seeded generator of a benchmark corpus with gold spans, plus look-alike negatives.

    python bench/corpus.py --docs 2000 --out bench/data/corpus.jsonl \
        --negatives bench/data/negatives.jsonl
    python bench/corpus.py --prose --docs 5000 --out bench/data/prose.jsonl

Documents (~1 KB each) come in seven genres: chat, ticket, email (with a
signature block), web (forum posts), code (config files and snippets), logs and
medical notes. Every identifier is synthetic (Faker with a fixed seed, several
locales; checksums are valid: Luhn cards, mod-97 IBANs, NHS mod 11, Verhoeff
Aadhaar, VIN check digits, base58check and bech32 wallets...). Each line is
``{"id", "genre", "text", "spans": [{"start", "end", "label"}]}`` (Veil labels).

* default mode: every document plants 3 to 7 identifiers, covering every Veil label.
* ``--prose``: realistic prose with a realistic density: most documents carry 0 to
  3 identifiers (for throughput runs).
* ``--negatives``: documents full of non-personal look-alikes (documentation IPs,
  example.com mail, versions, order numbers, UUIDs, commit hashes, test cards,
  ISBNs...) and no gold spans: anything flagged there is a false positive.

Gold conventions: AGE marks the number only; USERNAME marks the handle without
``@``; URL marks the whole profile URL; SECRET marks the token or password value;
log timestamps are not gold dates (they are not personal).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import string
import sys
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import phonenumbers
from faker import Faker
from stdnum import iban as std_iban
from stdnum import luhn, verhoeff
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.gb import nhs
from stdnum.in_ import aadhaar
from stdnum.iso7064 import mod_11_10
from stdnum.it import codicefiscale
from stdnum.nl import bsn

LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "en_IN", "pl_PL"]
PHONE_REGIONS = {
    "en_US": "US",
    "en_GB": "GB",
    "de_DE": "DE",
    "fr_FR": "FR",
    "es_ES": "ES",
    "it_IT": "IT",
    "nl_NL": "NL",
    "pt_BR": "BR",
    "en_IN": "IN",
    "pl_PL": "PL",
}
CITIES = [
    "Lisbon", "Berlin", "Manchester", "Lyon", "Seville", "Turin", "Rotterdam", "Krakow",
    "Chicago", "Denver", "Toronto", "Melbourne", "Mumbai", "Porto Alegre", "Glasgow",
    "Marseille", "Hamburg", "Valencia", "Bologna", "Utrecht", "Austin", "Seattle", "Dublin",
    "Edinburgh", "Munich", "Bangalore", "Nairobi", "Osaka", "Oslo", "Vienna",
]  # fmt: skip
COUNTRIES = [
    "Portugal", "Germany", "Poland", "Ireland", "Brazil", "India", "Kenya", "Norway",
    "Austria", "Canada", "Mexico", "Greece", "Vietnam", "Argentina", "Morocco",
]  # fmt: skip
DEMOGRAPHICS = [
    "Polish", "Brazilian", "Nigerian", "Catholic", "Muslim", "Jewish", "Hindu", "Sikh",
    "Hispanic", "Korean-American", "Irish", "Vietnamese", "Buddhist", "Kurdish", "Somali",
]  # fmt: skip
HOSPITALS = [
    "St. Mary's Hospital", "Royal Infirmary of Edinburgh", "Charité Berlin",
    "Mercy General Hospital", "Hospital Clínic de Barcelona", "Northside Medical Center",
]  # fmt: skip
SCHOOLS = ["University of Leeds", "Lincoln High School", "Universidad de Sevilla", "TU Delft"]
FREE_MAIL = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "gmx.de", "web.de",
             "orange.fr", "libero.it", "protonmail.com", "icloud.com"]  # fmt: skip
SOCIAL = [
    "https://github.com/{u}",
    "https://www.linkedin.com/in/{u}-{n}",
    "https://twitter.com/{u}",
    "https://www.instagram.com/{u}/",
    "https://www.facebook.com/{u}.{n}",
    "https://gitlab.com/{u}",
    "https://medium.com/@{u}",
]
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


# -- checksummed identifiers ----------------------------------------------------
def _b58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


def _bech32_polymod(values: list[int]) -> int:
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def _bech32(hrp: str, witver: int, prog: bytes) -> str:
    acc, bits, data = 0, 0, [witver]
    for b in prog:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    hrp_exp = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = _bech32_polymod([*hrp_exp, *data, 0, 0, 0, 0, 0, 0]) ^ 1
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data + chk)


def _eth(rng: random.Random) -> str:
    raw = "".join(rng.choice("0123456789abcdef") for _ in range(40))
    # EIP-55 needs keccak; sha3_256 differs, so use all-lowercase (valid, unchecksummed)
    return "0x" + raw


VIN_MAP = {**{str(i): i for i in range(10)}, **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
           **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
           **dict(zip("STUVWXYZ", range(2, 10), strict=True))}  # fmt: skip
VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def _vin(rng: random.Random) -> str:
    alpha = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    wmi = rng.choice(["1HG", "WVW", "JHM", "5YJ", "WBA", "VF1", "ZFA", "1FT", "2T1", "SAL"])
    chars = list(wmi + "".join(rng.choice(alpha) for _ in range(14)))
    chars[9] = rng.choice("ABCDEFGHJKLMNPRSTVWXY123456789")  # model year
    total = sum(VIN_MAP[c] * w for c, w in zip(chars, VIN_W, strict=True))
    chars[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(chars)


def _nino(rng: random.Random) -> str:
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        pre = rng.choice(first) + rng.choice(second)
        if pre not in {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}:
            break
    d = "".join(rng.choice(string.digits) for _ in range(6))
    sep = rng.choice(["", " "])
    if sep:
        return f"{pre} {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}"
    return f"{pre}{d}{rng.choice('ABCD')}"


def _retry(make: Callable[[], str], ok: Callable[[str], bool]) -> str:
    for _ in range(1000):
        v = make()
        if ok(v):
            return v
    raise RuntimeError("could not generate a valid value")


class Pii:
    """Makes synthetic identifiers; every value of a label through one method."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in LOCALES}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed * 100 + i)

    def f(self, loc: str | None = None) -> Faker:
        return self.fakers[loc or self.rng.choice(LOCALES)]

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    # people and contact
    def person(self) -> str:
        f = self.f()
        r = self.rng.random()
        if r < 0.6:
            return f"{f.first_name()} {f.last_name()}"
        if r < 0.8:
            return (
                f"{f.prefix().strip() or 'Dr.'} {f.last_name()}"
                if hasattr(f, "prefix")
                else f.last_name()
            )
        return f.name()

    def first_name(self) -> str:
        return self.f().first_name()

    def email(self) -> str:
        f = self.f("en_US")
        first, last = f.first_name().lower(), f.last_name().lower()
        local = self.rng.choice(
            [f"{first}.{last}", f"{first[0]}{last}", f"{first}{self.digits(2)}", f"{last}.{first}"]
        )
        dom = self.rng.choice(FREE_MAIL) if self.rng.random() < 0.7 else f.domain_name()
        if any(dom.endswith(x) for x in ("example.com", "example.org", "example.net")):
            dom = "gmail.com"
        return f"{local}@{dom}"

    def phone(self) -> str:
        loc = self.rng.choice(LOCALES)
        region = PHONE_REGIONS[loc]
        f = self.f(loc)
        for _ in range(50):
            raw = f.phone_number()
            try:
                num = phonenumbers.parse(raw, region)
            except phonenumbers.NumberParseException:
                continue
            if not phonenumbers.is_valid_number(num):
                continue
            style = self.rng.random()
            if style < 0.35:
                return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
            if style < 0.7:
                return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
            if style < 0.8:
                return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            return raw.split("x")[0].strip()
        return "+1 415 555 2671"

    def credit_card(self) -> str:
        from veil.detect.allowlist import DEFAULT_TEST_CARDS

        kind = self.rng.choice(
            ["visa", "visa", "mastercard", "mastercard", "amex", "discover", "jcb", "diners"]
        )
        num = _retry(
            lambda: self.f("en_US").credit_card_number(kind),
            lambda v: luhn.is_valid(v) and v not in DEFAULT_TEST_CARDS,
        )
        style = self.rng.random()
        if style < 0.4:
            return num
        sep = " " if style < 0.8 else "-"
        if len(num) == 15:
            return sep.join([num[:4], num[4:10], num[10:]])
        return sep.join(num[i : i + 4] for i in range(0, len(num), 4))

    def iban(self) -> str:
        loc = self.rng.choice(
            ["de_DE", "en_GB", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "pt_BR"]
        )
        v = _retry(lambda: self.f(loc).iban(), std_iban.is_valid)
        return std_iban.format(v) if self.rng.random() < 0.5 else v

    def us_ssn(self) -> str:
        v = self.f("en_US").ssn()
        return v if self.rng.random() < 0.85 else v.replace("-", " ")

    def national_id(self) -> str:
        kind = self.rng.choice(
            ["nino", "nhs", "idnr", "nir", "dni", "nie", "cf", "bsn", "aadhaar", "pan"]
        )
        self.last_kind = kind
        if kind == "nino":
            return _nino(self.rng)
        if kind == "nhs":
            v = _retry(lambda: self.digits(10), nhs.is_valid)
            return f"{v[:3]} {v[3:6]} {v[6:]}" if self.rng.random() < 0.6 else v
        if kind == "idnr":

            def mk() -> str:
                body = self.rng.choice("123456789") + self.digits(9)
                return body + mod_11_10.calc_check_digit(body)

            return _retry(mk, idnr.is_valid)
        if kind == "nir":
            return _retry(lambda: self.f("fr_FR").ssn(), nir.is_valid)
        if kind == "dni":
            return _retry(lambda: self.f("es_ES").nif(), dni.is_valid)
        if kind == "nie":
            return _retry(lambda: self.f("es_ES").nie(), nie.is_valid)
        if kind == "cf":
            return _retry(lambda: self.f("it_IT").ssn(), codicefiscale.is_valid)
        if kind == "bsn":
            return _retry(lambda: self.f("nl_NL").ssn(), bsn.is_valid)
        if kind == "aadhaar":

            def mk_a() -> str:
                body = self.rng.choice("23456789") + self.digits(10)
                return body + verhoeff.calc_check_digit(body)

            v = _retry(mk_a, aadhaar.is_valid)
            return f"{v[:4]} {v[4:8]} {v[8:]}" if self.rng.random() < 0.6 else v
        letters = string.ascii_uppercase
        return (
            "".join(self.rng.choice(letters) for _ in range(3))
            + self.rng.choice("PCHFATBLJG")
            + self.rng.choice(letters)
            + self.digits(4)
            + self.rng.choice(letters)
        )

    def passport(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return self.f("en_US").passport_number()
        if r < 0.7:
            return self.digits(9)
        alnum = "CFGHJKLMNPRTVWXYZ0123456789"
        return "C" + "".join(self.rng.choice(alnum) for _ in range(8))

    def driver_license(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return self.rng.choice(string.ascii_uppercase) + self.digits(7)
        if r < 0.7:
            last = self.f("en_GB").last_name().upper().replace(" ", "")[:5].ljust(5, "9")
            return f"{last}{self.digits(6)}{self.rng.choice(string.ascii_uppercase)}{self.rng.choice(string.ascii_uppercase)}9{self.rng.choice(string.ascii_uppercase)}{self.rng.choice(string.ascii_uppercase)}"
        return f"{self.digits(3)}-{self.digits(3)}-{self.digits(3)}"

    def mrn(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.digits(self.rng.choice([7, 8, 10]))
        return f"{self.rng.choice(['MRN', 'H', 'PT'])}-{self.digits(7)}"

    def ip(self) -> str:
        if self.rng.random() < 0.8:
            f = self.f("en_US")
            return _retry(
                f.ipv4_public,
                lambda v: not v.startswith(("192.0.2.", "198.51.100.", "203.0.113.", "127.")),
            )
        groups = [f"{self.rng.randint(0x2400, 0x2A0F):x}"] + [
            f"{self.rng.randint(0, 0xFFFF):x}" for _ in range(7)
        ]
        if self.rng.random() < 0.4:
            return ":".join(groups[:4]) + "::" + groups[7]
        return ":".join(groups)

    def mac(self) -> str:
        b = [self.rng.randint(0, 255) for _ in range(6)]
        b[0] &= 0xFC
        sep = self.rng.choice([":", ":", "-"])
        s = sep.join(f"{x:02x}" for x in b)
        return s.upper() if self.rng.random() < 0.5 else s

    def username(self) -> str:
        f = self.f("en_US")
        first, last = f.first_name().lower(), f.last_name().lower()
        return self.rng.choice(
            [
                f"{first}_{last}",
                f"{first[0]}{last}{self.digits(2)}",
                f"{last}{first[:3]}",
                f"{first}.{last[:4]}{self.digits(3)}",
            ]
        )

    def url(self) -> str:
        return self.rng.choice(SOCIAL).format(u=self.username().replace(".", ""), n=self.digits(3))

    def secret(self) -> str:
        alnum = string.ascii_letters + string.digits
        kind = self.rng.choice(
            ["aws", "ghp", "slack", "stripe", "google", "jwt", "openai", "password"]
        )
        pick = self.rng.choice
        if kind == "aws":
            return "AKIA" + "".join(pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
        if kind == "ghp":
            return "ghp_" + "".join(pick(alnum) for _ in range(36))
        if kind == "slack":
            return f"xoxb-{self.digits(12)}-{self.digits(13)}-" + "".join(
                pick(alnum) for _ in range(24)
            )
        if kind == "stripe":
            return "sk_live_" + "".join(pick(alnum) for _ in range(24))
        if kind == "google":
            return "AIza" + "".join(pick(alnum + "-_") for _ in range(35))
        if kind == "openai":
            return "sk-proj-" + "".join(pick(alnum) for _ in range(48))
        if kind == "jwt":
            import base64

            def seg(obj: dict) -> str:
                return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

            sig = "".join(pick(alnum + "-_") for _ in range(43))
            return f"{seg({'alg': 'HS256', 'typ': 'JWT'})}.{seg({'sub': self.digits(8), 'iat': 1700000000})}.{sig}"
        return "".join(pick(alnum + "!#%&*") for _ in range(self.rng.randint(12, 20)))

    def wallet(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return _b58check(bytes([0]) + self.rng.randbytes(20))
        if r < 0.55:
            return _b58check(bytes([5]) + self.rng.randbytes(20))
        if r < 0.8:
            return _bech32("bc", 0, self.rng.randbytes(20))
        return _eth(self.rng)

    def coordinates(self) -> str:
        lat = self.rng.uniform(-60, 70)
        lon = self.rng.uniform(-170, 170)
        d = self.rng.choice([4, 5, 6])
        return f"{lat:.{d}f}, {lon:.{d}f}"

    def vin(self) -> str:
        return _vin(self.rng)

    def date(self) -> str:
        d = self.f("en_US").date_between("-6y", "+1y")
        fmt = self.rng.choice(
            ["%B %d, %Y", "%Y-%m-%d", "%m/%d/%Y", "%d %b %Y", "%d.%m.%Y", "%-d %B %Y"]
        )
        return d.strftime(fmt)

    def dob(self) -> str:
        d = self.f("en_US").date_of_birth(minimum_age=1, maximum_age=95)
        fmt = self.rng.choice(["%Y-%m-%d", "%m/%d/%Y", "%d %B %Y", "%B %-d, %Y", "%d.%m.%Y"])
        return d.strftime(fmt)

    def age(self) -> str:
        return str(self.rng.randint(2, 97))

    def address(self) -> str:
        loc = self.rng.choice(
            ["en_US", "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL"]
        )
        f = self.f(loc)
        if loc == "en_US":
            return f"{f.street_address()}, {f.city()}, {f.state_abbr()} {f.zipcode()}"
        return ", ".join(line.strip() for line in f.address().splitlines() if line.strip())

    def location(self) -> str:
        return self.rng.choice(CITIES) if self.rng.random() < 0.75 else self.rng.choice(COUNTRIES)

    def organization(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.f().company()
        if r < 0.75:
            return self.rng.choice(HOSPITALS)
        return self.rng.choice(SCHOOLS)

    def demographic(self) -> str:
        return self.rng.choice(DEMOGRAPHICS)


# -- sentence templates -----------------------------------------------------------
# "{}" is the identifier; a template list per label, usable in most genres.
T: dict[str, list[str]] = {
    "PERSON": ["I talked to {} about it this morning.", "{} will take over the account.",
               "Please loop in {} before we ship.", "Thanks to {} for the quick turnaround.",
               "Assigned to {}.", "Patient seen together with {}."],
    "EMAIL": ["You can reach me at {} anytime.", "Send the invoice to {} please.",
              "Reply-to: {}", "my email is {}", "CC {} on the thread."],
    "PHONE": ["Call me on {} if anything breaks.", "Phone: {}", "my number is {}",
              "You can text {} after six.", "Mobile {} (work)."],
    "CREDIT_CARD": ["The charge went to card {} and bounced.", "Card number: {}",
                    "paid with {} but got no receipt"],
    "IBAN": ["Please refund to IBAN {}.", "Bank account (IBAN): {}", "wire it to {} as usual"],
    "US_SSN": ["SSN: {}", "my social security number is {}", "Social Security No. {}"],
    "NATIONAL_ID": ["National ID: {}", "my national insurance number is {}",
                    "ID number {} was on the form.", "Tax ID: {}"],
    "PASSPORT": ["Passport number: {}", "passport no. {} expires soon",
                 "Travelling on passport {}."],
    "DRIVER_LICENSE": ["Driver's license: {}", "driving licence number {}",
                       "DL# {} was scanned at the desk."],
    "MEDICAL_RECORD_NUMBER": ["MRN: {}", "Medical record number {}", "Patient ID: {}"],
    "IP_ADDRESS": ["Requests came from {} all night.", "my IP is {}",
                   "The login originated at {}."],
    "MAC_ADDRESS": ["Device MAC {} keeps dropping off the network.", "MAC address: {}"],
    "URL": ["My profile: {}", "see {} for my other projects", "Portfolio at {}"],
    "USERNAME": ["my username is {}", "login: {}", "the account {} is locked"],
    "SECRET": ["token: {}", "api_key = {}", "here is the key {} (rotate later)"],
    "CRYPTO_WALLET": ["Send the BTC to {} please.", "wallet address: {}",
                      "Tips welcome: {}"],
    "COORDINATES": ["I'm parked at {} right now.", "GPS: {}", "Meet at {}."],
    "VEHICLE_ID": ["VIN {} on the registration.", "Vehicle identification number: {}"],
    "DATE": ["The appointment is on {}.", "Signed on {}.", "we moved in on {}",
             "Last contact: {}."],
    "DATE_OF_BIRTH": ["DOB: {}", "Date of birth: {}", "I was born on {}."],
    "AGE": ["I'm {} years old.", "Age: {}", "a {}-year-old patient", "my son is {} now"],
    "STREET_ADDRESS": ["Ship it to {}.", "Address: {}", "I live at {}.",
                       "New billing address is {}."],
    "LOCATION": ["I just moved to {}.", "We are based in {}.", "Flying back from {} tomorrow."],
    "ORGANIZATION": ["I work at {}.", "Referred by {}.", "Employer: {}"],
    "DEMOGRAPHIC": ["As a {} woman, I found this relevant.", "Religion: {}",
                    "the family is {} and asked for an interpreter"],
}  # fmt: skip

# national ids: the context a real document would give each kind
NATIONAL_ID_T: dict[str, list[str]] = {
    "nino": ["my national insurance number is {}", "NI number: {}"],
    "nhs": ["NHS number: {}", "NHS no. {} confirmed at reception."],
    "idnr": ["Steuer-ID: {}", "Steueridentifikationsnummer {}"],
    "nir": ["numéro de sécurité sociale : {}", "NIR {}"],
    "dni": ["DNI: {}", "my DNI is {}"],
    "nie": ["NIE: {}", "número NIE {}"],
    "cf": ["codice fiscale: {}", "Codice Fiscale {}"],
    "bsn": ["BSN: {}", "burgerservicenummer {}"],
    "aadhaar": ["Aadhaar number: {}", "my Aadhaar is {}"],
    "pan": ["PAN: {}", "PAN card number {}"],
}

MAKERS: dict[str, str] = {
    "PERSON": "person", "EMAIL": "email", "PHONE": "phone", "CREDIT_CARD": "credit_card",
    "IBAN": "iban", "US_SSN": "us_ssn", "NATIONAL_ID": "national_id", "PASSPORT": "passport",
    "DRIVER_LICENSE": "driver_license", "MEDICAL_RECORD_NUMBER": "mrn", "IP_ADDRESS": "ip",
    "MAC_ADDRESS": "mac", "URL": "url", "USERNAME": "username", "SECRET": "secret",
    "CRYPTO_WALLET": "wallet", "COORDINATES": "coordinates", "VEHICLE_ID": "vin",
    "DATE": "date", "DATE_OF_BIRTH": "dob", "AGE": "age", "STREET_ADDRESS": "address",
    "LOCATION": "location", "ORGANIZATION": "organization", "DEMOGRAPHIC": "demographic",
}  # fmt: skip

GENRE_LABELS: dict[str, list[str]] = {
    "chat": ["PERSON", "PHONE", "EMAIL", "USERNAME", "URL", "DATE", "AGE", "LOCATION",
             "COORDINATES", "CRYPTO_WALLET", "STREET_ADDRESS", "DEMOGRAPHIC"],
    "ticket": ["PERSON", "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "STREET_ADDRESS",
               "DATE", "USERNAME", "VEHICLE_ID", "PASSPORT", "DRIVER_LICENSE", "MAC_ADDRESS",
               "US_SSN"],
    "email": ["PERSON", "EMAIL", "PHONE", "ORGANIZATION", "STREET_ADDRESS", "URL", "DATE", "IBAN",
              "NATIONAL_ID", "CRYPTO_WALLET"],
    "web": ["USERNAME", "URL", "LOCATION", "AGE", "DEMOGRAPHIC", "PERSON", "EMAIL", "DATE",
            "ORGANIZATION", "COORDINATES"],
    "code": ["SECRET", "EMAIL", "IP_ADDRESS", "MAC_ADDRESS", "USERNAME", "URL"],
    "logs": ["IP_ADDRESS", "MAC_ADDRESS", "EMAIL", "USERNAME", "SECRET"],
    "medical": ["PERSON", "DATE_OF_BIRTH", "AGE", "MEDICAL_RECORD_NUMBER", "NATIONAL_ID", "US_SSN",
                "PHONE", "STREET_ADDRESS", "ORGANIZATION", "DATE", "DEMOGRAPHIC"],
}  # fmt: skip

FILLER: dict[str, list[str]] = {
    "chat": [
        "lol yeah that's what I thought too", "ok sounds good, see you later",
        "did you see the game last night? unreal ending", "brb grabbing coffee",
        "can you send me the slides again, the link expired", "haha no way",
        "the wifi here is terrible, messages might be delayed", "honestly I'd rather stay in tonight",
        "traffic was insane this morning, took me an hour", "sure, whatever works for you",
        "I'll check and get back to you", "my phone is at 3% so keep it short",
        "that recipe was great btw, thanks for sharing", "we should plan something for the long weekend",
        "ugh, the printer jammed again", "nvm found it", "is the meeting still on?",
    ],
    "ticket": [
        "The export job fails with a timeout after about ten minutes.",
        "Steps to reproduce: open the dashboard, click refresh twice, wait.",
        "Expected behaviour: the report loads. Actual behaviour: a blank page.",
        "This started after the latest update; it worked fine before.",
        "Priority: high. Affects the whole billing team.",
        "I already cleared the cache and tried another browser.",
        "Please advise on a workaround until the fix is deployed.",
        "The customer was charged twice for the same order and wants a refund.",
        "Attached are two screenshots of the error dialog.",
        "Status changed from open to pending by the support agent.",
        "Escalating because the SLA for this account is four hours.",
        "The delivery was marked as completed but nothing arrived.",
    ],
    "email": [
        "I hope this message finds you well.", "Following up on our conversation from last week.",
        "Please find the signed contract attached.", "Let me know if you have any questions.",
        "We would be happy to schedule a call to go through the proposal.",
        "Unfortunately the shipment has been delayed by customs.",
        "The budget for the next quarter has been approved by finance.",
        "Could you confirm the details below at your earliest convenience?",
        "Thanks again for your patience while we sorted this out.",
        "The updated terms apply from the start of the next billing cycle.",
        "I am out of the office with limited access to email.",
    ],
    "web": [
        "Long time lurker, first post.", "Has anyone else had this problem with the new firmware?",
        "Edit: fixed a typo.", "Not sure if this is the right subforum, mods feel free to move it.",
        "I've tried everything in the FAQ and nothing works.", "Upvoted, this saved me hours.",
        "Honestly the old version was better in every way.",
        "Here's my setup in case it helps: stock cooler, two fans, nothing fancy.",
        "Any recommendations for a beginner-friendly hiking trail?",
        "Thanks in advance for any help!", "This thread is gold.",
        "The review undersells how loud the fan gets under load.",
    ],
    "medical": [
        "Chief complaint: intermittent chest pain for two weeks.",
        "Vitals stable. No acute distress.", "Allergies: penicillin (rash).",
        "Plan: continue current medication and follow up in four weeks.",
        "History of hypertension, well controlled.", "Denies fever, chills or weight loss.",
        "Lungs clear to auscultation bilaterally.", "Labs ordered: CBC, BMP, lipid panel.",
        "Patient counselled on diet and exercise.", "Discharged home in good condition.",
        "Family history notable for type 2 diabetes.",
    ],
}  # fmt: skip

CODE_LINES = [
    "import os", "import logging", "from pathlib import Path", "",
    "logger = logging.getLogger(__name__)", "TIMEOUT_S = 30", "MAX_RETRIES = 5",
    "def load_config(path):", "    with open(path) as f:", "        return yaml.safe_load(f)",
    "# TODO: move this into the settings module", "DEBUG = False", "workers: 4",
    "log_level: info", "cache_ttl: 3600", "[server]", "port = 8443", "region = eu-west-1",
    "retry_backoff: exponential", "    for item in items:", "        process(item)",
]  # fmt: skip
CODE_SLOTS = {
    "SECRET": ["AWS_SECRET_ACCESS_KEY = \"{}\"", "api_key: {}", "password = \"{}\"",
               "export GITHUB_TOKEN={}", "STRIPE_KEY='{}'", "Authorization: Bearer {}"],
    "EMAIL": ["ADMIN_EMAIL = \"{}\"", "maintainer: {}", "# contact {} for access"],
    "IP_ADDRESS": ["host = \"{}\"", "allowed_hosts: [{}]", "DB_HOST={}"],
    "MAC_ADDRESS": ["hwaddr: {}", "mac = \"{}\""],
    "USERNAME": ["user: {}", "DB_USER={}", "ssh_user = \"{}\""],
    "URL": ["homepage = \"{}\"", "# author profile: {}"],
}  # fmt: skip
LOG_FILLER = [
    "INFO  worker-3 job completed in 812ms", "DEBUG cache miss for key session:index",
    "WARN  slow query took 2.4s", "INFO  GET /api/v2/items 200 14ms",
    "INFO  healthcheck ok", "ERROR upstream timeout after 30000ms, retrying (2/5)",
    "INFO  scheduler tick", "DEBUG connection pool size=20 idle=17",
]  # fmt: skip
LOG_SLOTS = {
    "IP_ADDRESS": ["INFO  accepted connection from {}", "WARN  failed login from {}",
                   "INFO  POST /login 302 client={}"],
    "MAC_ADDRESS": ["INFO  dhcp lease renewed for {}", "DEBUG arp entry {} added"],
    "EMAIL": ["INFO  password reset requested for {}", "INFO  sent receipt to {}"],
    "USERNAME": ["INFO  user={} logged in", "WARN  account {} locked after 5 attempts"],
    "SECRET": ["DEBUG using api key {}", "ERROR invalid token {} rejected"],
}  # fmt: skip


class Builder:
    """Appends text and records gold spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0
        self.spans: list[dict] = []

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.n += len(s)

    def slot(self, template: str, label: str, value: str) -> None:
        before, _, after = template.partition("{}")
        self.add(before)
        self.spans.append({"start": self.n, "end": self.n + len(value), "label": label})
        self.add(value)
        self.add(after)

    def text(self) -> str:
        return "".join(self.parts)


class Corpus:
    def __init__(self, seed: int) -> None:
        self.pii = Pii(seed)
        self.rng = self.pii.rng

    def value(self, label: str) -> str:
        return getattr(self.pii, MAKERS[label])()

    def render(self, label: str) -> tuple[str, str]:
        """(sentence template, value) for one identifier in prose."""
        value = self.value(label)
        if label == "NATIONAL_ID" and self.rng.random() < 0.7:
            return self.rng.choice(NATIONAL_ID_T[self.pii.last_kind]), value
        return self.rng.choice(T[label]), value

    def _timestamp(self) -> str:
        r = self.rng
        return f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z"

    def _labels(self, genre: str, count: int) -> list[str]:
        pool = GENRE_LABELS[genre]
        return [self.rng.choice(pool) for _ in range(count)]

    def document(self, genre: str, count: int, size: int = 1000) -> tuple[str, list[dict]]:
        b = Builder()
        labels = self._labels(genre, count)
        rng = self.rng
        if genre in ("code", "logs"):
            lines = CODE_LINES if genre == "code" else LOG_FILLER
            slots = CODE_SLOTS if genre == "code" else LOG_SLOTS
            items: list[tuple[str, str] | str] = [(lab, rng.choice(slots[lab])) for lab in labels]
            body: list[tuple[str, str] | str] = []
            per_line = 22 if genre == "logs" else 1  # timestamp + newline
            used = 60 * len(items)
            while used < size:
                line = rng.choice(lines)
                body.append(line)
                used += len(line) + per_line
            for it in items:
                body.insert(rng.randint(0, len(body)), it)
            for x in body:
                if genre == "logs":
                    b.add(self._timestamp() + " ")
                if isinstance(x, str):
                    b.add(x)
                else:
                    b.slot(x[1], x[0], self.value(x[0]))
                b.add("\n")
            return b.text(), b.spans
        filler = FILLER[genre if genre in FILLER else "chat"]
        sep = "\n" if genre == "chat" else " "
        if genre == "email":
            b.add(rng.choice(["Hi,", "Hello,", "Dear team,", "Good morning,"]) + "\n\n")
        if genre == "ticket":
            b.add(
                f"Ticket #{rng.randint(10000, 99999)}: {rng.choice(['Refund request', 'Login problem', 'Delivery issue', 'Billing question'])}\n"
            )
        sig = None
        if genre == "email" and "PERSON" in labels:
            labels.remove("PERSON")
            sig = [("PERSON", self.value("PERSON"))]
            if "PHONE" in labels:
                labels.remove("PHONE")
                sig.append(("PHONE", self.value("PHONE")))
            if "ORGANIZATION" in labels:
                labels.remove("ORGANIZATION")
                sig.append(("ORGANIZATION", self.value("ORGANIZATION")))
        budget = size - (60 * len(labels)) - (80 if sig else 0)
        fill: list[str] = []
        pool: list[str] = []
        while sum(len(f) + 1 for f in fill) < budget:
            if not pool:
                pool = rng.sample(filler, len(filler))
            fill.append(pool.pop())
        order: list[str | tuple[str]] = list(fill)
        for lab in labels:
            order.insert(rng.randint(0, len(order)), (lab,))
        for i, x in enumerate(order):
            if i:
                b.add(sep)
            if genre == "chat":
                b.add(rng.choice(["[me] ", "[them] "]))
            if isinstance(x, str):
                b.add(x)
            else:
                template, value = self.render(x[0])
                b.slot(template, x[0], value)
        if sig:
            b.add(
                "\n\n" + rng.choice(["Best regards,", "Kind regards,", "Thanks,", "Cheers,"]) + "\n"
            )
            for lab, val in sig:
                b.slot("{}\n" if lab != "PHONE" else "Tel. {}\n", lab, val)
        return b.text(), b.spans

    def negative(self, size: int = 1000) -> str:
        parts: list[str] = []
        n = 0
        while n < size:
            s = self._lookalike()
            parts.append(s)
            n += len(s) + 1
        return " ".join(parts)

    def _lookalike(self) -> str:
        r = self.rng
        hexd = "0123456789abcdef"
        choices: list[Callable[[], str]] = [
            lambda: f"Server listening on 127.0.0.1:{r.randint(1024, 65535)}.",
            lambda: f"Example host: 192.0.2.{r.randint(1, 254)} (documentation range).",
            lambda: f"Set the gateway to 198.51.100.{r.randint(1, 254)} in the sample config.",
            lambda: f"The test server is 203.0.113.{r.randint(1, 254)}.",
            lambda: f"IPv6 sample: 2001:db8::{r.randint(1, 0xFFFF):x} and loopback ::1.",
            lambda: (
                f"Send a test message to {r.choice(['user', 'test', 'noreply', 'support'])}@example.com."
            ),
            lambda: f"Docs live at https://docs.example.org/v{r.randint(1, 9)}/guide.",
            lambda: (
                f"Upgrade to version {r.randint(1, 20)}.{r.randint(0, 40)}.{r.randint(0, 99)} before release."
            ),
            lambda: f"Order #{r.randint(100000, 9999999)} was shipped.",
            lambda: f"Invoice INV-{r.randint(2019, 2025)}-{r.randint(1, 99999):05d} is attached.",
            lambda: f"Ticket #{r.randint(1000, 99999)} is closed.",
            lambda: f"Object id {uuid.UUID(int=r.getrandbits(128), version=4)} was updated.",
            lambda: f"Fixed in commit {''.join(r.choice(hexd) for _ in range(40))}.",
            lambda: f"See {''.join(r.choice(hexd) for _ in range(7))} for the revert.",
            lambda: f"{self._timestamp()} INFO request handled in {r.randint(2, 900)}ms",
            lambda: (
                f"Use test card {r.choice(['4242 4242 4242 4242', '4111 1111 1111 1111', '5555 5555 5555 4444', '3782 822463 10005'])} in the sandbox."
            ),
            lambda: (
                f"ISBN {r.choice(['978-0-306-40615-7', '978-3-16-148410-0', '0-306-40615-2', '978-1-4028-9462-6'])}"
            ),
            lambda: (
                f"Price: ${r.randint(1, 2999)}.{r.randint(0, 99):02d} (was €{r.randint(1, 999)},{r.randint(0, 99):02d})."
            ),
            lambda: f"Conversion went up {r.randint(1, 99)}.{r.randint(0, 9)}% this quarter.",
            lambda: (
                f"Build {r.randint(2019, 2025)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}.{r.randint(1, 30)} passed."
            ),
            lambda: (
                f"The API returned HTTP {r.choice([200, 201, 301, 400, 403, 404, 429, 500, 503])}."
            ),
            lambda: (
                f"Primary colour #{''.join(r.choice(hexd) for _ in range(6))}, accent #{''.join(r.choice(hexd) for _ in range(3))}."
            ),
            lambda: (
                f"The archive is {r.randint(1, 999)}.{r.randint(0, 9)} MB ({r.randint(1000, 999999)} bytes)."
            ),
            lambda: (
                f"Resolution {r.choice(['1920x1080', '2560x1440', '3840x2160'])} at {r.choice([60, 120, 144])} Hz."
            ),
            lambda: (
                f"Listen on port {r.randint(1024, 65535)} and set timeout={r.randint(1, 120)}s."
            ),
            lambda: f"Step {r.randint(1, 20)} of {r.randint(20, 40)}: run the migration.",
            lambda: f"Tracking number {r.randint(10**11, 10**12 - 1)} (parcel).",
            lambda: f"SKU {r.randint(10**7, 10**8 - 1)}-{r.choice('ABCDEFG')} restocked.",
            lambda: f"Chapter {r.randint(1, 30)}, page {r.randint(1, 400)}.",
            lambda: (
                f"Temperature {r.randint(-10, 40)}.{r.randint(0, 9)} °C, humidity {r.randint(10, 99)}%."
            ),
            lambda: f"Release notes for 20{r.randint(10, 25)}.{r.randint(1, 12)} are out.",
            lambda: f"The scale is 1:{r.choice([50, 100, 25000, 50000])}.",
            lambda: f"Room {r.randint(100, 999)}, floor {r.randint(1, 30)}.",
            lambda: f"Error code 0x{''.join(r.choice(hexd) for _ in range(8))}.",
            lambda: (
                f"Run pytest -k test_{r.randint(1, 99)} -x and check line {r.randint(1, 2000)}."
            ),
        ]
        return r.choice(choices)()


def _density(rng: random.Random) -> int:
    x = rng.random()
    return 0 if x < 0.4 else 1 if x < 0.7 else 2 if x < 0.9 else 3


def generate(n: int, seed: int, prose: bool = False) -> list[dict]:
    c = Corpus(seed)
    genres = list(GENRE_LABELS)
    out = []
    for i in range(n):
        genre = genres[i % len(genres)]
        count = _density(c.rng) if prose else c.rng.randint(3, 7)
        text, spans = c.document(genre, count)
        out.append(
            {"id": f"{'p' if prose else 'c'}{i:06d}", "genre": genre, "text": text, "spans": spans}
        )
    return out


def generate_negatives(n: int, seed: int) -> list[dict]:
    c = Corpus(seed + 7919)
    return [
        {"id": f"n{i:06d}", "genre": "negative", "text": c.negative(), "spans": []}
        for i in range(n)
    ]


def write_jsonl(path: str, rows: list[dict]) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--out", default="bench/data/corpus.jsonl")
    ap.add_argument("--negatives", default=None, help="also write N look-alike negatives here")
    ap.add_argument("--negatives-docs", type=int, default=None, help="default: --docs / 2")
    ap.add_argument("--prose", action="store_true", help="realistic density (0-3 ids per doc)")
    args = ap.parse_args(argv)
    rows = generate(args.docs, args.seed, args.prose)
    write_jsonl(args.out, rows)
    labels = Counter(s["label"] for r in rows for s in r["spans"])
    size = sum(len(r["text"].encode()) for r in rows)
    print(
        f"{args.out}: {len(rows)} docs, {size / len(rows):.0f} bytes/doc, {sum(labels.values())} spans"
    )
    print("  " + ", ".join(f"{k}={v}" for k, v in sorted(labels.items())))
    if args.negatives:
        neg = generate_negatives(args.negatives_docs or max(1, args.docs // 2), args.seed)
        write_jsonl(args.negatives, neg)
        print(f"{args.negatives}: {len(neg)} negative docs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
