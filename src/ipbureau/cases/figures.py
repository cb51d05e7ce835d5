"""Case figures of a region and period: the numbers a work report quotes ("受理专利侵权案5件，
已处理结案2起，移交1起，结案率60%").

Cases are counted in the period they were received (受理日期), in the region they belong to
and every region below it. For the cases received in the period:

* received: all of them; accepted: those filed (立案), whatever happened next;
* not_accepted, transferred, withdrawn: by closure;
* closed: every closure except transfer (decision, mediation, withdrawal, not accepted);
* pending: not finished yet;
* overdue: finished after their time limit, or unfinished with the limit passed (today);
* avg_days_to_close: mean days from receipt to closure of the closed ones;
* closure_rate_pct = (closed + transferred) / received; closed_share_pct = closed / received.

Percentages and the average have one decimal and are null when there is nothing to divide by.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ipbureau.accounts.selectors import Scope
from ipbureau.cases.models import Case, CaseState, Closure
from ipbureau.figures.errors import StatsError
from ipbureau.figures.periods import Period
from ipbureau.figures.ratios import percent, rounded
from ipbureau.regions.models import Region
from ipbureau.regions.selectors import child_regions, region_for

METRICS = (
    "received", "accepted", "not_accepted", "closed", "transferred", "withdrawn", "pending",
    "overdue", "avg_days_to_close", "closure_rate_pct", "closed_share_pct",
)  # fmt: skip
LABELS = {
    "received": "受理", "accepted": "立案", "not_accepted": "不予受理", "closed": "结案",
    "transferred": "移交", "withdrawn": "撤回", "pending": "未结", "overdue": "超期",
    "avg_days_to_close": "平均办结天数", "closure_rate_pct": "结案率(%)",
    "closed_share_pct": "结案占比(%)",
}  # fmt: skip
BREAKDOWNS = ("city", "county")
_FIELDS = ("region_id", "state", "closure", "received_on", "accepted_on", "closed_on",
           "acceptance_due", "close_due", "extended_due")  # fmt: skip


def _overdue(row: dict[str, Any], today: date) -> bool:
    close_limit = row["extended_due"] or row["close_due"]
    if row["closed_on"] is None:
        if row["state"] == CaseState.RECEIVED:
            return row["acceptance_due"] is not None and row["acceptance_due"] < today
        return close_limit is not None and close_limit < today
    if row["closure"] == Closure.NOT_ACCEPTED or row["accepted_on"] is None:
        return row["acceptance_due"] is not None and row["closed_on"] > row["acceptance_due"]
    late_filing = row["acceptance_due"] is not None and row["accepted_on"] > row["acceptance_due"]
    return late_filing or (close_limit is not None and row["closed_on"] > close_limit)


def metrics_of(rows: Iterable[dict[str, Any]], today: date) -> dict[str, Any]:
    """The metrics of some case rows (dicts with _FIELDS)."""
    counts = dict.fromkeys(METRICS[:8], 0)
    days: list[int] = []
    for row in rows:
        counts["received"] += 1
        closure = row["closure"]
        if row["accepted_on"] is not None:
            counts["accepted"] += 1
        if row["closed_on"] is None:
            counts["pending"] += 1
        elif closure == Closure.TRANSFER:
            counts["transferred"] += 1
        else:
            counts["closed"] += 1
            days.append((row["closed_on"] - row["received_on"]).days)
            if closure == Closure.NOT_ACCEPTED:
                counts["not_accepted"] += 1
            elif closure == Closure.WITHDRAWAL:
                counts["withdrawn"] += 1
        if _overdue(row, today):
            counts["overdue"] += 1
    received = counts["received"]
    return {
        **counts,
        "avg_days_to_close": rounded(Decimal(sum(days)) / len(days)) if days else None,
        "closure_rate_pct": percent(counts["closed"] + counts["transferred"], received),
        "closed_share_pct": percent(counts["closed"], received),
    }


def case_figures(
    *,
    scope: Scope,
    region_code: str | None,
    period: Period,
    by: str | None = "city",
    today: date | None = None,
) -> dict[str, Any]:
    """The envelope of `ipbureau stats`: region, period, total and one row per child region
    (every one, zeros included). Raises RegionNotFound / RegionOutOfScope / StatsError."""
    if by is not None and by not in BREAKDOWNS:
        raise StatsError(f"分组方式“{by}”无效，可用：{'、'.join(BREAKDOWNS)}、none")
    region = region_for(scope, region_code)
    today = today or timezone.localdate()
    rows = list(
        Case.objects.filter(
            Scope(prefix=region.prefix).region_q("region"),
            received_on__gte=period.start,
            received_on__lte=period.end,
        ).values(*_FIELDS)
    )
    result: dict[str, Any] = {
        "region": {"code": region.code, "name": region.name},
        "period": period.as_dict(),
        "total": metrics_of(rows, today),
        "rows": [],
    }
    if by is not None:
        children: list[Region] = child_regions(region, by, scope)
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        prefixes = {child.code: child.prefix for child in children}
        for row in rows:
            for code, prefix in prefixes.items():
                if row["region_id"].startswith(prefix):
                    grouped[code].append(row)
                    break
        result["rows"] = [
            {"code": c.code, "name": c.name, **metrics_of(grouped[c.code], today)} for c in children
        ]
    return result
