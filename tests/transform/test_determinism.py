"""Keyed operators give the same output in fresh processes (no hidden state,
no dependence on PYTHONHASHSEED) and different output under another key."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from veil.keys import Key
from veil.transform.base import OperatorContext
from veil.transform.encrypt import Encrypt
from veil.transform.hash import Hash
from veil.transform.pseudonymize import Pseudonymize
from veil.transform.tag import IndexedTag
from veil.types import Span

CASES = [
    ("PERSON", "Maria Gonzalez"),
    ("EMAIL", "maria.gonzalez@acme.com"),
    ("PHONE", "+44 20 7946 0958"),
    ("CREDIT_CARD", "4111 1111 1111 1111"),
    ("IBAN", "DE89 3704 0044 0532 0130 00"),
    ("DATE", "March 15, 2024"),
    ("US_SSN", "123-45-6789"),
    ("IP_ADDRESS", "8.8.8.8"),
    ("STREET_ADDRESS", "221B Baker Street"),
    ("LOCATION", "Springfield"),
    ("SECRET", "AKIAIOSFODNN7EXAMPLE"),
]
KEY_TEXT = "determinism-test-key-0123456789"


def outputs(key_text: str = KEY_TEXT) -> list[str]:
    ctx = OperatorContext(Key.from_text(key_text))
    ops = [Pseudonymize(), Hash(), Encrypt(), IndexedTag(keyed=True)]
    return [op.apply(Span(0, len(t), label, 1.0, "t", t), ctx) for op in ops for label, t in CASES]


SCRIPT = "import json; from transform.test_determinism import outputs; print(json.dumps(outputs()))"


def _fresh(hash_seed: str) -> list[str]:
    tests_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    env["PYTHONPATH"] = tests_dir + os.pathsep + env.get("PYTHONPATH", "")
    r = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(r.stdout)


def test_same_key_same_output_across_processes():
    here = outputs()
    assert _fresh("1") == here
    assert _fresh("12345") == here


def test_other_key_other_output():
    a, b = outputs(), outputs("another-key-0123456789abcdef")
    assert all(x != y for x, y in zip(a, b, strict=True))
