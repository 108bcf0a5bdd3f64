"""Keys: where they come from, that they never leak, and what they protect."""

from __future__ import annotations

import logging

import pytest

import veil
from veil.errors import DeanonymizeError
from veil.keys import Key
from veil.transform.encrypt import TOKEN_RE

SECRET = "hex:" + "5e" * 32
OTHER = "hex:" + "a7" * 32


def anon(key, ops):
    return veil.Anonymizer({"default": "tag", "operators": ops}, key=key)


def test_key_from_env_and_file_give_the_same_pseudonyms(tmp_path, monkeypatch):
    monkeypatch.setenv("VEIL_KEY", SECRET)
    from_env = veil.Anonymizer({"operators": {"EMAIL": "hash"}})
    f = tmp_path / "veil.key"
    f.write_text(SECRET + "\n")
    from_file = veil.Anonymizer({"operators": {"EMAIL": "hash"}, "key": {"file": str(f)}})
    text = "mail jane.doe@gmail.com"
    assert from_env.anonymize(text).text == from_file.anonymize(text).text
    assert from_env.key_fingerprint == from_file.key_fingerprint


def test_key_never_in_repr_logs_or_errors(caplog, tmp_path):
    key = Key.from_text(SECRET)
    a = anon(key, {"EMAIL": "hash"})
    caplog.set_level(logging.DEBUG)
    shown = [repr(key), str(key), repr(a), repr(a.analyzer), a.key_fingerprint]
    raw = SECRET[4:]
    for s in shown:
        assert raw not in s and "5e5e5e" not in s
    with pytest.raises(DeanonymizeError) as exc:
        Key.from_text(OTHER) and a.deanonymize("[[ENC:EMAIL:" + "A" * 40 + "]]")
    assert raw not in str(exc.value)
    assert raw not in caplog.text


@pytest.mark.parametrize("op", ["hash", "pseudonymize", "encrypt", "indexed_tag_keyed"])
def test_same_key_same_output_other_key_unrelated(op):
    spec = {"type": "indexed_tag", "keyed": True} if op == "indexed_tag_keyed" else op
    values = [f"(415) 555-{i:04d}" for i in range(200)]
    a1 = _outputs(SECRET, spec, values, "PHONE")
    a2 = _outputs(SECRET, spec, values, "PHONE")
    b = _outputs(OTHER, spec, values, "PHONE")
    assert a1 == a2
    by_value_a = {v: o for o, v in a1.items()}
    by_value_b = {v: o for o, v in b.items()}
    same = sum(by_value_a[v] == by_value_b[v] for v in values)
    assert same <= 2, f"{same} of 200 outputs equal under two different keys"


def _outputs(key, op, values, label):
    a = anon(key, {label: op})
    ctx = a.new_context()
    op_obj = a.policy.operator_for(label)
    from veil.types import Span

    return {op_obj.apply(Span(0, len(v), label, 1.0, "t", v), ctx): v for v in values}


PINS = [f"{i:04d}" for i in range(10_000)]
PHONES = [f"(415) 555-{i:04d}" for i in range(2_000)]


@pytest.mark.parametrize(
    ("op", "label", "space"),
    [
        ("hash", "US_SSN", PINS),
        ("hash", "PHONE", PHONES),
        ("pseudonymize", "PHONE", PHONES),
    ],
    ids=["hash-pins", "hash-phones", "pseudonymize-phones"],
)
def test_dictionary_attack_without_the_key_fails(op, label, space):
    """The attacker knows the algorithm and the whole small input space but not the
    key: tabulating outputs under any key they can guess maps nothing back."""
    victim = _outputs(SECRET, op, space, label)
    for guess in (OTHER, "veil-demo-key:NOT-SECRET:do-not-use-for-real-data", "hex:" + "00" * 32):
        table = _outputs(guess, op, space, label)
        hits = [v for out, v in table.items() if out in victim and victim[out] == v]
        assert len(hits) <= 1, f"{len(hits)} of {len(space)} mapped back with a wrong key"
    # with the key the same table maps everything back (the test can fail)
    assert _outputs(SECRET, op, space, label) == victim


def test_encryption_is_aes_siv_and_tampering_is_rejected():
    a = anon(SECRET, {"EMAIL": "encrypt"})
    out = a.anonymize("mail jane.doe@gmail.com").text
    m = TOKEN_RE.search(out)
    assert m is not None
    assert a.deanonymize(out) == "mail jane.doe@gmail.com"
    from veil.transform.encrypt import _cipher  # AES-SIV, 512-bit key

    assert type(_cipher(a.key.derive("encrypt", 64))).__name__ == "AESSIV"
    body = m.group(2)
    for i in (0, len(body) // 2, len(body) - 1):
        flipped = body[:i] + ("A" if body[i] != "A" else "B") + body[i + 1 :]
        with pytest.raises(DeanonymizeError, match="altered"):
            a.deanonymize(out.replace(body, flipped))
    with pytest.raises(DeanonymizeError):  # moved to another label
        a.deanonymize(out.replace("[[ENC:EMAIL:", "[[ENC:PHONE:"))
    with pytest.raises(DeanonymizeError):  # another key
        anon(OTHER, {"EMAIL": "encrypt"}).deanonymize(out)


def test_lone_surrogates_round_trip_through_encrypt():
    a = anon(SECRET, {"EMAIL": "encrypt"})
    from veil.transform.encrypt import decrypt_token, encrypt_value

    tok = encrypt_value("jane\ud800@x.org", "EMAIL", a.key)
    assert decrypt_token(tok, a.key) == "jane\ud800@x.org"
