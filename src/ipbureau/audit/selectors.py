from django.db import models
from django.db.models import QuerySet

from ipbureau.audit.models import AuditEntry
from ipbureau.audit.services import target_label


def audit_history(obj: models.Model) -> QuerySet[AuditEntry]:
    """Every recorded change of one object, newest first. The caller checks the object is
    visible to the user (it came through a scoped selector)."""
    target_type, target_id = target_label(obj)
    return AuditEntry.objects.filter(target_type=target_type, target_id=target_id).select_related(
        "actor"
    )
