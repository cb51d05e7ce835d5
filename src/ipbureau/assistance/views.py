"""Staff pages of the assistance centre: the request queue, a request with its triage
actions, and the expert pool."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ipbureau.accounts.selectors import can_edit, scope_for
from ipbureau.assistance import selectors, services
from ipbureau.assistance.attachments import attachment_folder
from ipbureau.assistance.forms import (
    AnswerForm,
    AssignExpertForm,
    AssignStaffForm,
    CloseForm,
    ExpertForm,
    RequestFilterForm,
    RequestReceiveForm,
    ToCaseForm,
)
from ipbureau.assistance.models import AssistanceRequest, Expert
from ipbureau.audit.selectors import audit_history, with_labels
from ipbureau.regions.selectors import regions_in_scope

PAGE_SIZE = 50


def _visible(request: HttpRequest, request_id: int) -> AssistanceRequest:
    try:
        return selectors.request_detail(request.user, request_id)
    except AssistanceRequest.DoesNotExist:
        raise Http404 from None


def _form_errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    form = RequestFilterForm(request.GET or None)
    kwargs = form.selector_kwargs() if form.is_valid() else {}
    page = Paginator(selectors.request_list(request.user, **kwargs), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "assistance/list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "editable": can_edit(request.user),
    })  # fmt: skip


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    if not can_edit(request.user):
        raise PermissionDenied("您的账号只有查看权限。")
    regions = regions_in_scope(scope_for(request.user))
    form = RequestReceiveForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_receive(user=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise  # the 403 page shows the refusal's message
        except services.AssistanceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, f"已登记，受理编号 {created.receipt_code}。")
            return redirect("assistance:detail", request_id=created.pk)
    return render(request, "assistance/new.html", {"form": form})


@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    item = _visible(request, request_id)
    editable = can_edit(request.user) and item.is_open
    context = {
        "item": item,
        "history": with_labels(audit_history(item)),
        "editable": editable,
        "ipc_section": selectors.request_ipc_section(item),
    }
    if editable:
        context.update(
            answer_form=AnswerForm(initial={"answer": item.answer}),
            staff_form=AssignStaffForm(staff=selectors.staff_who_may_handle(item)),
            expert_form=AssignExpertForm(),
            close_form=CloseForm(),
            case_form=ToCaseForm() if item.may_become_case else None,
            suggestions=selectors.experts_suggested(item),
        )
    return render(request, "assistance/detail.html", context)


def _act(request: HttpRequest, request_id: int, form, action) -> HttpResponse:
    """Run one triage action from a POSTed form (a Form, or a function of the request item
    that makes one), report the outcome, back to the request."""
    item = _visible(request, request_id)
    if not can_edit(request.user):
        raise PermissionDenied("您的账号只有查看权限。")
    if callable(form):
        form = form(item)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            message = action(item, form.cleaned_data)
        except PermissionDenied:
            raise  # the 403 page shows the refusal's message
        except services.AssistanceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, message)
    return redirect("assistance:detail", request_id=item.pk)


@login_required
@require_POST
def request_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    def action(item, data):
        services.request_answer(request=item, user=request.user, answer=data["answer"])
        return "已记录答复。"

    return _act(request, request_id, AnswerForm(request.POST), action)


@login_required
@require_POST
def request_assign_staff(request: HttpRequest, request_id: int) -> HttpResponse:
    def action(item, data):
        services.request_assign_staff(request=item, user=request.user, staff=data["staff"])
        return f"已指派给 {data['staff'].display_name}。"

    def form(item):  # the same choices the page offered
        return AssignStaffForm(request.POST, staff=selectors.staff_who_may_handle(item))

    return _act(request, request_id, form, action)


@login_required
@require_POST
def request_assign_expert(request: HttpRequest, request_id: int) -> HttpResponse:
    def action(item, data):
        services.request_assign_expert(request=item, user=request.user, expert=data["expert"])
        return f"已指派给专家 {data['expert'].name}。"

    return _act(request, request_id, AssignExpertForm(request.POST), action)


@login_required
@require_POST
def request_close(request: HttpRequest, request_id: int) -> HttpResponse:
    def action(item, data):
        services.request_close(request=item, user=request.user, satisfaction=data["satisfaction"])
        return "已办结。"

    return _act(request, request_id, CloseForm(request.POST), action)


@login_required
@require_POST
def request_to_case(request: HttpRequest, request_id: int) -> HttpResponse:
    def action(item, data):
        item = services.assistance_request_to_case(
            request=item, user=request.user, case_kind=data["case_kind"],
            summary=data["summary"],
        )  # fmt: skip
        return f"已转为执法案件 {item.case.number}。"

    return _act(request, request_id, ToCaseForm(request.POST), action)


@login_required
def request_attachment(request: HttpRequest, request_id: int) -> FileResponse:
    """The portal upload of a request the user may see, as a download (never inline)."""
    item = _visible(request, request_id)
    path = Path(item.attachment_path) if item.attachment_path else None
    folder = attachment_folder().resolve()
    if path is None or path.resolve().parent != folder or not path.is_file():
        raise Http404
    return FileResponse(
        open(path, "rb"), as_attachment=True, filename=item.attachment_name or path.name,
        content_type=item.attachment_type or "application/octet-stream",
    )  # fmt: skip


# --- experts --------------------------------------------------------------------------------


@login_required
def expert_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("text", "")[:100]
    page = Paginator(selectors.expert_list(text=text or None), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "assistance/experts.html", {
        "page": page, "text": text, "editable": services.may_keep_pool(request.user),
    })  # fmt: skip


@login_required
def expert_edit(request: HttpRequest, expert_id: int | None = None) -> HttpResponse:
    if not services.may_keep_pool(request.user):
        raise PermissionDenied("只有省局工作人员和系统管理员可以维护专家库。")
    expert = get_object_or_404(Expert, pk=expert_id) if expert_id else None
    initial = {}
    if expert is not None:
        initial = {
            "name": expert.name, "organization_name": expert.organization_name,
            "ipc_sections": list(expert.ipc_sections), "industries": expert.industries,
            "qualifications": expert.qualifications, "available": expert.available,
            "region": expert.region_id,
        }  # fmt: skip
    regions = regions_in_scope(scope_for(request.user))
    form = ExpertForm(request.POST or None, regions=regions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if expert is None:
                expert = services.expert_create(user=request.user, **form.service_kwargs())
            else:
                services.expert_update(expert=expert, user=request.user, **form.service_kwargs())
        except PermissionDenied:
            raise  # the 403 page shows the refusal's message
        except services.AssistanceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, f"已保存专家 {expert.name}。")
            return redirect("assistance:experts")
    history = with_labels(audit_history(expert)) if expert else []
    return render(request, "assistance/expert_edit.html",
                  {"form": form, "expert": expert, "history": history})  # fmt: skip
