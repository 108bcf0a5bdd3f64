"""Person-name surrogates that keep culture, gender and shape.

Each token is replaced on its own, seeded by its role and its casefolded text:
the first name ``Maria`` always becomes the same fake first name and the surname
``Gonzalez`` the same fake surname, so ``Maria Gonzalez``, ``Ms. Gonzalez`` and
``Maria`` map to ``Anna Keller``, ``Ms. Keller`` and ``Anna`` with no shared
state. Titles, particles (van, de...), suffixes (Jr., III) and punctuation stay;
initials become initials; each token keeps its capitalization style.

Culture is ``attrs["culture"]`` (a Faker locale such as ``de_DE``) or the
operator's default locale; gender is ``attrs["gender"]`` (``m``/``f``), else
guessed from the locale's first-name lists, else drawn from the seed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ._faker import person_provider, resolve_locale
from ._seed import Seeder

__all__ = ["NameLists", "first_name", "initial", "last_name", "match_case", "name_lists", "person"]


@dataclass(frozen=True, slots=True)
class NameLists:
    female: tuple[str, ...]
    male: tuple[str, ...]
    last: tuple[str, ...]
    female_set: frozenset[str]
    male_set: frozenset[str]
    last_set: frozenset[str]


def _simple(names) -> tuple[str, ...]:
    return tuple(n for n in dict.fromkeys(names) if " " not in n)


@lru_cache(maxsize=64)
def name_lists(locale: str) -> NameLists:
    """The first (by gender) and last names of a Faker locale."""
    p = person_provider(locale)
    anyf = _simple(getattr(p, "first_names", ()))
    female = _simple(getattr(p, "first_names_female", ())) or anyf
    male = _simple(getattr(p, "first_names_male", ())) or anyf
    last = _simple(getattr(p, "last_names", ())) or anyf
    return NameLists(
        female,
        male,
        last,
        frozenset(n.casefold() for n in female),
        frozenset(n.casefold() for n in male),
        frozenset(n.casefold() for n in last),
    )


def match_case(orig: str, new: str) -> str:
    """Give ``new`` the capitalization style of ``orig`` (lower, UPPER, as drawn)."""
    if orig.islower():
        return new.lower()
    if orig.isupper() and len(orig) > 1:
        return new.upper()
    return new


def _pick(pool: tuple[str, ...], seed: int, avoid: str) -> str:
    n = len(pool)
    for i in range(4):
        cand = pool[(seed + i) % n]
        if cand.casefold() != avoid:
            return cand
    return pool[seed % n]


def guess_gender(token: str, lists: NameLists, seeder: Seeder) -> str:
    key = token.casefold()
    f, m = key in lists.female_set, key in lists.male_set
    if f != m:
        return "f" if f else "m"
    return "f" if seeder.int("PERSON", "gender", key) % 2 else "m"


def first_name(token: str, seeder: Seeder, locale: str, gender: str | None = None) -> str:
    """The surrogate of a first-name token (capitalization not yet matched)."""
    lists = name_lists(locale)
    key = token.casefold()
    g = gender if gender in ("f", "m") else guess_gender(token, lists, seeder)
    pool = lists.female if g == "f" else lists.male
    return _pick(pool, seeder.int("PERSON", "first", key), key)


def last_name(token: str, seeder: Seeder, locale: str) -> str:
    key = token.casefold()
    return _pick(name_lists(locale).last, seeder.int("PERSON", "last", key), key)


@lru_cache(maxsize=64)
def _initials(locale: str) -> tuple[str, ...]:
    lists = name_lists(locale)
    return tuple(sorted({n[0].upper() for n in lists.male + lists.female if n}))


def initial(token: str, seeder: Seeder, locale: str) -> str:
    """A letter that starts names of the locale, drawn from the token's seed."""
    pool = _initials(locale)
    return _pick(pool, seeder.int("PERSON", "initial", token.casefold()), token.casefold())


TITLES = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "herr": "m", "hr": "m", "sr": "m",
    "don": "m", "monsieur": "m", "signor": "m", "sig": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f", "frau": "f",
    "fr": "f", "mme": "f", "mlle": "f", "madame": "f", "sra": "f", "srta": "f", "doña": "f",
    "signora": "f", "mx": "", "dr": "", "prof": "", "professor": "", "rev": "", "capt": "",
    "sgt": "", "col": "", "gen": "", "judge": "", "president": "",
    "dra": "f", "pani": "f", "pan": "m", "panie": "m", "ing": "", "mgr": "", "avv": "",
}  # fmt: skip
PARTICLES = frozenset(
    "van von der den de da di du del della dos das la le bin ibn al el ten ter zu y".split()
)
SUFFIXES = frozenset("jr jr. sr. ii iii iv phd md esq".split())
_CJK = ("zh", "ja", "ko")


def _split(tok: str) -> tuple[str, str, str]:
    """Leading punctuation, core, trailing punctuation (``"(Smith),"``)."""
    i, j = 0, len(tok)
    while i < j and not tok[i].isalnum():
        i += 1
    while j > i and not tok[j - 1].isalnum():
        j -= 1
    return tok[:i], tok[i:j], tok[j:]


def _replace_core(core: str, role: str, seeder: Seeder, locale: str, gender: str | None) -> str:
    parts = core.split("-")
    out = []
    for p in parts:
        if not p:
            out.append(p)
            continue
        if "." in p and all(len(x) <= 1 for x in p.split(".")):  # "J.R"
            out.append(".".join(match_case(x, initial(x, seeder, locale)) if x else x
                                for x in p.split(".")))  # fmt: skip
            continue
        if len(p) == 1 or role == "initial":
            new = initial(p, seeder, locale)
        elif role == "last":
            new = last_name(p, seeder, locale)
        else:
            new = first_name(p, seeder, locale, gender)
        out.append(match_case(p, new))
    return "-".join(out)


def person(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str,
           locale: str = "en_US") -> str:  # fmt: skip
    loc = resolve_locale(attrs.get("culture") or locale)
    gender = attrs.get("gender")
    pieces = re.split(r"(\s+)", text)
    words = [(i, *_split(w)) for i, w in enumerate(pieces) if i % 2 == 0 and w]
    core_of = {i: core for i, _, core, _ in words}
    trail_of = {i: trail for i, _, _, trail in words}
    lists = name_lists(loc)
    # classify: title, particle, suffix or name
    roles: dict[int, str] = {}
    names: list[int] = []
    title_gender = None
    for idx, (i, _lead, core, _trail) in enumerate(words):
        low = core.casefold()
        if not core:
            roles[i] = "keep"
        elif low.rstrip(".") in TITLES and idx < len(words) - 1 and not names:
            roles[i] = "keep"
            title_gender = TITLES[low.rstrip(".")] or title_gender
        elif low in PARTICLES and (names or (core.islower() and idx < len(words) - 1)):
            roles[i] = "keep"  # "van der Berg", also right after a title
        elif names and (low in SUFFIXES or low.rstrip(".") in SUFFIXES):
            roles[i] = "keep"
        else:
            names.append(i)
    if gender not in ("m", "f"):
        gender = title_gender or None
    given = attrs.get("given")
    if gender is None and given:  # the linked first name behind an initial
        gender = guess_gender(given.split("-")[0], lists, seeder)
    if gender is None and len(names) > 1:  # middle names follow the first name's gender
        gender = guess_gender(core_of[names[0]].split("-")[0], lists, seeder)
    if len(names) == 1:
        i = names[0]
        core = core_of[i]
        part = attrs.get("part")
        if loc[:2] in _CJK and len(core) >= 2 and not core.isascii():
            new = last_name(core[0], seeder, loc) + first_name(core[1:], seeder, loc, gender)
            roles[i] = "lit:" + new
        elif part in ("first", "last"):
            roles[i] = part
        elif len(core.rstrip(".")) == 1:
            roles[i] = "initial"
        elif len(words) > 1 and roles.get(words[0][0]) == "keep":  # after a title
            roles[i] = "last"
        else:
            key = core.casefold()
            is_first = key in lists.female_set or key in lists.male_set
            roles[i] = "last" if key in lists.last_set and not is_first else "first"
    elif names:
        first, last = names[0], names[-1]
        comma = trail_of[first].startswith(",")
        for i in names:
            roles[i] = "first"
        if comma:  # "Smith, John"
            roles[first], roles[names[1]] = "last", "first"
        else:
            roles[last] = "last"
    if given and names and len(core_of[names[0]]) == 1 and roles.get(names[0]) != "last":
        # the initial of a linked first name: "M. Gonzalez" -> "A. Keller" when Maria -> Anna
        if given[:1].casefold() == core_of[names[0]].casefold():
            new = first_name(given.split("-")[0], seeder, loc, gender)[:1]
            roles[names[0]] = "lit:" + match_case(core_of[names[0]], new.upper())
    out = list(pieces)
    for i, lead, core, trail in words:
        role = roles.get(i, "keep")
        if role == "keep":
            continue
        if role.startswith("lit:"):
            out[i] = lead + role[4:] + trail
        else:
            out[i] = lead + _replace_core(core, role, seeder, loc, gender) + trail
    return "".join(out)
