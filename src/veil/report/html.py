"""A self-contained HTML page: inline CSS and inline SVG charts, no script, no
external asset (it opens offline and from an email attachment).

Everything put on the page goes through :func:`html.escape`; the builders take
numbers, labels and already-masked text only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

__all__ = [
    "bar_chart",
    "grouped_bars",
    "heatmap",
    "histogram",
    "kv_table",
    "page",
    "section",
    "snippet",
    "stat_cards",
    "table",
]

PALETTE = ("#3366cc", "#dc7633", "#28a745", "#8e44ad", "#c0392b", "#16a085")

CSS = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1d2733;background:#f4f6f9}
header{background:#1d2733;color:#fff;padding:18px 32px}
header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#b8c4d3}
main{padding:16px 32px;max-width:1200px}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:14px 20px;margin:16px 0}
h2{font-size:17px;margin:4px 0 10px}h3{font-size:14px;margin:14px 0 6px;color:#44515f}
table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 10px;border-bottom:1px solid #e6e9ee;text-align:left;vertical-align:top}
th{color:#44515f;font-weight:600;background:#fafbfc}td.n{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{background:#f4f6f9;border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:20px}.card span{color:#5c6a79;font-size:12px}
.card.bad b{color:#c0392b}.card.good b{color:#1e8449}
.snip{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;white-space:pre-wrap;word-break:break-word}
.hit{background:#ffe08a;border-radius:3px;padding:0 2px}.tag{color:#6c7a89}
.after .hit{background:#b9f0c8}
.note{color:#5c6a79;font-size:12.5px}.charts{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
svg text{font:11px system-ui,sans-serif;fill:#1d2733}svg .axis{stroke:#9aa5b1}
.ok{color:#1e8449;font-weight:600}.warn{color:#c0392b;font-weight:600}
"""


def _fmt(v: Any) -> str:
    if isinstance(v, bool) or v is None:
        return "-" if v is None else str(v).lower()
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if v != v:  # NaN
            return "-"
        if abs(v) >= 1000:
            return f"{v:,.0f}"
        return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
    return str(v)


def page(title: str, subtitle: str, body: Iterable[str]) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        # nothing external may load, even if someone edits the page
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header><main>"
        + "".join(body)
        + "</main></body></html>\n"
    )


def section(title: str, *parts: str, id: str | None = None) -> str:
    ident = f" id='{escape(id)}'" if id else ""
    return f"<section{ident}><h2>{escape(title)}</h2>{''.join(parts)}</section>"


def note(text: str) -> str:
    return f"<p class='note'>{escape(text)}</p>"


def stat_cards(items: Sequence[tuple[str, Any, str]]) -> str:
    """``(caption, value, kind)`` per card; kind '' / 'good' / 'bad'."""
    cards = "".join(
        f"<div class='card {escape(kind)}'><b>{escape(_fmt(v))}</b><span>{escape(c)}</span></div>"
        for c, v, kind in items
    )
    return f"<div class='cards'>{cards}</div>"


def kv_table(rows: Mapping[str, Any]) -> str:
    body = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(_fmt(v))}</td></tr>" for k, v in rows.items()
    )
    return f"<table>{body}</table>"


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], cls: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for v in row:
            if isinstance(v, _Raw):
                cells.append(f"<td>{v.html}</td>")
            elif isinstance(v, int | float) and not isinstance(v, bool):
                cells.append(f"<td class='n'>{escape(_fmt(v))}</td>")
            else:
                cells.append(f"<td>{escape(_fmt(v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    c = f" class='{escape(cls)}'" if cls else ""
    return f"<table{c}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class _Raw:
    """Already-escaped HTML for a table cell (built here only)."""

    __slots__ = ("html",)

    def __init__(self, html: str) -> None:
        self.html = html


def snippet(segments: Sequence[Sequence[str]], cls: str = "") -> _Raw:
    """Masked segments ``[kind, text]`` (see :func:`veil.report.mask.before_after`)."""
    parts = []
    for kind, text in segments:
        if kind == "hit":
            parts.append(f"<span class='hit'>{escape(text)}</span>")
        elif kind == "tag":
            parts.append(f"<span class='tag'>{escape(text)}</span>")
        else:
            parts.append(escape(text))
    return _Raw(f"<div class='snip {escape(cls)}'>{''.join(parts)}</div>")


def cell(html_text: str) -> _Raw:
    return _Raw(escape(html_text))


def status(ok: bool, text: str) -> _Raw:
    return _Raw(f"<span class='{'ok' if ok else 'warn'}'>{escape(text)}</span>")


def _svg(width: int, height: int, title: str, inner: str) -> str:
    return (
        f"<svg class='chart' xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' role='img' aria-label='{escape(title)}'>"
        f"<title>{escape(title)}</title>{inner}</svg>"
    )


def bar_chart(
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    color: str = PALETTE[0],
    width: int = 520,
    fmt: str = "{:,.0f}",
    max_value: float | None = None,
    limit: int = 30,
) -> str:
    """Horizontal bars, one per ``(label, value)``."""
    items = list(items)[:limit]
    if not items:
        return ""
    label_w = min(int(max(len(k) for k, _ in items) * 7.4) + 12, 280)
    bar_h, gap, top = 16, 5, 22
    height = top + len(items) * (bar_h + gap) + 4
    vmax = max_value if max_value is not None else max((v for _, v in items), default=0) or 1
    plot = width - label_w - 70
    rows = [f"<text x='0' y='14' font-weight='600'>{escape(title)}</text>"]
    for i, (k, v) in enumerate(items):
        y = top + i * (bar_h + gap)
        w = max(0.0, min(v / vmax, 1.0)) * plot if vmax else 0
        rows.append(
            f"<text x='{label_w - 6}' y='{y + 12}' text-anchor='end'>{escape(k)}</text>"
            f"<rect x='{label_w}' y='{y}' width='{w:.1f}' height='{bar_h}' fill='{color}' rx='2'>"
            f"<title>{escape(k)}: {escape(fmt.format(v))}</title></rect>"
            f"<text x='{label_w + w + 4:.1f}' y='{y + 12}'>{escape(fmt.format(v))}</text>"
        )
    return _svg(width, height, title, "".join(rows))


def histogram(
    title: str,
    bins: Sequence[tuple[str, float]],
    *,
    color: str = PALETTE[0],
    width: int = 520,
    height: int = 200,
    x_label: str = "",
) -> str:
    """Vertical bars over ordered bins ``(bin label, count)``; bin labels are
    written under every few bars."""
    if not bins:
        return ""
    left, bottom, top = 44, 34, 24
    plot_w, plot_h = width - left - 10, height - top - bottom
    vmax = max(v for _, v in bins) or 1
    bw = plot_w / len(bins)
    every = max(1, len(bins) // 10)
    parts = [
        f"<text x='0' y='14' font-weight='600'>{escape(title)}</text>",
        f"<line class='axis' x1='{left}' y1='{top + plot_h}' x2='{left + plot_w}' y2='{top + plot_h}'/>",
        f"<text x='{left - 4}' y='{top + 8}' text-anchor='end'>{escape(_fmt(vmax))}</text>",
        f"<text x='{left - 4}' y='{top + plot_h}' text-anchor='end'>0</text>",
    ]
    for i, (k, v) in enumerate(bins):
        h = v / vmax * plot_h
        x = left + i * bw
        parts.append(
            f"<rect x='{x + 1:.1f}' y='{top + plot_h - h:.1f}' width='{max(bw - 2, 1):.1f}' "
            f"height='{h:.1f}' fill='{color}'><title>{escape(k)}: {escape(_fmt(v))}</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f"<text x='{x + bw / 2:.1f}' y='{top + plot_h + 13}' text-anchor='middle'>"
                f"{escape(k)}</text>"
            )
    if x_label:
        parts.append(
            f"<text x='{left + plot_w / 2:.1f}' y='{height - 4}' text-anchor='middle' "
            f"fill='#5c6a79'>{escape(x_label)}</text>"
        )
    return _svg(width, height, title, "".join(parts))


def grouped_bars(
    title: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    width: int = 520,
    height: int = 220,
    max_value: float | None = None,
    fmt: str = "{:.3f}",
) -> str:
    """Vertical bars grouped by category, one colour per series (with a legend)."""
    if not categories or not series:
        return ""
    rotate = len(categories) > 8 or max(len(c) for c in categories) * 7 > width / len(categories)
    left, top = 44, 40
    bottom = 40 + (int(max(len(c) for c in categories) * 5.2) if rotate else 0)
    height += bottom - 40
    plot_w, plot_h = width - left - 10, height - top - bottom
    vals = [v for s in series.values() for v in s if v == v]
    vmax = max_value if max_value is not None else (max(vals, default=0) or 1)
    group_w = plot_w / len(categories)
    bw = group_w * 0.8 / len(series)
    parts = [
        f"<text x='0' y='14' font-weight='600'>{escape(title)}</text>",
        f"<line class='axis' x1='{left}' y1='{top + plot_h}' x2='{left + plot_w}' y2='{top + plot_h}'/>",
        f"<text x='{left - 4}' y='{top + 8}' text-anchor='end'>{escape(fmt.format(vmax))}</text>",
    ]
    lx = left
    for j, name in enumerate(series):
        c = PALETTE[j % len(PALETTE)]
        parts.append(
            f"<rect x='{lx}' y='22' width='10' height='10' fill='{c}'/>"
            f"<text x='{lx + 14}' y='31'>{escape(name)}</text>"
        )
        lx += 24 + len(name) * 7
    for i, cat in enumerate(categories):
        gx = left + i * group_w + group_w * 0.1
        for j, (name, s) in enumerate(series.items()):
            v = s[i] if i < len(s) and s[i] == s[i] else 0.0
            h = max(0.0, min(v / vmax, 1.0)) * plot_h if vmax else 0
            x = gx + j * bw
            parts.append(
                f"<rect x='{x:.1f}' y='{top + plot_h - h:.1f}' width='{max(bw - 2, 1):.1f}' "
                f"height='{h:.1f}' fill='{PALETTE[j % len(PALETTE)]}'>"
                f"<title>{escape(cat)} / {escape(name)}: {escape(fmt.format(v))}</title></rect>"
            )
        cx, cy = gx + group_w * 0.4, top + plot_h + 14
        if rotate:
            parts.append(
                f"<text x='{cx:.1f}' y='{cy:.1f}' text-anchor='end' "
                f"transform='rotate(-40 {cx:.1f} {cy:.1f})'>{escape(cat)}</text>"
            )
        else:
            parts.append(
                f"<text x='{cx:.1f}' y='{cy:.1f}' text-anchor='middle'>{escape(cat)}</text>"
            )
    return _svg(width, height, title, "".join(parts))


def heatmap(
    title: str, rows: Sequence[str], cols: Sequence[str], values: Mapping[str, Mapping[str, int]]
) -> str:
    """A matrix as a table whose cells are shaded by their count (gold rows x
    predicted columns for a confusion matrix)."""
    if not rows or not cols:
        return ""
    vmax = max((values.get(r, {}).get(c, 0) for r in rows for c in cols), default=0) or 1
    head = "".join(
        f"<th style='writing-mode:vertical-rl;transform:rotate(180deg);font-size:11px'>{escape(c)}</th>"
        for c in cols
    )
    body = []
    for r in rows:
        cells = []
        for c in cols:
            v = values.get(r, {}).get(c, 0)
            a = v / vmax
            bg = f"rgba(51,102,204,{a:.2f})" if v else "transparent"
            fg = "#fff" if a > 0.55 else "#1d2733"
            cells.append(
                f"<td class='n' style='background:{bg};color:{fg}' title='{escape(r)} → {escape(c)}: {v}'>"
                f"{v if v else ''}</td>"
            )
        body.append(f"<tr><th>{escape(r)}</th>{''.join(cells)}</tr>")
    return (
        f"<h3>{escape(title)}</h3><table class='heatmap'><thead><tr><th>gold \\ predicted</th>"
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def charts(*svgs: str) -> str:
    return "<div class='charts'>" + "".join(s for s in svgs if s) + "</div>"
