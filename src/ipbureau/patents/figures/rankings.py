"""Top applicants and agencies of a region in a period.

A whole calendar year is one read of PartyYearCount (kept per region at every level, ordered
by applications in its index). A part of one year (a quarter, H1, a year-to-date) cannot be
more than the year, so the year's leaders are candidates: their exact counts in the period
come from PartyMonthCount (whole months) and the records (the leftover days), and the list
is final once its last entry has more applications than the year of anyone not yet
counted; otherwise more candidates are taken. Periods over several years (cumulative),
regions outside the home province (the party summaries keep only its patents) and lists the
candidates cannot settle are counted from the records.
"""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from ipbureau.accounts.selectors import Scope
from ipbureau.figures.periods import Period
from ipbureau.figures.ratios import percent
from ipbureau.orgs.models import Agency, Organization
from ipbureau.patents.counts.models import Party, PartyMonthCount, PartyYearCount, party_counted
from ipbureau.patents.figures.counts import patents_dated, split_months, summed, tally
from ipbureau.patents.models import Patent, PatentType
from ipbureau.regions.models import Region
from ipbureau.regions.selectors import region_for

LIMIT_MAX = 100
CANDIDATES_MAX = 5_000  # beyond this many candidates, count from the records instead
COLUMN: dict[str, str] = {Party.APPLICANT: "first_applicant_id", Party.AGENCY: "agency_id"}
Row = tuple[int, int, int, int]  # (id, applications, invention applications, grants)


def top_applicants(
    *, scope: Scope, region_code: str | None, period: Period, limit: int = 10
) -> dict[str, Any]:
    """Applicants with most applications filed in the period, counted by first applicant
    (the applicant that also decides a patent's region and applicant kind), with the grants
    announced to them in the same period."""
    region = region_for(scope, region_code)
    top = _top(region, period, Party.APPLICANT, limit)
    orgs = Organization.objects.in_bulk([key for key, *_ in top])
    rows = [
        {
            "id": key,
            "name": orgs[key].name,
            "kind": orgs[key].kind,
            "kind_name": orgs[key].get_kind_display(),
            "applications": n,
            "invention_applications": inventions,
            "grants": grants,
        }
        for key, n, inventions, grants in top
    ]
    return _envelope(region, period, rows)


def top_agencies(
    *, scope: Scope, region_code: str | None, period: Period, limit: int = 10
) -> dict[str, Any]:
    """Agencies with most applications filed through them in the period, and their share
    of all applications filed through an agency (代理量) there."""
    region = region_for(scope, region_code)
    # 代理量: the same count as the figures' agency_filed (the summary tables).
    through_agency = summed(tally(prefix=region.prefix, start=period.start, end=period.end))[
        "agency_filed"
    ]
    top = [row[:3] for row in _top(region, period, Party.AGENCY, limit)]
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


def _top(region: Region, period: Period, party: str, limit: int) -> list[Row]:
    """The `limit` parties with most applications in the period, ties by id."""
    limit = max(1, min(limit, LIMIT_MAX))
    start, end = period.start, period.end
    if start.year != end.year or not party_counted(region.code):
        return _top_from_records(region, period, COLUMN[party], limit)
    year_rows = PartyYearCount.objects.filter(
        region_code=region.code, party=party, year=start.year, applications__gt=0
    ).order_by("-applications", "party_id")
    fields = ("party_id", "applications", "invention_applications", "grants")
    if start == date(start.year, 1, 1) and end == date(start.year, 12, 31):
        return list(year_rows.values_list(*fields)[:limit])
    counted: dict[int, Row] = {}
    wanted = limit * 5
    while wanted <= CANDIDATES_MAX:
        ranked = list(year_rows.values_list("party_id", "applications")[:wanted])
        fresh = [key for key, _ in ranked if key not in counted]
        counted.update(_counts_in_period(region, period, party, fresh))
        top = sorted((r for r in counted.values() if r[1]), key=lambda r: (-r[1], r[0]))[:limit]
        if len(ranked) < wanted:  # every party with an application that year is counted
            return top
        # Anyone not counted had at most ranked[-1] applications in the whole year.
        if len(top) == limit and top[-1][1] > ranked[-1][1]:
            return top
        wanted *= 4
    return _top_from_records(region, period, COLUMN[party], limit)


def _counts_in_period(region: Region, period: Period, party: str, keys: list[int]) -> dict:
    """Exact (id, applications, inventions, grants) in the period of these parties: whole
    months from PartyMonthCount, the days outside whole months from the records (through
    the covering date indexes: the index alone, a few days of it, only these parties)."""
    if not keys:
        return {}
    totals = {key: [0, 0, 0] for key in keys}
    months, days = split_months(period.start, period.end)
    if months:
        rows = (
            PartyMonthCount.objects.filter(
                Scope(prefix=region.prefix).region_q("region"),
                party=party,
                party_id__in=keys,
                month__gte=months[0],
                month__lte=months[1],
            )
            .values_list("party_id")
            .annotate(Sum("applications"), Sum("invention_applications"), Sum("grants"))
            .order_by()
        )
        for key, *values in rows:
            totals[key] = [a + b for a, b in zip(totals[key], values, strict=True)]
    if days:
        column = COLUMN[party]
        filed = (
            _of_parties(patents_dated(region.prefix, "filing_date", days), column, keys)
            .values_list(column)
            .annotate(n=Count("*"), inventions=Count("patent_type", filter=_invention()))
            .order_by()
        )
        for key, n, inventions in filed:
            totals[key][0] += n
            totals[key][1] += inventions
        if party == Party.APPLICANT:  # agencies' lists show no grants
            granted = (
                _of_parties(patents_dated(region.prefix, "grant_date", days), column, keys)
                .values_list(column)
                .annotate(n=Count("*"))
                .order_by()
            )
            for key, n in granted:
                totals[key][2] += n
    return {key: (key, *values) for key, values in totals.items()}


def _of_parties(patents: QuerySet[Patent], column: str, keys: list[int]) -> QuerySet[Patent]:
    """Patents of these parties, on COALESCE(column, 0) rather than the column: on the
    column, SQLite reads every patent the parties ever filed through its own index, where
    the date index finds the few days asked for."""
    return patents.annotate(party_key=Coalesce(column, Value(0))).filter(party_key__in=keys)


def _invention() -> Q:
    return Q(patent_type=PatentType.INVENTION)


def _top_from_records(region: Region, period: Period, field: str, limit: int) -> list[Row]:
    filed = patents_dated(region.prefix, "filing_date", [(period.start, period.end)])
    rows = list(
        filed.filter(**{f"{field}__isnull": False})
        .values_list(field)
        .annotate(n=Count("*"), inventions=Count("patent_type", filter=_invention()))
        .order_by("-n", field)[:limit]
    )
    grants = _grants(region, period, field, [key for key, _, _ in rows])
    return [(key, n, inventions, grants.get(key, 0)) for key, n, inventions in rows]


def _grants(region: Region, period: Period, field: str, keys: list[int]) -> dict[int, int]:
    rows = (
        patents_dated(region.prefix, "grant_date", [(period.start, period.end)])
        .filter(**{f"{field}__in": keys})
        .values_list(field)
        .annotate(n=Count("*"))
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
