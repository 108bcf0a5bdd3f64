"""Shared helpers for the bench scripts: the Veil rules-only anonymizer (built from
the recognizers that exist, so benches run while the library is being written)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


@contextmanager
def worktree(rev: str) -> Iterator[Path]:
    """A temporary git worktree of revision ``rev`` (removed afterwards)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wt"
        git = ["git", "-C", str(ROOT), "worktree"]
        subprocess.run([*git, "add", "--detach", "-q", str(path), rev], check=True)
        try:
            yield path
        finally:
            subprocess.run([*git, "remove", "--force", str(path)], check=False)


def veil_anonymizer(probe: Sequence[str] = ()) -> tuple[Any, list[str]]:
    """``Anonymizer(rules_only=True)`` with the default (tag) policy, and the names of
    registered recognizers that could not be built or crash on a sample text (empty
    when all work; such recognizers are left out so that the bench still runs).
    ``probe``: extra texts every recognizer must get through."""
    from veil import Anonymizer
    from veil.detect import registry
    from veil.detect.base import Context

    sample = (ROOT / "bench" / "sample_1kb.txt").read_text(encoding="utf-8")
    sample += " Mail jane.doe@gmail.com, call +44 20 7946 0958, IP 8.8.4.4, born 1 May 1980."
    missing: list[str] = []
    for name in registry.names():
        try:
            for rec in registry.build([name]):
                for text in (sample, *probe):
                    list(rec.analyze(text, Context(text)))
        except Exception as exc:
            print(f"[bench] recognizer {name!r} left out: {type(exc).__name__}", file=sys.stderr)
            missing.append(name)
    if not missing:
        return Anonymizer(rules_only=True), []
    ok = [n for n in registry.names() if n not in missing]
    return Anonymizer(rules_only=True, recognizers=registry.build(ok)), missing


def shape(value: str, limit: int = 32) -> str:
    """A value's shape (digits -> 9, letters -> a/A, other characters kept): safe to
    print and store, it carries no identifier."""
    out = []
    for c in value[:limit]:
        if c.isdigit():
            out.append("9")
        elif c.isalpha():
            out.append("A" if c.isupper() else "a")
        else:
            out.append(c)
    s = "".join(out).replace("\n", "\\n")
    return s + ("…" if len(value) > limit else "")


def ensure_corpus(path: Path, docs: int, prose: bool, negatives: Path | None = None) -> None:
    """Generate the benchmark corpus at ``path`` unless it already has ``docs`` lines."""
    if path.is_file() and (negatives is None or negatives.is_file()):
        with path.open() as f:
            if sum(1 for _ in f) == docs:
                return
    import corpus

    args = ["--docs", str(docs), "--out", str(path)]
    if prose:
        args.append("--prose")
    if negatives is not None:
        args += ["--negatives", str(negatives)]
    corpus.main(args)
