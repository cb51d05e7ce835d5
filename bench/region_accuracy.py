"""Accuracy and throughput of address -> region placement on the labelled real-data set.

    .venv/bin/python bench/region_accuracy.py [--no-cpca]

Compares ipbureau's RegionResolver with cpca 0.5.5 (only if installed; it is not a dependency)
on the same labels (src/ipbureau/regions/tests/data/gansu_labels.csv) and the same CNIPA 2017
rows (IPBUREAU_REALDATA, default ../shared/realdata). Prints a markdown table for README /
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

try:
    import ipbureau  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
# The labelled set is a test helper: it reads the real data through testing/ipbureau_testing.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "testing"))

from ipbureau.regions.resolver import RegionResolver
from ipbureau.regions.tests.labelled import (
    FOREIGN,
    Labelled,
    load_labelled,
    read_all_rows,
    realdata_dir,
)
from ipbureau.regions.tests.traps import TRAPS
from ipbureau.regions.tree import load_regions

# A placer maps (address, postcode) pairs to codes (None = not placed / foreign).
Placer = Callable[[Sequence[tuple[str, str]]], list[str | None]]


def ours_placer() -> Placer:
    resolver = RegionResolver(load_regions())
    return lambda pairs: [resolver.resolve(a, p).code for a, p in pairs]


def cpca_placer() -> Placer | None:
    try:
        import cpca  # type: ignore[import-untyped]
    except ImportError:
        return None

    def place(pairs: Sequence[tuple[str, str]]) -> list[str | None]:
        codes = cpca.transform([a for a, _ in pairs])["adcode"].tolist()
        return [c if isinstance(c, str) and len(c) == 6 else None for c in codes]

    return place


def city(code: str | None) -> str | None:
    if code is None:
        return None
    if code[:2] in ("11", "12", "31") and code[2:4] == "00":
        return code[:2] + "0100"  # 北京市 and 北京市辖区 are the same city
    return code if code[2:4] == "00" else code[:4] + "00"


def score(items: list[Labelled], codes: list[str | None], all_gansu: int) -> dict[str, object]:
    pos = [(x, c) for x, c in zip(items, codes, strict=True) if x.gansu]
    neg = [(x, c) for x, c in zip(items, codes, strict=True) if not x.gansu]
    sample = [(x, c) for x, c in neg if x.note == "sample"]

    def province_ok(x: Labelled, c: str | None) -> bool:
        return c is None if x.expected == FOREIGN else c is not None and c[:2] == x.expected[:2]

    return {
        "gansu_n": len(pos),
        "correct": sum(city(c) == x.expected for x, c in pos),
        "wrong": sum(c is not None and city(c) != x.expected for x, c in pos),
        "unplaced": sum(c is None for _, c in pos),
        "neg_n": len(neg),
        "neg_in_gansu": sum(c is not None and c.startswith("62") for _, c in neg),
        "neg_province_ok": sum(province_ok(x, c) for x, c in neg),
        "sample_n": len(sample),
        "sample_ok": sum(province_ok(x, c) for x, c in sample),
        "all_gansu": all_gansu,
    }


def trap_failures(place: Placer) -> list[str]:
    """Named traps (tests/traps.py) missed at city level; foreign and unplaced both count as
    "not placed" here, because cpca has no separate foreign answer. cpca reads no postcodes, so
    the traps that need one (chengguan_*_by_postcode, *_postcode_*) count against it."""
    codes = place([(a or "", p or "") for _, a, p, _ in TRAPS])
    failed = []
    for (name, _, _, expected), code in zip(TRAPS, codes, strict=True):
        want = None if expected in (None, FOREIGN) else expected
        if (code is None) != (want is None) or (code and want and city(code) != city(want)):
            failed.append(name)
    return failed


def best_rate(run: Callable[[], object], count: int, repeats: int) -> float:
    """Items per second of the fastest of `repeats` runs (the machine may be busy)."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t)
    return count / best


def measure(
    ours: bool,
    factory: Callable[[], Placer],
    rows: list[tuple[str, str]],
    distinct: list[tuple[str, str]],
    n: int,
) -> tuple[float, float, float, float]:
    """(file order, distinct, repeated, one at a time) rates in items per second."""
    if ours:
        fresh = iter([factory() for _ in range(n)])  # each timing starts with an empty cache
        rate_all = best_rate(lambda: next(fresh)(rows), len(rows), n)
        warm = factory()
        warm(rows)
        rate_repeat = best_rate(lambda: warm(rows), len(rows), n)
        resolver = RegionResolver(load_regions())
        rate_distinct = best_rate(
            lambda: [resolver._resolve(a, p, None, None, None) for a, p in distinct],
            len(distinct),
            n,
        )
        return rate_all, rate_distinct, rate_repeat, rate_distinct  # one call per address anyway
    place = factory()
    rate_all = best_rate(lambda: place(rows), len(rows), n)
    rate_distinct = best_rate(lambda: place(distinct), len(distinct), n)
    # cpca is fast only in batches; the importer resolves one record at a time.
    sub = distinct[:2000]
    single = best_rate(lambda: [place([pair]) for pair in sub], len(sub), n)
    return rate_all, rate_distinct, rate_all, single


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-cpca", action="store_true", help="skip cpca even if installed")
    parser.add_argument("--repeats", type=int, default=3, help="timing runs; the best is kept")
    args = parser.parse_args()
    if not (realdata_dir() / "cnipa-2017").is_dir():
        print(f"real data not found at {realdata_dir()} (set IPBUREAU_REALDATA)", file=sys.stderr)
        return 2

    first: dict[str, Labelled] = {}
    for x in load_labelled():  # one row per application: the first in file order
        first.setdefault(x.application_number, x)
    items = list(first.values())
    all_rows = read_all_rows()
    rows = [(a, p) for _, a, p in all_rows]
    distinct = list(dict.fromkeys(rows))
    gansu_apps = {x.application_number for x in items if x.gansu}
    pairs = [(x.address, x.postcode) for x in items]

    factories: dict[str, Callable[[], Placer]] = {"ipbureau RegionResolver": ours_placer}
    if not args.no_cpca and cpca_placer() is not None:
        factories["cpca 0.5.5"] = cpca_placer  # type: ignore[dict-item]

    results = []
    traps: dict[str, list[str]] = {}
    for name, factory in factories.items():
        codes = factory()(pairs)
        all_codes = factory()(rows)
        all_gansu = sum(
            1
            for (app, _, _), c in zip(all_rows, all_codes, strict=True)
            if c is not None and c.startswith("62") and app not in gansu_apps
        )
        rates = measure(name.startswith("ipbureau"), factory, rows, distinct, args.repeats)
        results.append((name, score(items, codes, all_gansu), *rates))
        traps[name] = trap_failures(factory())

    cmd = "python " + " ".join(shlex.quote(a) for a in sys.argv)
    print(
        f"Region placement on labelled CNIPA 2017 rows, {dt.date.today().isoformat()}, "
        f"`uname -m` {platform.machine()}, `nproc` {os.cpu_count()}, command `{cmd}`\n"
    )
    s0 = results[0][1]
    print(
        f"Labelled set: {s0['gansu_n']} Gansu applications (city level), "
        f"{s0['neg_n']} others ({s0['neg_n'] - s0['sample_n']} hard negatives that mention a "
        f"Gansu name or postcode, {s0['sample_n']} random sample at province level); "
        f"{len(rows)} rows, {len(distinct)} distinct (address, postcode) pairs in all.\n"
    )
    print(
        "| resolver | Gansu correct city | Gansu wrong | Gansu unplaced | others placed in Gansu "
        "| others right province/foreign | random sample right | other rows placed in Gansu "
        "| rows/s (file order) | distinct/s | repeated/s | one at a time/s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, s, rate_all, rate_distinct, rate_repeat, single in results:
        print(
            f"| {name} | {s['correct']}/{s['gansu_n']} | {s['wrong']} | {s['unplaced']} "
            f"| {s['neg_in_gansu']}/{s['neg_n']} | {s['neg_province_ok']}/{s['neg_n']} "
            f"| {s['sample_ok']}/{s['sample_n']} | {s['all_gansu']} "
            f"| {rate_all:,.0f} | {rate_distinct:,.0f} | {rate_repeat:,.0f} | {single:,.0f} |"
        )
    print(
        "\n`other rows placed in Gansu`: rows of the whole data set, labelled or not, placed in "
        "Gansu although their application is not labelled Gansu (every row mentioning a Gansu "
        "name or postcode is labelled, so each is a false placement). `rows/s`: all rows in file "
        "order through the resolver's cache; `distinct/s`: each distinct pair once, cache "
        "bypassed; `repeated/s`: all rows again, all cache hits; `one at a time/s`: single "
        "calls (cpca: 2,000 calls of one address). Rates: best of `--repeats` runs (default 3)."
    )
    print(
        f"\nNamed traps (src/ipbureau/regions/tests/traps.py, {len(TRAPS)} written addresses, "
        "city level):\n"
    )
    print("| resolver | traps right | missed |")
    print("|---|---|---|")
    for name, failed in traps.items():
        missed = ", ".join(failed) or "none"
        print(f"| {name} | {len(TRAPS) - len(failed)}/{len(TRAPS)} | {missed} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
