"""``veil audit OUTPUT``: re-scan anonymized output for identifiers that are left.

The scan uses the strongest detectors configured: every recognizer (the NER
model too when one is installed, unless ``--rules-only``), no label filter, no
disabled recognizer, and a lower score threshold (``--threshold``, default
0.3) for every label. The policy's allow-list and region still apply, so
documentation IPs and example.com mail stay unflagged.

What anonymization wrote is not a leak: type tags (``<EMAIL>``, ``<PERSON_1>``),
``[[ENC:...]]`` tokens, ``LABEL_<hex>`` hashes and runs of mask characters are
skipped. Pseudonyms are realistic on purpose, so a pseudonymized corpus is
flagged as if it held identifiers: audit a tag/mask/redact/hash run, or read the
counts as an upper bound.

Each residual hit is counted per label and field; the first ones per label are
kept with masked context (the value masked, digits around it as ``#``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import RecordError
from ..io.fields import FieldSpec
from ..io.quarantine import Bad
from ..types import Document
from .mask import mask, scrub
from .stats import Stats

__all__ = ["ANY", "ARTIFACT_RE", "AuditStep", "audit_policy", "run_audit"]

ANY = "*"  # key of stats.records_with counting records with any residual hit

AUDIT_THRESHOLD = 0.3
HITS_PER_LABEL = 10
CONTEXT = 40

#: What operators write: tags, encrypt tokens, keyed hashes, masks.
ARTIFACT_RE = re.compile(
    r"<[A-Z][A-Z0-9_]*>"
    r"|\[\[ENC:[A-Za-z][A-Za-z0-9_]*:[A-Za-z0-9_-]+\]\]"
    r"|\b[A-Z][A-Z_]*_[0-9a-f]{8,}\b"
    r"|[*#•]{3,}"
)


def audit_policy(policy: Any, threshold: float = AUDIT_THRESHOLD) -> Any:
    """``policy`` made as sensitive as configured detectors go: every label, every
    recognizer, threshold at most ``threshold``; operators become tags (no key)."""
    from ..transform.tag import Tag

    return replace(
        policy,
        default=Tag(),
        operators={},
        threshold=min(policy.threshold, threshold),
        thresholds={},
        labels=None,
        disabled_recognizers=frozenset(),
        source=f"{policy.source} (audit: threshold {min(policy.threshold, threshold)})",
    )


def _artifact_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in ARTIFACT_RE.finditer(text)] if text else []


def _context(text: str, start: int, end: int, label: str, others: Sequence[Any]) -> list[list[str]]:
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    out: list[list[str]] = [["text", "…"]] if lo else []
    pos = lo
    for s in others:
        if s.end <= lo or s.start >= hi or s.start < pos:
            continue
        out.append(["text", scrub(text[pos : s.start])])
        if s.start == start and s.end == end:
            out.append(["hit", mask(text[start:end], label)])
        else:
            out.append(["tag", f"<{s.label}>"])
        pos = min(s.end, hi)
    out.append(["text", scrub(text[pos:hi])])
    if hi < len(text):
        out.append(["text", "…"])
    return out


@dataclass(frozen=True, slots=True)
class AuditStep:
    """Scan the chosen fields of one record; count residual spans into the stats."""

    codec: Any
    fields: FieldSpec

    def run(self, anon: Any, doc: Document, stats: Stats) -> None:
        stats.records_in += 1
        raw = doc.record
        try:
            if isinstance(raw, Bad):
                raise RecordError(raw.reason)
            record = self.codec.decode(raw)
        except RecordError as exc:
            stats.quarantined(exc.reason)
            return None
        seen: set[str] = set()
        for name, container, key in self.fields.targets(record, []):
            value = container[key]
            if not isinstance(value, str):
                continue
            stats.values_seen += 1
            arts = _artifact_spans(value)
            spans = [
                s
                for s in anon.analyze(value)
                if not any(a <= s.start and s.end <= b for a, b in arts)
            ]
            if not spans:
                continue
            stats.values_changed += 1  # here: values holding a residual hit
            for s in spans:
                stats.labels[s.label] += 1
                stats.fields[name] += 1
                b = min(max(int(s.score * 20), 0), 19)
                stats.scores[f"{s.label}:{b}"] += 1
                seen.add(s.label)
                if stats.sampled[s.label] < HITS_PER_LABEL:
                    stats.sampled[s.label] += 1
                    stats.samples.append(
                        {
                            "label": s.label,
                            "field": name,
                            "where": f"{doc.source}:{doc.line}",
                            "score": round(s.score, 2),
                            "recognizer": s.recognizer,
                            "context": _context(value, s.start, s.end, s.label, spans),
                        }
                    )
        stats.records_with.update(seen)
        if seen:
            stats.records_with[ANY] += 1
        stats.records_out += 1
        return None


def run_audit(
    path: str | Path,
    anon: Any,
    *,
    spec: Any = None,
    fmt: str = "auto",
    fields: Sequence[str] | None = None,
    jobs: int = 1,
) -> Stats:
    """Scan every file at ``path`` (a file or a directory) with ``anon``."""
    from ..engine.local import AnonymizerSpec, LocalRunner
    from ..engine.pipeline import expand_inputs
    from ..errors import InputError
    from ..io.formats import detect_format, field_spec, open_reader

    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or directory")
    total = Stats()
    total.sample_cap = HITS_PER_LABEL
    t0 = time.perf_counter()
    spec = spec if spec is not None else AnonymizerSpec(policy=anon.policy, demo_key=True)
    with LocalRunner(spec, jobs=jobs, anonymizer=anon) as runner:
        for src, _ in expand_inputs(p, None):
            f = detect_format(src, fmt)
            reader = open_reader(f, src, fields)
            try:
                step = AuditStep(reader.codec(), field_spec(reader, fields, "pass"))
                for _outcomes, st in runner.map(step, reader):
                    total.merge(st)
                total.bytes_in += reader.bytes_read
            finally:
                close = getattr(reader, "close", None)
                if close is not None:
                    close()
            total.files += 1
    total.elapsed_s = time.perf_counter() - t0
    return total
