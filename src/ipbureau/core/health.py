"""Whether this instance can serve: the database answers and its schema is the code's."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor


def unapplied_migrations() -> list[str]:
    """The migrations the code has and the database lacks, as `app.name`."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def health_problems() -> list[str]:
    """Empty when healthy; otherwise short reasons safe to show anyone (no host, user or
    error text: the endpoint needs no login)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = unapplied_migrations()
    except DatabaseError:
        return ["database"]
    return ["migrations"] if pending else []
