"""Masking for reports: show the shape of a value, never the value.

* :func:`mask` hides a detected value: ``jane.doe@gmail.com`` -> ``j***@g***.com``,
  ``Jane Doe`` -> ``J*** D***``, ``+44 20 7946 0018`` -> ``+** ** **** **18``;
  four significant characters or fewer are fully masked.
* :func:`scrub` cleans the text *around* a hit, which no detector flagged but
  might still hold an identifier: digits become ``#`` and any word holding an
  ``@`` is masked like an email.
* :func:`before_after` builds the masked before/after snippet of one replacement
  (segments ``[kind, text]`` with kind ``text``, ``hit`` or ``tag``) for the run
  report; it runs in the workers, so nothing raw leaves them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

__all__ = ["before_after", "mask", "scrub"]

CONTEXT_CHARS = 40
_WORD = re.compile(r"[^\W_]+")
_AT_WORD = re.compile(r"\S*@\S*")
_DIGIT = re.compile(r"\d")


def _mask_email(value: str) -> str:
    local, _, domain = value.rpartition("@")
    head, _, tld = domain.rpartition(".")
    first = local[:1] if local[:1].isalnum() else "*"
    dom = (head[:1] + "***") if head else "***"
    return f"{first}***@{dom}" + (f".{tld}" if tld and len(tld) <= 6 else "")


def mask(value: str, label: str | None = None) -> str:
    """A masked form of ``value`` that keeps its shape and hides its content."""
    value = value.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    alnum = [c for c in value if c.isalnum()]
    if len(alnum) <= 4:
        return "".join("*" if c.isalnum() else c for c in value)
    if "@" in value and (label in (None, "EMAIL") or value.count("@") == 1):
        if re.fullmatch(r"[^\s@]+@[^\s@]+", value.strip()):
            return _mask_email(value.strip())
    digits = sum(c.isdigit() for c in alnum)
    if digits * 2 >= len(alnum):  # a number: keep separators and the last two digits
        keep = {i for i, c in enumerate(value) if c.isdigit()}
        last = sorted(keep)[-2:]
        return "".join(c if (not c.isalnum() or i in last) else "*" for i, c in enumerate(value))
    # words: the first character of each, the rest as ***
    return _WORD.sub(lambda m: m.group(0)[0] + "***" if len(m.group(0)) > 1 else "*", value)


def scrub(text: str) -> str:
    """Context text, flattened to one line, with digits and email-like words masked."""
    text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    text = _AT_WORD.sub(lambda m: mask(m.group(0), "EMAIL"), text)
    return _DIGIT.sub("#", text)


def _window(
    text: str, lo: int, hi: int, items: Sequence[tuple[int, int, str, str]], focus: int
) -> list[list[str]]:
    """Segments of ``text[lo:hi]``; ``items`` are ``(start, end, kind, shown)``
    sorted by start, the one at index ``focus`` becomes the ``hit``."""
    out: list[list[str]] = [["text", "…"]] if lo > 0 else []
    pos = lo
    for j, (s, e, kind, shown) in enumerate(items):
        if e <= lo or s >= hi:
            continue
        a = max(s, lo)
        if a > pos:
            out.append(["text", scrub(text[pos:a])])
        out.append(["hit" if j == focus else kind, shown])
        pos = max(pos, min(e, hi))
    if pos < hi:
        out.append(["text", scrub(text[pos:hi])])
    if hi < len(text):
        out.append(["text", "…"])
    return out


def before_after(text: str, result: Any, index: int, width: int = CONTEXT_CHARS) -> dict[str, Any]:
    """The masked before/after snippet of replacement ``index`` of ``result``."""
    reps = result.replacements
    rep = reps[index]
    before_items = [
        (
            r.start,
            r.end,
            "tag",
            mask(text[r.start : r.end], r.label) if i == index else f"<{r.label}>",
        )
        for i, r in enumerate(reps)
    ]
    # the output side shows what the operator wrote (anonymized), except `keep`,
    # which wrote the original: mask that too
    after_items = [
        (
            r.out_start,
            r.out_end,
            "tag",
            mask(r.new, r.label) if r.operator == "keep" else r.new,
        )
        for r in reps
    ]
    out_text = result.text
    return {
        "label": rep.label,
        "operator": rep.operator,
        "before": _window(
            text, max(0, rep.start - width), min(len(text), rep.end + width), before_items, index
        ),
        "after": _window(
            out_text,
            max(0, rep.out_start - width),
            min(len(out_text), rep.out_end + width),
            after_items,
            index,
        ),
    }
