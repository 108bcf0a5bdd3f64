"""Synthetic personal identifiers with valid checksums, for canaries and benchmarks.

:class:`Pii` draws fresh values per label from a seeded ``random.Random`` and Faker
(ten locales): Luhn cards of several brands (never a published test card), mod-97
IBANs, phone numbers libphonenumber accepts, NINO, NHS (mod 11), Steuer-ID, NIR,
DNI/NIE, codice fiscale, BSN, Aadhaar (Verhoeff) and PAN, VINs with their check
digit, base58check and bech32 bitcoin addresses, tokens with real prefixes.
:data:`T` holds context sentences per label ("{}" is the value), :data:`MAKERS` maps
each label to its generator method. ``veil anonymize --canaries`` plants these;
``bench/corpus.py`` builds its gold corpus from them.
"""

from __future__ import annotations

import hashlib
import json
import random
import string
from collections.abc import Callable

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

__all__ = ["LOCALES", "MAKERS", "NATIONAL_ID_T", "Pii", "T"]

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

    def case_number(self) -> str:
        return f"{self.rng.randint(100, 99999)}/{self.rng.randint(0, 99):02d}"

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
    "CASE_NUMBER": ["Re: application no. {} before the court.", "Our case no. {} is pending.",
                    "Az. {} (Landgericht)"],
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
    "CASE_NUMBER": "case_number",
    "DATE": "date", "DATE_OF_BIRTH": "dob", "AGE": "age", "STREET_ADDRESS": "address",
    "LOCATION": "location", "ORGANIZATION": "organization", "DEMOGRAPHIC": "demographic",
}  # fmt: skip
