"""Keeping the summary tables equal to the patent records.

A summary row belongs to one (region, month) bucket. Whoever changes patents passes the
buckets the change touched, for the old values and the new: (region, filing month) and
(region, grant month) of each changed patent. `patent_counts_refresh` deletes those buckets'
rows and aggregates them again from the records, inside the caller's transaction, so the
tables never disagree with the records a reader can see. Refreshing a bucket that did not
change is harmless, only slower.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import date
from itertools import islice

from django.db import connection, transaction
from django.db.models import BooleanField, Count, Model, Q, QuerySet, Value
from django.db.models.expressions import ExpressionWrapper
from django.db.models.functions import Coalesce, Substr, TruncMonth, Upper
from django.utils import timezone

from ipbureau.orgs.models import OrgKind
from ipbureau.patents.models import Patent
from ipbureau.stats.models import (
    KEY_FIELDS,
    TOTAL_KEY_FIELDS,
    Event,
    PatentMonthCount,
    PatentMonthTotal,
    SummaryState,
)
from ipbureau.stats.periods import month_start, next_month

Bucket = tuple[str | None, date]  # (region code or None, first day of the month)
# Buckets refreshed per pair of GROUP BY queries. Sorted by month first, so one batch covers
# few months and the regions filed in them.
BATCH = 500
IPC_SECTIONS = "ABCDEFGH"
DATE_FIELD = {Event.APPLICATION: "filing_date", Event.GRANT: "grant_date"}


def patent_buckets(
    *, region_id: str | None, filing_date: date | None, grant_date: date | None
) -> set[Bucket]:
    """The buckets one patent's values fall in. Call it with the values before and after a
    change and pass the union to `patent_counts_refresh`."""
    return {(region_id, month_start(day)) for day in (filing_date, grant_date) if day}


def patent_buckets_of(patents: QuerySet[Patent]) -> set[Bucket]:
    """The buckets of a set of patents as stored now, e.g. before and after changing the kind
    of their first applicant."""
    buckets: set[Bucket] = set()
    for region_id, filed, granted in patents.values_list("region_id", "filing_date", "grant_date"):
        buckets |= patent_buckets(region_id=region_id, filing_date=filed, grant_date=granted)
    return buckets


@transaction.atomic(savepoint=False)
def patent_counts_refresh(*, buckets: Iterable[Bucket]) -> None:
    """Recompute the summary rows of exactly these (region, month) buckets, both events."""
    # Any day of the month names its month; the table keys months by their first day.
    keys = {(region, month_start(day)) for region, day in buckets}
    if not keys:
        return
    _lock()
    ordered = iter(sorted(keys, key=lambda b: (b[1], b[0] or "")))
    while batch := list(islice(ordered, BATCH)):
        regions = {region for region, _ in batch}
        months = sorted({month for _, month in batch})
        # The batch is refreshed as the rectangle regions × months: a superset of the
        # buckets asked for, and each bucket in it is recomputed whole, so still exact.
        region_q = _region_q(regions)
        for model in (PatentMonthCount, PatentMonthTotal):
            model.objects.filter(region_q, month__in=months).delete()
        # The region condition on COALESCE(region_id, ''), not on the column: the date
        # index then drives (the batch's months), where the region index would walk every
        # patent those regions ever filed. '' stands for the unplaced.
        codes = [region or "" for region in regions]
        in_regions = Patent.objects.annotate(region_code=Coalesce("region_id", Value("")))
        in_regions = in_regions.filter(region_code__in=codes)
        counts: Counter[tuple] = Counter()
        for event, field in DATE_FIELD.items():
            patents = in_regions.filter(_month_ranges_q(field, months))
            counts.update(_aggregate(patents, event))
        _insert(counts)


@transaction.atomic
def patent_counts_rebuild() -> int:
    """Recompute the summary tables from the records; returns the number of detailed rows."""
    _lock()
    for model in (PatentMonthCount, PatentMonthTotal):
        model.objects.all().delete()
    counts: Counter[tuple] = Counter()
    for event in DATE_FIELD:
        counts.update(_aggregate(Patent.objects.all(), event))
    _insert(counts)
    return len(counts)


def _lock() -> None:
    """Take the summary's row lock until the caller's transaction ends (see SummaryState)."""
    name, now = SummaryState.PATENT_MONTH_COUNT, timezone.now()
    if not SummaryState.objects.filter(name=name).update(updated_at=now):
        # The row is made by the migration; a flushed test database has lost it.
        SummaryState.objects.get_or_create(name=name, defaults={"updated_at": now})
        SummaryState.objects.filter(name=name).update(updated_at=now)


def _aggregate(patents: QuerySet[Patent], event: str) -> Counter[tuple]:
    """One GROUP BY over `patents` for one event; keys in KEY_FIELDS order."""
    field = DATE_FIELD[event]
    rows = (
        patents.filter(**{f"{field}__isnull": False})
        .annotate(
            m=TruncMonth(field),
            kind=Coalesce("first_applicant__kind", Value(OrgKind.UNKNOWN.value)),
            letter=Upper(Substr("ipc_main", 1, 1)),
            agency_filed=ExpressionWrapper(Q(agency__isnull=False), output_field=BooleanField()),
        )
        .values_list("region_id", "m", "patent_type", "is_pct", "agency_filed", "kind", "letter")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: Counter[tuple] = Counter()
    for region_id, month, patent_type, is_pct, agency, kind, letter, n in rows:
        # Several raw letters (digits, I–Z typed by mistake, none) fold into "".
        section = letter if letter and letter in IPC_SECTIONS else ""
        counts[
            (month, region_id, event, patent_type, bool(is_pct), bool(agency), kind, section)
        ] += n
    return counts


def _insert(counts: Counter[tuple]) -> None:
    """Both grains from the one aggregate. One executemany per table: bulk_create would
    build a model instance per row and, on SQLite, split the rows into statements of under
    1,000 parameters, several times slower."""
    totals: Counter[tuple] = Counter()
    width = len(TOTAL_KEY_FIELDS)
    for key, n in counts.items():
        totals[key[:width]] += n
    _executemany(PatentMonthCount, KEY_FIELDS, counts)
    _executemany(PatentMonthTotal, TOTAL_KEY_FIELDS, totals)


def _executemany(model: type[Model], fields: tuple[str, ...], counts: Counter[tuple]) -> None:
    if not counts:
        return
    meta = model._meta
    columns = [meta.get_field(name).column for name in (*fields, "count")]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*key, n) for key, n in counts.items()])


def _region_q(regions: set[str | None]) -> Q:
    codes = [code for code in regions if code is not None]
    q = Q(region_id__in=codes) if codes else Q(pk__in=[])
    if None in regions:
        q |= Q(region__isnull=True)
    return q


def _month_ranges_q(field: str, months: list[date]) -> Q:
    """`field` within any of the months, consecutive months merged into one range."""
    ranges: list[list[date]] = []
    for month in months:
        if ranges and ranges[-1][1] == month:
            ranges[-1][1] = next_month(month)
        else:
            ranges.append([month, next_month(month)])
    q = Q(pk__in=[])
    for first, after in ranges:
        q |= Q(**{f"{field}__gte": first, f"{field}__lt": after})
    return q
