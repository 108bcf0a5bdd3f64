"""The shared fast paths of the rule recognizers (context, skeleton regions, composite
recognizers, cheap gates) and the look-alike negatives they must not flag."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.detect import registry
from veil.detect._scan import REGION_PAD, facts
from veil.detect.base import Context
from veil.detect.documents import DocumentsRecognizer, document_recognizers

# -- Context ------------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from("aZ09 -:éİẞß\u0130\u212a.K@x"), max_size=60))
@settings(max_examples=200, deadline=None)
def test_lower_keeps_offsets_and_lowers_ascii_only(text: str) -> None:
    low = Context(text).lower
    assert len(low) == len(text)
    for a, b in zip(text, low, strict=True):
        assert b == (a.lower() if a.isascii() else a)


@given(st.text(alphabet=st.sampled_from("ab 7\u0663\u00b2-"), max_size=30))
@settings(max_examples=200, deadline=None)
def test_has_digits_matches_the_regex(text: str) -> None:
    assert Context(text).has_digits is (re.search(r"\d", text) is not None)


def test_facts_live_on_the_context() -> None:
    ctx = Context("call 555 123 4567")
    assert ctx.facts is None
    f = facts(ctx)
    assert ctx.facts is f and facts(ctx) is f


# -- regions ------------------------------------------------------------------------


def test_regions_cover_every_six_digit_hit_and_merge() -> None:
    text = "a" * 200 + " 123456 " + "b" * 10 + " 654321 " + "c" * 300 + " 111 222 " + "d" * 50
    regions = facts(Context(text)).regions
    assert len(regions) == 2  # the first two hits are close: one window
    first = text.index("123456")
    assert regions[0][0] == first - REGION_PAD
    assert regions[0][1] == text.index("654321") + 6 + REGION_PAD
    assert regions[1][0] <= text.index("111 222") < regions[1][1]
    assert facts(Context("no numbers here, v1.2 and 12345")).regions == []


@pytest.mark.parametrize(
    "text",
    ["06.12.34.56.78", "+33 6 12 34 56 78", "(555) 123-4567", "555.123.4567"],
)
def test_phone_shapes_have_a_region(text: str) -> None:
    assert facts(Context(f"call me at {text} today")).long_digits


@given(
    st.lists(
        st.sampled_from(
            ["SSN 078-05-1121", "IBAN GB82 WEST 1234 5698 7654 32", "4111 1111 1111 1112",
             "BSN 111222333", "x" * 70, " ", "\n", "tel 020 7946 0018", "2024-01-15",
             "DNI 12345678Z", "NINO AB 12 34 56 C", "Aadhaar 2345 6789 0124"]
        ),
        max_size=12,
    )
)  # fmt: skip
@settings(max_examples=60, deadline=None)
def test_region_scans_find_what_whole_text_scans_find(parts: list[str]) -> None:
    """Scanning only the skeleton regions finds the same national-id spans as
    scanning the whole skeleton."""
    from veil.detect.national_id import national_id_recognizers
    from veil.detect.national_id.us import UsSsnRecognizer

    text = " ".join(parts)
    for rec in [*national_id_recognizers(), UsSsnRecognizer()]:
        ctx = Context(text)
        sk = facts(ctx).sk
        whole = list(rec.scan(text, ctx, sk)) if ctx.has_digits else []
        fast = rec.analyze(text, Context(text))
        key = lambda s: (s.start, s.end, s.label, s.score)  # noqa: E731
        assert sorted(map(key, fast)) == sorted(map(key, whole))


# -- composites and registry ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Passport number: 123456789, driver's license D1234567, MRN: 00123456.",
        "Reisepass C01X00T47 and Führerschein B072RRE2I55; patient id 44-12345",
        "nothing to see 2024-01-15T10:00:00Z",
        "",
    ],
)
def test_documents_composite_matches_the_three(text: str) -> None:
    one = DocumentsRecognizer().analyze(text, Context(text))
    each = [s for r in document_recognizers() for s in r.analyze(text, Context(text))]
    key = lambda s: (s.start, s.end, s.label, s.score, s.recognizer)  # noqa: E731
    assert sorted(map(key, one)) == sorted(map(key, each))
    assert set(DocumentsRecognizer().labels) == {
        "PASSPORT",
        "DRIVER_LICENSE",
        "MEDICAL_RECORD_NUMBER",
    }


def test_registry_builds_one_recognizer_per_family() -> None:
    names = [r.name for r in registry.build(["national_id", "documents"])]
    assert names == ["NationalIdRecognizer", "DocumentsRecognizer"]


# -- look-alike negatives ---------------------------------------------------------------


def _labels(text: str) -> list[tuple[str, str]]:
    import veil

    anon = veil.Anonymizer(rules_only=True)
    return [(s.label, s.text) for s in anon.analyze(text)]


@pytest.mark.parametrize(
    "text",
    [
        "SKU 70137545-B restocked.",
        "Item 12345678-Z is back in stock.",
        "Send a message to support@example.com. See 4257512 for the revert.",
        "Time 10:30:45 on 2024-01-15T10:00:00Z, build 2024.11.3.",
        "Fixed in 9a8b7c6, see also 1234567 for the revert.",
    ],
)
def test_look_alikes_are_not_flagged(text: str) -> None:
    assert _labels(text) == []


def test_connection_string_credentials() -> None:
    text = "DATABASE_URL=postgres://admin:s3cr3tPass9@db.internal:5432/app"
    found = _labels(text)
    assert ("SECRET", "s3cr3tPass9") in found
    assert not any(label == "URL" for label, _ in found)  # "admin" is no person
    mongo = _labels("mongodb://jdoe:Passw0rd!x@mongo:27017/db")
    assert ("URL", "jdoe") in mongo
    assert not any(label == "USERNAME" for label, _ in mongo)  # "@mongo" is the host


def test_personal_values_still_found() -> None:
    found = _labels(
        "Call 020 7946 0018 or text me at 4257512. SSN 078-05-1121 is not valid, "
        "but DNI 12345678-Z is; MAC 00:1A:2B:3C:4D:5E, IP fe80::1ff:fe23:4567:890a."
    )
    labels = {label for label, _ in found}
    assert {"PHONE", "NATIONAL_ID", "MAC_ADDRESS", "IP_ADDRESS"} <= labels
    assert ("PHONE", "4257512") in found
