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
``attrs["years"]``. Known misses: ages of things (``the company is 34 years old`` is
dropped only when a few subject words are near).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..types import Span
from .base import Context

__all__ = ["DateRecognizer"]

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        "january jan janvier janv januar jänner enero ene gennaio gen januari januar styczeń",
        "february feb février fevrier févr fev februar febrero febbraio febr februari",
        "march mar mars märz maerz marzo mrt maart",
        "april apr avril avr abril aprile",
        "may mai mayo maggio mei",
        "june jun juin juni junio giugno",
        "july jul juillet juil juli julio luglio",
        "august aug août aout agosto ago augustus",
        "september sep sept septembre settembre septiembre set",
        "october oct octobre oktober okt octubre ottobre",
        "november nov novembre noviembre",
        "december dec décembre decembre déc dezember dez diciembre dic dicembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _num)

# Month words that are also common English words: need a capital in the original text.
_CAP_ONLY = frozenset({"may", "mar", "march", "jun", "jan", "set", "gen", "dec", "mai", "ago"})

_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"

# All regexes run on ctx.lower (ASCII-lowercased) and start with a digit or a letter class.
_ISO = re.compile(
    r"([12][0-9]{3})([-/.])([01]?[0-9])\2([0-3]?[0-9])"
    r"((?:[t ][0-2]?[0-9]:[0-5][0-9](:[0-5][0-9])?)?)"
)
_NUMERIC = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
_DAY_FIRST = re.compile(
    rf"([0-9]{{1,2}})(?:st|nd|rd|th|er|º|\.)?(?: of)? ({_MONTH_ALT})\.?(?:,? ([12][0-9]{{3}}))?"
)
_MONTH_FIRST = re.compile(
    rf"({_MONTH_ALT})\.? (?:({_DAY})(?:st|nd|rd|th)?(?:,? ([12][0-9]{{3}}))?|([12][0-9]{{3}}))"
)
_BORN_YEAR = re.compile(r"born in ([12][0-9]{3})")

_DOB_WORDS = (
    "born", "dob", "d.o.b", "birth", "geboren", "geb.", "né le", "née le", "né(e)",
    "nacimiento", "nascita", "naissance", "geburt", "nacido", "nata il", "nato il",
)  # fmt: skip
_VERSION_WORDS = ("version", "build", "release", "v.", "ver", "rev", "firmware", "patch")

# AGE
_AGE_OLD = re.compile(r"([0-9]{1,3})(?:[- ]|-?\s)(?:years?|yrs?)[- ]old")
_AGE_YO = re.compile(r"([0-9]{1,3}) ?(?:yo|y/o|y\.o\.|yr old)(?![a-z0-9])")
_AGE_WORD = re.compile(r"a(?:ge(?:d)?(?: of)?:? ?|t the age of )([0-9]{1,3})(?![0-9.,%:/])")
_AGE_SELF = re.compile(r"(?:i'm|i am|i’m|im|turned|turn|turning) ([0-9]{1,3})(?=[.,!?;)]|$| y| and| now| this| today| next| last| in)")
_THING_WORDS = ("company", "firm", "business", "building", "house", "car", "brand", "it is", "it's", "tree", "bottle", "wine", "record", "church")  # fmt: skip


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
        taken: list[tuple[int, int]] = []
        yield from self._numeric(text, low, ctx, taken)
        yield from self._textual(text, low, ctx, taken)
        m = _BORN_YEAR.search(low)
        while m:
            s, e = m.span(1)
            if _boundary(low, m.start(), e):
                yield Span(s, e, "DATE_OF_BIRTH", 0.7, self.name, text[s:e], {"iso": text[s:e]})
            m = _BORN_YEAR.search(low, m.end())
        yield from self._ages(text, low)

    # -- dates ---------------------------------------------------------------

    def _date(
        self, text: str, low: str, start: int, end: int, iso: str, score: float
    ) -> Span:
        label = "DATE"
        if any(w in low[max(0, start - 40) : start] for w in _DOB_WORDS):
            label, score = "DATE_OF_BIRTH", min(1.0, score + 0.1)
        return Span(start, end, label, score, self.name, text[start:end], {"iso": iso})

    def _numeric(
        self, text: str, low: str, ctx: Context, taken: list[tuple[int, int]]
    ) -> Iterator[Span]:
        for m in _ISO.finditer(low):
            s, e = m.start(), m.end(4)
            if not _boundary(low, s, m.end(), seps=True):
                continue
            y, mo, d = int(m[1]), int(m[3]), int(m[4])
            if not (1900 <= y <= 2099 and _valid(y, mo, d)):
                continue
            sep, clock = m[2], m[5]
            if clock and (clock[0] == "t" or m[6]):
                # a log/machine timestamp; kept only when it is a birth date
                if not any(w in low[max(0, s - 40) : s] for w in _DOB_WORDS):
                    taken.append((s, m.end()))
                    continue
            if sep == "." and (
                len(m[3]) < 2 or len(m[4]) < 2 or _near(low, s, _VERSION_WORDS)
            ):
                taken.append((s, e))
                continue
            taken.append((s, e))
            yield self._date(text, low, s, e, f"{y:04d}-{mo:02d}-{d:02d}", 0.85)
        if not _NUMERIC.search(low):
            return
        us = ctx.region == "US"
        for m in _NUMERIC.finditer(low):
            s, e = m.span()
            if _inside(taken, s) or not _boundary(low, s, e, seps=True):
                continue
            a, b, sep, ys = int(m[1]), int(m[3]), m[2], m[4]
            if sep == "." and len(ys) == 2 and (len(m[1]) < 2 or len(m[3]) < 2):
                continue  # 1.2.10 is a version, 15.03.24 a date
            if sep == "." and _near(low, s, _VERSION_WORDS):
                continue
            y = _year4(ys)
            if a > 12 or (not us and b <= 12) or sep == ".":
                d, mo = a, b
            else:
                mo, d = a, b
            if not _valid(y, mo, d):
                d, mo = mo, d
                if not _valid(y, mo, d):
                    continue
            score = 0.8 if len(ys) == 4 else 0.65
            taken.append((s, e))
            yield self._date(text, low, s, e, f"{y:04d}-{mo:02d}-{d:02d}", score)

    def _textual(
        self, text: str, low: str, ctx: Context, taken: list[tuple[int, int]]
    ) -> Iterator[Span]:
        for m in _DAY_FIRST.finditer(low):
            s, e = m.span()
            month = m[2]
            if _inside(taken, s) or not _boundary(low, s, e):
                continue
            if month in _CAP_ONLY and not text[m.start(2)].isupper():
                continue
            d, mo = int(m[1]), _MONTHS[month]
            if m[3]:
                y = int(m[3])
                if not _valid(y, mo, d):
                    continue
                iso, score = f"{y:04d}-{mo:02d}-{d:02d}", 0.85
            else:
                if not _valid(2000, mo, d):
                    continue
                iso, score = f"--{mo:02d}-{d:02d}", 0.6
            taken.append((s, e))
            yield self._date(text, low, s, e, iso, score)
        for m in _MONTH_FIRST.finditer(low):
            s, e = m.span()
            month = m[1]
            if _inside(taken, s) or not _boundary(low, s, e):
                continue
            if month in _CAP_ONLY and not text[s].isupper():
                continue
            mo = _MONTHS[month]
            if m[4]:  # month year
                y = int(m[4])
                iso, score = f"{y:04d}-{mo:02d}", 0.6
            elif m[3]:
                y, d = int(m[3]), int(m[2])
                if not _valid(y, mo, d):
                    continue
                iso, score = f"{y:04d}-{mo:02d}-{d:02d}", 0.85
            else:
                d = int(m[2])
                if not _valid(2000, mo, d):
                    continue
                iso, score = f"--{mo:02d}-{d:02d}", 0.6
            taken.append((s, e))
            yield self._date(text, low, s, e, iso, score)

    # -- ages ----------------------------------------------------------------

    def _ages(self, text: str, low: str) -> Iterator[Span]:
        if "old" in low:
            for m in _AGE_OLD.finditer(low):
                if _near(low, m.start(), _THING_WORDS, 25):
                    continue
                yield from self._age(text, low, m, 0.85)
        if "y" in low:
            for m in _AGE_YO.finditer(low):
                yield from self._age(text, low, m, 0.8)
        if "age" in low:
            for m in _AGE_WORD.finditer(low):
                yield from self._age(text, low, m, 0.8)
        for m in _AGE_SELF.finditer(low):
            yield from self._age(text, low, m, 0.6)

    def _age(self, text: str, low: str, m: re.Match[str], score: float) -> Iterator[Span]:
        s, e = m.span(1)
        if not _boundary(low, m.start(), m.end()) or int(m[1]) > 120:
            return
        yield Span(s, e, "AGE", score, self.name, text[s:e], {"years": str(int(m[1]))})


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


def _inside(taken: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in taken)
