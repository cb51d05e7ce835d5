"""Month by month and type mix, for the dashboard charts."""

from collections import Counter
from datetime import date
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from ipbureau.accounts.selectors import Scope
from ipbureau.figures.errors import StatsError
from ipbureau.figures.periods import Period
from ipbureau.figures.ratios import percent
from ipbureau.patents.counts.models import Event, PatentMonthTotal
from ipbureau.patents.figures.counts import summed, tally
from ipbureau.patents.models import PatentType
from ipbureau.regions.selectors import region_for

TREND_METRICS = {"applications": Event.APPLICATION, "grants": Event.GRANT}


def monthly_trend(
    *, scope: Scope, region_code: str | None, year: int, metric: str = "applications"
) -> dict[str, list[Any]]:
    """Applications (or grants) per month of `year` and of the year before. Months of the
    current year that have not begun are None, not 0, so a chart stops at today."""
    if metric not in TREND_METRICS:
        raise StatsError(f"趋势指标“{metric}”无法识别，可用：applications、grants")
    region = region_for(scope, region_code)
    rows = (
        PatentMonthTotal.objects.filter(
            Scope(prefix=region.prefix).region_q("region"),
            event=TREND_METRICS[metric],
            month__gte=date(year - 1, 1, 1),
            month__lte=date(year, 12, 1),
        )
        .values_list("month")
        .annotate(n=Sum("count"))
        .order_by()
    )
    counts = dict(rows)
    today = timezone.localdate()

    def series(of_year: int) -> list[int | None]:
        return [
            None if date(of_year, m, 1) > today else counts.get(date(of_year, m, 1), 0)
            for m in range(1, 13)
        ]

    return {"months": list(range(1, 13)), "this_year": series(year), "last_year": series(year - 1)}


def type_mix(*, scope: Scope, region_code: str | None, period: Period) -> dict[str, Any]:
    """Applications and grants of the period by patent type, with each type's share."""
    region = region_for(scope, region_code)
    counts = tally(prefix=region.prefix, start=period.start, end=period.end, group="patent_type")
    total = summed(counts)
    rows = []
    for code, label in PatentType.choices:
        applications = counts.get(code, Counter())["applications"]
        grants = counts.get(code, Counter())["grants"]
        rows.append(
            {
                "code": code,
                "name": str(label),
                "applications": applications,
                "applications_share_pct": percent(applications, total["applications"]),
                "grants": grants,
                "grants_share_pct": percent(grants, total["grants"]),
            }
        )
    return {
        "region": {"code": region.code, "name": region.name},
        "period": period.as_dict(),
        "rows": rows,
    }
