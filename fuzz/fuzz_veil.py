"""Coverage-guided fuzzing (atheris / libFuzzer) of the JSONL and CSV readers and
the analyzer.

    python fuzz/fuzz_veil.py jsonl fuzz/corpus -max_total_time=60
    python fuzz/fuzz_veil.py csv   fuzz/corpus -max_total_time=60
    python fuzz/fuzz_veil.py analyzer fuzz/corpus -max_total_time=60

Each target feeds the fuzzer's bytes through the real code path and checks the
invariants the property tests state: no exception other than Veil's own
(``InputError`` for a file that cannot be read at all), every record read is
written or quarantined (``records_in == records_out + records_quarantined``),
JSONL output lines are valid JSON, CSV output parses, and analyzer spans lie in
the text and never overlap. A crash is an unexpected exception or a broken
invariant; libFuzzer saves the input as ``crash-*`` for replay
(``python fuzz/fuzz_veil.py jsonl crash-<hash>``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import veil
    from veil.engine.local import AnonymizerSpec, LocalRunner
    from veil.engine.pipeline import process_file
    from veil.errors import InputError

_ANON = veil.Anonymizer()
_RUNNER = LocalRunner(AnonymizerSpec(), anonymizer=_ANON)
_TMP = Path(tempfile.mkdtemp(prefix="veil-fuzz-"))


def _run(name: str, data: bytes) -> bytes | None:
    src, dst = _TMP / name, _TMP / "out" / name
    src.write_bytes(data)
    dst.unlink(missing_ok=True)  # from the previous input
    try:
        stats = process_file(_RUNNER, src, dst)
    except InputError:
        assert not dst.exists()  # nothing that looks complete
        return None
    assert stats.records_in == stats.records_out + stats.records_quarantined
    return dst.read_bytes()


def fuzz_jsonl(data: bytes) -> None:
    out = _run("in.jsonl", data)
    if out is None:
        return
    for line in out.split(b"\n")[:-1]:
        if line.strip():
            json.loads(line.decode("utf-8"))


def fuzz_csv(data: bytes) -> None:
    out = _run("in.csv", data)
    if out is None:
        return
    list(csv.reader(io.StringIO(out.decode("utf-8"))))


def fuzz_analyzer(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    spans = _ANON.analyze(text)
    prev_end = 0
    for s in spans:
        assert prev_end <= s.start < s.end <= len(text)
        assert s.text == text[s.start : s.end]
        prev_end = s.end
    once = _ANON.anonymize(text)
    assert isinstance(once.text, str)


TARGETS = {"jsonl": fuzz_jsonl, "csv": fuzz_csv, "analyzer": fuzz_analyzer}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer options...]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
