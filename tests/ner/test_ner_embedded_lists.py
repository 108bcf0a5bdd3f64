"""Document-level name evidence after CRF decoding (veil.ner._lists)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from veil.ner._features import tokenize
from veil.ner._lists import coordinated_names, person_shaped

KNOWN = {"Becker", "Vasquez", "Torres"}
COMMON = {"The", "Sons", "Monday"}


def _run(text: str, entities: list[tuple[int, int, str, float]]) -> tuple[list[str], list]:
    words, starts, ends = tokenize(text)
    gaps = [""] + [text[ends[i - 1] : starts[i]] for i in range(1, len(words))]
    out = coordinated_names(
        words, gaps, entities, 0.35, lambda w: w in COMMON, lambda w: w in KNOWN
    )
    return words, out


def _people(words: list[str], out: list) -> list[str]:
    return sorted(" ".join(words[a:b]) for a, b, lab, _p in out if lab == "PER")


def test_list_members_share_the_person_type() -> None:
    text = "The idea came from its founders: Kónya, Becker and Vasquez. It grew fast."
    words, out = _run(text, [])
    assert _people(words, out) == ["Becker", "Kónya", "Vasquez"]


def test_model_person_spreads_and_retypes_in_a_sentence() -> None:
    text = "Lamovec and Morales were engineers."
    words = tokenize(text)[0]
    morales = words.index("Morales")
    lamovec = words.index("Lamovec")
    _, out = _run(text, [(morales, morales + 1, "PER", 0.9), (lamovec, lamovec + 1, "ORG", 0.6)])
    assert _people(words, out) == ["Lamovec", "Morales"]


def test_firm_names_on_their_own_line_are_left_alone() -> None:
    text = "Signed for Jones, Becker and Vasquez\nPlease find the contract attached."
    _words, out = _run(text, [])
    assert out == []


def test_a_surname_list_after_employer_is_one_organization() -> None:
    text = "Employer: Jones, Becker and Vasquez\nI work at Smith, Becker and Torres."
    words = tokenize(text)[0]
    smith = words.index("Smith")
    _, out = _run(text, [(smith, smith + 1, "PER", 0.8)])
    assert sorted((" ".join(words[a:b]), lab) for a, b, lab, _p in out) == [
        ("Jones , Becker and Vasquez", "ORG"),
        ("Smith , Becker and Torres", "ORG"),
    ]


def test_places_outnumbering_people_block_the_list() -> None:
    text = "We visited Paris, Lyon and Becker."
    words = tokenize(text)[0]
    ents = [(words.index(w), words.index(w) + 1, "LOC", 0.9) for w in ("Paris", "Lyon")]
    _, out = _run(text, ents)
    assert out == ents


def test_common_words_are_not_added() -> None:
    text = "Becker and Sons met on Monday."
    words, out = _run(text, [])
    assert _people(words, out) == ["Becker"]


def test_person_shaped_needs_person_mass_and_name_like_words() -> None:
    words = ["to", "Asya", "Godina", "in", "New", "York"]
    other = {"New", "York"}.__contains__
    assert person_shaped(words, (1, 3, "LOC", 0.9), 0.4, other)
    assert not person_shaped(words, (1, 3, "LOC", 0.9), 0.05, other)
    assert not person_shaped(words, (4, 6, "LOC", 0.9), 0.9, other)
    assert not person_shaped(words, (1, 3, "PER", 0.9), 0.9, other)


@given(st.text(alphabet=st.sampled_from("AbcK ,.and\n&"), max_size=60))
def test_any_text_gives_valid_entities(text: str) -> None:
    words, out = _run(text, [])
    for a, b, lab, p in out:
        assert 0 <= a < b <= len(words) and lab == "PER" and 0.0 < p <= 1.0
