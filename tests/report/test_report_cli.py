"""The reports through the CLI: anonymize (+ canaries), audit, tabular, eval."""

from __future__ import annotations

import json
from pathlib import Path

import planted
import pytest
from planted import PII

import veil
from veil.cli import main

REPO = Path(__file__).resolve().parents[2]


TEXTS = [*planted.TEXTS, "Nothing personal in this one, just a question about pricing."]


def write_input(path: Path, copies: int = 4) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(copies):
            for j, t in enumerate(TEXTS):
                f.write(json.dumps({"id": f"{i}-{j}", "text": t}) + "\n")
    return path


def assert_no_pii(*paths: Path) -> None:
    for p in paths:
        text = p.read_text(encoding="utf-8")
        for v in PII:
            assert v not in text, f"{v!r} in {p.name}"
            assert v.replace(" ", "") not in text.replace(" ", "") or len(v) < 8


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    rc = main(list(argv))
    return rc, capsys.readouterr().out


def test_anonymize_writes_a_report_next_to_the_output(tmp_path: Path, capsys) -> None:
    src = write_input(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    rc, printed = run("anonymize", str(src), "-o", str(out), "--no-progress", capsys=capsys)
    assert rc == 0
    summary = json.loads(printed)
    jp, hp = tmp_path / "out.jsonl.report.json", tmp_path / "out.jsonl.report.html"
    assert summary["report"] == {"json": str(jp), "html": str(hp)}
    data = json.loads(jp.read_text())
    assert data["kind"] == "anonymize"
    assert data["summary"]["records"] == {"in": 20, "out": 20, "quarantined": 0}
    assert data["summary"]["labels"]["EMAIL"] == 4
    assert sum(data["score_histogram"]["EMAIL"]) == 4
    assert {s["label"] for s in data["samples"]} >= {"EMAIL", "PHONE", "IBAN"}
    assert data["run"]["policy"]["default"] == "tag"
    html = hp.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html and "<script" not in html
    assert_no_pii(jp, hp)


def test_key_fingerprint_but_never_the_key(tmp_path: Path, capsys, monkeypatch) -> None:
    key = "hex:" + "ab" * 32
    monkeypatch.setenv("VEIL_KEY", key)
    src = write_input(tmp_path / "in.jsonl", 1)
    out = tmp_path / "o.jsonl"
    rc, _ = run(
        "anonymize", str(src), "-o", str(out), "--policy", str(REPO / "examples" / "policy.yaml"),
        "--report", str(tmp_path / "rep"), "--no-progress", capsys=capsys,
    )  # fmt: skip
    assert rc == 0
    data = json.loads((tmp_path / "rep" / "report.json").read_text())
    assert data["run"]["key_fingerprint"].startswith("veil:")
    for f in ("report.json", "report.html"):
        text = (tmp_path / "rep" / f).read_text()
        assert "ab" * 32 not in text
    assert not (tmp_path / "o.jsonl.report.json").exists()


def test_no_report(tmp_path: Path, capsys) -> None:
    src = write_input(tmp_path / "in.jsonl", 1)
    rc, printed = run(
        "anonymize", str(src), "-o", str(tmp_path / "o.jsonl"), "--no-report", "--no-progress",
        capsys=capsys,
    )  # fmt: skip
    assert rc == 0 and "report" not in json.loads(printed)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "o.jsonl"]


def test_canaries_never_reach_the_output(tmp_path: Path, capsys) -> None:
    src = write_input(tmp_path / "in.jsonl")
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    run("anonymize", str(src), "-o", str(a), "--no-progress", "--no-report", capsys=capsys)
    rc, printed = run(
        "anonymize", str(src), "-o", str(b), "--no-progress", "--canaries", "3", capsys=capsys
    )
    assert rc == 0
    assert a.read_bytes() == b.read_bytes()
    summary = json.loads(printed)
    assert summary["canaries"]["planted"] == 3 * len(veil.LABELS)
    data = json.loads((tmp_path / "b.jsonl.report.json").read_text())
    per = data["canaries"]["per_label"]
    assert set(per) >= {"EMAIL", "IBAN", "PERSON"} and per["EMAIL"]["planted"] == 3
    assert "canaries" in (tmp_path / "b.jsonl.report.html").read_text()
    assert_no_pii(tmp_path / "b.jsonl.report.json", tmp_path / "b.jsonl.report.html")


def test_audit_finds_what_is_left_and_ignores_tags(tmp_path: Path, capsys) -> None:
    f = tmp_path / "anon.jsonl"
    rows = [
        {"text": "Mail <EMAIL> or call <PHONE>; <PERSON_1> said hi [[ENC:IBAN:gjjsAX_vWi2MUT6ImDv5k5gEPESKe2ccvRa5mIvXbuAxhosOz76hgAwEyg]]"},
        {"text": "Leaked: write to jane.doe@gmail.com about it."},
        {"text": "nothing here"},
    ]  # fmt: skip
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    rc, printed = run("audit", str(f), "--json", capsys=capsys)
    assert rc == 0
    res = json.loads(printed)
    assert res["residual"] == {"EMAIL": {"hits": 1, "records": 1, "share_of_records": 0.333333}}
    assert res["summary"]["records"]["with_residual"] == 1
    data = json.loads((tmp_path / "anon.jsonl.audit.json").read_text())
    assert data["hits"][0]["where"].endswith(":2")
    assert_no_pii(tmp_path / "anon.jsonl.audit.json", tmp_path / "anon.jsonl.audit.html")
    rc, _ = run("audit", str(f), "--fail-on-leak", "--no-report", capsys=capsys)
    assert rc == 3


def test_audit_of_a_tagged_run_is_clean(tmp_path: Path, capsys) -> None:
    src = write_input(tmp_path / "in.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    run("anonymize", str(src), "-o", str(out / "o.jsonl"), "--no-progress", capsys=capsys)
    rc, printed = run("audit", str(out), "--rules-only", "--json", capsys=capsys)
    assert rc == 0
    res = json.loads(printed)
    assert res["summary"]["records"]["scanned"] == 10
    assert res["summary"]["residual_hits"] == 0, res["residual"]
    assert (out / "audit.html").exists()


def test_eval_writes_html_with_genres(tmp_path: Path, capsys) -> None:
    gold = tmp_path / "gold.jsonl"
    docs = [
        ("chat", "mail jane.doe@gmail.com now", 5, 23, "EMAIL"),
        ("ticket", "from 81.2.69.142 again", 5, 16, "IP_ADDRESS"),
    ]
    gold.write_text(
        "".join(
            json.dumps(
                {
                    "id": str(i),
                    "genre": g,
                    "text": t,
                    "spans": [{"start": s, "end": e, "label": lab}],
                }
            )
            + "\n"
            for i, (g, t, s, e, lab) in enumerate(docs)
        )
    )
    rc, _ = run("eval", str(gold), "-o", str(tmp_path / "r.json"), "--rules-only", capsys=capsys)
    assert rc == 0
    res = json.loads((tmp_path / "r.json").read_text())
    assert set(res["genres"]) == {"chat", "ticket"}
    html = (tmp_path / "r.html").read_text()
    assert "Per genre" in html and "Confusion between labels" in html and "<svg" in html


def test_tabular_writes_a_report(tmp_path: Path, capsys) -> None:
    import random

    rng = random.Random(0)
    src = tmp_path / "t.csv"
    lines = ["age,zip,sex,disease"]
    for _ in range(120):
        lines.append(f"{rng.randint(20, 70)},{rng.choice(['10115', '10117', '20095', '20097'])},"
                     f"{rng.choice('MF')},{rng.choice(['flu', 'cold', 'none'])}")  # fmt: skip
    src.write_text("\n".join(lines) + "\n")
    pol = tmp_path / "p.yaml"
    pol.write_text(
        "tabular:\n  quasi_identifiers: [age, zip, sex]\n  hierarchies: {zip: mask}\n  k: 5\n"
    )
    out = tmp_path / "t.anon.csv"
    rc, _ = run("tabular", str(src), "-o", str(out), "--policy", str(pol), capsys=capsys)
    assert rc == 0
    data = json.loads((tmp_path / "t.anon.csv.report.json").read_text())
    assert data["kind"] == "tabular"
    assert data["k_achieved"] >= 5
    assert sum(data["class_sizes"]["before"].values()) >= sum(data["class_sizes"]["after"].values())
    assert data["risk"]["after"]["prosecutor_max"] <= 0.2 + 1e-9
    html = (tmp_path / "t.anon.csv.report.html").read_text()
    assert "Equivalence classes" in html and "Re-identification risk" in html
