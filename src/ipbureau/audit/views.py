from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ipbureau.accounts.selectors import scope_for
from ipbureau.audit.models import AuditEntry
from ipbureau.audit.selectors import with_labels


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """The whole trail, for unrestricted users; others see each record's history on it."""
    if not scope_for(request.user).is_unrestricted:
        raise Http404
    page = Paginator(AuditEntry.objects.select_related("actor"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "audit/list.html",
        {"page": page, "entries": with_labels(page.object_list, links=True)},
    )
