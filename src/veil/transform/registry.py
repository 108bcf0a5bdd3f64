"""The one place that lists Veil's operators, and policy-spec validation.

``OPERATORS`` maps a policy ``type`` to its class. :func:`build_operator` turns
one policy entry such as ``{"type": "mask", "keep_last": 4}`` into a validated
operator, or raises :class:`~veil.errors.PolicyError` naming the field (never
echoing a value).
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, Literal, get_args, get_origin

from ..errors import PolicyError
from ._params import ParamError
from .base import Operator
from .encrypt import Encrypt
from .generalize import Generalize
from .hash import Hash
from .keep import Keep
from .mask import Mask
from .pseudonymize import Pseudonymize
from .redact import Redact
from .tag import IndexedTag, Tag

__all__ = ["OPERATORS", "build_operator", "operator_needs_key"]

OPERATORS: dict[str, type] = {
    "tag": Tag,
    "indexed_tag": IndexedTag,
    "redact": Redact,
    "mask": Mask,
    "hash": Hash,
    "pseudonymize": Pseudonymize,
    "generalize": Generalize,
    "encrypt": Encrypt,
    "keep": Keep,
}

_TYPE_WORDS = {str: "a string", int: "an integer", bool: "true or false", float: "a number"}


def _params(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _check_type(value: Any, hint: Any) -> str | None:
    """None if ``value`` fits ``hint``, else what was expected."""
    if get_origin(hint) is Literal:
        allowed = get_args(hint)
        if value not in allowed or not isinstance(value, str):
            return "one of " + ", ".join(repr(a) for a in allowed)
        return None
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        return _TYPE_WORDS[int]
    if hint is float and (isinstance(value, bool) or not isinstance(value, int | float)):
        return _TYPE_WORDS[float]
    if hint in (str, bool) and not isinstance(value, hint):
        return _TYPE_WORDS[hint]
    return None


def build_operator(spec: dict[str, Any], where: str) -> Operator:
    """Build one operator from a policy entry; ``where`` locates it in messages
    (``"policy.yaml: operators.PHONE"``)."""
    if not isinstance(spec, dict):
        raise PolicyError(f"{where}: must be a mapping with a 'type'")
    kind = spec.get("type")
    if not isinstance(kind, str):
        raise PolicyError(f"{where}.type: missing; one of {', '.join(OPERATORS)}")
    cls = OPERATORS.get(kind)
    if cls is None:
        raise PolicyError(f"{where}.type: unknown operator; one of {', '.join(OPERATORS)}")
    params = _params(cls)
    kwargs: dict[str, Any] = {}
    for k, v in spec.items():
        if k == "type":
            continue
        if not isinstance(k, str) or k not in params:
            known = ", ".join(params) or "none"
            raise PolicyError(f"{where}.{k}: unknown option for {kind} (options: {known})")
        expected = _check_type(v, params[k])
        if expected is not None:
            raise PolicyError(f"{where}.{k}: must be {expected}")
        kwargs[k] = v
    try:
        return cls(**kwargs)
    except ParamError as exc:
        raise PolicyError(f"{where}.{exc.field}: {exc.problem}") from None


def operator_needs_key(op: Operator) -> bool:
    """Whether this operator instance needs the key (``indexed_tag`` only when keyed)."""
    return bool(op.needs_key)
