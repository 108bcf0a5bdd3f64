"""Canaries: synthetic identifiers planted in copies of input records."""

from __future__ import annotations

import random
from pathlib import Path

from stdnum import iban, luhn

import veil
from veil.report.canaries import CORE_LABELS, MAKERS, CanaryMaker, plant, run_canaries
from veil.types import Result

REPO = Path(__file__).resolve().parents[2]
CHATS = [(REPO / "examples" / "chats.jsonl", "jsonl")]


def test_every_label_has_a_generator_and_checksums_are_valid() -> None:
    m = CanaryMaker(7)
    assert set(MAKERS) == set(veil.LABELS)
    for _ in range(20):
        sentence, at, value = m.make("CREDIT_CARD")
        assert sentence[at : at + len(value)] == value
        assert luhn.is_valid("".join(c for c in value if c.isdigit()))
        _, _, value = m.make("IBAN")
        assert iban.is_valid(value)


def test_plant_inserts_at_a_boundary() -> None:
    rng = random.Random(0)
    text = "First sentence. Second one! Third"
    for _ in range(30):
        out, at = plant(text, "Call me on X now.", rng)
        assert out[at:].startswith("Call me on X now.")
        assert out.replace("Call me on X now.", "").split() == text.split()
        line, at = plant(text, "Phone: X", rng)
        assert line[at:].startswith("Phone: X")
        assert line[at + len("Phone: X") :][:1] in ("", "\n")


class _Keep:
    """Finds nothing: every canary survives."""

    def anonymize(self, text: str) -> Result:
        return Result(text, (), ())


def test_an_anonymizer_that_finds_nothing_lets_every_canary_survive() -> None:
    r = run_canaries(_Keep(), CHATS, 3, labels=["EMAIL", "IBAN", "AGE"])
    assert r["planted"] == 9 and r["survived"] == 9
    for row in r["per_label"].values():
        assert row["reasons"] == {"not detected": 3}
        assert all("*" in e["value"] for e in row["examples"])


def test_checksummed_labels_do_not_survive_the_default_policy() -> None:
    strong = ["EMAIL", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "MAC_ADDRESS",
              "CRYPTO_WALLET", "VEHICLE_ID", "SECRET", "COORDINATES"]  # fmt: skip
    r = run_canaries(veil.Anonymizer(), CHATS, 10, labels=strong)
    assert r["planted"] == 10 * len(strong)
    assert r["survived"] == 0, {k: v["reasons"] for k, v in r["per_label"].items()}


def test_a_keep_policy_is_named_as_the_reason() -> None:
    anon = veil.Anonymizer({"operators": {"EMAIL": "keep"}})
    r = run_canaries(anon, CHATS, 4, labels=["EMAIL"])
    assert r["per_label"]["EMAIL"]["reasons"] == {"kept by the policy (keep)": 4}


def test_no_core_label_survives_on_the_examples() -> None:
    r = run_canaries(veil.Anonymizer(), CHATS, 20, labels=CORE_LABELS)
    assert r["core_survived"] == 0, r["core_labels_with_survivors"]


def test_a_short_value_inside_a_longer_token_is_no_survivor() -> None:
    from veil.report.canaries import _survives

    assert _survives("47", "RI 04789, aged <AGE>", "RI 04789") is None
    assert _survives("47", "RI 04789, aged 47", "RI 04789") == "verbatim"
    assert _survives("jdoe", "login: jdoe.", "") == "verbatim"
