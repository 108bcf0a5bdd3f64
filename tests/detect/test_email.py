"""EmailRecognizer: plain and obfuscated addresses, allow-listed domains."""

from __future__ import annotations

from pathlib import Path

import pytest

from veil.detect.allowlist import AllowList
from veil.detect.base import Context
from veil.detect.email import EmailRecognizer

REC = EmailRecognizer()


def found(text: str, ctx: Context | None = None) -> list[str]:
    return [s.text for s in REC.analyze(text, ctx or Context(text))]


POSITIVES = [
    ("mail jane.doe@gmail.com now", "jane.doe@gmail.com"),
    ("<john+tag@mail.co.uk>", "john+tag@mail.co.uk"),
    ("x@sub.domain.org", "x@sub.domain.org"),
    ("write to info@shop.de.", "info@shop.de"),
    ("noreply@github.com sent it", "noreply@github.com"),
    ("mailto:bob@corp.io", "bob@corp.io"),
    ("'alice@uni.edu'", "alice@uni.edu"),
    ("Contact: O'Brien@firm.ie", "O'Brien@firm.ie"),
    ("josé.garcía@correo.es", "josé.garcía@correo.es"),
    ("user_99@my-host.company", "user_99@my-host.company"),
    ("see https://a.io/?x=1 or mail ann@b.io", "ann@b.io"),
    ("write to kate.miller@email.com", "kate.miller@email.com"),  # a real mail provider
]

OBFUSCATED = [
    ("jane dot doe at acmecorp dot org", "jane dot doe at acmecorp dot org"),
    ("write jane[at]mail.com today", "jane[at]mail.com"),
    ("jane (at) mail (dot) com", "jane (at) mail (dot) com"),
    ("jane AT mail DOT com", "jane AT mail DOT com"),
    ("jane_doe99 [at] protonmail [dot] com", "jane_doe99 [at] protonmail [dot] com"),
    ("reach me: bob {at} firm.co.uk", "bob {at} firm.co.uk"),
    ("jane(at)mail(dot)com", "jane(at)mail(dot)com"),
    ("jane@mail dot com", "jane@mail dot com"),
    ("jane at mail dot co dot uk", "jane at mail dot co dot uk"),
]

NEGATIVES = [
    "user@example.com",
    "user@example.org and ops@test.test",
    "name@domain.com",
    "x@localhost",
    "git@github.com:org/repo.git",
    "https://bob:pw@host.com/x",
    "look at the dot com bubble",
    "meet at home.com",
    "@jane_doe",
    "@jane@mastodon.social",
    "a@b",
    "foo@bar",
    "jane at mail",
    "email@",
    "@",
    "10@20.30",
    "jane at mail dot nope",
    "pkg@1.2.3",
    "jane dot doe at example dot com",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_plain_positives(text, expected):
    spans = list(REC.analyze(text, Context(text)))
    assert [s.text for s in spans] == [expected]
    assert spans[0].label == "EMAIL"
    assert spans[0].score >= 0.9
    assert "obfuscated" not in spans[0].attrs


@pytest.mark.parametrize(("text", "expected"), OBFUSCATED)
def test_obfuscated_positives(text, expected):
    spans = list(REC.analyze(text, Context(text)))
    assert [s.text for s in spans] == [expected]
    assert dict(spans[0].attrs) == {"obfuscated": "1"}
    assert 0.6 <= spans[0].score < 0.9


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text):
    assert found(text) == []


def test_offsets_and_several_addresses():
    text = "a: ann@b.io, b: bob@c.io; c: cid [at] d.org"
    spans = list(REC.analyze(text, Context(text)))
    assert [text[s.start : s.end] for s in spans] == ["ann@b.io", "bob@c.io", "cid [at] d.org"]


def test_user_allow_list_and_example_domains_switch():
    text = "boss@corp.io"
    allow = AllowList.build(values=["BOSS@corp.io"])
    assert found(text, Context(text, allow=allow)) == []
    text = "u@example.com"
    no_defaults = AllowList.build(defaults=False)
    assert found(text, Context(text, allow=no_defaults)) == ["u@example.com"]


def test_bench_sample_has_nothing():
    sample = Path(__file__).resolve().parents[2] / "bench" / "sample_1kb.txt"
    if not sample.is_file():
        pytest.skip("bench sample not available")
    text = sample.read_text(encoding="utf-8")
    assert found(text) == []


ADVERSARIAL = [
    "a" * 100_000 + "@",
    "@" * 100_000,
    "a@" * 50_000,
    "a." * 50_000 + "@" + "b." * 1000,
    "x@" + "a-" * 50_000,
    "a dot " * 20_000 + "at x",
    " at b dot " * 10_000,
    "[at]" * 25_000,
    "a (at) b (dot) " * 7_000,
    "x@" + "a" * 100_000 + ".com",
    "a@b dot " * 12_500,
    "a.b" * 33_000 + "@c.de",
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_inputs_complete(text):
    ctx = Context(text)
    for s in REC.analyze(text, ctx):
        assert s.text == text[s.start : s.end]
