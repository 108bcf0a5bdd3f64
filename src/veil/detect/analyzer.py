"""The Analyzer: runs recognizers over a text, filters by threshold and allow-list,
resolves overlaps."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..labels import LABELS
from ..types import Span
from .allowlist import AllowList
from .base import Context, Recognizer
from .resolve import resolve

__all__ = ["Analyzer"]


class Analyzer:
    """Detect identifiers with a fixed set of recognizers.

    ``threshold`` is the minimum score for every label unless ``thresholds``
    names one; ``labels`` (if given) keeps only those labels.
    """

    def __init__(
        self,
        recognizers: Sequence[Recognizer],
        *,
        threshold: float = 0.5,
        thresholds: Mapping[str, float] | None = None,
        labels: Iterable[str] | None = None,
        allow: AllowList | None = None,
        region: str = "US",
    ) -> None:
        self.recognizers = list(recognizers)
        self.threshold = threshold
        self.thresholds = dict(thresholds or {})
        self.labels = frozenset(labels) if labels is not None else None
        self.allow = allow if allow is not None else AllowList.default()
        self.region = region

    def __repr__(self) -> str:
        return f"Analyzer({len(self.recognizers)} recognizers, threshold={self.threshold})"

    def _keep(self, span: Span) -> bool:
        if self.labels is not None and span.label not in self.labels:
            return False
        return span.score >= self.thresholds.get(span.label, self.threshold)

    def analyze(self, text: str) -> list[Span]:
        _check_text(text)
        if not text:
            return []
        ctx = Context(text, self.allow, self.region)
        found = [s for r in self.recognizers for s in r.analyze(text, ctx) if self._keep(s)]
        return resolve(_outside_tokens(text, found))

    def analyze_all(self, text: str) -> list[Span]:
        """Every candidate span before threshold and overlap resolution (for debugging
        and evaluation)."""
        _check_text(text)
        if not text:
            return []
        ctx = Context(text, self.allow, self.region)
        return [s for r in self.recognizers for s in r.analyze(text, ctx)]

    def analyze_many(self, texts: Sequence[str]) -> list[list[Span]]:
        """``analyze`` for each text; recognizers with ``analyze_batch(texts, ctxs)``
        (NER backends) get all texts in one call, which lets a model batch them."""
        texts = list(texts)
        for t in texts:
            _check_text(t)
        live = [i for i, t in enumerate(texts) if t]
        live_texts = [texts[i] for i in live]
        ctxs = [Context(t, self.allow, self.region) for t in live_texts]
        found: list[list[Span]] = [[] for _ in live]
        keep = self._keep
        # recognizer by recognizer over the whole batch (not text by text): each
        # recognizer's code, regexes and tables stay hot in the CPU's caches and branch
        # predictors, about 20% faster than analyze() per text on 1 KB documents
        for r in self.recognizers:
            batch = getattr(r, "analyze_batch", None)
            if batch is not None:
                for spans, out in zip(batch(live_texts, ctxs), found, strict=True):
                    out.extend(s for s in spans if keep(s))
                continue
            analyze = r.analyze
            for t, c, out in zip(live_texts, ctxs, found, strict=True):
                for s in analyze(t, c):
                    if keep(s):
                        out.append(s)
        per_text: list[list[Span]] = [[] for _ in texts]
        for i, f in zip(live, found, strict=True):
            per_text[i] = f
        return [resolve(_outside_tokens(t, f)) for t, f in zip(texts, per_text, strict=True)]


def _check_text(text: object) -> None:
    """A clear error for a text that is not a ``str`` (a chat message's content list,
    None, bytes), instead of a failure deep inside a recognizer. Names the type only."""
    if not isinstance(text, str):
        raise TypeError(f"expected a str to analyze, got {type(text).__name__}")


# What the hash operator writes: LABEL_ and 8-64 hex or base32 characters.
_HASH_TOKEN = re.compile(
    "(?:" + "|".join(sorted(LABELS, key=len, reverse=True)) + ")_[0-9a-z]{8,64}"
)


def _outside_tokens(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` without Veil's own output: spans inside ``[[ENC:LABEL:...]]`` tokens
    (deanonymize needs them whole) and spans that are exactly a ``hash`` token
    (``password=SECRET_f894d0963a252ce7``), so a second pass changes nothing."""
    if not spans:
        return spans
    if any(_HASH_TOKEN.fullmatch(s.text) for s in spans):
        spans = [s for s in spans if not _HASH_TOKEN.fullmatch(s.text)]
    if "[[ENC:" not in text:
        return spans
    from ..transform.encrypt import TOKEN_RE

    tokens = [m.span() for m in TOKEN_RE.finditer(text)]
    return [s for s in spans if not any(a < s.end and s.start < b for a, b in tokens)]
