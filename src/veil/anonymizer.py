"""The Anonymizer: a policy, its recognizers and operators, and a key, in one object.

>>> from veil import Anonymizer
>>> anon = Anonymizer()                      # default policy: tag every label
>>> anon.anonymize("Mail jane.doe@gmail.com").text
'Mail <EMAIL>'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .detect.analyzer import Analyzer
from .detect.base import Recognizer
from .detect.deny import DenyListRecognizer
from .detect.link import link_names
from .detect.registry import build as build_recognizers
from .detect.registry import names as recognizer_names
from .errors import KeyConfigError
from .keys import Key
from .policy import Policy
from .transform.apply import apply
from .transform.base import OperatorContext
from .types import Result, Span

__all__ = ["BATCH_CHARS", "BATCH_SIZE", "Anonymizer", "resolve_key"]

# Texts per group in the batch methods. Larger groups keep each recognizer's code and
# tables in the CPU caches for longer: on 1 KB documents, groups of 256 run ~8%
# faster than groups of 64 (BENCHMARKS.md, fifth session); beyond 256 little changes.
BATCH_SIZE = 256
# ... and characters per group at most (past its first text), so that a group of long
# texts (whole files as records) does not hold hundreds of MB of contexts at once.
BATCH_CHARS = 4_000_000


def resolve_key(
    policy: Policy, key: Key | str | bytes | None = None, demo_key: bool = False
) -> Key | None:
    """The key to use: explicit > policy's file > policy's env variable > demo (if asked)."""
    if isinstance(key, Key):
        return key
    if isinstance(key, bytes):
        return Key(key, "argument")
    if isinstance(key, str):
        return Key.from_text(key, "argument")
    if policy.key.file:
        return Key.from_file(policy.key.file)
    found = Key.from_env(policy.key.env)
    if found is not None:
        return found
    return Key.demo() if demo_key else None


class Anonymizer:
    """Detect and replace identifiers according to a policy.

    ``policy`` is a :class:`Policy`, a path to a YAML/TOML file, a dict, or None
    for the default policy (tag every label). ``key`` overrides the policy's key
    source; ``demo_key=True`` allows a public throwaway key when none is set
    (never for real data). ``recognizers`` replaces the registry's rule
    recognizers (deny-list terms are still added).
    """

    def __init__(
        self,
        policy: Policy | str | Path | Mapping[str, Any] | None = None,
        *,
        key: Key | str | bytes | None = None,
        demo_key: bool = False,
        recognizers: Iterable[Recognizer] | None = None,
        rules_only: bool | None = None,
    ) -> None:
        self.policy = Policy.coerce(policy)
        if rules_only is not None:
            self.policy = self.policy.with_rules_only(rules_only)
        self.key = resolve_key(self.policy, key, demo_key)
        if self.policy.needs_key and self.key is None:
            raise KeyConfigError(
                f"{self.policy.source}: the policy uses keyed operators (hash, pseudonymize, "
                f"encrypt) but no key was found: set {self.policy.key.env}, set key.file in "
                "the policy, or pass --demo-key / demo_key=True for a throwaway demo"
            )
        if recognizers is None:
            selected = [
                n
                for n in recognizer_names(rules_only=self.policy.rules_only)
                if n not in self.policy.disabled_recognizers
            ]
            ner = self.policy.ner  # the policy's NER backend replaces the registry's "ner"
            if self.policy.rules_only or "ner" in self.policy.disabled_recognizers:
                ner = None
            recs = build_recognizers([n for n in selected if ner is None or n != "ner"])
            if ner is not None:
                recs.append(ner.build())
        else:
            recs = list(recognizers)
        if self.policy.deny:
            recs.append(DenyListRecognizer(self.policy.deny))
        self.analyzer = Analyzer(
            recs,
            threshold=self.policy.threshold,
            thresholds=self.policy.thresholds,
            labels=self.policy.labels,
            allow=self.policy.allow,
            region=self.policy.region,
        )

    def __repr__(self) -> str:
        fp = self.key.fingerprint if self.key is not None else "no key"
        return f"Anonymizer({self.policy.source!r}, {len(self.analyzer.recognizers)} recognizers, {fp})"

    @property
    def key_fingerprint(self) -> str | None:
        return self.key.fingerprint if self.key is not None else None

    # -- single texts -----------------------------------------------------------
    def analyze(self, text: str) -> list[Span]:
        """Detected spans, resolved (no overlaps), sorted by start."""
        return self.analyzer.analyze(text)

    def new_context(self) -> OperatorContext:
        """Per-document operator state: share one across the fields of one record so
        that indexed tags agree within the record."""
        return OperatorContext(self.key)

    def anonymize(
        self,
        text: str,
        *,
        context: OperatorContext | None = None,
        spans: list[Span] | None = None,
    ) -> Result:
        """Replace what is found in ``text`` by policy. ``spans``: the text's spans
        when already analyzed (``analyze``/``analyze_batch``), else it is analyzed."""
        if spans is None:
            spans = self.analyzer.analyze(text)
        ctx = context if context is not None else OperatorContext(self.key)
        return apply(text, link_names(text, spans, ctx.state), self.policy.operator_for, ctx)

    def deanonymize(self, text: str) -> str:
        """Decrypt every token the ``encrypt`` operator wrote into ``text``."""
        from .transform.encrypt import deanonymize_text

        if self.key is None:
            raise KeyConfigError("deanonymize needs the key that encrypted the text")
        return deanonymize_text(text, self.key)

    # -- batches ----------------------------------------------------------------
    def analyze_batch(
        self, texts: Iterable[str], batch_size: int = BATCH_SIZE
    ) -> Iterator[list[Span]]:
        """Spans per text, analyzed in groups of ``batch_size`` texts (at most
        :data:`BATCH_CHARS` characters each, so long texts do not pile up): each
        recognizer runs over a whole group before the next one, and NER backends see
        the group in one call."""
        for group in _groups(texts, batch_size):
            yield from self.analyzer.analyze_many(group)

    def anonymize_batch(
        self, texts: Iterable[str], batch_size: int = BATCH_SIZE
    ) -> Iterator[Result]:
        """One :class:`Result` per text, each text its own document (analyzed in
        groups, as :meth:`analyze_batch`)."""
        for group in _groups(texts, batch_size):
            for text, spans in zip(group, self.analyzer.analyze_many(group), strict=True):
                ctx = OperatorContext(self.key)
                yield apply(text, link_names(text, spans, ctx.state), self.policy.operator_for, ctx)


def _groups(items: Iterable[str], size: int) -> Iterator[list[str]]:
    """Consecutive groups of at most ``size`` texts and, past the first text, at most
    :data:`BATCH_CHARS` characters."""
    size = max(1, size)
    group: list[str] = []
    chars = 0
    for text in items:
        n = len(text) if isinstance(text, str) else 0  # (analyze names a wrong type)
        if group and (len(group) >= size or chars + n > BATCH_CHARS):
            yield group
            group, chars = [], 0
        group.append(text)
        chars += n
    if group:
        yield group
