"""Writes of the cases app. Each service checks the acting user's right and the workflow,
changes the case and records the audit entry in one transaction."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ipbureau.accounts.models import User
from ipbureau.audit.services import audit_record, diff_fields
from ipbureau.cases import deadlines
from ipbureau.cases.documents import check_upload
from ipbureau.cases.errors import CaseError, CasePermissionError
from ipbureau.cases.models import (
    Campaign,
    Case,
    CaseKind,
    CasePatent,
    CaseSource,
    CaseState,
    Closure,
    Department,
    Document,
    JointAction,
    Outcome,
    Party,
    Penalty,
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
    *, case: Case, user: User | None, action: str, values: dict[str, Any], summary: str
) -> Case:
    """Apply one workflow action: permission, transition check, fields, audit."""
    locked = _locked(case)
    _require(user, locked.region)
    transition = check_transition(action, locked.state)
    if transition.target is not None:
        values = {"state": transition.target, **values}
    changes = diff_fields(locked, values)
    for field, value in values.items():
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


def _today(day: date | None) -> date:
    return day or timezone.localdate()


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
            name = officer.get_full_name() or officer.username
            raise CaseError(f"{name} 不能承办此案件：{reason}")
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
    day = _today(accepted_on)
    _not_before(day, case.received_on, "立案日期", "受理日期")
    needed = min_officers()
    if case.officers.count() < needed:
        raise CaseError(f"立案前须指定至少 {needed} 名承办人员（现有 {case.officers.count()} 名）")
    return _move(case=case, user=user, action="accept", summary=case.number, values={
        "accepted_on": day,
        "close_due": deadlines.close_due(kind=case.kind, accepted_on=day),
    })  # fmt: skip


@transaction.atomic
def case_reject(
    *, case: Case, user: User | None, reason: str, decided_on: date | None = None
) -> Case:
    """Not accepted (不予受理), with the reason the requester is told."""
    if not reason.strip():
        raise CaseError("不予受理须说明理由")
    day = _today(decided_on)
    _not_before(day, case.received_on, "决定日期", "受理日期")
    return _move(case=case, user=user, action="reject", summary=reason.strip()[:200], values={
        "not_accepted_reason": reason.strip(), "closure": Closure.NOT_ACCEPTED, "closed_on": day,
    })  # fmt: skip


@transaction.atomic
def case_start_investigation(*, case: Case, user: User | None, note: str = "") -> Case:
    return _move(case=case, user=user, action="start_investigation", values={}, summary=note)


@transaction.atomic
def case_hold_hearing(*, case: Case, user: User | None, note: str = "") -> Case:
    return _move(case=case, user=user, action="hold_hearing", values={}, summary=note)


@transaction.atomic
def case_mediate(*, case: Case, user: User | None, note: str = "") -> Case:
    return _move(case=case, user=user, action="mediate", values={}, summary=note)


CLOSE_ACTIONS = {
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
    if closure == Closure.DECISION and outcome not in Outcome.values:
        raise CaseError("作出处理决定结案时须选择处理结果（侵权成立或不成立）")
    if closure != Closure.DECISION:
        outcome = ""
    day = _today(closed_on)
    _not_before(
        day,
        case.accepted_on or case.received_on,
        "结案日期",
        "立案日期" if case.accepted_on else "受理日期",
    )
    return _move(case=case, user=user, action=CLOSE_ACTIONS[closure], summary=note, values={
        "closure": closure, "closed_on": day, "outcome": outcome,
    })  # fmt: skip


@transaction.atomic
def case_transfer(
    *, case: Case, user: User | None, transferred_to: str, transferred_on: date | None = None
) -> Case:
    """Transfer (移交) to another region or authority, inside or outside the province."""
    if not transferred_to.strip():
        raise CaseError("移交须写明接收单位")
    day = _today(transferred_on)
    _not_before(day, case.received_on, "移交日期", "受理日期")
    return _move(case=case, user=user, action="transfer", summary=transferred_to.strip(), values={
        "transferred_to": transferred_to.strip(), "closure": Closure.TRANSFER, "closed_on": day,
    })  # fmt: skip


@transaction.atomic
def case_extend(
    *, case: Case, user: User | None, until: date, reason: str, approved_by: str
) -> Case:
    """The one approved extension of the time limit for closure."""
    if case.extended_due is not None:
        raise CaseError(f"办案期限已延长过一次（至 {case.extended_due.isoformat()}），不能再延长")
    if not reason.strip() or not approved_by.strip():
        raise CaseError("延长办案期限须写明理由和批准人")
    if case.close_due is not None:
        latest = deadlines.extension_limit(kind=case.kind, close_due=case.close_due)
        if until <= case.close_due:
            raise CaseError(f"延长后的期限应晚于原结案期限 {case.close_due.isoformat()}")
        if until > latest:
            raise CaseError(
                f"延长后的期限不能晚于 {latest.isoformat()}（{case.get_kind_display()}最多可延长"
                f"{_extension_text(case.kind)}）"
            )
    return _move(case=case, user=user, action="extend", summary=reason.strip()[:200], values={
        "extended_due": until, "extension_reason": reason.strip(),
        "extension_approved_by": approved_by.strip(),
    })  # fmt: skip


def _extension_text(kind: str) -> str:
    limits = deadlines.limits_for(kind)
    parts = []
    if limits.extension_max_months:
        parts.append(f"{limits.extension_max_months}个月")
    if limits.extension_max_days:
        parts.append(f"{limits.extension_max_days}日")
    return "".join(parts) or "0日"


@transaction.atomic
def party_add(
    *, case: Case, user: User | None, role: str, name: str, kind: str = Party.Kind.ORGANIZATION,
    contact: str = "", agent: str = "",
) -> Party:  # fmt: skip
    _require(user, case.region)
    if not name.strip():
        raise CaseError("当事人名称不能为空")
    party = Party.objects.create(
        case=case,
        role=role,
        kind=kind,
        name=name.strip(),
        contact=contact.strip(),
        agent=agent.strip(),
    )
    audit_record(
        actor=user,
        action="case.party_add",
        target=case,
        summary=f"添加{party.get_role_display()}：{party.name}",
    )
    return party


@transaction.atomic
def case_patent_add(*, case: Case, user: User | None, number: str) -> CasePatent:
    _require(user, case.region)
    canonical, patent = patent_number_parse(number)
    try:
        with transaction.atomic():
            link = CasePatent.objects.create(case=case, number=canonical, patent=patent)
    except IntegrityError:
        raise CaseError(f"专利 {canonical} 已在本案中") from None
    audit_record(
        actor=user, action="case.patent_add", target=case, summary=f"添加涉案专利 {canonical}"
    )
    return link


@transaction.atomic
def penalty_add(
    *,
    case: Case,
    user: User | None,
    decided_on: date,
    fine: Decimal,
    confiscation: str = "",
    illegal_gains: Decimal | None = None,
    note: str = "",
) -> Penalty:
    """A penalty of a counterfeit-patent case in which the violation was established."""
    _require(user, case.region)
    if case.kind != CaseKind.COUNTERFEIT:
        raise CaseError("只有假冒专利案件可以记录行政处罚")
    if case.state != CaseState.CLOSED or case.outcome != Outcome.ESTABLISHED:
        raise CaseError("须先以处理决定结案并认定假冒专利行为成立，才能记录行政处罚")
    if fine < 0 or (illegal_gains is not None and illegal_gains < 0):
        raise CaseError("罚款和违法所得不能为负数")
    penalty = Penalty.objects.create(
        case=case,
        decided_on=decided_on,
        fine=fine,
        confiscation=confiscation.strip(),
        illegal_gains=illegal_gains,
        note=note.strip(),
    )
    audit_record(
        actor=user,
        action="case.penalty_add",
        target=case,
        changes={"fine": ["", str(fine)]},
        summary=f"行政处罚：罚款 {fine} 元",
    )
    return penalty


@transaction.atomic
def case_set_campaign(*, case: Case, user: User | None, campaign: Campaign | None) -> Case:
    locked = _locked(case)
    _require(user, locked.region)
    changes = diff_fields(locked, {"campaign": campaign})
    locked.campaign = campaign
    locked.save(update_fields=["campaign", "updated_at"])
    audit_record(
        actor=user,
        action="case.set_campaign",
        target=locked,
        changes=changes,
        summary="关联专项行动",
    )
    return locked


@transaction.atomic
def campaign_create(
    *,
    user: User | None,
    name: str,
    region: Region,
    start: date,
    end: date,
    regions: Iterable[Region] = (),
    description: str = "",
) -> Campaign:
    _require(user, region)
    if end < start:
        raise CaseError(f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}")
    campaign = Campaign.objects.create(
        name=name.strip(), region=region, start=start, end=end, description=description.strip()
    )
    campaign.regions.set(list(regions))
    audit_record(
        actor=user,
        action="campaign.create",
        target=campaign,
        summary=f"{campaign.name}（{start.isoformat()}—{end.isoformat()}）",
    )
    return campaign


@transaction.atomic
def joint_action_create(
    *,
    user: User | None,
    region: Region,
    held_on: date,
    departments: Iterable[str],
    participants: int = 0,
    results: str = "",
    campaign: Campaign | None = None,
    cases: Iterable[Case] = (),
) -> JointAction:
    _require(user, region)
    departments = list(dict.fromkeys(departments))
    unknown = [d for d in departments if d not in Department.values]
    if unknown or not departments:
        raise CaseError("联合部门应为 市场监管/版权/公安/海关/文化 中的一个或多个")
    cases = list(cases)
    for case in cases:
        _require(user, case.region)
    action = JointAction.objects.create(
        region=region,
        held_on=held_on,
        departments=departments,
        participants=participants,
        results=results.strip(),
        campaign=campaign,
    )
    action.cases.set(cases)
    audit_record(
        actor=user,
        action="joint_action.create",
        target=action,
        summary=f"联合执法 {held_on.isoformat()}",
    )
    return action


@transaction.atomic
def document_add(*, case: Case, user: User | None, upload: Any, title: str = "") -> Document:
    """Store an uploaded document of the case (checked by documents.check_upload)."""
    _require(user, case.region)
    name = check_upload(upload)
    document = Document(
        case=case,
        title=(title.strip() or name)[:200],
        original_name=name,
        size=upload.size,
        uploaded_by=user,
    )
    document.file.save(name, upload, save=False)
    document.save()
    audit_record(
        actor=user,
        action="case.document_add",
        target=case,
        summary=f"上传材料：{document.title}（{name}）",
    )
    return document
