"""Veil: anonymize training data before a model ever sees it.

The public API is what ``__all__`` lists; everything else is internal and may change.

    >>> import veil
    >>> veil.Anonymizer().anonymize("Call me on +44 20 7946 0018").text
    'Call me on <PHONE>'
"""

from __future__ import annotations

from .anonymizer import Anonymizer
from .detect.allowlist import AllowList
from .detect.analyzer import Analyzer
from .detect.base import Context, Pattern, PatternRecognizer, Recognizer
from .detect.registry import register as register_recognizer
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
from .keys import Key
from .labels import LABELS
from .policy import Policy
from .transform.base import Operator, OperatorContext
from .types import Document, Replacement, Result, Span

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
