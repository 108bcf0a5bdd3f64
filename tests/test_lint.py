"""The code base stays ruff-clean (part of the one test command CI runs)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff not installed")
def test_ruff_check():
    r = subprocess.run(
        ["ruff", "check", "src", "tests", "bench"], cwd=REPO, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout[-3000:]


def test_detectors_type_check():
    """``veil.detect`` passes mypy: the detectors are the code a compiled build
    (``bench/compiled.py``, mypyc) would compile, and mypyc refuses ill-typed code."""
    pytest.importorskip("mypy", reason="mypy not installed")
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--no-error-summary",
         "src/veil/detect"],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout[-3000:]


def test_import_veil_stays_light():
    code = (
        "import sys, veil; heavy = [m for m in ('faker', 'pyarrow', 'pandas', 'polars', 'rich',"
        " 'spacy', 'torch', 'transformers', 'ray', 'sklearn', 'phonenumbers') if m in sys.modules];"
        " print(','.join(heavy))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == ""


def test_public_api_is_pinned():
    import veil

    assert sorted(veil.__all__) == sorted(
        [
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
    )
    for name in veil.__all__:
        assert hasattr(veil, name)
