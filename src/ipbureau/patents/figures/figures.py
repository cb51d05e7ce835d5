"""`figures`: the envelope every page, API call, command and report reads its numbers from."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ipbureau.accounts.selectors import Scope
from ipbureau.figures.errors import StatsError
from ipbureau.figures.periods import Period
from ipbureau.figures.ratios import growth_percent, percent, projected, whole_number
from ipbureau.orgs.models import Agency, OrgKind
from ipbureau.patents.figures.counts import (
    COUNT_METRICS,
    applications_in,
    summed,
    tally,
)
from ipbureau.patents.models import PatentType
from ipbureau.regions.models import Region
from ipbureau.regions.selectors import child_regions, region_for
from ipbureau.targets.selectors import targets_for

BREAKDOWNS = ("city", "county", "type", "applicant_kind", "ipc_section", "agency")
IPC_SECTION_NAMES = {
    "A": "A部 人类生活必需", "B": "B部 作业、运输", "C": "C部 化学、冶金", "D": "D部 纺织、造纸",
    "E": "E部 固定建筑物", "F": "F部 机械工程、照明、加热、武器、爆破", "G": "G部 物理",
    "H": "H部 电学", "": "无分类号",
}  # fmt: skip
PROJECTION_YEARS = 3
TOP_AGENCIES = 10


@dataclass
class Breakdown:
    group: str | None  # the tally group
    rows: list[tuple[str, str]]  # (code, name) in output order
    code_of: Callable[[Any], str | None]  # tally key -> row code
    regional: bool = False
    width: int = 6  # digits of the region code the rows are told apart by


def figures(
    *,
    scope: Scope,
    region_code: str | None,
    period: Period,
    by: str | None = "city",
    limit: int = TOP_AGENCIES,
) -> dict[str, Any]:
    """Applications and grants of a region (summed over everything below it) in a period,
    with their base, growth, the year's target, completion and a year-end projection, in
    total and by `by`: city | county (every child region in scope, also those with none),
    type, applicant_kind, ipc_section, agency (the `limit` agencies with most
    applications), or None (no rows).

    Counts are ints; percentages floats with one decimal (rounded half up) or None where
    the divisor is 0 or missing: agency_share_pct = agency_filed / applications; growth =
    (this − base) / base; completion_pct = applications / the year's applications target,
    set for regions only. projected_applications extrapolates a period that starts on
    1 January to the year's end by the share the same months had in the previous
    PROJECTION_YEARS years' applications (None without that history, or for periods not
    starting on 1 January); on_track = projected ≥ target. rank orders the rows by
    applications, ties sharing a rank; it is None in the total.

    high_value_inventions is always None here: CNIPA's definition needs data the records do
    not carry (see `valid_inventions`, which counts the part they do).

    Raises RegionNotFound, RegionOutOfScope (a PermissionDenied) and StatsError.
    """
    if by is not None and by not in BREAKDOWNS:
        raise StatsError(f"分组方式“{by}”无法识别，可用：{'、'.join(BREAKDOWNS)}")
    region = region_for(scope, region_code)
    prefix = region.prefix
    breakdown = _breakdown(region, by, scope)
    group, width = breakdown.group, breakdown.width
    now = tally(prefix=prefix, start=period.start, end=period.end, group=group, width=width)
    base = tally(
        prefix=prefix, start=period.base_start, end=period.base_end, group=group, width=width
    )
    if by == "agency":
        breakdown.rows = _top_agency_rows(now, limit)
    codes = [code for code, _ in breakdown.rows]
    targets = _targets(period, [region.code, *codes] if breakdown.regional else [region.code])
    shares = _seasonal_shares(prefix, period, breakdown)

    total = _metrics(summed(now), summed(base), period, targets.get(region.code), shares.get(None))
    now_rows, base_rows = _by_row(now, breakdown), _by_row(base, breakdown)
    rows = []
    for code, name in breakdown.rows:
        metrics = _metrics(
            now_rows.get(code, Counter()), base_rows.get(code, Counter()), period,
            targets.get(code), shares.get(code),
        )  # fmt: skip
        rows.append({"code": code, "name": name, **metrics})
    _rank(rows)
    return {
        "region": {"code": region.code, "name": region.name},
        "period": period.as_dict(),
        "total": total,
        "rows": rows,
    }


def _metrics(
    now: Counter[str],
    base: Counter[str],
    period: Period,
    target: Decimal | None,
    share: tuple[int, int] | None,
) -> dict[str, Any]:
    applications = now["applications"]
    metrics: dict[str, Any] = {name: now[name] for name in COUNT_METRICS}
    if period.whole_year:
        projection: int | None = applications
    else:
        projection = projected(applications, *share) if share else None
    metrics.update(
        agency_share_pct=percent(now["agency_filed"], applications),
        agency_filed_base=base["agency_filed"],
        agency_filed_growth_pct=growth_percent(now["agency_filed"], base["agency_filed"]),
        applications_base=base["applications"],
        applications_growth_pct=growth_percent(applications, base["applications"]),
        grants_base=base["grants"],
        grants_growth_pct=growth_percent(now["grants"], base["grants"]),
        target_applications=whole_number(target),
        completion_pct=percent(applications, target),
        projected_applications=projection,
        on_track=None if projection is None or target is None else projection >= target,
        high_value_inventions=None,
        rank=None,
    )
    return metrics


def _rank(rows: list[dict[str, Any]]) -> None:
    """Competition ranking by applications: 1, 2, 2, 4."""
    previous: dict[str, Any] | None = None
    for position, row in enumerate(sorted(rows, key=lambda r: -r["applications"]), start=1):
        tied = previous is not None and previous["applications"] == row["applications"]
        row["rank"] = previous["rank"] if tied and previous else position
        previous = row


def _breakdown(region: Region, by: str | None, scope: Scope) -> Breakdown:
    if by in ("city", "county"):
        children = child_regions(region, by, scope)
        width = len(children[0].prefix) if children else 6
        prefixes = {child.prefix: child.code for child in children}
        rows = [(child.code, child.name) for child in children]
        return Breakdown("region", rows, lambda key: prefixes.get((key or "")[:width]), True, width)
    if by == "type":
        return Breakdown("patent_type", _choices(PatentType), _same)
    if by == "applicant_kind":
        return Breakdown("applicant_kind", _choices(OrgKind), _same)
    if by == "ipc_section":
        return Breakdown("ipc_section", list(IPC_SECTION_NAMES.items()), _same)
    if by == "agency":  # rows chosen once the counts are in
        return Breakdown("agency", [], lambda key: None if key is None else str(key))
    return Breakdown(None, [], lambda key: None)


def _same(key: Any) -> str | None:
    return key


def _choices(choices: type[PatentType] | type[OrgKind]) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in choices.choices]


def _top_agency_rows(now: dict[Any, Counter[str]], limit: int) -> list[tuple[str, str]]:
    counts = {key: c["applications"] for key, c in now.items() if key is not None}
    top = sorted((key for key, n in counts.items() if n), key=lambda k: (-counts[k], k))[:limit]
    names = dict(Agency.objects.filter(pk__in=top).values_list("pk", "name"))
    return [(str(key), names.get(key, "")) for key in top]


def _by_row(tallied: dict[Any, Counter[str]], breakdown: Breakdown) -> dict[str, Counter[str]]:
    rows: dict[str, Counter[str]] = {}
    for key, counter in tallied.items():
        code = breakdown.code_of(key)
        if code is not None:
            rows.setdefault(code, Counter()).update(counter)
    return rows


def _targets(period: Period, codes: list[str]) -> dict[str, Decimal]:
    """The year's applications targets; none for a cumulative period, which spans years."""
    if period.is_cumulative:
        return {}
    return targets_for(year=period.year, metric="applications", region_codes=codes)


def _seasonal_shares(
    prefix: str, period: Period, breakdown: Breakdown
) -> dict[str | None, tuple[int, int]]:
    """Per row code (None: the total): applications of the previous years in the same
    part of the year, and in the whole of those years."""
    if not period.from_new_year or period.whole_year or breakdown.group == "agency":
        return {}
    years = range(period.year - PROJECTION_YEARS, period.year)
    same_part = [(date(year, 1, 1), _same_day(year, period.end)) for year in years]
    whole = [(date(years[0], 1, 1), date(years[-1], 12, 31))]
    parts: Counter[str | None] = Counter()
    wholes: Counter[str | None] = Counter()
    for counter, ranges in ((parts, same_part), (wholes, whole)):
        found = applications_in(
            prefix=prefix, ranges=ranges, group=breakdown.group, width=breakdown.width
        )
        for key, n in found.items():
            for code in _codes(key, breakdown):
                counter[code] += n
    return {code: (parts[code], wholes[code]) for code in wholes}


def _codes(key: Any, breakdown: Breakdown) -> tuple[str | None, ...]:
    """The total (None) and, when the key belongs to a row, that row's code."""
    code = breakdown.code_of(key) if breakdown.group else None
    return (None,) if code is None else (None, code)


def _same_day(year: int, day: date) -> date:
    if day.month == 2 and day.day == 29:
        return date(year, 2, 28)
    return day.replace(year=year)
