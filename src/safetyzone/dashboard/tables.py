"""A dashboard table: its numbers, a server-rendered SVG bar chart of them, and a CSV file.

The chart is plain SVG built here (no JavaScript): one horizontal bar per row, stacked by
the chosen columns, each bar labelled with its number. The same rows fill the HTML table
under the chart and the CSV download, so the three always show the same figures.
"""

import csv
import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from safetyzone.core.cells import csv_text
from safetyzone.core.templatetags.thai import thai_number

PALETTE = ["#0b5394", "#c27c0e", "#1e7a3c", "#7a1a14", "#6a4c93", "#2a9d8f", "#b3261e", "#5b6877"]
LABEL_W, BAR_W, ROW_H, WIDTH = 210, 330, 24, 640
LABEL_CHARS = 32


@dataclass
class Column:
    label: str
    kind: str = "int"  # int | money | pct
    colour: str = ""


@dataclass
class Row:
    label: str
    values: list
    query: str = ""  # link to drill into this row ("area=15" ...)


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[Row]
    chart: list[int] = field(default_factory=lambda: [0])  # columns stacked in each bar
    total: Row | None = None
    note: str = ""
    first_column: str = ""

    @property
    def empty(self) -> bool:
        return not self.rows

    def cells(self, row: Row) -> list[str]:
        return [display(v, c.kind) for v, c in zip(row.values, self.columns)]

    def html_rows(self) -> list[dict]:
        return [{"label": r.label, "query": r.query, "cells": self.cells(r)} for r in self.rows]

    def html_total(self) -> dict | None:
        return {"label": self.total.label, "cells": self.cells(self.total)} if self.total else None

    def svg(self) -> str:
        return chart_svg(self)


def display(value, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "pct":
        return f"{value:.1f}%"
    if kind == "money":
        return thai_number(value, 0)
    return thai_number(value)


def _short(text: str) -> str:
    text = str(text)
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def chart_svg(table: Table) -> str:
    """Horizontal bars, one per row, stacked by `table.chart` columns; scaled to the longest."""
    if not table.rows:
        return ""
    stacks = [[(i, row.values[i] or 0) for i in table.chart] for row in table.rows]
    longest = max((sum(float(v) for _i, v in s) for s in stacks), default=0) or 1
    height = ROW_H * len(table.rows) + 8
    parts = [f'<svg class="bars" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'preserveAspectRatio="xMinYMin meet" aria-label="{escape(table.title)}">']
    for n, (row, stack) in enumerate(zip(table.rows, stacks)):
        y = 4 + n * ROW_H
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + 16}" text-anchor="end">{escape(_short(row.label))}</text>')
        x, total = float(LABEL_W), 0.0
        for i, value in stack:
            w = float(value) / longest * BAR_W
            total += float(value)
            if w > 0:
                colour = table.columns[i].colour or PALETTE[i % len(PALETTE)]
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW_H - 6}" fill="{colour}">'
                             f'<title>{escape(table.columns[i].label)}: {display(value, table.columns[i].kind)}'
                             f'</title></rect>')
                x += w
        kind = table.columns[table.chart[0]].kind
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 16}">{display(total, kind)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def legend(table: Table) -> list[dict]:
    if len(table.chart) < 2:
        return []
    return [{"label": table.columns[i].label, "colour": table.columns[i].colour or PALETTE[i % len(PALETTE)]}
            for i in table.chart]


def csv_response(table: Table, filename: str) -> HttpResponse:
    """The table as CSV: UTF-8 with a BOM (so Excel shows Thai), plain unformatted numbers."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([table.first_column or table.title, *[c.label for c in table.columns]])
    for row in table.rows + ([table.total] if table.total else []):
        writer.writerow([csv_text(row.label), *["" if v is None else (f"{v:.1f}" if c.kind == "pct" else v)
                                      for v, c in zip(row.values, table.columns)]])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
