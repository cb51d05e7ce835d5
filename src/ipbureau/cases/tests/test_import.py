import json
from datetime import date
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command

from ipbureau.audit.models import AuditEntry
from ipbureau.cases.imports import cases_import
from ipbureau.cases.models import Case, CaseKind, CaseState, Closure
from ipbureau.patents.tests.factories import app_number

pytestmark = pytest.mark.django_db

HEADER = "案件编号,案件类型,地区代码,受理日期,立案日期,结案日期,结案方式,移交单位,请求人,被请求人,涉案专利号"
PATENT = app_number(2012, 2, 77)
GOOD = [
    f"甘知纠〔2024〕1号,专利侵权纠纷,620100,2024-03-01,2024-03-05,2024-05-20,处理决定,,兰州大学,某贸易公司,{PATENT}",
    "甘知纠〔2024〕2号,专利侵权纠纷,620100,2024-04-02,2024-04-08,2024-06-01,调解,,张三,李四；王五,",
    "甘知纠〔2024〕3号,专利侵权纠纷,620500,2024/05/06,,2024-05-09,移交,黑龙江省知识产权局,某公司,某厂,",
    "甘知假〔2024〕1号,假冒专利,620102,2024年6月3日,2024-06-04,,,,,某商店,",
]


def write(tmp_path, lines, name="ledger.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding=encoding)
    return path


def test_good_ledger_is_imported_with_states_parties_and_patents(regions, tmp_path):
    result = cases_import(path=write(tmp_path, GOOD), user=None)
    assert (result.inserted, result.rejected, result.committed) == (4, 0, True)
    first = Case.objects.get(number="甘知纠〔2024〕1号")
    assert first.state == CaseState.CLOSED and first.closure == Closure.DECISION
    assert first.close_due == date(2024, 6, 5)
    assert [p.number for p in first.patents.all()] == [PATENT]
    second = Case.objects.get(number="甘知纠〔2024〕2号")
    assert sorted(p.name for p in second.parties.filter(role="respondent")) == ["李四", "王五"]
    transferred = Case.objects.get(number="甘知纠〔2024〕3号")
    assert transferred.state == CaseState.TRANSFERRED
    assert transferred.transferred_to == "黑龙江省知识产权局"
    counterfeit = Case.objects.get(number="甘知假〔2024〕1号")
    assert counterfeit.kind == CaseKind.COUNTERFEIT and counterfeit.state == CaseState.ACCEPTED
    assert counterfeit.received_on == date(2024, 6, 3)
    assert counterfeit.closed_on is None  # pending
    assert AuditEntry.objects.filter(action="case.import").count() == 4


def test_bad_lines_are_reported_by_line_number_and_nothing_is_written(regions, tmp_path):
    bad = [
        *GOOD[:2],
        "甘知纠〔2024〕9号,专利侵权纠纷,620100,2024-03-01,,2024-03-09,结了,,甲,乙,",
        "甘知纠〔2024〕10号,商标纠纷,629999,2024-02-30,,,,,甲,乙,200810012345.1",
        "甘知纠〔2024〕1号,专利侵权纠纷,620100,2024-03-01,,,,,甲,乙,",
    ]
    result = cases_import(path=write(tmp_path, bad), user=None)
    assert not result.committed
    assert Case.objects.count() == 0
    messages = [p.message for p in result.problems]
    assert messages[0] == ("第4行：结案方式「结了」无法识别，应为 处理决定/调解/撤回/移交/不予受理")
    assert messages[1].startswith("第5行：案件类型「商标纠纷」无法识别")
    assert "地区代码「629999」不存在" in messages[1]
    assert "受理日期「2024-02-30」无效" in messages[1]
    assert "涉案专利号“200810012345.1”无效" in messages[1]
    assert messages[2] == "第6行：案件编号 甘知纠〔2024〕1号 与第2行重复"


def test_skip_bad_writes_the_good_rows(regions, tmp_path):
    lines = [*GOOD, "X1,专利侵权纠纷,620100,2024-03-01,,2024-03-09,移交,,甲,乙,"]
    result = cases_import(path=write(tmp_path, lines), user=None, skip_bad=True)
    assert (result.inserted, result.rejected, result.committed) == (4, 1, True)
    assert result.problems[0].message == "第6行：结案方式为移交，但没有填写移交单位"


def test_reimport_is_idempotent_and_updates_what_changed(regions, tmp_path):
    cases_import(path=write(tmp_path, GOOD), user=None)
    again = cases_import(path=write(tmp_path, GOOD), user=None)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 4)
    changed = [
        *GOOD[:3],
        "甘知假〔2024〕1号,假冒专利,620102,2024-06-03,2024-06-04,2024-06-20,处理决定,,,某商店,",
    ]
    third = cases_import(path=write(tmp_path, changed), user=None)
    assert (third.inserted, third.updated, third.unchanged) == (0, 1, 3)
    assert Case.objects.count() == 4
    case = Case.objects.get(number="甘知假〔2024〕1号")
    assert case.state == CaseState.CLOSED and case.closed_on == date(2024, 6, 20)
    entry = AuditEntry.objects.get(action="case.import_update")
    assert entry.changes["closed_on"] == ["", "2024-06-20"]


def test_gb18030_csv_with_bom_free_chinese_is_read(regions, tmp_path):
    result = cases_import(path=write(tmp_path, GOOD, encoding="gb18030"), user=None)
    assert result.inserted == 4


def test_xlsx_ledger_with_real_dates(regions, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "X-1",
            "专利侵权纠纷",
            620100,
            date(2024, 3, 1),
            date(2024, 3, 4),
            None,
            None,
            None,
            "甲",
            "乙",
            None,
        ]
    )
    sheet.append(
        [
            "X-2",
            "其他专利纠纷",
            620500,
            date(2024, 3, 2),
            None,
            date(2024, 3, 5),
            "撤回",
            None,
            "丙",
            "丁",
            None,
        ]
    )
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    result = cases_import(path=path, user=None)
    assert result.inserted == 2, result.as_json()
    case = Case.objects.get(number="X-1")
    assert case.region_id == "620100" and case.accepted_on == date(2024, 3, 4)
    assert Case.objects.get(number="X-2").closure == Closure.WITHDRAWAL


def test_city_staff_can_import_only_their_own_citys_cases(users, tmp_path):
    result = cases_import(path=write(tmp_path, GOOD), user=users["lanzhou"])
    assert not result.committed
    assert [p.line for p in result.problems] == [4]
    assert "管辖范围" in result.problems[0].message


def test_import_command_prints_a_json_summary(regions, tmp_path):
    out = StringIO()
    call_command("import_cases", str(write(tmp_path, GOOD)), "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["inserted"] == 4 and summary["committed"] is True


def test_import_command_exits_non_zero_on_bad_rows(regions, tmp_path):
    path = write(tmp_path, [*GOOD, "Y,专利侵权纠纷,620100,,,,,,,,"])
    out = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("import_cases", str(path), "--json", stdout=out)
    assert exited.value.code == 1
    assert json.loads(out.getvalue())["problems"][0]["message"] == "第6行：缺少受理日期"
    assert Case.objects.count() == 0


def test_import_command_dry_run_reports_bad_rows_without_failing(regions, tmp_path):
    path = write(tmp_path, [*GOOD, "Y,专利侵权纠纷,620100,,,,,,,,"])
    out, err = StringIO(), StringIO()
    call_command("import_cases", str(path), "--dry-run", stdout=out, stderr=err)
    assert "第6行：缺少受理日期" in err.getvalue()
    assert out.getvalue().startswith("案件台账检查完成，未写入数据库：")
    assert Case.objects.count() == 0
