from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who changed what and when (留痕). Written only by audit.services.audit_record."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    action = models.CharField(_("操作"), max_length=64)
    target_type = models.CharField(_("对象类型"), max_length=64)
    target_id = models.CharField(_("对象编号"), max_length=64)
    summary = models.CharField(_("摘要"), max_length=500, blank=True)
    # {"field": [old, new], ...} with values rendered as text.
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action}"
