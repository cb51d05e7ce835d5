"""Top applicants and agencies of a region in a period, read from the records (the summary
table does not keep who filed)."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from ipbureau.accounts.selectors import Scope
from ipbureau.orgs.models import Agency, Organization
from ipbureau.patents.models import Patent, PatentType
from ipbureau.regions.models import Region
from ipbureau.stats.periods import Period
from ipbureau.stats.ratios import percent
from ipbureau.stats.selectors.counts import patents_dated
from ipbureau.stats.selectors.regions import region_for

LIMIT_MAX = 100


def top_applicants(
    *, scope: Scope, region_code: str | None, period: Period, limit: int = 10
) -> dict[str, Any]:
    """Applicants with most applications filed in the period, counted by first applicant
    (the applicant that also decides a patent's region and applicant kind), with the grants
    announced to them in the same period."""
    region, filed = _filed(scope, region_code, period)
    top = _top(filed, "first_applicant_id", limit)
    orgs = Organization.objects.in_bulk([key for key, _, _ in top])
    grants = _grants(region, period, "first_applicant_id", [key for key, _, _ in top])
    rows = [
        {
            "id": key,
            "name": orgs[key].name,
            "kind": orgs[key].kind,
            "kind_name": orgs[key].get_kind_display(),
            "applications": n,
            "invention_applications": inventions,
            "grants": grants.get(key, 0),
        }
        for key, n, inventions in top
    ]
    return _envelope(region, period, rows)


def top_agencies(
    *, scope: Scope, region_code: str | None, period: Period, limit: int = 10
) -> dict[str, Any]:
    """Agencies with most applications filed through them in the period, and their share
    of all applications filed through an agency (代理量) there."""
    region, filed = _filed(scope, region_code, period)
    through_agency = filed.filter(agency__isnull=False).count()
    top = _top(filed, "agency_id", limit)
    names = dict(Agency.objects.filter(pk__in=[k for k, _, _ in top]).values_list("pk", "name"))
    rows = [
        {
            "id": key,
            "name": names.get(key, ""),
            "applications": n,
            "invention_applications": inventions,
            "share_pct": percent(n, through_agency),
        }
        for key, n, inventions in top
    ]
    return _envelope(region, period, rows)


def _filed(
    scope: Scope, region_code: str | None, period: Period
) -> tuple[Region, QuerySet[Patent]]:
    region = region_for(scope, region_code)
    return region, patents_dated(region.prefix, "filing_date", [(period.start, period.end)])


def _top(filed: QuerySet[Patent], field: str, limit: int) -> list[tuple[int, int, int]]:
    """(id, applications, invention applications), most applications first, ties by id."""
    limit = max(1, min(limit, LIMIT_MAX))
    rows = (
        filed.filter(**{f"{field}__isnull": False})
        .values_list(field)
        .annotate(
            n=Count("id"),
            inventions=Count("id", filter=Q(patent_type=PatentType.INVENTION)),
        )
        .order_by("-n", field)[:limit]
    )
    return list(rows)


def _grants(region: Region, period: Period, field: str, keys: list[int]) -> dict[int, int]:
    rows = (
        patents_dated(region.prefix, "grant_date", [(period.start, period.end)])
        .filter(**{f"{field}__in": keys})
        .values_list(field)
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def _envelope(region: Region, period: Period, rows: list[dict[str, Any]]) -> dict[str, Any]:
    # Rows come sorted by applications; equal counts share a rank (1, 2, 2, 4).
    for position, row in enumerate(rows, start=1):
        tied = position > 1 and rows[position - 2]["applications"] == row["applications"]
        row["rank"] = rows[position - 2]["rank"] if tied else position
    return {
        "region": {"code": region.code, "name": region.name},
        "period": period.as_dict(),
        "rows": rows,
    }
