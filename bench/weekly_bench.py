"""A weekly import on top of an empty, a 500,000- and a 5,000,000-patent database: with the
statistics summaries kept by deltas its cost should follow the week, not the database.

    .venv/bin/python bench/weekly_bench.py [--bases 0,500000,5000000] [--repeat 3]
        [--weekly FILE] [--workdir DIR] [--keep]

1. For each base size N: a SQLite database with N synthetic patents (stats_bench.py's
   generator: 2013–2022, Gansu-heavy, raw INSERTs) and its summaries rebuilt, built once in
   DIR/base-N (kept there with --keep, reused when present).
2. Per repeat: the base copied to a scratch directory (not timed), then
   `ipbureau import patents WEEKLY --json` as a subprocess, timed (wall). The default WEEKLY
   is CNIPA's real weekly publication of 2017-07-25 (6,981 invention applications) from
   ../shared/realdata (IPBUREAU_REALDATA to point elsewhere).

Prints a markdown section for bench/RESULTS.md: best and spread per base, and each base's
best as a multiple of the empty database's (the goal: at most 2x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stats_bench  # noqa: E402  (the generator, next to this file)

ROOT = Path(__file__).resolve().parents[1]
REALDATA = Path(os.environ.get("IPBUREAU_REALDATA", ROOT.parent / "shared" / "realdata"))
WEEKLY = REALDATA / "cnipa-2017" / "A" / "CN-BIBS-ABSS-10-A_20170725.csv.gz"


def build_base(directory: Path, patents: int) -> None:
    """`ipbureau init`, then N patents and the summaries, in a worker process."""
    directory.mkdir(parents=True, exist_ok=True)
    stats_bench.run_init(directory)
    if patents:
        subprocess.run(
            [sys.executable, __file__, "--worker", str(directory), str(patents)], check=True
        )


def worker(directory: Path, patents: int) -> None:
    stats_bench.django_setup(directory)
    stats_bench.generate_sqlite(patents)
    stats_bench.rebuild_and_analyze()


def timed_import(base: Path, weekly: Path) -> tuple[float, dict]:
    with tempfile.TemporaryDirectory(dir=base.parent) as scratch:
        data_dir = Path(scratch)
        for name in os.listdir(base):
            if name.startswith("ipbureau.sqlite3"):
                shutil.copy(base / name, data_dir / name)
        env = stats_bench.env_for(data_dir)
        command = [str(stats_bench.VENV_BIN / "ipbureau"), "import", "patents", str(weekly)]
        t0 = time.perf_counter()
        proc = subprocess.run(
            [*command, "--json"], env=env, capture_output=True, text=True, check=True
        )
        seconds = time.perf_counter() - t0
    return seconds, json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bases", default="0,500000,5000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--weekly", type=Path, default=WEEKLY)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the base databases")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker[0]), int(args.worker[1]))
        return
    if not args.weekly.is_file():
        sys.exit(f"weekly file not found: {args.weekly} (set IPBUREAU_REALDATA or --weekly)")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="weekly-bench-"))
    results = []
    for size in [int(s) for s in args.bases.split(",")]:
        base = workdir / f"base-{size}"
        if not (base / "ipbureau.sqlite3").exists():
            t0 = time.perf_counter()
            build_base(base, size)
            print(f"base {size:,}: built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        times, summary = [], {}
        for _ in range(args.repeat):
            seconds, summary = timed_import(base, args.weekly)
            times.append(seconds)
            print(f"base {size:,}: {seconds:.2f} s {summary}", file=sys.stderr, flush=True)
        results.append((size, min(times), max(times), summary))
        if not args.keep:
            shutil.rmtree(base)
    empty = results[0][1]
    print(f"\n## Weekly import by deltas ({dt.date.today()}, {platform.node()}, "
          f"{os.cpu_count()} cores)\n")  # fmt: skip
    print(f"`.venv/bin/python bench/weekly_bench.py --bases {args.bases} --repeat "
          f"{args.repeat}`, file `{args.weekly.name}`\n")  # fmt: skip
    print("| patents before | import (best) | spread | × first base | inserted | updated |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, best, worst, summary in results:
        print(
            f"| {size:,} | {best:.2f} s | {worst - best:.2f} s | {best / empty:.2f} | "
            f"{summary.get('inserted', '?'):,} | {summary.get('updated', '?'):,} |"
        )


if __name__ == "__main__":
    main()
