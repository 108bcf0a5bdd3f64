"""Date surrogates: shift a date by a keyed number of days, keep its format.

By default the shift is one offset per key (``date_shift_by="key"``): every date
in the corpus moves by the same number of days (1 to ``max_shift_days``, either
direction), so intervals between dates survive, as in clinical de-identification
tools. ``date_shift_by="value"`` draws the offset from the date itself instead
(same date, same surrogate; intervals are lost, nothing is learnt from them).

The format is kept: ``15/03/2024`` stays day/month/year with the same padding,
``March 15th, 2024`` stays textual with the same month style, case, ordinal and
weekday; text around (times, ``T``, zones) stays. A day/month order that cannot
be decided from the values uses ``attrs["iso"]`` when present, else day first.
Text without digits or a month name (``yesterday``) is kept; other text that
cannot be parsed gets the character-class surrogate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ._seed import Seeder
from .generic import token
from .names import match_case

__all__ = ["ParsedDate", "date", "parse_date", "shift_days"]

_FULL = {
    "en": "january february march april may june july august september october november december",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
}  # fmt: skip
_MONTH_NAMES = {lang: names.split() for lang, names in _FULL.items()}
_MONTHS: dict[str, tuple[int, str, bool]] = {}  # token -> (month, lang, abbreviated)
for _lang, _names in _MONTH_NAMES.items():
    for _m, _n in enumerate(_names, 1):
        _MONTHS.setdefault(_n, (_m, _lang, False))
        _MONTHS.setdefault(_n[:3], (_m, _lang, True))
_MONTHS["sept"] = (9, "en", True)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_WD = {w: (i, False) for i, w in enumerate(_WEEKDAYS)} | {
    w[:3]: (i, True) for i, w in enumerate(_WEEKDAYS)
}
_ORD = frozenset(("st", "nd", "rd", "th", "er"))
_TOK = re.compile(r"\d+|[^\W\d_]+|[\W_]+")


@dataclass(slots=True)
class ParsedDate:
    value: dt.date | None  # None: a date layout with impossible values (31/02)
    tokens: list[str]
    fields: dict[int, str]  # token index -> Y4 Y2 M D MN WD ORD
    has_day: bool = True
    has_month: bool = True


def _year2(v: int) -> int:
    return 2000 + v if v < 50 else 1900 + v


def parse_date(text: str, iso: str | None = None, order: str = "dmy") -> ParsedDate | None:
    """Find the year, month and day tokens of ``text`` (None if it is not a date)."""
    p = _parse(text, iso, order)
    return p if p is not None and p.value is not None else None


def _parse(text: str, iso: str | None, order: str) -> ParsedDate | None:
    toks = _TOK.findall(text)
    nums = [i for i, t in enumerate(toks) if t.isdigit()]
    fields: dict[int, str] = {}
    month_idx = next((i for i, t in enumerate(toks) if t.lower() in _MONTHS), None)
    for i, t in enumerate(toks):
        if t.lower() in _WD and i != month_idx:
            fields[i] = "WD"
            break
    try:
        if month_idx is not None:
            fields[month_idx] = "MN"
            month = _MONTHS[toks[month_idx].lower()][0]
            y_idx = next((i for i in nums if len(toks[i]) == 4), None)
            d_idx = next((i for i in nums if len(toks[i]) <= 2 and 1 <= int(toks[i]) <= 31), None)
            if y_idx is None:
                y_idx = next((i for i in nums if len(toks[i]) == 2 and i != d_idx), None)
                if y_idx is None:
                    return None
                fields[y_idx] = "Y2"
                year = _year2(int(toks[y_idx]))
            else:
                fields[y_idx] = "Y4"
                year = int(toks[y_idx])
            if d_idx is not None:
                fields[d_idx] = "D"
                if d_idx + 1 < len(toks) and toks[d_idx + 1].lower() in _ORD:
                    fields[d_idx + 1] = "ORD"
            day = int(toks[d_idx]) if d_idx is not None else 15
            return ParsedDate(dt.date(year, month, day), toks, fields, d_idx is not None)
        if len(nums) >= 3:
            a, b, c = nums[:3]
            ta, tb, tc = toks[a], toks[b], toks[c]
            if len(ta) == 4:
                fields |= {a: "Y4", b: "M", c: "D"}
                return ParsedDate(dt.date(int(ta), int(tb), int(tc)), toks, fields)
            if len(tc) not in (2, 4) or len(ta) > 2 or len(tb) > 2:
                return None
            year = int(tc) if len(tc) == 4 else _year2(int(tc))
            fields[c] = "Y4" if len(tc) == 4 else "Y2"
            va, vb = int(ta), int(tb)
            if iso and len(iso) >= 10 and iso[5:7].isdigit():
                mdy = int(iso[5:7]) == va and int(iso[8:10]) == vb and va != vb
            elif va > 12:
                mdy = False
            elif vb > 12:
                mdy = True
            else:
                mdy = order == "mdy"
            if mdy:
                fields |= {a: "M", b: "D"}
                return ParsedDate(dt.date(year, va, vb), toks, fields)
            fields |= {a: "D", b: "M"}
            return ParsedDate(dt.date(year, vb, va), toks, fields)
        if len(nums) == 2:  # 03/2024 or 2024-03
            a, b = nums
            if len(toks[b]) == 4 and len(toks[a]) <= 2:
                fields |= {a: "M", b: "Y4"}
                return ParsedDate(dt.date(int(toks[b]), int(toks[a]), 15), toks, fields, False)
            if len(toks[a]) == 4 and len(toks[b]) <= 2:
                fields |= {a: "Y4", b: "M"}
                return ParsedDate(dt.date(int(toks[a]), int(toks[b]), 15), toks, fields, False)
            return None
        if len(nums) == 1 and len(toks[nums[0]]) == 4:
            fields[nums[0]] = "Y4"
            return ParsedDate(dt.date(int(toks[nums[0]]), 7, 1), toks, fields, False, False)
    except ValueError:  # day 31 in a 30-day month, month 13...: keep the layout
        kinds = set(fields.values())
        return ParsedDate(None, toks, fields, "D" in kinds, bool(kinds & {"M", "MN"}))
    return None


def _ordinal(day: int, french: bool = False) -> str:
    if french:
        return "er" if day == 1 else ""
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def render(p: ParsedDate, new: dt.date) -> str:
    """``p``'s text with its date fields rewritten for ``new``."""
    out = list(p.tokens)
    for i, kind in p.fields.items():
        t = p.tokens[i]
        if kind == "Y4":
            out[i] = f"{new.year:04d}"
        elif kind == "Y2":
            out[i] = f"{new.year % 100:02d}"
        elif kind in ("M", "D"):
            v = new.month if kind == "M" else new.day
            out[i] = f"{v:02d}" if len(t) == 2 else str(v)
        elif kind == "MN":
            _, lang, abbr = _MONTHS[t.lower()]
            name = _MONTH_NAMES[lang][new.month - 1]
            if abbr:
                name = "sept" if t.lower() == "sept" and new.month == 9 else name[: len(t)]
            out[i] = match_case(t, name.capitalize())
        elif kind == "WD":
            name = _WEEKDAYS[new.weekday()]
            out[i] = match_case(t, (name[:3] if _WD[t.lower()][1] else name).capitalize())
        elif kind == "ORD":
            out[i] = match_case(t, _ordinal(new.day, t.lower() == "er"))
    return "".join(out)


def shift_days(seeder: Seeder, label: str, norm: str, by: str, max_days: int) -> int:
    """The keyed offset in days (never 0)."""
    seed = seeder.int("DATE", "shift") if by == "key" else seeder.int(label, "shift", norm)
    off = seed % max_days + 1
    return off if (seed >> 32) & 1 else -off


def date(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str,
         by: str = "key", max_days: int = 365) -> str:  # fmt: skip
    p = _parse(text, attrs.get("iso"), "dmy")
    if p is None:
        if not any(c.isdigit() for c in text):
            return text
        return token(text, attrs, seeder, label, norm)
    if p.value is None:  # an impossible date: a random one in the same layout
        rng = seeder.rng(label, norm)
        return render(p, dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(30000)))
    off = shift_days(seeder, label, norm, by, max_days)
    if not p.has_month:  # a bare year: move it by at least one year
        years = max(1, round(abs(off) / 365))
        new = p.value.replace(year=p.value.year + (years if off > 0 else -years))
    else:
        new = p.value + dt.timedelta(days=off)
    return render(p, new)
