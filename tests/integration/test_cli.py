"""The ``veil`` command end to end: exit codes, summaries, the no-silent-drop
invariant, and that no raw planted value reaches stdout, stderr or a report."""

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from veil.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CHATS = EXAMPLES / "chats.jsonl"
PLANTED = ["zelda.quark@mailhost.io", "078-05-1120", "DE89370400440532013000"]


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch):
    monkeypatch.delenv("VEIL_KEY", raising=False)


def example_values():
    """Emails, SSNs and IBANs planted in the examples (synthetic)."""
    text = "".join((EXAMPLES / n).read_text() for n in ("chats.jsonl", "notes.txt", "tickets.csv"))
    found = set(re.findall(r"[\w.+-]+@(?:gmail|yahoo|hotmail)\.com", text))
    found |= set(re.findall(r"\b\d{3}-\d{2}-\d{4}\b", text))
    found |= set(re.findall(r"\b[A-Z]{2}\d{2}[A-Z0-9]{14,30}\b", text))
    assert len(found) > 10
    return found


def assert_clean(*texts):
    values = example_values() | set(PLANTED)
    for t in texts:
        leaked = [v for v in values if v in t]
        assert not leaked, f"raw values leaked: {len(leaked)}"


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


# -- basics ------------------------------------------------------------------------
@pytest.mark.parametrize("cmd", ["scan", "anonymize", "deanonymize", "eval", "keygen", "labels"])
def test_help_shows_examples(capsys, cmd):
    rc, out, _ = run(capsys, cmd, "--help")
    assert rc == 0 and "examples:" in out and f"veil {cmd}" in out


def test_version_labels_keygen(capsys):
    import veil
    from veil.keys import Key

    rc, out, _ = run(capsys, "--version")
    assert rc == 0 and veil.__version__ in out
    rc, out, _ = run(capsys, "labels")
    assert rc == 0 and "EMAIL" in out and "IBAN" in out
    rc, out, _ = run(capsys, "labels", "--json")
    assert set(json.loads(out)) == set(veil.LABELS)
    rc, out, err = run(capsys, "keygen")
    key = out.strip()
    assert rc == 0 and re.fullmatch(r"hex:[0-9a-f]{64}", key) and "VEIL_KEY" in err
    assert Key.from_text(key).fingerprint.startswith("veil:")
    _, out2, _ = run(capsys, "keygen")
    assert out2 != out


# -- anonymize ---------------------------------------------------------------------
def test_anonymize_examples_chat(tmp_path, capsys):
    out = tmp_path / "chats.anon.jsonl"
    summary = tmp_path / "summary.json"
    rc, stdout, stderr = run(
        capsys, "anonymize", str(CHATS), "-o", str(out), "--summary", str(summary), "--rules-only"
    )
    assert rc == 0, stderr
    printed = json.loads(stdout)
    assert printed == json.loads(summary.read_text())
    n_in = len(CHATS.read_text().splitlines())
    assert printed["records"] == {"in": n_in, "out": n_in, "quarantined": 0}
    assert printed["labels"]["EMAIL"] >= 10 and printed["key_fingerprint"] is None
    assert printed["policy"] == "<default policy>" and printed["throughput"]["records_per_s"] > 0
    got = [json.loads(x) for x in out.read_text().splitlines()]
    src = [json.loads(x) for x in CHATS.read_text().splitlines()]
    assert [g["id"] for g in got] == [s["id"] for s in src]  # order and pass-through
    assert [g["meta"] for g in got] == [s["meta"] for s in src]
    emails = {v for v in example_values() if "@" in v}
    assert not [e for e in emails if e in out.read_text()]
    assert_clean(stdout, stderr, summary.read_text())


def test_bad_records_are_quarantined_and_counted(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        json.dumps({"text": f"mail {PLANTED[0]}"}).encode()
        + b"\n"
        + b'{"text": "broken '
        + PLANTED[1].encode()
        + b"\n"
        + b'{"text": "\xff '
        + PLANTED[2].encode()
        + b'"}\n'
        + json.dumps({"body": PLANTED[0]}).encode()
        + b"\n"
    )
    out = tmp_path / "out.jsonl"
    rc, stdout, stderr = run(capsys, "anonymize", str(src), "-o", str(out), "--rules-only")
    assert rc == 0
    s = json.loads(stdout)
    assert s["records"] == {"in": 4, "out": 1, "quarantined": 3}
    assert s["quarantine_reasons"] == {"invalid_utf8": 1, "malformed_json": 1, "missing_field": 1}
    assert "3 of 4 records quarantined" in stderr
    q = Path(s["quarantine_files"][0])
    assert [json.loads(x)["line"] for x in q.read_text().splitlines()] == [2, 3, 4]
    assert_clean(stdout, stderr, q.read_text(), out.read_text())


def test_jobs_2_matches_jobs_1(tmp_path, capsys):
    outs = []
    for j in ("1", "2"):
        out = tmp_path / f"o{j}.jsonl.zst"
        rc, _, err = run(capsys, "anonymize", str(CHATS), "-o", str(out), "-j", j, "--rules-only")
        assert rc == 0, err
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_encrypt_policy_then_deanonymize_restores(tmp_path, capsys):
    policy = tmp_path / "p.yaml"
    policy.write_text("default: encrypt\n")
    enc = tmp_path / "enc.jsonl.gz"
    dec = tmp_path / "dec.jsonl"
    rc, _, err = run(capsys, "anonymize", str(CHATS), "-o", str(enc), "--policy", str(policy))
    assert rc == 2 and "veil: error:" in err and "--demo-key" in err and "Traceback" not in err
    rc, stdout, err = run(
        capsys,
        "anonymize",
        str(CHATS),
        "-o",
        str(enc),
        "--policy",
        str(policy),
        "--demo-key",
        "--rules-only",
    )
    assert rc == 0 and "demo key" in err and json.loads(stdout)["demo_key"] is True
    assert "[[ENC:EMAIL:" in gzip.decompress(enc.read_bytes()).decode()
    rc, _, err = run(capsys, "deanonymize", str(enc), "-o", str(dec))
    assert rc == 2 and "key" in err
    rc, stdout, err = run(
        capsys, "deanonymize", str(enc), "-o", str(dec), "--policy", str(policy), "--demo-key"
    )
    assert rc == 0, err
    src = [json.loads(x) for x in CHATS.read_text().splitlines()]
    assert [json.loads(x) for x in dec.read_text().splitlines()] == src
    assert_clean(stdout, err)


def test_example_policy_runs_with_demo_key(tmp_path, capsys):
    out = tmp_path / "o.jsonl"
    rc, stdout, err = run(
        capsys,
        "anonymize",
        str(CHATS),
        "-o",
        str(out),
        "--policy",
        str(EXAMPLES / "policy.yaml"),
        "--demo-key",
        "--rules-only",
    )
    assert rc == 0, err
    s = json.loads(stdout)
    assert s["policy"].endswith("policy.yaml") and s["key_fingerprint"].startswith("veil:")
    assert len(s["operators"]) >= 4
    assert_clean(stdout, err)


@pytest.mark.parametrize("name", ["tickets.csv", "notes.txt"])
def test_other_example_formats(tmp_path, capsys, name):
    out = tmp_path / name
    rc, stdout, err = run(capsys, "anonymize", str(EXAMPLES / name), "-o", str(out), "--rules-only")
    assert rc == 0, err
    s = json.loads(stdout)
    assert s["records"]["in"] == s["records"]["out"] > 0
    assert not [e for e in example_values() if "@" in e and e in out.read_text()]
    assert_clean(stdout, err)


def test_directory_input(tmp_path, capsys):
    d = tmp_path / "data"
    (d / "sub").mkdir(parents=True)
    (d / "a.jsonl").write_text(json.dumps({"text": PLANTED[0]}) + "\n")
    (d / "sub" / "b.txt").write_text(f"mail {PLANTED[0]}\n")
    rc, stdout, err = run(capsys, "anonymize", str(d), "-o", str(tmp_path / "out"), "--rules-only")
    assert rc == 0, err
    s = json.loads(stdout)
    assert s["files"] == 2 and s["records"]["in"] == 2
    assert (tmp_path / "out" / "sub" / "b.txt").read_text() == "mail <EMAIL>\n"


def test_empty_input(tmp_path, capsys):
    src = tmp_path / "e.jsonl"
    src.write_text("")
    rc, stdout, _ = run(
        capsys, "anonymize", str(src), "-o", str(tmp_path / "o.jsonl"), "--rules-only"
    )
    s = json.loads(stdout)
    assert rc == 0 and s["records"]["in"] == 0 and "no records" in s["note"]


# -- errors ------------------------------------------------------------------------
def test_exit_codes(tmp_path, capsys):
    bad_policy = tmp_path / "bad.yaml"
    bad_policy.write_text("operators:\n  EMAIL: {type: mask, keep_last: many}\n")
    rc, _, err = run(
        capsys,
        "anonymize",
        str(CHATS),
        "-o",
        str(tmp_path / "o.jsonl"),
        "--policy",
        str(bad_policy),
    )
    assert (
        rc == 2 and err.startswith("veil: error:") and "bad.yaml" in err and "Traceback" not in err
    )
    rc, _, err = run(capsys, "anonymize", str(CHATS))  # -o missing: usage error
    assert rc == 2
    rc, _, err = run(capsys, "anonymize", str(CHATS), "-o", str(tmp_path / "o.jsonl"), "-j", "0")
    assert rc == 2
    rc, _, err = run(
        capsys, "anonymize", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl")
    )
    assert rc == 1 and "missing.jsonl" in err
    rc, _, err = run(capsys, "anonymize", str(CHATS), "-o", str(CHATS))
    assert rc == 2 and "overwrite" in err
    weird = tmp_path / "data.bin"
    weird.write_text("x")
    rc, _, err = run(capsys, "anonymize", str(weird), "-o", str(tmp_path / "o.bin"))
    assert rc == 2 and "--format" in err


def test_truncated_input_fails_without_output(tmp_path, capsys):
    data = gzip.compress(
        b"".join(json.dumps({"text": f"{i} {PLANTED[0]}"}).encode() + b"\n" for i in range(5000))
    )
    src = tmp_path / "t.jsonl.gz"
    src.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out" / "o.jsonl"
    rc, stdout, err = run(capsys, "anonymize", str(src), "-o", str(out), "--rules-only")
    assert rc == 1 and "truncated" in err and "t.jsonl.gz" in err and "after line" in err
    assert not out.exists() and list(out.parent.iterdir()) == []
    assert_clean(stdout, err)


# -- scan and eval -----------------------------------------------------------------
def test_scan_show_masks_everything(capsys):
    rc, stdout, err = run(capsys, "scan", str(EXAMPLES / "notes.txt"), "--show", "--rules-only")
    assert rc == 0, err
    assert "EMAIL" in stdout and "[EMAIL: " in stdout and "share" in stdout
    assert_clean(stdout, err)
    rc, stdout, _ = run(capsys, "scan", str(CHATS), "--json", "--rules-only")
    d = json.loads(stdout)
    assert rc == 0 and d["records"]["in"] == 36 and 0 < d["share_of_records"]["EMAIL"] <= 1
    assert_clean(stdout)


def test_eval_prints_a_table(tmp_path, capsys):
    pytest.importorskip("veil.evaluate")
    gold = REPO / "tests" / "evaluate" / "fixtures" / "plain.jsonl"
    if not gold.exists():
        pytest.skip("evaluation fixtures not present")
    out = tmp_path / "eval.json"
    rc, stdout, err = run(capsys, "eval", str(gold), "-o", str(out), "--rules-only")
    assert rc == 0, err
    assert "OVERALL" in stdout and "recall" in stdout
    assert "labels" in json.loads(out.read_text())
    assert "555-123-4567" not in stdout


def test_subprocess_entry_point(tmp_path):
    out = tmp_path / "t.csv"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "veil",
            "anonymize",
            str(EXAMPLES / "tickets.csv"),
            "-o",
            str(out),
            "--rules-only",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert s["records"]["in"] == s["records"]["out"] + s["records"]["quarantined"] == 20
    assert "\x1b[" not in r.stderr  # no progress bar when not a TTY
    assert_clean(r.stdout, r.stderr)
