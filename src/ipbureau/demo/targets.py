"""Demo targets (目标任务) and population for every demo year, the province, every city and
every county, imported as the spreadsheets offices keep (`targets.imports`) by the province
staff, so each value carries an audit entry like one typed by hand.

The applications target of a year is last year's applications grown by the demo's growth
rate, times a factor per city: as in the first work report, 平凉 and 白银 are set targets
they pass easily, 兰州 one it falls short of, the other cities something near what they
file. So the current year's dashboard shows cities ahead and behind, and the past years'
completion rates spread around 100%. Population: census figures of the cities
(data/population.json), interpolated by year; counties split their city's by fixed shares.

Everything depends on `seed` and the imported records; a second run changes nothing.
"""

from __future__ import annotations

import csv
import json
import random
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractYear

from ipbureau.accounts.models import User
from ipbureau.patents.models import Patent
from ipbureau.regions.models import Region
from ipbureau.targets.imports import population_import, targets_import

# Cities whose target is set low (well on track) or high (behind), as the first speech has it.
CITY_FACTORS = {"6208": 0.82, "6204": 0.84, "6201": 1.12}
OTHER_FACTORS = (0.88, 1.04)
PROVINCE_FACTOR = 0.95
CENSUS_YEARS = (2010, 2020)
_POPULATION = json.loads((Path(__file__).parent / "data" / "population.json").read_text("utf-8"))


def _regions() -> tuple[Region, list[Region], list[Region]]:
    province = settings.IPBUREAU_PROVINCE
    regions = Region.objects.filter(code__startswith=province).order_by("code")
    top = next(r for r in regions if r.level == Region.Level.PROVINCE)
    cities = [r for r in regions if r.level == Region.Level.CITY]
    counties = [r for r in regions if r.level == Region.Level.COUNTY]
    return top, cities, counties


def _applications(years: list[int]) -> Counter[tuple[str, int]]:
    """Applications per (region code, year), each counted for its region and every region
    above it (a patent placed at city level counts for the city and the province only)."""
    counts: Counter[tuple[str, int]] = Counter()
    rows = (
        Patent.objects.filter(
            region__code__startswith=settings.IPBUREAU_PROVINCE, filing_date__year__in=years
        )
        .annotate(year=ExtractYear("filing_date"))
        .values_list("region_id", "year")
        .annotate(n=Count("pk"))
    )
    for code, year, n in rows:
        for ancestor in {code, code[:4] + "00", code[:2] + "0000"}:
            counts[ancestor, year] += n
    return counts


def _rounded(value: float) -> int:
    """A target as a bureau would write it: whole tens from a hundred up, at least 1."""
    return max(1, round(value / 10) * 10 if value >= 100 else round(value))


def target_rows(
    *, seed: int, years: list[int], growth: float, actual: Counter[tuple[str, int]]
) -> list[tuple[int, str, int]]:
    """(year, region code, applications target) for the province, its cities and counties."""
    top, cities, counties = _regions()
    rows = []
    for year in years:
        rng = random.Random(f"targets-{seed}-{year}")
        factors = {
            city.code[:4]: CITY_FACTORS.get(city.code[:4]) or rng.uniform(*OTHER_FACTORS)
            for city in cities
        }
        for region in [top, *cities, *counties]:
            code = region.code
            if year == years[0]:  # no earlier year in the demo: as if it had grown as usual
                expected = actual[code, year]
            else:
                expected = actual[code, year - 1] * (1 + growth)
            factor = PROVINCE_FACTOR if region == top else factors.get(code[:4], 1.0)
            if region.level == Region.Level.COUNTY:
                factor *= rng.uniform(0.95, 1.05)
            rows.append((year, code, _rounded(expected * factor)))
    return rows


def _city_population(city: str, year: int) -> float:
    first, second = _POPULATION["cities"][city]
    start, end = CENSUS_YEARS
    return first + (second - first) * (year - start) / (end - start)


def population_rows(*, seed: int, years: list[int]) -> list[tuple[int, str, int]]:
    """(year, region code, persons): cities from the census line, counties by fixed shares
    of their city (districts weigh more), the province the sum of its cities."""
    top, cities, counties = _regions()
    rng = random.Random(f"population-{seed}")
    weights = {
        c.code: rng.uniform(0.6, 1.4) * (1.8 if c.name.endswith("区") else 1.0) for c in counties
    }
    rows = []
    for year in years:
        persons = {c.code: round(_city_population(c.code[:4], year) * 10_000) for c in cities}
        rows.append((year, top.code, sum(persons.values())))
        rows += [(year, code, n) for code, n in persons.items()]
        for city in cities:
            own = [c for c in counties if c.parent_id == city.code]
            total = sum(weights[c.code] for c in own)
            rows += [
                (year, c.code, max(1, round(persons[city.code] * weights[c.code] / total)))
                for c in own
            ]
    rows.sort()
    return rows


def demo_targets_build(*, seed: int, years: list[int], growth: float, user: User) -> dict[str, Any]:
    """Import the demo's targets and population for `years` as `user` (the province staff)."""
    actual = _applications(years)
    targets = target_rows(seed=seed, years=years, growth=growth, actual=actual)
    population = population_rows(seed=seed, years=years)
    with tempfile.TemporaryDirectory(prefix="ipbureau-demo-targets-") as tmp:
        target_file, population_file = Path(tmp) / "目标任务.csv", Path(tmp) / "人口.csv"
        _write(target_file, ["year", "region_code", "metric", "value"],
               [(y, c, "applications", v) for y, c, v in targets])  # fmt: skip
        _write(population_file, ["year", "region_code", "population"], population)
        set_targets = targets_import(path=target_file, user=user)
        set_population = population_import(path=population_file, user=user)
    for result in (set_targets, set_population):
        if not result.committed:
            raise RuntimeError(f"demo targets were not imported: {result.problems[:3]}")
    return {
        "targets": len(targets),
        "targets_changed": set_targets.inserted + set_targets.updated,
        "population": len(population),
        "population_changed": set_population.inserted + set_population.updated,
    }


def _write(path: Path, header: list[str], rows: list[tuple[Any, ...]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
