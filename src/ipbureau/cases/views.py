"""Case pages. Each view validates input, calls one service or selector, and renders."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ipbureau.accounts.selectors import scope_for
from ipbureau.audit.selectors import audit_history, with_labels
from ipbureau.cases import forms as f
from ipbureau.cases import selectors, services
from ipbureau.cases.documents import CONTENT_TYPES
from ipbureau.cases.errors import CaseError
from ipbureau.cases.figures import LABELS, METRICS
from ipbureau.cases.figures import case_figures as figures_of
from ipbureau.cases.models import Campaign, Case, Document
from ipbureau.cases.permissions import can_act, can_receive
from ipbureau.cases.workflow import TRANSITIONS
from ipbureau.figures.errors import FIGURES_ERRORS
from ipbureau.figures.periods import period_for
from ipbureau.patents.selectors import default_year
from ipbureau.regions.selectors import regions_in_scope

PAGE_SIZE = 50


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    regions = regions_in_scope(scope_for(request.user))
    form = f.CaseFilterForm(request.GET or None, regions=regions)
    kwargs = form.selector_kwargs() if form.is_valid() else {}
    page = Paginator(selectors.case_list(request.user, **kwargs), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "cases/list.html", {
        "form": form, "page": page, "query": query.urlencode(), "today": timezone.localdate(),
        "mine": selectors.cases_due(request.user, mine=True),
        "bureau": selectors.cases_due(request.user, mine=False),
        "can_receive": can_receive(request.user),
    })  # fmt: skip


@login_required
def case_receive(request: HttpRequest) -> HttpResponse:
    regions = regions_in_scope(scope_for(request.user))
    form = f.CaseReceiveForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_receive(user=request.user, **form.service_kwargs())
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记案件 {case.number}")
            return redirect("cases:detail", case.pk)
    return render(request, "cases/receive.html", {"form": form})


def _visible(request: HttpRequest, case_id: int) -> Case:
    try:
        return selectors.case_detail(request.user, case_id)
    except Case.DoesNotExist:
        raise Http404 from None


# Labels of the actions that are not a workflow transition.
ACTION_LABELS = {
    "close": "结案", "officers": "指定承办人员", "party": "添加当事人", "patent": "添加涉案专利",
    "penalty": "记录行政处罚",
}  # fmt: skip


def _action_forms(case: Case, user) -> list[tuple[str, str, forms.Form]]:
    """(action, label, empty form) for what the user may do to the case now."""
    found = []
    for action in selectors.case_actions(user, case):
        label = ACTION_LABELS.get(action) or TRANSITIONS[action].label
        if action == "officers":
            form = f.OfficersForm(
                officers=selectors.officers_for(user, case.region_id),
                initial={"officers": list(case.officers.all())},
            )
        else:
            form = ACTIONS[action][0]()
        found.append((action, label, form))
    return found


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible(request, case_id)
    return render(request, "cases/detail.html", {
        "case": case,
        "today": timezone.localdate(),
        "actions": _action_forms(case, request.user),
        "document_form": f.DocumentForm() if can_act(request.user, case.region_id) else None,
        "history": with_labels(audit_history(case)),
    })  # fmt: skip


def _bound_form(action: str, data, case: Case, user) -> forms.Form:
    """Forms whose choices depend on the user and the case."""
    if action == "campaign":
        return f.CaseCampaignForm(data, campaigns=selectors.visible_campaigns(user))
    return f.OfficersForm(data, officers=selectors.officers_for(user, case.region_id))


Call = Callable[[Case, Any, dict[str, Any]], object]
ACTIONS: dict[str, tuple[Callable[..., forms.Form], Call]] = {
    "accept": (f.DateNoteForm, lambda c, u, d: services.case_accept(
        case=c, user=u, accepted_on=d["on"])),
    "reject": (f.RejectForm, lambda c, u, d: services.case_reject(
        case=c, user=u, reason=d["reason"], decided_on=d["on"])),
    "start_investigation": (f.NoteForm, lambda c, u, d: services.case_start_investigation(
        case=c, user=u, note=d["note"])),
    "hold_hearing": (f.NoteForm, lambda c, u, d: services.case_hold_hearing(
        case=c, user=u, note=d["note"])),
    "mediate": (f.NoteForm, lambda c, u, d: services.case_mediate(
        case=c, user=u, note=d["note"])),
    "close": (f.CloseForm, lambda c, u, d: services.case_close(
        case=c, user=u, closure=d["closure"], outcome=d["outcome"], closed_on=d["on"],
        note=d["note"])),
    "transfer": (f.TransferForm, lambda c, u, d: services.case_transfer(
        case=c, user=u, transferred_to=d["transferred_to"], transferred_on=d["on"])),
    "extend": (f.ExtendForm, lambda c, u, d: services.case_extend(
        case=c, user=u, until=d["until"], reason=d["reason"], approved_by=d["approved_by"])),
    "party": (f.PartyForm, lambda c, u, d: services.party_add(case=c, user=u, **d)),
    "patent": (f.PatentForm, lambda c, u, d: services.case_patent_add(
        case=c, user=u, number=d["number"])),
    "penalty": (f.PenaltyForm, lambda c, u, d: services.penalty_add(case=c, user=u, **d)),
    "campaign": (None, lambda c, u, d: services.case_set_campaign(
        case=c, user=u, campaign=d["campaign"])),
    "officers": (None, lambda c, u, d: services.case_assign_officers(
        case=c, user=u, officers=d["officers"])),
}  # fmt: skip


@login_required
@require_POST
def case_act(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    case = _visible(request, case_id)
    if action not in ACTIONS:
        raise Http404
    form_class, call = ACTIONS[action]
    form = (
        _bound_form(action, request.POST, case, request.user) if form_class is None
        else form_class(request.POST)
    )  # fmt: skip
    if not form.is_valid():
        errors = "；".join(
            f"{form.fields[k].label if k in form.fields else ''}{' '.join(v)}"
            for k, v in form.errors.items()
        )
        messages.error(request, f"输入有误：{errors}")
        return redirect("cases:detail", case.pk)
    try:
        call(case, request.user, form.cleaned_data)
    except CaseError as exc:
        messages.error(request, str(exc))
    except PermissionDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    else:
        messages.success(request, "已保存")
    return redirect("cases:detail", case.pk)


@login_required
@require_POST
def document_upload(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible(request, case_id)
    form = f.DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件")
        return redirect("cases:detail", case.pk)
    try:
        services.document_add(
            case=case,
            user=request.user,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
    except CaseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "材料已上传")
    return redirect("cases:detail", case.pk)


@login_required
def document_download(request: HttpRequest, case_id: int, document_id: int) -> FileResponse:
    try:
        document = selectors.document_for_download(request.user, case_id, document_id)
    except Document.DoesNotExist:
        raise Http404 from None
    suffix = "." + document.original_name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "cases/campaigns.html", {"campaigns": selectors.visible_campaigns(request.user)}
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not can_receive(request.user):
        raise PermissionDenied("您的账号只有查看权限")
    form = f.CampaignForm(request.POST or None, regions=regions_in_scope(scope_for(request.user)))
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(user=request.user, **form.cleaned_data)
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已创建专项行动 {campaign.name}")
            return redirect("cases:campaign", campaign.pk)
    return render(request, "cases/campaign_form.html", {"form": form})


def _visible_campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    try:
        return selectors.campaign_detail(request.user, campaign_id)
    except Campaign.DoesNotExist:
        raise Http404 from None


@login_required
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _visible_campaign(request, campaign_id)
    regions = regions_in_scope(scope_for(request.user))
    return render(request, "cases/campaign.html", {
        "campaign": campaign,
        "summary": selectors.campaign_summary(request.user, campaign),
        "cases": selectors.case_list(request.user, campaign=campaign),
        "action_form": f.JointActionForm(regions=regions) if can_receive(request.user) else None,
    })  # fmt: skip


@login_required
@require_POST
def joint_action_create(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _visible_campaign(request, campaign_id)
    form = f.JointActionForm(request.POST, regions=regions_in_scope(scope_for(request.user)))
    if not form.is_valid():
        messages.error(
            request,
            "输入有误："
            + "；".join(
                f"{form.fields[k].label if k in form.fields else ''}{' '.join(v)}"
                for k, v in form.errors.items()
            ),
        )
        return redirect("cases:campaign", campaign.pk)
    cases, missing = selectors.cases_by_numbers(request.user, form.numbers())
    if missing:
        messages.error(request, f"找不到案件：{'、'.join(missing)}")
        return redirect("cases:campaign", campaign.pk)
    data = form.cleaned_data
    try:
        services.joint_action_create(
            user=request.user,
            region=data["region"],
            held_on=data["held_on"],
            departments=data["departments"],
            participants=data["participants"],
            results=data["results"],
            campaign=campaign,
            cases=cases,
        )
    except CaseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已记录联合执法")
    return redirect("cases:campaign", campaign.pk)


@login_required
def case_figures(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    default = default_year(request.user)
    form = f.FiguresForm(
        request.GET or None, regions=regions_in_scope(scope), initial={"year": default}
    )
    result, error = None, None
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if request.GET else {}
        try:
            period = period_for(data.get("year") or default, data.get("period") or "year")
            region = data.get("region")
            result = figures_of(
                scope=scope, region_code=region.code if region else None, period=period
            )
        except FIGURES_ERRORS as exc:
            error = str(exc)
    lines = []
    if result is not None:
        lines = [(row["name"], [row[m] for m in METRICS], False) for row in result["rows"]]
        lines.append(
            (f"{result['region']['name']}合计", [result["total"][m] for m in METRICS], True)
        )
    return render(request, "cases/figures.html", {
        "form": form, "result": result, "error": error, "lines": lines,
        "labels": [LABELS[m] for m in METRICS],
    })  # fmt: skip
