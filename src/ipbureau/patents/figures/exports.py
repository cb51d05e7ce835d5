"""A `figures()` envelope as a terminal table, CSV or an Excel workbook. Numbers stay
numbers (CSV without thousands separators, Excel cells of number type); what is undefined
(no base, no target) is an empty cell, or a dash in the terminal table."""

import csv
import unicodedata
from io import BytesIO
from typing import Any, TextIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# (metric key, column label); percentages end in _pct.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("applications", "申请量"),
    ("invention_applications", "发明申请"),
    ("utility_applications", "实用新型申请"),
    ("design_applications", "外观设计申请"),
    ("pct_applications", "PCT申请"),
    ("agency_filed", "代理量"),
    ("agency_share_pct", "代理率(%)"),
    ("applications_base", "上年同期申请量"),
    ("applications_growth_pct", "申请量增长(%)"),
    ("grants", "授权量"),
    ("invention_grants", "发明授权"),
    ("utility_grants", "实用新型授权"),
    ("design_grants", "外观设计授权"),
    ("grants_base", "上年同期授权量"),
    ("grants_growth_pct", "授权量增长(%)"),
    ("target_applications", "全年申请目标"),
    ("completion_pct", "目标完成率(%)"),
    ("projected_applications", "预计全年申请量"),
    ("on_track", "可完成目标"),
    ("rank", "排名"),
)
# The terminal table: the columns a report quotes, so that it fits a wide terminal.
TABLE_COLUMNS = (
    "applications", "invention_applications", "utility_applications", "design_applications",
    "grants", "agency_share_pct", "applications_base", "applications_growth_pct",
    "grants_growth_pct", "target_applications", "completion_pct", "projected_applications",
    "rank",
)  # fmt: skip
SHORT_LABELS = {
    "invention_applications": "发明",
    "utility_applications": "实用新型",
    "design_applications": "外观设计",
    "applications_base": "上年同期",
    "applications_growth_pct": "申请增长%",
    "grants_growth_pct": "授权增长%",
    "agency_share_pct": "代理率%",
    "target_applications": "全年目标",
    "completion_pct": "完成率%",
    "projected_applications": "预计全年",
}
TOTAL = "合计"


def _lines(figures: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(code, name, metrics) for each row, then the total."""
    lines = [(row["code"], row["name"], row) for row in figures["rows"]]
    lines.append(
        (figures["region"]["code"], f"{figures['region']['name']}{TOTAL}", figures["total"])
    )
    return lines


def _cell(key: str, value: Any) -> Any:
    if key == "on_track" and value is not None:
        return "是" if value else "否"
    return value


def figures_csv(figures: dict[str, Any], stream: TextIO) -> None:
    writer = csv.writer(stream)
    writer.writerow(["代码", "名称", *(label for _, label in COLUMNS)])
    for code, name, metrics in _lines(figures):
        values = [_cell(key, metrics[key]) for key, _ in COLUMNS]
        writer.writerow([code, name, *("" if v is None else v for v in values)])


def figures_workbook(figures: dict[str, Any]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("统计")
    sheet.append([f"{figures['region']['name']} {figures['period']['label']}"])
    bold = Font(bold=True)
    header = []
    for label in ("代码", "名称", *(label for _, label in COLUMNS)):
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for code, name, metrics in _lines(figures):
        cells = [WriteOnlyCell(sheet, value=code), WriteOnlyCell(sheet, value=name)]
        for key, _ in COLUMNS:
            cell = WriteOnlyCell(sheet, value=_cell(key, metrics[key]))
            if key.endswith("_pct"):
                cell.number_format = "0.0"
            cells.append(cell)
        sheet.append(cells)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def figures_table(figures: dict[str, Any]) -> str:
    """Aligned columns for a terminal; CJK characters count two columns wide."""
    header = ["名称", *(SHORT_LABELS.get(key) or dict(COLUMNS)[key] for key in TABLE_COLUMNS)]
    body = [
        [name, *(_text(key, metrics[key]) for key in TABLE_COLUMNS)]
        for _, name, metrics in _lines(figures)
    ]
    widths = [max(_width(line[i]) for line in [header, *body]) for i in range(len(header))]
    out = [f"{figures['region']['name']} {figures['period']['label']}"]
    for line in [header, *body]:
        cells = [_pad(line[0], widths[0], left=True)]
        cells += [_pad(text, width) for text, width in zip(line[1:], widths[1:], strict=True)]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def _text(key: str, value: Any) -> str:
    if value is None:
        # ASCII: the em dash is of ambiguous width, one column in some terminals, two in
        # Chinese ones, which would break the alignment.
        return "-"
    if key.endswith("_pct"):
        return f"{value:.1f}"
    return str(_cell(key, value))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, left: bool = False) -> str:
    space = " " * (width - _width(text))
    return text + space if left else space + text
