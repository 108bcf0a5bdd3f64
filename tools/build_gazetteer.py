"""Build Veil's name gazetteer from Faker's person providers.

Writes ``src/veil/data/names/names.tsv.gz``: a small gzip'd text file read lazily by
:mod:`veil.detect.gazetteer`. Lines (tab-separated):

* ``F  gender  culture  common  names...`` -- first names (space-separated) sharing
  a gender (``m``/``f``/``u``), a culture (the first locale, in ``PRIORITY`` order,
  whose provider lists the name) and a ``common`` flag (``1``: also an ordinary
  English word, like ``Mark`` or ``May``).
* ``L  common  names...`` -- surnames.
* ``W  words...`` -- common English words (Faker's en_US lorem list), a stop-list.

Grouping keeps loading to a few string splits.

Only names that start with an upper-case letter are kept (the recognizer looks for
capitalized tokens; scripts without case need an NER model). Run:
``python tools/build_gazetteer.py`` (deterministic output).
"""

from __future__ import annotations

import gzip
import warnings
from pathlib import Path

import faker.config
from faker import Faker
from faker.providers.company.en_US import Provider as CompanyProvider
from faker.providers.job.en_US import Provider as JobProvider
from faker.providers.lorem.en_US import Provider as LoremProvider

OUT = Path(__file__).resolve().parents[1] / "src" / "veil" / "data" / "names" / "names.tsv.gz"

PRIORITY = [
    "en_US", "en_GB", "en_IN", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "nl_NL",
    "pl_PL", "pt_BR", "ru_RU", "zh_CN", "ja_JP", "ar_AA", "tr_TR", "sv_SE", "yo_NG", "ig_NG",
]  # fmt: skip
SKIP = {"fr_QC", "la"}  # deprecated alias; Latin lorem locale

# Names and words that are ordinary English but absent from Faker's word lists.
EXTRA_COMMON = """
will mark rose hope bill may june grace faith joy summer art bob jack frank sue pat rich
guy don gene ray dawn amber crystal iris lily daisy holly ivy hazel ruby pearl jade autumn
april august sky page chase hunter mason carter parker cooper taylor tanner gray grant miles
price rocky sunny sandy max nick rob dick case bo kitty angel star destiny heaven harmony
melody patience prudence charity honor trinity liberty ginger brandy penny buck dusty rusty
lane dale glen cliff brook river rain storm forest wood stone young white black brown green
king bishop royal major duke earl baron prince sterling justice noble can an us man long
so lee bell ball hall park hill street best north south east west will sage clay reed
cash chance chip crystal dean drew early faith fox gay gil hank jimmy kay kim lance lark
mae mercy misty ned norm pete pip sol tex tiny tom van von wade ward win worth
server edit upgrade fixed docs temperature tracking resolution conversion invoice
update updates status ticket issue issues bug bugs patch release build deploy admin
user users login password account billing payment order orders shipping delivery
subject summary details note notes question answer reply thanks welcome sorry
agenda minutes meeting call email mail phone mobile office home work team sales
support service client customer guest host master main default test demo sample
error warning debug info alert notice image photo video audio file files folder
page pages link links menu button click select option options settings profile
total amount balance tax fee rate score level stage phase step round final draft
dev prod staging local remote cloud cluster node proxy cache queue worker job
virgin hunter crystal major general private captain doctor nurse judge dean
""".split()  # fmt: skip


_MALE = (
    "first_names_male", "first_romanized_names_male", "first_names_male_common",
    "first_names_male_est", "first_names_male_rus", "first_names_male_hinduism",
    "first_names_male_islamic",
)  # fmt: skip
_FEMALE = tuple(a.replace("_male", "_female") for a in _MALE)
_ANY = ("first_names", "first_romanized_names", "first_names_unisex", "first_names_est",
        "first_names_rus")  # fmt: skip
_LAST = (
    "last_names", "last_romanized_names", "last_names_male", "last_names_female",
    "last_names_common", "last_names_est", "last_names_rus", "last_names_unisex",
    "last_names_male_only", "last_names_female_only", "last_names_hinduism",
    "last_names_islamic", "last_names_female_islamic", "male_last_names",
    "unisex_last_names", "last_names_without_suffix",
)  # fmt: skip


def _names(provider: object, attrs: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for attr in attrs:
        value = getattr(provider, attr, None)
        if value:
            out.extend(value)
    return out


def _clean(name: str) -> str | None:
    name = name.strip()
    if not name or " " in name or not name[0].isupper() or not name.replace("-", "").isalpha():
        return None
    return name


def english_words() -> set[str]:
    """Common English words from Faker's en_US lorem, company and job providers."""
    words = {w.lower() for w in LoremProvider.word_list} | set(EXTRA_COMMON)
    for groups in (CompanyProvider.catch_phrase_words, CompanyProvider.bsWords):
        for group in groups:
            for phrase in group:
                words.update(w.lower() for w in phrase.replace("-", " ").split())
    for job in JobProvider.jobs:
        words.update(w.lower().strip(",()") for w in job.replace("/", " ").split())
    return {w for w in words if w.isalpha()}


def build() -> bytes:
    common = english_words()
    locales = [loc for loc in PRIORITY if loc in faker.config.AVAILABLE_LOCALES]
    locales += sorted(set(faker.config.AVAILABLE_LOCALES) - set(locales) - SKIP)
    culture: dict[str, str] = {}
    male: set[str] = set()
    female: set[str] = set()
    surnames: set[str] = set()
    for loc in locales:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fake = Faker(loc)
        person = next(
            p for p in fake.providers if type(p).__module__.startswith("faker.providers.person")
        )
        for raw in _names(person, _MALE):
            if name := _clean(raw):
                male.add(name)
                culture.setdefault(name, loc)
        for raw in _names(person, _FEMALE):
            if name := _clean(raw):
                female.add(name)
                culture.setdefault(name, loc)
        for raw in _names(person, _ANY):
            if name := _clean(raw):
                culture.setdefault(name, loc)
        for raw in _names(person, _LAST):
            if name := _clean(raw):
                surnames.add(name)
                if name.endswith(("ski", "cki", "dzki")):  # Polish feminine forms
                    surnames.add(name[:-1] + "a")
    groups: dict[tuple[str, str, int], list[str]] = {}
    for name in sorted(culture):
        gender = "u" if (name in male) == (name in female) else ("m" if name in male else "f")
        key = (gender, culture[name], int(name.lower() in common))
        groups.setdefault(key, []).append(name)
    lines = [f"F\t{g}\t{c}\t{k}\t{' '.join(names)}" for (g, c, k), names in sorted(groups.items())]
    for flag in (0, 1):
        names = sorted(n for n in surnames if int(n.lower() in common) == flag)
        lines.append(f"L\t{flag}\t{' '.join(names)}")
    lines.append("W\t" + " ".join(sorted(common)))
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
