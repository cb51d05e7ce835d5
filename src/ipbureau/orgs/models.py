from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    UNIVERSITY = "university", _("高校")
    INSTITUTE = "institute", _("科研院所")
    PUBLIC_BODY = "public_body", _("机关团体")
    INDIVIDUAL = "individual", _("个人")
    UNKNOWN = "unknown", _("未识别")


class Organization(models.Model):
    """An applicant or patentee, deduplicated by normalised name."""

    name = models.CharField(_("名称"), max_length=255)
    normalized_name = models.CharField(_("规范名称"), max_length=255, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=OrgKind.choices)
    # Set when staff corrected the kind: later imports never overwrite it.
    kind_manual = models.BooleanField(_("类型已人工校正"), default=False)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    # Set when staff merged this applicant into another (the same body under another name).
    # The record stays as an alias: imports that name it land on `merged_into`. Never a
    # chain: a merge repoints the aliases of the merged applicant too.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("并入"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aliases",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("申请人")
        verbose_name_plural = _("申请人")

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """A patent agency (专利代理机构)."""

    name = models.CharField(_("名称"), max_length=255)
    normalized_name = models.CharField(_("规范名称"), max_length=255, unique=True)
    code = models.CharField(_("机构代码"), max_length=16, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("专利代理机构")
        verbose_name_plural = _("专利代理机构")

    def __str__(self) -> str:
        return self.name
