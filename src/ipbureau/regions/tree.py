"""The GB/T 2260 region tree from the vendored china-division CSVs (see data/SOURCE.md).

Django-free on purpose: the resolver, the importer's benchmarks and the tests load it without
settings. Every code is six digits and its prefix encodes the hierarchy (province `62`, city
`6201`, county `620102`), which `Region.prefix` in models.py relies on.

Representation choices (documented in data/SOURCE.md too):

* Municipalities (北京 11, 天津 12, 上海 31, 重庆 50) keep GB/T 2260's city-level rows named
  `市辖区` (110100, 120100, 310100, 500100) and, for 重庆 only, `县` (500200). Every county of a
  municipality hangs under one of them, so "the city of a county" is always `code[:4] + "00"`.
* 省直辖县级行政区划 (419000, 429000, 469000, 659000) are city-level rows too, with the directly
  administered county-level cities (仙桃 429004, 石河子 659001, ...) as their counties.
* Prefecture-level cities without counties (东莞 441900, 中山 442000, 儋州 460400, 嘉峪关
  620200) have no county rows: the statistical data's pseudo-counties for them are dropped.
* 台湾省 710000, 香港 810000 and 澳门 820000 are province rows without children (GB/T 2260
  lists them; the package keeps them out of its CSVs).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

PROVINCE, CITY, COUNTY = 1, 2, 3

# GB/T 2260 province-level codes the package's CSVs leave out.
EXTRA_PROVINCES: tuple[tuple[str, str], ...] = (
    ("710000", "台湾省"),
    ("810000", "香港特别行政区"),
    ("820000", "澳门特别行政区"),
)

# Municipalities: their single city-level row stands for the whole province (重庆 has two).
MUNICIPALITIES: frozenset[str] = frozenset({"11", "12", "31", "50"})


@dataclass(frozen=True, slots=True)
class RegionRow:
    code: str  # six digits
    name: str
    level: int  # 1 province, 2 city/prefecture, 3 county/district
    parent_code: str | None  # None for provinces


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def load_regions() -> list[RegionRow]:
    """All provinces, cities and counties, ordered by code. Cached: treat it as read-only."""
    rows: list[RegionRow] = []
    for p in _read("provinces.csv"):
        rows.append(RegionRow(p["code"].ljust(6, "0"), p["name"], PROVINCE, None))
    rows.extend(RegionRow(code, name, PROVINCE, None) for code, name in EXTRA_PROVINCES)

    city_names: dict[str, str] = {}
    for c in _read("cities.csv"):
        code = c["code"].ljust(6, "0")
        city_names[code] = c["name"]
        rows.append(RegionRow(code, c["name"], CITY, c["provinceCode"].ljust(6, "0")))

    areas = _read("areas.csv")
    children: dict[str, int] = {}
    for a in areas:
        city = a["cityCode"].ljust(6, "0")
        children[city] = children.get(city, 0) + 1
    for a in areas:
        city = a["cityCode"].ljust(6, "0")
        # The statistical data gives a county-less city one pseudo-county carrying the city's
        # own name (东莞 441900 even repeats the city's code); GB/T 2260 has none, and keeping
        # it would make "county" placements that add nothing to the city.
        if children[city] == 1 and a["name"] == city_names[city]:
            continue
        rows.append(RegionRow(a["code"], a["name"], COUNTY, city))

    rows.sort(key=lambda r: r.code)
    return rows


@cache
def regions_by_code() -> dict[str, RegionRow]:
    return {r.code: r for r in load_regions()}


def province_of(code: str) -> str:
    return code[:2] + "0000"


def city_of(code: str) -> str | None:
    """The city-level code of a county or city code; None for a province code."""
    if code[2:4] == "00":
        return None
    return code[:4] + "00"
