"""The embedded NER model: a linear-chain CRF that ships inside the package.

``EmbeddedBackend.load()`` opens ``veil/data/ner/model.crfsuite`` (about 4 MB,
trained by ``training/train.py``; see ``docs/model_card.md``) once per process and
returns the shared instance. Tagging is CRFsuite's C code over features that
:mod:`veil.ner._features` builds with dict/set lookups: no torch, no download,
about 2 ms per kilobyte of text on one core.

Labels: PERSON, LOCATION, ORGANIZATION from the model, decoded from the CRF's
marginal probabilities (:meth:`EmbeddedBackend._spans`), with one type per name
within a document (:meth:`EmbeddedBackend._propagate`); DEMOGRAPHIC (nationality,
religion, ethnicity: TAB's DEM) from a word list (:data:`DEMONYMS`), with a
following "national", "citizen", "origin" or "descent" included. A PERSON span
is extended left over a directly preceding courtesy title ("Mr", "Dr."), as TAB's
annotators mark it. A span's probability p becomes the score
``0.5 + (p - floor) / (1 - floor) * (cap - 0.5)`` (``floor`` =
``person_floor``, cap 0.85 for PERSON, 0.7 for LOCATION/ORGANIZATION; 0.6 for
DEMOGRAPHIC words, 0.9 for a name after a title), so that p = floor sits at the
default threshold, thresholds trade recall for precision, and rule spans backed
by validators or context (a whole street address) win overlaps in the resolver.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import BackendError
from ..types import Span
from ._features import FEATURE_VERSION, Featurizer, read_lexicon, tokenize
from ._lists import coordinated_names, person_shaped

__all__ = ["DEMONYMS", "EmbeddedBackend"]

_TAGS = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}
# the score of a span with probability 1 (see the module docstring)
_CAP = {"PERSON": 0.85, "LOCATION": 0.7, "ORGANIZATION": 0.7}
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Mme|Mlle|Herr|Frau)\.?[ \t]+$")

#: Nationality, religion and ethnicity words flagged as DEMOGRAPHIC (capitalized).
DEMONYMS: frozenset[str] = frozenset(
    """
    American British English Scottish Welsh Irish French German Polish Italian Spanish
    Portuguese Dutch Belgian Swiss Austrian Swedish Norwegian Danish Finnish Icelandic
    Russian Ukrainian Belarusian Turkish Greek Cypriot Greek-Cypriot Turkish-Cypriot Kurdish
    Armenian Azerbaijani Georgian Chechen Moldovan Romanian Bulgarian Hungarian Czech Slovak
    Slovenian Croatian Serbian Bosnian Albanian Macedonian Montenegrin Lithuanian Latvian
    Estonian Maltese Luxembourgish Indian Pakistani Bangladeshi Afghan Iranian Iraqi Syrian
    Lebanese Jordanian Palestinian Israeli Saudi Egyptian Moroccan Algerian Tunisian Libyan
    Chinese Japanese Korean Vietnamese Filipino Indonesian Malaysian Thai Nepali Sri Lankan
    Nigerian Kenyan Ghanaian Somali Ethiopian Eritrean Sudanese Congolese Cameroonian
    Senegalese Ugandan Tanzanian Rwandan Zimbabwean Angolan Sierra Leonean Brazilian
    Mexican Argentinian Argentine Colombian Chilean Peruvian Venezuelan Cuban Canadian
    Australian Hispanic Latino Latina Latinx Sami Roma Romani Gypsy Arab Berber Tatar
    Korean-American African-American Asian-American Mexican-American
    Jewish Jew Jews Muslim Muslims Islamic Christian Christians Catholic Catholics
    Protestant Orthodox Evangelical Lutheran Anglican Methodist Baptist Mormon Hindu Hindus
    Buddhist Buddhists Sikh Sikhs Jain Atheist Agnostic Sunni Shia Shiite Alevi Yazidi
    Druze Jehovah's Jehovah’s
    """.split()
)
_DEM_NEXT = re.compile(r"[ \t]+(?:nationals?|citizens?|origin|descent|national|Witness(?:es)?)\b")
_DEM_WORD = re.compile(r"[A-Z][\w’'-]*(?:[ \t]Leonean|[ \t]Lankan)?")


class EmbeddedBackend:
    """The CRF model shipped with Veil, behind the :class:`~veil.ner.base.NerBackend`
    interface. Use :meth:`load`; instances are picklable (the model is reopened)."""

    name = "embedded"
    labels: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION", "DEMOGRAPHIC")
    max_chars = 20_000

    _shared: EmbeddedBackend | None = None
    _lock = threading.Lock()

    #: entity probability at which a name, place or organization is reported
    #: (score 0.5, the default threshold)
    person_floor: float = 0.33
    #: weight of PERSON's probability mass when typing an entity
    person_weight: float = 1.3

    def __init__(
        self, model_path: str | Path, *, demographic: bool = True, person_floor: float | None = None
    ) -> None:
        try:
            import pycrfsuite
        except ImportError:
            raise BackendError(
                "the embedded NER model needs python-crfsuite: pip install python-crfsuite"
            ) from None

        path = Path(model_path)
        meta_path = path.with_suffix(".json")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        except (OSError, ValueError):
            raise BackendError(f"{meta_path}: cannot read the model description") from None
        version = str(meta.get("feature_version", FEATURE_VERSION))
        if version != FEATURE_VERSION:
            raise BackendError(
                f"{path}: model was trained with feature version {version}, "
                f"this Veil computes version {FEATURE_VERSION}; retrain with training/train.py"
            )
        self.model_path = path
        self.meta = meta
        self.demographic = demographic
        if person_floor is not None:
            if not 0.05 <= person_floor <= 0.95:
                raise BackendError("person_floor must be between 0.05 and 0.95")
            self.person_floor = float(person_floor)
        if not demographic:
            self.labels = ("PERSON", "LOCATION", "ORGANIZATION")
        tagger = pycrfsuite.Tagger()
        try:
            tagger.open(str(path))
        except (OSError, ValueError) as exc:
            raise BackendError(f"{path}: cannot open the embedded NER model ({exc})") from None
        self._tagger = tagger
        lex_path = path.with_name("lexicon.tsv.gz")
        if path.resolve() != self.default_path().resolve() and lex_path.is_file():
            try:
                self._featurizer = Featurizer(read_lexicon(lex_path.read_bytes()))
            except (OSError, ValueError) as exc:
                raise BackendError(f"{lex_path}: cannot read the lexicon ({exc})") from None
        else:
            self._featurizer = Featurizer()
        self._tag_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"EmbeddedBackend({self.model_path.name})"

    def __getstate__(self) -> dict[str, Any]:
        return {
            "model_path": str(self.model_path),
            "demographic": self.demographic,
            "person_floor": self.person_floor,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["model_path"],
            demographic=state["demographic"],
            person_floor=state["person_floor"],
        )

    @classmethod
    def load(cls, model: str | None = None, **options: Any) -> EmbeddedBackend:
        """The packaged model (opened once per process and shared), or the model file
        ``model`` (a ``.crfsuite`` path from ``training/train.py``; the
        ``lexicon.tsv.gz`` beside it is used when there is one)."""
        if model is not None or options:
            path = Path(model) if model is not None else cls.default_path()
            return cls(path, **options)
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls(cls.default_path())
            return cls._shared

    @staticmethod
    def default_path() -> Path:
        ref = resources.files("veil").joinpath("data/ner/model.crfsuite")
        path = Path(str(ref))
        if not path.is_file():
            raise BackendError(
                "the embedded NER model is missing from the installation "
                "(veil/data/ner/model.crfsuite); reinstall Veil or run training/train.py"
            )
        return path

    # -- NerBackend ---------------------------------------------------------------
    def predict(self, texts: Sequence[str]) -> list[list[Span]]:
        return [self._one(t) for t in texts]

    def _one(self, text: str) -> list[Span]:
        words, starts, ends = tokenize(text)
        out: list[Span] = []
        if not words:
            return out
        xseq = self._featurizer.features(text, words, starts, ends)
        with self._tag_lock:
            scored, shares = self._spans(xseq)
        feat = self._featurizer
        other = _other_word(feat)
        scored = [
            (a, b, "PER", p)
            if lab != "PER" and person_shaped(words, (a, b, lab, p), share, other)
            else (a, b, lab, p)
            for (a, b, lab, p), share in zip(scored, shares, strict=True)
        ]
        scored = self._propagate(words, scored)
        gaps = [""] + [text[ends[i - 1] : starts[i]] for i in range(1, len(words))]
        scored = coordinated_names(
            words, gaps, scored, self.person_floor, feat.common_word, feat.known_name
        )
        for a, b, lab, p in scored:
            start, end = starts[a], ends[b - 1]
            label = _TAGS[lab]
            floor = self.person_floor
            score = 0.5 + (p - floor) / (1.0 - floor) * (_CAP[label] - 0.5)
            if label == "PERSON":
                m = _TITLE.search(text, max(0, start - 8), start)
                if m is not None and (m.start() == 0 or not text[m.start() - 1].isalnum()):
                    # title + name: as sure as the rule recognizer's title context, and
                    # longer, so this span (title included, as TAB marks it) wins
                    start, score = m.start(), max(score, 0.9)
            if _inside_token(text, start, end) or text[start:end] in DEMONYMS:
                continue
            if _CODE_IMPORT.search(text, max(0, start - 6), min(len(text), end + 8)):
                continue  # a module in a code line ("from pathlib import Path")
            if label == "PERSON" and (end - start == 1 or _acronym(text[start:end])):
                continue
            if label == "PERSON" and b - a == 1 and feat.plain_word(words[a]):
                continue  # a lone common word ("Driver's licence", "email me")
            out.append(Span(start, end, label, round(score, 4), self.name, text[start:end]))
        if self.demographic:
            out.extend(self._demographics(text, out))
        return out

    def _propagate(
        self, words: list[str], scored: list[tuple[int, int, str, float]]
    ) -> list[tuple[int, int, str, float]]:
        """One name, one type per document: a capitalized word that is part of a
        person name somewhere in the text makes a place/organization made only of
        such words a person, and is a person wherever else it occurs on its own
        ("directed by Valentine Yermakov and starring Yermakov")."""
        names: dict[str, float] = {}
        common = self._featurizer.common_word
        for a, b, lab, p in scored:
            if lab == "PER" and p >= self.person_floor:
                for w in words[a:b]:
                    if len(w) > 2 and w[0].isupper() and not w.isupper() and not common(w):
                        names[w] = max(names.get(w, 0.0), p)
        if not names:
            return scored
        out: list[tuple[int, int, str, float]] = []
        covered = [False] * len(words)
        for a, b, lab, p in scored:
            if lab != "PER" and all(w in names or not w[0].isalpha() for w in words[a:b]):
                lab = "PER"
            out.append((a, b, lab, p))
            for i in range(a, b):
                covered[i] = True
        for i, w in enumerate(words):
            if not covered[i] and w in names:
                out.append((i, i + 1, "PER", names[w] * 0.9))
        return out

    def _spans(
        self, xseq: list[list[str]]
    ) -> tuple[list[tuple[int, int, str, float]], list[float]]:
        """(first token, end token, PER/LOC/ORG, probability) per entity.

        Posterior decoding over the CRF's marginals: an entity is a run of tokens
        whose probability of being inside some entity reaches ``person_floor`` (a
        new entity starts where the best path starts one, ``B-``); its type is the
        one with the largest probability mass over the run, PERSON's mass weighted
        by ``person_weight`` (a missed name costs more than a mistyped place); its
        probability is the run's mean entity probability. Tokens with no entity
        mass cost one marginal lookup.
        Also returns, per entity, PERSON's share of its weighted type mass."""
        tagger = self._tagger
        tags = tagger.tag(xseq)
        marginal = tagger.marginal
        floor = min(self.person_floor, 0.5)
        weight = self.person_weight
        out: list[tuple[int, int, str, float]] = []
        shares: list[float] = []
        start = -1
        ent = 0.0
        mass = {"PER": 0.0, "LOC": 0.0, "ORG": 0.0}

        def close(end: int) -> None:
            weighted = {k: v * (weight if k == "PER" else 1.0) for k, v in mass.items()}
            lab = max(weighted, key=weighted.__getitem__)
            out.append((start, end, lab, ent / (end - start)))
            shares.append(weighted["PER"] / (sum(weighted.values()) or 1.0))

        for i, t in enumerate(tags):
            p = 1.0 - marginal("O", i)
            if p < floor:
                if start >= 0:
                    close(i)
                    start = -1
                continue
            if start >= 0 and t.startswith("B-"):
                close(i)
                start = -1
            if start < 0:
                start, ent = i, 0.0
                mass = dict.fromkeys(mass, 0.0)
            ent += p
            for k in mass:
                mass[k] += marginal("B-" + k, i) + marginal("I-" + k, i)
        if start >= 0:
            close(len(tags))
        return out, shares

    def _demographics(self, text: str, found: list[Span]) -> list[Span]:
        spans: list[Span] = []
        for m in _DEM_WORD.finditer(text):
            word = m.group()
            if word not in DEMONYMS and word.split()[0] not in DEMONYMS:
                continue
            s, e = m.span()
            if s > 0 and text[s - 1].isalnum():
                continue
            n = _DEM_NEXT.match(text, e)
            if n is not None:
                e = n.end()
            if any(sp.start < e and s < sp.end for sp in found):
                continue
            spans.append(Span(s, e, "DEMOGRAPHIC", 0.6, self.name, text[s:e]))
        return spans


def _other_word(feat: Featurizer) -> Any:
    """``word -> bool``: a place, organization or common word (not a name part)."""

    def other(w: str) -> bool:
        return feat.place_or_org(w) or feat.common_word(w)

    return other


_SPACE = re.compile(r"\s")
_CODE_IMPORT = re.compile(r"\bfrom[ \t]+[\w.]+[ \t]+import\b|\bimport[ \t]+[\w.]+")
_CODE_CHARS = re.compile(r"[_@/\\=\d]|[a-z]\.[a-z]")
_EDGE = "\"'()[]{}<>,;:!?.“”‘’*"


def _inside_token(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is only part of a handle, address, identifier or
    number ("david" in "david.smit218", "makayla_figueroa", "2024-07-20T20"), or
    has no letter at all: such spans are left to the rule recognizers."""
    value = text[start:end]
    if not any(c.isalpha() for c in value) or any(c.isdigit() for c in value):
        return True
    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = end
    n = len(text)
    while b < n and not text[b].isspace():
        b += 1
    chunk = text[a:b].strip(_EDGE)
    if len(chunk) <= len(value):
        return _CODE_CHARS.search(value) is not None
    return _CODE_CHARS.search(chunk) is not None


def _acronym(value: str) -> bool:
    """A short all-capitals word ("NIE", "SLA"): not a name on its own."""
    return len(value) <= 4 and value.isupper()


def _decode(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO tags -> (first token, end token, type); a stray I- starts an entity."""
    out: list[tuple[int, int, str]] = []
    cur: str | None = None
    a = 0
    for i, t in enumerate(tags):
        if t == "O":
            if cur is not None:
                out.append((a, i, cur))
                cur = None
            continue
        kind, typ = t[0], t[2:]
        if kind == "B" or typ != cur:
            if cur is not None:
                out.append((a, i, cur))
            cur, a = typ, i
    if cur is not None:
        out.append((a, len(tags), cur))
    return out
