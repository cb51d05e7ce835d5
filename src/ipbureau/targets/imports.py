"""Importing targets and population from a CSV or XLSX file (imports.tabular reads it).

Targets: header ``year,region_code,metric,value`` (or 年度,地区代码,指标,目标值); the metric
as its code (applications) or Chinese label (专利申请量). Population: header
``year,region_code,population`` in persons, or ``population_wan`` / 人口（万人） in 万人
(converted to persons; up to four decimals). A region-name column may be kept for the
reader's sake; it and any other column are ignored.

Every row is checked first (values, region, duplicates within the file, the user's right to
set that region). A file with any bad row writes nothing unless `skip_bad`; then the good
rows are written and the bad ones reported. The same file imported twice changes nothing the
second time (rows are counted as unchanged). Each change is audited like a change by hand.
Counts always say what the file holds (inserted/updated/unchanged/rejected); `committed`
says whether it was written.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from ipbureau.accounts.models import User
from ipbureau.imports.result import ImportResult
from ipbureau.imports.tabular import Column, Sheet, SheetError, read_sheet, rows_checked
from ipbureau.regions.models import Region
from ipbureau.targets.models import Population, Target
from ipbureau.targets.permissions import (
    in_deployment,
    population_denial,
    region_label,
    target_denial,
)
from ipbureau.targets.services import write_population, write_target
from ipbureau.targets.values import (
    metric_label,
    parse_metric,
    parse_population,
    parse_population_wan,
    parse_region_code,
    parse_target_value,
    parse_year,
)

TOO_LARGE = "不像是目标或人口表，请检查文件"
YEAR = Column("year", ("year", "年度", "年份", "年"))
REGION = Column("region_code", ("region_code", "地区代码", "区划代码", "行政区划代码"))
TARGET_COLUMNS = (
    YEAR,
    REGION,
    Column("metric", ("metric", "指标", "指标名称", "目标指标")),
    Column("value", ("value", "目标值", "目标", "目标任务", "全年目标")),
)
POPULATION_COLUMNS = (
    YEAR,
    REGION,
    Column("population", ("population", "人口(人)", "人口", "常住人口", "常住人口(人)",
                          "年末常住人口"), required=False),
    Column("population_wan", ("population_wan", "人口(万人)", "常住人口(万人)",
                              "年末常住人口(万人)"), required=False),
)  # fmt: skip


@dataclass
class _Row:
    line: int
    key: tuple  # (year, region code[, metric]): one value per key
    year: int
    region: Region
    value: Decimal | int
    metric: str = ""


def _regions(sheet: Sheet) -> dict[str, Region]:
    """The regions the file names, fetched in one query."""
    codes = set()
    for _, cells in sheet.rows:
        try:
            codes.add(parse_region_code(sheet.cell(cells, "region_code")))
        except ValueError:
            pass
    return {r.code: r for r in Region.objects.select_related("parent").filter(code__in=codes)}


def _region(text: str, regions: dict[str, Region]) -> Region:
    code = parse_region_code(text)
    region = regions.get(code)
    if region is None:
        raise ValueError(f"地区代码 {code} 不存在")
    if not in_deployment(region):
        raise ValueError(f"地区代码 {code}（{region.name}）不属于本平台所在的省份")
    return region


def _check(
    sheet: Sheet,
    parse: Callable[[list[str], dict[str, Region]], _Row],
    denial: Callable[[Region], str | None],
    result: ImportResult,
) -> list[_Row]:
    """Rows that pass every check; the others go to `result` with their reasons."""
    regions = _regions(sheet)

    def parse_line(line: int, cells: list[str]) -> _Row:
        row = parse(cells, regions)
        row.line = line
        return row

    def problem(row: _Row, earlier: int | None) -> str | None:
        refused = denial(row.region)
        if refused:
            return refused
        if earlier is not None:
            return f"与第{earlier}行重复（{_describe(row)}），同一项只能出现一次"
        return None

    return rows_checked(
        sheet, result, parse=parse_line, errors=ValueError, key=lambda r: r.key, problem=problem
    )


def _describe(row: _Row) -> str:
    what = metric_label(row.metric) if row.metric else "人口"
    return f"{row.year}年 {region_label(row.region)} {what}"


def _errors_joined(steps: list[Callable[[], object]]) -> list[object]:
    """Run every check of a row, so that one pass over the file reports all its mistakes."""
    values, errors = [], []
    for step in steps:
        try:
            values.append(step())
        except ValueError as exc:
            values.append(None)
            errors.append(str(exc))
    if errors:
        raise ValueError("；".join(errors))
    return values


# --- targets ------------------------------------------------------------------------------


def _target_row(sheet: Sheet) -> Callable[[list[str], dict[str, Region]], _Row]:
    def parse(cells: list[str], regions: dict[str, Region]) -> _Row:
        metric_text = sheet.cell(cells, "metric")
        year, region, metric = _errors_joined([
            lambda: parse_year(sheet.cell(cells, "year")),
            lambda: _region(sheet.cell(cells, "region_code"), regions),
            lambda: parse_metric(metric_text),
        ])  # fmt: skip
        value = parse_target_value(metric, sheet.cell(cells, "value"))
        return _Row(0, (year, region.code, metric), year, region, value, metric)

    return parse


def targets_import(
    *,
    path: Path,
    user: User | None,
    skip_bad: bool = False,
    dry_run: bool = False,
    file_name: str | None = None,
) -> ImportResult:
    """Import a targets file (see module doc). Raises SheetError when the file as a whole
    cannot be read."""
    sheet = read_sheet(path, TARGET_COLUMNS, too_large=TOO_LARGE)
    result = ImportResult()
    note = f"（导入 {file_name or Path(path).name}）"
    with transaction.atomic():
        rows = _check(sheet, _target_row(sheet), lambda r: target_denial(user, r), result)
        existing = {
            (t.year, t.region_id, t.metric): t
            for t in Target.objects.select_for_update().filter(
                year__in={r.year for r in rows}, region__in={r.region.code for r in rows}
            )
        }
        changes = [(row, existing.get(row.key)) for row in rows]
        _count(result, [(old.value if old else None, row.value) for row, old in changes])
        if not result.writes(dry_run=dry_run, skip_bad=skip_bad):
            return result
        for row, old in changes:
            if old is None or old.value != row.value:
                write_target(
                    target=old,
                    year=row.year,
                    region=row.region,
                    metric=row.metric,
                    value=Decimal(row.value),
                    user=user,
                    note=note,
                )
        result.committed = True
    return result


def _count(result: ImportResult, pairs: list[tuple[object, object]]) -> None:
    for old, new in pairs:
        result.tally(new=old is None, changed=old != new)


# --- population ---------------------------------------------------------------------------


def _population_row(sheet: Sheet) -> Callable[[list[str], dict[str, Region]], _Row]:
    in_wan = "population" not in sheet.columns

    def parse(cells: list[str], regions: dict[str, Region]) -> _Row:
        year, region, population = _errors_joined([
            lambda: parse_year(sheet.cell(cells, "year")),
            lambda: _region(sheet.cell(cells, "region_code"), regions),
            lambda: (parse_population_wan(sheet.cell(cells, "population_wan")) if in_wan
                     else parse_population(sheet.cell(cells, "population"))),
        ])  # fmt: skip
        return _Row(0, (year, region.code), year, region, population)

    return parse


def population_import(
    *,
    path: Path,
    user: User | None,
    skip_bad: bool = False,
    dry_run: bool = False,
    file_name: str | None = None,
) -> ImportResult:
    """Import a population file (see module doc); a persons column wins over a 万人 one."""
    sheet = read_sheet(path, POPULATION_COLUMNS, too_large=TOO_LARGE)
    if "population" not in sheet.columns and "population_wan" not in sheet.columns:
        raise SheetError(
            "文件缺少人口列。第一行应为表头 year,region_code,population（人口，单位：人），"
            "或 年度,地区代码,人口（万人）"
        )
    result = ImportResult()
    note = f"（导入 {file_name or Path(path).name}）"
    with transaction.atomic():
        rows = _check(sheet, _population_row(sheet), lambda r: population_denial(user, r), result)
        existing = {
            (p.year, p.region_id): p
            for p in Population.objects.select_for_update().filter(
                year__in={r.year for r in rows}, region__in={r.region.code for r in rows}
            )
        }
        changes = [(row, existing.get(row.key)) for row in rows]
        _count(result, [(old.population if old else None, row.value) for row, old in changes])
        if not result.writes(dry_run=dry_run, skip_bad=skip_bad):
            return result
        for row, old in changes:
            if old is None or old.population != row.value:
                write_population(
                    entry=old,
                    year=row.year,
                    region=row.region,
                    population=int(row.value),
                    user=user,
                    note=note,
                )
        result.committed = True
    return result


__all__ = ["population_import", "targets_import"]
