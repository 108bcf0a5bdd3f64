"""Which values of a record get anonymized: dotted paths and the chat format.

A path names a value inside nested dicts and lists: ``text``, ``meta.bio``,
``items.0.body``, ``messages.*.content`` (``*``: every element of a list or
every value of a dict). Without paths, a JSON record is read as:

* the **chat format** when it has a ``messages`` list of ``{role, content}``
  dicts: each message's ``content`` (a string, or a list of parts whose
  ``text`` strings are used);
* otherwise its ``text`` field.

A record lacking a chosen value is a :class:`~veil.errors.RecordError` with
reason ``missing_field`` (quarantined by default, see :class:`FieldSpec`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import RecordError

__all__ = ["CHAT_FIELD", "FieldSpec", "Target", "parse_fields"]

CHAT_FIELD = "messages.*.content"
_CHAT_PART_FIELD = "messages.*.content.*.text"

# (field name for stats, container, key): the value is container[key]
Target = tuple[str, Any, Any]


def parse_fields(spec: str | Sequence[str] | None) -> list[str] | None:
    """``"text,meta.bio"`` -> ``["text", "meta.bio"]`` (None or empty: default)."""
    if spec is None:
        return None
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out = [s.strip() for s in items if s and s.strip()]
    return out or None


class FieldSpec:
    """The chosen fields of a record.

    ``paths`` are dotted paths (None: chat format or ``text``). With
    ``dotted=False`` each path is one key (CSV and Parquet column names, which
    may contain dots). ``on_missing`` is ``"quarantine"`` (the record is
    quarantined with reason ``missing_field``) or ``"pass"`` (absent paths are
    skipped and counted).
    """

    __slots__ = ("_split", "dotted", "on_missing", "paths")

    def __init__(
        self,
        paths: Sequence[str] | None = None,
        *,
        dotted: bool = True,
        on_missing: str = "quarantine",
    ) -> None:
        if on_missing not in ("quarantine", "pass"):
            raise ValueError("on_missing must be 'quarantine' or 'pass'")
        self.paths = list(paths) if paths is not None else None
        self.dotted = dotted
        self.on_missing = on_missing
        self._split = (
            [(p, p.split(".") if dotted else [p]) for p in self.paths]
            if self.paths is not None
            else None
        )

    def __repr__(self) -> str:
        return f"FieldSpec({self.paths or 'default'}, on_missing={self.on_missing})"

    def targets(self, record: Any, missing: list[str] | None = None) -> list[Target]:
        """The values to anonymize in ``record``, in a stable order.

        Raises RecordError (``missing_field``, ``not_an_object``,
        ``malformed_chat``). Paths skipped under ``on_missing="pass"`` are
        appended to ``missing``.
        """
        if not isinstance(record, dict):
            raise RecordError("not_an_object", "the record is not a JSON object")
        out: list[Target] = []
        if self._split is None:
            messages = record.get("messages")
            if isinstance(messages, list):
                _chat_targets(messages, out)
            elif "text" in record:
                out.append(("text", record, "text"))
            else:
                raise RecordError("missing_field", "no 'messages' list and no 'text' field")
            return out
        for name, segs in self._split:
            found = len(out)
            ok = _walk(record, segs, 0, name, out)
            if not ok and len(out) == found:
                if self.on_missing == "quarantine":
                    raise RecordError("missing_field", f"field {name!r} is absent")
                if missing is not None:
                    missing.append(name)
        return out


def _walk(obj: Any, segs: list[str], i: int, name: str, out: list[Target]) -> bool:
    """Append targets for ``segs[i:]`` under ``obj``; False if the path is absent."""
    seg = segs[i]
    last = i == len(segs) - 1
    if seg == "*":
        if isinstance(obj, list):
            keys: Any = range(len(obj))
        elif isinstance(obj, dict):
            keys = list(obj)
        else:
            return False
        for k in keys:
            if last:
                out.append((name, obj, k))
            else:
                _walk(obj[k], segs, i + 1, name, out)
        return True
    if isinstance(obj, dict):
        if seg not in obj:
            return False
        key: Any = seg
    elif isinstance(obj, list) and seg.isdigit():
        key = int(seg)
        if key >= len(obj):
            return False
    else:
        return False
    if last:
        out.append((name, obj, key))
        return True
    return _walk(obj[key], segs, i + 1, name, out)


def _chat_targets(messages: list[Any], out: list[Target]) -> None:
    for msg in messages:
        if not isinstance(msg, dict):
            raise RecordError("malformed_chat", "a message is not an object")
        content = msg.get("content")
        if isinstance(content, list):
            for part in content:
                if isinstance(part, dict) and isinstance(part.get("text"), str):
                    out.append((_CHAT_PART_FIELD, part, "text"))
        elif content is not None:
            out.append((CHAT_FIELD, msg, "content"))
