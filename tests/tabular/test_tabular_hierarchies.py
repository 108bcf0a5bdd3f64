"""Hierarchy loading (ARX CSV), validation errors and automatic builders."""

from __future__ import annotations

import pytest

from veil.tabular.errors import HierarchyError, TabularInputError
from veil.tabular.hierarchies import (
    MISSING,
    auto_hierarchy,
    date_hierarchy,
    interval_hierarchy,
    load_hierarchy,
    mask_hierarchy,
    ordered_hierarchy,
)


def test_load_arx_csv(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("alice;x;*\r\nbob;x;*\r\ncarol;y;*\r\n\r\n")
    h = load_hierarchy(p)
    assert h.height == 3
    assert h.leaves == ["alice", "bob", "carol"]
    assert "alice" not in repr(h)


@pytest.mark.parametrize(
    ("text", "line"),
    [("a;x;*\nb;*\n", 2), ("a;x;*\nb;y;*\nc;y;z;*\n", 3)],
)
def test_inconsistent_depth_names_file_and_line(tmp_path, text, line):
    p = tmp_path / "bad.csv"
    p.write_text(text)
    with pytest.raises(HierarchyError, match=rf"bad.csv line {line}: .*inconsistent depth"):
        load_hierarchy(p)


def test_duplicate_leaf(tmp_path):
    p = tmp_path / "dup.csv"
    p.write_text("secretvalue;x;*\nsecretvalue;y;*\n")
    with pytest.raises(HierarchyError, match="line 2: duplicate leaf") as e:
        load_hierarchy(p)
    assert "secretvalue" not in str(e.value)


def test_empty_and_missing_file(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_text("\n")
    with pytest.raises(HierarchyError, match="empty"):
        load_hierarchy(p)
    with pytest.raises(HierarchyError, match="cannot be read"):
        load_hierarchy(tmp_path / "nope.csv")


def test_dataframes():
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    rows = [["a", "x", "*"], ["b", "x", "*"]]
    assert load_hierarchy(pd.DataFrame(rows)).rows == load_hierarchy(rows).rows
    assert load_hierarchy(pl.DataFrame(rows, orient="row")).rows == load_hierarchy(rows).rows


def test_arx_files(arx_dir):
    h = load_hierarchy(arx_dir / "adult_hierarchy_age.csv")
    assert h.height == 5
    assert all(r[-1] == "*" for r in h.rows)


def test_interval_hierarchy():
    h = interval_hierarchy([3, 17, 42, 42.0], widths=[5, 10])
    assert h.rows == (
        ("3", "[0, 5[", "[0, 10[", "*"),
        ("17", "[15, 20[", "[10, 20[", "*"),
        ("42", "[40, 45[", "[40, 50[", "*"),
    )


def test_interval_mixed_types():
    with pytest.raises(TabularInputError, match="column 'age' row 1: not a number"):
        interval_hierarchy([34, "4e", 70], column="age")


def test_date_hierarchy():
    h = date_hierarchy(["2021-03-04", "2021-03-30", "1999-12-31T10:00"])
    assert ("2021-03-04", "2021-03", "2021", "2020s", "*") in h.rows
    with pytest.raises(TabularInputError, match="not an ISO date"):
        date_hierarchy(["2021-03-04", "yesterday"], column="d")


def test_mask_hierarchy():
    h = mask_hierarchy(["81667", "81675"])
    assert h.rows[0] == ("81667", "8166*", "816**", "81***", "8****", "*****", "*")


def test_ordered_hierarchy():
    h = ordered_hierarchy(["low", "mid", "high", "top"], fanout=2)
    assert h.rows[0] == ("low", "low..mid", "*")
    assert h.rows[3] == ("top", "high..top", "*")


@pytest.mark.parametrize(
    ("values", "first_generalization"),
    [
        (["81667", "81675", "81925"], "8166*"),
        (["2020-01-02", "2021-05-06"], "2020-01"),
        ([34, 45, 70], None),
        (["a", "b"], "*"),
    ],
)
def test_auto_hierarchy(values, first_generalization):
    h = auto_hierarchy(values)
    if first_generalization is not None:
        assert h.rows[0][1] == first_generalization
    else:
        assert h.rows[0][1].startswith("[")


def test_auto_hierarchy_mixed_numeric_column():
    with pytest.raises(TabularInputError, match="column 'age'"):
        auto_hierarchy(["34", "45", "4e", "70", "66", "12"], column="age")


def test_missing_leaf_added():
    h = load_hierarchy([("a", "x", "*"), ("b", "x", "*")]).with_leaf(MISSING)
    assert h.rows[-1] == (MISSING, MISSING, "*")


def test_non_tree_hierarchy(tmp_path):
    p = tmp_path / "nt.csv"
    p.write_text("a;x;u;*\nb;x;v;*\n")
    with pytest.raises(HierarchyError, match="line 2: a level-1 value generalizes to two"):
        load_hierarchy(p)


def test_auto_intervals_nest():
    h = auto_hierarchy(list(range(0, 97, 3)))
    load_hierarchy([list(r) for r in h.rows])  # validates the tree property
    assert h.height >= 3
