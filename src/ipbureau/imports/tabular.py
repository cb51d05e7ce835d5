"""Small tables in a file: the CSV or XLSX that staff keep (targets, population, the case
ledger), and the loop that checks every row of one.

Such files hold a few hundred or thousand rows at most, so they are read whole. Text files may be UTF-8
(with or without BOM, as Excel's "CSV UTF-8" writes), UTF-16 with BOM, or GB18030 (which
covers GBK, what Excel and WPS write by default on Chinese Windows); comma- or tab-separated.
The header is the first non-empty row; columns are found by any of their names (English
code or Chinese), unknown columns are ignored. Row numbers are the file's line numbers (XLSX:
the sheet's row numbers), so that "第N行" points where the clerk looks.
"""

import codecs
import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .result import ImportResult, RowProblem

MAX_BYTES = 10 * 1024 * 1024


class SheetError(Exception):
    """The file as a whole cannot be read; the message (Chinese) says why and what to do."""


@dataclass(frozen=True)
class Column:
    key: str
    names: tuple[str, ...]  # the first is shown in messages
    required: bool = True


@dataclass
class Sheet:
    columns: dict[str, int]  # column key -> index in a row
    rows: list[tuple[int, list[str]]]  # (line number, cells)

    def cell(self, cells: list[str], key: str) -> str:
        index = self.columns.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""


def header_key(text: str) -> str:
    """Header cell -> lookup key: NFKC (full-width brackets to ASCII), no BOM or spaces, lower
    case, Chinese brackets as ASCII ones."""
    text = unicodedata.normalize("NFKC", text).replace("\ufeff", "")
    return "".join(text.split()).replace("（", "(").replace("）", ")").rstrip(":").lower()


def read_sheet(path: Path, columns: tuple[Column, ...], *, too_large: str = "请检查文件") -> Sheet:
    """The sheet's header located and its non-empty rows; `too_large` ends the message for a
    file over MAX_BYTES (what to do about it)."""
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise SheetError(f"文件超过 {MAX_BYTES // 2**20} MB，{too_large}")
    with open(path, "rb") as fh:
        data = fh.read()
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Excel 97-2003, still common in offices
        raise SheetError(
            "这是旧版 Excel（.xls）文件，无法直接读取。请另存为 .xlsx 或“CSV UTF-8”后重试"
        )
    rows = _xlsx_rows(path) if data.startswith(b"PK\x03\x04") else _csv_rows(data)
    rows = [(line, cells) for line, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        raise SheetError("文件是空的，没有表头也没有数据")
    _, header = rows[0]
    return Sheet(columns=_locate(header, columns), rows=rows[1:])


def _locate(header: list[str], columns: tuple[Column, ...]) -> dict[str, int]:
    keys = [header_key(cell) for cell in header]
    found: dict[str, int] = {}
    for column in columns:
        for name in column.names:
            if header_key(name) in keys:
                found[column.key] = keys.index(header_key(name))
                break
    missing = [c for c in columns if c.required and c.key not in found]
    if missing:
        expected = ",".join(c.names[0] for c in columns if c.required)
        chinese = ",".join(c.names[1] for c in columns if c.required)
        raise SheetError(
            f"文件缺少列：{'、'.join(f'{c.names[1]}（{c.names[0]}）' for c in missing)}。"
            f"第一行应为表头 {expected}（或 {chinese}）；"
            f"看到的表头：{'、'.join(c.strip() for c in header if c.strip())[:200]}"
        )
    return found


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(
        "无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK。请另存为“CSV UTF-8”后重试"
    )


def _csv_rows(data: bytes) -> list[tuple[int, list[str]]]:
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    end = 0
    try:
        for cells in reader:
            rows.append((end + 1, cells))  # a quoted cell may span lines: report where it starts
            end = reader.line_num
    except csv.Error as exc:
        raise SheetError(f"第{end + 1}行：无法按 CSV 格式读取（{exc}），请检查引号") from exc
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # Excel keeps every number as a float: 620100.0 -> "620100", 3.25 stays.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _xlsx_rows(path: Path) -> list[tuple[int, list[str]]]:
    import openpyxl  # only needed here

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip and XML errors of many kinds: not a workbook
        raise SheetError(f"无法以 Excel 工作簿打开此文件（{exc}）。请确认是 .xlsx 文件") from exc
    try:
        sheet = book.worksheets[0]
        return [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)
        ]
    finally:
        book.close()


RowT = TypeVar("RowT")


def rows_checked(
    sheet: Sheet,
    result: ImportResult,
    *,
    parse: Callable[[int, list[str]], RowT],
    errors: type[Exception] | tuple[type[Exception], ...],
    key: Callable[[RowT], Hashable],
    problem: Callable[[RowT, int | None], str | None],
) -> list[RowT]:
    """The rows of `sheet` that pass every check; the others go to `result` with their
    reasons. `parse(line, cells)` raises one of `errors` with the row's mistakes;
    `problem(row, earlier)` says what else is wrong with a parsed row (`earlier`: the line of
    an accepted row with the same key, if any), or nothing."""
    seen: dict[Hashable, int] = {}
    good: list[RowT] = []
    for line, cells in sheet.rows:
        try:
            row = parse(line, cells)
        except errors as exc:
            result.reject(RowProblem.at(line, str(exc)))
            continue
        row_key = key(row)
        message = problem(row, seen.get(row_key))
        if message:
            result.reject(RowProblem.at(line, message))
        else:
            seen[row_key] = line
            good.append(row)
    return good
