"""Street addresses (STREET_ADDRESS).

Anchors, all found from a house number or a ``box`` keyword:

* number first: ``123 Main Street``, ``10 Downing Street``, ``12 rue de la Paix``,
  ``9448 175 Iroon Polytechniou Avenue`` (a number, up to six name words, a street
  type such as ``Street``/``Ave``/``Road`` or a leading ``rue``/``calle``/``via``);
* number after: ``Hauptstraße 5``, ``Calle Mayor 5``, ``Via Roma 10``,
  ``Kalverstraat 12``, ``Rákóczi út 13`` (a street type word or suffix before the
  number), optionally after a leading number (``6750 Koskikatu 25``);
* boxes: ``PO Box 123``, ``PSC 3294, Box 9168``, ``Unit 1009 Box 0219``, ``FPO AE 25990``.

From an anchor the span extends over secondary units (``Apt 5B``, ``Suite 100``)
and then over ``, City, ST 12345`` / ``\\n75002 Paris\\nFrance`` continuations:
postcodes (US, UK, NL, CA, PL/PT and plain 4-6 digits), two-letter region codes
and capitalized place words, across at most four line breaks. ``attrs`` carries
``country`` (ISO code when a postcode shape or a country name tells) and ``city``
where one is found.

Not addresses: a street type with only a number and no name ("Route 53", "via 9
hops"; PO boxes excepted), capitalized number-after types that are English words
("Departure Gate 30"; Norwegian "gate" is written lowercase), and number-name-number
readings across a sentence end or over acronyms ("409 GB. Line 110"). Candidates
come from one scan of the shared digit/letter skeleton (``_scan.facts``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from ..types import Span
from ._native import compiled
from ._scan import facts
from .base import Context

__all__ = ["AddressRecognizer"]

# Street types that follow the name (number-first addresses), lowercase.
_SUFFIXES = frozenset(
    """
    street st str avenue ave av road rd boulevard blvd lane ln drive dr court ct place pl
    square sq terrace ter terr way parkway pkwy highway hwy circle cir trail trl crescent
    cres close grove gardens row walk mews hill hills park point plaza loop alley path pike
    route rte expressway freeway creek ridge view heights estates cove crossing junction
    prairie cliffs cliff union unions branch bridge brook brooks burg bypass camp canyon
    cape causeway center centre circles club common corner corners course courts coves
    crest crossroad curve dale dam divide drives estate extension falls fall ferry field
    fields flat flats ford fords forest forge fork forks fort garden gateway glen glens
    green greens groves harbor harbour haven highway hollow inlet island islands isle key
    keys knoll knolls lake lakes land landing light lights loaf lock locks lodge mall manor
    manors meadow meadows mill mills mission motorway mount mountain mountains neck orchard
    oval overpass parks parkways pass passage pine pines plain plains points port ports
    radial ramp ranch rapid rapids rest ridges river roads run shoal shoals shore shores
    skyway spring springs spur spurs squares station stravenue stream streets summit
    throughway trace track trafficway tunnel turnpike underpass valley valleys viaduct
    views village villages ville vista walks wall ways well wells wynd strasse straße
    burgs centers extensions forges harbors junctions
    """.split()
)
# Street types that come first (before the name), lowercase.
_PREFIXES = frozenset(
    """
    rue avenue av boulevard bd chemin allée allee impasse quai cours place route calle
    c/ avenida avda paseo plaza carrer camino carretera ronda via viale piazza piazzale
    corso vicolo largo strada rua travessa praça praca alameda estrada ulica ul aleja
    al calea strada ulitsa odos leoforos λεωφόρος οδός postbox postboks postfach
    stretto rotonda borgo contrada rambla travesía callejón glorieta pasadizo vial
    cañada acceso pasaje cuesta urbanización incrocio canale plac
    aeroporto área campo chácara colônia condomínio conjunto distrito esplanada estação
    fazenda jardim ladeira loteamento morro núcleo parque passarela pátio praia quadra
    recanto residencial rodovia setor sítio trecho trevo vereda viaduto viela vila
    """.split()
)
# Endings of one-word street names (German, Dutch, Nordic, Finnish, ...), lowercase.
_ENDINGS = (
    "straße", "strasse", "str.", "weg", "gasse", "platz", "allee", "damm", "ufer", "steig",
    "stieg", "pfad", "chaussee", "straat", "laan", "plein", "gracht", "kade", "singel",
    "dijk", "steeg", "gatan", "vägen", "gata", "veien", "vegen", "vej", "gade", "katu",
    "tie", "kuja", "polku", "utca", "út", "ulice", "cesta", "gränd", "stræde", "torget",
    "baan", "boulevard", "markt", "hoven", "park",
    "torg", "vegur", "gata", "braut", "ulica", "ring", "hof", "pad", "dreef",
)  # fmt: skip
_UNIT_WORDS = frozenset(
    "apt apt. apartment suite ste ste. unit flat floor fl fl. room rm rm. # bldg bldg. "
    "building dept dept. no no. nr nr. piso puerta etage étage stock bus".split()
)
_COUNTRIES: dict[str, str] = {
    "usa": "US", "us": "US", "united states": "US", "united states of america": "US",
    "uk": "GB", "united kingdom": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES", "españa": "ES",
    "italy": "IT", "italia": "IT", "netherlands": "NL", "nederland": "NL",
    "the netherlands": "NL", "belgium": "BE", "belgique": "BE", "switzerland": "CH",
    "schweiz": "CH", "suisse": "CH", "austria": "AT", "österreich": "AT", "portugal": "PT",
    "ireland": "IE", "canada": "CA", "australia": "AU", "new zealand": "NZ",
    "sweden": "SE", "sverige": "SE", "norway": "NO", "norge": "NO", "denmark": "DK",
    "danmark": "DK", "finland": "FI", "suomi": "FI", "iceland": "IS", "poland": "PL",
    "polska": "PL", "czech republic": "CZ", "czechia": "CZ", "hungary": "HU",
    "greece": "GR", "cyprus": "CY", "estonia": "EE", "latvia": "LV", "lithuania": "LT",
    "slovenia": "SI", "croatia": "HR", "slovakia": "SK", "romania": "RO", "bulgaria": "BG",
    "india": "IN", "brazil": "BR", "brasil": "BR", "mexico": "MX", "méxico": "MX",
    "argentina": "AR", "uruguay": "UY", "chile": "CL", "colombia": "CO", "peru": "PE",
    "japan": "JP", "china": "CN", "tunisia": "TN", "morocco": "MA", "greenland": "GL",
    "luxembourg": "LU", "liechtenstein": "LI", "malta": "MT", "turkey": "TR",
    "türkiye": "TR", "nigeria": "NG", "south africa": "ZA", "kenya": "KE", "israel": "IL",
}  # fmt: skip
_US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR AA AE AP".split()
)

_UP = "A-ZÀ-ÖØ-ÞĀ-ſΆ-ΩА-ЯЁ"  # upper-case letters (and Latin Extended-A, mixed case)
_WORD = r"[\w'’./-]*"
_PARTICLES = (
    "de|la|le|les|du|des|del|della|dei|degli|di|da|do|dos|das|of|the|von|van|der|den|"
    "y|e|et|am|an|im|auf|sur|sous|en|u|v|z|na|nad|pod|upon|on|delle|dello|dal|al|el|"
    "los|las|lo|ter|ten|op|aan"
)
_LOWER_STREET = (
    "út|utca|ulica|ulice|rue|via|viale|calle|rua|avenida|avenue|strada|str\\.|ul\\.|u\\.|"
    "tér|tee|gate|gata|gatan|vei|veien|veg|vej|vegur|trg|street|st\\.|terrasse|allé|plass|"
    "rkp\\.|körút|krt\\.|sor|köz|boulevard|chemin|allée|impasse|quai|place|cours|route|"
    "stretto|rotonda|piazza|vicolo|corso|largo|paseo|plaza|camino|carrer|travessa"
)
_NAME_WORD = rf"(?:[{_UP}0-9]{_WORD}|(?:{_PARTICLES}|{_LOWER_STREET})(?= ))"

# One scan from digits: a house number not glued to another token. It runs on the
# shared skeleton (``_scan.facts``: Latin-1 bytes, ASCII digits "0", ASCII letters "A",
# "?" for characters outside Latin-1), where the leading literal "0" makes the scan
# fast. Letter classes there are exact ("A" is any ASCII letter); "?" counts as a
# letter where one is required and never blocks a match (a superset, confirmed on the
# text by ``_first`` / ``_after``). Quantifiers are possessive: every piece starts with
# a character the piece before cannot take, so giving characters back never makes a
# match (one try per digit run instead of a backtracking search).
#
# * ``first``: a number (``12``, ``12B``, ``12-14``, ``12, 34``) and a space before a
#   capital (case is lost in the skeleton: ``analyze`` checks the text, where a
#   lowercase word must be one of ``_LOWER_AHEAD`` to count);
# * ``after``: a number after a word (letter, space), possibly after ``.``/``,``;
# * ``box``: any other number after a three-letter word or after three letters and
#   two: only to find the ``box 123`` / ``fpo ae 12345`` numbers (checked on
#   ``ctx.lower`` by ``_boxes``) in the same scan.
_B_LETTER = rb"A\xaa\xb5\xba\xc0-\xd6\xd8-\xf6\xf8-\xff"
_AFTER_BODY = (
    rb"(?:(?<=[" + _B_LETTER + rb"?] 0)|(?<=[" + _B_LETTER + rb"?][.,] 0))"
    rb"0{0,4}+A?+(?:[-/]0{1,3}+A?+)?+(?![" + _B_LETTER + rb"0_%\xb0]|[.:/,-]0)"
)
_SCAN = re.compile(
    rb"0(?<![" + _B_LETTER + rb"0_.,/:#-]0)(?:"
    rb"(?P<first>0{0,4}+A?+(?:-0++)?+,?+(?: 0{1,5}+A?+)?+ (?=[A\xc0-\xd6\xd8-\xde?]))"
    rb"|(?<= 0)(?:(?P<after>" + _AFTER_BODY + rb")"
    # "box 1" not after a letter or digit, "apo ae 1"
    rb"|(?P<box>(?<=AAA 0)(?<![A0]AAA 0)|(?<=AAA AA 0)))"
    rb")"
)
# The ``after`` branch alone, for a ``first`` hit that the text does not confirm.
_AFTER = re.compile(rb"0" + _AFTER_BODY)
# Lowercase street words that may follow a leading house number ("12 rue de la Paix").
_LOWER_AHEAD = tuple(
    w + " "
    for w in (
        "rue avenue av. boulevard bd chemin allée impasse quai calle via rua avenida "
        "ulica ul. piazza place plaza"
    ).split()
)
_FIRST = re.compile(
    r"([0-9]{1,5}[A-Za-z]?(?:-[0-9]+)?,?(?: [0-9]{1,5}[A-Za-z]?)?) "
    rf"({_NAME_WORD}(?: {_NAME_WORD}){{0,6}})"
)
_LOWER_NAME = re.compile(r"(?: [^\W\d_]{2,}){1,3}")
# A name word: capitalized (or a number), or a particle / lowercase street word.
_CAP_TOKEN = re.compile(rf"[{_UP}0-9]{_WORD}")
_LOWER_TOKENS = frozenset(f"{_PARTICLES}|{_LOWER_STREET}".replace("\\", "").split("|"))
_DIGITS = re.compile(r"[0-9]{1,6}")
_LEAD_NUM = re.compile(r"([0-9]{1,6}) $")
_BOX = re.compile(r"box [0-9]{1,6}")
_BOX_LEFT = re.compile(r"(?:(?:p\.? ?o\.?|post office|psc [0-9]{1,5},?|unit [0-9]{1,5}) )$")
_MIL = re.compile(r"po (?:aa|ae|ap) [0-9]{5}")
_MIL_HEAD = ("po aa ", "po ae ", "po ap ")

# Continuation segments after a street line (matched on the original text).
_SEP = re.compile(
    r"(?:\.(?=[ \n]))?[ \t]*(?:,[ \t]*|\n[ \t>?*•·]*(?:\n[ \t>?*•·]*)?(?:,[ \t]*)?|[ \t]+)"
)
_UNIT_BEFORE = re.compile(
    r"(?:[Ff]lat|[Ss]tudio|[Aa]partment|[Aa]pt\.?|[Uu]nit|[Ss]uite|[Rr]oom) $"
)
_UNIT_ALT = (
    r"(?:[Aa]pt\.?|[Aa]partment|[Ss]uite|[Ss]te\.?|[Uu]nit|[Ff]lat|[Ff]loor|[Ff]l\.|[Rr]oom|"
    r"[Bb]ldg\.?|[Bb]uilding|APT\.?|SUITE|UNIT|[Pp]iso|[Pp]uerta|[Ee]tage|[Ss]tock|[Bb]us|"
    r"[Aa]ppartamento|[Ii]nterno|[Ii]nt\.|[Ss]cala|[Pp]iano)"
)
_UNIT = re.compile(
    _UNIT_ALT + r"[ \t]*#?[ \t]*[0-9A-Za-z][0-9A-Za-z-]{0,5}(?![\w])|#[0-9]{1,5}[A-Za-z]?(?![\w])"
    # Spanish floor and door: "3º B", "2º izq.", "4º 2ª", "1.º dcha"
    r"|[0-9]{1,2}\.?[ºª](?:[ \t-]?(?:[0-9]{1,2}[ºª]?|izq(?:uierda|da)?\.?|dcha\.?|derecha"
    r"|[A-Za-z](?![\w])))?(?![\w])"
)
_POSTCODE = re.compile(
    r"(?P<uk>[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})(?![\w])"
    r"|(?P<ca>[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9])(?![\w])"
    r"|(?P<nl>[0-9]{4} ?[A-Z]{2})(?![\w])"
    r"|(?P<us>[0-9]{5}-[0-9]{4})(?![\w])"
    r"|(?P<pl>[0-9]{2}-[0-9]{3}|[0-9]{4}-[0-9]{3}|[0-9]{3} [0-9]{2})(?![\w])"
    r"|(?P<num>(?:[A-Z]{1,2}-)?[0-9]{4,6})(?![\w])"
)
_REGION = re.compile(r"(?:[AFD]PO )?[A-Z]{2,3}(?![\w])|\([A-Z]{2}\)")
_PLACE_WORD = rf"[{_UP}][^\W\d_]*+(?:['’.-][^\W\d_]++)*+(?![0-9])\.?"
_PLACE_WORD_RX = re.compile(_PLACE_WORD)
_POSTCODE_KINDS = frozenset({"uk", "ca", "nl", "us", "pl", "num"})
_PLACE = re.compile(rf"{_PLACE_WORD}(?:(?: |-)(?:{_PLACE_WORD}|(?:{_PARTICLES})(?= |-))){{0,4}}")
_MAX_LINES = 4


_C = compiled()


def _hits_py(sk: bytes) -> Iterator[tuple[int, int, str]]:
    """``(start, end, branch)`` of every place where ``_SCAN`` matches the skeleton
    ``sk`` (every start, overlapping or not), in order: the reference of
    ``_scan_c.address_hits``."""
    pos = 0
    while (m := _SCAN.search(sk, pos)) is not None:
        yield m.start(), m.end(), m.lastgroup  # type: ignore[misc]
        pos = m.start() + 1


_hits: Callable[[bytes], Iterable[tuple[int, int, str]]] = (
    _C.address_hits if _C is not None else _hits_py
)


class AddressRecognizer:
    """STREET_ADDRESS: street line plus the unit, city, region, postcode and country
    lines that follow it."""

    name = "street_address"
    labels = ("STREET_ADDRESS",)

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        if not ctx.has_digits:
            return
        sk = facts(ctx).sk
        low = ctx.lower
        found: list[tuple[int, int, float]] = []
        numbers: list[int] = []
        pos = 0
        # ``_SCAN.finditer`` by hand: a ``first`` hit the text does not confirm falls
        # back to the ``after`` branch at the same place, as the full regex would. The
        # next hit is the first one at or after ``pos``.
        for s, e, kind in _hits(sk):
            if s < pos:
                continue
            if kind == "box":
                numbers.append(s)
                pos = s + 1
                continue
            if s >= 4 and sk[s - 1] == 32 and low[s - 2] in "xaep":
                numbers.append(s)  # a street number, maybe also "box 12": see ``_boxes``
            if kind == "first":
                c = text[e]
                if "a" <= c <= "z" and not text.startswith(_LOWER_AHEAD, e):
                    m = _AFTER.match(sk, s)
                    if m is None:
                        pos = s + 1
                        continue
                    kind, e = "after", m.end()
            pos = e
            if found and s < found[-1][1]:
                continue
            got = None
            # a street name before the number is the more specific reading
            if s > 2 and text[s - 1] == " " and _word_before(text, s):
                end = e if kind == "after" else _number_end(text, s)
                if end:
                    got = self._after(text, s, end)
            if got is None and kind == "first":
                got = self._first(text, s)
            if got is not None:
                unit = _UNIT_BEFORE.search(text, max(0, got[0] - 12), got[0])
                if unit is not None and (unit.start() == 0 or not text[unit.start() - 1].isalnum()):
                    got = (unit.start(), got[1], got[2])  # "Flat 37, Francis Hollow"
                found.append(got)
        if numbers:
            self._boxes(low, numbers, found)
        if not found:
            return
        found.sort()
        last_end = -1
        for s, e, score in found:
            if s < last_end:
                continue
            end, attrs, strength = self._extend(text, e)
            if "country" not in attrs and (hint := _country_hint(text[s:e])):
                attrs["country"] = hint
            last_end = end
            score = round(min(1.0, score + 0.1 * strength), 2)
            yield Span(s, end, "STREET_ADDRESS", score, self.name, text[s:end], attrs)

    def _boxes(self, low: str, numbers: list[int], found: list[tuple[int, int, float]]) -> None:
        """``PO Box 123`` and ``FPO AE 25990``: ``numbers`` holds every digit that
        follows two letters and a space, so every ``box 1`` and ``po ae 1`` of ``low``."""
        for p in numbers:
            if p >= 4 and low.startswith("box ", p - 4):
                b = p - 4
                if b > 0 and low[b - 1].isalnum():
                    continue
                left = _BOX_LEFT.search(low, max(0, b - 16), b)
                start = left.start() if left else b
                if left is None and not _near_label(low, start):
                    continue
                found.append((start, _BOX.match(low, b).end(), 0.8))  # type: ignore[union-attr]
            elif p >= 6 and low.startswith(_MIL_HEAD, p - 6):
                m = _MIL.match(low, p - 6)
                if m is not None and m.start() > 0 and low[m.start() - 1] in "afd":
                    start = m.start() - 1
                    if start > 1 and low[start - 1] == "\n":
                        prev = low.rfind("\n", max(0, start - 41), start - 1) + 1
                        if start - prev < 40 and low.startswith(("uss ", "usns ", "usnv "), prev):
                            start = prev  # "USS Lorenzen\nFPO AE 25990"
                    found.append((start, m.end(), 0.8))

    # -- anchors ----------------------------------------------------------------

    def _first(self, text: str, s: int) -> tuple[int, int, float] | None:
        """``123 Main Street`` / ``12 rue de la Paix``."""
        m = _FIRST.match(text, s)
        if m is None:
            return None
        words = m[2].split(" ")
        pos = m.start(2)
        for i, w in enumerate(words):
            if w.isdigit() or w.lower() in _MONTH_WORDS:
                words = words[:i]  # "24 August 1999 the Court" is a date
                break
        if not words:
            return None
        low0 = words[0].lower().rstrip(".")
        if low0 in _PREFIXES and len(words) == 1:
            tail = _LOWER_NAME.match(text, pos + len(words[0]))
            if tail is None:
                return None
            return s, tail.end(), 0.65
        if low0 in _PREFIXES:
            # type first: take the name words after it (particles included)
            n = len(words)
            while n > 1 and words[n - 1].lower() in _PARTICLE_SET:
                n -= 1
            return s, _house_number(text, pos + len(" ".join(words[:n]))), 0.7
        for i, w in enumerate(words):
            lw = w.lower().rstrip(".,")
            if i > 0 and words[i - 1].endswith(".") and not _abbrev(words[i - 1]):
                return None  # "at 60 Hz. Run pytest": a sentence ended
            if i > 0 and w[0].isupper() and lw in _SUFFIXES:
                end = pos + len(" ".join(words[: i + 1]))
                bare = w.rstrip(".,")
                end -= len(w) - len(bare)
                if len(bare) <= 4 and w[len(bare) : len(bare) + 1] == ".":
                    end += 1  # "St." keeps its abbreviation dot
                return s, _house_number(text, end, comma=False), 0.7
            if (w[0].isupper() and lw.endswith(_ENDINGS) and lw not in _ENGLISH_ENDS) or (
                i > 0 and w.lower() in _AFTER_TYPES
            ):
                # "50345 Wingertweg 126", "808 Kálmán Imre u. 12.": a number, then a
                # number-after street
                end = pos + len(" ".join(words[: i + 1]))
                after = _house_number(text, end)
                return (s, after, 0.7) if after > end else None
        return None

    def _after(self, text: str, s: int, e: int) -> tuple[int, int, float] | None:
        """``Hauptstraße 5`` / ``Calle Mayor 5`` / ``Via Roma 10`` / ``Király u. 15``;
        also ``6750 Koskikatu 25`` (a number, capitalized words, a number)."""
        comma = text[s - 2] == ","
        hi = s - 2 if comma else s - 1  # "Stretto Leone, 774": words end before the comma
        lo = max(0, s - 60)
        # most numbers follow an ordinary lowercase word ("items 200"), where
        # ``_words_before`` finds no name word: tell it cheaply
        k = text.rfind(" ", lo, hi) + 1 or lo
        c = text[k]
        if c < "\x80" and not "A" <= c <= "Z":  # not capitalized: lowercase, digit, sign
            last = text[k:hi]
            if "\n" not in last and "," not in last and not ("a" <= c and last in _LOWER_TOKENS):
                return None
        line_start = max(text.rfind("\n", lo, hi), text.rfind(",", lo, hi), lo - 1) + 1
        m = _words_before(text, line_start, hi)
        if m is None:
            return None
        words = m.words
        start = None
        for i, w in enumerate(words):
            lw = w.lower().rstrip(".")
            if (
                lw in _PREFIXES
                or (len(w) > 4 and w.lower().endswith(_ENDINGS) and lw not in _ENGLISH_ENDS)
                or (
                    w == "C."
                    and i < len(words) - 1
                    and text.startswith(",", e)  # "C. Mayor 30, Burgos"
                    and re.fullmatch(r"(?:19|20)[0-9][0-9]", text[s:e]) is None
                )
            ):
                if (
                    i == len(words) - 1
                    and lw in _PREFIXES
                    and lw not in _BOX_TYPES
                    and (i == 0 or words[i - 1] not in _PARTICLE_SET)
                    and (m.num is None or i)
                ):
                    return None  # "Route 53", "via 9 hops": a type word needs a name
                start = m.wstart + len(" ".join(words[:i])) + (1 if i else 0)
                break
            if i > 0 and w.lower() in _AFTER_TYPES and not (w[0].isupper() and lw in _EN_TYPES):
                start = m.wstart  # "Karl Johans gate 5" (but "Departure Gate 30")
                break
        score = 0.7
        if comma and (
            start is None
            or words[0].lower().rstrip(".") not in _PREFIXES
            or len(words) < 2
            or re.match(r" [a-z]", text[e : e + 2])
        ):
            return None  # after a comma only a type-first street ("Rotonda Veltroni, 3")
        if start is None:
            # no street word: "6750 Koskikatu 25" needs the leading number and
            # capitalized words that are not months or weekdays
            if m.num is None or not _generic_ok(text, words, e):
                return None
            start, score = m.wstart, 0.55
        elif not (text[start].isupper() or text[start : start + 3].lower() in ("út", "ul.")):
            # lowercase street words ("via email 2") only when a number precedes them,
            # or a comma and a postcode follow ("avenue Bernadette Blondel, 73927 Paris")
            if (m.num is None or m.wstart != start) and not (
                comma
                and e - s >= 4
                and words[0] in _LOWER_OK
                and any(w[0].isupper() for w in words[1:])
            ):
                return None
        if m.num is not None and m.wstart == start:
            start = m.num
        else:
            lead = _LEAD_NUM.search(text, max(0, start - 8), start)
            if lead is not None and (lead.start() == 0 or not text[lead.start() - 1].isalnum()):
                start = lead.start()
        return start, e, score

    # -- continuation -------------------------------------------------------------

    def _extend(self, text: str, pos: int) -> tuple[int, dict[str, str], int]:
        """Extend over units, places, regions, postcodes; return the new end, attrs
        and how many place/postcode segments were added."""
        attrs: dict[str, str] = {}
        end = committed = pos
        prev = "street"
        lines = 0
        strength = 0
        city: str | None = None
        n = len(text)
        while end < n:
            sep = _SEP.match(text, end)
            if sep is None or sep.end() >= n:
                break
            gap = text[end : sep.end()]
            newlines = gap.count("\n")
            if newlines:
                lines += newlines
                if lines > _MAX_LINES:
                    break
            at = sep.end()
            m = _UNIT.match(text, at)
            if m is not None:
                end = committed = m.end()
                prev = "unit"
                continue
            if gap.startswith("."):
                break  # after "13. " only a unit continues ("Rákóczi út 13. Suite 104")
            m = _POSTCODE.match(text, at)
            if m is not None and (
                m.lastgroup != "num"
                or _plausible_num(text, m.end(), strength > 0 or "," in gap or newlines > 0)
            ):
                end = committed = m.end()
                strength += 1
                prev = kind = m.lastgroup or ""  # (every alternative is a named group)
                if kind in ("uk", "us", "ca", "nl", "pl") and "country" not in attrs:
                    attrs["country"] = {"uk": "GB", "us": "US", "ca": "CA", "nl": "NL"}.get(
                        kind, "PL" if len(m[0]) == 6 else "PT" if "-" in m[0] else "CZ"
                    )
                continue
            m = _REGION.match(text, at)
            if m is not None and (m[0][0] == "(" or _ends_segment(text, m.end())):
                end = committed = m.end()
                prev = "region"
                if m[0] in _US_STATES and "country" not in attrs:
                    attrs["country"] = "US"
                strength += 1
                continue
            m = _PLACE.match(text, at)
            if m is not None:
                place = _cut_sentence(m[0]).rstrip(".")
                pend = at + len(place)
                lowp = place.lower()
                if lowp in _COUNTRIES:
                    attrs["country"] = _COUNTRIES[lowp]
                    end = committed = pend
                    prev = "country"
                    strength += 1
                    continue
                plain_gap = gap.strip(" \t") == ""
                if prev in _POSTCODE_KINDS and plain_gap and not _ends_segment(text, pend):
                    # "90953 Ebermannstadt Priority: ...": the city is one word
                    place = _PLACE_WORD_RX.match(text, at)[0].rstrip(".")  # type: ignore[index]
                    pend = at + len(place)
                    lowp = place.lower()
                if _ends_segment(text, pend) or (prev in _POSTCODE_KINDS and plain_gap):
                    if lowp in _STOP_PLACES:
                        break
                    city = city or place
                    end = pend
                    if (
                        newlines < 2
                        and not gap.startswith(".")
                        and ("," in gap or newlines or prev != "street")
                    ):
                        committed = end
                    prev = "place"
                    # after a bare space a place stays tentative until a postcode,
                    # region or unit follows ("5 Crown St. Then" ends at "St.")
                    strength += 1
                    continue
            break
        if committed < end:
            end = committed
            strength -= 1
            if city is not None and text.find(city, pos, end) < 0:
                city = None
        if city is not None:
            attrs["city"] = city
        return end, attrs, max(0, min(strength, 2))


_PARTICLE_SET = frozenset(_PARTICLES.split("|"))
_AFTER_TYPES = frozenset(
    "út utca u. ulica tér tee gate gata gatan vei veien veg vej vegur trg str. street st "
    "terrasse allé plass rkp. körút krt. sor köz".split()
)
_NOT_STREET = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday windows office version chapter section page level
    room gate floor step phase part item table figure no nr number vol volume ticket
    order invoice case ref tel fax ext mobile phone cell work home office email iphone android python java q1 q2 q3 q4 of the and
    for to in on with you your my our a an top best line column row platform sprint
    route terminal track lane bay dock slot port pin channel round""".split()
)


def _name_token(tok: str) -> bool:
    """``tok`` (not empty) is a name word: capitalized or a number, or a particle or
    lowercase street word (``_CAP_TOKEN`` or ``_LOWER_TOKENS``)."""
    if tok in _LOWER_TOKENS:
        return True
    return not ("a" <= tok[0] <= "z") and _CAP_TOKEN.fullmatch(tok) is not None


class _Before(NamedTuple):
    num: int | None  # start of a number before the words ("6750 Koskikatu 25")
    wstart: int
    words: list[str]


def _words_before(text: str, lo: int, hi: int) -> _Before | None:
    """Up to five name words ending at ``hi`` (exclusive), after ``lo``, and the
    start of a number just before them. Plain splitting: cheap on prose."""
    lo = max(lo, hi - 60)
    toks = text[lo:hi].split(" ")
    words: list[str] = []
    for tok in reversed(toks[-6:]):
        if len(words) == 5 or not tok or not _name_token(tok):
            break
        if tok[0].isdigit() and _DIGITS.fullmatch(tok) and words:
            break
        words.append(tok)
    if not words or words[0][0].isdigit():
        return None
    words.reverse()
    wstart = hi - len(" ".join(words))
    num = None
    if wstart > 1 and text[wstart - 1] == " ":
        j = wstart - 1
        while j > lo and text[j - 1].isdigit():
            j -= 1
        if j < wstart - 1 and (j == 0 or not text[j - 1].isalnum()) and wstart - 1 - j <= 6:
            num = j
    if num is None and words[0][0].isdigit():
        return None
    return _Before(num, wstart, words)


_HOUSE = re.compile(
    r",? ([0-9]{1,4}[A-Za-z]?(?:-[0-9]{1,3}[A-Za-z]?)?)(?![\w]|[.,:/-][0-9]| [a-z])"
)


def _house_number(text: str, end: int, comma: bool = True) -> int:
    """``end`` moved past a house number that follows the street name, if any
    (after a comma too when ``comma``: "Stretto Leone, 774")."""
    if not comma and text.startswith(",", end):
        return end
    m = _HOUSE.match(text, end)
    return m.end() if m else end


# Number-after types that are English words when capitalized ("Departure Gate 30").
_EN_TYPES = frozenset({"gate", "tee", "sor", "vei"})
_BOX_TYPES = frozenset({"postbox", "postboks", "postfach"})


def _generic_ok(text: str, words: list[str], end: int) -> bool:
    if any(w.lower().rstrip(".,") in _NOT_STREET for w in words):
        return False
    if any(w.endswith(".") and "." not in w[:-1] and not _abbrev(w) for w in words):
        return False  # "409 GB. Line 110": a sentence ended between the numbers
    if any(len(w.rstrip(".")) > 1 and w.isupper() and "." not in w for w in words):
        return False  # units and acronyms: "GB", "RAM", "HDMI"
    if text[end - 1] in "sS" and text[end - 2].isdigit():
        return False  # "the 70s"
    if not all(w[0].isupper() or w in _PARTICLE_SET for w in words):
        return False
    nxt = text[end : end + 2]
    return not (len(nxt) == 2 and nxt[0] == " " and nxt[1].islower())


_ENGLISH_ENDS = frozenset(
    "brigade renegade cascade masquerade tie untie sortie necktie birdie goalie movie "
    "spring string bring wring offering wiring during earring keyring boring "
    "cookie rookie selfie hoodie zombie freebie".split()
)
_STOP_PLACES = frozenset(
    "i we you he she they it the this that my our your thanks regards best cheers "
    "call phone tel fax email e-mail mobile mob cell web www office home work "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


# Street words that tell the country when no postcode shape or country name does.
_WORD_COUNTRY = {
    "rue": "FR", "boulevard": "FR", "chemin": "FR", "allée": "FR", "impasse": "FR",
    "quai": "FR", "calle": "ES", "paseo": "ES", "carrer": "ES", "avda": "ES", "via": "IT",
    "viale": "IT", "piazza": "IT", "corso": "IT", "vicolo": "IT", "piazzale": "IT",
    "rua": "PT", "travessa": "PT", "praça": "BR", "ulica": "PL", "ul.": "PL", "aleja": "PL",
    "utca": "HU", "út": "HU", "u.": "HU", "tér": "HU",
    "stretto": "IT", "rotonda": "IT", "borgo": "IT", "contrada": "IT", "glorieta": "ES",
    "pasadizo": "ES", "rambla": "ES", "ronda": "ES", "travesía": "ES", "callejón": "ES",
    "c/": "ES", "carretera": "ES",
}  # fmt: skip
_ENDING_COUNTRY = (
    (("straße", "strasse", "str.", "weg", "gasse", "platz", "allee", "damm", "ufer", "ring"), "DE"),
    (("straat", "laan", "plein", "gracht", "kade", "singel", "dijk", "steeg"), "NL"),
    (("gatan", "vägen", "gränd", "torget"), "SE"),
    (("veien", "vegen", "gate", "plass"), "NO"),
    (("vej", "gade", "stræde"), "DK"),
    (("katu", "tie", "kuja", "polku"), "FI"),
)


# Lowercase street types that may start an address without a house number.
_LOWER_OK = frozenset(
    "rue avenue boulevard chemin allée impasse quai place calle rua avenida".split()
)


def _country_hint(street: str) -> str | None:
    for word in street.lower().split():
        if word in _WORD_COUNTRY:
            return _WORD_COUNTRY[word]
        for endings, country in _ENDING_COUNTRY:
            if len(word) > 4 and word.endswith(endings):
                return country
    return None


_MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec janvier février mars avril mai juin "
    "juillet août septembre octobre novembre décembre januar februar märz juni juli "
    "oktober dezember enero febrero marzo abril mayo junio julio agosto septiembre octubre "
    "noviembre diciembre".split()
)


_ABBREVS = frozenset(
    "st mt ft pt dr ave rd jr sr apt ste no nr bldg fl rm dept blvd ln ct pl sq hwy".split()
)


def _abbrev(word: str) -> bool:
    """``St.``, ``Mt.``, ``N.``: a dot that does not end a sentence."""
    bare = word.rstrip(".").lower()
    return len(bare) == 1 or bare in _ABBREVS


def _cut_sentence(place: str) -> str:
    """``"Regen. I"`` -> ``"Regen"``: a dot after a long word ends the sentence."""
    i = place.find(". ")
    while i >= 0:
        j = place.rfind(" ", 0, i) + 1
        if i - j > 3:
            return place[:i]
        i = place.find(". ", i + 1)
    return place


def _ends_segment(text: str, end: int) -> bool:
    """A place or region ends at a comma, a line end, the text end, a period that
    ends the text or line, or right before a postcode."""
    if end >= len(text):
        return True
    c = text[end]
    if c in ",\n;)":
        return True
    if c == ".":
        return end + 1 >= len(text) or text[end + 1] in " \n"
    if c in " \t":
        rest = text[end + 1 : end + 12]
        return bool(_POSTCODE.match(rest)) or rest[:1] in ("\n", "(")
    return False


def _plausible_num(text: str, end: int, after_place: bool) -> bool:
    """A bare 4-6 digit number is a postcode after a place, region or line break;
    right after a street it must not read like a quantity in prose (followed by a
    lowercase word)."""
    if after_place:
        return True
    nxt = text[end : end + 2]
    return not (len(nxt) == 2 and nxt[0] == " " and nxt[1].islower())


_NUMBER = re.compile(r"[0-9]{1,5}[A-Za-z]?(?:[-/][0-9]{1,3}[A-Za-z]?)?(?![\w%°]|[.:/,-][0-9])")


def _word_before(text: str, s: int) -> bool:
    """A letter (or a letter and ``.``/``,``) right before the space at ``s - 1``."""
    c = text[s - 2]
    return c.isalpha() or (c in ".," and text[s - 3].isalpha())


def _number_end(text: str, start: int) -> int:
    m = _NUMBER.match(text, start)
    return m.end() if m else 0


def _near_label(low: str, start: int) -> bool:
    return "address" in low[max(0, start - 40) : start]
