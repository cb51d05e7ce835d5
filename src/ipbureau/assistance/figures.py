"""Assistance figures of a region and period: requests by channel and kind, consultations
answered, referrals to cases, hours to first response and to closure, satisfaction. The
same envelope as the patent statistics (region, period, total, rows), fed to the API and
the command alike. Requests count in the period they were received (local date)."""

from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal
from statistics import mean, median
from typing import Any

from django.utils import timezone

from ipbureau.accounts.selectors import Scope
from ipbureau.assistance.models import AssistanceRequest, Channel, Kind, State
from ipbureau.figures.periods import Period
from ipbureau.figures.ratios import TWO_DECIMALS, percent, rounded
from ipbureau.regions.models import Region
from ipbureau.regions.selectors import child_regions, region_for

METRICS = (
    "received",
    *(f"channel_{c}" for c in Channel.values),
    *(f"kind_{k}" for k in Kind.values),
    "consultations_answered",
    "answered",
    "assigned_to_experts",
    "referred_to_cases",
    "closed",
    "open",
    "closed_share_pct",
    "avg_hours_to_first_response",
    "median_hours_to_first_response",
    "avg_hours_to_close",
    "median_hours_to_close",
    "satisfaction_avg",
    "satisfaction_count",
)
FIXED_LABELS = {
    "received": "受理",
    "consultations_answered": "咨询已答复",
    "answered": "已答复",
    "assigned_to_experts": "指派专家",
    "referred_to_cases": "转为案件",
    "closed": "办结",
    "open": "未办结",
    "closed_share_pct": "办结率(%)",
    "avg_hours_to_first_response": "平均首次答复(小时)",
    "median_hours_to_first_response": "首次答复中位数(小时)",
    "avg_hours_to_close": "平均办结(小时)",
    "median_hours_to_close": "办结中位数(小时)",
    "satisfaction_avg": "平均满意度",
    "satisfaction_count": "满意度评价数",
}


def metric_labels() -> dict[str, str]:
    """Column labels; the channel and kind names come from the models' choices (translated
    when asked, not at import)."""
    return {
        **FIXED_LABELS,
        **{f"channel_{c.value}": str(c.label) for c in Channel},
        **{f"kind_{k.value}": str(k.label) for k in Kind},
    }


def _bounds(period: Period) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(period.start, time.min, tzinfo=tz)
    end = datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


def _hours(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else (end - start).total_seconds() / 3600


def _one(value: float | None) -> float | None:
    return None if value is None else rounded(Decimal(repr(value)))


def _metrics(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"received": len(rows)}
    for c in Channel.values:
        out[f"channel_{c}"] = sum(1 for r in rows if r["channel"] == c)
    for k in Kind.values:
        out[f"kind_{k}"] = sum(1 for r in rows if r["kind"] == k)
    consultations = [r for r in rows if r["kind"] == Kind.CONSULTATION]
    out["consultations_answered"] = sum(1 for r in consultations if r["first_response_at"])
    out["answered"] = sum(1 for r in rows if r["first_response_at"])
    out["assigned_to_experts"] = sum(1 for r in rows if r["assigned_expert_id"])
    out["referred_to_cases"] = sum(1 for r in rows if r["case_id"])
    out["closed"] = sum(1 for r in rows if r["state"] == State.CLOSED)
    out["open"] = len(rows) - out["closed"]
    out["closed_share_pct"] = percent(out["closed"], len(rows))
    first = [h for r in rows if (h := _hours(r["received_at"], r["first_response_at"])) is not None]
    close = [h for r in rows if (h := _hours(r["received_at"], r["closed_at"])) is not None]
    out["avg_hours_to_first_response"] = _one(mean(first)) if first else None
    out["median_hours_to_first_response"] = _one(median(first)) if first else None
    out["avg_hours_to_close"] = _one(mean(close)) if close else None
    out["median_hours_to_close"] = _one(median(close)) if close else None
    marks = [r["satisfaction"] for r in rows if r["satisfaction"] is not None]
    out["satisfaction_avg"] = rounded(Decimal(repr(mean(marks))), TWO_DECIMALS) if marks else None
    out["satisfaction_count"] = len(marks)
    return out


FIELDS = (
    "region_id", "channel", "kind", "state", "received_at", "first_response_at", "closed_at",
    "satisfaction", "assigned_expert_id", "case_id",
)  # fmt: skip


def assistance_figures(
    *, scope: Scope, region_code: str | None, period: Period, by: str | None = "city"
) -> dict[str, Any]:
    """Figures of a region (with everything below it) for requests received in `period`;
    rows per child region in scope ("city": next level down) or none (`by=None`).

    Hours are floats with one decimal; satisfaction_avg has two; None where there is
    nothing to average. closed_share_pct = closed / received.

    Raises RegionNotFound and RegionOutOfScope (a PermissionDenied), like `figures`."""
    region = region_for(scope, region_code)
    start, end = _bounds(period)
    records = list(
        AssistanceRequest.objects.filter(
            Scope(prefix=region.prefix).region_q("region"),
            received_at__gte=start,
            received_at__lt=end,
        ).values(*FIELDS)
    )
    rows = []
    if by is not None:
        children: list[Region] = child_regions(region, "city", scope)
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        width = len(children[0].prefix) if children else 0
        for record in records:
            grouped[record["region_id"][:width]].append(record)
        rows = [{"code": c.code, "name": c.name, **_metrics(grouped[c.prefix])} for c in children]
    return {
        "region": {"code": region.code, "name": region.name},
        "period": period.as_dict(),
        "total": _metrics(records),
        "rows": rows,
    }
