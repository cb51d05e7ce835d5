"""Importing targets and population from CSV and XLSX files."""

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ipbureau.audit.models import AuditEntry
from ipbureau.imports.tabular import SheetError
from ipbureau.targets.imports import population_import, targets_import
from ipbureau.targets.models import Metric, Population, Target
from ipbureau.targets.selectors import population_for, target_value

pytestmark = pytest.mark.django_db

GOOD = """year,region_code,metric,value
2024,620100,applications,1100
2024,620500,invention_applications,300
2024,620000,valid_invention_per_10k,3.25
"""


def write(tmp_path: Path, text: str, name: str = "targets.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def messages(result) -> list[str]:
    return [p.message for p in result.problems]


def test_a_good_file_is_imported_and_counted(users, tmp_path):
    result = targets_import(path=write(tmp_path, GOOD), user=users["province"])
    assert (result.inserted, result.updated, result.unchanged, result.rejected) == (3, 0, 0, 0)
    assert result.committed
    assert target_value(2024, "620100", Metric.APPLICATIONS) == Decimal("1100")
    assert target_value(2024, "620000", Metric.VALID_INVENTION_PER_10K) == Decimal("3.25")


def test_each_imported_change_is_audited_with_the_file_name(users, tmp_path):
    targets_import(path=write(tmp_path, GOOD), user=users["province"])
    entries = AuditEntry.objects.filter(action="target.set")
    assert entries.count() == 3
    assert all(e.actor == users["province"] for e in entries)
    assert all("（导入 targets.csv）" in e.summary for e in entries)


def test_importing_the_same_file_again_changes_nothing(users, tmp_path):
    path = write(tmp_path, GOOD)
    targets_import(path=path, user=users["province"])
    again = targets_import(path=path, user=users["province"])
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert AuditEntry.objects.filter(action="target.set").count() == 3


def test_a_changed_value_is_updated_and_audited_old_to_new(users, tmp_path):
    targets_import(path=write(tmp_path, GOOD), user=users["province"])
    changed = GOOD.replace("620100,applications,1100", "620100,applications,1200")
    result = targets_import(path=write(tmp_path, changed), user=users["province"])
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 2)
    entry = AuditEntry.objects.filter(action="target.set").first()
    assert entry.changes == {"value": ["1100", "1200"]}


BAD = (
    GOOD
    + """2024,629999,applications,5
2024,620100,申请总量,4
2024,620102,applications,80
"""
)


def test_a_file_with_a_bad_row_writes_nothing(users, tmp_path):
    result = targets_import(path=write(tmp_path, BAD), user=users["lanzhou"])
    assert not result.committed
    assert not Target.objects.exists()
    assert not AuditEntry.objects.exists()
    found = messages(result)
    assert "第5行：地区代码 629999 不存在" in found
    assert any(m.startswith("第6行：指标“申请总量”无法识别，可用：专利申请量、") for m in found)
    assert any(m.startswith("第2行：您无权设定兰州市的目标") for m in found)


def test_skip_bad_writes_the_good_rows_and_reports_the_others(users, tmp_path):
    result = targets_import(path=write(tmp_path, BAD), user=users["lanzhou"], skip_bad=True)
    assert result.committed
    # Only the Chengguan row is Lanzhou's to set; the province's and cities' rows are refused.
    assert (result.inserted, result.rejected) == (1, 5)
    assert list(Target.objects.values_list("region_id", flat=True)) == ["620102"]


def test_a_dry_run_counts_but_writes_nothing(users, tmp_path):
    result = targets_import(path=write(tmp_path, GOOD), user=users["province"], dry_run=True)
    assert (result.inserted, result.committed) == (3, False)
    assert not Target.objects.exists()


def test_a_row_given_twice_is_rejected_with_the_first_line(users, tmp_path):
    text = GOOD + "2024,620100,专利申请量,1200\n"
    result = targets_import(path=write(tmp_path, text), user=users["province"])
    assert messages(result) == [
        "第5行：与第2行重复（2024年 兰州市 专利申请量），同一项只能出现一次"
    ]


def test_every_mistake_of_a_row_is_reported_at_once(users, tmp_path):
    text = "year,region_code,metric,value\n20x4,62010,applications,1\n"
    result = targets_import(path=write(tmp_path, text), user=users["province"])
    assert messages(result) == [
        "第2行：年度“20x4”无效，应为 1985—2100 之间的四位年份；"
        "地区代码“62010”无效，应为六位行政区划代码（如 620100）"
    ]


def test_bad_values_are_explained(users, tmp_path):
    text = (
        "year,region_code,metric,value\n2024,620100,applications,abc\n"
        "2024,620500,applications,10.5\n"
    )
    result = targets_import(path=write(tmp_path, text), user=users["province"])
    assert messages(result) == [
        "第2行：目标值“abc”不是数字",
        "第3行：专利申请量的目标值应为整数（件）",
    ]


def test_chinese_headers_and_labels_in_a_gb18030_file(users, tmp_path):
    text = (
        "年度,地区代码,地区,指标,目标值\n"
        '2024,620100,兰州市,专利申请量,"1,100"\n'
        "2024,620100,兰州市,每万人发明专利拥有量,3.5\n"
        "2024年,620500,天水市,ＰＣＴ国际专利申请量,12\n"
    )
    path = write(tmp_path, text, encoding="gb18030")
    result = targets_import(path=path, user=users["province"])
    assert (result.inserted, result.rejected) == (3, 0), messages(result)
    assert target_value(2024, "620100", Metric.APPLICATIONS) == Decimal("1100")
    assert target_value(2024, "620500", Metric.PCT_APPLICATIONS) == Decimal("12")


def test_a_utf8_file_with_bom_as_excel_writes_it(users, tmp_path):
    path = write(tmp_path, GOOD, encoding="utf-8-sig")
    assert targets_import(path=path, user=users["province"]).inserted == 3


def test_an_xlsx_file_with_numbers_as_excel_stores_them(users, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["年度", "地区代码", "指标", "目标值"])
    sheet.append([2024, 620100, "发明专利授权量", 150])
    sheet.append([2024, 620102, "valid_invention_per_10k", 2.75])
    sheet.append([2024, "629999", "专利申请量", 1])
    path = tmp_path / "targets.xlsx"
    book.save(path)
    result = targets_import(path=path, user=users["province"], skip_bad=True)
    assert messages(result) == ["第4行：地区代码 629999 不存在"]
    assert target_value(2024, "620100", Metric.INVENTION_GRANTS) == Decimal("150")
    assert target_value(2024, "620102", Metric.VALID_INVENTION_PER_10K) == Decimal("2.75")


def test_a_file_without_the_needed_columns_is_refused_as_a_whole(users, tmp_path):
    path = write(tmp_path, "year,region,metric,value\n2024,620100,applications,1\n")
    with pytest.raises(SheetError, match="文件缺少列：地区代码（region_code）"):
        targets_import(path=path, user=users["province"])


def test_an_old_xls_file_is_refused_with_advice(users, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(SheetError, match="另存为 .xlsx"):
        targets_import(path=path, user=users["province"])


def test_an_import_by_the_system_has_no_actor(regions, tmp_path):
    targets_import(path=write(tmp_path, GOOD), user=None)
    assert set(AuditEntry.objects.values_list("actor", flat=True)) == {None}


# --- population ---------------------------------------------------------------------------


def test_population_in_persons_is_imported(users, tmp_path):
    text = "year,region_code,population\n2024,620100,4384300\n2024,620500,2950000\n"
    result = population_import(path=write(tmp_path, text), user=users["province"])
    assert (result.inserted, result.rejected) == (2, 0)
    assert population_for(year=2024, region_codes=["620100", "620500"]) == {
        "620100": 4_384_300,
        "620500": 2_950_000,
    }


def test_population_in_wan_is_converted_to_persons(users, tmp_path):
    text = "年度,地区代码,人口（万人）\n2024,620100,438.43\n2024,620500,295.123456\n"
    result = population_import(path=write(tmp_path, text), user=users["province"], skip_bad=True)
    assert messages(result) == ["第3行：人口“295.123456”万人最多保留四位小数"]
    assert Population.objects.get().population == 4_384_300


def test_population_import_is_idempotent_and_checks_permission(users, tmp_path):
    text = "year,region_code,population\n2024,620102,1300000\n2024,620100,4384300\n"
    path = write(tmp_path, text)
    first = population_import(path=path, user=users["lanzhou"])
    assert not first.committed
    assert any(m.startswith("第3行：您无权填报兰州市的人口") for m in messages(first))
    population_import(path=path, user=users["lanzhou"], skip_bad=True)
    again = population_import(path=path, user=users["lanzhou"], skip_bad=True)
    assert (again.inserted, again.unchanged) == (0, 1)
    assert AuditEntry.objects.filter(action="population.set").count() == 1


def test_a_population_file_without_a_population_column_is_refused(users, tmp_path):
    path = write(tmp_path, "year,region_code,people\n2024,620100,1\n")
    with pytest.raises(SheetError, match="文件缺少人口列"):
        population_import(path=path, user=users["province"])
