"""Importing a bureau's case ledger (案件台账) from CSV or XLSX.

Columns (header names in Chinese; order free, other columns ignored): 案件编号, 案件类型
(专利侵权纠纷 / 假冒专利 / 其他专利纠纷), 地区代码, 受理日期 (required), and 立案日期,
结案日期, 结案方式 (处理决定 / 调解 / 撤回 / 移交 / 不予受理), 移交单位, 请求人, 被请求人,
涉案专利号, 案件来源 (optional). Several parties or patent numbers in one cell are separated
by ";", "；", "、" or ",". A case without 结案日期 is pending.

Every row is checked first. A file with any bad row writes nothing unless `skip_bad`; then
the good rows are written and the bad ones reported. Rows are matched to cases by 案件编号:
importing the same ledger again updates what changed and duplicates nothing. Each written
case is audited like a change by hand. File reading (encodings UTF-8/BOM/UTF-16/GB18030,
XLSX read-only) is shared with the targets import.
"""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from ipbureau.accounts.models import User
from ipbureau.audit.services import audit_record, diff_fields
from ipbureau.cases import deadlines
from ipbureau.cases.errors import CaseError
from ipbureau.cases.models import Case, CaseKind, CasePatent, CaseSource, CaseState, Closure, Party
from ipbureau.cases.permissions import act_denial
from ipbureau.cases.services import patent_number_parse
from ipbureau.imports.result import ImportResult, RowProblem
from ipbureau.imports.tabular import Column, Sheet, read_sheet, rows_checked
from ipbureau.regions.models import Region

COLUMNS = (
    Column("number", ("number", "案件编号", "案号", "编号")),
    Column("kind", ("kind", "案件类型", "类型")),
    Column("region_code", ("region_code", "地区代码", "区划代码", "行政区划代码")),
    Column("received_on", ("received_on", "受理日期", "收案日期")),
    Column("accepted_on", ("accepted_on", "立案日期"), required=False),
    Column("closed_on", ("closed_on", "结案日期"), required=False),
    Column("closure", ("closure", "结案方式"), required=False),
    Column("transferred_to", ("transferred_to", "移交单位"), required=False),
    Column("requesters", ("requesters", "请求人", "举报人"), required=False),
    Column("respondents", ("respondents", "被请求人", "当事人")  , required=False),
    Column("patents", ("patents", "涉案专利号", "专利号"), required=False),
    Column("source", ("source", "案件来源", "来源"), required=False),
)  # fmt: skip

KINDS = {str(label): value for value, label in CaseKind.choices} | {v: v for v in CaseKind.values}
CLOSURES = {str(label): value for value, label in Closure.choices} | {
    v: v for v in Closure.values
} | {"调解协议": Closure.MEDIATION, "处理决定书": Closure.DECISION}  # fmt: skip
SOURCES = {str(label): value for value, label in CaseSource.choices} | {
    v: v for v in CaseSource.values
} | {"举报": CaseSource.REPORT, "投诉": CaseSource.REPORT, "请求": CaseSource.REQUEST}  # fmt: skip
DEFAULT_SOURCE = {
    CaseKind.INFRINGEMENT: CaseSource.REQUEST,
    CaseKind.COUNTERFEIT: CaseSource.REPORT,
    CaseKind.OTHER_DISPUTE: CaseSource.REQUEST,
}
_SPLIT = re.compile(r"[;；、,，\n]+")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass
class _Row:
    line: int
    number: str
    region: Region
    values: dict[str, Any]  # Case fields
    requesters: list[str]
    respondents: list[str]
    patents: list[tuple[str, Any]]


def _date(text: str, label: str, required: bool = False) -> date | None:
    text = text.strip()
    if not text:
        if required:
            raise CaseError(f"缺少{label}")
        return None
    match = _DATE.fullmatch(text.split("T")[0].split(" ")[0]) or _DATE.fullmatch(text)
    try:
        if match is None:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise CaseError(f"{label}「{text}」无效，应为 YYYY-MM-DD，如 2024-03-15") from None


def _choice(text: str, table: dict[str, str], label: str, expected: str) -> str:
    value = table.get(text.strip())
    if value is None:
        raise CaseError(f"{label}「{text.strip()}」无法识别，应为 {expected}")
    return value


def _names(text: str) -> list[str]:
    return [name.strip() for name in _SPLIT.split(text) if name.strip()]


def _parse(sheet: Sheet, cells: list[str], line: int, regions: dict[str, Region]) -> _Row:
    errors: list[str] = []

    def attempt(fn, *args):
        try:
            return fn(*args)
        except CaseError as exc:
            errors.append(str(exc))
            return None

    def cell(key: str) -> str:
        return sheet.cell(cells, key)

    number = cell("number")
    if not number:
        errors.append("缺少案件编号")
    elif len(number) > 64:
        errors.append("案件编号超过 64 个字符")
    kind = None
    if cell("kind"):
        kind = attempt(
            _choice, cell("kind"), KINDS, "案件类型", "专利侵权纠纷/假冒专利/其他专利纠纷"
        )
    else:
        errors.append("缺少案件类型")
    code = cell("region_code")
    region = regions.get(code)
    if region is None:
        errors.append(f"地区代码「{code}」不存在" if code else "缺少地区代码")
    received_on = attempt(_date, cell("received_on"), "受理日期", True)
    accepted_on = attempt(_date, cell("accepted_on"), "立案日期")
    closed_on = attempt(_date, cell("closed_on"), "结案日期")
    closure_text = cell("closure")
    closure = (
        attempt(_choice, closure_text, CLOSURES, "结案方式", "处理决定/调解/撤回/移交/不予受理")
        if closure_text else ""
    )  # fmt: skip
    source_text = cell("source")
    source = (
        attempt(_choice, source_text, SOURCES, "案件来源",
                "当事人请求/举报投诉/移送/专项行动检查/展会")
        if source_text else DEFAULT_SOURCE.get(kind, CaseSource.REQUEST)
    )  # fmt: skip
    transferred_to = cell("transferred_to")
    patents = []
    for text in _names(cell("patents")):
        parsed = attempt(patent_number_parse, text)
        if parsed:
            patents.append(parsed)
    if closed_on and closure_text and closure is None:
        pass  # already reported as unrecognised
    elif closed_on and not closure:
        errors.append("有结案日期但没有结案方式")
    elif closure and not closed_on and closure_text:
        errors.append(f"结案方式为「{closure_text}」但没有结案日期")
    if closure == Closure.TRANSFER and not transferred_to:
        errors.append("结案方式为移交，但没有填写移交单位")
    if closure == Closure.NOT_ACCEPTED and accepted_on:
        errors.append("不予受理的案件不应有立案日期")
    if received_on and accepted_on and accepted_on < received_on:
        errors.append(f"立案日期 {accepted_on} 早于受理日期 {received_on}")
    if received_on and closed_on and closed_on < (accepted_on or received_on):
        errors.append(f"结案日期 {closed_on} 早于{'立案' if accepted_on else '受理'}日期")
    if errors:
        raise CaseError("；".join(errors))

    if closed_on:
        state = {
            Closure.TRANSFER: CaseState.TRANSFERRED,
            Closure.NOT_ACCEPTED: CaseState.NOT_ACCEPTED,
        }.get(closure, CaseState.CLOSED)
    else:
        state = CaseState.ACCEPTED if accepted_on else CaseState.RECEIVED
    values = {
        "kind": kind,
        "source": source,
        "region": region,
        "state": state,
        "received_on": received_on,
        "accepted_on": accepted_on,
        "closed_on": closed_on,
        "closure": closure or "",
        "transferred_to": transferred_to if closure == Closure.TRANSFER else "",
        "acceptance_due": deadlines.acceptance_due(kind=kind, received_on=received_on),
        "close_due": deadlines.close_due(kind=kind, accepted_on=accepted_on)
        if accepted_on else None,
    }  # fmt: skip
    return _Row(line, number, region, values, _names(cell("requesters")),
                _names(cell("respondents")), patents)  # fmt: skip


def cases_import(
    *,
    path: Path,
    user: User | None,
    skip_bad: bool = False,
    dry_run: bool = False,
    file_name: str | None = None,
) -> ImportResult:
    """Import a case ledger (see module doc). Raises SheetError when the file as a whole
    cannot be read."""
    sheet = read_sheet(path, COLUMNS, too_large="请按年度拆分案件台账后分别导入")
    result = ImportResult()
    note = f"（导入 {file_name or Path(path).name}）"
    codes = {sheet.cell(cells, "region_code") for _, cells in sheet.rows}
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}

    def problem(row: _Row, earlier: int | None) -> str | None:
        if earlier is not None:
            return f"案件编号 {row.number} 与第{earlier}行重复"
        refused = act_denial(user, row.region)
        return f"不能导入{row.region.name}的案件：{refused}" if refused else None

    with transaction.atomic():
        rows = rows_checked(
            sheet, result,
            parse=lambda line, cells: _parse(sheet, cells, line, regions),
            errors=CaseError, key=lambda r: r.number, problem=problem,
        )  # fmt: skip
        existing = {
            c.number: c
            for c in Case.objects.select_for_update().filter(number__in=[r.number for r in rows])
        }
        plans = []
        for row in rows:
            old = existing.get(row.number)
            if old is not None and old.region_id != row.region.code:
                refused = act_denial(user, old.region_id)
                if refused:
                    result.reject(RowProblem.at(row.line, f"案件 {row.number} 已存在且{refused}"))
                    continue
            plans.append((row, old))
        for row, old in plans:
            result.tally(new=old is None, changed=old is not None and bool(_changes(old, row)))
        if not result.writes(dry_run=dry_run, skip_bad=skip_bad):
            return result
        for row, old in plans:
            _write(row, old, user, note)
        result.committed = True
    return result


def _parties(case: Case) -> tuple[list[str], list[str]]:
    parties = list(case.parties.all())
    return (
        [p.name for p in parties if p.role == Party.Role.REQUESTER],
        [p.name for p in parties if p.role == Party.Role.RESPONDENT],
    )


def _changes(case: Case, row: _Row) -> dict[str, list[str]]:
    changes = diff_fields(case, row.values)
    requesters, respondents = _parties(case)
    if requesters != row.requesters:
        changes["requesters"] = ["、".join(requesters), "、".join(row.requesters)]
    if respondents != row.respondents:
        changes["respondents"] = ["、".join(respondents), "、".join(row.respondents)]
    numbers = [p.number for p in case.patents.all()]
    if numbers != [number for number, _ in row.patents]:
        changes["patents"] = ["、".join(numbers), "、".join(n for n, _ in row.patents)]
    return changes


def _write(row: _Row, old: Case | None, user: User | None, note: str) -> None:
    if old is None:
        case = Case.objects.create(number=row.number, **row.values)
        changes: dict[str, list[str]] = {}
        action, summary = "case.import", f"导入案件 {row.number}{note}"
    else:
        changes = _changes(old, row)
        if not changes:
            return
        case = old
        for name, value in row.values.items():
            setattr(case, name, value)
        case.save()
        case.parties.all().delete()
        case.patents.all().delete()
        action, summary = "case.import_update", f"导入更新案件 {row.number}{note}"
    for name in row.requesters:
        Party.objects.create(case=case, role=Party.Role.REQUESTER, name=name[:200])
    for name in row.respondents:
        Party.objects.create(case=case, role=Party.Role.RESPONDENT, name=name[:200])
    for number, patent in dict(row.patents).items():
        CasePatent.objects.create(case=case, number=number, patent=patent)
    audit_record(actor=user, action=action, target=case, changes=changes, summary=summary)
