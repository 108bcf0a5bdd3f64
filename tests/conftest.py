from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    """../shared/data beside the checkout (VEIL_SHARED_DATA overrides)."""
    env = os.environ.get("VEIL_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    d = shared_data()
    if not d.is_dir():
        pytest.skip("../shared/data is not available")
    return d
