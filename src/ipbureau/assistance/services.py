"""Writes of the assistance centre. One function per action: it checks who may act,
changes the request or expert, and records the audit entry in the same transaction. Refusals
are AssistanceError with a message a clerk can act on.

`user=None` is the public portal (no account) or the system."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import can_edit, can_edit_everywhere, scope_for
from ipbureau.assistance.models import (
    CASE_KINDS,
    IPC_SECTIONS,
    AssistanceRequest,
    Channel,
    Expert,
    Kind,
    State,
)
from ipbureau.assistance.selectors import expert_conflict
from ipbureau.audit.services import audit_record, diff_fields
from ipbureau.cases.errors import CaseError
from ipbureau.cases.models import CaseSource
from ipbureau.cases.services import case_receive
from ipbureau.orgs.models import Organization
from ipbureau.patents.numbers import AppNumberError, parse_application_number
from ipbureau.regions.models import Region


class AssistanceError(Exception):
    """A refused action. `field` names the input it is about (for forms)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class AssistancePermissionError(AssistanceError, PermissionDenied):
    """A refusal of permission: also PermissionDenied, so a view answers 403 with the message."""


def canonical_patent_number(raw: str) -> str:
    """The canonical application number of `raw`, or "" when nothing was given."""
    if not raw or not raw.strip():
        return ""
    try:
        return parse_application_number(raw).canonical
    except AppNumberError as exc:
        raise AssistanceError(f"涉及专利号有误：{exc.args[0]}", field="patent_number") from None


def _check_handler(user: User | None, request: AssistanceRequest) -> None:
    if user is None or not can_edit(user):
        raise AssistancePermissionError("您的账号没有办理维权援助请求的权限。")
    if not scope_for(user).contains(request.region_id):
        raise AssistancePermissionError("该请求不在您的管辖范围内。")


def _check_open(request: AssistanceRequest) -> None:
    if request.state == State.CLOSED:
        raise AssistanceError(f"请求 {request.receipt_code} 已办结，不能再办理。")


def _locked(request: AssistanceRequest) -> AssistanceRequest:
    """The request read again under a row lock, so two clerks cannot act on it at once."""
    return AssistanceRequest.objects.select_for_update().get(pk=request.pk)


def _save(request: AssistanceRequest, user: User | None, action: str, summary: str,
          **values: Any) -> AssistanceRequest:  # fmt: skip
    changes = diff_fields(request, values)
    for field, value in values.items():
        setattr(request, field, value)
    request.save(update_fields=[*values, "updated_at"])
    audit_record(actor=user, action=action, target=request, changes=changes, summary=summary)
    return request


# --- requests -------------------------------------------------------------------------------


def _happened(at: datetime | None, what: str, field: str | None = None) -> datetime:
    """`at`, or now when not given; a step is recorded once it has happened, so a moment
    after now is refused."""
    now = timezone.now()
    if at is None:
        return now
    if at > now:
        shown = timezone.localtime(at).strftime("%Y-%m-%d %H:%M")
        raise AssistanceError(f"{what} {shown} 晚于现在，请填写实际的时间。", field=field)
    return at


@transaction.atomic
def request_receive(
    *,
    user: User | None,
    channel: str,
    kind: str,
    requester_name: str,
    requester_contact: str,
    subject: str,
    description: str,
    region: Region,
    requester_organization: str = "",
    respondent_name: str = "",
    patent_number: str = "",
    industry: str = "",
    received_at: datetime | None = None,
    attachment: tuple[str, str, str] | None = None,
) -> AssistanceRequest:
    """Record a new request. Staff (`user`) enter hotline calls, visits, letters and
    referrals for a region in their scope; `user=None` is the public portal, whose requests
    always arrive through the online channel. `attachment` is (stored path, original name,
    content type) of a file already checked and stored."""
    if channel not in Channel.values:
        raise AssistanceError(f"渠道“{channel}”无效", field="channel")
    if kind not in Kind.values:
        raise AssistanceError(f"类型“{kind}”无效", field="kind")
    received_at = _happened(received_at, "受理时间", "received_at")
    if user is None:
        channel = Channel.ONLINE
    else:
        if not can_edit(user):
            raise AssistancePermissionError("您的账号没有登记维权援助请求的权限。")
        if not scope_for(user).contains(region.code):
            raise AssistancePermissionError(
                f"{region.name}（{region.code}）不在您的管辖范围内，不能登记该地区的请求。"
            )
    path, name, content_type = attachment or ("", "", "")
    request = AssistanceRequest.objects.create(
        channel=channel,
        kind=kind,
        requester_name=requester_name.strip(),
        requester_contact=requester_contact.strip(),
        requester_organization=requester_organization.strip(),
        respondent_name=respondent_name.strip(),
        subject=subject.strip(),
        description=description.strip(),
        region=region,
        patent_number=canonical_patent_number(patent_number),
        industry=industry.strip(),
        received_at=received_at,
        attachment_path=path,
        attachment_name=name,
        attachment_type=content_type,
        created_by=user,
    )
    audit_record(
        actor=user,
        action="assistance.receive",
        target=request,
        summary=f"受理{request.get_channel_display()}{request.get_kind_display()}"
        f"（{request.receipt_code}）：{request.subject}",
    )
    return request


@transaction.atomic
def request_answer(
    *, request: AssistanceRequest, user: User, answer: str, at: datetime | None = None
) -> AssistanceRequest:
    """Record the answer given to the requester. The first answer is the first response."""
    _check_handler(user, request)
    request = _locked(request)
    _check_open(request)
    answer = answer.strip()
    if not answer:
        raise AssistanceError("请填写答复内容。", field="answer")
    at = _happened(at, "答复时间")
    values: dict[str, Any] = {"answer": answer}
    if request.state == State.RECEIVED:
        values["state"] = State.ANSWERED
    if request.first_response_at is None:
        values["first_response_at"] = at
    return _save(request, user, "assistance.answer", f"答复请求 {request.receipt_code}", **values)


@transaction.atomic
def request_assign_staff(
    *, request: AssistanceRequest, user: User, staff: User
) -> AssistanceRequest:
    """Give the request to a member of staff who may handle it (their scope covers it)."""
    _check_handler(user, request)
    request = _locked(request)
    _check_open(request)
    if not can_edit(staff) or not scope_for(staff).contains(request.region_id):
        raise AssistanceError(
            f"{staff.display_name} 无权办理该地区的请求，不能指派。",
            field="staff",
        )
    return _save(
        request, user, "assistance.assign_staff",
        f"将请求 {request.receipt_code} 指派给 {staff.display_name}",
        assigned_staff=staff, state=State.ASSIGNED,
    )  # fmt: skip


@transaction.atomic
def request_assign_expert(
    *, request: AssistanceRequest, user: User, expert: Expert
) -> AssistanceRequest:
    """Give the request to an expert of the pool: refused when the expert is unavailable or
    their organization is a party (the requester's organization or the respondent)."""
    _check_handler(user, request)
    request = _locked(request)
    _check_open(request)
    if not expert.available:
        raise AssistanceError(f"专家 {expert.name} 目前不接受指派。", field="expert")
    conflict = expert_conflict(expert, request)
    if conflict:
        raise AssistanceError(
            f"专家 {expert.name} 所在单位（{expert.affiliation}）是本请求的{conflict}，"
            "存在利益冲突，不能指派。",
            field="expert",
        )
    return _save(
        request, user, "assistance.assign_expert",
        f"将请求 {request.receipt_code} 指派给专家 {expert.name}",
        assigned_expert=expert, state=State.ASSIGNED,
    )  # fmt: skip


@transaction.atomic
def request_close(
    *,
    request: AssistanceRequest,
    user: User,
    satisfaction: int | None = None,
    at: datetime | None = None,
) -> AssistanceRequest:
    """Close the request, with the requester's satisfaction (1–5) when they gave one."""
    _check_handler(user, request)
    request = _locked(request)
    _check_open(request)
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise AssistanceError("满意度应为 1—5 分。", field="satisfaction")
    at = _happened(at, "办结时间")
    if at < request.received_at:
        raise AssistanceError("办结时间不能早于受理时间。")
    return _save(
        request, user, "assistance.close", f"办结请求 {request.receipt_code}",
        state=State.CLOSED, closed_at=at, satisfaction=satisfaction,
    )  # fmt: skip


@transaction.atomic
def assistance_request_to_case(
    *, request: AssistanceRequest, user: User, case_kind: str, summary: str = ""
) -> AssistanceRequest:
    """Turn a complaint (or an application for help in a dispute) into an enforcement case
    in one step: the case is received with the request's parties, region and patent, its
    source reference is "12330:<receipt code>", and the request keeps the link. Both
    writes and both audit entries are in one transaction."""
    _check_handler(user, request)
    request = _locked(request)
    _check_open(request)
    if request.case_id is not None:
        raise AssistanceError(f"请求 {request.receipt_code} 已转为案件，不能重复转办。")
    if request.kind not in CASE_KINDS:
        raise AssistanceError(
            f"{request.get_kind_display()}不能转为执法案件，只有投诉举报和维权援助申请可以。"
        )
    source = CaseSource.REPORT if request.kind == Kind.COMPLAINT else CaseSource.REQUEST
    try:
        case = case_receive(
            user=user,
            kind=case_kind,
            source=source,
            region=request.region,
            received_on=timezone.localdate(),
            summary=(summary.strip() or f"{request.subject}\n{request.description}")[:2000],
            requester_name=request.requester_organization or request.requester_name,
            requester_contact=request.requester_contact,
            respondent_name=request.respondent_name,
            patent_numbers=(request.patent_number,) if request.patent_number else (),
            assistance_request=f"12330:{request.receipt_code}",
        )
    except CaseError as exc:
        raise AssistanceError(str(exc), field="case_kind") from None
    return _save(
        request, user, "assistance.to_case",
        f"请求 {request.receipt_code} 转为执法案件 {case.number}",
        case=case, state=State.ASSIGNED,
    )  # fmt: skip


# --- experts --------------------------------------------------------------------------------


def may_keep_pool(user: User | None) -> bool:
    """The expert pool serves the whole province: province staff and administrators keep it."""
    return user is not None and can_edit_everywhere(user)


def _check_pool_keeper(user: User | None) -> None:
    if not may_keep_pool(user):
        raise AssistancePermissionError("只有省局工作人员和系统管理员可以维护专家库。")


def _expert_values(values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    sections = "".join(
        sorted({ch for ch in str(values.get("ipc_sections", "")).upper() if ch.isalpha()})
    )
    if any(ch not in IPC_SECTIONS for ch in sections):
        raise AssistanceError("技术领域应为 IPC 部 A—H。", field="ipc_sections")
    values["ipc_sections"] = sections
    organization: Organization | None = values.get("organization")
    if organization is not None:
        values["organization_name"] = organization.name
    if not str(values.get("name", "")).strip():
        raise AssistanceError("请填写专家姓名。", field="name")
    return values


EXPERT_FIELDS = (
    "name", "organization", "organization_name", "ipc_sections", "industries",
    "qualifications", "available", "region",
)  # fmt: skip


@transaction.atomic
def expert_create(*, user: User | None, **values: Any) -> Expert:
    _check_pool_keeper(user)
    unknown = set(values) - set(EXPERT_FIELDS)
    if unknown:
        raise TypeError(f"unknown expert fields: {sorted(unknown)}")
    expert = Expert.objects.create(**_expert_values(values))
    audit_record(actor=user, action="expert.create", target=expert,
                 summary=f"专家库新增 {expert.name}")  # fmt: skip
    return expert


@transaction.atomic
def expert_update(*, expert: Expert, user: User | None, **values: Any) -> Expert:
    _check_pool_keeper(user)
    unknown = set(values) - set(EXPERT_FIELDS)
    if unknown:
        raise TypeError(f"unknown expert fields: {sorted(unknown)}")
    values = _expert_values({**{f: getattr(expert, f) for f in EXPERT_FIELDS}, **values})
    changes = diff_fields(expert, values)
    if not changes:
        return expert
    for field, value in values.items():
        setattr(expert, field, value)
    expert.save()
    audit_record(actor=user, action="expert.update", target=expert, changes=changes,
                 summary=f"修改专家 {expert.name}")  # fmt: skip
    return expert
