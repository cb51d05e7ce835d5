"""Server time of the province dashboard's statistics and of `ipbureau stats --by city` on
N patents over 10 years, with DuckDB on the same data as the reference.

    .venv/bin/python bench/stats_bench.py [--patents 5000000] [--year 2022] [--repeat 5]
        [--keep DIR | --reuse DIR] [--postgres postgres://user@host:port/db]

1. Builds a fresh SQLite database (`ipbureau init` in a subprocess, then raw executemany
   INSERTs through Django's connection, secondary indexes dropped during the load and made
   again after): N patents filed 2013–2022 (volume growing ~12%/year), grants lagging by
   type, ~70% in Gansu (兰州 about 45% of those) and ~30% in other provinces, ~200k
   organisations with kinds, ~2k agencies, ~60% filed through an agency. Then
   `patent_counts_rebuild()` (timed) and ANALYZE. --keep DIR keeps the database there,
   --reuse DIR measures an existing one (no generation).
2. In-process, best of --repeat after one warm-up: exactly the selector calls one
   province dashboard page makes (dashboard/views.py: figures by city, monthly_trend,
   top_applicants, top_agencies) for a whole year, and `figures(by="city")` for the year,
   for a year-to-date ending mid-month and for cumulative; then `ipbureau stats --year Y
   --by city --format json` as a subprocess (wall time, includes Python start-up).
3. DuckDB: the patents table exported to CSV (not timed) and loaded into an in-memory
   DuckDB; the same aggregates as SQL, best of --repeat.
4. --postgres URL: `ipbureau init` there, the same tables copied with COPY, rebuild,
   VACUUM ANALYZE (as autovacuum would after the load), the same measurements.

Prints a markdown section for bench/RESULTS.md. Slow calls (over the 200 ms goal) get their
slowest SQL statements and the plan (EXPLAIN QUERY PLAN / EXPLAIN) printed as well.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import shlex
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
GOAL_MS = 200.0
FIRST_YEAR, LAST_YEAR = 2013, 2022
PROVINCE = "620000"
ORGS = 200_000
AGENCIES = 2_000
BATCH = 50_000
KINDS = [
    ("enterprise", 62), ("individual", 20), ("university", 10), ("institute", 5),
    ("public_body", 2), ("unknown", 1),
]  # fmt: skip
TYPES = [("invention", 30), ("utility", 55), ("design", 15)]
IPC = "ABCDEFGH"
PATENT_COLUMNS = [
    "id", "application_number", "patent_type", "is_pct", "filing_date", "publication_number",
    "publication_date", "grant_number", "grant_date", "title", "abstract", "ipc_main", "ipc",
    "inventors", "address", "postcode", "placement", "agents", "legal_status", "created_at",
    "updated_at", "agency_id", "first_applicant_id", "last_import_id", "region_id",
]  # fmt: skip
DUCK_COLUMNS = [
    "id", "region_id", "filing_date", "grant_date", "patent_type", "is_pct", "agency_id",
    "first_applicant_id",
]  # fmt: skip


def env_for(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {**os.environ, "DEBUG": "1", "IPBUREAU_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def django_setup(data_dir: Path, database_url: str | None = None) -> None:
    os.environ.update(env_for(data_dir, database_url))
    if not database_url:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipbureau.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def run_init(data_dir: Path, database_url: str | None = None) -> None:
    subprocess.run(
        [str(VENV_BIN / "ipbureau"), "init"], env=env_for(data_dir, database_url),
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


# --------------------------------------------------------------------------- generation


def weighted(pairs, rng: random.Random, k: int) -> list:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=k)


def region_pool(cursor) -> list[tuple[str, float]]:
    """(region code, weight): Gansu 70% (兰州 45% of it), other provinces 30%."""
    cursor.execute("SELECT code, level, parent_id FROM regions_region")
    regions = cursor.fetchall()
    gansu_cities = [c for c, lvl, _ in regions if lvl == 2 and c.startswith("62")]
    counties: dict[str, list[str]] = {}
    for code, lvl, parent in regions:
        if lvl == 3 and code.startswith("62"):
            counties.setdefault(parent, []).append(code)
    pool: list[tuple[str, float]] = []
    for city in gansu_cities:
        share = 0.70 * (0.45 if city == "620100" else 0.55 / (len(gansu_cities) - 1))
        leaves = counties.get(city) or [city]
        # A tenth filed at the city level itself (the address named only the city).
        pool.append((city, share * 0.1))
        for county in leaves:
            pool.append((county, share * 0.9 / len(leaves)))
    others = [c for c, lvl, _ in regions if lvl == 2 and not c.startswith("62")]
    for city in others:
        pool.append((city, 0.30 / len(others)))
    return pool


def generate_sqlite(n: int, seed: int = 20240601) -> dict[str, float]:
    from django.db import connection, transaction

    rng = random.Random(seed)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        pool = region_pool(cursor)
        codes = [c for c, _ in pool]
        cum = []
        acc = 0.0
        for _, w in pool:
            acc += w
            cum.append(acc)
        # Secondary indexes are made again after the load: B-tree inserts in key order.
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name IN "
            "('patents_patent','orgs_organization','orgs_agency') AND sql IS NOT NULL"
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    now = "2023-06-30 00:00:00"
    with transaction.atomic(), connection.cursor() as cursor:
        kinds = weighted(KINDS, rng, ORGS)
        org_regions = rng.choices(codes, cum_weights=cum, k=ORGS)
        cursor.executemany(
            "INSERT INTO orgs_organization (id, name, normalized_name, kind, kind_manual, "
            "credit_code, region_id) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (i, f"申请人{i:06d}有限公司", f"申请人{i:06d}", kinds[i - 1], False, "",
                 org_regions[i - 1])
                for i in range(1, ORGS + 1)
            ],
        )  # fmt: skip
        cursor.executemany(
            "INSERT INTO orgs_agency (id, name, normalized_name, code) VALUES (%s, %s, %s, %s)",
            [
                (i, f"代理机构{i:04d}事务所", f"代理机构{i:04d}", f"{i:05d}")
                for i in range(1, AGENCIES + 1)
            ],
        )
    # Dates as ISO strings, looked up by day offset.
    epoch = dt.date(FIRST_YEAR, 1, 1)
    days = [(epoch + dt.timedelta(d)).isoformat() for d in range(365 * 13)]
    year_offsets = [(dt.date(y, 1, 1) - epoch).days for y in range(FIRST_YEAR, LAST_YEAR + 2)]
    year_weights = [1.12**i for i in range(LAST_YEAR - FIRST_YEAR + 1)]
    last_grant = (dt.date(2023, 6, 30) - epoch).days
    lag = {"invention": (500, 1400, 0.55), "utility": (120, 360, 0.92), "design": (90, 240, 0.93)}
    type_values = [t for t, _ in TYPES]
    type_cum = [30, 85, 100]
    sql = (
        f"INSERT INTO patents_patent ({', '.join(PATENT_COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(PATENT_COLUMNS))})"
    )
    rand, choices = rng.random, rng.choices
    pid = 0
    while pid < n:
        size = min(BATCH * 10, n - pid)
        years = choices(range(len(year_weights)), weights=year_weights, k=size)
        regions = choices(codes, cum_weights=cum, k=size)
        types = choices(type_values, cum_weights=type_cum, k=size)
        rows = []
        for i in range(size):
            pid += 1
            y = years[i]
            start = year_offsets[y]
            filed = start + int(rand() * (year_offsets[y + 1] - start))
            patent_type = types[i]
            lo, hi, p = lag[patent_type]
            granted = filed + lo + int(rand() * (hi - lo)) if rand() < p else None
            grant = days[granted] if granted is not None and granted <= last_grant else None
            agency = 1 + int(AGENCIES * rand() ** 2.5) if rand() < 0.6 else None
            applicant = 1 + int(ORGS * rand() ** 3)
            is_pct = patent_type == "invention" and rand() < 0.03
            region = regions[i]
            rows.append(
                (
                    pid, f"{FIRST_YEAR + y}{pid:09d}.X", patent_type, is_pct, days[filed], "",
                    None, "", grant, "专利", "", f"{IPC[pid % 8]}01B", "", "", "", "",
                    "structured", "", "", now, now, agency, applicant, None, region,
                )
            )  # fmt: skip
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        print(f"  {pid:,} patents", file=sys.stderr, flush=True)
    timings["insert_s"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    with connection.cursor() as cursor:
        for _, ddl in indexes:
            cursor.execute(ddl)
    timings["indexes_s"] = time.perf_counter() - t1
    return timings


def rebuild_and_analyze() -> dict[str, float]:
    from django.db import connection

    from ipbureau.patents.counts.services import patent_counts_rebuild

    t0 = time.perf_counter()
    rows = patent_counts_rebuild()
    rebuild = time.perf_counter() - t0
    t1 = time.perf_counter()
    with connection.cursor() as cursor:
        # On PostgreSQL also VACUUM: what autovacuum does shortly after a load (inserts
        # trigger it since PostgreSQL 13); it marks the pages all-visible, without which
        # a covering index still reads a table row per entry (no index-only scan).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"rebuild_s": rebuild, "summary_rows": rows, "analyze_s": time.perf_counter() - t1}


# --------------------------------------------------------------------------- measuring


def best_of(fn, repeat: int) -> tuple[float, float, object]:
    result = fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times), max(times), result


def measure_selectors(year: int, repeat: int) -> dict:
    from django.db import connection, reset_queries

    from ipbureau.accounts.selectors import Scope
    from ipbureau.figures.periods import period_for
    from ipbureau.patents import figures as stats

    scope = Scope(prefix=None)
    year_p = period_for(year, "year")
    ytd_p = period_for(year, "YTD", dt.date(year, 6, 15))
    cum_p = period_for(year, "cumulative")
    code = PROVINCE

    calls = {
        "figures(by=city) year": lambda: stats.figures(
            scope=scope, region_code=code, period=year_p, by="city"
        ),
        "monthly_trend": lambda: stats.monthly_trend(scope=scope, region_code=code, year=year),
        "top_applicants year": lambda: stats.top_applicants(
            scope=scope, region_code=code, period=year_p, limit=10
        ),
        "top_agencies year": lambda: stats.top_agencies(
            scope=scope, region_code=code, period=year_p, limit=10
        ),
    }

    def page() -> None:
        for fn in calls.values():
            fn()

    extra = {
        f"figures(by=city) YTD to {ytd_p.end}": lambda: stats.figures(
            scope=scope, region_code=code, period=ytd_p, by="city"
        ),
        "figures(by=city) cumulative": lambda: stats.figures(
            scope=scope, region_code=code, period=cum_p, by="city"
        ),
        f"top_applicants YTD to {ytd_p.end}": lambda: stats.top_applicants(
            scope=scope, region_code=code, period=ytd_p, limit=10
        ),
        f"top_agencies YTD to {ytd_p.end}": lambda: stats.top_agencies(
            scope=scope, region_code=code, period=ytd_p, limit=10
        ),
    }

    def page_ytd() -> None:
        # The page for the current year: the same four calls for a year-to-date.
        stats.figures(scope=scope, region_code=code, period=ytd_p, by="city")
        stats.monthly_trend(scope=scope, region_code=code, year=year)
        stats.top_applicants(scope=scope, region_code=code, period=ytd_p, limit=10)
        stats.top_agencies(scope=scope, region_code=code, period=ytd_p, limit=10)

    results: dict[str, dict] = {}
    best, worst, _ = best_of(page, repeat)
    results["dashboard page (all 4 calls)"] = {"best": best, "worst": worst}
    best, worst, _ = best_of(page_ytd, repeat)
    results[f"dashboard page YTD to {ytd_p.end} (all 4 calls)"] = {"best": best, "worst": worst}
    for name, fn in {**calls, **extra}.items():
        best, worst, out = best_of(fn, repeat)
        entry = {"best": best, "worst": worst}
        if best > GOAL_MS:
            reset_queries()
            fn()
            slow = sorted(connection.queries, key=lambda q: -float(q["time"]))[:2]
            entry["slow_sql"] = [
                {"ms": float(q["time"]) * 1000, "sql": q["sql"], "plan": explain(q["sql"])}
                for q in slow
            ]
        results[name] = entry
    import io

    from django.core.management import call_command

    def command() -> None:
        args = ["--year", str(year), "--by", "city", "--format", "json"]
        call_command("stats", *args, stdout=io.StringIO())

    best, worst, _ = best_of(command, repeat)
    results["ipbureau stats --by city, in-process (call_command)"] = {"best": best, "worst": worst}
    sample = stats.figures(scope=scope, region_code=code, period=year_p, by="city")["total"]
    return {"timings": results, "total": sample}


def explain(sql: str) -> str:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        rows = cursor.fetchall()
    if connection.vendor == "sqlite":
        return "\n".join(f"{r[0]}|{r[1]}| {r[3]}" for r in rows)
    return "\n".join(r[0] for r in rows)


def measure_cli(env: dict, year: int, repeat: int) -> dict:
    cmd = [
        str(VENV_BIN / "ipbureau"), "stats", "--year", str(year), "--by", "city",
        "--format", "json",
    ]  # fmt: skip
    times = []
    out = ""
    for _ in range(repeat + 1):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        times.append((time.perf_counter() - t0) * 1000)
        out = proc.stdout
    total = json.loads(out)["total"]
    # The interpreter, django.setup() and the command's imports, no query: `stats --help`.
    floor = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(
            [str(VENV_BIN / "ipbureau"), "stats", "--help"], env=env, capture_output=True,
            check=True,
        )  # fmt: skip
        floor.append((time.perf_counter() - t0) * 1000)
    return {
        "best": min(times[1:]), "worst": max(times[1:]), "applications": total["applications"],
        "grants": total["grants"], "import_floor_ms": min(floor), "cmd": shlex.join(cmd[1:]),
    }  # fmt: skip


# --------------------------------------------------------------------------- DuckDB


def export_csv(db: Path, out: Path) -> int:
    con = sqlite3.connect(db)
    n = 0
    with out.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(DUCK_COLUMNS)
        cur = con.execute(f"SELECT {', '.join(DUCK_COLUMNS)} FROM patents_patent")
        while rows := cur.fetchmany(100_000):
            writer.writerows(rows)
            n += len(rows)
    for table, cols in (("orgs_organization", "id, name, kind"), ("orgs_agency", "id, name")):
        with (out.parent / f"{table}.csv").open("w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(cols.split(", "))
            writer.writerows(con.execute(f"SELECT {cols} FROM {table}"))
    con.close()
    return n


def duckdb_reference(csv_path: Path, year: int, repeat: int) -> dict:
    import duckdb

    con = duckdb.connect()
    t0 = time.perf_counter()
    con.execute(
        f"CREATE TABLE p AS SELECT * FROM read_csv('{csv_path}', header=true, columns={{"
        "'id': 'BIGINT', 'region_id': 'VARCHAR', 'filing_date': 'DATE', 'grant_date': 'DATE',"
        "'patent_type': 'VARCHAR', 'is_pct': 'BOOLEAN', 'agency_id': 'BIGINT',"
        "'first_applicant_id': 'BIGINT'})"
    )
    for table in ("orgs_organization", "orgs_agency"):
        con.execute(
            f"CREATE TABLE {table} AS SELECT * FROM read_csv('{csv_path.parent / table}.csv')"
        )
    load = time.perf_counter() - t0
    y0, y1 = f"DATE '{year}-01-01'", f"DATE '{year}-12-31'"
    b0, b1 = f"DATE '{year - 1}-01-01'", f"DATE '{year - 1}-12-31'"
    m0 = f"DATE '{year - 1}-01-01'"
    gansu = "region_id >= '62' AND region_id < '63'"
    queries = {
        # applications and grants per city, year and base year, by type, PCT, agency.
        "figures by city (year + base)": f"""
            SELECT substr(region_id, 1, 4) AS city,
              count(*) FILTER (WHERE filing_date BETWEEN {y0} AND {y1}) AS apps,
              count(*) FILTER (WHERE filing_date BETWEEN {y0} AND {y1}
                               AND patent_type = 'invention') AS inv_apps,
              count(*) FILTER (WHERE filing_date BETWEEN {y0} AND {y1}
                               AND patent_type = 'utility') AS util_apps,
              count(*) FILTER (WHERE filing_date BETWEEN {y0} AND {y1}
                               AND patent_type = 'design') AS design_apps,
              count(*) FILTER (WHERE filing_date BETWEEN {y0} AND {y1} AND is_pct) AS pct,
              count(*) FILTER (WHERE filing_date BETWEEN {y0} AND {y1}
                               AND agency_id IS NOT NULL) AS agency_filed,
              count(*) FILTER (WHERE filing_date BETWEEN {b0} AND {b1}) AS apps_base,
              count(*) FILTER (WHERE grant_date BETWEEN {y0} AND {y1}) AS grants,
              count(*) FILTER (WHERE grant_date BETWEEN {y0} AND {y1}
                               AND patent_type = 'invention') AS inv_grants,
              count(*) FILTER (WHERE grant_date BETWEEN {b0} AND {b1}) AS grants_base
            FROM p WHERE {gansu}
              AND (filing_date BETWEEN {b0} AND {y1} OR grant_date BETWEEN {b0} AND {y1})
            GROUP BY city ORDER BY city""",
        "monthly trend (2 years)": f"""
            SELECT date_trunc('month', filing_date) AS m, count(*) FROM p
            WHERE {gansu} AND filing_date BETWEEN {m0} AND {y1} GROUP BY m ORDER BY m""",
        "top applicants (+ their grants)": f"""
            WITH top AS (
              SELECT first_applicant_id AS k, count(*) AS n,
                     count(*) FILTER (WHERE patent_type = 'invention') AS inv
              FROM p WHERE {gansu} AND filing_date BETWEEN {y0} AND {y1}
              GROUP BY k ORDER BY n DESC, k LIMIT 10)
            SELECT top.*, o.name, o.kind,
              (SELECT count(*) FROM p WHERE {gansu} AND grant_date BETWEEN {y0} AND {y1}
                 AND p.first_applicant_id = top.k) AS grants
            FROM top JOIN orgs_organization o ON o.id = top.k ORDER BY n DESC, top.k""",
        "top agencies (+ share)": f"""
            WITH f AS (SELECT * FROM p WHERE {gansu} AND filing_date BETWEEN {y0} AND {y1}
                       AND agency_id IS NOT NULL),
            top AS (SELECT agency_id AS k, count(*) AS n,
                           count(*) FILTER (WHERE patent_type = 'invention') AS inv
                    FROM f GROUP BY k ORDER BY n DESC, k LIMIT 10)
            SELECT top.*, a.name, round(100.0 * n / (SELECT count(*) FROM f), 1) AS share
            FROM top JOIN orgs_agency a ON a.id = top.k ORDER BY n DESC, top.k""",
    }
    results: dict[str, dict] = {}

    def page() -> None:
        for sql in queries.values():
            con.execute(sql).fetchall()

    best, worst, _ = best_of(page, repeat)
    results["dashboard page (all 4 queries)"] = {"best": best, "worst": worst}
    totals = None
    for name, sql in queries.items():
        best, worst, rows = best_of(lambda sql=sql: con.execute(sql).fetchall(), repeat)
        results[name] = {"best": best, "worst": worst}
        if name.startswith("figures"):
            totals = {"applications": sum(r[1] for r in rows), "grants": sum(r[8] for r in rows)}
    return {
        "timings": results, "total": totals, "load_s": load, "version": duckdb.__version__,
        "threads": con.execute("SELECT current_setting('threads')").fetchone()[0],
    }  # fmt: skip


# --------------------------------------------------------------------------- PostgreSQL


def copy_to_postgres(sqlite_db: Path) -> dict[str, float]:
    from django.db import connection

    src = sqlite3.connect(sqlite_db)
    t0 = time.perf_counter()
    connection.ensure_connection()
    pg = connection.connection
    tables = {
        "orgs_organization": [
            "id", "name", "normalized_name", "kind", "kind_manual", "credit_code", "region_id"
        ],
        "orgs_agency": ["id", "name", "normalized_name", "code"],
        "patents_patent": PATENT_COLUMNS,
    }  # fmt: skip
    bools = {"kind_manual", "is_pct"}
    with pg.cursor() as cur:
        cur.execute("TRUNCATE patents_patent, orgs_organization, orgs_agency CASCADE")
        for table, cols in tables.items():
            flags = [c in bools for c in cols]
            with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                rows = src.execute(f"SELECT {', '.join(cols)} FROM {table}")
                while batch := rows.fetchmany(50_000):
                    for row in batch:
                        copy.write_row(
                            [bool(v) if f else v for v, f in zip(row, flags, strict=True)]
                        )
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    pg.commit()
    src.close()
    return {"copy_s": time.perf_counter() - t0}


# --------------------------------------------------------------------------- driver


def worker(args: argparse.Namespace) -> None:
    """One database: generate (SQLite) or copy (PostgreSQL), rebuild, measure; JSON out."""
    data_dir = Path(args.data_dir)
    django_setup(data_dir, args.database_url)
    out: dict = {}
    if args.database_url and not args.postgres_loaded:
        out.update(copy_to_postgres(data_dir / "ipbureau.sqlite3"))
        out.update(rebuild_and_analyze())
    elif args.generate:
        out.update(generate_sqlite(args.patents))
        out.update(rebuild_and_analyze())
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM patents_patent")
        out["patents"] = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM stats_patentmonthtotal")
        out["month_total_rows"] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        )
        out["db_version"] = cursor.fetchone()[0]
    out.update(measure_selectors(args.year, args.repeat))
    print(json.dumps(out, default=str))


def run_worker(args, data_dir: Path, database_url: str | None, generate: bool) -> dict:
    cmd = [
        sys.executable, __file__, "--worker", "--data-dir", str(data_dir), "--year",
        str(args.year), "--repeat", str(args.repeat), "--patents", str(args.patents),
    ]  # fmt: skip
    if database_url:
        cmd += ["--database-url", database_url]
    if generate:
        cmd.append("--generate")
    if args.postgres_loaded:
        cmd.append("--postgres-loaded")
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fmt(ms: float) -> str:
    return f"{ms:,.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--patents", type=int, default=5_000_000)
    parser.add_argument("--year", type=int, default=LAST_YEAR)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR", help="build the database in DIR and keep it")
    parser.add_argument("--reuse", metavar="DIR", help="measure the database kept in DIR")
    parser.add_argument("--postgres", metavar="URL", help="also measure on this PostgreSQL")
    parser.add_argument(
        "--postgres-loaded", action="store_true",
        help="with --reuse: the PostgreSQL database already holds this data (an earlier "
        "run copied it); measure only",
    )  # fmt: skip
    parser.add_argument("--no-duckdb", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()
    tmp = None
    if args.reuse:
        data_dir, generate = Path(args.reuse).resolve(), False
    else:
        if args.keep:
            data_dir = Path(args.keep).resolve()
            data_dir.mkdir(parents=True, exist_ok=True)
        else:
            tmp = tempfile.TemporaryDirectory(prefix="stats_bench_")
            data_dir = Path(tmp.name)
        if (data_dir / "ipbureau.sqlite3").exists():
            sys.exit(f"{data_dir} already holds a database: use --reuse")
        generate = True
        run_init(data_dir)
    t0 = time.perf_counter()
    sqlite_res = run_worker(args, data_dir, None, generate)
    sqlite_res["worker_s"] = time.perf_counter() - t0
    sqlite_res["cli"] = measure_cli(env_for(data_dir), args.year, args.repeat)

    duck = None
    if not args.no_duckdb:
        csv_path = data_dir / "patents.csv"
        if not csv_path.exists():
            export_csv(data_dir / "ipbureau.sqlite3", csv_path)
        duck = duckdb_reference(csv_path, args.year, args.repeat)

    pg = None
    if args.postgres:
        if not args.postgres_loaded:
            run_init(data_dir, args.postgres)
        t0 = time.perf_counter()
        pg = run_worker(args, data_dir, args.postgres, False)
        pg["worker_s"] = time.perf_counter() - t0
        pg["cli"] = measure_cli(env_for(data_dir, args.postgres), args.year, args.repeat)

    report = {
        "started": started.isoformat(timespec="seconds"), "load_before": load_before,
        "load_after": os.getloadavg(), "sqlite": sqlite_res, "duckdb": duck, "postgres": pg,
        "data_dir": str(data_dir), "argv": sys.argv[1:],
    }  # fmt: skip
    (data_dir / "stats_bench.json").write_text(json.dumps(report, indent=1, default=str))
    print(markdown(report, args))
    if tmp is not None:
        tmp.cleanup()


def markdown(r: dict, args: argparse.Namespace) -> str:
    import django

    s, d, p = r["sqlite"], r["duckdb"], r["postgres"]
    load = lambda t: " ".join(f"{x:.2f}" for x in t)  # noqa: E731
    lines = [
        f"- date: {r['started']} · `uname -m`: {platform.machine()} · `nproc`: {os.cpu_count()}"
        f" · load average before/after: {load(r['load_before'])} / {load(r['load_after'])}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, SQLite "
        f"{s['db_version']}"
        + (f", DuckDB {d['version']} ({d['threads']} threads)" if d else "")
        + (f", PostgreSQL {p['db_version']}" if p else ""),
        f"- command: `.venv/bin/python bench/stats_bench.py {shlex.join(r['argv'])}`",
        f"- data: {s['patents']:,} patents filed {FIRST_YEAR}–{LAST_YEAR}; measured year "
        f"{args.year} (base {args.year - 1}); {s['month_total_rows']:,} PatentMonthTotal rows",
    ]
    if "insert_s" in s:
        lines.append(
            f"- build (not the importer): inserts {s['insert_s']:.0f} s, indexes "
            f"{s['indexes_s']:.0f} s, `patent_counts_rebuild()` {s['rebuild_s']:.1f} s, "
            f"ANALYZE {s['analyze_s']:.1f} s"
        )
    if p and "copy_s" in p:
        lines.append(
            f"- PostgreSQL: COPY {p['copy_s']:.0f} s, `patent_counts_rebuild()` "
            f"{p['rebuild_s']:.1f} s, VACUUM ANALYZE {p['analyze_s']:.1f} s"
        )
    if d:
        lines.append(f"- DuckDB: CSV load {d['load_s']:.1f} s (not counted)")
    lines += [
        "",
        f"Server time, ms, best of {args.repeat} after one warm-up (worst in brackets); "
        f"goal < {GOAL_MS:.0f} ms.",
        "",
        "| call | SQLite | " + ("PostgreSQL | " if p else "") + "goal |",
        "|---|---:|" + ("---:|" if p else "") + "---|",
    ]
    for name, t in s["timings"].items():
        cells = [f"{fmt(t['best'])} ({fmt(t['worst'])})"]
        if p:
            pt = p["timings"][name]
            cells.append(f"{fmt(pt['best'])} ({fmt(pt['worst'])})")
        ok = (
            "ok"
            if t["best"] < GOAL_MS and (not p or p["timings"][name]["best"] < GOAL_MS)
            else ("**MISS**")
        )
        lines.append(f"| `{name}` | {' | '.join(cells)} | {ok} |")
    c = s["cli"]
    cells = [f"{fmt(c['best'])} ({fmt(c['worst'])})"]
    if p:
        cells.append(f"{fmt(p['cli']['best'])} ({fmt(p['cli']['worst'])})")
    lines.append(f"| `ipbureau {c['cmd']}` (subprocess wall) | {' | '.join(cells)} | — |")
    lines.append(
        f"| `ipbureau stats --help` (start-up floor, no query) | {fmt(c['import_floor_ms'])} |"
        + (f" {fmt(p['cli']['import_floor_ms'])} |" if p else "")
        + " — |"
    )
    if d:
        lines += ["", "DuckDB reference, same data, the same aggregates as SQL (ms, best of "
                  f"{args.repeat}):", "", "| query | DuckDB |", "|---|---:|"]  # fmt: skip
        for name, t in d["timings"].items():
            lines.append(f"| {name} | {fmt(t['best'])} ({fmt(t['worst'])}) |")
    lines += ["", "Cross-check, province total for the year (applications / grants): "
              f"SQLite figures {s['total']['applications']:,} / {s['total']['grants']:,}; "
              f"CLI {c['applications']:,} / {c['grants']:,}"]  # fmt: skip
    if d:
        lines[-1] += f"; DuckDB {d['total']['applications']:,} / {d['total']['grants']:,}"
    if p:
        lines[-1] += f"; PostgreSQL {p['total']['applications']:,} / {p['total']['grants']:,}"
    for label, res in (("SQLite", s), ("PostgreSQL", p)):
        for name, t in (res or {}).get("timings", {}).items():
            for q in t.get("slow_sql", []):
                lines += [
                    "", f"Slow on {label}: `{name}` — statement of {q['ms']:.0f} ms:", "",
                    "```sql", q["sql"][:1500], "```", "", "plan:", "", "```", q["plan"], "```",
                ]  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    main()
