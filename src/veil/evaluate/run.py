"""``veil eval``'s engine: run an anonymizer over a gold file and score it.

>>> from veil import Anonymizer
>>> report = run_eval("gold.jsonl", None, Anonymizer(rules_only=True))  # doctest: +SKIP
>>> report["overall"]["typed_recall"]                                   # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import OutputError
from .gold import GoldDoc, read_gold
from .metrics import DocOutcome, PredLike, Scorer

__all__ = ["predictor", "run_eval", "write_json"]

OnDoc = Callable[[GoldDoc, Sequence[PredLike], DocOutcome], None]


def predictor(anonymizer: Any) -> Callable[[str], Sequence[PredLike]]:
    """A text -> spans function for an Anonymizer (its full ``anonymize`` pipeline,
    operators included, so that the timing is the real one), an object with
    ``analyze``, or a plain callable."""
    if hasattr(anonymizer, "anonymize"):
        anon = anonymizer.anonymize
        return lambda text: anon(text).spans
    if hasattr(anonymizer, "analyze"):
        return anonymizer.analyze
    if callable(anonymizer):
        return anonymizer
    raise TypeError("anonymizer must have .anonymize or .analyze, or be callable")


def write_json(path: str | Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON, atomically (temp file + rename)."""
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", dir=p.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, sort_keys=False)
            f.write("\n")
        os.replace(tmp, p)
    except OSError as exc:
        raise OutputError(f"{p}: cannot write evaluation report ({exc.strerror})") from None


def run_eval(
    gold_path: str,
    output_path: str | None,
    anonymizer: Any,
    fmt: str = "auto",
    labels: Iterable[str] | None = None,
    *,
    exhaustive: bool | None = None,
    on_doc: OnDoc | None = None,
) -> dict[str, Any]:
    """Score ``anonymizer`` on the gold file ``gold_path``.

    ``fmt`` is ``auto``, ``tab``, ``presidio`` or ``jsonl``. ``labels`` restricts
    scoring to these Veil labels. ``exhaustive`` overrides whether the gold set
    annotates every label (default: plain JSONL does, TAB and Presidio do not).
    ``on_doc(doc, predictions, outcome)`` is called per document (diagnostics).

    Returns ``{dataset, format, documents, labels, overall, unmapped,
    unscored_pred, annotated_labels, confusion, tab?, speed}``; the result holds
    labels, counts and ratios only, never text. Written as JSON to
    ``output_path`` when given.
    """
    gold = read_gold(gold_path, fmt)
    scorer = Scorer(labels, gold.exhaustive if exhaustive is None else exhaustive)
    predict = predictor(anonymizer)
    genres: dict[str, Scorer] = {}  # veil.report (issue 6): scores per genre
    elapsed = 0.0
    nbytes = 0
    for doc in gold.docs:
        t0 = time.perf_counter()
        preds = predict(doc.text)
        elapsed += time.perf_counter() - t0
        nbytes += len(doc.text.encode("utf-8", "surrogatepass"))
        outcome = scorer.add(doc, preds)
        if isinstance(doc.meta.get("genre"), str):
            genres.setdefault(doc.meta["genre"], Scorer(scorer.labels, scorer.exhaustive)).add(
                doc, preds
            )
        if on_doc is not None:
            on_doc(doc, preds, outcome)
    result: dict[str, Any] = {"dataset": gold.name, "format": gold.format}
    result.update(scorer.result())
    result["speed"] = {
        "seconds": round(elapsed, 6),
        "docs_per_s": round(len(gold.docs) / elapsed, 1) if elapsed > 0 else None,
        "mb_per_s": round(nbytes / 1e6 / elapsed, 3) if elapsed > 0 else None,
        "bytes": nbytes,
    }
    if genres:
        result["genres"] = {g: sc.result()["overall"] for g, sc in sorted(genres.items())}
    if output_path is not None:
        write_json(output_path, result)
        from ..report.eval import write_eval_html  # veil.report (issue 6): RESULT.html

        write_eval_html(result, output_path, anonymizer)
    return result
