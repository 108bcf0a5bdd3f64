"""Latitude/longitude pairs.

Three shapes are searched:

* decimal pairs, signed or with hemisphere letters: ``48.8584, 2.2945``,
  ``-33.8688,151.2093``, ``(51.5007, -0.1246)``, ``51.5074° N, 0.1278° W``;
* degree-minute-second pairs: ``40°42'46"N 74°00'22"W``, ``N 40°42.767' W 74°0.367'``;
* keyed values: ``lat: 40.7128, lon: -74.0060``, ``{"lat": .., "lng": ..}``,
  ``?lat=..&lon=..``. Here each value is its own span (attrs ``part``), so the keys
  and the JSON/query structure between them survive.

A pair needs plausible ranges (|lat| <= 90, |lon| <= 180). A bare decimal pair
also needs at least 3 decimals on both numbers unless a context word (lat, lng,
coordinates, gps, location, ...), a degree sign or hemisphere letters vouch for it;
pairs that look like float vectors (both below 1, or part of a longer list of
decimals) are skipped without context, and so are space-only separated pairs.
Hemisphere letters without a degree sign need two decimals ("4.5 N" is a force).
A pair whose first number is out of latitude range is read as lon, lat
(GeoJSON order) only next to a context word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from ..types import Span
from ._scan import facts
from .base import Context, register_literals

__all__ = ["CoordinatesRecognizer"]

_LABEL = "COORDINATES"
_SIGN = "[-+\u2212]"
_DEG = "(?:°|º|˚)"

# decimal pair, matched from the first number's decimal point (a literal, so re scans
# fast); the integer part and sign before it are read back in Python
_DECIMAL = re.compile(
    rf"\.(?P<ad>[0-9]{{1,15}})(?P<adeg>[ ]?{_DEG})?(?:[ ]?(?P<ah>[NS])(?![A-Za-z]))?"
    r"(?P<sep>[ \t]{0,3}[,;][ \t]{0,3}|[ \t]{1,3})"
    rf"(?P<b>{_SIGN}?[0-9]{{1,3}}\.(?P<bd>[0-9]{{1,15}}))(?P<bdeg>[ ]?{_DEG})?(?:[ ]?(?P<bh>[EW])(?![A-Za-z]))?"
)
_INT_PART = re.compile(r"[-+\u2212]?[0-9]{1,3}$")


def _angle(p: str) -> str:
    """Degrees (decimal or integer) with a degree sign, optional minutes and seconds."""
    return (
        rf"(?P<{p}d>[0-9]{{1,3}}(?:\.[0-9]{{1,15}})?)[ ]?{_DEG}"
        rf"(?:[ ]?(?P<{p}m>[0-9]{{1,2}}(?:\.[0-9]{{1,10}})?)[ ]?['′’]"
        rf"(?:[ ]?(?P<{p}s>[0-9]{{1,2}}(?:\.[0-9]{{1,10}})?)[ ]?(?:\"|″|”|''|′′))?)?"
    )


# angle pairs with a degree sign and hemisphere letters, letters after or before
_DMS = re.compile(
    _angle("a") + r"[ ]?(?P<ah>[NS])[ \t]{0,3}[,;/]?[ \t]{0,3}" + _angle("b") + r"[ ]?(?P<bh>[EW])"
)
_DMS_PREFIX = re.compile(
    r"(?P<ah>[NS])[ ]?" + _angle("a") + r"[ \t]{0,3}[,;/]?[ \t]{0,3}(?P<bh>[EW])[ ]?" + _angle("b")
)

_NUM = r"[-+\u2212]?[0-9]{1,3}\.[0-9]{1,15}"
_KSEP = r"[\"']?[ \t]{0,3}[:=]?[ \t]{0,3}[\"']?"
_PAIRSEP = r"[\"']?[ \t]{0,3}[,;&]?[ \t\r\n]{0,40}[\"']?"
_KEY_PREFIX = r"(?:[a-z0-9]{1,20}[_.\-])?"  # user_lat ... user_lon
_LON_KEY = r"(?:lon|lng|long)(?:gitude)?"
# keyed values, searched in ctx.lower; each regex starts with a literal key (fast scan)
_KEYED = (
    re.compile(
        rf"lat(?:itude)?{_KSEP}(?P<lat>{_NUM}){_PAIRSEP}{_KEY_PREFIX}{_LON_KEY}{_KSEP}(?P<lon>{_NUM})"
    ),
    re.compile(
        rf"lon(?:g|gitude)?{_KSEP}(?P<lon>{_NUM}){_PAIRSEP}{_KEY_PREFIX}lat(?:itude)?{_KSEP}(?P<lat>{_NUM})"
    ),
    re.compile(
        rf"lng{_KSEP}(?P<lon>{_NUM}){_PAIRSEP}{_KEY_PREFIX}lat(?:itude)?{_KSEP}(?P<lat>{_NUM})"
    ),
)

_KEY_NUM = re.compile(r"[a-z]{0,6}[\"']?[ \t]{0,3}[:=]?[ \t]{0,3}[\"']?[-+\u2212]?[0-9]{1,3}\.")


register_literals("lat")


def _key_then_number(ctx: Context, key: str) -> bool:
    """Whether ``key`` occurs followed by a decimal number (cheap gate for keyed pairs:
    "later" and "latest" are common words, "lat: 40.7" is not)."""
    low = ctx.lower
    i = ctx.find(key)
    while i != -1:
        if _KEY_NUM.match(low, i + len(key)):
            return True
        i = low.find(key, i + 1)
    return False


_CONTEXT = re.compile(
    r"(?<![a-z])(?:lat|lng|lon|latitude|longitude|coords?|coordinates?|gps|geo[a-z]*"
    r"|location|located|waypoint|gmaps|breitengrad|längengrad)(?![a-z])"
)
# another number right before or after the pair: a list or a vector, not a position
_LIST_AFTER = re.compile(r"[ \t]*,[ \t\r\n]*[-+\u2212]?\.?[0-9]")
_LIST_BEFORE = re.compile(r"[0-9.][ \t]*,[ \t\r\n]*$")


def _num(s: str) -> float:
    return float(s.replace("\u2212", "-"))


def _boundary_ok(text: str, start: int, end: int) -> bool:
    """No letter, digit or dot glued to the pair (versions, IPs, longer numbers)."""
    if start > 0:
        c = text[start - 1]
        if c.isalnum() or c in "._$€£":
            return False
    if end < len(text):
        c = text[end]
        if c.isalnum() or c == "°":
            return False
        if c in ".," and end + 1 < len(text) and text[end + 1].isdigit():
            return False
    return True


def _angle_value(m: re.Match[str], p: str) -> float | None:
    deg = float(m.group(p + "d"))
    minutes, seconds = m.group(p + "m"), m.group(p + "s")
    if minutes is not None:
        if "." in m.group(p + "d"):
            return None  # decimal degrees with minutes: not an angle
        mi = float(minutes)
        if mi >= 60:
            return None
        deg += mi / 60
        if seconds is not None:
            se = float(seconds)
            if se >= 60:
                return None
            deg += se / 3600
    return deg


def _bare_pair_ok(text: str, start: int, m: re.Match[str]) -> bool:
    """Shape checks for a decimal pair that nothing else vouches for: 3 to 8 decimals
    each (floats printed by programs have more), none all zeros, a comma written the
    way people write it ("," or ", "), and not in square brackets (arrays)."""
    ad, bd = m.group("ad"), m.group("bd")
    if not (3 <= len(ad) <= 8 and 3 <= len(bd) <= 8):
        return False
    if m.group("sep") not in (",", ", ", ";", "; "):
        return False
    # inside square brackets: an array in code or data ([x, y] rows of a matrix)
    return text[max(0, start - 3) : start].rstrip()[-1:] != "[" and (
        text[m.end() : m.end() + 3].lstrip()[:1] != "]"
    )


class CoordinatesRecognizer:
    """Finds latitude/longitude pairs (decimal, DMS, keyed)."""

    name = "CoordinatesRecognizer"
    labels = (_LABEL,)

    def __init__(self, before: int = 40, after: int = 20) -> None:
        self.before = before
        self.after = after

    def _context(self, ctx: Context, start: int, end: int) -> bool:
        return _CONTEXT.search(ctx.window(start, end, self.before, self.after)) is not None

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        if not ctx.has_digits:
            return
        taken = _Taken()
        # keyed and bare decimal pairs both need a "digit.digit" (one skeleton lookup)
        decimals = b"0.0" in facts(ctx).sk
        if decimals and _key_then_number(ctx, "lat"):
            yield from self._keyed(text, ctx, taken)
        if "°" in text or "º" in text or "˚" in text:
            for rx in (_DMS, _DMS_PREFIX):
                yield from self._dms(rx, text, ctx, taken)
        if decimals:
            yield from self._decimal(text, ctx, taken)

    def _span(self, text: str, ctx: Context, start: int, end: int, score: float, **attrs: str):
        value = text[start:end]
        if ctx.allow.allows(value):
            return None
        return Span(start, end, _LABEL, score, self.name, value, attrs)

    def _keyed(self, text: str, ctx: Context, taken: _Taken) -> Iterator[Span]:
        low = ctx.lower
        matches = [m for rx in _KEYED for m in rx.finditer(low)]
        for m in sorted(matches, key=lambda m: m.start()):
            if m.start() > 0 and low[m.start() - 1].isalpha():
                continue
            lat_g, lon_g = "lat", "lon"
            lat, lon = _num(m.group(lat_g)), _num(m.group(lon_g))
            if abs(lat) > 90 or abs(lon) > 180:
                continue
            if not _boundary_ok(text, m.start(lon_g), m.end(lon_g)):
                continue  # the value goes on: "lon: -74.0060.5", "lon=1.5e3"
            if taken.overlaps(*m.span(lat_g)) or taken.overlaps(*m.span(lon_g)):
                continue  # lat, lon, lat: the pairs found first win
            for g, part in ((lat_g, "latitude"), (lon_g, "longitude")):
                s, e = m.span(g)
                span = self._span(text, ctx, s, e, 0.95, part=part)
                if span is not None:
                    taken.add(s, e)
                    yield span

    def _dms(self, rx: re.Pattern[str], text: str, ctx: Context, taken: _Taken) -> Iterator[Span]:
        for m in _around_degree_signs(rx, text):
            start, end = m.span()
            if not _boundary_ok(text, start, end) or taken.overlaps(start, end):
                continue
            lat, lon = _angle_value(m, "a"), _angle_value(m, "b")
            if lat is None or lon is None or lat > 90 or lon > 180:
                continue
            span = self._span(text, ctx, start, end, 0.95 if m.group("am") else 0.9)
            if span is not None:
                taken.add(start, end)
                yield span

    def _decimal(self, text: str, ctx: Context, taken: _Taken) -> Iterator[Span]:
        for m in _DECIMAL.finditer(text):
            dot, end = m.span()
            ip = _INT_PART.search(text, max(0, dot - 4), dot)
            if ip is None:
                continue
            start = ip.start()
            if not _boundary_ok(text, start, end) or taken.overlaps(start, end):
                continue
            a_str, b_str = text[start : m.end("ad")], m.group("b")
            hemi = m.group("ah") is not None or m.group("bh") is not None
            if hemi and (
                (m.group("ah") is None) != (m.group("bh") is None)
                or not a_str[0].isdigit()
                or not b_str[0].isdigit()
            ):
                continue  # hemisphere letters with signs, or on one side only
            lat, lon = _num(a_str), _num(b_str)
            strong = hemi or m.group("adeg") is not None or m.group("bdeg") is not None
            context = self._context(ctx, start, end)
            if abs(lat) > 90 or abs(lon) > 180:
                # GeoJSON and many APIs write lon, lat; accept the swap with context only
                if not (context and abs(lon) <= 90 and abs(lat) <= 180):
                    continue
            dmin = min(len(m.group("ad")), len(m.group("bd")))
            if hemi and not (m.group("adeg") or m.group("bdeg")) and dmin < 2 and not context:
                continue  # "4.5 N, 2.5 W" is more likely newtons and watts
            if not strong and (
                not m.group("ad").strip("0")
                or not m.group("bd").strip("0")
                or _LIST_AFTER.match(text, end)
                or _LIST_BEFORE.search(text, max(0, start - 12), start)
            ):
                continue  # 1.0, 0.0 or part of a longer list of numbers
            if context or strong:
                score = 0.95 if context else 0.9
            else:
                if not _bare_pair_ok(text, start, m):
                    continue
                if abs(lat) < 1 and abs(lon) < 1:
                    continue  # probabilities and float vectors, not (0, 0)
                score = 0.8 if dmin >= 4 else 0.7
            span = self._span(text, ctx, start, end, score)
            if span is not None:
                taken.add(start, end)
                yield span


def _around_degree_signs(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of ``rx`` searched only in a window around each degree sign (the DMS
    regexes start with a character class, which re cannot scan for quickly)."""
    signs = sorted(i for ch in "°º˚" for i in _positions(text, ch))
    done = 0
    for p in signs:
        if p < done:
            continue
        m = rx.search(text, max(done, p - 24), p + 80)
        if m is not None and m.start() <= p:
            done = m.end()
            yield m


def _positions(text: str, ch: str) -> Iterator[int]:
    i = text.find(ch)
    while i != -1:
        yield i
        i = text.find(ch, i + 1)


class _Taken:
    """Emitted ranges, sorted by start, for overlap checks between the three shapes."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return (i > 0 and self.ends[i - 1] > start) or (
            i < len(self.starts) and self.starts[i] < end
        )

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
