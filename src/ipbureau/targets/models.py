"""Annual targets (目标任务) and population per region and year.

Both are inputs typed or imported by staff; progress against a target is always computed by
the statistics code from the records and never stored here.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """What a target is set on. The codes are the statistics' metric names, so a target and
    the figure it is compared with share one key."""

    APPLICATIONS = "applications", _("专利申请量")
    INVENTION_APPLICATIONS = "invention_applications", _("发明专利申请量")
    UTILITY_APPLICATIONS = "utility_applications", _("实用新型专利申请量")
    DESIGN_APPLICATIONS = "design_applications", _("外观设计专利申请量")
    GRANTS = "grants", _("专利授权量")
    INVENTION_GRANTS = "invention_grants", _("发明专利授权量")
    UTILITY_GRANTS = "utility_grants", _("实用新型专利授权量")
    DESIGN_GRANTS = "design_grants", _("外观设计专利授权量")
    PCT_APPLICATIONS = "pct_applications", _("PCT国际专利申请量")
    VALID_INVENTION_PATENTS = "valid_invention_patents", _("有效发明专利拥有量")
    VALID_INVENTION_PER_10K = "valid_invention_per_10k", _("每万人发明专利拥有量")


# Metrics that are ratios rather than counts: the only ones whose target may have decimals.
RATIO_METRICS = frozenset({Metric.VALID_INVENTION_PER_10K})


class Target(models.Model):
    year = models.PositiveSmallIntegerField(_("年度"))
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="targets"
    )
    metric = models.CharField(_("指标"), max_length=32, choices=Metric.choices)
    # Two decimals for 每万人发明专利拥有量 (e.g. 3.25); counts are whole numbers (values.py).
    value = models.DecimalField(_("目标值"), max_digits=12, decimal_places=2)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["year", "region", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "region", "metric"], name="target_unique_year_region_metric"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_value_not_negative"),
        ]
        verbose_name = _("目标任务")
        verbose_name_plural = _("目标任务")

    def __str__(self) -> str:
        return f"{self.year} {self.region_id} {self.get_metric_display()} {self.value}"


class Population(models.Model):
    """Resident population of one region in one year, in persons (statistical yearbooks give
    万人; the import and the staff form convert, see values.py). Never summed over
    sub-regions: a region without its own figure has none."""

    year = models.PositiveSmallIntegerField(_("年度"))
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("地区"),
        on_delete=models.PROTECT,
        related_name="populations",
    )
    population = models.PositiveIntegerField(_("人口（人）"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["year", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"], name="population_unique_region_year"
            ),
            models.CheckConstraint(condition=Q(population__gt=0), name="population_positive"),
        ]
        verbose_name = _("人口")
        verbose_name_plural = _("人口")

    def __str__(self) -> str:
        return f"{self.year} {self.region_id} {self.population}"
