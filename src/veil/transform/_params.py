"""Parameter checks shared by the operators' ``__post_init__``.

Operators raise :class:`ParamError` (a ``ValueError`` naming the field) so that
they can be built directly in Python; :func:`veil.transform.registry.build_operator`
turns it into a :class:`~veil.errors.PolicyError` naming the policy location.
Messages describe the rule, never the offending value.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

__all__ = ["ParamError", "check_int", "check_one_of", "check_template"]


class ParamError(ValueError):
    """An operator parameter is out of range; ``field`` names it."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def check_int(field: str, value: int, lo: int, hi: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParamError(field, "must be an integer")
    if not lo <= value <= hi:
        raise ParamError(field, f"must be between {lo} and {hi}")


def check_one_of(field: str, value: object, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ParamError(field, "must be one of " + ", ".join(repr(a) for a in allowed))


def check_template(field: str, template: str, allowed: set[str], required: set[str]) -> None:
    """A ``str.format`` template using only ``allowed`` names and all ``required``."""
    if not isinstance(template, str):
        raise ParamError(field, "must be a string")
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
    except ValueError:
        raise ParamError(field, "is not a valid template (unbalanced braces)") from None
    unknown = names - allowed
    if unknown or "" in names:
        raise ParamError(
            field, "may only use the placeholders " + ", ".join(f"{{{a}}}" for a in sorted(allowed))
        )
    missing = required - names
    if missing:
        raise ParamError(field, "must contain " + ", ".join(f"{{{m}}}" for m in sorted(missing)))
