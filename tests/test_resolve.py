import itertools

from hypothesis import given
from hypothesis import strategies as st

from veil.detect.resolve import resolve
from veil.types import Span


def S(a, b, label="X", score=0.5, rec="r"):
    return Span(a, b, label, score, rec, "x" * (b - a))


def test_higher_score_wins():
    out = resolve([S(0, 10, "A", 0.6), S(5, 8, "B", 0.9)])
    assert [(s.label, s.start) for s in out] == [("B", 5)]


def test_longer_wins_on_equal_score():
    out = resolve([S(0, 4, "A", 0.8), S(0, 10, "B", 0.8)])
    assert [s.label for s in out] == ["B"]


def test_adjacent_spans_are_both_kept():
    out = resolve([S(0, 4), S(4, 8)])
    assert [(s.start, s.end) for s in out] == [(0, 4), (4, 8)]


def test_deterministic_tie_break_independent_of_order():
    spans = [S(0, 5, "B", 0.7, "r2"), S(0, 5, "A", 0.7, "r1")]
    assert resolve(spans) == resolve(list(reversed(spans)))
    assert resolve(spans)[0].label == "A"


spans_st = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 40), st.floats(0, 1), st.sampled_from("ABC")),
    max_size=40,
).map(lambda xs: [S(a, a + n, lab, sc) for a, n, sc, lab in xs])


@given(spans_st)
def test_resolved_spans_never_overlap_and_are_sorted(spans):
    out = resolve(spans)
    for a, b in itertools.pairwise(out):
        assert a.end <= b.start
    assert set(out) <= set(spans)


@given(spans_st)
def test_every_dropped_span_overlaps_a_better_kept_one(spans):
    out = resolve(spans)
    kept = set(out)
    for s in spans:
        if s in kept:
            continue
        assert any(
            k.overlaps(s) and (k.score, k.end - k.start) >= (s.score, s.end - s.start) for k in out
        )


@given(spans_st, st.randoms())
def test_order_independent(spans, rnd):
    shuffled = list(spans)
    rnd.shuffle(shuffled)
    assert resolve(spans) == resolve(shuffled)
