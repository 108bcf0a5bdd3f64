import pickle

import pytest

from veil.errors import KeyConfigError
from veil.keys import Key


def test_key_repr_never_shows_secret():
    k = Key.from_text("correct horse battery staple 42")
    for shown in (repr(k), str(k), f"{k!r}"):
        assert "horse" not in shown
        assert k.fingerprint in shown


def test_derive_is_deterministic_and_separated_by_purpose():
    a, b = Key.from_text("x" * 32), Key.from_text("x" * 32)
    assert a.derive("hash") == b.derive("hash")
    assert a.derive("hash") != a.derive("pseudonym")
    assert len(a.derive("encrypt", 64)) == 64
    assert Key.from_text("y" * 32).derive("hash") != a.derive("hash")


def test_hex_keys_and_short_keys():
    assert Key.from_text("hex:" + "ab" * 16).derive("h") == Key(bytes.fromhex("ab" * 16)).derive(
        "h"
    )
    with pytest.raises(KeyConfigError):
        Key.from_text("short")
    with pytest.raises(KeyConfigError) as e:
        Key.from_text("hex:zz" * 10)
    assert "zz" not in str(e.value)


def test_env_and_file(tmp_path, monkeypatch):
    monkeypatch.delenv("VEIL_KEY", raising=False)
    assert Key.from_env() is None
    monkeypatch.setenv("VEIL_KEY", "k" * 20)
    assert Key.from_env().fingerprint == Key.from_text("k" * 20).fingerprint
    f = tmp_path / "veil.key"
    f.write_text("k" * 20 + "\n")
    assert Key.from_file(f).fingerprint == Key.from_text("k" * 20).fingerprint
    with pytest.raises(KeyConfigError):
        Key.from_file(tmp_path / "missing.key")


def test_pickle_round_trip():
    k = Key.from_text("z" * 24)
    assert pickle.loads(pickle.dumps(k)).derive("a") == k.derive("a")


def test_demo_key_is_marked():
    assert Key.demo().is_demo and not Key.from_text("q" * 20).is_demo
