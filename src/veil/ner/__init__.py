"""Named-entity recognition: one backend interface, lazy adapters, one recognizer.

Backends (:class:`~veil.ner.base.NerBackend`) are loaded by :func:`load_backend`
from a spec: ``"embedded"`` (the model that ships with Veil), ``"spacy"`` with a
package name or path, ``"hf"`` with a local Hugging Face token-classification
directory, ``"gliner"`` with a local GLiNER directory. Nothing heavy is imported
until a backend is loaded. :class:`~veil.ner.base.NerRecognizer` wraps a backend
as a Veil recognizer (chunking, label mapping, batching).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import NerBackend, NerRecognizer

__all__ = ["BACKENDS", "NerBackend", "NerRecognizer", "default_recognizer", "load_backend"]

#: backend kind -> "module:class"; each class has ``load(model, **options)``.
BACKENDS: dict[str, str] = {
    "embedded": "veil.ner.embedded:EmbeddedBackend",
    "spacy": "veil.ner.spacy:SpacyBackend",
    "hf": "veil.ner.hf:HfBackend",
    "gliner": "veil.ner.gliner:GlinerBackend",
}


def __getattr__(name: str) -> Any:
    if name in ("NerBackend", "NerRecognizer"):
        from . import base

        return getattr(base, name)
    raise AttributeError(name)


def load_backend(kind: str, model: str | None = None, **options: Any) -> NerBackend:
    """Load a backend: ``kind`` is a key of :data:`BACKENDS`; ``model`` a package
    name or a local path (ignored by ``embedded`` unless given)."""
    from importlib import import_module

    from ..errors import BackendError

    target = BACKENDS.get(kind)
    if target is None:
        raise BackendError(f"unknown NER backend {kind!r}; known: {', '.join(BACKENDS)}")
    module, _, attr = target.partition(":")
    try:
        cls = getattr(import_module(module), attr)
    except ImportError as exc:
        raise BackendError(
            f"NER backend {kind!r} is not available ({exc.__class__.__name__}: {exc.name or exc})"
        ) from None
    if model is None and kind != "embedded":
        raise BackendError(f"NER backend {kind!r} needs a model (package name or path)")
    return cls.load(model, **options) if model is not None else cls.load(**options)


def default_recognizer() -> NerRecognizer:
    """The embedded model as a recognizer (what the registry's ``ner`` builds)."""
    from .base import NerRecognizer
    from .embedded import EmbeddedBackend

    return NerRecognizer(EmbeddedBackend.load())
