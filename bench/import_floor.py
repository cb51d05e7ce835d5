"""The import's SQL floor: what SQLite alone needs to write what an import wrote.

    .venv/bin/python bench/import_floor.py SOURCE.sqlite3 [--workdir DIR]

SOURCE is a database an import filled (e.g. `ipbureau import patents` of the CSV that
`bench/import_bench.py --write FILE --rows 1000000` writes). A fresh database is made in a
scratch directory (`ipbureau init`), then in one transaction, as the importer does on a bulk
load: the secondary indexes of the patent tables are dropped, organisations, agencies,
patents, applicant links and publications are copied with one `INSERT … SELECT` each (no row
passes through Python), the indexes are made again and `patent_counts_rebuild()` recomputes
the statistics summary tables. Prints the seconds of each step as markdown.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLES = (
    "orgs_organization", "orgs_agency", "patents_importrun", "patents_patent",
    "patents_patentapplicant", "patents_publication",
)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    source = args.source.resolve()
    with tempfile.TemporaryDirectory(dir=args.workdir, prefix="import_floor_") as tmp:
        os.environ.update(DEBUG="1", IPBUREAU_DATA_DIR=tmp)
        os.environ.pop("DATABASE_URL", None)
        subprocess.run(
            [Path(sys.executable).parent / "ipbureau", "init"], check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        sys.path.insert(0, str(ROOT / "src"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipbureau.settings")
        import django

        django.setup()
        for name, seconds in copy_and_rebuild(source):
            print(f"| {name} | {seconds:.1f} |")


def copy_and_rebuild(source: Path) -> list[tuple[str, float]]:
    from django.db import connection, transaction

    from ipbureau.patents.counts.services import patent_counts_rebuild
    from ipbureau.patents.importer.sql import BulkSql, import_cache
    from ipbureau.patents.indexes import DeferredIndexes
    from ipbureau.patents.models import Patent, PatentApplicant, Publication

    steps: list[tuple[str, float]] = []
    started = time.perf_counter()
    with transaction.atomic(), import_cache(connection):
        sql = BulkSql(connection)
        sql.cursor.execute("ATTACH DATABASE %s AS source", [str(source)])
        t = time.perf_counter()
        deferred = DeferredIndexes(sql.cursor, (Patent, PatentApplicant, Publication))
        for table in TABLES:
            sql.cursor.execute(f"PRAGMA table_info({table})")
            columns = ", ".join(sql.quote(row[1]) for row in sql.cursor.fetchall())
            sql.cursor.execute(
                f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM source.{table}"
            )
        steps.append(("records (`INSERT … SELECT` per table)", time.perf_counter() - t))
        t = time.perf_counter()
        deferred.restore()
        steps.append(("secondary indexes rebuilt", time.perf_counter() - t))
        t = time.perf_counter()
        patent_counts_rebuild()
        steps.append(
            ("statistics summary tables (`patent_counts_rebuild()`)", time.perf_counter() - t)
        )
    steps.append(("total, with the commit", time.perf_counter() - started))
    return steps


if __name__ == "__main__":
    main()
