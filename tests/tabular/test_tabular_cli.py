"""run_tabular: CSV and Parquet round trips, summary without values."""

from __future__ import annotations

import pytest

from veil.tabular.cli import read_table, run_tabular, write_table
from veil.tabular.errors import TabularConfigError, TabularInputError


def _write(tmp_path, sep=";"):
    p = tmp_path / "in.csv"
    rows = ["age;zip;sex"] + [f"{20 + i % 30};0{8100 + i % 7};{'mf'[i % 2]}" for i in range(120)]
    p.write_text("\n".join(r.replace(";", sep) for r in rows) + "\n")
    return p


@pytest.mark.parametrize("sep", [";", ","])
def test_csv_round_trip(tmp_path, sep):
    src = _write(tmp_path, sep)
    out = tmp_path / "out.csv"
    summary = run_tabular(
        src,
        out,
        {"quasi_identifiers": ["age", "zip"], "k": 5, "hierarchies": {"zip": "mask"}},
    )
    assert summary["rows"] == 120
    assert set(summary["levels"]) == {"age", "zip"}
    table = read_table(out)
    assert list(table) == ["age", "zip", "sex"]
    assert len(table["age"]) == 120
    assert table["sex"] == read_table(src)["sex"]
    assert out.read_text().splitlines()[0] == sep.join(["age", "zip", "sex"])


def test_leading_zeros_kept(tmp_path):
    src = _write(tmp_path)
    assert read_table(src)["zip"][0] == "08100"


def test_parquet_round_trip(tmp_path):
    pytest.importorskip("pyarrow")
    src = tmp_path / "in.parquet"
    write_table({"a": ["x", "y"] * 10, "b": [str(i % 3) for i in range(20)]}, src)
    out = tmp_path / "out.parquet"
    s = run_tabular(src, out, {"quasi_identifiers": ["a", "b"], "k": 3, "suppression": 0})
    assert s["suppressed"] == 0
    assert len(read_table(out)["a"]) == 20


def test_hierarchy_paths_relative_to_base_dir(tmp_path, arx_dir):
    out = tmp_path / "o.csv"
    s = run_tabular(
        arx_dir / "test.csv",
        out,
        {
            "quasi_identifiers": ["age", "gender", "zipcode"],
            "hierarchies": {
                "age": "test_hierarchy_age.csv",
                "gender": "test_hierarchy_gender.csv",
                "zipcode": "test_hierarchy_zipcode.csv",
            },
            "base_dir": str(arx_dir),
            "k": 2,
            "suppression": 0,
        },
    )
    assert s["suppressed"] == 0 and s["classes"] >= 1


def test_errors(tmp_path):
    src = _write(tmp_path)
    with pytest.raises(TabularConfigError, match="unknown tabular option"):
        run_tabular(src, tmp_path / "o.csv", {"quasi_identifiers": ["age"], "kk": 2})
    bad = tmp_path / "bad.csv"
    bad.write_text("a;b\n1;2\n3\n")
    with pytest.raises(TabularInputError, match="line 3"):
        read_table(bad)
