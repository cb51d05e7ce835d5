"""Plain SQL for the import's bulk statements, on SQLite and PostgreSQL.

Why not the ORM here: on SQLite, bulk_create is capped at 999 parameters per INSERT (about
40 patents a statement) and spends most of its time building model instances and SQL;
bulk_update writes a CASE WHEN per column. Instead: executemany of one prepared statement,
many rows per INSERT for narrow tables, COPY on PostgreSQL; lookups pass all their keys as
one parameter (a JSON array on SQLite, an array on PostgreSQL). Placeholders are `%s`
(Django's SQLite cursor turns them into `?`), names are quoted by the backend, and ids are
read back by selecting on the unique keys after an insert rather than with RETURNING.
"""

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

# Parameters per statement: SQLite's limit when the library does not say (its pre-3.32
# default); PostgreSQL's protocol allows 65535.
SQLITE_DEFAULT_PARAMS = 999
POSTGRESQL_MAX_PARAMS = 65_535
# Rows up to this many columns are inserted many per statement (see BulkSql.insert).
MULTIROW_MAX_COLUMNS = 8
ROWS_PER_STATEMENT = 2000
# Keys per lookup statement: one parameter holds them all (see _where_in); chunked only to
# keep each statement's result a bounded size.
KEYS_PER_STATEMENT = 20_000
# SQLite page cache during an import (the default is 2 MiB). Every inserted patent touches
# about ten B-trees (table and indexes); once those outgrow the cache, each insert waits
# on pages read back from the WAL. Memory only: durability is unaffected. Restored after.
SQLITE_IMPORT_CACHE_KIB = 64 * 1024


class BulkSql:
    def __init__(self, connection: BaseDatabaseWrapper):
        self.connection = connection
        self.quote = connection.ops.quote_name
        # A cursor without debug logging even when DEBUG is on: the query log keeps every
        # statement with its parameters, which for a million-row import would be every
        # IN-list and every executemany batch (hundreds of MB), and on SQLite formatting
        # them costs extra queries. Errors still become django.db exceptions.
        self.cursor = connection.make_cursor(connection.cursor().cursor)
        self.postgresql = connection.vendor == "postgresql"
        self.max_params = POSTGRESQL_MAX_PARAMS if self.postgresql else SQLITE_DEFAULT_PARAMS
        if connection.vendor == "sqlite":
            raw = connection.connection
            if hasattr(raw, "getlimit"):  # Python 3.11+
                self.max_params = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        self._defaults: dict[tuple[type[models.Model], tuple[str, ...]], tuple] = {}

    def table(self, model: type[models.Model]) -> str:
        return self.quote(model._meta.db_table)

    def select_in(
        self,
        model: type[models.Model],
        columns: Sequence[str],
        key: str,
        values: Iterable[Any],
    ) -> list[tuple]:
        """Rows (as tuples of `columns`) whose `key` column is one of `values`."""
        head = f"SELECT {', '.join(map(self.quote, columns))} FROM {self.table(model)} WHERE "
        rows: list[tuple] = []
        for sql, params in self._where_in(key, values):
            self.cursor.execute(head + sql, params)
            rows += self.cursor.fetchall()
        return rows

    def delete_in(self, model: type[models.Model], key: str, values: Iterable[Any]) -> None:
        for sql, params in self._where_in(key, values):
            self.cursor.execute(f"DELETE FROM {self.table(model)} WHERE {sql}", params)

    def insert(
        self,
        model: type[models.Model],
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        ignore_conflicts: bool = False,
    ) -> None:
        """INSERT `rows` (values for `columns`, in order). The model's other columns get
        their field defaults, so a column added later does not break the import.

        How: on PostgreSQL, COPY (one stream for all rows; each INSERT would be parsed and
        planned on its own, the client binding the values). On SQLite, executemany of one
        prepared INSERT, except for narrow rows (an applicant link, a publication): there the
        per-statement work (constraint cursors, the AUTOINCREMENT counter) outweighs the
        row's own, and many rows per INSERT ... VALUES (...), (...) halves the cost."""
        if not rows:
            return
        extra_columns, extra_values = self._other_columns(model, tuple(columns))
        if extra_values:
            rows = [(*row, *extra_values) for row in rows]
        names = ", ".join(self.quote(c) for c in (*columns, *extra_columns))
        table = self.table(model)
        if self.postgresql and not ignore_conflicts:
            with self.connection.wrap_database_errors:
                with self.cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            return
        width = len(columns) + len(extra_columns)
        one = f"({', '.join(['%s'] * width)})"
        head = f"INSERT INTO {table} ({names}) VALUES "
        # SQLite 3.24+ and PostgreSQL 9.5+ spell it the same.
        tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
        if width > MULTIROW_MAX_COLUMNS:
            self.cursor.executemany(head + one + tail, rows)
            return
        step = max(1, min(ROWS_PER_STATEMENT, self.max_params // width))
        full = head + ", ".join([one] * step) + tail
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            sql = full if len(chunk) == step else head + ", ".join([one] * len(chunk)) + tail
            self.cursor.execute(sql, [value for row in chunk for value in row])

    def update(
        self, model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """UPDATE by primary key; each row is the values for `columns` followed by the pk."""
        if not rows:
            return
        sets = ", ".join(f"{self.quote(c)} = %s" for c in columns)
        pk = self.quote(model._meta.pk.column)
        self.cursor.executemany(f"UPDATE {self.table(model)} SET {sets} WHERE {pk} = %s", rows)

    # -- helpers ------------------------------------------------------------------------------
    def _where_in(self, key: str, values: Iterable[Any]) -> Iterable[tuple[str, list]]:
        """`key` is one of `values`, as one parameter: a PostgreSQL array, a JSON array on
        SQLite (JSON1 is built in, and Django's JSONField already needs it). Thousands of
        "%s" would hit SQLite's parameter limit and cost a regex pass each in Django's
        placeholder conversion."""
        values = list(values)
        column = self.quote(key)
        for start in range(0, len(values), KEYS_PER_STATEMENT):
            chunk = values[start : start + KEYS_PER_STATEMENT]
            if self.postgresql:
                yield f"{column} = ANY(%s)", [chunk]
            else:
                yield f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(chunk)]

    def _other_columns(
        self, model: type[models.Model], columns: tuple[str, ...]
    ) -> tuple[tuple[str, ...], tuple]:
        cached = self._defaults.get((model, columns))
        if cached is None:
            fields = [
                f
                for f in model._meta.concrete_fields
                if not f.primary_key and f.column not in columns
            ]
            defaults = [f.get_default() for f in fields]  # what a model instance would get
            for f, value in zip(fields, defaults, strict=True):
                if value is None and not f.null:
                    raise ValueError(f"{model.__name__}.{f.name} needs a value in the insert")
            cached = (
                tuple(f.column for f in fields),
                tuple(
                    f.get_db_prep_save(value, self.connection)
                    for f, value in zip(fields, defaults, strict=True)
                ),
            )
            self._defaults[(model, columns)] = cached
        return cached


@contextmanager
def import_cache(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """A larger SQLite page cache for the duration of an import (see above)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")
