"""The vendored region tree: current, complete for Gansu, consistent codes and parents."""

from ipbureau.regions.tree import (
    CITY,
    COUNTY,
    PROVINCE,
    city_of,
    load_regions,
    province_of,
    regions_by_code,
)


def test_cached_and_sorted() -> None:
    rows = load_regions()
    assert rows is load_regions()
    assert [r.code for r in rows] == sorted(r.code for r in rows)
    assert len({r.code for r in rows}) == len(rows)


def test_codes_are_six_digits_and_parents_prefix_them() -> None:
    by_code = regions_by_code()
    for r in load_regions():
        assert len(r.code) == 6 and r.code.isdigit(), r
        if r.level == PROVINCE:
            assert r.parent_code is None and r.code.endswith("0000")
            continue
        parent = by_code[r.parent_code]
        assert parent.level == r.level - 1
        width = 2 * parent.level  # models.region_prefix: descendants share this prefix
        assert r.code[:width] == parent.code[:width], r
        if r.level == CITY:
            assert r.code.endswith("00") and r.code[2:4] != "00"


def test_current_names_huating_is_a_city() -> None:
    by_code = regions_by_code()
    assert by_code["620881"].name == "华亭市"
    assert "华亭县" not in {r.name for r in load_regions()}


def test_gansu_has_fourteen_cities() -> None:
    cities = [r.code for r in load_regions() if r.level == CITY and r.code.startswith("62")]
    expected = [f"62{n:02d}00" for n in range(1, 13)] + ["622900", "623000"]
    assert cities == expected


def test_gansu_county_counts() -> None:
    counties = [r for r in load_regions() if r.level == COUNTY and r.code.startswith("62")]
    # 86 county-level divisions plus the statistical 兰州新区 (620171).
    assert len(counties) == 87
    assert regions_by_code()["620171"].parent_code == "620100"


def test_municipalities_have_city_rows() -> None:
    by_code = regions_by_code()
    for prov in ("11", "12", "31", "50"):
        city = by_code[prov + "0100"]
        assert (city.name, city.level, city.parent_code) == ("市辖区", CITY, prov + "0000")
    assert by_code["500200"].name == "县"  # 重庆's counties
    assert by_code["110108"].parent_code == "110100"  # 海淀区
    assert by_code["500229"].parent_code == "500200"  # 城口县


def test_directly_administered_counties() -> None:
    by_code = regions_by_code()
    for city in ("419000", "429000", "469000", "659000"):
        assert by_code[city].level == CITY
    assert by_code["429004"].parent_code == "429000"  # 仙桃市
    assert by_code["659001"].parent_code == "659000"  # 石河子市


def test_cities_without_counties() -> None:
    by_code = regions_by_code()
    for city in ("441900", "442000", "460400", "620200"):
        assert by_code[city].level == CITY
        assert not [r for r in load_regions() if r.parent_code == city], city
    assert "620201" not in by_code  # the statistical pseudo-county of 嘉峪关


def test_taiwan_hong_kong_macao_are_provinces() -> None:
    by_code = regions_by_code()
    assert by_code["710000"].name == "台湾省"
    assert by_code["810000"].level == PROVINCE
    assert by_code["820000"].level == PROVINCE


def test_helpers() -> None:
    assert province_of("620102") == "620000"
    assert city_of("620102") == "620100"
    assert city_of("620100") == "620100"
    assert city_of("620000") is None
