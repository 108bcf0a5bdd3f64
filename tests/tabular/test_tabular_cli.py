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


# ---------------------------------------------------------------- the veil command


def _users_csv(tmp_path, n=60):
    p = tmp_path / "users.csv"
    lines = ["user_id,email,age,sex,zip,notes,plan"]
    for i in range(n):
        lines.append(
            f"u_{48000 + i},jane.doe{i}@gmail.com,{20 + i % 40},{'MF'[i % 2]},"
            f"0{1000 + i % 9},Write to jane.doe{i}@gmail.com about the invoice,"
            f"{('free', 'pro')[i % 3 == 0]}"
        )
    p.write_text("\n".join(lines) + "\n")
    return p


def _policy(tmp_path):
    key = tmp_path / "veil.key"
    key.write_text("hex:" + "ab" * 32 + "\n")
    pol = tmp_path / "policy.yaml"
    pol.write_text(
        "operators: {EMAIL: pseudonymize, USERNAME: pseudonymize}\n"
        f"key: {{file: {key}}}\n"
        "tabular:\n"
        "  k: 4\n"
        "  suppression: 0.05\n"
        "  columns: {notes: text}\n"
    )
    return pol


def test_cli_table_and_chat_log_share_surrogates(tmp_path, capsys):
    import json

    from veil.cli import main

    src, pol = _users_csv(tmp_path), _policy(tmp_path)
    out, summary = tmp_path / "users.anon.csv", tmp_path / "summary.json"
    rc = main(
        ["tabular", str(src), "-o", str(out), "--policy", str(pol), "--summary", str(summary)]
    )
    assert rc == 0
    s = json.loads(summary.read_text())
    assert json.loads(capsys.readouterr().out) == s
    assert {c: (d["label"], d["action"]) for c, d in s["direct_identifiers"].items()} == {
        "user_id": ("USERNAME", "pseudonymize"),
        "email": ("EMAIL", "pseudonymize"),
    }
    assert s["quasi_identifiers"] == ["age", "sex", "zip"]
    for part in ("class_sizes", "information_loss", "risk"):
        assert part in s
    table = read_table(out)
    assert "jane.doe5@gmail.com" not in out.read_text()

    chats = tmp_path / "chats.jsonl"
    chats.write_text(
        json.dumps({"text": "user_id=u_48005 asked; reply to jane.doe5@gmail.com"}) + "\n"
    )
    chats_out = tmp_path / "chats.anon.jsonl"
    assert main(["anonymize", str(chats), "-o", str(chats_out), "--policy", str(pol)]) == 0
    text = json.loads(chats_out.read_text().splitlines()[0])["text"]
    assert text == f"user_id={table['user_id'][5]} asked; reply to {table['email'][5]}"
    assert table["email"][5] in table["notes"][5]


def test_cli_profile(tmp_path, capsys):
    from veil.cli import main

    src = _users_csv(tmp_path)
    assert main(["tabular", str(src), "--profile"]) == 0
    lines = capsys.readouterr().out.splitlines()
    roles = {ln.split()[0]: ln.split()[1] for ln in lines[1:]}
    assert roles == {
        "user_id": "direct",
        "email": "direct",
        "age": "quasi",
        "sex": "quasi",
        "zip": "quasi",
        "notes": "text",
        "plan": "other",
    }
    assert "jane.doe" not in "\n".join(lines)


def test_cli_needs_output(tmp_path, capsys):
    from veil.cli import main

    assert main(["tabular", str(_users_csv(tmp_path))]) == 2
    assert "-o OUT is needed" in capsys.readouterr().err


def test_cli_keyed_policy_without_key(tmp_path, capsys, monkeypatch):
    from veil.cli import main

    monkeypatch.delenv("VEIL_KEY", raising=False)
    pol = tmp_path / "p.yaml"
    pol.write_text("tabular:\n  direct_action: hash\n")
    rc = main(
        ["tabular", str(_users_csv(tmp_path)), "-o", str(tmp_path / "o.csv"), "--policy", str(pol)]
    )
    assert rc == 2 and "need a key" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_text_policy_from_another_file(tmp_path):
    src = _users_csv(tmp_path, 20)
    (tmp_path / "text.yaml").write_text("operators: {EMAIL: redact}\n")
    cfg = {
        "k": 2,
        "metrics": False,
        "text_policy": "text.yaml",
        "base_dir": str(tmp_path),
        "columns": {"user_id": {"role": "direct", "action": "drop"}},
    }
    s = run_tabular(src, tmp_path / "o.csv", cfg)
    assert s["direct_identifiers"]["email"]["action"] == "redact"
    table = read_table(tmp_path / "o.csv")
    assert "user_id" not in table
    assert "@" not in "".join(table["email"] + table["notes"])


def test_a_text_policy_alone_serves_the_table(tmp_path):
    from veil.tabular.cli import load_tabular_policy

    pol = tmp_path / "text.yaml"
    pol.write_text("operators: {EMAIL: redact}\nthreshold: 0.5\n")
    cfg = load_tabular_policy(pol)
    assert cfg["text_policy"]["operators"] == {"EMAIL": "redact"}
    s = run_tabular(_users_csv(tmp_path, 20), tmp_path / "o.csv", {**cfg, "metrics": False})
    assert s["direct_identifiers"]["email"]["action"] == "redact"
    pol.write_text("operators: {EMAIL: redact}\nk: 3\n")
    with pytest.raises(TabularConfigError, match="field 'k' is not a text-policy field"):
        load_tabular_policy(pol)
