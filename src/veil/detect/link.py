"""Link the variants of one person's name within a document.

After overlap resolution, ``Maria Gonzalez``, ``Ms. Gonzalez``, ``M. Gonzalez``,
``Maria`` and ``Gonzalez`` in one document are linked to one entity. Linking only
adds :attr:`~veil.types.Span.attrs` that operators read:

=============  ===================================================================
``entity``     an id shared by every mention of the entity (``indexed_tag`` gives
               them one index). It is a digest of the entity's canonical name, so
               the full name gets the same id in every document.
``part``       ``first`` or ``last`` for a one-word mention (``Gonzalez`` is the
               surname, ``Maria`` the first name), so ``pseudonymize`` draws the
               surrogate from the right pool.
``gender``     the entity's gender (from a title or the recognizer), copied to
               every mention, so a first name gets the same surrogate everywhere.
``culture``    the entity's culture (a Faker locale), copied likewise.
``given``      the linked first name, for mentions that show only its initial
               (``M. Gonzalez`` becomes ``A. Keller`` when ``Maria`` becomes ``Anna``).
=============  ===================================================================

Matching, on casefolded words: a full mention (first and last name) starts an
entity, or joins one with the same first and last name; an initial plus surname
joins an entity with that surname whose first name has that initial; a surname
after a title (``Ms. Gonzalez``) joins an entity with that surname; a lone word
joins an entity whose surname, else whose first name, it is. When several entities
fit, the nearest mention wins, a preceding one on ties. A mention that fits no
entity is linked to others of its own kind (two ``Ms. Gonzalez`` share an entity).

``state`` (a dict, e.g. the ``OperatorContext.state`` shared by the fields of one
record) carries the entities from one text to the next, so the fields of one record
are one document. Only PERSON spans are touched; others pass through unchanged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..transform.surrogates.names import PARTICLES, SUFFIXES
from ..types import Span
from .gazetteer import TITLES

__all__ = ["link_names"]

_TITLE_GENDER = {k.casefold().rstrip("."): v for k, v in TITLES.items()}
# titles usually followed by a first name ("Sister Mary", "Uncle Bob", "Sir Elton")
_BEFORE_FIRST = frozenset(
    "sister brother uncle aunt auntie don doña sir dame lady lord coach".split()
)
# a title word before a name; the titles with a dot inside ("Sig.ra") as one word
_INNER_DOT = "|".join(re.escape(t) for t in TITLES if "." in t[:-1])
_TITLE_BEFORE = re.compile(
    rf"(?:^|[^\w.])((?:{_INNER_DOT})|[^\W\d_]{{1,12}})\.?\s+$", re.IGNORECASE
)
_STATE_KEY = "link"


@dataclass(slots=True)
class _Entity:
    id: str
    first: str | None
    initial: str | None
    last: str | None
    single: str | None = None  # a lone word that fit no other entity
    given: str | None = None  # the first name as written (for initials)
    gender: str | None = None
    culture: str | None = None
    positions: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Mention:
    index: int
    pos: int
    first: str | None = None
    first_text: str | None = None
    initial: str | None = None
    last: str | None = None
    single: str | None = None
    gender: str | None = None
    culture: str | None = None


def _core(word: str) -> str:
    i, j = 0, len(word)
    while i < j and not word[i].isalnum():
        i += 1
    while j > i and not word[j - 1].isalnum():
        j -= 1
    return word[i:j]


def _title_before(text: str, start: int) -> str | None:
    """The gender hint of a title just before ``start`` (``Ms. ``), else None."""
    m = _TITLE_BEFORE.search(text, max(0, start - 16), start)
    if m is None:
        return None
    word = m.group(1).casefold()
    if word in _BEFORE_FIRST:
        return None
    hint = _TITLE_GENDER.get(word)
    return "u" if hint is not None and len(word) == 1 else hint  # "M." may be an initial


def _parse(text: str, span: Span, index: int, pos: int) -> _Mention | None:
    words = [(w, _core(w)) for w in span.text.split()]
    words = [(w, c) for w, c in words if c]
    gender = span.attrs.get("gender")
    m = _Mention(index, pos, gender=gender if gender in ("m", "f") else None)
    m.culture = span.attrs.get("culture") or None
    titled = False
    before = _title_before(text, span.start)
    if before is not None:
        titled = True
        if m.gender is None and before in ("m", "f"):
            m.gender = before
    # titles inside the span (NER models often include them)
    while len(words) > 1 and words[0][1].casefold() in _TITLE_GENDER and len(words[0][1]) > 1:
        word = words[0][1].casefold()
        hint = _TITLE_GENDER[word]
        if m.gender is None and hint in ("m", "f"):
            m.gender = hint
        titled = titled or word not in _BEFORE_FIRST
        words = words[1:]
    while len(words) > 1 and words[-1][1].casefold() in SUFFIXES:
        words = words[:-1]
    comma = len(words) == 2 and words[0][0].endswith(",")
    names = [(w, c) for w, c in words if c.casefold() not in PARTICLES or c[:1].isupper()]
    if not names:
        return None
    if len(names) == 1:
        core = names[0][1]
        if len(core) == 1:
            return None  # a lone initial
        if titled:
            m.last = core.casefold()
        else:
            m.single = core.casefold()
        return m
    if comma:  # "Gonzalez, Maria"
        first, last = names[1][1], names[0][1]
    else:
        first, last = names[0][1], names[-1][1]
    m.last = last.casefold()
    if len(first) == 1 or (len(first) == 2 and first.isupper()):  # "M." / "MJ"
        m.initial = first[0].casefold()
    else:
        m.first = first.casefold()
        m.first_text = first
    return m


@lru_cache(maxsize=4096)
def _entity_id(first: str | None, initial: str | None, last: str | None) -> str:
    canon = f"{first or (initial + '.' if initial else '')}|{last or ''}"
    return "p" + hashlib.blake2b(canon.encode(), digest_size=8).hexdigest()


def _nearest(cands: list[_Entity], pos: int) -> _Entity | None:
    if not cands:
        return None

    def dist(e: _Entity) -> tuple[int, int]:
        best = min(abs(pos - p) for p in e.positions)
        ahead = all(p > pos for p in e.positions)
        return (best, int(ahead))

    return min(cands, key=dist)


def _new(entities: list[_Entity], m: _Mention) -> _Entity:
    if m.single is not None:
        e = _Entity(_entity_id(m.single, None, None), None, None, None, single=m.single)
    else:
        e = _Entity(_entity_id(m.first, m.initial, m.last), m.first, m.initial, m.last)
        e.given = m.first_text
    entities.append(e)
    return e


def _join(e: _Entity, m: _Mention) -> None:
    e.positions.append(m.pos)
    if e.first is None and m.first is not None:
        e.first, e.given = m.first, m.first_text
    if e.last is None and m.last is not None:
        e.last = m.last
    if m.gender is not None and e.gender is None and m.first is not None:
        e.gender = m.gender  # only a mention with the first name says its gender
    if m.culture and not e.culture:
        e.culture = m.culture


def _match(entities: list[_Entity], m: _Mention) -> tuple[_Entity | None, str | None]:
    """The entity ``m`` belongs to (or None) and the part a one-word mention is."""
    if m.first is not None:
        exact = [e for e in entities if e.first == m.first and e.last == m.last]
        loose = [e for e in entities if e.first is None and e.last == m.last
                 and (e.initial is None or e.initial == m.first[0])]  # fmt: skip
        return _nearest(exact or loose, m.pos), None
    if m.initial is not None:
        fits = [e for e in entities if e.last == m.last and (
            (e.first is not None and e.first.startswith(m.initial))
            or (e.first is None and e.initial in (None, m.initial)))]  # fmt: skip
        return _nearest(fits, m.pos), None
    if m.last is not None:
        return _nearest([e for e in entities if e.last == m.last], m.pos), "last"
    word = m.single
    as_last = [e for e in entities if e.last == word]
    if as_last:
        return _nearest(as_last, m.pos), "last"
    as_first = [e for e in entities if e.first == word]
    if as_first:
        return _nearest(as_first, m.pos), "first"
    return _nearest([e for e in entities if e.single == word], m.pos), None


def link_names(text: str, spans: Sequence[Span], state: dict[str, Any] | None = None) -> list[Span]:
    """``spans`` with the link attrs added to PERSON mentions (see the module doc)."""
    out = list(spans)
    if not any(s.label == "PERSON" for s in out):
        return out
    book: dict[str, Any] = {} if state is None else state.setdefault(_STATE_KEY, {})
    entities: list[_Entity] = book.setdefault("entities", [])
    base: int = book.get("offset", 0)
    book["offset"] = base + len(text) + 1
    mentions = [
        m
        for i, s in enumerate(out)
        if s.label == "PERSON" and (m := _parse(text, s, i, base + s.start)) is not None
    ]
    if not mentions:
        return out
    # fullest mentions first: they define the entities the partial ones join
    order = sorted(mentions, key=lambda m: (
        0 if m.first is not None else 1 if m.initial is not None else 2 if m.last else 3, m.pos))  # fmt: skip
    placed: list[tuple[_Mention, _Entity, str | None]] = []
    for m in order:
        e, part = _match(entities, m)
        if e is None:
            e = _new(entities, m)
        _join(e, m)
        placed.append((m, e, part))
    for m, e, part in placed:
        span = out[m.index]
        attrs = dict(span.attrs)
        attrs["entity"] = e.id
        if part is not None:
            attrs["part"] = part
        if e.gender is not None and (m.first or part == "first" or m.initial):
            attrs["gender"] = e.gender
        if e.culture:
            attrs["culture"] = e.culture
        if m.initial is not None and e.given and e.given[0].casefold() == m.initial:
            attrs["given"] = e.given
        out[m.index] = span.with_(attrs=attrs)
    return out
