"""Email addresses, plain and obfuscated.

Plain addresses are found from each ``@``: the domain is matched to the right
and the local part by matching the reversed text to the left (so the scan never
restarts inside long words). Obfuscated forms ("jane dot doe at example dot org",
"jane[at]mail.com", "jane (at) mail (dot) com", "jane AT mail DOT com") are found
from their "at" marker and need a known top-level domain.

Not flagged: example/documentation domains (``ctx.allow.is_example_domain``),
``git@host`` SSH remotes (a service account, not a person), addresses inside a
URL's authority (``https://user@host``: the URL recognizer flags the user), and
the host part of fediverse handles (``@jane@mastodon.social``: a USERNAME).
Role addresses (info@, support@, noreply@) are still flagged: they identify an
organization's mailbox and users expect them gone.

Spans cover the whole address; obfuscated ones carry ``{"obfuscated": "1"}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..types import Span
from .base import Context, register_literals

__all__ = ["EmailRecognizer"]

PLAIN_SCORE = 0.95
OBFUSCATED_SCORE = 0.75

# Domain after "@": labels of letters/digits/hyphens (Unicode letters allowed),
# ending in an alphabetic TLD.
_DOMAIN = re.compile(r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.){1,8}[^\W\d_]{2,24}(?![\w-])")
# Local part, matched on the reversed text left of "@" (so "\w" runs go leftwards).
_LOCAL_REV = re.compile(r"[\w%+\-'](?:[\w%+\-']|\.(?=[\w%+\-'])){0,63}")

# Obfuscated markers, searched in ctx.lower.
_AT_BRACKET = re.compile(r"\s?[\[({<]\s?at\s?[\])}>]\s?")
_AT_SPOKEN = re.compile(r" at |@")
_SEP = r"(?:\s?[\[({<]\s?dot\s?[\])}>]\s?| dot |\.)"
_OBF_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?" + _SEP + r"){1,5}([a-z]{2,12})")
_SEP_REV = r"(?:\s?[\])}>]\s?tod\s?[\[({<]\s?| tod |\.)"
_OBF_LOCAL_REV = re.compile(r"[a-z0-9_%+-]{1,64}(?:" + _SEP_REV + r"[a-z0-9_%+-]{1,64}){0,4}")

# TLDs accepted for obfuscated forms (plain addresses accept any alphabetic TLD).
_TLDS = frozenset(
    "com org net edu gov mil int io co ai app dev me info biz us uk de fr es it nl be ch at "
    "se no dk fi pl pt ie ca au nz in jp cn br mx ar ru ua cz sk hu ro gr tr il za sg hk "
    "kr tw eu tv xyz online site email".split()
)
_SERVICE_USERS = frozenset({"git", "hg", "svn"})
# Words that end a phrase like "look at the dot com bubble", not an address.
_STOP = frozenset(
    "the a an this that these those my your our their his her its me us him them it you "
    "we they i is was be look looking looked home work least all once first last one".split()
)


register_literals(" dot ")


class EmailRecognizer:
    """Finds email addresses, plain and obfuscated."""

    name = "EmailRecognizer"
    labels = ("EMAIL",)

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        found: list[Span] = []
        if "@" in text:
            found.extend(self._plain(text, ctx))
        if ctx.find(" dot ") >= 0 or _bracket_at(ctx.lower):
            for span in self._obfuscated(text, ctx):
                if not any(span.overlaps(s) for s in found):
                    found.append(span)
        return iter(found)

    def _plain(self, text: str, ctx: Context) -> Iterator[Span]:
        at = text.find("@")
        while at >= 0:
            nxt = text.find("@", at + 1)
            span = self._plain_at(text, ctx, at)
            if span is not None:
                yield span
            at = nxt

    def _plain_at(self, text: str, ctx: Context, at: int) -> Span | None:
        dm = _DOMAIN.match(text, at + 1)
        if dm is None:
            return None
        window = text[max(0, at - 64) : at][::-1]
        lm = _LOCAL_REV.match(window)
        if lm is None:
            return None
        local = lm.group()[::-1].lstrip(".'")
        if not local:
            return None
        start = at - len(local)
        end = dm.end()
        prev = text[start - 1] if start > 0 else ""
        if prev == "@" or prev == "." or prev.isalnum():
            return None  # fediverse handle, or not a real boundary
        domain = dm.group()
        if local.lower() in _SERVICE_USERS:
            return None
        if _in_url_authority(text, start):
            return None
        if ctx.allow.is_example_domain(domain):
            return None
        value = text[start:end]
        if ctx.allow.allows(value):
            return None
        return Span(start, end, "EMAIL", PLAIN_SCORE, self.name, value)

    def _obfuscated(self, text: str, ctx: Context) -> Iterator[Span]:
        low = ctx.lower
        markers = list(_AT_BRACKET.finditer(low))
        if ctx.find(" dot ") >= 0:
            markers.extend(_AT_SPOKEN.finditer(low))
        for m in markers:
            dm = _OBF_DOMAIN.match(low, m.end())
            if dm is None or dm.group(1) not in _TLDS:
                continue
            domain = dm.group()
            if "dot" not in domain and m.group() in (" at ", "@"):
                continue  # "meet at home.com" is not an obfuscated address
            if dm.end() < len(low) and (low[dm.end()].isalnum() or low[dm.end()] == "@"):
                continue
            window = low[max(0, m.start() - 80) : m.start()][::-1]
            lm = _OBF_LOCAL_REV.match(window)
            if lm is None:
                continue
            start = m.start() - lm.end()
            words = re.split(r"[^a-z0-9_%+-]+", lm.group()[::-1])
            if words[-1] in _STOP or re.split(r"[^a-z0-9-]+", domain, maxsplit=1)[0] in _STOP:
                continue
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] in "@."):
                continue
            plain_domain = domain.replace(" dot ", ".")
            plain_domain = re.sub(r"\s?[\[({<]\s?dot\s?[\])}>]\s?", ".", plain_domain)
            if ctx.allow.is_example_domain(plain_domain):
                continue
            value = text[start : dm.end()]
            if ctx.allow.allows(value):
                continue
            yield Span(
                start, dm.end(), "EMAIL", OBFUSCATED_SCORE, self.name, value, {"obfuscated": "1"}
            )


def _closer_gate(closer: str) -> re.Pattern[str]:
    """``closer`` right after "at" and at most one space: a regex starting with that
    literal (sre skips to it in a few instructions per character; a search for "at",
    common in prose, starts a match at every one)."""
    c = re.escape(closer)
    return re.compile(c + r"(?:(?<=at" + c + r")|(?<=at\s" + c + r"))")


_AT_PAREN, _AT_SQUARE, _AT_CURLY, _AT_ANGLE = map(_closer_gate, ")]}>")


def _bracket_at(low: str) -> bool:
    r"""Cheap gate: some closing bracket right after "at" ("[at]", "(at)", "{ at }"),
    i.e. ``at\s?[\])}>]`` somewhere; each bracket is looked for first (most prose
    has none of them but ")")."""
    return (
        (")" in low and _AT_PAREN.search(low) is not None)
        or ("]" in low and _AT_SQUARE.search(low) is not None)
        or ("}" in low and _AT_CURLY.search(low) is not None)
        or (">" in low and _AT_ANGLE.search(low) is not None)
    )


def _in_url_authority(text: str, start: int) -> bool:
    """True for the user of ``scheme://user@host`` (left to the URL recognizer)."""
    head = text[max(0, start - 200) : start]
    cut = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    token = head[cut + 1 :]
    i = token.find("://")
    return i >= 0 and not any(c in token[i + 3 :] for c in "/?#")
