"""Keeping the summary tables equal to the patent records, by deltas.

A write that changes patents takes their contribution out of every summary before it
writes (`patent_counts_subtract`) and puts the new one in after (`patent_counts_add`), both
in the writer's transaction; `patent_counts_following` wraps the two around a block. Each is
a few set-wise statements per table, `INSERT … SELECT … ON CONFLICT DO UPDATE SET n = n +
excluded.n` over the changed patents only, so keeping the summaries costs what the write
touches, never what the database holds. Rows a subtraction leaves at zero are deleted, so
the tables hold exactly what `patent_counts_rebuild` writes from scratch.

A load that writes a large share of the database (an empty database, a history back to
1985) instead calls `patent_counts_rebuild` once after its records are written: a single
pass over everything then costs less than the same patents' deltas (bench/RESULTS.md,
"Summaries by deltas").
"""

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Field, Model
from django.utils import timezone

from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.patents.counts.models import (
    DAY_COLUMNS,
    IPC_SECTIONS,
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
    party_prefix,
)
from ipbureau.patents.indexes import DeferredIndexes
from ipbureau.patents.models import Patent, PatentType

__all__ = [
    "COUNTED_FIELDS",
    "patent_counts_add",
    "patent_counts_following",
    "patent_counts_rebuild",
    "patent_counts_subtract",
]

DATE_FIELD = {Event.APPLICATION: "filing_date", Event.GRANT: "grant_date"}
# The patent columns a summary counts by: a change to any other column (legal status, title,
# documents) leaves every summary as it is.
COUNTED_FIELDS = (
    "region",
    "filing_date",
    "grant_date",
    "patent_type",
    "is_pct",
    "agency",
    "first_applicant",
    "ipc_main",
)


@dataclass(frozen=True)
class Patents:
    """Which patents a statement aggregates: an SQL condition on the patents table (alias
    `p`) and its parameters."""

    where: str
    params: tuple = ()


EVERY_PATENT = Patents("1 = 1")


def patents_with_ids(ids: Collection[int]) -> Patents:
    """The patents with these ids, as one parameter whatever their number."""
    if connection.vendor == "postgresql":
        return Patents("p.id = ANY(%s)", (list(ids),))
    # JSON1 is built into SQLite; thousands of "%s" would hit its parameter limit.
    return Patents(
        "p.id IN (SELECT value FROM json_each(%s))", ("[" + ",".join(map(str, ids)) + "]",)
    )


# ------------------------------------------------------------------------------- deltas
def patent_counts_subtract(*, patent_ids: Collection[int]) -> None:
    """Take these patents, as stored now, out of every summary."""
    if patent_ids:
        _apply(patents_with_ids(patent_ids), sign=-1)


def patent_counts_add(*, patent_ids: Collection[int]) -> None:
    """Put these patents, as stored now, into every summary."""
    if patent_ids:
        _apply(patents_with_ids(patent_ids), sign=1)


@contextmanager
def patent_counts_following(*, patent_ids: Collection[int]) -> Iterator[None]:
    """Around a block that changes these patents (and only these): their old contribution
    leaves the summaries before it, the new one enters after it. Use inside the writer's
    transaction, so no reader ever sees one without the other."""
    if not connection.in_atomic_block:
        # Each half would commit on its own: a crash between them would leave the
        # summaries disagreeing with the records until a rebuild.
        raise RuntimeError("patent_counts_following needs the writer's transaction")
    ids = list(patent_ids)
    patent_counts_subtract(patent_ids=ids)
    yield
    patent_counts_add(patent_ids=ids)


@transaction.atomic(savepoint=False)
def _apply(patents: Patents, *, sign: int) -> None:
    _lock()
    with connection.cursor() as cursor:
        for table in TABLES:
            sql, params = table.select(patents, sign)
            table.upsert(cursor, sql, params)
            if sign < 0:
                table.delete_zeros(cursor)  # only a subtraction can leave a row at zero


# ------------------------------------------------------------------------------ rebuild
@transaction.atomic
def patent_counts_rebuild() -> int:
    """Recompute the summary tables from the records; returns the number of detailed rows.

    Set-wise, each table one INSERT … SELECT: the database aggregates and writes without
    a row passing through Python, so memory does not grow with the records. The coarser
    tables are summed from the finer ones rather than from the records again."""
    _lock()
    with connection.cursor() as cursor:
        # SQLite: the tables refilled without their explicit indexes, made again after.
        # PostgreSQL keeps them: dropping one locks out the readers until the commit.
        deferred = (
            DeferredIndexes(cursor, [t.model for t in TABLES], unique=True)
            if connection.vendor == "sqlite"
            else None
        )
        for table in TABLES:
            cursor.execute(f"DELETE FROM {table.table}")
        cursor.execute(*_insert(MONTH_COUNT, *MONTH_COUNT.select(EVERY_PATENT, 1)))
        detailed = cursor.rowcount
        cursor.execute(*_insert(MONTH_TOTAL, *_rollup(PatentMonthCount, "month", TOTAL_KEY_FIELDS)))
        cursor.execute(*_insert(YEAR_TOTAL, *_rollup(PatentMonthTotal, "year", YEAR_KEY_FIELDS)))
        cursor.execute(*_insert(DAY_COUNT, *DAY_COUNT.select(EVERY_PATENT, 1)))
        cursor.execute(*_insert(PARTY_MONTH, *PARTY_MONTH.select(EVERY_PATENT, 1)))
        cursor.execute(*_insert(PARTY_YEAR, *_party_year_from_months()))
        if deferred is not None:
            deferred.restore()
    return detailed


# ------------------------------------------------------------------------------- tables
# How a table aggregates a set of patents: (table, patents, sign) -> (SQL, parameters).
Aggregate = Callable[["Table", Patents, int], tuple[str, list]]


@dataclass(frozen=True)
class Table:
    """One summary table: its key and count columns, and how to aggregate a set of patents
    into its rows (`select` returns SQL whose columns are named like the table's)."""

    model: type[Model]
    keys: tuple[str, ...]  # field names
    counts: tuple[str, ...]
    aggregate: Aggregate
    nullable_region: bool

    def select(self, patents: Patents, sign: int) -> tuple[str, list]:
        return self.aggregate(self, patents, sign)

    @property
    def table(self) -> str:
        return q(self.model._meta.db_table)

    def columns(self, fields: tuple[str, ...]) -> list[str]:
        return _columns(self.model, fields)

    def upsert(self, cursor, sql: str, params: list) -> None:
        """Add the aggregate's rows to the table's: new keys inserted, known ones summed."""
        names = ", ".join(self.columns((*self.keys, *self.counts)))
        sums = ", ".join(
            f"{c} = {self.table}.{c} + excluded.{c}" for c in self.columns(self.counts)
        )
        for part in self._parts():
            # The WHERE also keeps SQLite from reading ON as a join constraint.
            cursor.execute(
                f"INSERT INTO {self.table} ({names}) SELECT {names} FROM ({sql}) d "
                f"WHERE {part.rows} ON CONFLICT {part.target} DO UPDATE SET {sums}",
                params,
            )

    def delete_zeros(self, cursor) -> None:
        """Delete the rows a subtraction left at zero, through the table's partial index of
        such rows (models._zero): a read of the rows deleted, not of the table. (A join of
        the subtracted keys to the table did the same; PostgreSQL planned it as a scan of
        the table per key when the patents had no statistics yet.)"""
        zero = " AND ".join(f"{c} = 0" for c in self.columns(self.counts))
        cursor.execute(f"DELETE FROM {self.table} WHERE {zero}")

    def _parts(self) -> list["_Part"]:
        """The aggregate's rows by the unique index they fall under: NULLs are distinct in a
        unique index, so the unplaced rows (region NULL) have a partial index of their own."""
        keys = self.columns(self.keys)
        if not self.nullable_region:
            return [_Part("1 = 1", f"({', '.join(keys)})")]
        region = q("region_id")
        others = [c for c in keys if c != region]
        return [
            _Part(f"d.{region} IS NOT NULL", f"({', '.join(keys)})"),
            _Part(f"d.{region} IS NULL", f"({', '.join(others)}) WHERE {region} IS NULL"),
        ]


@dataclass(frozen=True)
class _Part:
    rows: str  # condition on the aggregate's rows (alias d)
    target: str  # ON CONFLICT target: the unique index these rows fall under


def q(name: str) -> str:
    return connection.ops.quote_name(name)


def _columns(model: type[Model], fields: tuple[str, ...]) -> list[str]:
    return [q(_field(model, name).column) for name in fields]


def _field(model: type[Model], name: str) -> Field:
    field = model._meta.get_field(name)
    assert isinstance(field, Field)  # a concrete column, not a relation's reverse side
    return field


def _insert(table: Table, sql: str, params: list) -> tuple[str, list]:
    names = ", ".join(table.columns((*table.keys, *table.counts)))
    return f"INSERT INTO {table.table} ({names}) SELECT {names} FROM ({sql}) d", params


def _month_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"date({column}, 'start of month')"


def _year_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS integer)"
    return f"CAST(strftime('%%Y', {column}) AS integer)"  # %% -> %: always run with params


def _events(
    patents: Patents, columns: str, params: list, *, applicant: bool = True
) -> tuple[str, list]:
    """Both events of the patents as rows: `d` (the event's date), `e` (the event) and
    `columns` (SQL over `p`, the patent, and with `applicant` `o`, its first applicant;
    `params` theirs)."""
    join = (
        f"LEFT OUTER JOIN {q(Organization._meta.db_table)} o ON o.id = p.first_applicant_id "
        if applicant
        else ""
    )
    branches, args = [], []
    for event, field in DATE_FIELD.items():
        branches.append(
            f"SELECT p.{field} AS d, %s AS e, {columns} FROM {q(Patent._meta.db_table)} p "
            f"{join}WHERE p.{field} IS NOT NULL AND ({patents.where})"
        )
        args += [event.value, *params, *patents.params]
    return " UNION ALL ".join(branches), args


def _breakdown(table: Table, patents: Patents, sign: int) -> tuple[str, list]:
    """PatentMonthCount, PatentMonthTotal, PatentYearTotal: one row per key with a count."""
    letter = "UPPER(SUBSTR(p.ipc_main, 1, 1))"
    marks = ", ".join(["%s"] * len(IPC_SECTIONS))
    events, params = _events(
        patents,
        "p.region_id AS r, p.patent_type AS t, p.is_pct AS pct, "
        "(p.agency_id IS NOT NULL) AS ag, COALESCE(o.kind, %s) AS k, "
        f"CASE WHEN {letter} IN ({marks}) THEN {letter} ELSE '' END AS s",
        [OrgKind.UNKNOWN.value, *IPC_SECTIONS],
    )
    source = {
        "month": _month_sql("d"),
        "year": _year_sql("d"),
        "region": "r",
        "event": "e",
        "patent_type": "t",
        "is_pct": "pct",
        "agency_filed": "ag",
        "applicant_kind": "k",
        "ipc_section": "s",
    }
    selected = ", ".join(
        f"{source[key]} AS {column}"
        for key, column in zip(table.keys, table.columns(table.keys), strict=True)
    )
    groups = ", ".join(str(i) for i in range(1, len(table.keys) + 1))
    (count,) = table.columns(table.counts)
    return (
        f"SELECT {selected}, COUNT(*) * {int(sign)} AS {count} FROM ({events}) x GROUP BY {groups}",
        params,
    )


def _rollup(source: type[Model], period: str, fields: tuple[str, ...]) -> tuple[str, list]:
    """A coarser table summed from a finer one (rebuild only): the same key but for the
    month, which becomes the year when `period` is "year"."""
    month = _columns(source, ("month",))[0]
    first = month if period == "month" else _year_sql(month)
    keys = _columns(source, fields[1:])
    target = _columns(source, ("count",))[0]
    names = [q(period), *keys]
    selected = ", ".join(
        f"{expr} AS {name}" for expr, name in zip([first, *keys], names, strict=True)
    )
    groups = ", ".join(str(i) for i in range(1, len(fields) + 1))
    return (
        f"SELECT {selected}, SUM({target}) AS {target} FROM {q(source._meta.db_table)} "
        f"GROUP BY {groups}",
        [],
    )


DAY_TYPES = (PatentType.INVENTION, PatentType.UTILITY, PatentType.DESIGN)


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _day(table: Table, patents: Patents, sign: int) -> tuple[str, list]:
    """PatentDayCount: per region and day, the day's count metrics as columns."""
    is_filing = "e = 'application'"
    application = [
        _flag(is_filing),
        *(_flag(f"{is_filing} AND t = '{t.value}'") for t in DAY_TYPES),
        _flag(f"{is_filing} AND pct"),
        _flag(f"{is_filing} AND ag"),
    ]
    grant = [_flag("e = 'grant'"), *(_flag(f"e = 'grant' AND t = '{t.value}'") for t in DAY_TYPES)]
    assert len(application) + len(grant) == len(table.counts) == len(DAY_COLUMNS)
    events, params = _events(
        patents,
        "p.region_id AS r, p.patent_type AS t, p.is_pct AS pct, (p.agency_id IS NOT NULL) AS ag",
        [],
        applicant=False,  # the day's counts have no applicant kind
    )
    sums = ", ".join(
        f"SUM({value}) * {int(sign)} AS {column}"
        for value, column in zip([*application, *grant], table.columns(table.counts), strict=True)
    )
    return f"SELECT d AS day, r AS region_id, {sums} FROM ({events}) x GROUP BY d, r", params


PARTY_COLUMNS = {Party.APPLICANT: "first_applicant_id", Party.AGENCY: "agency_id"}


def _party_events(patents: Patents, period: str) -> tuple[str, list]:
    """Per party (first applicant, agency) of the patents placed in the home province
    (IPBUREAU_PROVINCE; see PartyMonthCount): rows (y, r, party, pid, a, i, g) with `y` the
    event's month or year."""
    home = party_prefix()
    branches: list[str] = []
    params: list = []
    invention = _flag(f"p.patent_type = '{PatentType.INVENTION.value}'")
    for party, column in PARTY_COLUMNS.items():
        for field, values in (
            ("filing_date", f"1 AS a, {invention} AS i, 0 AS g"),
            ("grant_date", "0 AS a, 0 AS i, 1 AS g"),
        ):
            when = _month_sql(f"p.{field}") if period == "month" else _year_sql(f"p.{field}")
            branches.append(
                f"SELECT {when} AS y, p.region_id AS r, '{party.value}' AS party, "
                f"p.{column} AS pid, {values} FROM {q(Patent._meta.db_table)} p "
                f"WHERE p.{field} IS NOT NULL AND SUBSTR(p.region_id, 1, {len(home)}) = %s "
                f"AND p.{column} IS NOT NULL AND ({patents.where})"
            )
            params += [home, *patents.params]
    return " UNION ALL ".join(branches), params


def _party_sums(sign: int) -> str:
    return ", ".join(
        f"SUM({short}) * {int(sign)} AS {name}"
        for short, name in zip(("a", "i", "g"), PARTY_COUNTS, strict=True)
    )


def _party_month(table: Table, patents: Patents, sign: int) -> tuple[str, list]:
    """PartyMonthCount: per month, region as recorded and party."""
    events, params = _party_events(patents, "month")
    return (
        f"SELECT y AS month, r AS region_id, party, pid AS party_id, {_party_sums(sign)} "
        f"FROM ({events}) x GROUP BY y, r, party, pid",
        params,
    )


# The recorded region and the city and province above it, each once (GB/T 2260 digits).
CITY, PROVINCE = "SUBSTR(r, 1, 4) || '00'", "SUBSTR(r, 1, 2) || '0000'"
LEVELS = (
    ("r", "1 = 1"),
    (CITY, f"{CITY} <> r"),
    (PROVINCE, f"{PROVINCE} <> r AND {PROVINCE} <> {CITY}"),
)


def _levels(rows: str, params: list, sign: int) -> tuple[str, list]:
    """Rows (y, r, party, pid, a, i, g) counted at every level above and at r."""
    union = " UNION ALL ".join(
        f"SELECT y, {code} AS c, party, pid, a, i, g FROM ({rows}) x{n} WHERE {where}"
        for n, (code, where) in enumerate(LEVELS)
    )
    return (
        f"SELECT y AS year, c AS region_code, party, pid AS party_id, {_party_sums(sign)} "
        # In the order of the table's unique key: the rows then append to its index.
        f"FROM ({union}) levels GROUP BY c, party, y, pid",
        params * len(LEVELS),
    )


def _party_year(table: Table, patents: Patents, sign: int) -> tuple[str, list]:
    """PartyYearCount: per year, party and every region above the recorded one."""
    events, params = _party_events(patents, "year")
    return _levels(events, params, sign)


def _party_year_from_months() -> tuple[str, list]:
    """PartyYearCount summed from PartyMonthCount (rebuild only)."""
    month = _year_sql("month")
    rows = (
        f"SELECT {month} AS y, region_id AS r, party, party_id AS pid, applications AS a, "
        f"invention_applications AS i, grants AS g FROM {q(PartyMonthCount._meta.db_table)}"
    )
    return _levels(rows, [], 1)


MONTH_COUNT = Table(PatentMonthCount, KEY_FIELDS, ("count",), _breakdown, True)
MONTH_TOTAL = Table(PatentMonthTotal, TOTAL_KEY_FIELDS, ("count",), _breakdown, True)
YEAR_TOTAL = Table(PatentYearTotal, YEAR_KEY_FIELDS, ("count",), _breakdown, True)
DAY_COUNT = Table(PatentDayCount, ("day", "region"), DAY_COLUMNS, _day, True)
PARTY_MONTH = Table(
    PartyMonthCount, ("month", "region", "party", "party_id"), PARTY_COUNTS, _party_month, False
)
PARTY_YEAR = Table(
    PartyYearCount, ("year", "region_code", "party", "party_id"), PARTY_COUNTS, _party_year, False
)
TABLES = (MONTH_COUNT, MONTH_TOTAL, YEAR_TOTAL, DAY_COUNT, PARTY_MONTH, PARTY_YEAR)


def _lock() -> None:
    """Take the summary's row lock until the caller's transaction ends (see SummaryState):
    a rebuild and a delta, or two rebuilds, never interleave on PostgreSQL."""
    name, now = SummaryState.PATENT_MONTH_COUNT, timezone.now()
    if not SummaryState.objects.filter(name=name).update(updated_at=now):
        # The row is made by the migration; a flushed test database has lost it.
        SummaryState.objects.get_or_create(name=name, defaults={"updated_at": now})
        SummaryState.objects.filter(name=name).update(updated_at=now)
