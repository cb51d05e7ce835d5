"""Batches of prepared records into the database: upsert patents, link applicants.

Per batch the writer asks the database a handful of set-wise questions (which names,
application numbers and publication numbers it knows), then writes each table in bulk
(sql.py). Per record it only works with tuples: no model instances on the hot path.

A patent's values are a tuple in PATENT_COLUMNS order, as the database takes them (see
prepare.Prepared; dates as ISO text). Rows read back are brought to the same form, so an
unchanged record is recognised by comparing tuples, without writing anything.
"""

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone

from ipbureau.imports.result import ImportResult
from ipbureau.orgs.models import Agency, Organization
from ipbureau.orgs.names import display_name, infer_kind
from ipbureau.patents.counts.services import (
    COUNTED_FIELDS,
    patent_counts_add,
    patent_counts_rebuild,
    patent_counts_subtract,
)
from ipbureau.patents.indexes import DeferredIndexes
from ipbureau.patents.models import ImportRun, Patent, PatentApplicant, Placement, Publication

from .prepare import NAME_CACHE_MAX, PREPARED_COLUMNS, UNPLACED, Prepared
from .sql import BulkSql

PATENT_COLUMNS = (*PREPARED_COLUMNS, "first_applicant_id", "agency_id")
APP, REGION, PLACEMENT = 0, len(PREPARED_COLUMNS) - 2, len(PREPARED_COLUMNS) - 1
# Positions of the columns the statistics summaries count by (region, dates, type, ...).
COUNTED = frozenset(
    i for i, name in enumerate(PATENT_COLUMNS) if name.removesuffix("_id") in COUNTED_FIELDS
)
# Where a later export's empty value keeps the earlier one: all but the placement, which
# is decided afresh from the new address unless staff set it.
KEEP_WHEN_EMPTY = tuple(i for i in range(len(PATENT_COLUMNS)) if i not in (REGION, PLACEMENT))
EMPTY = ("", None)
MANUAL = Placement.MANUAL.value
# A bulk load (SQLite): once an import has inserted more patents than the table held when it
# began, and at least this many, the rest is inserted without secondary indexes, which are
# rebuilt before the commit (patents.indexes.DeferredIndexes). A routine weekly file into a large table
# never qualifies, nor does a re-import.
BULK_LOAD_MIN_ROWS = 50_000
ANALYZE_MIN_ROWS = 1_000
# The statistics summaries follow each batch by deltas (cost: the batch's patents), unless
# a rebuild after the last batch costs less (cost: every patent): when the table held fewer
# than SMALL_DATABASE patents before the import, or once the import has written more than
# REBUILD_SHARE of the patents the table held. Measured: bench/RESULTS.md, "Summaries by
# deltas".
SMALL_DATABASE = 20_000
REBUILD_SHARE = 0.5


class BatchWriter:
    def __init__(self, *, run: ImportRun, result: ImportResult):
        self.run_id = run.pk
        self.result = result
        self.sql = BulkSql(connection)
        self.org_ids: dict[str, int] = {}  # normalised name -> id
        self.agency_ids: dict[str, int] = {}
        self.columns = [Patent._meta.get_field(name).column for name in PATENT_COLUMNS]
        self.date_positions = [  # in rows read as (id, *PATENT_COLUMNS)
            1 + i for i, name in enumerate(PATENT_COLUMNS)
            if Patent._meta.get_field(name).get_internal_type() == "DateField"
        ]  # fmt: skip
        self.deferred: DeferredIndexes | None = None
        self.patents_before = 0
        if connection.vendor == "sqlite":
            # The largest id: one B-tree descent, where COUNT(*) reads the whole table (0.1 s
            # at 5M). An upper bound of the count (ids deleted leave gaps): enough for the
            # thresholds below.
            self.sql.cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.sql.table(Patent)}")
            (self.patents_before,) = self.sql.cursor.fetchone()
        else:  # the planner's estimate: reading it is free, COUNT(*) is not
            self.sql.cursor.execute(
                "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = %s::regclass",
                [Patent._meta.db_table],
            )
            (self.patents_before,) = self.sql.cursor.fetchone()
        # Whether the summaries are rebuilt after the last batch instead of following each.
        self.rebuild = self.patents_before < SMALL_DATABASE

    def write(self, batch: list[Prepared]) -> None:
        self._name_ids(batch)
        pub_owner = dict(
            self.sql.select_in(
                Publication, ("number", "patent_id"), "number",
                {document[0] for prepared in batch for document in prepared.documents},
            )
        )  # fmt: skip
        found = self._existing(batch, pub_owner)

        new: list[tuple[Prepared, tuple]] = []
        changed: list[_Change] = []
        org_ids, agency_ids, result = self.org_ids, self.agency_ids, self.result
        for prepared in batch:
            # Two names may mean one applicant (one merged into the other): linked once.
            applicant_ids = list(dict.fromkeys(org_ids[key] for key in prepared.applicant_keys))
            values = (
                *prepared.values,
                applicant_ids[0] if applicant_ids else None,
                agency_ids[prepared.agency_key] if prepared.agency_key else None,
            )
            existing = found.match(values[APP], prepared.documents, pub_owner)
            if existing is None:
                new.append((prepared, values))
            else:
                patent_id, old = existing[0], existing[1:]
                values = _on_top_of(values, old)
                columns = tuple(i for i, value in enumerate(values) if value != old[i])
                relink = bool(applicant_ids) and applicant_ids != found.applicants.get(patent_id)
                known = all(document[0] in pub_owner for document in prepared.documents)
                if columns or relink or not known:
                    changed.append(_Change(prepared, values, patent_id, columns, relink))
                else:
                    result.unchanged += 1  # nothing written, updated_at untouched
            if values[PLACEMENT] == UNPLACED:
                result.unplaced += 1

        now = connection.ops.adapt_datetimefield_value(timezone.now())
        # Statistics: the changed patents' old contribution out, the new one in (below).
        recount = [c.patent_id for c in changed if COUNTED.intersection(c.columns)]
        if not self.rebuild:
            patent_counts_subtract(patent_ids=recount)
        inserted = self._insert(new, now)
        patent_ids = inserted + self._update(changed, now)
        if not self.rebuild:
            patent_counts_add(patent_ids=inserted + recount)
        # Their new documents; the first record of the batch to name a number owns it.
        rows = []
        for prepared, patent_id in zip(
            [prepared for prepared, _ in new] + [change.prepared for change in changed],
            patent_ids,
            strict=True,
        ):
            for number, kind, day in prepared.documents:
                if number not in pub_owner:
                    pub_owner[number] = patent_id
                    rows.append((patent_id, number, kind, day))
        self.sql.insert(Publication, ("patent_id", "number", "kind", "date"), rows)
        self._maybe_bulk_load()

    def finish(self) -> None:
        """Call once all batches are written, inside the transaction."""
        if self.deferred is not None:
            self.deferred.restore()
        inserted = self.result.inserted
        if (
            self.sql.postgresql
            and inserted >= ANALYZE_MIN_ROWS
            and inserted > self.patents_before / 5
        ):
            # The planner knows the tables as they were before this transaction (autovacuum
            # cannot see uncommitted rows). Grown by a fifth or more, they are taken for far
            # smaller than they are and joined by nested loops: the summary recount below ran
            # for over half an hour at 200k rows. ANALYZE samples, so it stays cheap.
            for model in (Patent, PatentApplicant, Publication, Organization, Agency):
                self.sql.cursor.execute(f"ANALYZE {self.sql.table(model)}")
        if self.rebuild:
            # The statistics summaries follow the records in the same transaction.
            patent_counts_rebuild()

    def _maybe_bulk_load(self) -> None:
        inserted = self.result.inserted
        if inserted + self.result.updated > max(
            BULK_LOAD_MIN_ROWS, self.patents_before * REBUILD_SHARE
        ):
            self.rebuild = True
        if (
            self.deferred is None
            and connection.vendor == "sqlite"
            and inserted >= BULK_LOAD_MIN_ROWS
            and inserted > self.patents_before
        ):
            self.deferred = DeferredIndexes(self.sql.cursor, (Patent, PatentApplicant, Publication))

    # -- lookups ------------------------------------------------------------------------------
    def _name_ids(self, batch: list[Prepared]) -> None:
        """Fill the id caches for the batch's applicants and agencies, creating those the
        database does not know yet."""
        for cache in (self.org_ids, self.agency_ids):
            if len(cache) > NAME_CACHE_MAX:  # bounded; the batch's names are fetched below
                cache.clear()
        org_ids, agency_ids = self.org_ids, self.agency_ids
        orgs: dict[str, str] = {}  # unknown normalised name -> a spelling from the file
        agencies: dict[str, str] = {}
        for prepared in batch:
            for key, name in zip(prepared.applicant_keys, prepared.applicant_names, strict=True):
                if key not in org_ids and key not in orgs:
                    orgs[key] = name
            key = prepared.agency_key
            if key and key not in agency_ids and key not in agencies:
                agencies[key] = prepared.agency_name or key
        if orgs:
            self._fill_ids(Organization, org_ids, orgs)
        if agencies:
            self._fill_ids(Agency, agency_ids, agencies)

    def _fill_ids(self, model: type, cache: dict[str, int], names: dict[str, str]) -> None:
        # A merged applicant's name stands for the one it was merged into (agencies: the id
        # twice, so both read alike).
        lookup = ("normalized_name", "id", "merged_into_id" if model is Organization else "id")
        found = self.sql.select_in(model, lookup, "normalized_name", names)
        cache.update((key, into or pk) for key, pk, into in found)
        new = [key for key in names if key not in cache]
        if not new:
            return
        if model is Organization:
            columns: tuple[str, ...] = ("name", "normalized_name", "kind")
            rows = [(display_name(names[k]), k, infer_kind(names[k]).value) for k in new]
        else:
            columns = ("name", "normalized_name")
            rows = [(display_name(names[k]), k) for k in new]
        # DO NOTHING: another import may have created the same name meanwhile (PostgreSQL);
        # the select below finds it either way.
        self.sql.insert(model, columns, rows, ignore_conflicts=True)
        found = self.sql.select_in(model, lookup, "normalized_name", new)
        cache.update((key, into or pk) for key, pk, into in found)

    def _existing(self, batch: list[Prepared], pub_owner: dict[str, int]) -> "_Found":
        """The batch's patents already in the database, found by application number or
        through one of their documents."""
        columns = ("id", *self.columns)
        rows = self.sql.select_in(
            Patent, columns, "application_number",
            [p.values[APP] for p in batch if p.values[APP]],
        )  # fmt: skip
        by_id = {row[0]: row for row in map(self._as_values, rows)}
        by_app = {row[1]: row for row in by_id.values()}
        # Patents known by a publication number only (or under another application number).
        orphans = set(pub_owner.values()) - by_id.keys()
        if orphans:
            for row in self.sql.select_in(Patent, columns, "id", orphans):
                by_id[row[0]] = self._as_values(row)
        applicants: dict[int, list[int]] = {}
        if by_id:
            links = self.sql.select_in(
                PatentApplicant, ("patent_id", "position", "organization_id"), "patent_id", by_id
            )
            for patent_id, _, org_id in sorted(links):
                applicants.setdefault(patent_id, []).append(org_id)
        return _Found(by_app, by_id, applicants)

    def _as_values(self, row: tuple) -> tuple:
        """A patent row as read, (id, *PATENT_COLUMNS), in the form Prepared.values has:
        dates as ISO text (both backends return `date` objects)."""
        row = list(row)
        for i in self.date_positions:
            if row[i] is not None:
                row[i] = row[i].isoformat()
        return tuple(row)

    # -- writes -------------------------------------------------------------------------------
    def _insert(self, items: list[tuple[Prepared, tuple]], now: Any) -> list[int]:
        """Insert new patents and their applicant links; their ids, in order."""
        if not items:
            return []
        columns = (*self.columns, "last_import_id", "created_at", "updated_at")
        run_id = self.run_id
        self.sql.insert(
            Patent, columns, [(*values, run_id, now, now) for _, values in items if values[APP]]
        )
        ids = dict(
            self.sql.select_in(
                Patent, ("application_number", "id"), "application_number",
                [values[APP] for _, values in items if values[APP]],
            )
        )  # fmt: skip
        keyless = [values for _, values in items if not values[APP]]
        pks = iter(())
        if keyless:
            # Known by a publication number only (Google exports): rare, and without a
            # unique key to read the id back by, so these go through the ORM, which does.
            created = Patent.objects.bulk_create(
                Patent(last_import_id=run_id, **dict(zip(PATENT_COLUMNS, values, strict=True)))
                for values in keyless
            )
            pks = iter([patent.pk for patent in created])  # bulk_create keeps the order
        patent_ids = [ids[values[APP]] if values[APP] else next(pks) for _, values in items]
        self._link(zip(patent_ids, (prepared for prepared, _ in items), strict=True))
        self.result.inserted += len(items)
        return patent_ids

    def _update(self, items: list["_Change"], now: Any) -> list[int]:
        """Write only the changed columns, one executemany per set of them (a later export
        typically changes the same few: grant date, legal status); their ids, in order."""
        if not items:
            return []
        groups: dict[tuple[int, ...], list[tuple]] = {}
        for item in items:
            groups.setdefault(item.columns, []).append(
                (*(item.values[i] for i in item.columns), self.run_id, now, item.patent_id)
            )
        for columns, rows in groups.items():
            names = [self.columns[i] for i in columns] + ["last_import_id", "updated_at"]
            self.sql.update(Patent, names, rows)
        relinked = [(item.patent_id, item.prepared) for item in items if item.relink]
        if relinked:
            self.sql.delete_in(PatentApplicant, "patent_id", [pid for pid, _ in relinked])
            self._link(relinked)
        self.result.updated += len(items)
        return [item.patent_id for item in items]

    def _link(self, patents: Any) -> None:
        """PatentApplicant rows for (patent id, prepared record) pairs, in applicant order."""
        org_ids = self.org_ids
        self.sql.insert(
            PatentApplicant, ("patent_id", "organization_id", "position"),
            [
                (patent_id, org_id, position)
                for patent_id, prepared in patents
                for position, org_id in enumerate(
                    dict.fromkeys(org_ids[key] for key in prepared.applicant_keys)
                )
            ],
        )  # fmt: skip


@dataclass(slots=True)
class _Found:
    """Patents of a batch already in the database, as (id, *PATENT_COLUMNS) tuples."""

    by_app: dict[str, tuple]
    by_id: dict[int, tuple]
    applicants: dict[int, list[int]]  # patent id -> organisation ids in order

    def match(
        self, application_number: str | None, documents: tuple, pub_owner: dict[str, int]
    ) -> tuple | None:
        """The patent a record is about: the one with its application number, else the one
        owning one of its documents, unless that one has another application number."""
        if application_number:
            row = self.by_app.get(application_number)
            if row is not None:
                return row
        for number, _, _ in documents:
            owner = pub_owner.get(number)
            if owner is not None:
                row = self.by_id.get(owner)
                # An application number never overwrites a different one.
                return None if row and row[1] and application_number else row
        return None


@dataclass(slots=True)
class _Change:
    """An existing patent a record changes."""

    prepared: Prepared
    values: tuple
    patent_id: int
    columns: tuple[int, ...]  # positions in PATENT_COLUMNS that differ
    relink: bool  # the applicants differ


def _on_top_of(values: tuple, old: tuple) -> tuple:
    """A record's values over an existing patent's: what this export leaves empty, the
    earlier ones gave; a region staff set stays."""
    merged = list(values)
    for i in KEEP_WHEN_EMPTY:
        if merged[i] in EMPTY:
            merged[i] = old[i]
    if old[PLACEMENT] == MANUAL:
        merged[REGION], merged[PLACEMENT] = old[REGION], MANUAL
    return tuple(merged)


__all__ = ["PATENT_COLUMNS", "BatchWriter"]
