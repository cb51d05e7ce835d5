from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ipbureau.accounts.selectors import can_edit
from ipbureau.audit.selectors import audit_history, with_labels
from ipbureau.orgs.forms import OrganizationKindForm
from ipbureau.orgs.selectors import organizations_visible_to
from ipbureau.orgs.services import organization_set_kind
from ipbureau.patents.selectors import patents_visible_to


@login_required
def organization_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    organization = get_object_or_404(organizations_visible_to(request.user), pk=org_id)
    form = OrganizationKindForm(request.POST or None, initial={"kind": organization.kind})
    if request.method == "POST" and can_edit(request.user) and form.is_valid():
        organization_set_kind(
            organization=organization, kind=form.cleaned_data["kind"], user=request.user
        )
        messages.success(
            request, f"已将“{organization.name}”的类型改为{organization.get_kind_display()}。"
        )
        return redirect("orgs:detail", org_id=organization.pk)
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
            "form": form if can_edit(request.user) else None,
            "patents": patents,
            "history": with_labels(audit_history(organization)),
        },
    )
