"""Name variants of one person get matching surrogates (issue 3: consistency).

Spans come from a fixed recognizer so that these tests pin the linking and the
operators, not the name recognizer's recall.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil import Anonymizer, Key
from veil.detect.base import Context
from veil.detect.link import link_names
from veil.types import Span

KEY = Key(b"linking-test-key-0123456789abcdef", "test")


class Names:
    """Flags the given name forms wherever they occur as whole words."""

    name = "names"
    labels = ("PERSON",)

    def __init__(self, *forms: str, include_titles: bool = False) -> None:
        alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        title = r"(?:(?:Mr|Mrs|Ms|Dr)\.? )?" if include_titles else ""
        self.rx = re.compile(rf"(?<!\w){title}(?:{alts})(?!\w)")

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        for m in self.rx.finditer(text):
            yield Span(m.start(), m.end(), "PERSON", 0.9, self.name, m[0])


def anon(policy: str, *forms: str, **kw) -> Anonymizer:
    ops = {"pseudonymize": {"type": "pseudonymize"}, "indexed_tag": {"type": "indexed_tag"}}
    return Anonymizer(
        {"default": "keep", "operators": {"PERSON": ops[policy]}},
        key=KEY,
        recognizers=[Names(*forms, **kw)],
    )


def outputs(result) -> list[str]:
    return [r.new for r in result.replacements]


def attrs_of(text: str, spans: list[Span]) -> dict[str, dict[str, str]]:
    return {text[s.start : s.end]: dict(s.attrs) for s in spans}


# -- link_names ----------------------------------------------------------------------
def test_variants_share_an_entity_and_one_word_variants_know_their_part():
    text = "Maria Gonzalez called. Ms. Gonzalez said M. Gonzalez and Maria agreed. Gonzalez left."
    spans = list(Names("Maria Gonzalez", "M. Gonzalez", "Gonzalez", "Maria").analyze(text, None))
    linked = link_names(text, spans)
    ids = {dict(s.attrs)["entity"] for s in linked}
    assert len(ids) == 1
    parts = [(text[s.start : s.end], s.attrs.get("part")) for s in linked]
    assert ("Maria", "first") in parts and ("Gonzalez", "last") in parts
    assert all(p == "last" for t, p in parts if t == "Gonzalez")
    initial = next(s for s in linked if s.text == "M. Gonzalez")
    assert initial.attrs["given"] == "Maria"


def test_different_people_stay_apart_and_lone_words_join_the_nearest():
    text = "Maria Gonzalez and Pedro Gonzalez came. Pedro spoke; later Maria and John Smith."
    spans = list(
        Names("Maria Gonzalez", "Pedro Gonzalez", "Pedro", "Maria", "John Smith").analyze(
            text, None
        )
    )
    linked = {s.start: s for s in link_names(text, spans)}
    ent = {text[s.start : s.end] + f"@{s.start}": s.attrs["entity"] for s in linked.values()}
    by_text = {}
    for k, v in ent.items():
        by_text.setdefault(k.split("@")[0], set()).add(v)
    assert by_text["Maria"] == by_text["Maria Gonzalez"]
    assert by_text["Pedro"] == by_text["Pedro Gonzalez"]
    assert by_text["Maria Gonzalez"] != by_text["Pedro Gonzalez"] != by_text["John Smith"]


def test_surname_shared_by_two_people_goes_to_the_nearest_mention():
    text = "Maria Gonzalez arrived. Later Pedro Gonzalez came. Mr. Gonzalez sat down."
    spans = list(Names("Maria Gonzalez", "Pedro Gonzalez", "Gonzalez").analyze(text, None))
    linked = link_names(text, spans)
    pedro = next(s for s in linked if s.text == "Pedro Gonzalez").attrs["entity"]
    mr = next(s for s in linked if s.text == "Gonzalez").attrs["entity"]
    assert mr == pedro


def test_title_gender_and_culture_reach_every_first_name_mention():
    text = "Mr. Alex Morgan wrote. Alex signed."
    spans = [
        Span(4, 15, "PERSON", 0.9, "t", "Alex Morgan", {"culture": "en_GB"}),
        Span(23, 27, "PERSON", 0.9, "t", "Alex"),
    ]
    linked = link_names(text, spans)
    assert [s.attrs.get("gender") for s in linked] == ["m", "m"]
    assert [s.attrs.get("culture") for s in linked] == ["en_GB", "en_GB"]
    assert linked[1].attrs["part"] == "first"


def test_other_labels_and_unlinked_words_pass_through():
    text = "Paris is nice. Zebulon came."
    spans = [Span(0, 5, "LOCATION", 0.9, "t", "Paris"), Span(15, 22, "PERSON", 0.9, "t", "Zebulon")]
    linked = link_names(text, spans)
    assert linked[0] is spans[0]
    assert "part" not in linked[1].attrs and "entity" in linked[1].attrs


def test_state_links_the_fields_of_one_record():
    state: dict = {}
    a = "Maria Gonzalez wrote the report."
    b = "Reviewed by Gonzalez."
    la = link_names(a, list(Names("Maria Gonzalez").analyze(a, None)), state)
    lb = link_names(b, list(Names("Gonzalez").analyze(b, None)), state)
    assert la[0].attrs["entity"] == lb[0].attrs["entity"] and lb[0].attrs["part"] == "last"


def test_repr_of_linked_spans_still_hides_the_name():
    text = "Maria Gonzalez and Maria."
    spans = link_names(text, list(Names("Maria Gonzalez", "Maria").analyze(text, None)))
    assert all("Maria" not in repr(s) and "maria" not in repr(s) for s in spans)


# -- pseudonymize and indexed_tag over variants --------------------------------------
DOC = (
    "Maria Gonzalez opened the meeting. Ms. Gonzalez then asked M. Gonzalez's team to "
    "report. Maria thanked everyone and Gonzalez closed."
)
FORMS = ("Maria Gonzalez", "M. Gonzalez", "Gonzalez", "Maria")


def test_pseudonymize_gives_every_variant_the_matching_surrogate():
    result = anon("pseudonymize", *FORMS).anonymize(DOC)
    full, sur_title, initial, first, sur = outputs(result)
    new_first, new_last = full.split(" ")
    assert (new_first, new_last) != ("Maria", "Gonzalez")
    assert sur_title == new_last and sur == new_last
    assert first == new_first
    assert initial == f"{new_first[0]}. {new_last}"
    assert "Gonzalez" not in result.text and "Maria" not in result.text


def test_indexed_tag_gives_every_variant_one_index():
    text = DOC + " John Smith disagreed with Smith."
    result = anon("indexed_tag", *FORMS, "John Smith", "Smith").anonymize(text)
    assert outputs(result) == ["<PERSON_1>"] * 5 + ["<PERSON_2>"] * 2


def test_batch_api_links_too():
    a = anon("indexed_tag", *FORMS)
    batched = list(a.anonymize_batch([DOC, DOC]))
    assert [r.text for r in batched] == [a.anonymize(DOC).text] * 2
    assert set(outputs(batched[0])) == {"<PERSON_1>"}


def test_across_documents_the_surname_of_a_titled_mention_matches_the_full_name():
    a = anon("pseudonymize", "Maria Gonzalez", include_titles=True)
    full = a.anonymize("Maria Gonzalez wrote.").replacements[0].new
    b = anon("pseudonymize", "Gonzalez", include_titles=True)
    titled = b.anonymize("Ms. Gonzalez wrote.").replacements[0].new  # no full name here
    assert titled == "Ms. " + full.split(" ")[1]
    again = a.anonymize("Later: Maria Gonzalez wrote.").replacements[0].new
    assert again == full  # the same full name, the same surrogate, in any document


# -- properties ----------------------------------------------------------------------
FIRST = ["Maria", "John", "Aisha", "Wei", "Olga", "Chinedu", "Priya", "Kenji", "Lucas", "Fatima"]
LAST = ["Gonzalez", "Smith", "Okafor", "Kowalski", "Tanaka", "Silva", "Sharma", "Haddad"]


@st.composite
def documents(draw):
    people = draw(
        st.lists(
            st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)),
            min_size=1,
            max_size=3,
            unique_by=(lambda p: p[0], lambda p: p[1]),
        )
    )
    mentions = []
    for first, last in people:
        mentions.append((first, last, f"{first} {last}"))  # the full name comes first
    for _ in range(draw(st.integers(1, 8))):
        first, last = draw(st.sampled_from(people))
        form = draw(st.sampled_from(["full", "title", "initial", "first", "last"]))
        text = {
            "full": f"{first} {last}",
            "title": f"Dr. {last}",
            "initial": f"{first[0]}. {last}",
            "first": first,
            "last": last,
        }[form]
        mentions.append((first, last, text))
    return mentions


@settings(max_examples=40, deadline=None)
@given(documents())
def test_every_variant_agrees_with_its_full_name(mentions):
    text = ""
    spans = []
    for _first, _last, form in mentions:
        start = len(text) + (4 if form.startswith("Dr. ") else 0)
        value = form[4:] if form.startswith("Dr. ") else form
        text += form + " spoke. "
        spans.append(Span(start, start + len(value), "PERSON", 0.9, "t", value))

    class Fixed:
        name, labels = "fixed", ("PERSON",)

        def analyze(self, t, ctx):
            return spans

    pseudo = Anonymizer(
        {"default": "keep", "operators": {"PERSON": "pseudonymize"}}, key=KEY, recognizers=[Fixed()]
    )
    new = [r.new for r in pseudo.anonymize(text).replacements]
    surrogate = {}
    for (first, last, form), out in zip(mentions, new, strict=True):
        if form == f"{first} {last}":
            surrogate.setdefault((first, last), out.split(" "))
    for (first, last, form), out in zip(mentions, new, strict=True):
        f2, l2 = surrogate[(first, last)]
        if form == last or (form.endswith(" " + last) and form != f"{first} {last}"):
            assert out.endswith(l2)
        if form == first:
            assert out == f2
        if form == f"{first[0]}. {last}":
            assert out == f"{f2[0]}. {l2}"
        if form == f"{first} {last}":
            assert out == f"{f2} {l2}"
    tags = Anonymizer(
        {"default": "keep", "operators": {"PERSON": "indexed_tag"}}, recognizers=[Fixed()]
    ).anonymize(text)
    index_of = {}
    for (first, last, _form), rep in zip(mentions, tags.replacements, strict=True):
        assert index_of.setdefault((first, last), rep.new) == rep.new
    assert len(set(index_of.values())) == len(index_of)


@pytest.mark.parametrize("name", ["Gonzalez", "Smith", "Okafor", "Tanaka"])
def test_lone_surname_and_titled_surname_agree_without_a_full_name(name):
    text = f"Ms. {name} came. {name} left."
    spans = list(Names(name).analyze(text, None))
    linked = link_names(text, spans)
    assert [s.attrs.get("part") for s in linked] == ["last", "last"]


@pytest.mark.parametrize("title", ["Sig.ra", "Dott.ssa", "Prof.ssa", "Sig.na"])
def test_italian_titles_with_a_dot_inside_make_a_surname(title):
    # "Sig.ra Bianchi": a surname (pseudonymize draws a surname for it, not a first name)
    (span,) = Anonymizer(rules_only=True).anonymize(f"Gentile {title} Bianchi, a presto.").spans
    assert span.text == "Bianchi" and span.attrs.get("part") == "last"
    assert span.attrs.get("gender") == "f"


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("Ab. ,-'MrsDJ\nxé"), min_size=1, max_size=80),
    st.lists(st.tuples(st.integers(0, 79), st.integers(1, 12)), max_size=6),
)
def test_linking_only_adds_string_attrs(text, cuts):
    spans, pos = [], 0
    for start, length in sorted(cuts):
        start = max(start, pos)
        end = min(len(text), start + length)
        if start >= end:
            continue
        spans.append(Span(start, end, "PERSON", 0.9, "t", text[start:end]))
        pos = end
    state: dict = {}
    linked = link_names(text, spans, state)
    again = link_names(text, spans, state)  # a second field of the same record
    for before, after in zip(spans * 2, linked + again, strict=True):
        assert after == before and after.text == before.text  # offsets, label, score, text
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in after.attrs.items())
        assert after.attrs.get("part") in (None, "first", "last")


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("Smith, John filed it. John Smith signed. Smith left.", ("Smith, John", "John Smith", "Smith")),
        ("maria gonzalez here. gonzalez again, maria too", ("maria gonzalez", "gonzalez", "maria")),
        ("Anna van der Berg wrote. Mr. van der Berg replied.", ("Anna van der Berg", "van der Berg")),
        ("Dr. Wei Zhang called. Dr. Zhang called again. W. Zhang too.", ("Wei Zhang", "Zhang", "W. Zhang")),
    ],
)  # fmt: skip
def test_variant_forms_link_to_one_entity(text, forms):
    spans = list(Names(*forms).analyze(text, None))
    assert len(spans) >= len(forms)
    assert len({s.attrs["entity"] for s in link_names(text, spans)}) == 1
    result = anon("indexed_tag", *forms).anonymize(text)
    assert set(outputs(result)) == {"<PERSON_1>"}


def test_titles_before_a_first_name_do_not_make_it_a_surname():
    text = "Mary Jones came. Sister Mary prayed. Mrs. Jones left."
    spans = list(Names("Mary Jones", "Mary", "Jones").analyze(text, None))
    parts = [(s.text, s.attrs.get("part")) for s in link_names(text, spans)]
    assert parts == [("Mary Jones", None), ("Mary", "first"), ("Jones", "last")]
