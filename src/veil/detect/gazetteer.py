"""Name lists for the rule-based PERSON recognizer.

The data file ``veil/data/names/names.tsv.gz`` is generated from Faker's person
providers by ``tools/build_gazetteer.py``; it is read once, lazily, on first use
(about 40 k entries, a few tens of milliseconds). Hand-kept stop-lists live here.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "GREETINGS",
    "NON_NAMES",
    "ORG_WORDS",
    "TITLES",
    "FirstName",
    "Gazetteer",
    "gazetteer",
]


@dataclass(frozen=True, slots=True)
class FirstName:
    """What the gazetteer knows about one first name."""

    gender: str  # "m", "f" or "u"
    culture: str  # a Faker locale, e.g. "de_DE"
    common: bool  # also an ordinary English word (Mark, May, Rose)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    first: dict[str, FirstName]
    last: frozenset[str]
    last_common: frozenset[str]
    words: frozenset[str]  # common English words, lowercase


@cache
def gazetteer() -> Gazetteer:
    """The packaged name lists (loaded on first call, then cached)."""
    raw = resources.files("veil").joinpath("data/names/names.tsv.gz").read_bytes()
    first: dict[str, FirstName] = {}
    last: set[str] = set()
    last_common: set[str] = set()
    words: set[str] = set()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        parts = line.split("\t")
        kind = parts[0]
        if kind == "F":
            entry = FirstName(parts[1], parts[2], parts[3] == "1")
            first.update(dict.fromkeys(parts[4].split(" "), entry))
        elif kind == "L":
            (last_common if parts[1] == "1" else last).update(parts[2].split(" "))
        elif kind == "W":
            words.update(parts[1].split(" "))
    return Gazetteer(first, frozenset(last), frozenset(last_common), frozenset(words))


# Titles and honorifics (without a trailing dot), mapped to a gender hint.
TITLES: dict[str, str] = {
    "Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f", "Mx": "u", "Dr": "u", "Prof": "u",
    "Professor": "u", "Sir": "m", "Madam": "f", "Dame": "f", "Lady": "f", "Lord": "m",
    "Herr": "m", "Frau": "f", "M": "m", "Mme": "f", "Mlle": "f", "Monsieur": "m",
    "Madame": "f", "Mademoiselle": "f", "Sr": "m", "Sra": "f", "Srta": "f", "Señor": "m",
    "Señora": "f", "Don": "m", "Doña": "f", "Sig": "m", "Signor": "m", "Signora": "f",
    "Dott": "u", "Dhr": "m", "Mevr": "f", "Pan": "m", "Pani": "f", "Rev": "u", "Fr": "m",
    "Capt": "u", "Captain": "u", "Sgt": "u", "Officer": "u", "Judge": "u", "Mister": "m",
    "Mrs.": "f", "Uncle": "m", "Aunt": "f", "Auntie": "f", "Coach": "u", "Nurse": "u",
}  # fmt: skip

# Words that introduce a name when they directly precede it (any case).
GREETINGS: frozenset[str] = frozenset(
    "dear hi hello hey hiya thanks thank cheers congrats congratulations welcome bye "
    "goodbye morning evening afternoon ciao hallo hola bonjour salut liebe lieber cher "
    "chère ola yo sincerely regards".split()
)

# Capitalized words that are never a name on their own: sentence starters, pronouns,
# months, weekdays, common place and document words. Lowercase.
NON_NAMES: frozenset[str] = frozenset(
    """
    i me my mine we us our you your he him his she her they them their it its this that
    these those the a an and or but nor so yet if then else when where what which who whom
    whose why how all any each every some no not yes ok okay please thanks thank hi hello
    hey dear regards best cheers sincerely yours kind warm many much more most other
    another such same here there today tomorrow yesterday tonight now later soon also just
    only even still again however although though because since while after before during
    until unless about above across against along among around at by for from in into of
    off on onto out over per through to toward under up upon via with within without as
    is are was were be been being am do does did done have has had can could will would
    shall should may might must let lets new old first last next mr mrs ms dr prof sir
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    street st road rd avenue ave lane ln drive dr boulevard blvd court ct place square
    city county state country north south east west central upper lower great little
    team company inc ltd llc corp co group bank university college school hospital
    department dept office board committee council ministry service services center
    centre institute foundation association club church
    monsieur madame mister miss madam lady lord
    note notes subject re fw fwd cc bcc from to sent date attachment attached
    english french german spanish italian dutch polish chinese japanese arabic indian
    american british european african asian christmas easter halloween thanksgiving
    god jesus allah lol omg btw fyi asap eta faq api id ui ux pm am ceo cto cfo hr it qa
    step item items section chapter page figure table version release build update
    error warning info debug true false null none yes
    """.split()
)

# Words that mark a capitalized run as an organization or place, not a person.
ORG_WORDS: frozenset[str] = frozenset(
    """
    inc ltd llc plc gmbh ag sa sarl bv nv corp corporation company co group holdings
    partners associates bank capital securities insurance university college school
    institute hospital clinic foundation trust fund ventures labs systems solutions
    technologies technology software consulting media press airlines airways motors
    foods pharma pharmaceuticals energy services street road avenue lane drive boulevard
    park square bridge river lake mountain county city state valley beach island hotel
    restaurant cafe center centre museum library church cathedral station airport
    """.split()
)

# Capitalized two-word runs that look like "first last" but are companies.
KNOWN_ORGS: frozenset[str] = frozenset(
    {
        "morgan stanley", "goldman sachs", "johnson johnson", "procter gamble",
        "marks spencer", "ernst young", "dow jones", "harley davidson", "rolls royce",
        "mercedes benz", "roberts", "wells fargo", "charles schwab", "edward jones",
        "lloyds", "barclays", "tiffany co", "dean deluca", "ben jerry", "smith wesson",
        "black decker", "abercrombie fitch", "dolce gabbana", "louis vuitton",
        "calvin klein", "ralph lauren", "tommy hilfiger", "hugo boss", "estee lauder",
        "johnson controls", "jack daniels", "jim beam", "john deere", "kimberly clark",
        "warner bros", "walt disney", "paul smith", "ted baker", "karl lagerfeld",
        "georgia pacific", "campbell soup", "henry schein", "thomson reuters",
    }
)  # fmt: skip
