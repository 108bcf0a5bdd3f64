"""GLiNER adapter: a zero-shot span model from a local directory.

>>> backend = GlinerBackend.load("/models/gliner_small")    # doctest: +SKIP

GLiNER is prompted with entity descriptions; :data:`DEFAULT_PROMPTS` maps each
prompt to the Veil label it stands for (``prompts`` in the policy replaces it).
Texts go to ``model.inference`` (``batch_predict_entities`` on older releases) in
batches; the model's ``max_len`` is counted in words, so ``max_chars`` assumes
four characters per word and the recognizer chunks longer texts. Nothing is
downloaded (``local_files_only``); gliner and torch are imported when a backend
loads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import BackendError
from ..labels import is_label
from ..types import Span
from .base import VEIL_NER_LABELS

__all__ = ["DEFAULT_PROMPTS", "GlinerBackend"]

DEFAULT_PROMPTS: dict[str, str] = {
    "person": "PERSON",
    "location": "LOCATION",
    "organization": "ORGANIZATION",
    "nationality or religion or ethnicity": "DEMOGRAPHIC",
}


class GlinerBackend:
    """A GLiNER model as a :class:`~veil.ner.base.NerBackend`."""

    def __init__(
        self,
        model: Any,
        name: str,
        *,
        prompts: Mapping[str, str] | None = None,
        threshold: float = 0.5,
        batch_size: int = 8,
        max_chars: int | None = None,
    ) -> None:
        self.model = model
        self.name = name
        self.prompts = dict(prompts or DEFAULT_PROMPTS)
        for prompt, label in self.prompts.items():
            if not is_label(label):
                raise BackendError(f"GLiNER prompt {prompt!r} maps to unknown label {label!r}")
        self.threshold = threshold
        self.batch_size = batch_size
        words = getattr(getattr(model, "config", None), "max_len", None)
        default = int(words) * 4 if isinstance(words, int) and words > 0 else 1200
        self.max_chars = int(max_chars or default)
        wanted = set(self.prompts.values())
        self.labels: tuple[str, ...] = tuple(x for x in VEIL_NER_LABELS if x in wanted) or tuple(
            sorted(wanted)
        )

    def __repr__(self) -> str:
        return f"GlinerBackend({self.name!r}, {len(self.prompts)} prompts)"

    @classmethod
    def load(cls, model: str, *, device: str = "cpu", **options: Any) -> GlinerBackend:
        path = Path(str(model)).expanduser()
        if not path.is_dir():
            raise BackendError(f"GLiNER model directory not found: {path.name!r}")
        try:
            gliner = import_module("gliner")
        except ImportError:
            raise BackendError(
                "the GLiNER backend needs gliner: pip install 'veil[gliner]'"
            ) from None
        try:
            net = gliner.GLiNER.from_pretrained(
                str(path), local_files_only=True, map_location=device
            )
        except Exception as exc:
            raise BackendError(
                f"cannot load GLiNER model {path.name!r}: {type(exc).__name__}"
            ) from None
        return cls(net, f"gliner:{path.name}", **options)

    def _run(self, texts: list[str]) -> list[list[Mapping[str, Any]]]:
        labels = list(self.prompts)
        infer = getattr(self.model, "inference", None)
        if infer is not None:
            return infer(texts, labels, flat_ner=True, threshold=self.threshold,
                         batch_size=self.batch_size)  # fmt: skip
        return self.model.batch_predict_entities(
            texts, labels, flat_ner=True, threshold=self.threshold
        )

    def predict(self, texts: Sequence[str]) -> list[list[Span]]:
        texts = list(texts)
        out: list[list[Span]] = [[] for _ in texts]
        live = [i for i, t in enumerate(texts) if t and not t.isspace()]
        if not live:
            return out
        results = self._run([texts[i] for i in live])
        if len(results) != len(live):
            raise BackendError(f"{self.name}: the model returned a wrong number of results")
        for i, ents in zip(live, results, strict=True):
            text = texts[i]
            for ent in ents:
                label = self.prompts.get(str(ent.get("label", "")))
                start, end = int(ent["start"]), int(ent["end"])
                if label is None or not 0 <= start < end <= len(text):
                    continue
                score = float(ent.get("score", 1.0))
                out[i].append(Span(start, end, label, score, self.name, text[start:end]))
        return out
