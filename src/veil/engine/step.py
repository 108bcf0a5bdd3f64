"""The step: anonymize (or scan, or deanonymize) the chosen fields of one Document.

A :class:`Step` is small and picklable: the format's codec, the field spec and a
mode. ``step.run(anonymizer, doc, stats)`` returns the encoded output record, or
a :class:`~veil.io.quarantine.Rejected` when the record is quarantined, and
counts what it did into ``stats``; ``step.run_many(anonymizer, docs, stats)`` does
the same for a chunk, with all its values analyzed in one batch (what the runners
call, through :func:`run_all`). Steps do not know which runner calls them.

All the fields of one record share one :class:`~veil.transform.base.OperatorContext`,
so indexed tags (``<PERSON_1>``) agree across the messages of a chat.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError, DeanonymizeError, RecordError
from ..io.fields import FieldSpec
from ..io.quarantine import Bad, Rejected
from ..report.stats import Stats
from ..types import Document
from .show import snippets

__all__ = ["MODES", "Step", "run_all"]

log = logging.getLogger("veil")

MODES = ("anonymize", "scan", "deanonymize")


def run_all(step: Any, anon: Any, docs: list[Document], stats: Stats) -> list[Any]:
    """``step`` over ``docs``: in one batch when the step has ``run_many`` (the
    anonymize/scan :class:`Step`), else record by record (``run``: the audit step)."""
    many = getattr(step, "run_many", None)
    if many is not None:
        return many(anon, docs, stats)  # type: ignore[no-any-return]
    return [step.run(anon, d, stats) for d in docs]


@dataclass(frozen=True, slots=True)
class Step:
    """``codec`` decodes/encodes one record; ``fields`` picks its values.

    Modes: ``anonymize`` (replace spans), ``scan`` (detect and count only; the
    output is a list of masked hits when ``show``), ``deanonymize`` (decrypt
    ``encrypt`` tokens).
    """

    codec: Any
    fields: FieldSpec
    mode: str = "anonymize"
    show: bool = False

    def run(self, anon: Any, doc: Document, stats: Stats) -> Any:
        stats.records_in += 1
        return self._guarded(doc, stats, lambda: self._run(anon, doc, stats))

    def run_many(self, anon: Any, docs: list[Document], stats: Stats) -> list[Any]:
        """:meth:`run` for each document, with the values of all of them analyzed in
        one batch (``anon.analyze_batch``: recognizer by recognizer, faster on many
        small documents). Same outputs and counts as calling :meth:`run` on each. If
        the batch analysis fails, each document is analyzed on its own, so that only
        the one that fails is quarantined."""
        if self.mode == "deanonymize" or len(docs) < 2:
            return [self.run(anon, d, stats) for d in docs]
        staged: list[Any] = []
        for d in docs:
            stats.records_in += 1
            staged.append(self._guarded(d, stats, lambda d=d: self._extract(d, stats)))
        texts = [v[3] for st in staged if not isinstance(st, Rejected) for v in st[1]]
        found: Iterator[list[Any]] | None
        try:
            found = iter(list(anon.analyze_batch(texts)))
        except ConfigError:
            raise
        except Exception:  # a bug in one text: find it text by text below
            found = None
        out = []
        for d, st in zip(docs, staged, strict=True):
            if isinstance(st, Rejected):
                out.append(st)
                continue
            record, values = st
            spans = None if found is None else [next(found) for _ in values]
            out.append(
                self._guarded(
                    d,
                    stats,
                    lambda d=d, r=record, v=values, sp=spans: self._finish(
                        anon, d, r, v, stats, sp
                    ),
                )
            )
        return out

    def _guarded(self, doc: Document, stats: Stats, work: Callable[[], Any]) -> Any:
        """``work()``, or the record quarantined with the reason it failed."""
        try:
            return work()
        except RecordError as exc:
            reason = exc.reason
            msg = exc.args[0] if exc.args else ""
            detail = msg[len(reason) + 2 :] if msg.startswith(reason + ": ") else ""
        except ConfigError:
            raise  # a missing key and the like: fatal, not a record problem
        except DeanonymizeError:
            detail = ""
            reason = "deanonymize_error"
        except Exception as exc:  # a bug somewhere: keep going, but count it
            reason, detail = f"error:{type(exc).__name__}", ""
            log.debug(
                "%s:%d: %s while processing the record", doc.source, doc.line, type(exc).__name__
            )
        stats.quarantined(reason)
        return Rejected(doc.source, doc.line, reason, detail)

    def _run(self, anon: Any, doc: Document, stats: Stats) -> Any:
        record, values = self._extract(doc, stats)
        return self._finish(anon, doc, record, values, stats, None)

    def _extract(self, doc: Document, stats: Stats) -> tuple[Any, list[tuple[str, Any, Any, str]]]:
        """The decoded record and its string values to work on."""
        raw = doc.record
        if isinstance(raw, Bad):
            raise RecordError(raw.reason)
        record = self.codec.decode(raw)
        missing: list[str] = []
        targets = self.fields.targets(record, missing)
        for name in missing:
            stats.skipped[f"missing_field:{name}"] += 1
        values: list[tuple[str, Any, Any, str]] = []
        for name, container, key in targets:
            value = container[key]
            if isinstance(value, str):
                values.append((name, container, key, value))
            elif value is None:
                stats.skipped["null_field"] += 1
            elif isinstance(value, int | float):  # bool is an int
                stats.skipped["non_string_field"] += 1
            else:
                raise RecordError(
                    "non_string_field", f"field {name!r} holds a {type(value).__name__}"
                )
        return record, values

    def _finish(
        self,
        anon: Any,
        doc: Document,
        record: Any,
        values: list[tuple[str, Any, Any, str]],
        stats: Stats,
        found: list[list[Any]] | None,
    ) -> Any:
        """The work on the values (``found``: their spans if already analyzed) and
        the encoded output record."""
        raw = doc.record
        changed = False
        if self.mode == "scan":
            hits: list[Any] = []
            seen: set[str] = set()
            for i, (name, _c, _k, value) in enumerate(values):
                stats.values_seen += 1
                spans = anon.analyze(value) if found is None else found[i]
                for s in spans:
                    stats.labels[s.label] += 1
                    stats.fields[name] += 1
                    seen.add(s.label)
                if self.show and spans:
                    hits.extend((doc.line, name, *h) for h in snippets(value, spans))
            stats.records_with.update(seen)
            stats.records_out += 1
            return hits
        if self.mode == "deanonymize":
            for name, container, key, value in values:
                stats.values_seen += 1
                new = anon.deanonymize(value)
                if new != value:
                    container[key] = new
                    stats.values_changed += 1
                    stats.fields[name] += 1
                    changed = True
        else:
            ctx = anon.new_context()
            seen = set()
            for i, (name, container, key, value) in enumerate(values):
                stats.values_seen += 1
                if found is None:
                    result = anon.anonymize(value, context=ctx)
                else:
                    result = anon.anonymize(value, context=ctx, spans=found[i])
                stats.observe(name, value, result)  # run report: scores, masked samples
                if result.replacements:
                    container[key] = result.text
                    stats.values_changed += 1
                    changed = True
                    for rep in result.replacements:
                        stats.labels[rep.label] += 1
                        stats.operators[rep.operator] += 1
                        seen.add(rep.label)
                    stats.fields[name] += len(result.replacements)
            stats.records_with.update(seen)
        out = self.codec.encode(record, raw, changed)
        stats.records_out += 1
        return out
