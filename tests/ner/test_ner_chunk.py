"""Chunking, label mapping, batching and de-duplication of NerRecognizer, with a
fake backend whose answers are known exactly (a regex over each window)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.detect.allowlist import AllowList
from veil.detect.analyzer import Analyzer
from veil.detect.base import Context
from veil.ner.base import NerBackend, NerRecognizer, map_label
from veil.ner.chunk import windows
from veil.types import Span

NAME = re.compile(r"\b(?:Maria Gonzalez|John Smith|Ana)\b")
CITY = re.compile(r"\bParis\b")


class RegexBackend:
    """Finds fixed names (``B-PER``) and Paris (``GPE``) in each text it is given."""

    name = "fake"
    labels = ("PERSON", "LOCATION")

    def __init__(self, max_chars: int = 10_000) -> None:
        self.max_chars = max_chars
        self.calls: list[int] = []
        self.longest = 0

    def predict(self, texts: Sequence[str]) -> list[list[Span]]:
        self.calls.append(len(texts))
        self.longest = max([self.longest, *map(len, texts)])
        out = []
        for t in texts:
            spans = [
                Span(m.start(), m.end(), "B-PER", 0.9, self.name, m[0]) for m in NAME.finditer(t)
            ]
            spans += [
                Span(m.start(), m.end(), "GPE", 0.8, self.name, m[0]) for m in CITY.finditer(t)
            ]
            out.append(spans)
        return out


def truth(text: str) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), "PERSON") for m in NAME.finditer(text)]
    found += [(m.start(), m.end(), "LOCATION") for m in CITY.finditer(text)]
    return sorted(found)


def got(spans: list[Span]) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in spans]


# -- windows -------------------------------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab .\n,!?"), max_size=600),
    st.integers(16, 120),
    st.data(),
)
def test_windows_cover_the_text_within_size(text, size, data):
    overlap = data.draw(st.integers(0, size // 2))
    ws = windows(text, size, overlap)
    if not text:
        assert ws == []
        return
    assert ws[0][0] == 0 and ws[-1][1] == len(text)
    for s, e in ws:
        assert 0 <= s < e <= len(text) and e - s <= size
    for (s1, e1), (s2, e2) in pairwise(ws):
        assert s1 < s2 <= e1 < e2  # progress, no gap


def test_windows_cut_at_sentences_and_words():
    text = "One two three. Four five six seven. Eight nine ten eleven twelve."
    ws = windows(text, 40, 8)
    assert len(ws) > 1
    first_end = ws[0][1]
    assert text[first_end - 2 : first_end] == ". "  # a sentence end
    for s, _e in ws[1:]:
        assert text[s - 1] == " "  # starts at a word


def test_windows_hard_cut_without_whitespace():
    ws = windows("x" * 100, 30, 5)
    assert all(e - s <= 30 for s, e in ws) and ws[-1][1] == 100


@pytest.mark.parametrize(("size", "overlap"), [(0, 0), (20, 11), (20, -1)])
def test_windows_rejects_bad_arguments(size, overlap):
    with pytest.raises(ValueError):
        windows("some text here", size, overlap)


# -- label mapping -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("PER", "PERSON"), ("B-PER", "PERSON"), ("I-PERSON", "PERSON"), ("person", "PERSON"),
        ("LOC", "LOCATION"), ("GPE", "LOCATION"), ("FAC", "LOCATION"), ("U-LOC", "LOCATION"),
        ("ORG", "ORGANIZATION"), ("E-ORG", "ORGANIZATION"), ("corporation", "ORGANIZATION"),
        ("NORP", "DEMOGRAPHIC"), ("DEM", "DEMOGRAPHIC"), ("first name", "PERSON"),
        ("DATE", "DATE"), ("MISC", None), ("O", None), ("CARDINAL", None), ("WORK_OF_ART", None),
    ],
)  # fmt: skip
def test_map_label(raw, want):
    assert map_label(raw) == want


def test_map_label_extra_entries_win_and_can_drop():
    assert map_label("MISC", {"MISC": "DEMOGRAPHIC"}) == "DEMOGRAPHIC"
    assert map_label("B-PER", {"PER": ""}) is None


def test_backend_labels_filter_what_the_recognizer_emits():
    """DATE maps to a Veil label, but a backend declaring NER labels never emits it."""

    class Dates(RegexBackend):
        def predict(self, texts):
            return [[Span(0, 5, "DATE", 0.9, self.name, t[:5])] for t in texts]

    assert NerRecognizer(Dates()).analyze("Today we met.") == []


# -- the recognizer ------------------------------------------------------------------
def test_recognizer_follows_the_protocol():
    backend = RegexBackend()
    assert isinstance(backend, NerBackend)
    rec = NerRecognizer(backend)
    assert rec.name == "fake" and rec.labels == ("PERSON", "LOCATION")
    text = "Maria Gonzalez moved to Paris."
    spans = rec.analyze(text, Context(text))
    assert got(spans) == truth(text)
    assert all(s.recognizer == "fake" and s.text == text[s.start : s.end] for s in spans)


SENTENCES = [
    "Maria Gonzalez met John Smith in Paris.",
    "Nothing to see here at all.",
    "Ana wrote to Maria Gonzalez yesterday!",
    "The weather in Paris was grey and wet",
    "John Smith\nsigned the letter.",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=30),
    st.sampled_from([" ", "\n", "  "]),
    st.integers(40, 200),
)
def test_chunked_long_texts_give_exactly_the_unchunked_spans(parts, sep, chunk):
    text = sep.join(parts)
    backend = RegexBackend()
    rec = NerRecognizer(backend, chunk_chars=chunk, overlap=min(30, chunk // 2))
    spans = rec.analyze(text)
    assert got(spans) == truth(text)
    assert backend.longest <= chunk


def test_a_cut_entity_is_taken_from_the_window_that_sees_it_whole():
    class Truncating(RegexBackend):
        """Also reports a partial name at a window's right edge (as a model would)."""

        def predict(self, texts):
            out = super().predict(texts)
            for t, spans in zip(texts, out, strict=True):
                if t.endswith("Maria"):
                    spans.append(Span(len(t) - 5, len(t), "PER", 0.99, self.name, "Maria"))
            return out

    text = "x " * 20 + "Maria Gonzalez went home. " + "y " * 20
    cut = text.index("Maria") + 5
    rec = NerRecognizer(Truncating(max_chars=cut), overlap=cut // 2)
    assert got(rec.analyze(text)) == truth(text)


def test_batches_send_windows_of_many_texts_together():
    backend = RegexBackend(max_chars=60)
    rec = NerRecognizer(backend, overlap=10, batch_size=8)
    texts = [" ".join(SENTENCES[: 1 + i % 5]) for i in range(10)]
    batched = rec.analyze_batch(texts, [Context(t) for t in texts])
    assert [got(s) for s in batched] == [truth(t) for t in texts]
    windows_total = sum(len(windows(t, 60, 10)) for t in texts)
    assert sum(backend.calls) == windows_total and max(backend.calls) == 8
    assert len(backend.calls) == -(-windows_total // 8)


def test_empty_and_blank_texts_never_reach_the_backend():
    backend = RegexBackend()
    assert NerRecognizer(backend).analyze_batch(["", "   ", "\n"]) == [[], [], []]
    assert backend.calls == []


def test_allow_list_and_whitespace_trimming():
    class Padded(RegexBackend):
        def predict(self, texts):
            return [
                [
                    Span(max(0, s.start - 1), s.end, s.label, s.score, s.recognizer, s.text)
                    for s in spans
                ]
                for spans in super().predict(texts)
            ]

    text = "Hi Maria Gonzalez, ask Ana in Paris"
    ctx = Context(text, AllowList.build(values=["Ana"]))
    spans = NerRecognizer(Padded()).analyze(text, ctx)
    assert [text[s.start : s.end] for s in spans] == ["Maria Gonzalez", "Paris"]


def test_fixed_score_and_bad_settings():
    text = "Ana lives in Paris"
    assert {s.score for s in NerRecognizer(RegexBackend(), score=0.42).analyze(text)} == {0.42}
    with pytest.raises(ValueError):
        NerRecognizer(RegexBackend(max_chars=100), chunk_chars=200)
    with pytest.raises(ValueError):
        NerRecognizer(RegexBackend(max_chars=100), overlap=60)


def test_a_backend_returning_the_wrong_number_of_results_is_an_error():
    class Broken(RegexBackend):
        def predict(self, texts):
            return []

    with pytest.raises(ValueError):
        NerRecognizer(Broken()).analyze("Ana")


def test_analyzer_analyze_many_batches_and_matches_analyze():
    backend = RegexBackend()
    analyzer = Analyzer([NerRecognizer(backend)], threshold=0.5)
    texts = [*SENTENCES, "", "Ana"]
    many = analyzer.analyze_many(texts)
    assert backend.calls == [len(texts) - 1]  # one call, the empty text skipped
    assert many == [analyzer.analyze(t) for t in texts]


def test_lone_function_words_are_never_entities():
    class Eager(RegexBackend):
        def predict(self, texts):
            out = super().predict(texts)
            for t, spans in zip(texts, out, strict=True):
                for m in re.finditer(r"\b(?:The|This|Rose)\b", t):
                    spans.append(Span(m.start(), m.end(), "PER", 0.9, self.name, m[0]))
            return out

    text = "<EMAIL>, The report. This is Rose and Ana."
    spans = NerRecognizer(Eager()).analyze(text)
    assert [s.text for s in spans] == ["Rose", "Ana"]
