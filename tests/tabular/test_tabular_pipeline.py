"""anonymize_table: direct identifiers consistent with the text side, free text through
the text engine, generalization, and the reports of the summary."""

from __future__ import annotations

import json
import random

import pytest

import veil
from veil.errors import KeyConfigError
from veil.tabular import TabularConfigError, anonymize_table
from veil.tabular.metrics import equivalence_classes

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

KEY = veil.Key(b"k" * 32, "test")
POLICY = {
    "operators": {
        "EMAIL": "pseudonymize",
        "USERNAME": "pseudonymize",
        "PERSON": "pseudonymize",
        "PHONE": {"type": "hash", "length": 12},
    }
}
NAMES = ["Carmen Hinton", "James Myers", "Tyler Armstrong", "Jocelyn Sutton"]


@pytest.fixture(scope="module")
def anon():
    return veil.Anonymizer(POLICY, key=KEY, rules_only=True)


def users(n=120, seed=0):
    rng = random.Random(seed)
    return {
        "user_id": [f"u_{48000 + i}" for i in range(n)],
        "email": [f"jane.doe{i}@gmail.com" for i in range(n)],
        "name": [rng.choice(NAMES) for _ in range(n)],
        "phone": [f"+44 20 7946 {1000 + i}" for i in range(n)],
        "age": [str(rng.randint(18, 80)) for _ in range(n)],
        "zip": [f"0{rng.randint(1000, 1099)}" for _ in range(n)],
        "sex": [rng.choice("MF") for _ in range(n)],
        "notes": [
            f"Please call me back at jane.doe{i}@gmail.com about the last invoice" for i in range(n)
        ],
        "plan": [rng.choice(["free", "pro"]) for _ in range(n)],
    }


def test_table_and_chat_log_get_the_same_surrogates(anon):
    data = users(60)
    out, s = anonymize_table(data, {"k": 3, "metrics": False}, anonymizer=anon)
    assert {c: (d["label"], d["action"]) for c, d in s["direct_identifiers"].items()} == {
        "user_id": ("USERNAME", "pseudonymize"),
        "email": ("EMAIL", "pseudonymize"),
        "name": ("PERSON", "pseudonymize"),
        "phone": ("PHONE", "hash"),
    }
    assert s["direct_identifiers"]["name"]["distinct"] == len(set(data["name"]))
    for row in (0, 7, 33):
        chat = (
            f"user_id={data['user_id'][row]} here, mail me at {data['email'][row]} "
            f"or call {data['phone'][row]}. {data['name'][row]} signed the form."
        )
        res = anon.anonymize(chat)
        by_label = {}
        for sp, rep in zip(res.spans, res.replacements, strict=True):
            by_label[sp.label] = (chat[sp.start : sp.end], rep.new)
        assert by_label["USERNAME"] == (data["user_id"][row], out["user_id"][row])
        assert by_label["EMAIL"] == (data["email"][row], out["email"][row])
        assert by_label["PHONE"] == (data["phone"][row], out["phone"][row])
        assert by_label["PERSON"] == (data["name"][row], out["name"][row])
    # surrogates changed the values, and equal values got equal surrogates
    assert all(a != b for a, b in zip(data["email"], out["email"], strict=True))
    pairs = set(zip(data["name"], out["name"], strict=True))
    assert len(pairs) == len(set(data["name"]))


def test_other_key_other_surrogates(anon):
    data = users(20)
    a, _ = anonymize_table(data, {"k": 2, "metrics": False}, anonymizer=anon)
    other = veil.Anonymizer(POLICY, key=veil.Key(b"o" * 32, "test"), rules_only=True)
    b, _ = anonymize_table(data, {"k": 2, "metrics": False}, anonymizer=other)
    assert a["email"] != b["email"]


def test_actions(anon):
    data = users(30)
    cfg = {
        "k": 2,
        "metrics": False,
        "direct_action": "drop",
        "columns": {
            "user_id": {"role": "direct", "action": "hash"},
            "phone": {"role": "direct", "action": {"type": "mask", "keep_last": 2}},
        },
    }
    out, s = anonymize_table(data, cfg, anonymizer=anon)
    assert "email" not in out and "name" not in out
    assert out["user_id"][0].startswith("USERNAME_") and len(set(out["user_id"])) == 30
    assert s["direct_identifiers"]["user_id"] == {
        "label": "USERNAME",
        "action": "hash",
        "distinct": 30,
        "distinct_replacements": 30,
    }
    assert out["phone"][0].endswith(data["phone"][0][-2:])
    assert data["phone"][0] not in out["phone"]
    assert s["direct_identifiers"]["email"]["action"] == "drop"


def test_keyed_action_without_key_fails_before_work():
    no_key = veil.Anonymizer(rules_only=True)
    with pytest.raises(KeyConfigError, match="need a key"):
        anonymize_table(users(10), {"direct_action": "pseudonymize"}, anonymizer=no_key)
    # the default action follows the (default, tagging) text policy: no key needed
    out, _ = anonymize_table(users(10), {"k": 2, "metrics": False}, anonymizer=no_key)
    assert set(out["email"]) == {"<EMAIL>"}


def test_free_text_goes_through_the_text_engine(anon):
    data = users(30)
    out, s = anonymize_table(data, {"k": 2, "metrics": False}, anonymizer=anon)
    for i in range(30):
        assert out["notes"][i] == anon.anonymize(data["notes"][i]).text
        assert data["email"][i] not in out["notes"][i]
        # the email inside the text got the surrogate of the email column
        assert out["email"][i] in out["notes"][i]
    assert s["text_columns"]["notes"] == {
        "cells": 30,
        "changed": 30,
        "spans_by_label": {"EMAIL": 30},
    }


def test_missing_values_in_identifier_and_text_columns_stay_missing(anon):
    data = users(12)
    data["email"][3] = None
    data["notes"][4] = ""
    out, _ = anonymize_table(pd.DataFrame(data), {"k": 2, "metrics": False}, anonymizer=anon)
    assert pd.isna(out["email"][3]) and pd.isna(data["email"][3])
    assert out["notes"][4] == ""


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_frames_in_frames_out(anon, kind):
    data = users(60)
    frame = pd.DataFrame(data) if kind == "pandas" else pl.DataFrame(data)
    cfg = {"k": 3, "metrics": False, "columns": {"name": {"role": "direct", "action": "drop"}}}
    out, _ = anonymize_table(frame, cfg, anonymizer=anon)
    ref, _ = anonymize_table(data, cfg, anonymizer=anon)
    assert type(out) is type(frame)
    assert list(out.columns) == [c for c in data if c != "name"]
    for c in ref:
        got = out[c].tolist() if kind == "pandas" else out[c].to_list()
        assert got == ref[c]


def test_generalization_and_reports(anon):
    data = users(200, seed=2)
    out, s = anonymize_table(data, {"k": 5, "suppression": 0.05}, anonymizer=anon)
    assert s["quasi_identifiers"] == ["age", "zip", "sex"]
    ids, sizes, supp = equivalence_classes(out, s["quasi_identifiers"])
    assert sizes[ids[~supp]].min() >= 5 and int(supp.sum()) == s["suppressed"]
    cs = s["class_sizes"]
    assert cs["min"] >= 5 and cs["classes"] == s["classes"]
    assert sum(size * n for size, n in cs["histogram"].items()) == 200 - s["suppressed"]
    il = s["information_loss"]
    assert set(il) >= {"loss", "gil", "ncp", "discernibility", "average_class_size"}
    assert 0 < il["gil"] <= 1 and il["non_uniform_entropy"] > 0
    before, after = s["risk"]["before"], s["risk"]["after"]
    # suppressed records (all '*') form one more class in the output
    smallest = min([cs["min"]] + ([s["suppressed"]] if s["suppressed"] else []))
    assert before["prosecutor_max"] == 1.0 and after["prosecutor_max"] == 1 / smallest
    assert after["sample_uniques"] == 0 < before["sample_uniques"]
    assert len(after["highest_risk_rows"]) == 10
    assert "utility" not in s
    text = json.dumps(s)  # JSON-ready, and no raw value of any column
    for col in data.values():
        for v in col[:20]:
            if len(v) > 3:
                assert json.dumps(v) not in text


def test_ml_utility_for_a_target(anon):
    pytest.importorskip("sklearn")
    rng = random.Random(1)
    n = 300
    age = [rng.randint(18, 80) for _ in range(n)]
    data = {
        "age": [str(a) for a in age],
        "sex": [rng.choice("MF") for _ in range(n)],
        "churned": ["yes" if a > 50 else "no" for a in age],
    }
    _, s = anonymize_table(data, {"k": 5, "target": "churned"}, anonymizer=anon)
    u = s["utility"]
    assert u["target"] == "churned" and u["features"] == ["age", "sex"]
    assert u["accuracy_original"] > 0.9  # age decides the target
    assert u["accuracy_diff"] == pytest.approx(u["accuracy_original"] - u["accuracy_anonymized"])
    assert u["auc_diff"] == pytest.approx(u["auc_original"] - u["auc_anonymized"])


def test_no_quasi_identifiers_still_replaces_identifiers(anon):
    data = {"email": [f"a{i}@gmail.com" for i in range(10)]}
    out, s = anonymize_table(data, {}, anonymizer=anon)
    assert s["quasi_identifiers"] == [] and "warning" in s
    assert out["email"] != data["email"]


def test_profile_off_keeps_unlisted_columns(anon):
    data = users(30)
    out, s = anonymize_table(
        data, {"k": 2, "profile": False, "quasi_identifiers": ["age"]}, anonymizer=anon
    )
    assert out["email"] == data["email"] and out["notes"] == data["notes"]
    assert s["quasi_identifiers"] == ["age"]


@pytest.mark.parametrize(
    "cfg, match",
    [
        ({"bogus": 1}, "unknown tabular option"),
        ({"direct_action": "shred"}, "unknown action"),
        ({"direct_action": {"type": "mask", "nope": 1}}, "nope"),
        ({"columns": {"age": {"role": "quasi", "action": "hash"}}}, "only direct identifiers"),
        ({"target": "nope"}, "target column 'nope'"),
        ({"l": 2, "columns": {"plan": "other"}}, "need a sensitive column"),
    ],
)
def test_config_errors(anon, cfg, match):
    with pytest.raises(TabularConfigError, match=match):
        anonymize_table(users(20), cfg, anonymizer=anon)


def test_l_diversity_uses_profiled_sensitive_column(anon):
    data = users(200, seed=4)
    data["diagnosis"] = [random.Random(i).choice(["flu", "cold", "ulcer"]) for i in range(200)]
    out, s = anonymize_table(data, {"k": 3, "l": 2, "metrics": False}, anonymizer=anon)
    assert s["sensitive"] == ["diagnosis"]
    ids, _, supp = equivalence_classes(out, s["quasi_identifiers"])
    for cid in set(ids[~supp].tolist()):
        vals = {data["diagnosis"][i] for i in range(200) if ids[i] == cid}
        assert len(vals) >= 2


def test_a_column_with_a_hierarchy_is_a_quasi_identifier(anon):
    data = users(40)
    hier = {"plan": [("free", "*"), ("pro", "*")]}
    _, s = anonymize_table(data, {"k": 2, "metrics": False, "hierarchies": hier}, anonymizer=anon)
    assert s["quasi_identifiers"] == ["age", "zip", "sex", "plan"]
    assert s["profile"]["plan"]["overridden"] is True
