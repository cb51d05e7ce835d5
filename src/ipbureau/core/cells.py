"""Text cells of the CSV and Excel files the platform writes, safe to open in a spreadsheet.

A spreadsheet takes a text beginning with =, +, -, @, a tab or a carriage return for a
formula (CSV or formula injection, OWASP): a patent titled '=HYPERLINK("http://…","…")'
would open as a live link. Such a text is written so that it shows as typed and is never
evaluated; numbers and dates stay numbers and dates (-5 is a number, not a formula).
Every layer writes files, so this module imports nothing of ipbureau."""

from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """`value` for a CSV row: a formula-like text behind a single quote, which a spreadsheet
    reads as "text follows"; CSV has no cell types to say so otherwise."""
    return f"'{value}" if is_formula_like(value) else value


def sheet_cell(sheet: Any, value: Any) -> WriteOnlyCell:
    """A cell of a write-only sheet. openpyxl stores a text beginning with = as a formula;
    a formula-like text is stored as the text itself instead, quote-prefixed so that Excel
    also keeps it text when a user edits the cell."""
    cell = WriteOnlyCell(sheet, value=value)
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
