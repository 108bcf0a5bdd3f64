"""Veil's exception tree. Every error Veil raises on purpose derives from VeilError.

    VeilError
    ├── ConfigError            bad policy, option or key configuration (fails before any data is read)
    │   ├── PolicyError        the policy file is invalid; names the file and field
    │   └── KeyConfigError     no key where one is needed, or a malformed key
    ├── InputError             unreadable input; names the file and line
    │   └── RecordError        one record is unusable (quarantined by runners, not raised)
    ├── OutputError            the output cannot be written (read-only dir, disk full)
    ├── DeanonymizeError       a token cannot be decrypted (wrong key, tampered ciphertext)
    └── BackendError           an optional backend (NER model, Ray) is missing or failed

Messages never contain raw values from the data: they name files, lines, fields and
labels only. Each error carries a short searchable ``code`` (``VEIL-E0xx``).
"""

from __future__ import annotations

__all__ = [
    "BackendError",
    "ConfigError",
    "DeanonymizeError",
    "InputError",
    "KeyConfigError",
    "KeyError_",
    "OutputError",
    "PolicyError",
    "RecordError",
    "VeilError",
]


class VeilError(Exception):
    code = "VEIL-E000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class ConfigError(VeilError):
    code = "VEIL-E010"


class PolicyError(ConfigError):
    code = "VEIL-E011"


class KeyConfigError(ConfigError):
    code = "VEIL-E012"


KeyError_ = KeyConfigError  # short alias


class InputError(VeilError):
    code = "VEIL-E020"


class RecordError(InputError):
    code = "VEIL-E021"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class OutputError(VeilError):
    code = "VEIL-E030"


class DeanonymizeError(VeilError):
    code = "VEIL-E040"


class BackendError(VeilError):
    code = "VEIL-E050"
