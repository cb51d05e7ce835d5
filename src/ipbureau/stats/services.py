"""Keeping the summary tables equal to the patent records.

A summary row belongs to one (region, month) bucket. Whoever changes patents passes the
buckets the change touched, for the old values and the new: (region, filing month) and
(region, grant month) of each changed patent. `patent_counts_refresh` deletes those buckets'
rows and aggregates them again from the records, inside the caller's transaction, so the
tables never disagree with the records a reader can see. Refreshing a bucket that did not
change is harmless, only slower.
"""

from collections.abc import Callable, Iterable
from datetime import date
from itertools import islice

from django.db import connection, transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.patents.models import Patent, PatentType
from ipbureau.stats.models import (
    KEY_FIELDS,
    PARTY_COUNTS,
    TOTAL_KEY_FIELDS,
    YEAR_KEY_FIELDS,
    Event,
    Party,
    PartyMonthCount,
    PartyYearCount,
    PatentDayCount,
    PatentMonthCount,
    PatentMonthTotal,
    PatentYearTotal,
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
        years = sorted({month.year for month in months})
        for model in (PatentMonthCount, PatentMonthTotal):
            model.objects.filter(region_q, month__in=months).delete()
        PatentYearTotal.objects.filter(region_q, year__in=years).delete()
        PatentDayCount.objects.filter(region_q, _month_ranges_q("day", months)).delete()
        # '' stands for the unplaced (COALESCE, see _rectangle).
        codes = [region or "" for region in regions]
        rectangle = _rectangle(codes, months)
        whole_years = _rectangle(codes, [date(y, m, 1) for y in years for m in range(1, 13)])
        with connection.cursor() as cursor:
            _month_count_insert(cursor, rectangle)
            _rollup(cursor, PatentMonthCount, PatentMonthTotal, TOTAL_KEY_FIELDS, rectangle)
            _rollup(cursor, PatentMonthTotal, PatentYearTotal, YEAR_KEY_FIELDS, whole_years)
            _day_count_insert(cursor, rectangle)
        _party_refresh([code for code in regions if code is not None], months)


@transaction.atomic
def patent_counts_rebuild() -> int:
    """Recompute the summary tables from the records; returns the number of detailed rows.

    Set-wise, each table one INSERT … SELECT: the database aggregates and writes without
    a row passing through Python, so memory does not grow with the records (holding every
    aggregate in Python took 1.2 GB after a million-row import). The refresh runs the same
    statements restricted to its buckets."""
    _lock()
    for model in (PatentMonthCount, PatentMonthTotal, PatentYearTotal, PatentDayCount):
        model.objects.all().delete()
    with connection.cursor() as cursor:
        detailed = _month_count_insert(cursor, _everything)
        _rollup(cursor, PatentMonthCount, PatentMonthTotal, TOTAL_KEY_FIELDS, _everything)
        _rollup(cursor, PatentMonthTotal, PatentYearTotal, YEAR_KEY_FIELDS, _everything)
        _day_count_insert(cursor, _everything)
    _party_rebuild()
    return detailed


def _columns(model: type[Model], fields: Iterable[str]) -> list[str]:
    meta = model._meta
    return [connection.ops.quote_name(meta.get_field(name).column) for name in fields]


# Restricts an aggregate: (date column, region column) -> (SQL condition, parameters).
Condition = Callable[[str, str], tuple[str, list]]


def _everything(date_column: str, region_column: str) -> tuple[str, list]:
    return "1 = 1", []


def _rectangle(codes: list[str], months: list[date]) -> Condition:
    """Rows of these regions ('' for the unplaced) dated in these months. The region
    condition is on COALESCE(region, ''), not on the column: the date index then drives
    (the months asked for), where the region index would walk every patent those regions
    ever filed."""
    ranges = _month_ranges(months)
    marks = ", ".join(["%s"] * len(codes))
    dates = [day for pair in ranges for day in pair]

    def condition(date_column: str, region_column: str) -> tuple[str, list]:
        dated = " OR ".join([f"({date_column} >= %s AND {date_column} < %s)"] * len(ranges))
        return f"COALESCE({region_column}, '') IN ({marks}) AND ({dated})", [*codes, *dates]

    return condition


def _month_count_insert(cursor, condition: Condition) -> int:
    """PatentMonthCount aggregated from the records matching `condition`, both events;
    returns the number of rows written."""
    patents, orgs = Patent._meta.db_table, Organization._meta.db_table
    letter = "UPPER(SUBSTR(p.ipc_main, 1, 1))"
    marks = ", ".join(["%s"] * len(IPC_SECTIONS))
    branches, params = [], []
    for event, field in DATE_FIELD.items():
        where, args = condition(f"p.{field}", "p.region_id")
        branches.append(
            f"SELECT {_month_sql('p.' + field)} AS m, p.region_id AS r, %s AS e, "
            f"p.patent_type AS t, p.is_pct AS pct, (p.agency_id IS NOT NULL) AS ag, "
            f"COALESCE(o.kind, %s) AS k, "
            f"CASE WHEN {letter} IN ({marks}) THEN {letter} ELSE '' END AS s "
            f"FROM {patents} p LEFT OUTER JOIN {orgs} o ON o.id = p.first_applicant_id "
            f"WHERE p.{field} IS NOT NULL AND ({where})"
        )
        params += [event.value, OrgKind.UNKNOWN.value, *IPC_SECTIONS, *args]
    columns = ", ".join(_columns(PatentMonthCount, (*KEY_FIELDS, "count")))
    cursor.execute(
        f"INSERT INTO {PatentMonthCount._meta.db_table} ({columns}) "
        f"SELECT m, r, e, t, pct, ag, k, s, COUNT(*) FROM ({' UNION ALL '.join(branches)}) rows "
        f"GROUP BY m, r, e, t, pct, ag, k, s",
        params,
    )
    return cursor.rowcount


def _rollup(
    cursor,
    source: type[Model],
    target: type[Model],
    fields: tuple[str, ...],
    condition: Condition,
) -> None:
    """`target` (a coarser grain) summed from the `source` rows matching `condition`: the
    same key but for the month, which becomes the year when the target's first key field
    is `year`."""
    keys = _columns(source, fields[1:])
    first = _columns(source, ("month",))[0]
    if fields[0] == "year":
        first = (
            f"CAST(EXTRACT(YEAR FROM {first}) AS integer)"
            if connection.vendor == "postgresql"
            else f"CAST(strftime('%%Y', {first}) AS integer)"  # %% -> %: run with params
        )
    selected = ", ".join([first, *keys])
    count = _columns(source, ("count",))[0]
    where, args = condition(_columns(source, ("month",))[0], _columns(source, ("region",))[0])
    cursor.execute(
        f"INSERT INTO {target._meta.db_table} "
        f"({', '.join(_columns(target, (*fields, 'count')))}) "
        f"SELECT {selected}, SUM({count}) FROM {source._meta.db_table} WHERE {where} "
        f"GROUP BY {', '.join(str(i) for i in range(1, len(fields) + 1))}",
        args,
    )


def _day_count_insert(cursor, condition: Condition) -> None:
    """PatentDayCount aggregated from the records matching `condition`, both events."""
    patents = Patent._meta.db_table

    def flag(condition: str) -> str:
        return f"CASE WHEN {condition} THEN 1 ELSE 0 END"

    by_type = [flag("patent_type = %s") for _ in range(3)]
    types = [PatentType.INVENTION.value, PatentType.UTILITY.value, PatentType.DESIGN.value]
    filing = ["1", *by_type, flag("is_pct"), flag("agency_id IS NOT NULL"), "0", "0", "0", "0"]
    grant = ["0", "0", "0", "0", "0", "0", "1", *by_type]
    branches, params = [], []
    for field, values in (("filing_date", filing), ("grant_date", grant)):
        where, args = condition(field, "region_id")
        branches.append(
            f"SELECT {field} AS d, region_id AS r, "
            + ", ".join(f"{value} AS c{i}" for i, value in enumerate(values))
            + f" FROM {patents} WHERE {field} IS NOT NULL AND ({where})"
        )
        params += [*types, *args]
    assert len(filing) == len(DAY_COLUMNS) == len(grant)
    sums = ", ".join(f"SUM(c{i})" for i in range(len(DAY_COLUMNS)))
    columns = ", ".join(_columns(PatentDayCount, ("day", "region", *DAY_COLUMNS)))
    cursor.execute(
        f"INSERT INTO {PatentDayCount._meta.db_table} ({columns}) "
        f"SELECT d, r, {sums} FROM ({' UNION ALL '.join(branches)}) rows GROUP BY d, r",
        params,
    )


def _lock() -> None:
    """Take the summary's row lock until the caller's transaction ends (see SummaryState)."""
    name, now = SummaryState.PATENT_MONTH_COUNT, timezone.now()
    if not SummaryState.objects.filter(name=name).update(updated_at=now):
        # The row is made by the migration; a flushed test database has lost it.
        SummaryState.objects.get_or_create(name=name, defaults={"updated_at": now})
        SummaryState.objects.filter(name=name).update(updated_at=now)


DAY_METRICS = {
    Event.APPLICATION: {
        "applications": Q(),
        "invention_applications": Q(patent_type=PatentType.INVENTION),
        "utility_applications": Q(patent_type=PatentType.UTILITY),
        "design_applications": Q(patent_type=PatentType.DESIGN),
        "pct_applications": Q(is_pct=True),
        "agency_filed": Q(agency__isnull=False),
    },
    Event.GRANT: {
        "grants": Q(),
        "invention_grants": Q(patent_type=PatentType.INVENTION),
        "utility_grants": Q(patent_type=PatentType.UTILITY),
        "design_grants": Q(patent_type=PatentType.DESIGN),
    },
}
DAY_COLUMNS = [name for metrics in DAY_METRICS.values() for name in metrics]


def _region_q(regions: set[str | None]) -> Q:
    codes = [code for code in regions if code is not None]
    q = Q(region_id__in=codes) if codes else Q(pk__in=[])
    if None in regions:
        q |= Q(region__isnull=True)
    return q


def _month_ranges_q(field: str, months: list[date]) -> Q:
    """`field` within any of the months, consecutive months merged into one range."""
    q = Q(pk__in=[])
    for first, after in _month_ranges(months):
        q |= Q(**{f"{field}__gte": first, f"{field}__lt": after})
    return q


# --------------------------------------------------------------------------- parties
# PartyMonthCount is aggregated by the database itself (INSERT ... SELECT): at millions of
# patents most (region, month, party) groups hold one patent, so the rows would be nearly as
# many as the patents and not worth a trip through Python. PartyYearCount follows by adding
# the differences a refresh made to PartyMonthCount to the rows of every region above.

PARTY_COLUMNS = {Party.APPLICANT: "first_applicant_id", Party.AGENCY: "agency_id"}
INVENTION_SQL = "CASE WHEN patent_type = 'invention' THEN 1 ELSE 0 END"


def region_ancestors(code: str) -> list[str]:
    """The code and the codes of the city and the province above it (GB/T 2260 digits)."""
    codes = [code]
    for digits in (4, 2):
        upper = code[:digits].ljust(6, "0")
        if upper not in codes:
            codes.append(upper)
    return codes


def _month_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"date({column}, 'start of month')"


def _party_insert(condition: Condition) -> None:
    """INSERT into PartyMonthCount the aggregate of the patents matching `condition`, for
    both parties and both events."""
    branches, params = [], []
    for party, column in PARTY_COLUMNS.items():
        for field, values in (
            ("filing_date", f"1 AS a, {INVENTION_SQL} AS i, 0 AS g"),
            ("grant_date", "0 AS a, 0 AS i, 1 AS g"),
        ):
            where, args = condition(field, "region_id")
            branches.append(
                f"SELECT {_month_sql(field)} AS m, region_id AS r, '{party.value}' AS p, "
                f"{column} AS pid, {values} FROM patents_patent WHERE {field} IS NOT NULL "
                f"AND region_id IS NOT NULL AND {column} IS NOT NULL AND ({where})"
            )
            params += args
    table = PartyMonthCount._meta.db_table
    sql = (
        f"INSERT INTO {table} (month, region_id, party, party_id, applications, "
        f"invention_applications, grants) SELECT m, r, p, pid, SUM(a), SUM(i), SUM(g) "
        f"FROM ({' UNION ALL '.join(branches)}) events GROUP BY m, r, p, pid"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _party_rows(qs: QuerySet) -> dict[tuple, list[int]]:
    """(year, region code, party, party id) -> [applications, inventions, grants] of
    PartyMonthCount rows, summed by year (the region as recorded, not rolled up)."""
    totals: dict[tuple, list[int]] = {}
    fields = ("month", "region_id", "party", "party_id", *PARTY_COUNTS)
    for month, region, party, pid, *values in qs.values_list(*fields).iterator(chunk_size=20_000):
        row = totals.setdefault((month.year, region, party, pid), [0, 0, 0])
        for position, value in enumerate(values):
            row[position] += value
    return totals


def _party_refresh(regions: list[str], months: list[date]) -> None:
    """Recompute PartyMonthCount for the rectangle regions × months and add what changed
    to PartyYearCount. Unplaced patents (region None) are not in these tables."""
    if not regions:
        return
    in_rectangle = PartyMonthCount.objects.filter(region_id__in=regions, month__in=months)
    before = _party_rows(in_rectangle)
    in_rectangle.delete()

    _party_insert(_rectangle(regions, months))
    after = _party_rows(in_rectangle)
    changes: dict[tuple, list[int]] = {}
    for key in before.keys() | after.keys():
        old, new = before.get(key, [0, 0, 0]), after.get(key, [0, 0, 0])
        if old == new:
            continue
        year, region, party, pid = key
        for code in region_ancestors(region):
            row = changes.setdefault((year, code, party, pid), [0, 0, 0])
            for position in range(3):
                row[position] += new[position] - old[position]
    _party_year_add(changes)


def _party_year_add(changes: dict[tuple, list[int]]) -> None:
    """Add the differences to PartyYearCount (an upsert), then drop the rows left at zero."""
    changes = {key: values for key, values in changes.items() if any(values)}
    if not changes:
        return
    table = connection.ops.quote_name(PartyYearCount._meta.db_table)
    sql = (
        f"INSERT INTO {table} (year, region_code, party, party_id, applications, "
        f"invention_applications, grants) VALUES (%s, %s, %s, %s, %s, %s, %s) "
        f"ON CONFLICT (region_code, party, year, party_id) DO UPDATE SET "
        + ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in PARTY_COUNTS)
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*key, *values) for key, values in changes.items()])
    # Only a row that lost something can have reached zero; delete those by their key.
    shrunk = [key for key, values in changes.items() if min(values) < 0]
    if shrunk:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {table} WHERE year = %s AND region_code = %s AND party = %s "
                f"AND party_id = %s AND applications = 0 AND invention_applications = 0 "
                f"AND grants = 0",
                shrunk,
            )


def _party_rebuild() -> None:
    for model in (PartyMonthCount, PartyYearCount):
        model.objects.all().delete()
    _party_insert(_everything)
    # Every level in one statement: the recorded region, its city, its province.
    source = PartyMonthCount._meta.db_table
    year = (
        "CAST(EXTRACT(YEAR FROM month) AS integer)"
        if connection.vendor == "postgresql"
        else "CAST(strftime('%%Y', month) AS integer)"  # %% -> %: executed with params
    )
    city = "SUBSTR(region_id, 1, 4) || '00'"
    province = "SUBSTR(region_id, 1, 2) || '0000'"
    levels = [
        ("region_id", "1 = 1"),
        (city, f"{city} <> region_id"),
        (province, f"{province} <> region_id AND {province} <> {city}"),
    ]
    union = " UNION ALL ".join(
        f"SELECT {year} AS y, {code} AS c, party, party_id, applications, "
        f"invention_applications, grants FROM {source} WHERE {where}"
        for code, where in levels
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PartyYearCount._meta.db_table} (year, region_code, party, party_id, "
            f"applications, invention_applications, grants) SELECT y, c, party, party_id, "
            f"SUM(applications), SUM(invention_applications), SUM(grants) FROM ({union}) rows "
            f"GROUP BY y, c, party, party_id",
            [],
        )


def _month_ranges(months: list[date]) -> list[tuple[date, date]]:
    """[first, after) ranges covering the months, consecutive months merged."""
    ranges: list[list[date]] = []
    for month in months:
        if ranges and ranges[-1][1] == month:
            ranges[-1][1] = next_month(month)
        else:
            ranges.append([month, next_month(month)])
    return [(first, after) for first, after in ranges]
