"""Veil: anonymize training data before a model ever sees it.

The public API is what ``__all__`` lists; everything else is internal and may change.

    >>> import veil
    >>> veil.Anonymizer().anonymize("Call me on +44 20 7946 0018").text
    'Call me on <PHONE>'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    BackendError,
    ConfigError,
    DeanonymizeError,
    InputError,
    KeyConfigError,
    OutputError,
    PolicyError,
    RecordError,
    VeilError,
)

if TYPE_CHECKING:
    from .anonymizer import Anonymizer
    from .detect.allowlist import AllowList
    from .detect.analyzer import Analyzer
    from .detect.base import Context, Pattern, PatternRecognizer, Recognizer
    from .detect.registry import register as register_recognizer
    from .keys import Key
    from .labels import LABELS
    from .policy import Policy
    from .transform.base import Operator, OperatorContext
    from .types import Document, Replacement, Result, Span

# Public names imported on first use, so that ``import veil`` (and ``veil.tabular``,
# which needs none of the text engine) starts fast.
_LAZY: dict[str, tuple[str, str]] = {
    "Anonymizer": (".anonymizer", "Anonymizer"),
    "AllowList": (".detect.allowlist", "AllowList"),
    "Analyzer": (".detect.analyzer", "Analyzer"),
    "Context": (".detect.base", "Context"),
    "Pattern": (".detect.base", "Pattern"),
    "PatternRecognizer": (".detect.base", "PatternRecognizer"),
    "Recognizer": (".detect.base", "Recognizer"),
    "register_recognizer": (".detect.registry", "register"),
    "Key": (".keys", "Key"),
    "LABELS": (".labels", "LABELS"),
    "Policy": (".policy", "Policy"),
    "Operator": (".transform.base", "Operator"),
    "OperatorContext": (".transform.base", "OperatorContext"),
    "Document": (".types", "Document"),
    "Replacement": (".types", "Replacement"),
    "Result": (".types", "Result"),
    "Span": (".types", "Span"),
}


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'veil' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(target[0], __name__), target[1])
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__version__ = "0.1.0"

__all__ = [
    "LABELS",
    "AllowList",
    "Analyzer",
    "Anonymizer",
    "BackendError",
    "ConfigError",
    "Context",
    "DeanonymizeError",
    "Document",
    "InputError",
    "Key",
    "KeyConfigError",
    "Operator",
    "OperatorContext",
    "OutputError",
    "Pattern",
    "PatternRecognizer",
    "Policy",
    "PolicyError",
    "Recognizer",
    "RecordError",
    "Replacement",
    "Result",
    "Span",
    "VeilError",
    "__version__",
    "register_recognizer",
]
