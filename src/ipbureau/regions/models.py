from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A GB/T 2260 administrative division. The code's prefix encodes the hierarchy:
    a region's descendants are exactly the codes that start with its `prefix`."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("省级")
        CITY = 2, _("地市级")
        COUNTY = 3, _("县区级")

    code = models.CharField(_("区划代码"), max_length=6, primary_key=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.PositiveSmallIntegerField(_("级别"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return self.name

    @property
    def prefix(self) -> str:
        return region_prefix(self.code, self.level)


def region_prefix(code: str, level: int) -> str:
    return code[: 2 * level]


def code_prefix(code: str) -> str:
    """Region code → its subtree prefix, from the code alone (620000 → 62, 620100 → 6201,
    620102 → 620102)."""
    code = code.strip()
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code
