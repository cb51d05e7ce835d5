from axes.models import AccessAttempt
from django.db import transaction
from django.db.models import QuerySet

from ipbureau.accounts.models import User
from ipbureau.audit.services import audit_record


@transaction.atomic
def user_password_change(*, user: User, password: str) -> None:
    """A user sets a new password for themselves (already validated by the form)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=user, action="password_change", target=user, summary="修改了自己的密码")


@transaction.atomic
def lockout_clear(*, actor: User | None, attempts: QuerySet[AccessAttempt]) -> int:
    """Lift the login lockout by forgetting these failed attempts; each one forgotten is in
    the audit trail. The number of attempt records removed."""
    count = 0
    for attempt in attempts.select_for_update():
        audit_record(
            actor=actor,
            action="lockout_clear",
            target=attempt,
            summary=(
                f"解除登录锁定：用户名 {attempt.username}，地址 {attempt.ip_address}，"
                f"失败 {attempt.failures_since_start} 次"
            ),
        )
        attempt.delete()
        count += 1
    return count
