"""Canaries: synthetic identifiers planted in copies of input records, to measure recall
on the user's own data (``veil anonymize --canaries N``).

For every label, ``N`` synthetic values (Faker, several locales; checksums valid:
Luhn cards, mod-97 IBANs, NHS mod 11, Verhoeff Aadhaar, VIN check digits,
base58check and bech32 wallets) are each written into a context sentence and
inserted at a sentence boundary of one string field of a *copy* of a record drawn
at random from the input (a reservoir over the first ``SCAN_LIMIT`` records). The
copy goes through the same Anonymizer as the run, in this process, and is then
dropped: planted records never reach the output.

A canary *survives* when its value is still in the anonymized text verbatim (as a
whole token: an age "47" inside a postcode "04789" does not count), or
its digits (six or more) are still there in order, more often than in the
anonymized original field (so an identical value already in the record does not
count). Survivors are explained: not detected at all, partly detected, or kept by
the policy (``keep``). The generators are :mod:`veil.synthetic`'s.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..synthetic import MAKERS, NATIONAL_ID_T, Pii, T

__all__ = ["CORE_LABELS", "MAKERS", "CanaryMaker", "plant", "run_canaries"]

# -- planting and counting ----------------------------------------------------------
#: The labels the core (rules) covers: the survival target there is zero. LOCATION,
#: ORGANIZATION and DEMOGRAPHIC need a NER model and are reported all the same.
CORE_LABELS: tuple[str, ...] = tuple(
    lab for lab in MAKERS if lab not in ("LOCATION", "ORGANIZATION", "DEMOGRAPHIC")
)
SCAN_LIMIT = 20_000  # records read to draw the copies from
POOL = 1_000  # records kept in the reservoir
MIN_DIGITS = 6  # a digits-only survival needs at least this many digits
EXAMPLES_PER_LABEL = 3
_BOUNDARY = re.compile(r"(?<=[.!?])\s+|\n+")


class CanaryMaker:
    """``(sentence, start, value)`` per label: a context sentence holding a fresh value."""

    def __init__(self, seed: int = 0) -> None:
        self.pii = Pii(seed)
        self.rng = self.pii.rng

    def make(self, label: str) -> tuple[str, int, str]:
        value = getattr(self.pii, MAKERS[label])()
        if label == "NATIONAL_ID" and self.rng.random() < 0.7:
            template = self.rng.choice(NATIONAL_ID_T[self.pii.last_kind])
        else:
            template = self.rng.choice(T[label])
        before, _, after = template.partition("{}")
        return before + value + after, len(before), value


def plant(text: str, sentence: str, rng: random.Random) -> tuple[str, int]:
    """``text`` with ``sentence`` inserted at a random sentence boundary, and where
    the sentence starts. A sentence without final punctuation (``Phone: {}``) is a
    line of its own, as such fragments are in real text."""
    cuts = [0, len(text), *(m.end() for m in _BOUNDARY.finditer(text))]
    at = rng.choice(cuts)
    sep = " " if sentence.rstrip()[-1:] in ".!?" else "\n"
    before = "" if at == 0 or text[at - 1] in (sep, "\n") else sep
    after = "" if at >= len(text) or text[at] in (sep, "\n") else sep
    return text[:at] + before + sentence + after + text[at:], at + len(before)


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def _count(text: str, value: str) -> int:
    """Occurrences of ``value`` in ``text`` as a whole token (an age "47" inside a
    postcode "04789" is not the age)."""
    return len(re.findall(r"(?<![0-9A-Za-z])" + re.escape(value) + r"(?![0-9A-Za-z])", text))


def _survives(value: str, planted_out: str, original_out: str) -> str | None:
    """``verbatim``, ``digits`` or None."""
    if _count(planted_out, value) > _count(original_out, value):
        return "verbatim"
    d = _digits(value)
    if len(d) >= MIN_DIGITS and _digits(planted_out).count(d) > _digits(original_out).count(d):
        return "digits"
    return None


def _sample_records(
    sources: Sequence[tuple[Path, str]], fields: Sequence[str] | None, rng: random.Random
) -> list[tuple[Any, Any, Any]]:
    """A reservoir of ``(codec, field spec, raw record)`` over the inputs."""
    from ..io.formats import field_spec, open_reader
    from ..io.quarantine import Bad

    pool: list[tuple[Any, Any, Any]] = []
    seen = 0
    for path, fmt in sources:
        reader = open_reader(fmt, path, fields)
        try:
            codec = reader.codec()
            spec = field_spec(reader, fields, "pass")
            for doc in reader:
                if isinstance(doc.record, Bad):
                    continue
                seen += 1
                if len(pool) < POOL:
                    pool.append((codec, spec, doc.record))
                else:
                    j = rng.randrange(seen)
                    if j < POOL:
                        pool[j] = (codec, spec, doc.record)
                if seen >= SCAN_LIMIT:
                    break
        finally:
            close = getattr(reader, "close", None)
            if close is not None:
                close()
        if seen >= SCAN_LIMIT:
            break
    return pool


def _field_values(item: tuple[Any, Any, Any]) -> list[tuple[str, str]]:
    codec, spec, raw = item
    try:
        record = codec.decode(raw)
    except Exception:  # a record the run quarantines: no copy from it
        return []
    return [(name, c[k]) for name, c, k in spec.targets(record, []) if isinstance(c[k], str)]


def run_canaries(
    anon: Any,
    sources: Sequence[tuple[Path, str]],
    n: int,
    *,
    fields: Sequence[str] | None = None,
    labels: Iterable[str] | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Plant ``n`` canaries of every label into copies of input records, anonymize the
    copies with ``anon`` and count survivors. Holds no raw value: survivors are
    shown masked. ``sources`` are ``(path, format)`` pairs."""
    from .mask import mask

    rng = random.Random(seed)
    maker = CanaryMaker(seed)
    pool = [v for v in (_field_values(x) for x in _sample_records(sources, fields, rng)) if v]
    labels = list(labels) if labels is not None else list(MAKERS)
    originals: dict[tuple[int, int], str] = {}
    per: dict[str, dict[str, Any]] = {}
    for label in labels:
        row: dict[str, Any] = {
            "planted": 0,
            "survived": 0,
            "core": label in CORE_LABELS,
            "detected_as": Counter(),
            "reasons": Counter(),
            "examples": [],
        }
        per[label] = row
        for _ in range(n):
            sentence, offset, value = maker.make(label)
            if pool:
                r = rng.randrange(len(pool))
                f = rng.randrange(len(pool[r]))
                text = pool[r][f][1]
            else:  # no string field in the input: the sentence alone
                r = f = -1
                text = ""
            planted, at = plant(text, sentence, rng)
            start, end = at + offset, at + offset + len(value)
            result = anon.anonymize(planted)
            if (r, f) not in originals:
                originals[(r, f)] = anon.anonymize(text).text if text else ""
            row["planted"] += 1
            covering = [s for s in result.spans if s.start < end and start < s.end]
            for s in covering:
                row["detected_as"][s.label] += 1
            how = _survives(value, result.text, originals[(r, f)])
            if how is None:
                continue
            row["survived"] += 1
            kept = [
                rep
                for rep in result.replacements
                if rep.start < end and start < rep.end and rep.operator == "keep"
            ]
            covered = sum(min(s.end, end) - max(s.start, start) for s in covering)
            if kept:
                reason = "kept by the policy (keep)"
            elif not covering:
                reason = "not detected"
            elif covered < end - start:
                reason = "partly detected"
            else:
                reason = "detected, value still in the output"
            row["reasons"][reason] += 1
            if len(row["examples"]) < EXAMPLES_PER_LABEL:
                row["examples"].append(
                    {
                        "value": mask(value, label),
                        "template": sentence[:offset] + "{}" + sentence[offset + len(value) :],
                        "found": sorted({s.label for s in covering}),
                        "how": how,
                        "reason": reason,
                    }
                )
    planted_total = sum(r["planted"] for r in per.values())
    survived_total = sum(r["survived"] for r in per.values())
    core_survivors = {lab: r["survived"] for lab, r in per.items() if r["core"] and r["survived"]}
    for r in per.values():
        r["survival_rate"] = r["survived"] / r["planted"] if r["planted"] else None
        r["detected_as"] = dict(r["detected_as"].most_common())
        r["reasons"] = dict(r["reasons"].most_common())
    return {
        "per_label": per,
        "planted": planted_total,
        "survived": survived_total,
        "survival_rate": survived_total / planted_total if planted_total else None,
        "core_survived": sum(core_survivors.values()),
        "core_labels_with_survivors": sorted(core_survivors),
        "records_in_pool": len(pool),
        "per_label_n": n,
        "seed": seed,
    }
