"""Readers for gold (hand-annotated) data, in three formats, detected automatically.

* ``tab``: the Text Anonymization Benchmark, JSONL records ``{text, entities:
  [{start_offset, end_offset, entity_type, identifier_type, entity_id, ...}],
  metadata}``. TAB has several annotators per judgment in some splits; each
  record is kept as its own document, as given (no merging), so a judgment
  annotated twice counts twice. This is TAB's own protocol: a system is scored
  against every annotator.
* ``presidio``: presidio-research's synthetic set, a JSON list (or JSONL) of
  ``{full_text, spans: [{entity_type, start_position, end_position}]}``.
* ``jsonl``: Veil's plain format, one ``{id, text, spans: [{start, end, label}]}``
  per line (extra fields such as ``genre`` are kept as metadata). A plain file
  is taken as exhaustive: it annotates every Veil label, so any prediction that
  overlaps no gold span is a false positive (a file without spans is a set of
  negatives).

Gold label names are mapped to Veil labels with :mod:`veil.evaluate.labels`.
Errors name the file and line (or record) and the field, never a value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..settings import env
from .labels import map_label

__all__ = [
    "FORMATS",
    "GoldDoc",
    "GoldSet",
    "GoldSpan",
    "detect_format",
    "iter_gold",
    "read_gold",
    "shared_data_dir",
]

FORMATS = ("tab", "presidio", "jsonl")


def shared_data_dir() -> Path:
    """The shared data folder: ``shared/data`` beside the repository root.

    ``VEIL_SHARED_DATA`` overrides it. The folder may not exist (callers check).
    """
    override = env("VEIL_SHARED_DATA")
    if override:
        return Path(override)
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "data"


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One gold mention. ``label`` is the Veil label (None: no Veil equivalent);
    ``source`` the label as the gold file names it."""

    start: int
    end: int
    label: str | None
    source: str
    identifier_type: str | None = None
    entity_id: str | None = None


@dataclass(slots=True, repr=False)
class GoldDoc:
    id: str
    text: str
    spans: tuple[GoldSpan, ...]
    meta: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"GoldDoc(id={self.id!r}, {len(self.text)} chars, {len(self.spans)} spans)"


@dataclass(slots=True)
class GoldSet:
    """A whole gold file. ``exhaustive``: every Veil label is annotated."""

    name: str
    format: str
    docs: list[GoldDoc]
    exhaustive: bool

    def __repr__(self) -> str:
        return f"GoldSet({self.name!r}, {self.format}, {len(self.docs)} docs)"


def _fail(where: str, problem: str) -> InputError:
    return InputError(f"{where}: {problem}")


def _offsets(rec: Mapping[str, Any], keys: tuple[str, str], n: int, where: str) -> tuple[int, int]:
    a, b = rec.get(keys[0]), rec.get(keys[1])
    for k, v in ((keys[0], a), (keys[1], b)):
        if isinstance(v, bool) or not isinstance(v, int):
            raise _fail(where, f"{k}: expected an integer offset")
    assert isinstance(a, int) and isinstance(b, int)
    if not 0 <= a < b <= n:
        raise _fail(where, f"{keys[0]}/{keys[1]}: offsets out of range for a text of {n} chars")
    return a, b


def _text(rec: Mapping[str, Any], key: str, where: str) -> str:
    t = rec.get(key)
    if not isinstance(t, str):
        raise _fail(where, f"{key}: expected a string")
    return t


def _spans_list(rec: Mapping[str, Any], key: str, where: str) -> list[Any]:
    spans = rec.get(key, [])
    if spans is None:
        return []
    if not isinstance(spans, list):
        raise _fail(where, f"{key}: expected a list")
    return spans


def _label(s: Mapping[str, Any], key: str, where: str) -> str:
    v = s.get(key)
    if not isinstance(v, str) or not v:
        raise _fail(where, f"{key}: expected a label name")
    return v


def _tab(rec: Mapping[str, Any], where: str, index: int) -> GoldDoc:
    text = _text(rec, "text", where)
    spans = []
    for i, e in enumerate(_spans_list(rec, "entities", where)):
        w = f"{where}: entities[{i}]"
        if not isinstance(e, Mapping):
            raise _fail(w, "expected an object")
        a, b = _offsets(e, ("start_offset", "end_offset"), len(text), w)
        src = _label(e, "entity_type", w)
        ident = e.get("identifier_type")
        eid = e.get("entity_id")
        spans.append(
            GoldSpan(
                a,
                b,
                map_label(src, "tab"),
                src,
                ident if isinstance(ident, str) else None,
                str(eid) if eid is not None else None,
            )
        )
    meta_raw = rec.get("metadata") or {}
    prov = meta_raw.get("provenance", {}) if isinstance(meta_raw, Mapping) else {}
    meta = {
        k: prov[k]
        for k in ("doc_id", "annotator", "dataset_type")
        if isinstance(prov, Mapping) and k in prov
    }
    doc_id = meta_raw.get("data_id") if isinstance(meta_raw, Mapping) else None
    return GoldDoc(str(doc_id or rec.get("doc_id") or index), text, tuple(spans), meta)


def _presidio(rec: Mapping[str, Any], where: str, index: int) -> GoldDoc:
    text = _text(rec, "full_text", where)
    spans = []
    for i, s in enumerate(_spans_list(rec, "spans", where)):
        w = f"{where}: spans[{i}]"
        if not isinstance(s, Mapping):
            raise _fail(w, "expected an object")
        a, b = _offsets(s, ("start_position", "end_position"), len(text), w)
        src = _label(s, "entity_type", w)
        spans.append(GoldSpan(a, b, map_label(src, "presidio"), src))
    meta = {"template_id": rec["template_id"]} if "template_id" in rec else {}
    return GoldDoc(str(index), text, tuple(spans), meta)


def _plain(rec: Mapping[str, Any], where: str, index: int) -> GoldDoc:
    text = _text(rec, "text", where)
    spans = []
    for i, s in enumerate(_spans_list(rec, "spans", where)):
        w = f"{where}: spans[{i}]"
        if not isinstance(s, Mapping):
            raise _fail(w, "expected an object")
        a, b = _offsets(s, ("start", "end"), len(text), w)
        src = _label(s, "label", w)
        spans.append(GoldSpan(a, b, map_label(src, "jsonl"), src))
    meta = {k: v for k, v in rec.items() if k not in ("id", "text", "spans")}
    return GoldDoc(str(rec.get("id", index)), text, tuple(spans), meta)


_PARSERS = {"tab": _tab, "presidio": _presidio, "jsonl": _plain}


def _record_format(rec: Any) -> str | None:
    if not isinstance(rec, Mapping):
        return None
    if "full_text" in rec:
        return "presidio"
    if "entities" in rec and "text" in rec:
        return "tab"
    if "text" in rec:
        return "jsonl"
    return None


def _first_char(path: Path) -> str:
    with path.open("r", encoding="utf-8") as f:
        while True:
            chunk = f.read(4096)
            if not chunk:
                return ""
            stripped = chunk.lstrip()
            if stripped:
                return stripped[0]


def detect_format(path: str | Path) -> str:
    """``tab``, ``presidio`` or ``jsonl``, from the first record's fields."""
    p = Path(path)
    try:
        first = _first_char(p)
        if first == "[":
            return "presidio"
        with p.open("r", encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    raise _fail(f"{p}:{lineno}", "not valid JSON") from None
                fmt = _record_format(rec)
                if fmt is None:
                    raise _fail(
                        f"{p}:{lineno}",
                        "unknown gold format (expected 'text'+'spans', TAB's 'text'+'entities' "
                        "or Presidio's 'full_text'+'spans')",
                    )
                return fmt
    except OSError as exc:
        raise _fail(str(p), f"cannot read gold file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise _fail(str(p), "gold file is not valid UTF-8") from None
    return "jsonl"  # empty file


def _records(p: Path) -> Iterator[tuple[str, int, Any]]:
    """(where, index, record) for a JSON list or a JSONL file."""
    try:
        if _first_char(p) == "[":
            try:
                data = json.loads(p.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise _fail(f"{p}:{exc.lineno}", "not valid JSON") from None
            for i, rec in enumerate(data):
                yield f"{p}: record {i}", i, rec
            return
        with p.open("r", encoding="utf-8") as f:
            index = 0
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    raise _fail(f"{p}:{lineno}", "not valid JSON") from None
                yield f"{p}:{lineno}", index, rec
                index += 1
    except OSError as exc:
        raise _fail(str(p), f"cannot read gold file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise _fail(str(p), "gold file is not valid UTF-8") from None


def iter_gold(path: str | Path, fmt: str = "auto") -> Iterator[GoldDoc]:
    """Stream the documents of a gold file."""
    p = Path(path)
    if fmt == "auto":
        fmt = detect_format(p)
    parse = _PARSERS.get(fmt)
    if parse is None:
        raise InputError(f"{p}: unknown gold format {fmt!r} (known: auto, {', '.join(FORMATS)})")
    for where, index, rec in _records(p):
        if not isinstance(rec, Mapping):
            raise _fail(where, "expected a JSON object")
        yield parse(rec, where, index)


def read_gold(path: str | Path, fmt: str = "auto") -> GoldSet:
    """Read a whole gold file (the formats above; ``auto`` detects)."""
    p = Path(path)
    if fmt == "auto":
        fmt = detect_format(p)
    docs = list(iter_gold(p, fmt))
    return GoldSet(p.name, fmt, docs, exhaustive=fmt == "jsonl")
