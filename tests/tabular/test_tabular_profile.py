"""Column profiling: names, recognized values and cardinality decide; the policy wins."""

from __future__ import annotations

import random

import pytest

import veil
from veil.tabular import TabularConfigError, profile
from veil.tabular.profile import classify_name

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")


@pytest.fixture(scope="module")
def anon():
    return veil.Anonymizer(rules_only=True)


@pytest.mark.parametrize(
    "name, role, label",
    [
        ("email", "direct", "EMAIL"),
        ("customer_email", "direct", "EMAIL"),
        ("E-Mail", "direct", "EMAIL"),
        ("phone_number", "direct", "PHONE"),
        ("user_id", "direct", "USERNAME"),
        ("userId", "direct", "USERNAME"),
        ("FirstName", "direct", "PERSON"),
        ("ssn", "direct", "US_SSN"),
        ("credit_card", "direct", "CREDIT_CARD"),
        ("patient_id", "direct", "ID"),
        ("birth_date", "quasi", None),
        ("zip", "quasi", None),
        ("native-country", "quasi", None),
        ("marital-status", "quasi", None),
        ("salary-class", "sensitive", None),
        ("credit_score", "sensitive", None),
        ("diagnosis", "sensitive", None),
        ("notes", "text", None),
    ],
)
def test_names(name, role, label):
    assert classify_name(name) == (role, label)


@pytest.mark.parametrize("name", ["priority", "x", "amount", "status"])
def test_names_without_meaning(name):
    assert classify_name(name) is None


def users(n=120, seed=0):
    rng = random.Random(seed)
    first = ["Carmen", "James", "Tyler", "Jocelyn", "Maria", "Robert", "Linda", "David"]
    last = ["Hinton", "Myers", "Armstrong", "Sutton", "Garcia", "Smith", "Brown", "Lee"]
    return {
        # column names that say nothing: the values decide
        "c1": [f"{rng.choice(first).lower()}{i}@gmail.com" for i in range(n)],
        "c2": [f"{rng.choice(first)} {rng.choice(last)}" for _ in range(n)],
        "c3": [f"+44 20 7946 {rng.randint(1000, 9999)}" for _ in range(n)],
        "c4": [f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" for _ in range(n)],
        "c5": [f"Ticket {i}: the customer asked about the invoice and a refund" for i in range(n)],
        "c6": [f"R{100000 + i}" for i in range(n)],  # unique: an id
        "c7": [rng.choice(["low", "high"]) for _ in range(n)],
        "c8": ["same"] * n,
        "c9": [round(rng.random() * 1000, 3) for _ in range(n)],  # unique floats: a measure
    }


def test_values_and_cardinality_decide(anon):
    p = profile(users(), anonymizer=anon)
    got = {c: (p[c].role, p[c].label) for c in p.columns}
    assert got == {
        "c1": ("direct", "EMAIL"),
        "c2": ("direct", "PERSON"),
        "c3": ("direct", "PHONE"),
        "c4": ("quasi", None),
        "c5": ("text", None),
        "c6": ("direct", "ID"),
        "c7": ("other", None),
        "c8": ("other", None),
        "c9": ("other", None),
    }
    assert p.direct == ["c1", "c2", "c3", "c6"]
    assert p.quasi_identifiers == ["c4"] and p.text == ["c5"]
    assert p["c1"].detected["EMAIL"] == 1.0
    assert p["c6"].distinct_ratio == 1.0


def test_adult_columns(adult, anon):
    p = profile(adult, anonymizer=anon)
    assert p.sensitive == ["salary-class"]
    assert p.quasi_identifiers == [
        "sex",
        "age",
        "race",
        "marital-status",
        "education",
        "native-country",
        "workclass",
        "occupation",
    ]


def test_repeating_id_column_is_not_a_direct_identifier(anon):
    p = profile({"store_id": ["1", "2", "3"] * 20}, anonymizer=anon)
    assert p["store_id"].role == "other"


def test_policy_overrides(anon):
    data = users(40)
    p = profile(
        data,
        {"c1": "other", "c7": {"role": "direct", "label": "USERNAME"}, "c5": "quasi"},
        sensitive="c8",
        anonymizer=anon,
    )
    assert (p["c1"].role, p["c1"].label, p["c1"].overridden) == ("other", None, True)
    assert (p["c7"].role, p["c7"].label) == ("direct", "USERNAME")
    assert p["c5"].role == "quasi" and p["c8"].role == "sensitive"
    assert p["c2"].overridden is False


def test_listed_quasi_identifiers_are_complete(anon):
    p = profile(users(40), quasi_identifiers=["c7"], anonymizer=anon)
    assert p.quasi_identifiers == ["c7"]
    assert p["c4"].role == "other" and "quasi_identifiers" in p["c4"].reason


def test_direct_override_without_label_uses_detection(anon):
    p = profile(users(40), {"c1": "direct", "c7": "direct"}, anonymizer=anon)
    assert p["c1"].label == "EMAIL"
    assert p["c7"].label == "ID"


@pytest.mark.parametrize(
    "columns, kw, match",
    [
        ({"c1": "weird"}, {}, "unknown role"),
        ({"nope": "quasi"}, {}, "column 'nope' is not in the table"),
        ({"c1": "other"}, {"quasi_identifiers": ["c1"]}, "two roles"),
        ({"c1": {"role": "direct", "label": "email"}}, {}, "upper-case label"),
        ({"c1": {"label": "EMAIL"}}, {}, "needs a 'role'"),
        ({"c1": {"role": "direct", "bogus": 1}}, {}, "unknown field"),
    ],
)
def test_override_errors(anon, columns, kw, match):
    with pytest.raises(TabularConfigError, match=match):
        profile(users(10), columns, anonymizer=anon, **kw)


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_frames(anon, kind):
    data = users(40)
    frame = pd.DataFrame(data) if kind == "pandas" else pl.DataFrame(data)
    a = profile(frame, anonymizer=anon).to_dict()
    b = profile(data, anonymizer=anon).to_dict()
    assert a == b


def test_missing_values_counted(anon):
    data = {"email": ["a@gmail.com", None, "", "b@gmail.com"] * 10}
    p = profile(pd.DataFrame(data), anonymizer=anon)
    assert p["email"].missing == 20 and p["email"].distinct == 2
    assert p["email"].role == "direct"
    assert profile({"e": [None] * 5}, anonymizer=anon)["e"].role == "other"


def test_no_values_in_reports(anon):
    data = users(40)
    p = profile(data, anonymizer=anon)
    shown = repr(p) + p.table() + repr(p.to_dict())
    for col in data.values():
        for v in col[:10]:
            if isinstance(v, str) and len(v) > 4:
                assert v not in shown
