"""Records attached to a case (parties, patents, documents, penalties) and campaigns with
their joint actions. Each service checks the acting user's right and records the audit
entry in one transaction."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from ipbureau.accounts.models import User
from ipbureau.audit.services import audit_record, diff_fields
from ipbureau.cases.documents import check_upload
from ipbureau.cases.errors import CaseError
from ipbureau.cases.models import (
    Campaign,
    Case,
    CaseKind,
    CasePatent,
    CaseState,
    Department,
    Document,
    JointAction,
    Outcome,
    Party,
    Penalty,
)
from ipbureau.cases.services.cases import _locked, _require, patent_number_parse
from ipbureau.regions.models import Region


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
