"""No raw PII outside the data: every CLI command, under -v (DEBUG), on input with
planted canaries; stdout, stderr, logs and every file written except the intended
(anonymized / deanonymized) output are searched for the canary values."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from veil.cli import build_parser, main

CANARIES = ["canary.zq81@leakcheck.org", "512-44-7781", "(415) 555-0199"]
TEXT = "Mail canary.zq81@leakcheck.org, SSN 512-44-7781, call (415) 555-0199."


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


def _inputs(d: Path) -> dict[str, Path]:
    good = d / "in.jsonl"
    good.write_text(
        json.dumps({"text": TEXT})
        + "\n"
        + '{"text": "broken '
        + CANARIES[0]
        + "\n"  # malformed: quarantined
        + json.dumps({"other": CANARIES[1]})
        + "\n"  # missing field
    )
    csvf = d / "in.csv"
    csvf.write_text("name,note\n" + f'"{CANARIES[0]}","{TEXT}"\n' + f'"{CANARIES[1]}"\n')
    gold = d / "gold.jsonl"
    gold.write_text(
        json.dumps({"text": TEXT, "spans": [{"start": 5, "end": 30, "label": "EMAIL"}]}) + "\n"
    )
    return {"jsonl": good, "csv": csvf, "gold": gold}


def _argv(cmd: str, ins: dict[str, Path], out: Path) -> list[list[str]]:
    j, c = str(ins["jsonl"]), str(ins["csv"])
    if cmd == "scan":
        return [["scan", j, "--show"], ["scan", c, "--json"]]
    if cmd == "anonymize":
        return [
            [
                "anonymize",
                j,
                "-o",
                str(out / "a.jsonl"),
                "--summary",
                str(out / "s.json"),
                "--demo-key",
                "--no-progress",
            ],
            ["anonymize", c, "-o", str(out / "a.csv"), "--no-progress"],
            ["anonymize", str(out / "missing.jsonl"), "-o", str(out / "x.jsonl")],
        ]
    if cmd == "deanonymize":
        return [["deanonymize", j, "-o", str(out / "d.jsonl"), "--demo-key", "--no-progress"]]
    if cmd == "eval":
        return [["eval", str(ins["gold"]), "-o", str(out / "eval.json"), "--format", "jsonl"]]
    if cmd in ("keygen", "labels"):
        return [[cmd]]
    return [[cmd, c, "-o", str(out / f"{cmd}.csv")], [cmd, "--help"]]  # new commands


INTENDED = {"a.jsonl", "a.csv", "d.jsonl"}  # the data itself (anonymized / restored)


@pytest.mark.parametrize("cmd", _commands())
def test_no_canary_outside_the_data(cmd, tmp_path, capsys, caplog, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ins = _inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    caplog.set_level(logging.DEBUG, logger="veil")
    for argv in _argv(cmd, ins, out):
        try:
            main(["-v", *argv])
        except SystemExit:
            pass
    cap = capsys.readouterr()
    streams = {"stdout": cap.out, "stderr": cap.err, "log": caplog.text}
    for p in out.rglob("*"):
        if p.is_file() and p.name not in INTENDED:
            streams[str(p.relative_to(tmp_path))] = p.read_text(errors="replace")
    for where, text in streams.items():
        for c in CANARIES:
            assert c not in text, f"{cmd}: canary found in {where}"
    if (out / "a.jsonl").exists():  # the data itself was anonymized
        data = (out / "a.jsonl").read_text()
        assert all(c not in data for c in CANARIES)


def test_reprs_and_errors_hide_values():
    import veil
    from veil.errors import VeilError
    from veil.io.jsonl import JsonlCodec

    a = veil.Anonymizer()
    r = a.anonymize(TEXT)
    shown = " ".join([repr(r), *map(repr, r.spans), *map(str, r.spans)])
    from veil.types import Document

    shown += repr(Document("id", TEXT, "src", 1))
    for c in CANARIES:
        assert c not in shown
    with pytest.raises(VeilError) as exc:
        JsonlCodec().decode(('{"text": "' + CANARIES[0]).encode())
    assert CANARIES[0] not in str(exc.value)
