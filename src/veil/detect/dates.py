"""Dates, dates of birth and ages.

DATE: numeric (``2024-03-15``, ``15/03/2024``, ``03/15/2024``, ``15.03.2024``,
``3/15/24``) and textual (``March 15, 2024``, ``15 March 2024``, ``15th of March``,
``Mar 15``, ``March 2024``, ``1 janvier 2024``, ``3. März 2024``) dates with valid
day/month ranges. ``attrs["iso"]`` is ``YYYY-MM-DD`` (or ``YYYY-MM`` / ``--MM-DD``
when partial) so operators can generalize or shift consistently.

Not flagged: log timestamps (an ISO date followed by a time with seconds, or joined
to it by ``T``), version and build numbers (``4.12.1``, ``2024.11.3``), bare years and
weekdays (low value; they are left alone). Ambiguous ``a/b/yyyy`` reads month first
when ``ctx.region`` is ``US``, day first otherwise; ``a.b.yyyy`` is always day first.

DATE_OF_BIRTH: a date after birth context (``born``, ``DOB``, ``date of birth``,
``geboren``, ``né le`` ...), with a higher score than DATE; ``born in 1980`` gives a
year-only DATE_OF_BIRTH.

AGE: ``34-year-old``, ``34 years old``, ``aged 34``, ``age: 34``, ``at the age of 34``,
``34 yo``, ``34y/o``, ``I'm 34``, ``turned 34``; the span is the number, 0-120, with
``attrs["years"]``. Ages of things are dropped: a determiner and a noun that is no
person before ``is N years old`` ("the laptop is 6 years old", but "the patient is
45 years old" stays), a thing after ``N-year-old`` ("a 150-year-old oak"), and
``age`` glued to another word ("max_age: 30", "max-age=60"). Known misses: ages of
things named without a determiner.

Speed: candidates come from one scan of the lowercase digit skeleton (``_skel``)
whose lookaheads mirror the shapes; digits inside a date or time ("2024-05-01",
"10:30") never start one, and log timestamps ("2024-05-01T10:00:00Z") are skipped
in the scan unless birth words occur in the text. The same scan marks the digits where
the keyword scans ("aged 34", "is 27 now", "born in 1980") could start; a text where
it reports nothing skips them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..types import Span
from ._native import compiled
from ._skel import lower_digit_skeleton
from .base import Context, register_literals

__all__ = ["DateRecognizer"]

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        "january jan janvier janv januar jänner enero ene gennaio januari janeiro",
        "february feb février fevrier févr fev februar febrero febbraio febr februari fevereiro",
        "march mar mars märz maerz marzo mrt maart março",
        "april apr avril avr abril aprile",
        "may mai mayo maggio mei maio",
        "june jun juin juni junio giugno junho",
        "july jul juillet juil juli julio luglio julho",
        "august aug août aout agosto augustus",
        "september sep sept septembre settembre septiembre setembro",
        "october oct octobre oktober okt octubre ottobre outubro",
        "november nov novembre noviembre novembro",
        "december dec décembre decembre déc dezember dez diciembre dic dicembre dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _num)

# Month words that are also common English words: need a capital in the original text.
_CAP_ONLY = frozenset({"may", "mar", "march", "jun", "jan", "set", "gen", "dec", "mai", "ago"})


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` with shared prefixes factored out (faster to try),
    longest alternatives first."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        optional = "" in node
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if optional:
            body = (body if len(alts) == 1 and len(body) == 1 else f"(?:{body})") + "?"
        return body

    return emit(tree)


_MONTH_ALT = _trie(list(_MONTHS))


def _after(words: list[str], dots: bool = True) -> str:
    """Lookbehinds, placed after a first digit, asserting that one of ``words`` and a
    space (or ``. ``) precede it. Grouped by width (Python needs fixed widths)."""
    by_width: dict[int, list[str]] = {}
    for w in words:
        for form in (w + " ", w + ". ") if dots else (w + " ",):
            by_width.setdefault(len(form), []).append(form)
    alts = [f"(?<={_trie(ws)}[0-9])" for _, ws in sorted(by_width.items())]
    # a cheap guard first: most digits are not preceded by a word and a space
    return r"(?:(?<=[^\W\d_] [0-9])|(?<=[^\W\d_]\. [0-9]))(?:" + "|".join(alts) + ")"


_SELF_WORDS = ["i'm", "i am", "i’m", "im", "turned", "turn", "turning"]

# Each shape is a digit followed by a tail (all run on ctx.lower). One combined scan,
# ``[0-9](?:tail|tail|...)``, finds them in a single pass (a leading character class
# is the slow part of a scan, so it is paid once); the shape that matched re-parses
# its match with its own groups. Values that include the first digit are sliced
# from the match start. Digits inside a word or number are skipped at once.
_TAILS: dict[str, str] = {
    "iso": r"([0-9]{3})([-/.])([01]?[0-9])([-/.])([0-3]?[0-9])"
    r"((?:[t ][0-2]?[0-9]:[0-5][0-9](:[0-5][0-9])?)?)",
    "num": r"([0-9]?)([/.-])([0-9][0-9]?)([/.-])([0-9]{4}|[0-9]{2})(?![0-9])",
    "month_first": rf"{_after(list(_MONTHS))}(?:([0-9]{{3}})(?![0-9])"
    r"|([0-9]?)(?![0-9])(?:st|nd|rd|th)?(?:,? ([12][0-9]{3}))?)",
    # "5 May 2024", "3rd of June", "5 de mayo de 1990"
    "day_first": r"([0-9]?)(?:st|nd|rd|th|er|º|\.)?(?: of| de)? "
    rf"({_MONTH_ALT})\.?(?:(?:,? | de )([12][0-9]{{3}}))?",
    # "34 years old", "34-year-old", "35 Jahre alt", "35 jaar oud"
    "age_old": r"([0-9]?[0-9]?)(?:(?:[- ]|-?\s)(?:years?|yrs?)[- ]old| (?:jahre alt|jaar oud))",
    "age_yo": r"([0-9]?[0-9]?) ?(?:yo|y/o|y\.o\.|yr old)(?![a-z0-9])",
    "age_self": rf"{_after(_SELF_WORDS, dots=False)}([0-9]?[0-9]?)"
    r"(?=[.,!?;)]|$| y| and| now| this| today| next| last| in)",
}
# Candidates are found in one pass over the text's lowercase digit skeleton (Latin-1
# bytes, every digit "0", ASCII letters lowercased; see ``_skel``): a digit that
# starts a token, followed by the lookahead of every shape above with its digit
# classes collapsed to "0". The leading literal "0" makes the scan fast, and the
# lookaheads leave only real candidates to Python, which parses each with the
# exact pattern of the shape that matched (and of the later shapes if that fails).
_ORDER = ("iso", "num", "day_first", "age_old", "age_yo", "month_first", "age_self")


def _skeleton_tail(tail: str) -> bytes:
    for cls in ("[0-9]", "[01]", "[0-3]", "[0-2]", "[0-5]", "[12]"):
        tail = tail.replace(cls, "0")
    tail = tail.replace("’", r"\?")  # outside Latin-1: "?" in the skeleton
    tail = re.sub(r"\((?!\?)", "(?:", tail)  # no capture groups
    return tail.encode("latin-1")


# Cheap checks of the digits after the first one, implied by a shape's tail, tried
# before its lookbehinds: a month and day or year has 1, 2 or 4 digits; an "I'm 34"
# age 1 to 3 digits and then one of the tail's followers.
_PRECHECK = {
    "month_first": rb"(?!00(?!0)|0000)",
    "age_self": rb"(?=0?+0?+(?:[.,!?;)]|$| [yantli]))",
}


def _group(*kinds: str) -> bytes:
    return b"|".join(
        b"(?P<%s>(?=%s%s))" % (k.encode(), _PRECHECK.get(k, b""), _skeleton_tail(_TAILS[k]))
        for k in kinds
    )


# Each family of shapes sits behind a cheap guard on the next (or previous) few bytes,
# so that most digits cost one or two byte tests; digits inside a date or a time
# ("2024-05-01", "10:30") never start one. The guards are possessive (``0?+``) and
# their alternatives start with a literal, so a failing digit is rejected in a few
# steps (each guard is implied by the shapes behind it: "(?: of)? [a-z]" needs no
# " of", since " o" is already " [a-z]").
_ISO_GUARD = b"(?=0{0,3}+[-/.])(?:"
_STAMP = rb"000[-/.]0?0[-/.]0?0t"
_SHAPES = (
    rb"(?<![def]0)(?:" + _ISO_GUARD + _group("iso", "num") + rb")"
    rb"|(?=0?+0?+(?: [a-z\xdf-\xff]|y|-\s?y|\sy|(?:st|nd|rd|th|er|\xba|\.) [a-z\xdf-\xff]))(?:"
    + _group("day_first", "age_old", "age_yo")
    + rb")"
    rb"|(?<=[a-z\xdf-\xff.?] 0)(?:(?<=[a-z\xdf-\xff?] 0)|(?<=[a-z]\. 0))(?:"
    + _group("month_first", "age_self")
    + rb"))"
)
# Digits where the later scans of ``analyze`` may start (tested only where no shape
# matched): "age 34", "aged: 34", "age of34" (_AGE_WORD), "is 27 now" (_IS_NOW),
# "born in 1980" (_BORN_YEAR). A superset: every such digit is preceded by one of
# these endings, so a text where the scan reports nothing at all needs none of them.
_MORE = (
    rb"(?P<more>(?<= 0)(?:(?<=(?:ge|ed|of|[edf]:) 0)|(?<=i[sn] 0)(?:(?<=born in 0)"
    rb"|(?<=is 0)(?=0{0,2}+ (?:now|today|this year))))|(?<=(?:ge|ed|of|[edf]:)0))"
)
# A digit that starts no token: no digit, "." or letter before it, except "d", "e" and
# "f", let through for _MORE ("age34", "aged34") and kept from the shapes by their
# "(?<![def]0)"; not the minutes of "10:30" or the month of "2024-05".
_PREFIX = rb"0(?<![0a-cg-z\xaa\xb5\xba\xdf-\xf6\xf8-\xff.]0)(?<!0[/:,]0)(?<!00-0)(?:"
# ISO dates joined to a time by "T" are log timestamps: candidates only in texts with
# birth words ("DOB: 1980-07-04T00:00"). The first scan reports the first one as
# "stamp" (no shape tried there); ``_candidates`` then goes on from it with _CAND_DOB
# or _CAND, so texts without timestamps never look for birth words.


def _scan(iso_guard: bytes) -> re.Pattern[bytes]:
    shapes = _SHAPES.replace(_ISO_GUARD, iso_guard)
    return re.compile(_PREFIX + shapes + b"|" + _MORE + b")")


_CAND_DOB = _scan(_ISO_GUARD)
_CAND = _scan(b"(?=0{0,3}+[-/.])(?!" + _STAMP + b")(?:")
_CAND_STAMP = _scan(b"(?=0{0,3}+[-/.])(?:(?P<stamp>(?=" + _STAMP + b"))|")
_DOB_BYTES = tuple(
    w.encode("latin-1")
    for w in ("birth", "born", "dob", "d.o.b", "geb", "né", "nacimiento", "nascita",
              "naissance", "nacido", "nata il", "nato il", "nasc")
)  # fmt: skip


# The words (with the ". " or " " after them) that may come right before a
# month_first or age_self number, in skeleton form: for the compiled prefilter.
_SHAPE_WORDS = tuple(
    {
        form.encode("latin-1", "replace")
        for words, dots in ((list(_MONTHS), True), (_SELF_WORDS, False))
        for w in words
        for form in ((w + " ", w + ". ") if dots else (w + " ",))
    }
)
# The words after a day's number and a space (maybe "of "/"de "), in skeleton form
# (Latin-1): the months of day_first ("5 may", "3rd of june", "5 de mayo") and the
# non-English "years old" of age_old ("35 jahre alt").
_DAY_WORDS = (*(w.encode("latin-1") for w in _MONTHS), b"jahre alt", b"jaar oud")
_C = compiled()
_STARTS = _C.DateScanner(_SHAPE_WORDS, _DAY_WORDS).starts if _C is not None else None


def _candidates(sk: bytes) -> Iterator[tuple[int, str]]:
    """(offset, kind) of every candidate digit of the skeleton ``sk``, in order."""
    if _STARTS is not None:
        return _candidates_at(sk, _STARTS(sk))
    return _candidates_py(sk)


def _candidates_at(sk: bytes, starts: list[int]) -> Iterator[tuple[int, str]]:
    """:func:`_candidates_py` with the scan's regex tried only at ``starts`` (a
    superset of where it matches, from ``_scan_c.DateScanner``): each match is the one
    digit at its start, so the matches at these places are all the scan's matches."""
    rx = _CAND_STAMP
    for p in starts:
        m = rx.match(sk, p)
        if m is None:
            continue
        kind = m.lastgroup
        if kind == "stamp":  # a log timestamp: from here on, as _candidates_py
            rx = _CAND_DOB if any(w in sk for w in _DOB_BYTES) else _CAND
            m = rx.match(sk, p)
            if m is None:
                continue
            kind = m.lastgroup
        yield p, kind  # type: ignore[misc]


def _candidates_py(sk: bytes) -> Iterator[tuple[int, str]]:
    """(offset, kind) of every candidate digit of the skeleton ``sk``, in order."""
    for c in _CAND_STAMP.finditer(sk):
        kind = c.lastgroup
        if kind != "stamp":
            yield c.start(), kind  # type: ignore[misc]
            continue
        # a log timestamp: from here on, the scan with or without timestamps
        rx = _CAND_DOB if any(w in sk for w in _DOB_BYTES) else _CAND
        for m in rx.finditer(sk, c.start()):
            yield m.start(), m.lastgroup  # type: ignore[misc]
        return


_THEN = {k: _ORDER[i:] for i, k in enumerate(_ORDER)}
_PARSE = {k: re.compile("[0-9]" + v) for k, v in _TAILS.items()}
_MONTH_WORD = re.compile(r"([a-zà-ÿ]+)\.? $")
_SELF_WORD = re.compile(r"(?:i'm|i am|i’m|im|turned|turn|turning) $")
# "aged 34", "age: 34", "(at the) age of 34": a literal first "age" keeps the scan fast
_AGE_HINT = re.compile(rb"age(?:d)?(?: of)?:? ?0")
_AGE_WORD = re.compile(r"age(?:d)?(?: of)?:? ?([0-9]{1,3})(?![0-9%]|[.,:/][0-9])")
_IS_NOW = re.compile(r"is ([0-9]{1,3}) (?:now|today|this year)(?![a-z])")
_KIN = (
    "son", "daughter", "kid", "child", "he", "she", "brother", "sister", "mom", "dad",
    "mother", "father", "wife", "husband", "baby", "grandma", "grandpa", "boy", "girl",
    "nephew", "niece", "cousin", "friend", "partner", "patient",
)  # fmt: skip
_BORN_YEAR = re.compile(r"born in ([12][0-9]{3})")
register_literals("born in ", " now", " today", " this year")

_DOB_WORDS = (
    "born", "dob", "d.o.b", "birth", "geboren", "geb.", "né le", "née le", "né(e)",
    "nacimiento", "nascita", "naissance", "geburt", "nacido", "nata il", "nato il",
    "nascimento", "nascido", "nascida", "nasceu",
)  # fmt: skip
_VERSION_WORDS = ("version", "build", "release", "v.", "ver", "rev", "firmware", "patch")
_IT = ("it is ", "it's ", "it’s ", "it was ", "they are ")
_THING_WORDS = frozenset(
    "company firm business building house car brand tree bottle wine record "
    "church bridge castle shop store restaurant website site app".split()
)


def _valid(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return day <= (29 if leap else 28)
    return day <= 30 or month not in (4, 6, 9, 11)


def _year4(y: str) -> int:
    n = int(y)
    if len(y) == 4:
        return n
    return 2000 + n if n < 50 else 1900 + n


class DateRecognizer:
    """DATE, DATE_OF_BIRTH and AGE."""

    name = "dates"
    labels = ("DATE", "DATE_OF_BIRTH", "AGE")

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        if not ctx.has_digits:
            return
        low = ctx.lower
        us = ctx.region == "US"
        ages: set[int] = set()
        last_end = -1
        sk = lower_digit_skeleton(ctx)
        more = False
        for s, first in _candidates(sk):
            more = True  # a shape found here would hide a later scan's start (_MORE)
            if s < last_end or first == "more":
                continue
            for kind in _THEN[first]:
                span = self._shape(kind, text, low, s, us)
                if span is not None:
                    if span.label == "AGE":
                        ages.add(span.start)
                    last_end = span.end
                    yield span
                    break
        if not more:
            return
        if _AGE_HINT.search(sk) is not None:
            for m in _AGE_WORD.finditer(low):
                b = m.start()
                if b and (low[b - 1].isalnum() or low[b - 1] in "_-"):
                    continue  # "max_age: 30", "max-age=60", "page 3"
                if m.start(1) not in ages:
                    span = self._age(text, low, m.start(), m.end(), m.start(1), m.end(1), 0.8)
                    if span is not None:
                        yield span
        if (
            (ctx.find(" now") >= 0 and b"0 now" in sk)
            or (ctx.find(" today") >= 0 and b"0 today" in sk)
            or (ctx.find(" this year") >= 0 and b"0 this year" in sk)
        ):
            for m in _IS_NOW.finditer(low):  # "my son is 27 now"
                words = low[max(0, m.start() - 16) : m.start()].split()
                if m.start(1) not in ages and words and words[-1] in _KIN:
                    span = self._age(text, low, m.start(), m.end(), m.start(1), m.end(1), 0.7)
                    if span is not None:
                        yield span
        if ctx.find("born in ") >= 0:
            for m in _BORN_YEAR.finditer(low):
                s, e = m.span(1)
                if _boundary(low, m.start(), e):
                    iso = {"iso": text[s:e]}
                    yield Span(s, e, "DATE_OF_BIRTH", 0.7, self.name, text[s:e], iso)

    def _shape(self, kind: str, text: str, low: str, s: int, us: bool) -> Span | None:
        m = _PARSE[kind].match(low, s)
        if m is None:
            return None
        if kind == "iso":
            return self._iso(text, low, s, m)
        if kind == "num":
            return self._num(text, low, s, m, us)
        if kind == "month_first":
            return self._month_first(text, low, s, m)
        if kind == "day_first":
            return self._day_first(text, low, s, m)
        return self._age_shape(text, low, kind, s, m)

    # -- dates ---------------------------------------------------------------

    def _date(self, text: str, low: str, start: int, end: int, iso: str, score: float) -> Span:
        label = "DATE"
        if _dob(low, start):
            label, score = "DATE_OF_BIRTH", min(1.0, score + 0.1)
        return Span(start, end, label, score, self.name, text[start:end], {"iso": iso})

    def _iso(self, text: str, low: str, s: int, m: re.Match[str]) -> Span | None:
        if m[2] != m[4] or not _boundary(low, s, m.end(), seps=True):
            return None
        y, mo, d = int(low[s : m.end(1)]), int(m[3]), int(m[5])
        if not (1900 <= y <= 2099 and _valid(y, mo, d)):
            return None
        clock = m[6]
        if (
            clock
            and (clock[0] == "t" or (m[7] and _log_line(low, s, m.end())))
            and not _dob(low, s)
        ):
            return None  # a log or machine timestamp, not a personal date
        if m[2] == "." and (
            len(m[3]) < 2 or len(m[5]) < 2 or (_near(low, s, _VERSION_WORDS) and not _dob(low, s))
        ):
            return None  # 2024.11.3 is a build number
        return self._date(text, low, s, m.end(5), f"{y:04d}-{mo:02d}-{d:02d}", 0.85)

    def _num(self, text: str, low: str, s: int, m: re.Match[str], us: bool) -> Span | None:
        e = m.end()
        if m[2] != m[4] or not _boundary(low, s, e, seps=True):
            return None
        a, b, sep, ys = int(low[s : m.end(1)]), int(m[3]), m[2], m[5]
        if sep == "." and len(ys) == 2 and (not m[1] or len(m[3]) < 2):
            return None  # 1.2.10 is a version, 15.03.24 a date
        if sep == "." and _near(low, s, _VERSION_WORDS) and not _dob(low, s):
            return None  # "release 04.11.98" is a build, "DOB: 04.11.98" a birth date
        y = _year4(ys)
        if a > 12 or (not us and b <= 12) or sep == ".":
            d, mo = a, b
        else:
            mo, d = a, b
        if not _valid(y, mo, d):
            d, mo = mo, d
            if not _valid(y, mo, d):
                return None
        score = 0.8 if len(ys) == 4 else 0.65
        return self._date(text, low, s, e, f"{y:04d}-{mo:02d}-{d:02d}", score)

    def _month_first(self, text: str, low: str, s: int, m: re.Match[str]) -> Span | None:
        e = m.end()
        w = _MONTH_WORD.search(low, max(0, s - 12), s)
        if w is None or w[1] not in _MONTHS:
            return None
        month, start = w[1], w.start()
        if not _boundary(low, start, e) or (month in _CAP_ONLY and not text[start].isupper()):
            return None
        mo = _MONTHS[month]
        if m[1]:  # month and year
            y = int(low[s : m.end(1)])
            if not 1900 <= y <= 2099:
                return None
            return self._date(text, low, start, e, f"{y:04d}-{mo:02d}", 0.6)
        d = int(low[s : m.end(2)])
        if m[3]:
            y = int(m[3])
            if not _valid(y, mo, d):
                return None
            return self._date(text, low, start, e, f"{y:04d}-{mo:02d}-{d:02d}", 0.85)
        if not _valid(2000, mo, d):
            return None
        return self._date(text, low, start, e, f"--{mo:02d}-{d:02d}", 0.6)

    def _day_first(self, text: str, low: str, s: int, m: re.Match[str]) -> Span | None:
        e = m.end()
        if not _boundary(low, s, e):
            return None
        month = m[2]
        if month in _CAP_ONLY and not text[m.start(2)].isupper():
            return None
        d, mo = int(low[s : m.end(1)]), _MONTHS[month]
        if m[3]:
            y = int(m[3])
            if not _valid(y, mo, d):
                return None
            return self._date(text, low, s, e, f"{y:04d}-{mo:02d}-{d:02d}", 0.85)
        if not _valid(2000, mo, d) or "." in low[m.end(1) : m.start(2)]:
            return None  # "floor 5. Set the gateway": a partial date needs no dot
        return self._date(text, low, s, e, f"--{mo:02d}-{d:02d}", 0.6)

    # -- ages ----------------------------------------------------------------

    def _age_shape(self, text: str, low: str, kind: str, s: int, m: re.Match[str]) -> Span | None:
        e = m.end()
        if kind == "age_old":
            left = low[max(0, s - 25) : s]
            if not _THING_WORDS.isdisjoint(left.split()) or left.endswith(_IT):
                return None  # "the company is 34 years old", "it's 10 years old"
            if _thing_subject(left) or _thing_after(low, e):
                return None  # "the laptop is 6 years old", "a 150-year-old oak"
            return self._age(text, low, s, e, s, m.end(1), 0.85)
        if kind == "age_yo":
            return self._age(text, low, s, e, s, m.end(1), 0.8)
        w = _SELF_WORD.search(low, max(0, s - 9), s)
        if w is None or not _boundary(low, w.start(), w.end() - 1):
            return None
        return self._age(text, low, s, e, s, m.end(1), 0.6)

    def _age(
        self, text: str, low: str, ms: int, me: int, s: int, e: int, score: float
    ) -> Span | None:
        if not _boundary(low, ms, me) or int(low[s:e]) > 120:
            return None
        return Span(s, e, "AGE", score, self.name, text[s:e], {"years": str(int(low[s:e]))})


# Nouns whose age is a person's age: "the patient is 45 years old", "a 34-year-old man".
_PERSON_NOUNS = frozenset(
    """patient patients man woman men women boy girl baby child kid son daughter brother
    sister mother father mom dad mum wife husband partner friend client customer victim
    applicant candidate student pupil resident member employee worker driver person
    individual male female lady gentleman guy grandmother grandfather grandma grandpa
    nephew niece cousin uncle aunt twins twin toddler infant teen teenager adult
    subject participant respondent caller user owner tenant suspect defendant""".split()
)
_SUBJECT = re.compile(
    r"(?:^|[^a-z])(?:the|my|our|your|his|her|their|this|that|a|an) ([a-z]+) (?:is|was|turned|turns|will be) $"
)


def _thing_subject(left: str) -> bool:
    """``the laptop is`` / ``my repo was``: a determiner and a noun that is no person
    right before the age."""
    m = _SUBJECT.search(left)
    return m is not None and m[1] not in _PERSON_NOUNS and m[1] not in _KIN


def _thing_after(low: str, end: int) -> bool:
    """``a 150-year-old oak``: the noun after ``-year-old`` is a thing (a known person
    noun, or any word after ``old`` that is no noun we know, keeps the age)."""
    if low[end - 4 : end] != "-old" or low[end : end + 1] != " ":
        return False
    j = end + 1
    k = j
    while k < len(low) and k - j < 14 and low[k].isalpha():
        k += 1
    word = low[j:k]
    return word in _THING_NOUNS


_THING_NOUNS = frozenset(
    """oak tree trees building house home car bridge church castle company firm brand
    laptop computer phone machine server repo codebase bottle wine whisky whiskey cheese
    recipe tradition record song film movie book photo painting piano guitar boat ship
    plane engine bike table chair statue wall road city town village temple mill barn""".split()
)


_LOG_AFTER = re.compile(
    r"[.,][0-9]{3}|z|[+-][0-9]{2}:?[0-9]{2}| *\]| +(?:info|warn|warning|error|debug|trace|fatal|critical|notice)\b"
)


def _log_line(low: str, start: int, end: int) -> bool:
    """A date and time with seconds that reads like a log line: it starts the line
    (or a ``[`` bracket), or milliseconds, a zone or a log level follow. "When:
    2000-04-16 11:34:35" stays a date."""
    if start == 0 or low[start - 1] in "\n[":
        return True
    return _LOG_AFTER.match(low, end) is not None


def _dob(low: str, start: int) -> bool:
    """Birth words shortly before ``start``, with no other number in between."""
    left = low[max(0, start - 40) : start]
    last = max(left.rfind(w) for w in _DOB_WORDS)
    return last >= 0 and not any(c.isdigit() for c in left[last:])


def _boundary(low: str, start: int, end: int, seps: bool = False) -> bool:
    """No letter/digit touches the match; with ``seps`` also no ``.``/``/``-joined
    digits (IP addresses, versions like 1.2.3.4, paths)."""
    if start > 0:
        c = low[start - 1]
        if c.isalnum() or (seps and c in "./-:" and start > 1 and low[start - 2].isalnum()):
            return False
    if end < len(low):
        c = low[end]
        if c.isalnum():
            return False
        if seps and c in "./-" and end + 1 < len(low) and low[end + 1].isdigit():
            return False
    return True


def _near(low: str, start: int, words: tuple[str, ...], before: int = 20) -> bool:
    left = low[max(0, start - before) : start]
    return any(w in left for w in words)
