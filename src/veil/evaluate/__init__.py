"""Evaluation against gold data: readers (TAB, Presidio synthetic, plain JSONL),
label mapping, metrics (recall, precision, leak rate, TAB-style masking) and
:func:`run_eval`, the engine behind ``veil eval``."""

from __future__ import annotations

from .gold import GoldDoc, GoldSet, GoldSpan, detect_format, iter_gold, read_gold, shared_data_dir
from .labels import ID_LABELS, accepted, map_label, matches
from .metrics import DocOutcome, Scorer
from .run import run_eval, write_json

__all__ = [
    "ID_LABELS",
    "DocOutcome",
    "GoldDoc",
    "GoldSet",
    "GoldSpan",
    "Scorer",
    "accepted",
    "detect_format",
    "iter_gold",
    "map_label",
    "matches",
    "read_gold",
    "run_eval",
    "shared_data_dir",
    "write_json",
]
