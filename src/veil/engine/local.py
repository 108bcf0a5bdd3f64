"""LocalRunner: run a step over documents in this process or a process pool.

``-j 1`` runs in process. ``-j N`` starts N workers once; each builds (or, with
``fork``, inherits) one Anonymizer from a picklable :class:`AnonymizerSpec`.
Documents go to the workers in chunks; results come back in input order, and at
most ``jobs * window`` chunks are in flight, so memory stays bounded however
large the input. The same chunk function runs in both modes, so ``-j 1`` and
``-j N`` write byte-identical output.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from ..report.stats import Stats
from ..types import Document
from .step import run_all

__all__ = ["AnonymizerSpec", "LocalRunner"]


@dataclass(frozen=True)
class AnonymizerSpec:
    """Everything needed to build an Anonymizer in a worker (all picklable)."""

    policy: Any = None  # Policy, a path, a dict, or None
    key: Any = None  # Key, text, bytes or None
    demo_key: bool = False
    rules_only: bool | None = None
    recognizers: tuple[Any, ...] | None = None

    def build(self) -> Any:
        from ..anonymizer import Anonymizer

        return Anonymizer(
            self.policy,
            key=self.key,
            demo_key=self.demo_key,
            rules_only=self.rules_only,
            recognizers=list(self.recognizers) if self.recognizers is not None else None,
        )


_WORKER: dict[str, Any] = {}


def _init_worker(spec: AnonymizerSpec) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    if _WORKER.get("spec") is not spec or "anon" not in _WORKER:  # spawn: build once
        _WORKER["anon"] = spec.build()
        _WORKER["spec"] = spec


def _process(step: Any, anon: Any, docs: list[Document]) -> tuple[list[Any], Stats]:
    stats = Stats()
    return run_all(step, anon, docs, stats), stats


def _work(task: tuple[Any, list[Document]]) -> tuple[list[Any], Stats]:
    step, docs = task
    return _process(step, _WORKER["anon"], docs)


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


class LocalRunner:
    """Run steps over documents with ``jobs`` processes (1: in this process).

    Use as a context manager (or call :meth:`close`) so the pool is shut down.
    ``anonymizer`` may be given when already built (the CLI builds one up front
    to fail fast on configuration errors); otherwise it is built from ``spec``.
    """

    def __init__(
        self,
        spec: AnonymizerSpec,
        jobs: int = 1,
        chunk_size: int = 256,
        window: int = 4,
        anonymizer: Any = None,
    ) -> None:
        if jobs < 1:
            raise ValueError("jobs must be >= 1")
        self.spec = spec
        self.jobs = jobs
        self.chunk_size = chunk_size
        self.window = window
        self.anonymizer = anonymizer if anonymizer is not None else spec.build()
        self._pool: Any = None

    def _get_pool(self) -> Any:
        if self._pool is None:
            methods = mp.get_all_start_methods()
            method = "fork" if sys.platform == "linux" and "fork" in methods else "spawn"
            if method == "fork":  # children inherit the built Anonymizer: no rebuild
                _WORKER["anon"], _WORKER["spec"] = self.anonymizer, self.spec
            self._pool = mp.get_context(method).Pool(
                self.jobs, initializer=_init_worker, initargs=(self.spec,)
            )
        return self._pool

    def start(self) -> None:
        """Start the workers now (before any thread, e.g. a progress bar, exists)."""
        if self.jobs > 1:
            self._get_pool()

    def map(self, step: Any, docs: Iterable[Document]) -> Iterator[tuple[list[Any], Stats]]:
        """``(outcomes, stats)`` per chunk, in input order."""
        chunks = _chunks(docs, self.chunk_size)
        if self.jobs == 1:
            for chunk in chunks:
                yield _process(step, self.anonymizer, chunk)
            return
        pool = self._get_pool()
        pending: deque[Any] = deque()
        limit = self.jobs * self.window
        for chunk in chunks:
            pending.append(pool.apply_async(_work, ((step, chunk),)))
            if len(pending) >= limit:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
