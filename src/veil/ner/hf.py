"""Hugging Face adapter: a token-classification model from a local directory.

>>> backend = HfBackend.load("/models/bert-ner")    # doctest: +SKIP

The directory holds what ``save_pretrained`` writes: ``config.json`` (with
``id2label``), the weights and a *fast* tokenizer (offset mappings are required to
map tokens back to characters). Nothing is downloaded (``local_files_only``).

Texts are tokenized in batches with the tokenizer's offset mapping. A text longer
than the model's window is split into overlapping windows (``stride`` tokens), and
each token keeps the prediction of the window where it sits farthest from a cut.
Subword predictions are aggregated per word: ``first`` (the first subword's label,
the usual training convention), ``max`` (the word's most confident subword) or
``average`` (mean probabilities). Words are then decoded as BIO/BILOU (``B-PER
I-PER``) or as plain labels (consecutive words with one label form a span). A
span's score is the mean probability of its words' labels. torch and transformers
are imported when a backend loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import BackendError
from ..types import Span
from .base import VEIL_NER_LABELS, map_label

__all__ = ["HfBackend", "decode_words"]

_AGGREGATIONS = ("first", "max", "average")


def _split_tag(tag: str) -> tuple[str, str]:
    """``"B-PER"`` -> ``("B", "PER")``; ``"O"`` -> ``("O", "")``; ``"PER"`` -> ``("", "PER")``."""
    t = tag.strip()
    if t.upper() in ("O", "OUTSIDE", ""):
        return "O", ""
    if len(t) > 2 and t[1] in "-_" and t[0].upper() in "BIELSU":
        return t[0].upper(), t[2:]
    return "", t


def decode_words(
    words: Sequence[tuple[int, int, str, float]],
) -> list[tuple[int, int, str, float]]:
    """Group labelled words ``(start, end, tag, prob)`` into entities
    ``(start, end, label, score)`` (BIO/BILOU or plain labels)."""
    out: list[tuple[int, int, str, float]] = []
    cur: list[Any] | None = None  # [start, end, label, probs]
    for start, end, tag, prob in words:
        prefix, label = _split_tag(tag)
        cont = cur is not None and label == cur[2] and prefix in ("I", "E", "L", "")
        if prefix == "O":
            cont = False
        if cont and cur is not None:
            cur[1] = end
            cur[3].append(prob)
        else:
            if cur is not None:
                out.append((cur[0], cur[1], cur[2], sum(cur[3]) / len(cur[3])))
            cur = [start, end, label, [prob]] if prefix != "O" else None
        if prefix in ("E", "L", "S", "U") and cur is not None:  # BILOU/BIOES: entity ends
            out.append((cur[0], cur[1], cur[2], sum(cur[3]) / len(cur[3])))
            cur = None
    if cur is not None:
        out.append((cur[0], cur[1], cur[2], sum(cur[3]) / len(cur[3])))
    return out


class HfBackend:
    """A transformers token-classification model as a :class:`~veil.ner.base.NerBackend`."""

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        name: str,
        *,
        max_tokens: int | None = None,
        stride: int = 32,
        batch_size: int = 16,
        aggregation: str = "first",
        chars_per_token: int = 4,
    ) -> None:
        if aggregation not in _AGGREGATIONS:
            raise BackendError(f"aggregation must be one of {', '.join(_AGGREGATIONS)}")
        if not getattr(tokenizer, "is_fast", False):
            raise BackendError(f"{name}: a fast tokenizer is needed (offset mappings)")
        if tokenizer.pad_token is None:  # padding a batch needs one; its value is masked out
            fallback = tokenizer.eos_token or tokenizer.unk_token or tokenizer.sep_token
            if fallback is None:
                raise BackendError(f"{name}: the tokenizer has no padding token")
            tokenizer.pad_token = fallback
        self.torch = import_module("torch")
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.name = name
        cfg = model.config
        limits = [getattr(cfg, "max_position_embeddings", None), tokenizer.model_max_length]
        if max_tokens is not None:
            limits.append(max_tokens)
        self.max_tokens = int(min(x for x in limits if isinstance(x, int) and 0 < x < 10**6))
        self.stride = max(0, min(stride, self.max_tokens // 4))
        self.batch_size = batch_size
        self.aggregation = aggregation
        self.id2label = {int(k): str(v) for k, v in cfg.id2label.items()}
        self.max_chars = max(64, (self.max_tokens - 2) * chars_per_token)
        mapped = {map_label(_split_tag(t)[1]) for t in self.id2label.values()} - {None}
        self.labels: tuple[str, ...] = tuple(x for x in VEIL_NER_LABELS if x in mapped)

    def __repr__(self) -> str:
        return f"HfBackend({self.name!r}, max_tokens={self.max_tokens})"

    @classmethod
    def load(cls, model: str, *, device: str = "cpu", **options: Any) -> HfBackend:
        path = Path(str(model)).expanduser()
        if not path.is_dir():
            raise BackendError(f"Hugging Face model directory not found: {path.name!r}")
        try:
            transformers = import_module("transformers")
        except ImportError:
            raise BackendError(
                "the Hugging Face NER backend needs torch and transformers: pip install 'veil[hf]'"
            ) from None
        try:
            tok = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
            net = transformers.AutoModelForTokenClassification.from_pretrained(
                path, local_files_only=True
            )
        except Exception as exc:
            raise BackendError(
                f"cannot load Hugging Face model {path.name!r}: {type(exc).__name__}"
            ) from None
        net.to(device)
        return cls(net, tok, f"hf:{path.name}", **options)

    # -- prediction -----------------------------------------------------------------
    def predict(self, texts: Sequence[str]) -> list[list[Span]]:
        texts = list(texts)
        out: list[list[Span]] = [[] for _ in texts]
        live = [i for i, t in enumerate(texts) if t and not t.isspace()]
        if not live:
            return out
        enc = self.tokenizer(
            [texts[i] for i in live],
            return_offsets_mapping=True,
            return_overflowing_tokens=True,
            truncation=True,
            max_length=self.max_tokens,
            stride=self.stride,
            padding=True,
            return_tensors="pt",
        )
        rows = enc["input_ids"].shape[0]
        sample = enc.get("overflow_to_sample_mapping")
        owners = sample.tolist() if sample is not None else list(range(rows))
        offsets = enc["offset_mapping"].tolist()
        feed = {k: enc[k] for k in ("input_ids", "attention_mask", "token_type_ids") if k in enc}
        device = next(self.model.parameters()).device
        probs_rows: list[Any] = []
        with self.torch.inference_mode():
            for b in range(0, rows, self.batch_size):
                batch = {k: v[b : b + self.batch_size].to(device) for k, v in feed.items()}
                logits = self.model(**batch).logits
                probs_rows.extend(logits.float().softmax(-1).cpu())
        # per text: token (start, end) -> (margin, word key, probs); best window wins
        tokens: list[dict[tuple[int, int], tuple[int, tuple[int, int], Any]]] = [{} for _ in live]
        for r in range(rows):
            k = owners[r]
            word_ids = enc.word_ids(r)
            content = [j for j, w in enumerate(word_ids) if w is not None]
            if not content:
                continue
            lo, hi = content[0], content[-1]
            for j in content:
                a, z = offsets[r][j]
                if z <= a:
                    continue
                margin = min(j - lo, hi - j)
                prev = tokens[k].get((a, z))
                if prev is None or margin > prev[0]:
                    tokens[k][(a, z)] = (margin, (k, word_ids[j]), probs_rows[r][j])
        for k, i in enumerate(live):
            words = self._words(tokens[k])
            for start, end, label, score in decode_words(words):
                out[i].append(Span(start, end, label, float(score), self.name, texts[i][start:end]))
        return out

    def _words(self, toks: dict[tuple[int, int], tuple[int, tuple[int, int], Any]]):
        """Aggregate subword predictions into ``(start, end, tag, prob)`` per word."""
        groups: dict[Any, list[tuple[int, int, Any]]] = {}
        for (a, z), (_m, word, probs) in sorted(toks.items()):
            groups.setdefault(word, []).append((a, z, probs))
        words: list[tuple[int, int, str, float]] = []
        for parts in groups.values():
            parts.sort(key=lambda p: p[0])
            start, end = parts[0][0], max(p[1] for p in parts)
            if self.aggregation == "first":
                probs = parts[0][2]
            elif self.aggregation == "max":
                probs = max((p[2] for p in parts), key=lambda v: float(v.max()))
            else:
                probs = sum(p[2] for p in parts) / len(parts)
            best = int(probs.argmax())
            words.append((start, end, self.id2label.get(best, "O"), float(probs[best])))
        words.sort(key=lambda w: w[0])
        return words
