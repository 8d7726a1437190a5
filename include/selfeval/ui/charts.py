"""Inline SVG charts rendered on the server: no JavaScript, no external assets.

Every string that ends up in the SVG goes through `html.escape`; the result is
returned as `markupsafe.Markup` so templates embed it as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import Any

from markupsafe import Markup

from selfeval.ui.i18n import Translator

COLORS = {  # (items found, of which new)
    "success": ("#93c5fd", "#2563eb"),
    "failed": ("#fca5a5", "#dc2626"),
    "blocked": ("#fcd34d", "#d97706"),
    "running": ("#d1d5db", "#6b7280"),
}


def _fmt_time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "?"


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def run_chart(runs: Sequence[dict[str, Any]], *, width: int = 180, height: int = 36, axis: bool = False,
              min_slots: int = 12, tr: Translator | None = None) -> Markup:
    """Bars of items found per crawl run (oldest left), the new items darker, colour by run status;
    its texts (title, tooltips) in the language of `tr` (English by default)."""
    tr = tr or Translator()
    _, _n = tr.gettext, tr.ngettext
    n = len(runs)
    if n == 0:
        return Markup('<span class="muted">{}</span>').format(_("no runs yet"))
    left = 34 if axis else 1
    bottom = 16 if axis else 1
    top = 4
    plot_w, plot_h = width - left - 1, height - bottom - top
    slot = plot_w / max(n, min_slots)
    bar = max(1.0, slot * 0.72)
    peak = max((r.get("items_found") or 0) for r in runs) or 1
    total_new = sum((r.get("items_new") or 0) for r in runs)
    label = _n("Items found per crawl run, last {n} run: max {peak}, {new} new in total",
               "Items found per crawl run, last {n} runs: max {peak}, {new} new in total", n, peak=peak, new=total_new)
    parts = [f'<svg class="chart{" chart-large" if axis else ""}" xmlns="http://www.w3.org/2000/svg" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(label)}" data-runs="{n}">',
             f"<title>{escape(label)}</title>"]
    base_y = top + plot_h
    if axis:
        parts.append(f'<line x1="{left}" y1="{base_y}" x2="{width - 1}" y2="{base_y}" stroke="#9ca3af" '
                     'stroke-width="1"/>')
        parts.append(f'<line x1="{left}" y1="{top}" x2="{width - 1}" y2="{top}" stroke="#e5e7eb" '
                     'stroke-dasharray="3 3" stroke-width="1"/>')
        parts.append(f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" class="axis">{peak}</text>')
        parts.append(f'<text x="{left - 4}" y="{base_y}" text-anchor="end" class="axis">0</text>')
        first, last = runs[0].get("started_at"), runs[-1].get("started_at")
        if first:
            parts.append(f'<text x="{left}" y="{height - 3}" class="axis">{escape(first.strftime("%Y-%m-%d"))}</text>')
        x_last = left + (n - 1) * slot + bar
        if last and n > 1 and x_last - left > 190:  # room for both labels
            parts.append(f'<text x="{_num(x_last)}" y="{height - 3}" text-anchor="end" class="axis">'
                         f'{escape(last.strftime("%Y-%m-%d %H:%M"))}</text>')
    else:
        parts.append(f'<line x1="0" y1="{base_y}" x2="{width}" y2="{base_y}" stroke="#e5e7eb" stroke-width="1"/>')
    for i, r in enumerate(runs):
        found, new = r.get("items_found") or 0, r.get("items_new") or 0
        status = r.get("status") or "running"
        light, dark = COLORS.get(status, COLORS["running"])
        x = left + i * slot
        h_found = plot_h * found / peak
        h_new = plot_h * min(new, found) / peak
        tip = (f"{_fmt_time(r.get('started_at'))} · {tr.term(status)} · "
               + _("{found} found, {new} new", found=found, new=new) + (f" · {r['error']}" if r.get("error") else ""))
        parts.append(f'<g class="run run-{escape(status)}"><title>{escape(tip)}</title>')
        if found == 0:  # a visible stub, so failed/empty runs still show
            parts.append(f'<rect x="{_num(x)}" y="{_num(base_y - 2)}" width="{_num(bar)}" height="2" '
                         f'fill="{dark}"/>')
        else:
            parts.append(f'<rect x="{_num(x)}" y="{_num(base_y - h_found)}" width="{_num(bar)}" '
                         f'height="{_num(h_found)}" fill="{light}"/>')
            if h_new > 0:
                parts.append(f'<rect x="{_num(x)}" y="{_num(base_y - h_new)}" width="{_num(bar)}" '
                             f'height="{_num(h_new)}" fill="{dark}"/>')
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))
