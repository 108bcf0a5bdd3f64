"""The one place that lists Veil's recognizers.

Each entry maps a stable name to ``"module:factory"``; modules are imported only
when the recognizer is built. A factory takes no arguments and returns a
recognizer (or several, as a list). Third-party recognizers register through the
``veil.recognizers`` entry-point group or :func:`register`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import Any

from ..errors import ConfigError
from .base import Recognizer

__all__ = ["MODEL_RECOGNIZERS", "RULE_RECOGNIZERS", "build", "names", "register"]

# name -> "module:factory", in a fixed order (the resolver does not depend on it).
RULE_RECOGNIZERS: dict[str, str] = {
    "email": "veil.detect.email:EmailRecognizer",
    "phone": "veil.detect.phone:PhoneRecognizer",
    "credit_card": "veil.detect.payment:CreditCardRecognizer",
    "iban": "veil.detect.payment:IbanRecognizer",
    "us_ssn": "veil.detect.national_id.us:UsSsnRecognizer",
    "national_id": "veil.detect.national_id:NationalIdRecognizer",
    "documents": "veil.detect.documents:DocumentsRecognizer",
    "ip_address": "veil.detect.network:IpAddressRecognizer",
    "mac_address": "veil.detect.network:MacAddressRecognizer",
    "url": "veil.detect.network:UrlRecognizer",
    "username": "veil.detect.network:UsernameRecognizer",
    "secret": "veil.detect.secrets:SecretRecognizer",
    "crypto_wallet": "veil.detect.crypto:CryptoWalletRecognizer",
    "coordinates": "veil.detect.geo:CoordinatesRecognizer",
    "vehicle_id": "veil.detect.vehicle:VinRecognizer",
    "case_number": "veil.detect.case_number:CaseNumberRecognizer",
    "dates": "veil.detect.dates:DateRecognizer",
    "street_address": "veil.detect.address:AddressRecognizer",
    "person": "veil.detect.person:PersonRecognizer",
}

# Model-based recognizers (NER backends). ``rules_only`` switches them off for
# pretraining-scale speed. The NER work adds its embedded model here.
MODEL_RECOGNIZERS: dict[str, str] = {
    "ner": "veil.ner:default_recognizer",  # the embedded CRF; the policy's `ner` replaces it
}

_EXTRA: dict[str, Callable[[], Any]] = {}


def register(name: str, factory: Callable[[], Any]) -> None:
    """Register an extra recognizer factory under ``name``."""
    _EXTRA[name] = factory


def names(rules_only: bool = False) -> list[str]:
    """Registered recognizer names (without model-based ones when ``rules_only``)."""
    models = [] if rules_only else list(MODEL_RECOGNIZERS)
    return [*RULE_RECOGNIZERS, *models, *_EXTRA]


def _load(name: str) -> Callable[[], Any]:
    if name in _EXTRA:
        return _EXTRA[name]
    target = RULE_RECOGNIZERS.get(name) or MODEL_RECOGNIZERS.get(name)
    if target is None:
        raise ConfigError(f"unknown recognizer {name!r}; known: {', '.join(names())}")
    module, _, attr = target.partition(":")
    return getattr(import_module(module), attr)


def build(selected: Iterable[str] | None = None) -> list[Recognizer]:
    """Instantiate the named recognizers (all rule recognizers by default)."""
    out: list[Recognizer] = []
    for name in selected if selected is not None else names():
        made = _load(name)()
        out.extend(made if isinstance(made, list | tuple) else [made])
    return out
