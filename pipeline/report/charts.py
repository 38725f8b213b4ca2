"""Inline SVG charts for the offline report: no library, no script, a few kilobytes each.

Each function returns an ``<svg>`` element (text escaped) sized to its data; colours come from
the report's stylesheet classes (``bar``, ``bar-A`` …) so one palette serves every chart.
"""

from __future__ import annotations

from html import escape

ROW = 22  # px per bar
LABEL_W = 260
BAR_W = 420
COLORS = {"A": "#2e7d32", "B": "#f9a825", "C": "#c62828", "D": "#6a1b9a", "—": "#9e9e9e"}


def hbars(rows: list[tuple[str, float]], unit: str = "", title: str = "", fmt=None) -> str:
    """Horizontal bars, one per ``(label, value)``, longest first as given."""
    if not rows:
        return '<p class="empty">nothing to show</p>'
    fmt = fmt or _number
    top = max(v for _, v in rows) or 1
    height = ROW * len(rows) + 8
    width = LABEL_W + BAR_W + 120
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for k, (label, value) in enumerate(rows):
        y = 4 + k * ROW
        w = max(1.0, BAR_W * value / top)
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" class="lbl">{escape(_clip(label))}</text>'
                     f'<rect class="bar" x="{LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}">'
                     f'<title>{escape(label)}: {escape(fmt(value))}{escape(unit)}</title></rect>'
                     f'<text x="{LABEL_W + w + 6:.1f}" y="{y + 15}" class="val">{escape(fmt(value))}{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked(rows: list[tuple[str, dict[str, int]]], keys: list[str], title: str = "") -> str:
    """One 100% bar per row, split by ``keys`` (a category's share per sender), with a legend."""
    if not rows:
        return '<p class="empty">nothing to show</p>'
    height = ROW * len(rows) + 30
    width = LABEL_W + BAR_W + 60
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for k, key in enumerate(keys):  # legend
        x = LABEL_W + k * 70
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLORS.get(key, "#607d8b")}"/>'
                     f'<text x="{x + 16}" y="15" class="lbl">{escape(key)}</text>')
    for k, (label, counts) in enumerate(rows):
        y = 26 + k * ROW
        total = sum(counts.values()) or 1
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" class="lbl">{escape(_clip(label))}</text>')
        x = float(LABEL_W)
        for key in keys:
            n = counts.get(key, 0)
            if not n:
                continue
            w = BAR_W * n / total
            parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}" '
                         f'fill="{COLORS.get(key, "#607d8b")}"><title>{escape(label)} {escape(key)}: {n} of {total}'
                         f'</title></rect>')
            x += w
        parts.append(f'<text x="{LABEL_W + BAR_W + 6}" y="{y + 15}" class="val">{total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def columns(rows: list[tuple[str, float]], title: str = "", marks: dict[str, str] | None = None) -> str:
    """Vertical bars over a time axis (targets per deadline year); ``marks`` colours some bars."""
    if not rows:
        return '<p class="empty">nothing to show</p>'
    marks = marks or {}
    col = 46
    height, top = 180, max(v for _, v in rows) or 1
    width = col * len(rows) + 20
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height + 30}" '
             f'viewBox="0 0 {width} {height + 30}" xmlns="http://www.w3.org/2000/svg">']
    for k, (label, value) in enumerate(rows):
        h = max(1.0, (height - 24) * value / top)
        x = 10 + k * col
        cls = marks.get(label, "bar")
        parts.append(f'<rect class="{cls}" x="{x + 6}" y="{height - h:.1f}" width="{col - 12}" height="{h:.1f}">'
                     f'<title>{escape(label)}: {_number(value)}</title></rect>'
                     f'<text x="{x + col / 2}" y="{height - h - 4:.1f}" text-anchor="middle" class="val">'
                     f'{_number(value)}</text>'
                     f'<text x="{x + col / 2}" y="{height + 16}" text-anchor="middle" class="lbl">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def yuan(value: float) -> str:
    """An amount of yuan, short: 1.2亿, 350万, 800."""
    if value >= 1e8:
        return f"{value / 1e8:.2f}亿".replace(".00亿", "亿")
    if value >= 1e4:
        return f"{value / 1e4:.1f}万".replace(".0万", "万")
    return _number(value)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _clip(label: str, n: int = 22) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"
