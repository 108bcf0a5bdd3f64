"""The operator interface.

An operator is a small frozen dataclass whose fields are its typed parameters
(validated once, when the policy is loaded). ``apply(span, ctx)`` returns the
replacement text for one span. Operators are stateless and picklable; per-document
state (the counters of ``indexed_tag``) lives in the :class:`OperatorContext`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

from ..errors import KeyConfigError
from ..keys import Key
from ..types import Span

__all__ = ["Operator", "OperatorContext"]


@dataclass(slots=True)
class OperatorContext:
    """What operators may use besides the span: the key, and per-document state."""

    key: Key | None = None
    state: dict[str, Any] = field(default_factory=dict)

    def require_key(self, operator: str) -> Key:
        if self.key is None:
            raise KeyConfigError(
                f"operator {operator!r} needs a key: set VEIL_KEY, point the policy's "
                "key.file at one, or pass --demo-key for a throwaway demo"
            )
        return self.key


@runtime_checkable
class Operator(Protocol):
    """Replace one span. ``name`` is the policy's ``type``; ``needs_key`` says
    whether the operator is keyed (hash, pseudonymize, encrypt)."""

    name: ClassVar[str]
    needs_key: ClassVar[bool]

    def apply(self, span: Span, ctx: OperatorContext) -> str: ...
