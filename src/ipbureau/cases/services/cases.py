"""Receiving a case and moving it through the workflow (workflow.py). Each service checks
the acting user's right and the transition, changes the case and records the audit entry
in one transaction."""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ipbureau.accounts.models import User
from ipbureau.audit.services import audit_record, diff_fields
from ipbureau.cases import deadlines
from ipbureau.cases.errors import CaseError, CasePermissionError
from ipbureau.cases.models import (
    Case,
    CaseKind,
    CasePatent,
    CaseSource,
    Closure,
    Outcome,
    Party,
)
from ipbureau.cases.permissions import act_denial
from ipbureau.cases.workflow import check_transition
from ipbureau.patents.models import Patent
from ipbureau.patents.numbers import AppNumberError, parse_application_number
from ipbureau.regions.models import Region


def min_officers() -> int:
    """Officers a case needs before it is filed. Two by default, as the brief for this
    platform asks; 《专利行政执法办法》第十条 (2015, unverified) names three or more, an odd
    number, for infringement disputes: set IPBUREAU_CASE_MIN_OFFICERS=3 to follow it."""
    return getattr(settings, "IPBUREAU_CASE_MIN_OFFICERS", 2)


def _require(user: User | None, region: Region | str) -> None:
    reason = act_denial(user, region)
    if reason:
        raise CasePermissionError(reason)


def _region(region: Region | str) -> Region:
    if isinstance(region, Region):
        return region
    found = Region.objects.filter(code=str(region).strip()).first()
    if found is None:
        raise CaseError(f"地区代码 {region} 不存在")
    return found


def _reference(assistance_request: Any) -> str:
    """The assistance app passes its request (or a ready reference such as
    "12330:<receipt code>"); only text is kept, so this app does not import that one."""
    if assistance_request is None:
        return ""
    if isinstance(assistance_request, str):
        return assistance_request
    code = getattr(assistance_request, "receipt_code", None)
    return (
        f"12330:{code}"
        if code
        else f"12330:{getattr(assistance_request, 'pk', assistance_request)}"
    )


def patent_number_parse(text: str) -> tuple[str, Patent | None]:
    """A case's patent number, validated: canonical application number and the patent
    record when the database has it. Raises CaseError with the reason."""
    try:
        number = parse_application_number(text)
    except AppNumberError as exc:
        raise CaseError(f"涉案专利号“{text.strip()}”无效：{exc.detail}") from None
    return number.canonical, Patent.objects.filter(application_number=number.canonical).first()


def case_number_next(*, region: Region, year: int) -> str:
    prefix = f"{year}-{region.code}-"
    last = (
        Case.objects.filter(number__startswith=prefix).order_by("-number")
        .values_list("number", flat=True).first()
    )  # fmt: skip
    serial = int(last.rsplit("-", 1)[1]) + 1 if last and last.rsplit("-", 1)[1].isdigit() else 1
    return f"{prefix}{serial:04d}"


@transaction.atomic
def case_receive(
    *,
    user: User | None,
    kind: str,
    source: str,
    region: Region | str,
    received_on: date,
    summary: str,
    requester_name: str = "",
    requester_contact: str = "",
    respondent_name: str = "",
    patent_numbers: Iterable[str] = (),
    assistance_request: Any = None,
) -> Case:
    """Register a case as received (受理审查): its number, parties, patents and the time limit
    for the acceptance decision. Called by the receive form and by the 12330 centre."""
    region = _region(region)
    _require(user, region)
    if kind not in CaseKind.values:
        raise CaseError(f"案件类型“{kind}”无效")
    if source not in CaseSource.values:
        raise CaseError(f"案件来源“{source}”无效")
    if received_on > timezone.localdate():
        raise CaseError(f"受理日期 {received_on.isoformat()} 晚于今天")
    patents = []
    for text in patent_numbers:
        if text and text.strip():
            patents.append(patent_number_parse(text))
    # Two clerks receiving at once in one region would otherwise draw the same number.
    list(Region.objects.select_for_update().filter(pk=region.pk).values_list("pk", flat=True))
    case = Case.objects.create(
        number=case_number_next(region=region, year=received_on.year),
        kind=kind,
        source=source,
        source_reference=_reference(assistance_request),
        region=region,
        summary=summary,
        received_on=received_on,
        acceptance_due=deadlines.acceptance_due(kind=kind, received_on=received_on),
    )
    if requester_name.strip():
        Party.objects.create(
            case=case,
            role=Party.Role.REQUESTER,
            name=requester_name.strip(),
            contact=requester_contact.strip(),
        )
    if respondent_name.strip():
        Party.objects.create(case=case, role=Party.Role.RESPONDENT, name=respondent_name.strip())
    for number, patent in dict(patents).items():
        CasePatent.objects.create(case=case, number=number, patent=patent)
    audit_record(
        actor=user,
        action="case.receive",
        target=case,
        summary=f"受理审查 {case.number}（{case.get_kind_display()}）",
    )
    return case


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("region").get(pk=case.pk)


def _move(
    *,
    case: Case,
    user: User | None,
    action: str,
    summary: str,
    values: Callable[[Case], dict[str, Any]] | None = None,
) -> Case:
    """Apply one workflow action to the locked case, in this order: the user's right, the
    transition, then the action's own checks (`values`, given the locked case, raises
    CaseError or returns the fields to set); then the fields and the audit entry."""
    locked = _locked(case)
    _require(user, locked.region)
    transition = check_transition(action, locked.state)
    new_values = values(locked) if values is not None else {}
    if transition.target is not None:
        new_values = {"state": transition.target, **new_values}
    changes = _labelled(diff_fields(locked, new_values))
    for field, value in new_values.items():
        setattr(locked, field, value)
    locked.save()
    audit_record(
        actor=user,
        action=f"case.{action}",
        target=locked,
        changes=changes,
        summary=f"{transition.label}：{summary}" if summary else transition.label,
    )
    case.refresh_from_db()
    return locked


def _labelled(changes: dict[str, list[str]]) -> dict[str, list[str]]:
    """Choice values in the audit trail as a clerk reads them (调查取证, not investigating)."""
    for name, pair in changes.items():
        # A relation has no choices; getattr keeps every kind of field get_field returns.
        choices = dict(getattr(Case._meta.get_field(name), "choices", None) or ())
        if choices:
            changes[name] = [str(choices.get(value, value)) for value in pair]
    return changes


def _today(day: date | None, what: str) -> date:
    """`day`, or today when not given; a workflow step is recorded once it has happened,
    so a day after today is refused."""
    today = timezone.localdate()
    if day is not None and day > today:
        raise CaseError(f"{what} {day.isoformat()} 晚于今天，请填写实际办理的日期")
    return day or today


def _not_before(day: date, earlier: date | None, what: str, earlier_what: str) -> None:
    if earlier is not None and day < earlier:
        raise CaseError(f"{what} {day.isoformat()} 早于{earlier_what} {earlier.isoformat()}")


@transaction.atomic
def case_assign_officers(*, case: Case, user: User | None, officers: Iterable[User]) -> Case:
    locked = _locked(case)
    _require(user, locked.region)
    if locked.closed_on is not None:
        raise CaseError("案件已办结，不能再更换承办人员")
    officers = list(officers)
    for officer in officers:
        reason = act_denial(officer, locked.region)
        if reason:
            raise CaseError(f"{officer.display_name} 不能承办此案件：{reason}")
    before = ", ".join(sorted(o.username for o in locked.officers.all()))
    locked.officers.set(officers)
    after = ", ".join(sorted(o.username for o in officers))
    audit_record(
        actor=user,
        action="case.assign_officers",
        target=locked,
        changes={"officers": [before, after]} if before != after else {},
        summary="指定承办人员",
    )
    return locked


@transaction.atomic
def case_accept(*, case: Case, user: User | None, accepted_on: date | None = None) -> Case:
    """File the case (立案). Needs its officers; starts the time limit for closure."""
    day = _today(accepted_on, "立案日期")

    def values(locked: Case) -> dict[str, Any]:
        _not_before(day, locked.received_on, "立案日期", "受理日期")
        needed, assigned = min_officers(), locked.officers.count()
        if assigned < needed:
            raise CaseError(f"立案前须指定至少 {needed} 名承办人员（现有 {assigned} 名）")
        return {
            "accepted_on": day,
            "close_due": deadlines.close_due(kind=locked.kind, accepted_on=day),
        }

    return _move(case=case, user=user, action="accept", summary=case.number, values=values)


@transaction.atomic
def case_reject(
    *, case: Case, user: User | None, reason: str, decided_on: date | None = None
) -> Case:
    """Not accepted (不予受理), with the reason the requester is told."""
    day, reason = _today(decided_on, "决定日期"), reason.strip()

    def values(locked: Case) -> dict[str, Any]:
        if not reason:
            raise CaseError("不予受理须说明理由")
        _not_before(day, locked.received_on, "决定日期", "受理日期")
        return {"not_accepted_reason": reason, "closure": Closure.NOT_ACCEPTED, "closed_on": day}

    return _move(case=case, user=user, action="reject", summary=reason[:200], values=values)


@transaction.atomic
def case_start_investigation(*, case: Case, user: User | None, note: str = "") -> Case:
    return _move(case=case, user=user, action="start_investigation", summary=note)


@transaction.atomic
def case_hold_hearing(*, case: Case, user: User | None, note: str = "") -> Case:
    return _move(case=case, user=user, action="hold_hearing", summary=note)


@transaction.atomic
def case_mediate(*, case: Case, user: User | None, note: str = "") -> Case:
    return _move(case=case, user=user, action="mediate", summary=note)


CLOSE_ACTIONS: dict[str, str] = {
    Closure.DECISION: "close_decision",
    Closure.MEDIATION: "close_mediation",
    Closure.WITHDRAWAL: "close_withdrawal",
}


@transaction.atomic
def case_close(
    *,
    case: Case,
    user: User | None,
    closure: str,
    closed_on: date | None = None,
    outcome: str = "",
    note: str = "",
) -> Case:
    """Close by decision (with its outcome), by mediation agreement or by withdrawal.
    Transfer and not-accepted have their own services."""
    if closure not in CLOSE_ACTIONS:
        raise CaseError("结案方式应为 处理决定/调解/撤回（移交、不予受理请用相应操作）")
    day = _today(closed_on, "结案日期")

    def values(locked: Case) -> dict[str, Any]:
        if closure == Closure.DECISION and outcome not in Outcome.values:
            raise CaseError("作出处理决定结案时须选择处理结果（侵权成立或不成立）")
        since = "立案日期" if locked.accepted_on else "受理日期"
        _not_before(day, locked.accepted_on or locked.received_on, "结案日期", since)
        return {
            "closure": closure,
            "closed_on": day,
            "outcome": outcome if closure == Closure.DECISION else "",
        }

    return _move(case=case, user=user, action=CLOSE_ACTIONS[closure], summary=note, values=values)


@transaction.atomic
def case_transfer(
    *, case: Case, user: User | None, transferred_to: str, transferred_on: date | None = None
) -> Case:
    """Transfer (移交) to another region or authority, inside or outside the province."""
    day, receiver = _today(transferred_on, "移交日期"), transferred_to.strip()

    def values(locked: Case) -> dict[str, Any]:
        if not receiver:
            raise CaseError("移交须写明接收单位")
        _not_before(day, locked.received_on, "移交日期", "受理日期")
        return {"transferred_to": receiver, "closure": Closure.TRANSFER, "closed_on": day}

    return _move(case=case, user=user, action="transfer", summary=receiver, values=values)


@transaction.atomic
def case_extend(
    *, case: Case, user: User | None, until: date, reason: str, approved_by: str
) -> Case:
    """The one approved extension of the time limit for closure."""
    reason, approved_by = reason.strip(), approved_by.strip()

    def values(locked: Case) -> dict[str, Any]:
        if locked.extended_due is not None:
            raise CaseError(
                f"办案期限已延长过一次（至 {locked.extended_due.isoformat()}），不能再延长"
            )
        if not reason or not approved_by:
            raise CaseError("延长办案期限须写明理由和批准人")
        if locked.close_due is not None:
            latest = deadlines.extension_limit(kind=locked.kind, close_due=locked.close_due)
            if until <= locked.close_due:
                raise CaseError(f"延长后的期限应晚于原结案期限 {locked.close_due.isoformat()}")
            if until > latest:
                raise CaseError(
                    f"延长后的期限不能晚于 {latest.isoformat()}（{locked.get_kind_display()}"
                    f"最多可延长{_extension_text(locked.kind)}）"
                )
        return {
            "extended_due": until,
            "extension_reason": reason,
            "extension_approved_by": approved_by,
        }

    return _move(case=case, user=user, action="extend", summary=reason[:200], values=values)


def _extension_text(kind: str) -> str:
    limits = deadlines.limits_for(kind)
    parts = []
    if limits.extension_max_months:
        parts.append(f"{limits.extension_max_months}个月")
    if limits.extension_max_days:
        parts.append(f"{limits.extension_max_days}日")
    return "".join(parts) or "0日"
