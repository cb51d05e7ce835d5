"""Counting patents in a region subtree and date ranges, grouped by one attribute.

Whole years and months come from the summary tables (PatentYearTotal, PatentMonthTotal, or
PatentMonthCount for the breakdowns only it keeps). The days of a month that a range covers
only in part (the current month of a year-to-date, a period cut off by `until`) come from
PatentDayCount in total and by region, and from the patent records, through their covering
(date, region, ...) indexes, for the other breakdowns; so does the agency breakdown, which
the summaries do not keep. Each call makes one query per table it needs, whatever the
number of ranges.

A tally maps a group key to a Counter of the count metrics below.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta

from django.db.models import BooleanField, Count, F, Model, Q, QuerySet, Sum, Value
from django.db.models.expressions import Combinable, ExpressionWrapper
from django.db.models.functions import Coalesce, Substr, Upper

from ipbureau.accounts.selectors import Scope
from ipbureau.figures.periods import month_end, month_start, next_month
from ipbureau.orgs.models import OrgKind
from ipbureau.patents.counts.models import (
    DAY_METRICS,
    IPC_SECTIONS,
    Event,
    PatentDayCount,
    PatentMonthCount,
    PatentMonthTotal,
    PatentYearTotal,
    SummaryState,
)
from ipbureau.patents.models import Patent

COUNT_METRICS = (
    "applications", "invention_applications", "utility_applications", "design_applications",
    "grants", "invention_grants", "utility_grants", "design_grants", "pct_applications",
    "agency_filed",
)  # fmt: skip

# Group name -> (summary table field, patent record expression). None: not in the summary.
GROUPS: dict[str, tuple[str | None, Combinable]] = {
    "region": ("region_id", F("region_id")),
    "patent_type": ("patent_type", F("patent_type")),
    "applicant_kind": (
        "applicant_kind",
        Coalesce("first_applicant__kind", Value(OrgKind.UNKNOWN.value)),
    ),
    "ipc_section": ("ipc_section", Upper(Substr("ipc_main", 1, 1))),
    "agency": (None, F("agency_id")),
}
# Up to this many days, months or years are asked for one by one (see _dated_in_region).
IN_LIST_MAX = 100
DATE_FIELD = {Event.APPLICATION: "filing_date", Event.GRANT: "grant_date"}
BOTH = (Event.APPLICATION, Event.GRANT)

Range = tuple[date, date]
Tally = dict[object, Counter[str]]


def tally(
    *, prefix: str | None, start: date, end: date, group: str | None = None, width: int = 6
) -> Tally:
    """Counts of patents whose region lies under `prefix` (None: everywhere, unplaced
    included), filed or granted within [start, end], by `group`. Grouped by region, the
    keys are the first `width` digits of the codes (4: cities), so that the database, not
    Python, adds up the counties."""
    return _tally(prefix, [(start, end)] if start <= end else [], group, BOTH, width)


def applications_in(
    *, prefix: str | None, ranges: Iterable[Range], group: str | None = None, width: int = 6
) -> Counter[object]:
    """Applications per group key filed within any of the (disjoint) ranges."""
    tallied = _tally(prefix, list(ranges), group, (Event.APPLICATION,), width)
    return Counter({key: counter["applications"] for key, counter in tallied.items()})


def summed(tallied: Tally) -> Counter[str]:
    total: Counter[str] = Counter()
    for counter in tallied.values():
        total.update(counter)
    return total


def summary_updated_at() -> datetime | None:
    """When the summary last changed (an import, an edit, a rebuild): "数据更新于" on a page."""
    state = SummaryState.objects.filter(name=SummaryState.PATENT_MONTH_COUNT).first()
    return state.updated_at if state else None


def patents_dated(prefix: str | None, field: str, ranges: Iterable[Range]) -> QuerySet[Patent]:
    """Patents of a region subtree whose `field` (filing_date, grant_date) lies in one of
    the ranges (see `_dated_in_region` for how the two conditions are put)."""
    return _dated_in_region(Patent.objects.all(), field, list(ranges), prefix, _days)


def split_months(start: date, end: date) -> tuple[Range | None, list[Range]]:
    """[start, end] as a range of whole months (first days of the first and the last month)
    plus the leftover days at either end."""
    first = start if start.day == 1 else next_month(start)
    last = month_start(end if end == month_end(end) else month_start(end) - timedelta(days=1))
    if first > last:
        return None, [(start, end)]
    partial = []
    if start < first:
        partial.append((start, first - timedelta(days=1)))
    if month_end(last) < end:
        partial.append((next_month(last), end))
    return (first, last), partial


def _tally(
    prefix: str | None, ranges: list[Range], group: str | None, events: tuple, width: int
) -> Tally:
    result: Tally = {}
    summary_field = GROUPS[group][0] if group else ""
    months: list[Range] = []
    days: list[Range] = []
    for start, end in ranges:
        if summary_field is None:  # not in the summary: the records for all of it
            days.append((start, end))
            continue
        full, partial = split_months(start, end)
        months += [full] if full else []
        days += partial
    if months and summary_field is not None:
        for key, *values in _summary_rows(prefix, months, summary_field, events, width):
            _add(result, key, *values)
    if days and group in (None, "region"):
        _add_days(result, prefix, days, group, events, width)
    elif days:
        for event in events:
            for key, *values in _records(prefix, DATE_FIELD[event], days, group, width):
                _add(result, key, event, *values)
    return result


def _add_days(
    result: Tally, prefix: str | None, days: list[Range], group: str | None, events: tuple,
    width: int,
) -> None:  # fmt: skip
    """The days from PatentDayCount (one row per region and day, metrics as columns)."""
    columns = [name for event in events for name in DAY_METRICS[event]]
    qs = _dated_in_region(PatentDayCount.objects.all(), "day", days, prefix, _days)
    sums = {name: Sum(name) for name in columns}
    if group:
        qs = qs.annotate(key=_region_key(F("region_id"), width)).values("key")
        rows = [(row["key"], row) for row in qs.annotate(**sums).order_by()]
    else:
        rows = [(None, qs.aggregate(**sums))]
    for key, row in rows:
        counter = result.setdefault(key, Counter())
        for name in columns:
            counter[name] += row[name] or 0


def _summary_rows(
    prefix: str | None, months: list[Range], field: str, events: tuple, width: int
) -> Iterator[tuple]:
    if field in ("applicant_kind", "ipc_section"):
        yield from _summary_query(PatentMonthCount, "month", prefix, months, field, events, width)
        return
    # Whole calendar years from PatentYearTotal, the months left over from PatentMonthTotal.
    years: list[tuple[int, int]] = []
    rest: list[Range] = []
    for first, last in months:
        whole_from = first.year if first.month == 1 else first.year + 1
        whole_to = last.year if last.month == 12 else last.year - 1
        if whole_from > whole_to:
            rest.append((first, last))
            continue
        years.append((whole_from, whole_to))
        if first.year < whole_from:
            rest.append((first, date(first.year, 12, 1)))
        if last.year > whole_to:
            rest.append((date(last.year, 1, 1), last))
    if years:
        yield from _summary_query(PatentYearTotal, "year", prefix, years, field, events, width)
    if rest:
        yield from _summary_query(PatentMonthTotal, "month", prefix, rest, field, events, width)


def _summary_query(
    model: type[Model],
    grain: str,
    prefix: str | None,
    ranges: list[tuple],
    field: str,
    events: tuple,
    width: int,
) -> Iterator[tuple]:
    steps = _months if grain == "month" else _years
    qs = _dated_in_region(model._default_manager.all(), grain, ranges, prefix, steps)
    if len(events) == 1:
        qs = qs.filter(event=events[0])
    fields = ["event", "patent_type", "is_pct", "agency_filed"]
    if field:
        qs = qs.annotate(key=_region_key(F(field), width) if field == "region_id" else F(field))
        fields.insert(0, "key")
    for row in qs.values_list(*fields).annotate(n=Sum("count")).order_by():
        yield (row[0] if field else None, *row[-5:])


def _records(prefix: str | None, field: str, days: list[Range], group: str | None, width: int):
    qs = patents_dated(prefix, field, days).annotate(
        agency_filed=ExpressionWrapper(Q(agency__isnull=False), output_field=BooleanField())
    )
    fields = ["patent_type", "is_pct", "agency_filed"]
    if group:
        expression = GROUPS[group][1]
        qs = qs.annotate(key=_region_key(expression, width) if group == "region" else expression)
        fields.insert(0, "key")
    for row in qs.values_list(*fields).annotate(n=Count("*")).order_by():
        key = row[0] if group else None
        if group == "ipc_section":
            key = key if key and key in IPC_SECTIONS else ""
        yield (key, *row[-4:])


def _dated_in_region(
    qs: QuerySet, field: str, ranges: list, prefix: str | None, steps: Callable
) -> QuerySet:
    """Rows of `qs` whose date (or year) `field` lies in one of the ranges, in a region
    subtree (prefix None: everywhere, unplaced included). Every table read this way has an
    index that starts (field, region).

    A short period is listed value by value (`field` IN (...)), so that the index is sought
    once per day or month, each time with the region range: only the subtree's entries are
    read. A long one is put as ranges, and the region condition on COALESCE(region, ''),
    not the column: with a range on both columns SQLite would walk the region's index
    through every date there is, where the date range alone reads the dates asked for."""
    values = [value for first, last in ranges for value in steps(first, last, IN_LIST_MAX + 1)]
    if len(values) <= IN_LIST_MAX:
        qs = qs.filter(**{f"{field}__in": values})
        return qs if prefix is None else qs.filter(Scope(prefix=prefix).region_q("region"))
    within = Q(pk__in=[])
    for first, last in ranges:
        within |= Q(**{f"{field}__gte": first, f"{field}__lte": last})
    qs = qs.filter(within)
    if prefix is None:
        return qs
    qs = qs.annotate(region_code=Coalesce("region_id", Value("")))
    return qs.filter(Scope(prefix=prefix).region_q("region_code"))


def _days(first: date, last: date, most: int) -> list[date]:
    count = min((last - first).days + 1, most)
    return [first + timedelta(days=n) for n in range(max(count, 0))]


def _months(first: date, last: date, most: int) -> list[date]:
    months: list[date] = []
    while first <= last and len(months) < most:
        months.append(first)
        first = next_month(first)
    return months


def _years(first: int, last: int, most: int) -> list[int]:
    return list(range(first, min(last, first + most - 1) + 1))


def _region_key(code: Combinable, width: int) -> Combinable:
    return code if width >= 6 else Substr(code, 1, width)


def _add(
    result: Tally, key: object, event: str, patent_type: str, is_pct: bool, agency: bool, n: int
) -> None:
    counter = result.setdefault(key, Counter())
    if event == Event.APPLICATION:
        counter["applications"] += n
        counter[f"{patent_type}_applications"] += n
        if is_pct:
            counter["pct_applications"] += n
        if agency:
            counter["agency_filed"] += n
    else:
        counter["grants"] += n
        counter[f"{patent_type}_grants"] += n
