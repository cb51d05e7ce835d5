"""Formula-safe cells: a text a spreadsheet would evaluate shows as typed, a number stays a
number."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from ipbureau.core.cells import csv_cell, sheet_cell

FORMULA_LIKE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
PLAIN = ["兰州大学", "a=b", " =1", "", "CN1234", "1+1"]
NUMBERS = [-5, -2.5, Decimal("-1.50"), 0, date(2008, 3, 15), None, True]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_csv_puts_a_single_quote_before_a_formula_like_text(text):
    assert csv_cell(text) == f"'{text}"


@pytest.mark.parametrize("value", PLAIN + NUMBERS)
def test_csv_leaves_plain_text_and_numbers_alone(value):
    assert csv_cell(value) == value


def test_csv_row_reads_back_with_the_quote():
    stream = io.StringIO()
    csv.writer(stream).writerow([csv_cell(v) for v in ["=1+1", -5]])
    assert next(csv.reader(io.StringIO(stream.getvalue()))) == ["'=1+1", "-5"]


def test_sheet_stores_formula_like_text_as_text_and_numbers_as_numbers():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("s")
    texts = [*FORMULA_LIKE, *(text for text in PLAIN if text)]
    sheet.append([sheet_cell(sheet, v) for v in [*texts, -5, -2.5, date(2008, 3, 15)]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = next(load_workbook(buffer).active.iter_rows())
    assert [cell.data_type for cell in row] == ["s"] * len(texts) + ["n", "n", "d"]
    # XML reads a bare carriage return back as a line feed; the rest is kept as typed.
    assert [cell.value for cell in row[:5]] == FORMULA_LIKE[:5]
    assert [cell.value for cell in row[6 : len(texts)]] == texts[6:]
    assert [cell.quotePrefix for cell in row[: len(texts)]] == [True] * 6 + [False] * 5
    assert [cell.value for cell in row[len(texts) : -1]] == [-5, -2.5]
