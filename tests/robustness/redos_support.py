"""Collect every regex the recognizers use, and build adversarial inputs for each.

Used by ``test_robust_redos.py`` and ``bench/redos.py``. Patterns are found
systematically, so a new recognizer's patterns are covered without editing a list:

* every ``re.Pattern`` bound at module level in ``veil.detect`` and its
  subpackages (also inside tuples, lists, dicts and frozensets there);
* every ``re.Pattern`` held by a registered recognizer instance (its attributes,
  slots, and ``PatternRecognizer._compiled``), recursing one level into lists of
  sub-recognizers.

Adversarial inputs come from each pattern's own parse tree: the characters its
repeats accept (literals, classes, categories) as long runs, alternations of
two such characters, and near-misses (the pattern's leading literal followed by
a long run of a repeated character, repeated).
"""

from __future__ import annotations

import importlib
import inspect
import itertools
import pkgutil
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

try:  # Python 3.11+
    import re._constants as sre_c
    import re._parser as sre_p
except ImportError:  # pragma: no cover
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse as sre_p  # type: ignore[no-redef]


@dataclass(frozen=True)
class Found:
    rx: re.Pattern
    where: str  # "veil.detect.email:_EMAIL" or "EmailRecognizer._compiled[0]"
    # "scan": the code scans text with it (finditer/search/sub/...): timed with
    # finditer over the whole input. "anchored": only .match/.fullmatch at one place:
    # timed as one match at the start of the input.
    mode: str = "scan"


# Patterns only ever applied to a bounded window of the text (their time does not
# depend on its length), with the reason, checked by reading the code. Scanned
# with finditer over a whole text they would be quadratic; they are not used so.
WINDOWED = {
    "veil.detect.dates:_MONTH_WORD": "searched in the 12 characters before a number",
}

_SCAN_CALL = r"\.(?:finditer|search|findall|sub|subn|split)\("


def _mode(module, name: str) -> str:
    try:
        src = inspect.getsource(module)
    except (OSError, TypeError):  # pragma: no cover
        return "scan"
    if re.search(rf"\b{re.escape(name)}{_SCAN_CALL}", src):
        return "scan"
    if re.search(rf"\b{re.escape(name)}\.(?:match|fullmatch)\(", src):
        return "anchored"
    return "scan"  # passed elsewhere: assume the worst


def _walk(value, where: str, depth: int = 0) -> Iterator[tuple[re.Pattern, str]]:
    if isinstance(value, re.Pattern):
        yield value, where
    elif depth < 3 and isinstance(value, list | tuple | set | frozenset):
        for i, v in enumerate(value):
            yield from _walk(v, f"{where}[{i}]", depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, f"{where}[{k!r}]", depth + 1)


def _instance_values(obj) -> Iterator[tuple[str, object]]:
    names: list[str] = list(getattr(obj, "__dict__", {}))
    for cls in type(obj).__mro__:
        names.extend(getattr(cls, "__slots__", ()))
    for name in dict.fromkeys(names):
        try:
            yield name, getattr(obj, name)
        except AttributeError:
            continue


def collect() -> list[Found]:
    """Every distinct compiled pattern of the detection code."""
    import veil.detect as pkg
    from veil.detect import registry

    seen: dict[tuple[object, int], Found] = {}

    def add(rx: re.Pattern, where: str, mode: str = "scan") -> None:
        key = (rx.pattern, rx.flags)
        if key not in seen or (mode == "scan" and seen[key].mode != "scan"):
            seen[key] = Found(rx, where, mode)

    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            mode = _mode(module, name)
            for rx, where in _walk(value, f"{info.name}:{name}"):
                add(rx, where, mode)
    for rec in registry.build():
        for name, value in _instance_values(rec):
            for rx, where in _walk(value, f"{type(rec).__name__}.{name}"):
                add(rx, where)
            if isinstance(value, list | tuple):
                for sub in value:
                    if hasattr(sub, "analyze"):
                        for n2, v2 in _instance_values(sub):
                            for rx, where in _walk(v2, f"{type(sub).__name__}.{n2}"):
                                add(rx, where)
    return sorted(seen.values(), key=lambda f: f.where)


# -- adversarial inputs ---------------------------------------------------------------
_CATEGORY_CHARS = {
    sre_c.CATEGORY_DIGIT: "07",
    sre_c.CATEGORY_NOT_DIGIT: "a.",
    sre_c.CATEGORY_SPACE: " \n",
    sre_c.CATEGORY_NOT_SPACE: "a0",
    sre_c.CATEGORY_WORD: "a0_",
    sre_c.CATEGORY_NOT_WORD: " .",
    sre_c.CATEGORY_LINEBREAK: "\n",
    sre_c.CATEGORY_NOT_LINEBREAK: "a",
}


def _class_chars(items) -> str:
    out = []
    negate = False
    for op, av in items:
        if op is sre_c.NEGATE:
            negate = True
        elif op is sre_c.LITERAL:
            out.append(chr(av))
        elif op is sre_c.RANGE:
            lo, hi = av
            out.extend({chr(lo), chr((lo + hi) // 2), chr(hi)})
        elif op is sre_c.CATEGORY:
            out.extend(_CATEGORY_CHARS.get(av, ""))
    if negate:
        banned = set(out)
        return "".join(c for c in "a0 .-_@:/x" if c not in banned)
    return "".join(out)


def _chars(tree, repeated: bool, acc: list[str], lead: list[str]) -> None:
    """Characters accepted inside repeats (``acc``) and the leading literal (``lead``)."""
    for op, av in tree:
        if op is sre_c.LITERAL:
            if repeated:
                acc.append(chr(av))
            elif not acc:
                lead.append(chr(av))
        elif op is sre_c.NOT_LITERAL:
            if repeated:
                acc.append("a" if av != ord("a") else "b")
        elif op is sre_c.ANY:
            if repeated:
                acc.append("a")
        elif op is sre_c.IN:
            if repeated:
                acc.extend(_class_chars(av))
            elif not lead:
                lead.extend(_class_chars(av)[:1])
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            _lo, hi, sub = av
            _chars(sub, repeated or hi > 1, acc, lead)
        elif op is sre_c.SUBPATTERN:
            _chars(av[-1], repeated, acc, lead)
        elif op is sre_c.BRANCH:
            for alt in av[1]:
                _chars(alt, repeated, acc, lead)
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            _chars(av[1], repeated, acc, lead)
        elif op is sre_c.ATOMIC_GROUP:
            _chars(av, repeated, acc, lead)
        elif op is sre_c.GROUPREF_EXISTS:
            _chars(av[1], repeated, acc, lead)
            if av[2] is not None:
                _chars(av[2], repeated, acc, lead)


def repeated_chars(rx: re.Pattern) -> tuple[str, str]:
    """(characters its repeats accept, its leading literal text)."""
    src = rx.pattern.decode("latin-1") if isinstance(rx.pattern, bytes) else rx.pattern
    flags = rx.flags & ~re.UNICODE if isinstance(rx.pattern, bytes) else rx.flags
    try:
        tree = sre_p.parse(src, flags)
    except Exception:  # pragma: no cover - a pattern Python compiled always parses
        return "a0 ", ""
    acc: list[str] = []
    lead: list[str] = []
    _chars(tree, False, acc, lead)
    chars = "".join(dict.fromkeys(c for c in acc if ord(c) < 0x110000))
    if isinstance(rx.pattern, bytes):
        chars = "".join(c for c in chars if ord(c) < 256)
    return (chars or "a0 ")[:10], "".join(lead)[:12]


def adversarial_makers(rx: re.Pattern) -> dict[str, Callable[[int], str | bytes]]:
    """Named input builders ``n -> input of n characters`` for this pattern."""
    chars, lead = repeated_chars(rx)
    makers: dict[str, Callable[[int], str]] = {}

    def run(unit: str) -> Callable[[int], str]:
        return lambda n: (unit * (n // len(unit) + 1))[:n]

    for c in chars[:6]:
        makers[f"run {c!r}"] = run(c)
    for a, b in itertools.pairwise(chars[:6]):
        makers[f"alt {a + b!r}"] = run(a + b)
    if lead:
        for c in chars[:3]:
            makers[f"near-miss {lead!r}+{c!r}*64"] = run(lead + c * 64 + "!")
        makers[f"lead {lead!r} repeated"] = run(lead)
    else:
        for c in chars[:2]:
            makers[f"near-miss {c!r}*64+'!'"] = run(c * 64 + "!")
    if isinstance(rx.pattern, bytes):
        return {k: (lambda n, f=f: f(n).encode("latin-1", "replace")) for k, f in makers.items()}
    return makers


def scan_time(rx: re.Pattern, data: str | bytes, repeats: int = 1, mode: str = "scan") -> float:
    """Best-of-``repeats`` seconds to find every match in ``data`` (``scan``), or to
    match once at its start (``anchored``)."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()  # CPU time: not inflated when other processes run
        if mode == "scan":
            for _m in rx.finditer(data):
                pass
        else:
            rx.match(data)
        best = min(best, time.process_time() - t0)
    return best


@dataclass
class Timing:
    where: str
    pattern: str
    mode: str
    worst_input: str
    small_s: float
    large_s: float
    small: int
    large: int

    @property
    def ratio(self) -> float:
        """Growth of the time from ``small`` to ``large`` (10x the input)."""
        return self.large_s / max(self.small_s, FLOOR_S)


FLOOR_S = 2e-4  # timer and call overhead: smaller times are not compared


def measure(found: Found, small: int, large: int, repeats: int = 3) -> Timing:
    """Pick the slowest adversarial input (at ``small // 100``), then time it on a
    ladder of sizes up to ``small`` and ``large`` (best of ``repeats`` each).

    A superlinear pattern would take minutes at 1 MB, so the ladder stops once a
    step takes over 0.5 s; ``large_s`` is then extrapolated from the last growth.
    """
    rx, mode = found.rx, found.mode
    makers = adversarial_makers(rx)
    worst, worst_t = next(iter(makers)), -1.0
    for name, make in makers.items():
        t = scan_time(rx, make(max(small // 100, 100)), 1, mode)
        if t > worst_t:
            worst, worst_t = name, t
    make = makers[worst]
    pat = rx.pattern
    shown = pat.decode("latin-1") if isinstance(pat, bytes) else pat
    sizes = [max(small // 100, 100), max(small // 10, 1000), small, large]
    times: list[float] = []
    for n in sizes:
        times.append(scan_time(rx, make(n), repeats, mode))
        if times[-1] > 0.5 and n < large:
            growth = times[-1] / max(times[-2], FLOOR_S) if len(times) > 1 else 10.0
            while len(times) < len(sizes):
                times.append(times[-1] * max(growth, 10.0))
            break
    return Timing(found.where, shown, mode, worst, times[2], times[3], small, large)
