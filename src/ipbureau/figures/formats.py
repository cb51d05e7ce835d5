"""A figures envelope (`region`, `period`, `total`, `rows`) as a terminal table, JSON, CSV
or an Excel workbook: the one set of formatters of every `ipbureau stats …` command.

Numbers stay numbers (CSV without thousands separators, Excel cells of number type). What
is undefined (no base, no target, nothing to average) is null in JSON, an empty cell in
CSV and Excel, and MISSING in the terminal table. A name beginning with = or another formula
sign stays text in CSV and Excel (core.cells). A domain describes its columns once in a
Layout; the formatters know nothing of patents, cases or assistance."""

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from ipbureau.core.cells import csv_cell, sheet_cell

FORMATS = ("table", "json", "csv", "xlsx")
MISSING = "—"
TOTAL = "合计"


@dataclass(frozen=True)
class Column:
    key: str  # the metric's key in the envelope; percentages end in _pct
    label: str  # header of CSV and Excel
    short: str = ""  # header of the terminal table when the label is too long
    in_table: bool = True  # the terminal table shows only what fits a wide terminal

    @property
    def is_percent(self) -> bool:
        return self.key.endswith("_pct")


@dataclass(frozen=True)
class Layout:
    columns: Sequence[Column]
    title: str = ""  # after "<region> <period>" in the table and the workbook
    # The table with one line per metric and one column per region: for many metrics and
    # few regions.
    transpose: bool = False


def render(figures: dict[str, Any], layout: Layout, fmt: str) -> str | bytes:
    """The envelope in `fmt` (one of FORMATS): bytes for xlsx, text ending in a newline
    otherwise."""
    if fmt == "json":
        return json.dumps(figures, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return as_csv(figures, layout)
    if fmt == "xlsx":
        return as_workbook(figures, layout)
    if fmt == "table":
        return as_table(figures, layout) + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def as_csv(figures: dict[str, Any], layout: Layout) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(["代码", "名称", *(column.label for column in layout.columns)])
    for code, name, metrics in _lines(figures):
        values = (_value(metrics[column.key]) for column in layout.columns)
        row = [code, name, *("" if v is None else v for v in values)]
        writer.writerow([csv_cell(v) for v in row])
    return stream.getvalue()


def as_workbook(figures: dict[str, Any], layout: Layout) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("统计")
    sheet.append([sheet_cell(sheet, _heading(figures, layout))])
    bold = Font(bold=True)
    header = []
    for label in ("代码", "名称", *(column.label for column in layout.columns)):
        cell = sheet_cell(sheet, label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for code, name, metrics in _lines(figures):
        cells = [sheet_cell(sheet, code), sheet_cell(sheet, name)]
        for column in layout.columns:
            cell = sheet_cell(sheet, _value(metrics[column.key]))
            if column.is_percent:
                cell.number_format = "0.0"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_table(figures: dict[str, Any], layout: Layout) -> str:
    """Aligned columns for a terminal, names left, numbers right; CJK characters count two
    columns wide."""
    columns = [column for column in layout.columns if column.in_table]
    lines = _lines(figures)
    if layout.transpose:
        header = ["指标", *(name for _, name, _ in lines[:-1]), TOTAL]
        body = [
            [column.short or column.label, *(_text(column, m) for _, _, m in lines)]
            for column in columns
        ]
    else:
        header = ["名称", *(column.short or column.label for column in columns)]
        body = [[name, *(_text(column, m) for column in columns)] for _, name, m in lines]
    grid = [header, *body]
    widths = [max(width(line[i]) for line in grid) for i in range(len(header))]
    out = [_heading(figures, layout)]
    for line in grid:
        cells = [_pad(line[0], widths[0], left=True)]
        cells += [_pad(text, w) for text, w in zip(line[1:], widths[1:], strict=True)]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def width(text: str) -> int:
    """Display width in a Chinese terminal: wide and fullwidth characters take two columns,
    and so do those of ambiguous width (MISSING, the em dash, among them), as a terminal in
    a Chinese locale draws them."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _heading(figures: dict[str, Any], layout: Layout) -> str:
    parts = [figures["region"]["name"], figures["period"]["label"], layout.title]
    return " ".join(part for part in parts if part)


def _lines(figures: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(code, name, metrics) for each row, then the total."""
    lines = [(row["code"], row["name"], row) for row in figures["rows"]]
    region = figures["region"]
    lines.append((region["code"], f"{region['name']}{TOTAL}", figures["total"]))
    return lines


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def _text(column: Column, metrics: dict[str, Any]) -> str:
    value = metrics[column.key]
    if value is None:
        return MISSING
    if column.is_percent:
        return f"{value:.1f}"
    return str(_value(value))


def _pad(text: str, columns: int, *, left: bool = False) -> str:
    space = " " * (columns - width(text))
    return text + space if left else space + text
