"""SQLite: a table's explicit indexes set aside for a bulk write and created again after."""

from collections.abc import Iterable

from django.db import connection, models


class DeferredIndexes:
    """SQLite only: the explicit indexes of some tables dropped for the rest of the
    transaction and created again (`restore`) before it commits.

    For a bulk write, creating an index once (a sort) is far cheaper than inserting into it
    for every row: at a million patents an insert costs ~40 µs with the eight secondary
    indexes of the patent table and ~12 µs without, the rebuild ~10 µs a row. DDL is
    transactional in SQLite, so a rollback brings the indexes back, and readers (WAL) keep
    seeing the committed database with its indexes meanwhile. Unique indexes stay unless
    `unique` is set: an import reads its rows back by them; a summary rebuild, whose GROUP BYs
    make the keys unique, lets its partial unique indexes go too. The unique keys declared
    with a table (no SQL of their own in sqlite_master) always stay.
    """

    def __init__(self, cursor, tables: Iterable[type[models.Model]], *, unique: bool = False):
        self.cursor = cursor
        self.saved: list[str] = []
        names = [model._meta.db_table for model in tables]
        marks = ", ".join(["%s"] * len(names))
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name",
            names,
        )
        for name, create in cursor.fetchall():
            if unique or create.lstrip().upper().startswith("CREATE INDEX"):
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                self.saved.append(create)

    def restore(self) -> None:
        for create in self.saved:
            self.cursor.execute(create)
        self.saved = []
