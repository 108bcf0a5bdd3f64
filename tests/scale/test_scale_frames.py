"""veil.frame (pandas, polars) and veil.hf (Hugging Face datasets)."""

import pytest

import veil.frame
import veil.hf
from veil import Pattern, PatternRecognizer
from veil.engine.local import AnonymizerSpec
from veil.errors import ConfigError, RecordError
from veil.policy import Policy

EMAIL = PatternRecognizer(
    "TestEmail", "EMAIL", [Pattern("email", r"[\w.+-]+@[\w-]+\.[\w.]+", 0.9)], trigger="@"
)
KEY = "hex:" + "ab" * 32
PSEUDO = Policy.from_dict({"operators": {"EMAIL": {"type": "hash"}}})
SPEC = AnonymizerSpec(policy=PSEUDO, key=KEY, recognizers=(EMAIL,))
IDX = AnonymizerSpec(
    policy=Policy.from_dict({"default": {"type": "indexed_tag"}}), recognizers=(EMAIL,)
)


def rows(n=50):
    return {
        "id": list(range(n)),
        "bio": [f"write to u{i % 7}@x.io" if i % 9 else None for i in range(n)],
        "note": [f"cc u{i % 7}@x.io and boss@corp.org" for i in range(n)],
        "score": [i / 3 for i in range(n)],
    }


def test_pandas_frame_keeps_other_columns_index_and_order():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(rows(), index=[f"r{i}" for i in range(50)])
    out = veil.frame.anonymize(df, columns=["bio", "note"], policy=SPEC)
    assert list(out.index) == list(df.index) and list(out.columns) == list(df.columns)
    assert out["score"].equals(df["score"]) and out["id"].equals(df["id"])
    assert out["bio"].isna().sum() == df["bio"].isna().sum() > 0
    text = " ".join(out["note"]) + " ".join(out["bio"].dropna())
    assert "@x.io" not in text and "@corp.org" not in text
    # keyed hash: the same value gets the same token in every row and column
    assert out.loc["r1", "bio"].split()[-1] == out.loc["r8", "note"].split()[1]
    assert df["note"].iloc[0].startswith("cc u0@")  # the input is untouched


def test_pandas_default_columns_are_the_string_ones():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(rows())
    out = veil.frame.anonymize(df, policy=IDX)
    assert out["note"].iloc[0] == "cc <EMAIL_1> and <EMAIL_2>"  # context shared by the row
    assert out["bio"].iloc[1] == "write to <EMAIL_1>"


def test_polars_frame():
    pl = pytest.importorskip("polars")
    df = pl.DataFrame(rows())
    out = veil.frame.anonymize(df, policy=IDX)
    assert out.schema == df.schema and out["score"].equals(df["score"])
    assert out["note"][0] == "cc <EMAIL_1> and <EMAIL_2>" and out["bio"][0] is None
    with pytest.raises(ConfigError, match="'nope'"):
        veil.frame.anonymize(df, columns=["nope"], policy=IDX)


def test_frame_rejects_other_objects_and_odd_cells():
    pd = pytest.importorskip("pandas")
    with pytest.raises(ConfigError):
        veil.frame.anonymize([1, 2], policy=IDX)
    df = pd.DataFrame({"a": [object()]})
    with pytest.raises(RecordError, match="row 0, column 'a'"):
        veil.frame.anonymize(df, columns=["a"], policy=IDX)


def test_hf_dataset_map_with_two_processes():
    datasets = pytest.importorskip("datasets")
    data = rows(40)
    data["messages"] = [
        [{"role": "user", "content": f"I am u{i % 3}@x.io"}, {"role": "assistant", "content": "ok"}]
        for i in range(40)
    ]
    ds = datasets.Dataset.from_dict(data)
    out = veil.hf.anonymize_dataset(ds, SPEC, num_proc=2, batch_size=8, load_from_cache_file=False)
    assert out.column_names == ds.column_names and out["id"] == ds["id"]
    assert out["score"] == ds["score"]
    flat = str(out["note"]) + str(out["bio"]) + str(out["messages"])
    assert "@x.io" not in flat and "@corp.org" not in flat
    # rows 0 and 21 were processed by different processes: same value, same token
    assert out[0]["messages"][0]["content"] == out[21]["messages"][0]["content"]
    assert out[0]["messages"][1] == {"role": "assistant", "content": "ok"}
    dd = veil.hf.anonymize_dataset(
        datasets.DatasetDict({"train": ds, "test": ds}), SPEC, columns=["note"]
    )
    assert dd["test"]["note"] == out["note"] and dd["train"]["bio"] == ds["bio"]


def test_rows_are_analyzed_in_one_batch_with_the_row_by_row_result(monkeypatch):
    from veil.engine.rows import RowAnonymizer

    rows_ = RowAnonymizer(IDX)
    anon = rows_.anonymizer
    calls: list[int] = []
    real = anon.analyze_batch
    monkeypatch.setattr(anon, "analyze_batch", lambda ts: calls.append(len(ts)) or real(ts))
    data = {
        "a": ["x a@b.io", None, "", "c@d.io then a@b.io", 3],
        "chat": [
            [{"role": "user", "content": "I am c@d.io"}],
            {"k": ["a@b.io", 2.5, None]},
            [],
            (),
            "nothing here",
        ],
    }
    out = rows_.columns(data, ["a", "chat"])
    assert calls == [6]  # the non-empty strings of every row and column, at once

    # the same as each row anonymized on its own, its cells sharing one context
    def walk(v, ctx):
        if isinstance(v, str):
            return anon.anonymize(v, context=ctx).text if v else v
        if isinstance(v, list | tuple):
            return [walk(x, ctx) for x in v]
        if isinstance(v, dict):
            return {k: walk(x, ctx) for k, x in v.items()}
        return v

    for i in range(5):
        ctx = anon.new_context()
        assert [out["a"][i], out["chat"][i]] == [
            walk(data["a"][i], ctx),
            walk(data["chat"][i], ctx),
        ]
    assert out["a"][3] == "<EMAIL_1> then <EMAIL_2>" and out["chat"][1] == {
        "k": ["<EMAIL_1>", 2.5, None]
    }
