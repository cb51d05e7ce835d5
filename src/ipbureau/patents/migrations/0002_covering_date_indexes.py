"""The single-column indexes on filing_date and grant_date give way to covering indexes
that start with the same date (statistics count a few days from the index alone); the one
on region_id goes, the (region, filing_date) index serving lookups by region.

Django would alter the three fields by copying the whole patent table on SQLite (its way of
altering a column there); only indexes change, so the database side drops them by name,
found by introspection (on PostgreSQL that includes region_id's varchar_pattern_ops twin).
"""

import django.db.models.deletion
from django.db import migrations, models

DROPPED = (["filing_date"], ["grant_date"], ["region_id"])


def drop_single_column_indexes(apps, schema_editor):
    connection = schema_editor.connection
    table = apps.get_model("patents", "Patent")._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    for name, info in sorted(constraints.items()):
        if info["index"] and not info["unique"] and info["columns"] in DROPPED:
            schema_editor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")


def create_single_column_indexes(apps, schema_editor):
    patent = apps.get_model("patents", "Patent")
    for name in ("filing_date", "grant_date", "region"):
        field = patent._meta.get_field(name)
        schema_editor.execute(schema_editor._create_index_sql(patent, fields=[field]))


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0001_initial"),
        ("patents", "0001_initial"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="patent",
                    name="filing_date",
                    field=models.DateField(blank=True, null=True, verbose_name="申请日"),
                ),
                migrations.AlterField(
                    model_name="patent",
                    name="grant_date",
                    field=models.DateField(blank=True, null=True, verbose_name="授权公告日"),
                ),
                migrations.AlterField(
                    model_name="patent",
                    name="region",
                    field=models.ForeignKey(
                        blank=True, db_index=False, null=True,
                        on_delete=django.db.models.deletion.PROTECT, related_name="patents",
                        to="regions.region", verbose_name="所属地区",
                    ),  # fmt: skip
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_single_column_indexes, create_single_column_indexes)
            ],
        ),
        migrations.AddIndex(
            model_name="patent",
            index=models.Index(
                fields=["filing_date", "region", "patent_type", "is_pct", "agency", "first_applicant"],
                name="patent_filed_counted",
            ),
        ),
        migrations.AddIndex(
            model_name="patent",
            index=models.Index(
                fields=["grant_date", "region", "patent_type", "is_pct", "agency", "first_applicant"],
                name="patent_granted_counted",
            ),
        ),
    ]
