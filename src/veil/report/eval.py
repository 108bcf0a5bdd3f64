"""The HTML page of ``veil eval``: written next to ``RESULT.json`` as ``RESULT.html``
(tables per label and per genre, the confusion between labels)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["eval_html_path", "write_eval_html"]


def eval_html_path(output_path: str | Path) -> Path:
    p = Path(output_path)
    return p.with_suffix(".html") if p.suffix.lower() == ".json" else p.with_name(p.name + ".html")


def write_eval_html(
    result: dict[str, Any], output_path: str | Path, anonymizer: Any = None
) -> Path:
    """Render ``result`` (what :func:`veil.evaluate.run_eval` returns) as HTML."""
    from ..io.open import AtomicOutput
    from .render import render_eval_html
    from .run import policy_summary, versions

    data = dict(result)
    data["created"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data["versions"] = versions()
    policy = getattr(anonymizer, "policy", None)
    if policy is not None:
        data["policy"] = policy_summary(policy)
    path = eval_html_path(output_path)
    with AtomicOutput(path) as out:
        out.stream.write(render_eval_html(data).encode("utf-8"))
    return path
