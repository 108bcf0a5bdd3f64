"""run_eval end to end on fixture files, with a fake anonymizer."""

from __future__ import annotations

import json
from pathlib import Path

from veil.evaluate.gold import read_gold
from veil.evaluate.run import run_eval
from veil.types import Span

FIX = Path(__file__).parent / "fixtures"


class FindDigits:
    """Flags every run of digits as PHONE (a deliberately crude anonymizer)."""

    def analyze(self, text: str) -> list[Span]:
        import re

        return [
            Span(m.start(), m.end(), "PHONE", 1.0, "fake", m.group())
            for m in re.finditer(r"\d[\d-]*\d", text)
        ]


def test_run_eval_plain_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "eval.json"
    res = run_eval(str(FIX / "plain.jsonl"), str(out), FindDigits())
    assert res["dataset"] == "plain.jsonl"
    assert res["format"] == "jsonl"
    assert res["documents"] == 2
    assert res["labels"]["PHONE"]["exact_recall"] == 1.0
    assert res["labels"]["PERSON"]["recall"] == 0.0
    # "4", "12", "1" of the version number in the negative doc: 1 FP span ("4.12.1" splits)
    assert res["overall"]["docs_with_fp"] == 1
    assert res["speed"]["bytes"] > 0
    written = json.loads(out.read_text())
    assert written["overall"] == res["overall"]


def test_result_holds_no_raw_text(tmp_path: Path) -> None:
    out = tmp_path / "eval.json"
    run_eval(str(FIX / "presidio.json"), str(out), FindDigits())
    dumped = out.read_text()
    for doc in read_gold(FIX / "presidio.json").docs:
        for s in doc.spans:
            value = doc.text[s.start : s.end]
            if len(value) > 3:
                assert value not in dumped


def test_run_eval_label_filter_and_callable() -> None:
    res = run_eval(str(FIX / "tab.jsonl"), None, FindDigits().analyze, labels=["DATE"])
    assert set(res["labels"]) == {"DATE"}
    assert res["tab"]["quasi"]["mentions"] == 4  # two annotators x two QUASI mentions
