from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from ipbureau.audit.models import AuditEntry
from ipbureau.audit.services import target_label


def audit_history(obj: models.Model) -> QuerySet[AuditEntry]:
    """Every recorded change of one object, newest first. The caller checks the object is
    visible to the user (it came through a scoped selector)."""
    target_type, target_id = target_label(obj)
    return AuditEntry.objects.filter(target_type=target_type, target_id=target_id).select_related(
        "actor"
    )


# Where a changed object of each type is shown, for links from the whole trail.
TARGET_URLS = {
    "patents.patent": "patents:detail",
    "patents.importrun": "patents:import_detail",
    "orgs.organization": "orgs:detail",
    "cases.case": "cases:detail",
    "cases.campaign": "cases:campaign",
}


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
