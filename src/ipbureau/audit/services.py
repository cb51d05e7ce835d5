from typing import Any

from django.db import models

from ipbureau.audit.models import AuditEntry


def target_label(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    changes: dict[str, list[str]] | None = None,
    summary: str = "",
) -> AuditEntry:
    """Record one change by a person. Call inside the service's transaction."""
    target_type, target_id = target_label(target)
    return audit_record_event(
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=target_id,
        changes=changes,
        summary=summary,
    )


def audit_record_event(
    *,
    actor: Any,
    action: str,
    target_type: str,
    target_id: str,
    changes: dict[str, list[str]] | None = None,
    summary: str = "",
) -> AuditEntry:
    """Record an operation on something that is not a row (a backup file, the whole
    database); audit_record is this for a row."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target_type[:64],
        target_id=target_id[:64],
        summary=summary[:500],
        changes=changes or {},
    )


def diff_fields(obj: models.Model, new_values: dict[str, Any]) -> dict[str, list[str]]:
    """The fields whose value would change, as {field: [old, new]} in text."""
    changes = {}
    for field, new in new_values.items():
        old = getattr(obj, field)
        if old != new:
            changes[field] = [_text(old), _text(new)]
    return changes


def _text(value: Any) -> str:
    return "" if value is None else str(value)
