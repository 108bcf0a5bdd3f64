"""Shared fixtures: the ARX example data beside the checkout (skip when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ADULT_COLUMNS = [
    "sex",
    "age",
    "race",
    "marital-status",
    "education",
    "native-country",
    "workclass",
    "occupation",
    "salary-class",
]


def shared_data() -> Path:
    env = os.environ.get("VEIL_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "../shared/data"


@pytest.fixture(scope="session")
def arx_dir() -> Path:
    d = shared_data() / "arx"
    if not (d / "adult.csv").is_file():
        pytest.skip("shared ARX data not available")
    return d


@pytest.fixture(scope="session")
def adult(arx_dir: Path):
    from veil.tabular.cli import read_table

    return read_table(arx_dir / "adult.csv", ";")


@pytest.fixture(scope="session")
def adult_hierarchies(arx_dir: Path) -> dict[str, Path]:
    return {c: arx_dir / f"adult_hierarchy_{c}.csv" for c in ADULT_COLUMNS}
