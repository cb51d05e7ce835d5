from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ipbureau.accounts.selectors import can_edit, can_edit_everywhere
from ipbureau.audit.selectors import audit_history, with_labels
from ipbureau.orgs.forms import OrganizationKindForm, OrganizationMergeForm
from ipbureau.orgs.models import Organization
from ipbureau.orgs.selectors import organizations_visible_to
from ipbureau.orgs.services import (
    OrganizationError,
    OrganizationPermissionError,
    check_may_merge,
    organization_merge,
    organization_set_kind,
)
from ipbureau.patents.selectors import patents_visible_to


@login_required
def organization_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    organization = get_object_or_404(
        organizations_visible_to(request.user, include_merged=True).select_related("merged_into"),
        pk=org_id,
    )
    form = OrganizationKindForm(request.POST or None, initial={"kind": organization.kind})
    editable = can_edit(request.user) and organization.merged_into is None
    if request.method == "POST" and editable and form.is_valid():
        organization_set_kind(
            organization=organization, kind=form.cleaned_data["kind"], user=request.user
        )
        messages.success(
            request, f"已将“{organization.name}”的类型改为{organization.get_kind_display()}。"
        )
        return redirect("orgs:detail", org_id=organization.pk)
    return _detail_page(request, organization, kind_form=form if editable else None)


@login_required
@require_POST
def organization_merge_view(request: HttpRequest, org_id: int) -> HttpResponse:
    source = get_object_or_404(
        organizations_visible_to(request.user, include_merged=True), pk=org_id
    )
    check_may_merge(request.user)
    form = OrganizationMergeForm(request.POST)
    if form.is_valid():
        target = form.cleaned_data["target"]
        try:
            moved = organization_merge(source=source, target=target, user=request.user)
        except OrganizationPermissionError:
            raise
        except OrganizationError as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(
                request,
                f"已将“{source.name}”并入“{target.name}”，{moved}件专利的第一申请人随之改变。",
            )
            return redirect("orgs:detail", org_id=target.pk)
    return _detail_page(request, source, merge_form=form)


def _detail_page(
    request: HttpRequest,
    organization: Organization,
    *,
    kind_form: OrganizationKindForm | None = None,
    merge_form: OrganizationMergeForm | None = None,
) -> HttpResponse:
    # A merged applicant is only a pointer to the other one: nothing left to change.
    editable = organization.merged_into_id is None
    if kind_form is None and editable and can_edit(request.user):
        kind_form = OrganizationKindForm(initial={"kind": organization.kind})
    if merge_form is None and editable and can_edit_everywhere(request.user):
        merge_form = OrganizationMergeForm()
    patents = (
        patents_visible_to(request.user)
        .filter(applicants=organization)
        .order_by("-filing_date")[:50]
    )
    return render(
        request,
        "orgs/detail.html",
        {
            "organization": organization,
            "form": kind_form,
            "merge_form": merge_form,
            "patents": patents,
            "history": with_labels(audit_history(organization)),
        },
    )
