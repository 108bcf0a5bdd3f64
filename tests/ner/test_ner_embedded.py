"""The embedded NER model: loading, the backend contract, and the hard cases of
issue 3 through the full pipeline (rules + embedded NER, tag operator)."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veil import Anonymizer
from veil.detect import registry
from veil.errors import BackendError
from veil.ner._features import Featurizer, tokenize
from veil.ner.base import NerBackend, NerRecognizer
from veil.ner.embedded import EmbeddedBackend, _decode


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    return EmbeddedBackend.load()


@pytest.fixture(scope="module")
def anon() -> Anonymizer:
    """The default pipeline: rules + the embedded model (added when the registry
    does not list it yet)."""
    a = Anonymizer()
    if any(getattr(r, "name", "") == "embedded" for r in a.analyzer.recognizers):
        return a
    recs = [*registry.build(registry.names(rules_only=True)), NerRecognizer(EmbeddedBackend.load())]
    return Anonymizer(recognizers=recs)


def _labelled(anon: Anonymizer, text: str, label: str) -> list[str]:
    return [s.text for s in anon.anonymize(text).spans if s.label == label]


def test_backend_contract(backend: EmbeddedBackend) -> None:
    assert isinstance(backend, NerBackend)
    assert EmbeddedBackend.load() is backend  # opened once per process
    assert backend.name == "embedded"
    assert set(backend.labels) == {"PERSON", "LOCATION", "ORGANIZATION", "DEMOGRAPHIC"}
    texts = ["Anna Kowalska moved from Warsaw to work at Siemens.", "", "nothing here at all"]
    out = backend.predict(texts)
    assert len(out) == 3 and out[1] == []
    for text, spans in zip(texts, out, strict=True):
        for s in spans:
            assert text[s.start : s.end] == s.text
            assert s.recognizer == "embedded" and 0.0 < s.score <= 1.0
            assert "Kowalska" not in repr(s)
    got = {(s.label, s.text) for s in out[0]}
    assert ("PERSON", "Anna Kowalska") in got
    assert ("LOCATION", "Warsaw") in got
    assert ("ORGANIZATION", "Siemens") in got


def test_pickle_reopens_the_model(backend: EmbeddedBackend) -> None:
    copy = pickle.loads(pickle.dumps(backend))
    text = "Please ask Dr. Okafor in Lagos."
    assert copy.predict([text]) == backend.predict([text])


def test_person_floor_option() -> None:
    strict = EmbeddedBackend.load(person_floor=0.9)
    assert strict is not EmbeddedBackend.load() and strict.person_floor == 0.9
    assert pickle.loads(pickle.dumps(strict)).person_floor == 0.9
    text = "Rintanen began writing as a teenager and Anna Kowalska read it."
    loose = {s.text for s in EmbeddedBackend.load().predict([text])[0] if s.score >= 0.5}
    sure = {s.text for s in strict.predict([text])[0] if s.score >= 0.5}
    assert sure <= loose
    with pytest.raises(BackendError):
        EmbeddedBackend.load(person_floor=1.5)


def test_tokenize_offsets() -> None:
    text = "Hi O'Brien-Smith, see J. Smith @ 10:30!"
    words, starts, ends = tokenize(text)
    assert all(text[a:b] == w for w, a, b in zip(words, starts, ends, strict=True))
    assert "O'Brien-Smith" in words and "J" in words


def test_features_see_casing_and_gazetteers() -> None:
    f = Featurizer()
    text = "dear rose, Mr Smith is in London"
    words, starts, ends = tokenize(text)
    feats = f.features(text, words, starts, ends)
    rose, smith, london = feats[1], feats[4], feats[7]
    assert "cL" in rose and "fnc" in rose  # lowercase, a first name that is also a word
    assert "cT" in smith and "-1ti" in smith  # title before it
    assert "pl" in london


def test_decode_bio() -> None:
    assert _decode(["O", "B-PER", "I-PER", "I-LOC", "O", "I-ORG"]) == [
        (1, 3, "PER"),
        (3, 4, "LOC"),
        (5, 6, "ORG"),
    ]


def test_title_is_part_of_a_person_span(backend: EmbeddedBackend) -> None:
    text = "The applicant, Mr Karl Strobel, lives in Vienna."
    spans = [s for s in backend.predict([text])[0] if s.label == "PERSON"]
    assert [s.text for s in spans] == ["Mr Karl Strobel"]


def test_demographic_words(backend: EmbeddedBackend) -> None:
    text = "He is a Turkish national of Kurdish origin; she is Catholic. The english test."
    dem = [s.text for s in backend.predict([text])[0] if s.label == "DEMOGRAPHIC"]
    assert dem == ["Turkish national", "Kurdish origin", "Catholic"]


def test_bad_model_files(tmp_path: Path) -> None:
    with pytest.raises(BackendError):
        EmbeddedBackend(tmp_path / "missing.crfsuite")
    src = EmbeddedBackend.default_path()
    shutil.copy(src, tmp_path / "m.crfsuite")
    (tmp_path / "m.json").write_text(json.dumps({"feature_version": "0"}))
    with pytest.raises(BackendError, match="feature version"):
        EmbeddedBackend(tmp_path / "m.crfsuite")


# -- the hard cases of issue 3, through the full pipeline ---------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("hey priya, did ravi call you back?", ["priya", "ravi"]),
        ("lol tomasz said the same thing yesterday", ["tomasz"]),
        ("ok i'll ask fatima tomorrow", ["fatima"]),
    ],
)
def test_lowercase_names_in_chats(anon: Anonymizer, text: str, names: list[str]) -> None:
    found = _labelled(anon, text, "PERSON")
    for n in names:
        assert any(n in f for f in found), (n, found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rose Miller signed the lease on Monday.", "Rose"),
        ("Thanks, Hope. See you soon.", "Hope"),
        ("Please forward it to Bill Turner.", "Bill"),
        ("As Will Hughes wrote in the report, costs rose.", "Will"),
        ("Mark Jensen is the new team lead.", "Mark"),
    ],
)
def test_common_word_names_in_name_context(anon: Anonymizer, text: str, name: str) -> None:
    assert any(name in f for f in _labelled(anon, text, "PERSON"))


@pytest.mark.parametrize(
    "text",
    [
        "I will bill you for the extra hours.",
        "Please mark the invoice as paid.",
        "We hope to finish the migration by Friday.",
        "Prices rose by 5% last quarter.",
        "Will you send the file? Mark it as done.",
    ],
)
def test_common_words_elsewhere_not_flagged(anon: Anonymizer, text: str) -> None:
    assert _labelled(anon, text, "PERSON") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The contract was signed by J. Smith on behalf of the buyer.", "J. Smith"),
        ("Reviewed by A. K. Okafor.", "Okafor"),
    ],
)
def test_initials(anon: Anonymizer, text: str, name: str) -> None:
    found = _labelled(anon, text, "PERSON")
    assert any(name in f for f in found), found
    if name.startswith("J."):
        assert anon.anonymize(text).text.count("J.") == 0


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The report was prepared by Priya Raghunathan.", "Priya Raghunathan"),  # Indian
        ("Meeting with Zhang Wei at the Shanghai office.", "Zhang Wei"),  # Chinese
        ("Our lawyer, Khalid Al-Mansouri, will attend.", "Khalid Al-Mansouri"),  # Arabic
        ("Chukwuemeka Okonkwo joined the board last year.", "Chukwuemeka Okonkwo"),  # Nigerian
        ("Please contact Agnieszka Wiśniewska for details.", "Agnieszka Wiśniewska"),  # Polish
        ("Yuki Tanaka presented the results.", "Yuki Tanaka"),  # Japanese
        ("João Pereira da Silva sent the invoice.", "João Pereira da Silva"),  # Brazilian
    ],
)
def test_names_from_many_cultures(anon: Anonymizer, text: str, name: str) -> None:
    out = anon.anonymize(text).text
    for part in name.split():
        if len(part) > 3:
            assert part not in out, (part, out)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(max_size=200) | st.from_regex(r"(?:[A-Z][a-z]{1,8}[ ,.\n]{1,2}){1,12}", fullmatch=True)
)
def test_any_text_gives_valid_spans(backend: EmbeddedBackend, text: str) -> None:
    for s in backend.predict([text])[0]:
        assert 0 <= s.start < s.end <= len(text)
        assert s.text == text[s.start : s.end]
        assert s.label in backend.labels


def test_hostile_characters(backend: EmbeddedBackend) -> None:
    texts = ["\ud800Anna Smith\udfff", "NUL\x00 Anna", "İİİ Anna Kowalska ẞ", "@" * 300 + "." * 300]
    for text, spans in zip(texts, backend.predict(texts), strict=True):
        assert all(text[s.start : s.end] == s.text for s in spans)
