"""The compiled candidate loops (``veil.detect._scan_c``) against their Python
references: same results on generated texts. Skipped where the extension is not
built (no C compiler at install time); the package then runs the references."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from veil.detect import _scan, person
from veil.detect._scan import compiled
from veil.detect.base import Context

C = compiled()
needs_c = pytest.mark.skipif(C is None, reason="veil.detect._scan_c is not built")

# Skeleton bytes: digits are "0", letters "A" (see _scan.skeleton), plus every byte the
# fact patterns test, so runs of digits, groups, dates and timestamps occur often.
_SKEL_PARTS = st.sampled_from(
    ["0", "00", "000", "0000", "A", "AAAAA", "AAAAAA", " ", "-", ".", "/", ",", ":", ")",
     "(", "\n", "0000-00-00A", "000-00-0000", "00.00.000", "0) 000", "?", "+"]
)  # fmt: skip
_SKELETONS = st.lists(_SKEL_PARTS, max_size=40).map(lambda p: "".join(p).encode())


@needs_c
@given(_SKELETONS, st.sampled_from([0, 3, 48]))
@settings(max_examples=600, deadline=None)
@example(b"0000/000/0000 00/00/0000 00000/00", 3)
def test_regions_match_the_regex(sk: bytes, pad: int) -> None:
    assert C.long_digit_regions(sk, pad) == _scan._regions_py(sk, pad)


@needs_c
@given(_SKELETONS)
@settings(max_examples=600, deadline=None)
def test_tokens_and_alpha_digit_match_the_regex(sk: bytes) -> None:
    assert C.tokens(sk) == _scan._tokens_py(sk)
    assert C.alpha_digit(sk) is _scan._alpha_digit_py(sk)


@needs_c
def test_facts_inputs_are_checked() -> None:
    with pytest.raises(TypeError):
        C.tokens("not bytes")
    assert C.long_digit_regions(b"") == [] and C.tokens(b"") == []
    assert C.alpha_digit(b"AAAA0") is False and C.alpha_digit(b"AAAAA0") is True


# -- person runs ------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["John", "Smith", "Mary", "Jane", "van", "der", "de", "la", "della", "Dr.", "Dr", "Mr",
     "Mrs.", "Ms", "M.", "J.", "R.", "A.B.", "O'Neil", "Jean-Luc", "The", "This", "WARN",
     "CBC", "API", "Vitals", "Logger", "Patient", "Long", "May", "Will", "is", "name",
     "my name is", "Dear", "Hi", "Regards,", "Thanks,", "said", "and", "at", "to", "eBay",
     "McDonald", "Alison", "Hill", "Smith's", "x", "a", "I", "U.S.", "E.", "Q", "Z",
     "O'Connor", "D'A", "O'", "L'x", "O'C-D", "O'C'D"]
)  # fmt: skip
_GLUE = st.sampled_from(
    [" ", " ", " ", "\t", "\n", ". ", ", ", ": ", "-", "'", ".", "  ", "(", "1"]
)
_TEXTS = st.lists(st.tuples(_WORDS, _GLUE), max_size=25).map(
    lambda parts: "".join(w + g for w, g in parts)
)


def _dropped(text: str, run: tuple[int, int, str, int]) -> bool:
    """Whether person.py drops this run at once (what the scanner may leave out)."""
    s, _, r, kind = run
    if kind != person._UNKNOWN or " " in r or "\t" in r:
        return False
    return (r.isupper() and "." not in r) or not person._maybe_intro(text, s)


@needs_c
@given(_TEXTS)
@settings(max_examples=800, deadline=None)
def test_person_runs_keep_what_the_regex_scan_needs(text: str) -> None:
    """The compiled runs are the regex runs (same offsets, run and kind) less only
    runs that the recognizer drops at once."""
    reference = list(person._runs(text, person._singles().get))
    runs = person._scanner().runs(text)
    assert set(runs) <= set(reference)
    assert runs == sorted(runs)
    assert all(_dropped(text, r) for r in set(reference) - set(runs))


@needs_c
@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_person_spans_are_the_same_with_and_without_the_scanner(text: str) -> None:
    rec = person.PersonRecognizer()
    with_c = list(rec.analyze(text, Context(text)))
    saved = person._scanner
    person._scanner = lambda: None  # type: ignore[assignment]
    try:
        without = list(rec.analyze(text, Context(text)))
    finally:
        person._scanner = saved  # type: ignore[assignment]
    assert with_c == without


@needs_c
def test_person_scanner_refuses_non_ascii() -> None:
    with pytest.raises(ValueError):
        person._scanner().runs("Zoë Smith")
    with pytest.raises(ValueError):
        person._scanner().runs(b"John Smith")


def test_pure_python_switch() -> None:
    """VEIL_PURE_PYTHON=1 turns the compiled loops off (the reference runs)."""
    code = "from veil.detect._scan import compiled; print(compiled() is None)"
    env = {**os.environ, "VEIL_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr


# -- literals ---------------------------------------------------------------------

_NEEDLES = ("ab", "abc", "bca", "name is ", "://", "a b", "ccc", "b/", "zz")
_HAY = st.text(alphabet=st.sampled_from("abcz /:\né"), max_size=80) | st.lists(
    st.sampled_from([*_NEEDLES, "x", " ", "é", "ÿ"]), max_size=20
).map("".join)


@needs_c
@given(_HAY)
@settings(max_examples=600, deadline=None)
def test_literals_first_is_str_find(text: str) -> None:
    lits = C.Literals(_NEEDLES)
    assert lits.first(text) == tuple(text.find(n) for n in _NEEDLES)


@needs_c
def test_literals_refuse_what_they_cannot_scan() -> None:
    with pytest.raises(ValueError):
        C.Literals(("a",))  # one character: str.find is memchr-fast already
    with pytest.raises(ValueError):
        C.Literals(("né",))
    with pytest.raises(ValueError):
        C.Literals(_NEEDLES).first("snow ☃ name is")  # beyond Latin-1
    assert C.Literals(()).first("anything") == ()


@given(_HAY)
@settings(max_examples=300, deadline=None)
def test_context_find_is_lower_find(text: str) -> None:
    """Registered or not, compiled scan or not: ``ctx.find`` is ``ctx.lower.find``."""
    import veil.detect.base as base

    base.register_literals("name is ", "://", "ccc")
    for lit in (*_NEEDLES, "é", "x", "Name"):
        assert Context(text).find(lit) == Context(text).lower.find(lit)
    saved = base._C
    base._C = None
    try:
        assert Context(text).find("name is ") == Context(text).lower.find("name is ")
    finally:
        base._C = saved


# -- network ----------------------------------------------------------------------

_NET = st.lists(
    st.sampled_from(
        ["0", "1", "12", "123", "1234", "a", "fe", "abcd", "g", "Z", ":", "::", "-", ".", " ",
         "00:1a:2b:3c:4d:5e", "00-1A-2B-3C-4D-5E", "0011.2233.4455", "10.0.0.1", "é"]
    ),
    max_size=30,
).map("".join)  # fmt: skip
_SECRET_TEXT = st.lists(
    st.sampled_from(
        ["ghp_", "gho_", "github_pat_", "sk_live_", "rk_test_", "whsec_", "hf_", "npm_", "sk-",
         "xoxb-", "xoxz-", "xapp-", "glpat-", "glptt-", "gldt-", "glrt-", "-----BEGIN", " -u ",
         "\t-u=", " --user ", " --user=", "AKIA", "ASIA", "AIza", "AKIAIza", "A", "_", "-", " ",
         "x", "k", "é", "well-known", "snake_case"]
    ),
    max_size=20,
).map("".join)  # fmt: skip


@needs_c
@given(_NET | _SECRET_TEXT)
@settings(max_examples=1200, deadline=None)
def test_text_scans_match_the_regexes(text: str) -> None:
    """IPv4/IPv6/MAC candidates and the secret gates: those of the regexes."""
    from veil.detect import network, secrets

    assert C.secret_gates(text) == secrets._gate_groups_py(text)
    assert C.v4_tails(text) == [m.span() for m in network._V4_TAIL.finditer(text)]
    assert C.v6_seeds(text) == [m.span() for m in network._V6_SEED.finditer(text)]
    reference = list(network.MacAddressRecognizer._candidates(text))
    assert C.mac_candidates(text) == reference


@needs_c
def test_network_scans_refuse_wide_text() -> None:
    for f in (C.v4_tails, C.v6_seeds, C.mac_candidates):
        with pytest.raises(ValueError):
            f("snow ☃ 10.0.0.1")


# -- dates ------------------------------------------------------------------------

_DATE_SKEL = st.lists(
    st.sampled_from(
        [b"0", b"00", b"0000", b"-", b"/", b".", b":", b",", b" ", b"\n", b"t", b"y", b"st",
         b"th", b"er", b"\xba", b"may", b"jan. ", b"march ", b"i'm ", b"im ", b"turned ",
         b"age", b"aged ", b"of ", b"dob: ", b"is ", b"born in ", b" now", b" years old",
         b"yo", b"y/o", b"e", b"d", b"f", b"a", b"x", b"\xe9", b"?", b"0000-00-00t", b"birth",
         b"june", b"ao\xfbt", b"d\xe9c", b"ju", b"j", b"mars", b"today", b" today",
         b" this year", b"in ", b"is", b"n", b"de ", b"maio", b"jahre alt", b"jaar oud"]
    ),
    max_size=30,
).map(b"".join)  # fmt: skip


_ADDR_SKEL = st.lists(
    st.sampled_from(
        [b"0", b"00", b"000", b"00000", b"000000", b"A", b"AAA", b"AA", b" ", b"-", b"/",
         b",", b".", b":", b"#", b"_", b"%", b"\xb0", b"\xc9", b"\xe9", b"\xd7", b"?", b"\n",
         b"AAA 0", b"AAA AA 00000", b"00 AAAAAA", b"00A, AAA", b"0-00 A", b"AA. 00", b"a"]
    ),
    max_size=30,
).map(b"".join)  # fmt: skip


@needs_c
@given(_DATE_SKEL | _ADDR_SKEL)
@settings(max_examples=1500, deadline=None)
@example(b"aged 00yo, 00 y/o, 0-year-old, 0- years old, 00 yrs old")
@example(b"on 0000-00-00 and 00/00/0000, 0.0.00, 0st of may 0000, 0\xba de mayo")
@example(b"may 0, jan. 00, i'm 00. turned 00 now, age of 00, dob: 00, born in 0000")
@example(b"log 0000-00-00t00:00 then dob 0000-00-00t00:00 and 00/00/00")
@example(b"AAA 00 AAAA, 00-00A AAA, AAA 0/00A AA, 000 AAA AA 00000, A 00000 AAA")
@example(b"AAA AA 000000")
@example(b"0 of june, 00th ao\xfbt, 0 d\xe9c., 0 marathons, 0 jobs, 0 of them, 00 diab")
@example(b"is 00 now, is 000 today, is 0 this year, is 0000 now, in 0000, born in 0000")
@example(b"0 de mayo de 0000, 00 de mar\xe7o, 00 jahre alt, 00 jaar oud, 0 de x")
def test_digit_scans_match_the_regexes(sk: bytes) -> None:
    """Date candidates (DateScanner, then the regex at its starts) and address hits
    are those of the regex scans, on date-like and address-like skeletons."""
    from veil.detect import address, dates

    assert list(dates._candidates(sk)) == list(dates._candidates_py(sk))
    assert C.address_hits(sk) == list(address._hits_py(sk))


def test_compiled_loops_are_built_where_required() -> None:
    """CI sets VEIL_REQUIRE_COMPILED=1: there the extension must have been built, so
    that the tests above run instead of skipping."""
    if os.environ.get("VEIL_REQUIRE_COMPILED") != "1":
        pytest.skip("VEIL_REQUIRE_COMPILED is not set")
    import importlib

    try:  # (built, whether or not VEIL_PURE_PYTHON switches it off)
        importlib.import_module("veil.detect._scan_c")
    except ImportError:
        pytest.fail("veil.detect._scan_c was not built (no C compiler?)")


@pytest.mark.slow
def test_detector_tests_pass_on_the_python_references() -> None:
    """The whole detector suite with the compiled loops switched off: the Python
    references (what users without a C compiler run) stay correct too."""
    if os.environ.get("VEIL_PURE_PYTHON") or C is None:
        pytest.skip("already on the Python references")
    here = os.path.dirname(os.path.abspath(__file__))
    env = {**os.environ, "VEIL_PURE_PYTHON": "1"}
    cmd = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", here]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stdout[-3000:]


@needs_c
@given(st.text(alphabet=st.sampled_from("aZ09 -?é\u00ff\u0100☃\U0001f600\ud800"), max_size=40))
@settings(max_examples=400, deadline=None)
def test_skeleton_is_encode_then_translate(text: str) -> None:
    from veil.detect import _scan, _skel, crypto, vehicle

    for table in (_scan._SKELETON_TABLE, _skel._LOWER_DIGITS, crypto._PREFILTER):
        assert C.skeleton(text, table) == _scan._skeleton_py(text, table)
    for table in (crypto._PREFILTER, vehicle._PREFILTER):  # they stand for ASCII "replace"
        assert _scan._skeleton_py(text, table) == text.encode("ascii", "replace").translate(table)
