from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from ipbureau.accounts.selectors import scope_for
from ipbureau.audit.models import AuditEntry

# Where a changed object of each type is shown, for links from the whole trail.
TARGET_URLS = {"patents.patent": "patents:detail", "patents.importrun": "patents:import_detail"}


def with_labels(entries, *, links: bool = False) -> list[AuditEntry]:
    """Entries ready for audit/entries.html: each change as (field label, old, new) with the
    model's Chinese verbose name instead of the field name, the changed object's type, and a
    link to it when `links`."""
    entries = list(entries)
    for entry in entries:
        try:
            model = apps.get_model(entry.target_type)
        except (LookupError, ValueError):
            model = None
        entry.change_rows = [
            (_field_label(model, field), *(list(change) + ["", ""])[:2])
            for field, change in (entry.changes or {}).items()
        ]
        entry.target_name = model._meta.verbose_name if model else entry.target_type
        entry.target_url = None
        if links and entry.target_type in TARGET_URLS:
            try:
                entry.target_url = reverse(
                    TARGET_URLS[entry.target_type], args=[int(entry.target_id)]
                )
            except (NoReverseMatch, ValueError):
                pass
    return entries


def _field_label(model, field: str) -> str:
    if model is None:
        return field
    try:
        return str(model._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        return field


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
