"""`ipbureau stats`: the same figures as the selectors, as a table, JSON, CSV, Excel or text."""

import csv
import io
import json
from datetime import date

import pytest
from django.core import management
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from ipbureau.cli import main as ipbureau
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import add_patents
from ipbureau.targets.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(regions):
    add_patents(6, region="620102", filed=date(2008, 3, 3), through_agency=True)
    add_patents(2, region="620802", filed=date(2008, 7, 3))
    add_patents(4, region="620102", filed=date(2007, 3, 3))
    Target.objects.create(year=2008, region_id="620100", metric="applications", value=12)
    patent_counts_rebuild()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def test_json_prints_the_envelope(filed):
    result = json.loads(run("--year", "2008", "--period", "H1", "--format", "json"))
    assert result["region"] == {"code": "620000", "name": "甘肃省"}
    assert result["period"]["label"] == "2008年上半年"
    assert (
        result["total"]["applications"] == 6 and result["total"]["applications_growth_pct"] == 50.0
    )
    lanzhou = next(row for row in result["rows"] if row["code"] == "620100")
    assert (lanzhou["completion_pct"], lanzhou["rank"]) == (50.0, 1)


def test_table_aligns_chinese_names_and_ends_with_the_total(filed):
    lines = run("--year", "2008").splitlines()
    assert lines[0] == "甘肃省 2008年"
    assert lines[1].startswith("名称")
    assert lines[-1].startswith("甘肃省合计")
    lanzhou = next(line for line in lines if line.startswith("兰州市"))
    gannan = next(line for line in lines if line.startswith("甘南藏族自治州"))
    assert len(lanzhou.encode("gbk")) == len(gannan.encode("gbk"))  # same display width
    # target, completion, projection (the year's own figure), rank
    assert lanzhou.split()[-4:] == ["12", "50.0", "6", "1"]


def test_csv_has_plain_numbers_and_empty_cells_for_undefined(filed, tmp_path):
    out = tmp_path / "stats.csv"
    run("--year", "2008", "--by", "type", "--format", "csv", "--output", str(out))
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["代码", "名称", "申请量"]
    utility = next(row for row in rows if row[0] == "utility")
    assert utility[2] == "8"
    invention = next(row for row in rows if row[0] == "invention")
    assert invention[rows[0].index("代理率(%)")] == ""


def test_xlsx_cells_are_numbers(filed, tmp_path):
    out = tmp_path / "stats.xlsx"
    run("--year", "2008", "--format", "xlsx", "--output", str(out))
    sheet = load_workbook(out).active
    header = [cell.value for cell in sheet[2]]
    lanzhou = next(
        row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "620100"
    )
    assert lanzhou[header.index("申请量")] == 6
    assert lanzhou[header.index("目标完成率(%)")] == 50.0  # a number, not the text "50.0"
    assert lanzhou[header.index("申请量增长(%)")] == 50.0


def test_narrative_prints_report_sentences(filed):
    text = run("--year", "2008", "--period", "YTD", "--until", "2008-06-30", "--narrative")
    assert text.startswith("截至6月底，全省专利申请量6件，同比增长50.0%")
    assert "兰州已申请专利6件（全年任务为12件），已完成当年工作任务的50.0%。" in text


def test_bad_input_is_a_command_error_in_chinese(filed):
    with pytest.raises(CommandError, match="统计期间“Q9”无法识别"):
        run("--year", "2008", "--period", "Q9")
    with pytest.raises(CommandError, match="没有区划代码为“999999”的地区"):
        run("--year", "2008", "--region", "999999")
    with pytest.raises(CommandError, match="xlsx 格式需要用 --output"):
        run("--year", "2008", "--format", "xlsx")


def test_two_word_forms_reach_the_right_commands(monkeypatch):
    # Not run for real: run_from_argv closes the database connections at the end, which
    # would end the test's transaction on PostgreSQL.
    seen = []
    monkeypatch.setattr(management, "execute_from_command_line", seen.append)
    ipbureau(["ipbureau", "stats", "--year", "2008", "--by", "none"])
    ipbureau(["ipbureau", "stats", "rebuild"])
    assert seen == [
        ["ipbureau", "stats", "--year", "2008", "--by", "none"],
        ["ipbureau", "stats_rebuild"],
    ]
