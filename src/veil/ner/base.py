"""The NER backend interface and the recognizer that wraps any backend.

A :class:`NerBackend` turns a batch of texts into spans (offsets into each text).
It knows nothing about long documents, allow-lists or thresholds: a backend only
promises to accept texts up to ``max_chars``. :class:`NerRecognizer` adapts a
backend to Veil's recognizer protocol:

* long texts are cut into windows of at most ``chunk_chars`` at sentence or
  whitespace boundaries, with ``overlap`` characters shared by neighbours
  (:mod:`veil.ner.chunk`); spans are mapped back to exact offsets and the copies
  found twice in an overlap are de-duplicated, keeping the copy that lies
  farthest from a cut (a model sees the most context there);
* the backend's labels (``PER``, ``B-LOC``, ``GPE``, ``NORP``...) map to Veil
  labels through :data:`LABEL_MAP`; labels that map to nothing are dropped;
* values on the allow-list and lone function words (``The``) are dropped,
  whitespace at span edges is trimmed;
* ``analyze_batch`` sends the windows of many texts to the backend in one call
  (``nlp.pipe``-style), which is what makes NER affordable at corpus scale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

from ..labels import is_label
from ..types import Span
from .chunk import windows

__all__ = [
    "LABEL_MAP",
    "VEIL_NER_LABELS",
    "NerBackend",
    "NerRecognizer",
    "map_label",
]

#: Veil labels an NER backend may emit.
VEIL_NER_LABELS: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION", "DEMOGRAPHIC")

#: Backend label (upper case, without a BIO/BILOU prefix) -> Veil label.
LABEL_MAP: dict[str, str] = {
    # persons
    "PER": "PERSON",
    "PERS": "PERSON",
    "PERSON": "PERSON",
    "PEOPLE": "PERSON",
    "NAME": "PERSON",
    "FIRST_NAME": "PERSON",
    "LAST_NAME": "PERSON",
    "FULL_NAME": "PERSON",
    # places
    "LOC": "LOCATION",
    "LOCATION": "LOCATION",
    "GPE": "LOCATION",
    "FAC": "LOCATION",
    "FACILITY": "LOCATION",
    "CITY": "LOCATION",
    "COUNTRY": "LOCATION",
    "STATE": "LOCATION",
    "PLACE": "LOCATION",
    "GEO": "LOCATION",
    # organizations
    "ORG": "ORGANIZATION",
    "ORGANIZATION": "ORGANIZATION",
    "ORGANISATION": "ORGANIZATION",
    "CORPORATION": "ORGANIZATION",
    "COMPANY": "ORGANIZATION",
    "GROUP": "ORGANIZATION",
    "INSTITUTION": "ORGANIZATION",
    # demographic attributes (TAB's DEM)
    "NORP": "DEMOGRAPHIC",
    "DEM": "DEMOGRAPHIC",
    "DEMOGRAPHIC": "DEMOGRAPHIC",
    "NATIONALITY": "DEMOGRAPHIC",
    "RELIGION": "DEMOGRAPHIC",
    "ETHNICITY": "DEMOGRAPHIC",
}

#: Function words never an entity on their own, whatever a model says (models trip on a
#: capitalized "The" after a tag or a list separator). Names that are common words
#: (Rose, Will, May) are not here: a model in a name context should keep them.
FUNCTION_WORDS: frozenset[str] = frozenset(
    "the a an this that these those it its i me my we us our you your he him his she her "
    "they them their and or but nor so if then of in on at to for with by from as into "
    "not no yes ok okay".split()
)

_PREFIXES = ("B-", "I-", "E-", "S-", "L-", "U-", "B_", "I_", "E_", "S_", "L_", "U_")


def map_label(raw: str, extra: Mapping[str, str] | None = None) -> str | None:
    """The Veil label for a backend label, or None when Veil does not want it.

    ``extra`` (upper-case keys) is consulted first; an empty value there drops the
    label. BIO/BILOU prefixes are removed; matching is case-insensitive, and
    spaces or dashes count as underscores (GLiNER's ``"first name"``).
    """
    key = raw.strip().upper()
    if key[:2] in _PREFIXES:
        key = key[2:]
    key = key.replace(" ", "_").replace("-", "_")
    if extra is not None and key in extra:
        return extra[key] or None
    found = LABEL_MAP.get(key)
    if found is None and is_label(key):  # a Veil label already (GLiNER prompts)
        return key
    return found


@runtime_checkable
class NerBackend(Protocol):
    """A named-entity model behind one interface.

    ``name`` is ``"embedded"``, ``"spacy:<pkg>"``, ``"hf:<dir>"`` or
    ``"gliner:<dir>"``; ``labels`` are the Veil labels it may emit; ``max_chars``
    is the longest text it accepts in one piece. ``predict`` takes a batch and
    returns, per text, spans with offsets into that text, Veil labels (or backend
    labels that :func:`map_label` understands) and ``recognizer == name``.
    """

    name: str
    labels: tuple[str, ...]
    max_chars: int

    def predict(self, texts: Sequence[str]) -> list[list[Span]]: ...


class NerRecognizer:
    """A recognizer (``name``, ``labels``, ``analyze``) over any :class:`NerBackend`.

    ``chunk_chars``: window size for long texts (default and maximum: the
    backend's ``max_chars``). ``overlap``: characters shared by neighbouring
    windows (default: an eighth of the window, at most 256). ``batch_size``: the
    most windows sent to the backend in one ``predict`` call. ``label_map``:
    extra backend-label -> Veil-label entries (an empty value drops a label).
    ``score``: when set, overrides the backend's scores (for backends without
    calibrated confidences).
    """

    def __init__(
        self,
        backend: NerBackend,
        chunk_chars: int | None = None,
        overlap: int | None = None,
        *,
        batch_size: int = 64,
        label_map: Mapping[str, str] | None = None,
        score: float | None = None,
    ) -> None:
        limit = int(backend.max_chars)
        if limit < 16:
            raise ValueError("backend.max_chars must be at least 16")
        size = limit if chunk_chars is None else int(chunk_chars)
        if not 16 <= size <= limit:
            raise ValueError(f"chunk_chars must be between 16 and the backend's max_chars {limit}")
        ov = min(256, size // 8) if overlap is None else int(overlap)
        if not 0 <= ov <= size // 2:
            raise ValueError("overlap must be between 0 and half of chunk_chars")
        if batch_size < 1:
            raise ValueError("batch_size must be positive")
        self.backend = backend
        self.name: str = backend.name
        self.labels: tuple[str, ...] = tuple(backend.labels)
        self.chunk_chars = size
        self.overlap = ov
        self.batch_size = batch_size
        self.score = score
        self._extra = {k.upper(): v for k, v in (label_map or {}).items()}
        self._label_cache: dict[str, str | None] = {}

    def __repr__(self) -> str:
        return f"NerRecognizer({self.name!r}, chunk_chars={self.chunk_chars})"

    # -- recognizer protocol -----------------------------------------------------
    def analyze(self, text: str, ctx: object | None = None) -> list[Span]:
        return self.analyze_batch([text], [ctx])[0]

    def analyze_batch(
        self, texts: Sequence[str], ctxs: Sequence[object | None] | None = None
    ) -> list[list[Span]]:
        """Spans per text; all windows of all texts go to the backend in batches."""
        if ctxs is not None and len(ctxs) != len(texts):
            raise ValueError("analyze_batch needs one context per text")
        pieces: list[str] = []
        owners: list[tuple[int, int, int, int]] = []  # (text index, start, end, text length)
        for i, text in enumerate(texts):
            if not text or text.isspace():
                continue
            for s, e in windows(text, self.chunk_chars, self.overlap):
                pieces.append(text[s:e])
                owners.append((i, s, e, len(text)))
        found: list[list[Span]] = [[] for _ in texts]
        if not pieces:
            return found
        per_text: list[list[tuple[int, int, int, Span]]] = [[] for _ in texts]
        windowed = [False] * len(texts)
        for b in range(0, len(pieces), self.batch_size):
            batch = pieces[b : b + self.batch_size]
            predicted = self.backend.predict(batch)
            if len(predicted) != len(batch):
                raise ValueError(f"backend {self.name!r} returned a wrong number of results")
            for k, spans in enumerate(predicted):
                i, s, e, n = owners[b + k]
                if e - s < n:
                    windowed[i] = True
                for sp in spans:
                    placed = self._place(texts[i], sp, s, e, n, ctxs[i] if ctxs else None)
                    if placed is not None:
                        margin, span = placed
                        per_text[i].append((margin, b + k, s, span))
        for i, cands in enumerate(per_text):
            if windowed[i]:
                found[i] = _dedupe(cands)
            elif cands:
                found[i] = sorted((c[3] for c in cands), key=_order)
        return found

    # -- internals ---------------------------------------------------------------
    def _place(
        self, text: str, sp: Span, s: int, e: int, n: int, ctx: object | None
    ) -> tuple[int, Span] | None:
        raw = sp.label
        try:
            label = self._label_cache[raw]
        except KeyError:
            label = map_label(raw, self._extra)
            if label is not None and self.labels and label not in self.labels:
                label = None
            if len(self._label_cache) < 1024:
                self._label_cache[raw] = label
        if label is None:
            return None
        start, end = s + sp.start, s + min(sp.end, e - s)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        value = text[start:end]
        if value.casefold() in FUNCTION_WORDS:
            return None
        allow = getattr(ctx, "allow", None)
        if allow is not None and allow.allows(value):
            return None
        # distance to the nearest cut (a window edge that is not a text edge)
        left = start - s if s > 0 else n
        right = e - end if e < n else n
        margin = min(left, right)
        if (
            s == 0 and start == sp.start and end == sp.end and label == raw and sp.text == value
            and self.score is None and sp.recognizer == self.name
        ):  # fmt: skip
            return margin, sp  # the backend's span is already final
        score = self.score if self.score is not None else sp.score
        return margin, Span(start, end, label, float(score), self.name, value, sp.attrs)


def _dedupe(cands: Iterable[tuple[int, int, int, Span]]) -> list[Span]:
    """Keep, among spans found by different windows that overlap, the one farthest
    from a cut; spans of one window never suppress each other."""
    ordered = sorted(cands, key=lambda c: (-c[0], -c[3].score, c[3].start))
    kept: list[tuple[int, Span]] = []
    for _margin, window, _s, span in ordered:
        if any(w != window and span.overlaps(k) for w, k in kept):
            continue
        kept.append((window, span))
    return sorted((k for _, k in kept), key=_order)


def _order(sp: Span) -> tuple[int, int, str]:
    return (sp.start, sp.end, sp.label)
