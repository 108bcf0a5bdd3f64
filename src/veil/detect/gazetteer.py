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
    "AMBIGUOUS_FIRST",
    "GREETINGS",
    "KNOWN_ORGS",
    "NON_NAMES",
    "NOT_LAST",
    "OFFICES",
    "ORG_WORDS",
    "ORG_WORDS_MORE",
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
    "Patient": "u", "Client": "u", "Applicant": "u", "Defendant": "u", "Plaintiff": "u",
    "Claimant": "u", "Witness": "u", "Inspector": "u", "Detective": "u", "Sister": "f",
    "Mrs.": "f", "Uncle": "m", "Aunt": "f", "Auntie": "f", "Coach": "u", "Nurse": "u",
    "Dra": "f", "Panie": "m", "Ing": "u", "Mgr": "u", "Bc": "u", "Dipl": "u", "Avv": "u",
    # Italian feminine abbreviations, a dot inside: "Sig.ra Bianchi", "Dott.ssa Ferri"
    "Sig.ra": "f", "Sig.na": "f", "Dott.ssa": "f", "Prof.ssa": "f",
}  # fmt: skip

# Offices and ranks written before a name, also inside a capitalized run ("Prime
# Minister Cameron", "Texas Governor Rick Perry"). Words that often start other
# names (General, Major, King, Prince) are left out.
OFFICES: frozenset[str] = frozenset(
    """Governor Chairman Chairwoman Chairperson Senator President Minister Congressman
    Congresswoman Congressmember Mayor Chancellor Emperor Empress Chaplain Pope Rabbi
    Lieutenant Colonel Sergeant Corporal Councillor Councilman Councilwoman Ambassador
    Commissioner Sheriff Superintendent Archbishop Reverend""".split()
)

# Words that introduce a name when they directly precede it (any case).
GREETINGS: frozenset[str] = frozenset(
    "dear hi hello hey hiya thanks thank cheers congrats congratulations welcome bye "
    "goodbye morning evening afternoon ciao hallo hola bonjour salut liebe lieber cher "
    "chère ola yo sincerely regards merci danke gracias grazie obrigado obrigada bedankt "
    "dank tak kiitos salve servus moin szanowna szanowny szanowni droga drogi gentile "
    "gentilissima gentilissimo egregio egregia buongiorno buonasera".split()
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
    rue via calle rua avenida piazza viale corso vicolo strada ulica ul út utca
    america usa uk britain england scotland wales ireland france germany spain italy
    portugal netherlands holland belgium switzerland austria poland sweden norway
    denmark finland iceland greece cyprus russia ukraine turkey china japan korea
    india pakistan brazil mexico canada australia africa europe asia egypt israel
    danish swedish norwegian finnish icelandic greek russian turkish korean
    brazilian mexican canadian australian irish scottish welsh swiss austrian
    ich wir ihr nous vous ils elles nosotros vosotros ellos ellas noi voi ik wij jij zij
    hij es mrn dob ssn nhs bsn dni nif cpf vat iban bic otp uid pid pan aadhaar pesel
    belgian portuguese hungarian czech slovak croatian serbian romanian bulgarian
    catholic christian muslim jewish hindu buddhist african asian european latino
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
    universidad università universität université universiteit uniwersytet fundación
    fundacja fondation fondazione stiftung stichting instituto istituto institut
    hospital hôpital ospedale krankenhaus s.a. s.l. s.p.a. srl spa sas kg ohg oy ab as
    llp lp pllc pty pvt limited incorporated
    """.split()
)
# More such words for the PERSON rules only (ORG_WORDS also feeds the NER model's
# features, which were trained with the list above).
ORG_WORDS_MORE: frozenset[str] = ORG_WORDS | frozenset(
    """
    academy lectures memorial empire metropolitan area mosque temple synagogue
    cathedral parliament senate congress investments research sons brothers bros
    finance financial analytics studios
    """.split()
)

# Last words that make a capitalized run a street, place, event or group name.
NOT_LAST: frozenset[str] = frozenset(
    """
    street st avenue ave road rd lane ln drive dr boulevard blvd court ct place pl
    square sq terrace way parkway highway circle trail crescent close grove gardens
    row walk mews hill hills park point plaza loop alley path pike route creek ridge
    view heights estates cove coves crossing junction prairie cliffs cliff union
    unions bypass pass dam flats flat lodge mall manor meadows mill mills mission
    orchard port shore shores station summit valley village villages vista
    day week weekend festival awards award cup league orchestra band choir lines
    records studios studio films pictures games center centre fund trust prize
    theatre theater stadium arena hall tower towers building bridge river lake
    mountain mountains island islands bay beach coast county province district
    suite apt apartment unit floor room spur forge ports freeway walks pine mount
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

# Known first names that are more often places, brands or products: a lone one is
# not flagged (a full name, "Victoria Beckham", or a name context still is).
AMBIGUOUS_FIRST: frozenset[str] = frozenset(
    """
    Paris Austin Dallas Jordan Florence Georgia Victoria Sydney Chelsea Lincoln Washington
    Virginia Carolina India Israel Santa Milan Phoenix Orlando Eden Mercedes Alexa Siri
    Cortana Tesla Jaguar Chevy Camry Dell Adobe Kia Lexus Porsche Mazda Skoda Nokia Sony
    Jersey Devon Kent Dakota Montana Nevada Alabama Indiana Aurora Savannah Brooklyn Regina
    Adelaide Florida Kenya Lourdes Nancy Lorraine Nice Troy Salem Madison Houston Denver
    Boston Cleveland Camden Dublin Vienna Valencia Sofia Roma Lima Quebec Asia Africa
    America China Cuba Peru Chad Jordan Georgia Sierra Tyrone Orange Apple Amazon Oracle
    Java Ruby Python Rust Swift Julia Perl Scala Kotlin Dart Elixir Haskell Pascal Ada
    Bash Docker Kafka Redis Django Flask Rails Linux Debian Ubuntu Fedora Gentoo Arch
    Christian Catholic Muslim Hindu Jewish Easter Christmas Noel Angel Trinity Genesis
    Unity Harmony Victory Liberty Justice Nova Luna Stella Sol Aurora Zeus Apollo Atlas
    Mercury Venus Mars Jupiter Saturn Neptune Pluto Orion Gemini Leo Libra Aries Virgo
    """.split()
)
