"""Gold readers: the three formats, auto-detection, errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from veil.errors import InputError
from veil.evaluate.gold import detect_format, iter_gold, read_gold, shared_data_dir

FIX = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("plain.jsonl", "jsonl"), ("presidio.json", "presidio"), ("tab.jsonl", "tab")],
)
def test_detect_format(name: str, fmt: str) -> None:
    assert detect_format(FIX / name) == fmt


def test_plain_reader() -> None:
    gs = read_gold(FIX / "plain.jsonl")
    assert gs.format == "jsonl" and gs.exhaustive
    assert [d.id for d in gs.docs] == ["a", "b"]
    a = gs.docs[0]
    assert [(a.text[s.start : s.end], s.label) for s in a.spans] == [
        ("Jane Doe", "PERSON"),
        ("555-123-4567", "PHONE"),
    ]
    assert a.meta == {"genre": "chat"}
    assert gs.docs[1].spans == ()


def test_presidio_reader_maps_labels() -> None:
    gs = read_gold(FIX / "presidio.json")
    assert gs.format == "presidio" and not gs.exhaustive
    assert len(gs.docs) == 2
    spans = gs.docs[0].spans
    assert [(s.source, s.label) for s in spans] == [
        ("CREDIT_CARD", "CREDIT_CARD"),
        ("TITLE", None),
        ("PERSON", "PERSON"),
    ]
    assert gs.docs[0].text[spans[2].start : spans[2].end] == "Ann Lee"


def test_tab_reader_keeps_each_annotator() -> None:
    gs = read_gold(FIX / "tab.jsonl")
    assert gs.format == "tab"
    assert [d.id for d in gs.docs] == ["TAB-x1", "TAB-x2"]
    assert [d.meta["annotator"] for d in gs.docs] == ["annotator1", "annotator2"]
    spans = gs.docs[0].spans
    assert [(s.source, s.label, s.identifier_type) for s in spans] == [
        ("PERSON", "PERSON", "DIRECT"),
        ("CODE", "CODE", "DIRECT"),
        ("DATETIME", "DATE", "QUASI"),
        ("LOC", "LOCATION", "QUASI"),
        ("ORG", "ORGANIZATION", "NO_MASK"),
    ]
    assert spans[0].entity_id == "e1"


def test_explicit_format_overrides_detection() -> None:
    docs = list(iter_gold(FIX / "plain.jsonl", "jsonl"))
    assert len(docs) == 2
    with pytest.raises(InputError, match="unknown gold format"):
        list(iter_gold(FIX / "plain.jsonl", "csv"))


@pytest.mark.parametrize(
    ("name", "where", "what"),
    [
        ("bad_json.jsonl", "bad_json.jsonl:2", "not valid JSON"),
        ("bad_offsets.jsonl", "bad_offsets.jsonl:2: spans[0]", "out of range"),
        ("unknown.jsonl", "unknown.jsonl:1", "unknown gold format"),
    ],
)
def test_errors_name_file_and_line_not_values(name: str, where: str, what: str) -> None:
    with pytest.raises(InputError) as info:
        read_gold(FIX / name)
    msg = str(info.value)
    assert where in msg and what in msg
    assert "SECRETVALUE" not in msg


def test_wrong_field_types(tmp_path: Path) -> None:
    p = tmp_path / "g.jsonl"
    p.write_text('{"text": "abc", "spans": [{"start": "0", "end": 2, "label": "PERSON"}]}\n')
    with pytest.raises(InputError, match=r"g.jsonl:1: spans\[0\]: start"):
        read_gold(p)
    p.write_text('{"text": "abc", "spans": [{"start": 0, "end": 2}]}\n')
    with pytest.raises(InputError, match="label"):
        read_gold(p)
    p.write_text('{"text": 5, "spans": []}\n')
    with pytest.raises(InputError, match="text: expected a string"):
        read_gold(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_gold(tmp_path / "nope.jsonl")


def test_shared_data_dir_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VEIL_SHARED_DATA", str(tmp_path))
    assert shared_data_dir() == tmp_path
    monkeypatch.delenv("VEIL_SHARED_DATA")
    assert shared_data_dir().parts[-2:] == ("shared", "data")


def _shared(rel: str) -> Path:
    p = shared_data_dir() / rel
    if not p.is_file():
        pytest.skip(f"shared data {rel} is not available")
    return p


def test_real_presidio_synth() -> None:
    gs = read_gold(_shared("presidio-synth/synth_dataset_v2.json"))
    assert gs.format == "presidio"
    assert len(gs.docs) == 1500
    assert sum(len(d.spans) for d in gs.docs) == 2863


def test_real_tab() -> None:
    gs = read_gold(_shared("tab-dev/tab_trainval_113.jsonl"))
    assert gs.format == "tab"
    assert len(gs.docs) == 113
    kinds = {s.identifier_type for d in gs.docs for s in d.spans}
    assert kinds == {"DIRECT", "QUASI", "NO_MASK"}
