"""Tokens and CRF features of the embedded NER model (shared by training and tagging).

The training recipe (``training/train.py``) and :mod:`veil.ner.embedded` call the
same two functions, so a model always sees at run time exactly the features it was
trained on:

* :func:`tokenize` -- words (letters/digits, inner apostrophes and hyphens kept)
  and single punctuation marks, with character offsets;
* :class:`Featurizer` -- per token, the word's own features (lowercased form,
  affixes, shape, casing, gazetteer membership: first names, surnames, places,
  organization words, titles, greetings, common English words) plus the compact
  features of its two neighbours on each side, and sentence/line position.

Word features are memoised per word form (a bounded dict), so a token costs a
dict lookup and a few list extensions; this is what keeps the model at well under
a millisecond per kilobyte of text.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..detect.gazetteer import GREETINGS, NON_NAMES, ORG_WORDS, TITLES, gazetteer

__all__ = ["FEATURE_VERSION", "Featurizer", "Lexicon", "lexicon", "read_lexicon", "tokenize"]

#: bump when features change: a model records the version it was trained with
FEATURE_VERSION = "1"

_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*|\S")
_SENT_END = frozenset('.!?:;"“”')
_CACHE_LIMIT = 200_000


def tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens of ``text`` with their start and end offsets."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKEN.finditer(text):
        words.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    return words, starts, ends


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists behind the gazetteer features (lowercase unless said otherwise)."""

    places: frozenset[str]  # single-token place names and tokens of multi-token ones
    orgs: frozenset[str]  # organization tokens (brands, agencies, "university"...)
    vocab: frozenset[str]  # common lowercase English words


def read_lexicon(raw: bytes) -> Lexicon:
    """A lexicon from the bytes of a ``lexicon.tsv.gz`` file."""
    groups: dict[str, set[str]] = {"P": set(), "O": set(), "V": set()}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        kind, _, words = line.partition("\t")
        if kind in groups:
            groups[kind].update(words.split(" "))
    return Lexicon(frozenset(groups["P"]), frozenset(groups["O"]), frozenset(groups["V"]))


@cache
def lexicon() -> Lexicon:
    """The packaged word lists (``veil/data/ner/lexicon.tsv.gz``), loaded once."""
    return read_lexicon(resources.files("veil").joinpath("data/ner/lexicon.tsv.gz").read_bytes())


def _shape(w: str) -> str:
    out: list[str] = []
    for c in w[:6]:
        k = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != k:
            out.append(k)
    if len(w) > 6:
        out.append("+")
    return "".join(out)


class Featurizer:
    """Turns a token list into CRFsuite item sequences (lists of feature strings)."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        g = gazetteer()
        self._first = g.first
        self._last = g.last
        self._last_common = g.last_common
        self._words = g.words
        self._lex = lex if lex is not None else lexicon()
        self._titles = frozenset(t.lower() for t in TITLES)
        # word -> (own features, compact features as left neighbour, as right neighbour)
        self._cache: dict[str, tuple[list[str], list[str], list[str], list[str], list[str]]] = {}

    def common_word(self, w: str) -> bool:
        """Whether ``w`` is a common word, stop-word or title (not a name by itself)."""
        lw = w.lower()
        return (
            lw in self._lex.vocab
            or lw in self._words
            or lw in NON_NAMES
            or lw in self._titles
            or lw in GREETINGS
        )

    def known_name(self, w: str) -> bool:
        """Whether ``w`` is a first name or surname of the gazetteer that is not also
        a common word."""
        entry = self._first.get(w)
        return (entry is not None and not entry.common) or w in self._last

    def plain_word(self, w: str) -> bool:
        """A common word that the gazetteer does not know as a name ("Driver",
        "email"): never a person on its own."""
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        key = w[:1].upper() + w[1:].lower()
        return (
            self.common_word(w)
            and key not in self._first
            and key not in self._last
            and key not in self._last_common
        )

    def place_or_org(self, w: str) -> bool:
        """Whether ``w`` is in the place or organization word lists."""
        lw = w.lower()
        return lw in self._lex.places or lw in self._lex.orgs or lw in ORG_WORDS

    def _compact(self, w: str, lw: str) -> list[str]:
        """Casing and lexicon flags of a word (also used for its neighbours)."""
        if w.isupper():
            case = "U" if len(w) > 1 else "I"
        elif w[0].isupper():
            case = "T"
        elif w.islower():
            case = "L"
        elif w[0].isdigit():
            case = "D"
        else:
            case = "P" if not w[0].isalnum() else "M"
        out = ["c" + case]
        key = lw[:1].upper() + lw[1:]
        entry = self._first.get(key)
        if entry is not None:
            out.append("fnc" if entry.common else "fn")
        if key in self._last:
            out.append("ln")
        elif key in self._last_common:
            out.append("lnc")
        lex = self._lex
        if lw in lex.places:
            out.append("pl")
        if lw in lex.orgs or lw in ORG_WORDS:
            out.append("og")
        if lw in self._titles:
            out.append("ti")
        if lw in GREETINGS:
            out.append("gr")
        if lw in NON_NAMES:
            out.append("nn")
        if lw in lex.vocab or lw in self._words:
            out.append("vo")
        return out

    def _word(self, w: str) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
        got = self._cache.get(w)
        if got is not None:
            return got
        key = w
        if not w.isascii():  # CRFsuite takes UTF-8: lone surrogates become "?"
            w = w.encode("utf-8", "replace").decode("utf-8")
        lw = w.lower()
        compact = self._compact(w, lw)
        own = [
            "w=" + lw,
            "p3=" + lw[:3],
            "s2=" + lw[-2:],
            "s3=" + lw[-3:],
            "sh=" + _shape(w),
            *compact,
        ]
        if len(lw) > 4:
            own.append("s4=" + lw[-4:])
        if len(w) == 1:
            own.append("len1")
        short = [*compact, "w=" + lw]
        got = (
            own,
            ["-1" + f for f in short],
            ["+1" + f for f in short],
            ["-2w=" + lw, "-2" + compact[0]],
            ["+2w=" + lw, "+2" + compact[0]],
        )
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = got
        return got

    def features(
        self, text: str, words: list[str], starts: list[int], ends: list[int]
    ) -> list[list[str]]:
        """One feature list per token of ``text``."""
        n = len(words)
        info = [self._word(w) for w in words]
        seq: list[list[str]] = []
        for i in range(n):
            own, _, _, _, _ = info[i]
            f = own.copy()
            if i == 0:
                f.append("BOS")
            else:
                prev = words[i - 1]
                gap = text[ends[i - 1] : starts[i]]
                if "\n" in gap:
                    f.append("NL")
                if prev in _SENT_END or "\n" in gap:
                    f.append("SS")
                elif not gap:
                    f.append("glued")
                f.extend(info[i - 1][1])
                if i > 1:
                    f.extend(info[i - 2][3])
            if i + 1 < n:
                f.extend(info[i + 1][2])
                if i + 2 < n:
                    f.extend(info[i + 2][4])
            else:
                f.append("EOS")
            seq.append(f)
        return seq
