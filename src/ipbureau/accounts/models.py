from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    PROVINCE = "province", _("省局工作人员")
    LOCAL = "local", _("市县局工作人员")
    LEADER = "leader", _("领导（只读）")


class User(AbstractUser):
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.LOCAL)
    # Local staff and leaders see this region and below; province staff and admins see all.
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所属地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    @property
    def display_name(self) -> str:
        """How pages and messages name a member of staff: the full name, else the login."""
        return self.get_full_name() or self.username
