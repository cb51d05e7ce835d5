"""Each `ipbureau stats …` command (patents, cases, assistance) writes its figures as a
table, JSON, CSV and an Excel workbook, to the screen or to --output."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from ipbureau.figures.formats import MISSING

pytestmark = pytest.mark.django_db

COMMANDS = ["stats", "stats_cases", "stats_assistance"]
FIRST_COLUMN = {"stats": "申请量", "stats_cases": "受理", "stats_assistance": "受理"}


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, "--year", "2015", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("command", COMMANDS)
def test_table_ends_with_the_total_and_prints_a_dash_for_missing(regions, command):
    lines = run(command).splitlines()
    assert lines[0].startswith("甘肃省 2015年")
    assert "兰州市" in "\n".join(lines)
    cells = " ".join(lines[1:]).split()
    assert MISSING in cells  # no records: every ratio is undefined
    assert "-" not in cells


@pytest.mark.parametrize("command", COMMANDS)
def test_json_is_the_envelope(regions, command):
    result = json.loads(run(command, "--format", "json"))
    assert set(result) == {"region", "period", "total", "rows"}
    assert result["region"] == {"code": "620000", "name": "甘肃省"}
    assert len(result["rows"]) == 14


@pytest.mark.parametrize("command", COMMANDS)
def test_csv_to_a_file_opens_in_excel_as_utf8(regions, command, tmp_path):
    out = tmp_path / "figures.csv"
    assert run(command, "--format", "csv", "--output", str(out)) == ""
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["代码", "名称", FIRST_COLUMN[command]]
    assert rows[-1][:3] == ["620000", "甘肃省合计", "0"]
    assert len(rows) == 16  # header, 14 cities, total


@pytest.mark.parametrize("command", COMMANDS)
def test_csv_to_the_screen(regions, command):
    rows = list(csv.reader(io.StringIO(run(command, "--format", "csv", "--by", "none"))))
    assert rows[1][:2] == ["620000", "甘肃省合计"]


@pytest.mark.parametrize("command", COMMANDS)
def test_xlsx_is_a_workbook_of_numbers(regions, command, tmp_path):
    out = tmp_path / "figures.xlsx"
    run(command, "--format", "xlsx", "--output", str(out), "--region", "620100")
    sheet = load_workbook(out).active
    assert sheet["A1"].value.startswith("兰州市 2015年")
    header = [cell.value for cell in sheet[2]]
    assert header[:3] == ["代码", "名称", FIRST_COLUMN[command]]
    total = list(sheet.iter_rows(min_row=3, values_only=True))[-1]
    assert total[:3] == ("620100", "兰州市合计", 0)


@pytest.mark.parametrize("command", COMMANDS)
def test_xlsx_needs_an_output_file(regions, command):
    with pytest.raises(CommandError, match="xlsx 格式需要用 --output"):
        run(command, "--format", "xlsx")
