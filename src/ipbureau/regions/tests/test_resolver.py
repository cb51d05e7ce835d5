"""Address -> region: the named traps, structured fields, round trips, real data, speed."""

from __future__ import annotations

import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ipbureau.regions import names as N
from ipbureau.regions.resolver import (
    _STREET_CHARS,
    _STREET_WORDS,
    Placement,
    RegionResolver,
    resolve,
)
from ipbureau.regions.tests.labelled import FOREIGN, load_labelled, realdata_dir
from ipbureau.regions.tests.traps import TRAPS
from ipbureau.regions.tree import COUNTY, load_regions, regions_by_code


@pytest.fixture(scope="module")
def resolver() -> RegionResolver:
    return RegionResolver.default()


def outcome(p: Placement) -> str | None:
    return FOREIGN if p.reason == "foreign" else p.code


@pytest.mark.parametrize(
    ("address", "postcode", "expected"),
    [pytest.param(a, p, e, id=i) for i, a, p, e in TRAPS],
)
def test_trap(resolver: RegionResolver, address: str, postcode: str | None, expected: str) -> None:
    assert outcome(resolver.resolve(address, postcode)) == expected


def test_default_is_shared() -> None:
    assert RegionResolver.default() is RegionResolver.default()


def test_foreign_reason_and_method(resolver: RegionResolver) -> None:
    assert resolver.resolve("美国马里兰州", "0") == Placement(None, None, "foreign")
    assert resolver.resolve("日本国东京都港区", "0").reason == "foreign"
    assert resolver.resolve("英属开曼群岛大开曼岛", "0").reason == "foreign"


def test_unplaced_reasons(resolver: RegionResolver) -> None:
    assert resolver.resolve(None) == Placement(None, None, "empty")
    assert resolver.resolve("  ") == Placement(None, None, "empty")
    assert resolver.resolve("某某路1号", "0").reason == "no_match"
    assert resolver.resolve("城关区某某路1号").reason == "ambiguous"


def test_methods(resolver: RegionResolver) -> None:
    assert resolver.resolve("甘肃省兰州市城关区").method == "address"
    assert resolver.resolve("某某有限公司", "741000") == Placement("620500", "postcode")
    assert resolver.resolve("甘肃省科学院", "730000") == Placement("620100", "postcode")


def test_ejina_postcode_never_places_in_gansu(resolver: RegionResolver) -> None:
    for address in ("", "达来呼布镇广场北路", "内蒙古额济纳旗"):
        code = resolver.resolve(address, "735400").code
        assert code is not None and code.startswith("15"), address


def test_bare_name_against_other_province_postcode(resolver: RegionResolver) -> None:
    # A bare Gansu name at the start with a Beijing postcode is a word, not 白银市.
    assert resolver.resolve("白银大厦12层", "100020").code == "110100"
    assert resolver.resolve("白银大厦12层", "730900").code == "620400"


def test_postcode_is_taken_from_the_address_start(resolver: RegionResolver) -> None:
    assert resolver.resolve("850000城关区林廓北路").code == "540102"
    assert resolver.resolve("730030 城关区张掖路").code == "620102"


def test_spaces_and_china_prefix(resolver: RegionResolver) -> None:
    assert resolver.resolve(" 中国 甘肃省 兰州市 七里河区 ").code == "620103"
    assert resolver.resolve("中华人民共和国甘肃省天水市秦州区").code == "620502"


# -- structured fields -----------------------------------------------------------------------
def test_structured_names(resolver: RegionResolver) -> None:
    p = resolver.resolve(None, province="甘肃省", city="兰州市", county="城关区")
    assert p == Placement("620102", "structured")


def test_structured_short_forms(resolver: RegionResolver) -> None:
    assert resolver.resolve("", province="甘肃", city="临夏州").code == "622900"
    assert resolver.resolve("", province="甘肃", city="兰州", county="城关区").code == "620102"
    assert resolver.resolve("", city="临夏回族自治州", county="东乡县").code == "622926"


def test_structured_codes(resolver: RegionResolver) -> None:
    assert resolver.resolve(None, county="620825") == Placement("620825", "structured")
    assert resolver.resolve(None, province="62", city="6201").code == "620100"


def test_structured_takes_precedence(resolver: RegionResolver) -> None:
    p = resolver.resolve("甘肃省兰州市城关区", province="上海市")
    assert p == Placement("310100", "structured")


def test_structured_refined_by_address(resolver: RegionResolver) -> None:
    p = resolver.resolve("甘肃省兰州市城关区张掖路", province="甘肃省")
    assert p == Placement("620102", "address")


def test_structured_ambiguous_county_uses_postcode(resolver: RegionResolver) -> None:
    assert resolver.resolve(None, "850000", county="城关区").code == "540102"


def test_structured_inconsistent_field_ignored(resolver: RegionResolver) -> None:
    # 城关区 exists in 兰州, not in 天水: the county field cannot be read inside the city.
    assert (
        resolver.resolve(None, province="甘肃省", city="天水市", county="城关区").code == "620500"
    )


def test_structured_placeholders_ignored(resolver: RegionResolver) -> None:
    # CNIPA XML writes 0 in empty address fields.
    p = resolver.resolve("0", "518105", province="广东省", city="深圳市", county="0")
    assert p == Placement("440300", "structured")


def test_structured_unresolvable_falls_back_to_address(resolver: RegionResolver) -> None:
    p = resolver.resolve("甘肃省张掖市甘州区", province="不详")
    assert p == Placement("620702", "address")


# -- every region, written out ---------------------------------------------------------------
def test_every_county_by_full_names(resolver: RegionResolver) -> None:
    by_code = regions_by_code()
    wrong = []
    for r in load_regions():
        if r.level != COUNTY:
            continue
        city = by_code[r.parent_code]
        province = by_code[city.parent_code]
        city_name = "" if city.name in N.PLACEHOLDER_NAMES else city.name
        addresses = [province.name + city_name + r.name]
        if city_name:  # without a province: the city must be enough to place the county
            addresses.append(city_name + r.name)
        for address in addresses:
            if resolver.resolve(address + "某某路1号").code != r.code:
                wrong.append(address)
    assert not wrong


def test_every_gansu_county_by_short_names(resolver: RegionResolver) -> None:
    wrong = []
    for r in load_regions():
        if r.level != COUNTY or not r.code.startswith("62"):
            continue
        for short, trust in N.variants(r):
            if trust == N.STRICT:
                got = resolver.resolve("甘肃省" + short + "某某镇").code
                if got != r.code:
                    wrong.append((short, got))
    assert not wrong


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.one_of(st.none(), st.text(max_size=8)))
def test_never_raises_and_codes_exist(address: str, postcode: str | None) -> None:
    p = resolve(address, postcode)
    assert p.code is None or p.code in regions_by_code()
    assert (p.code is None) == (p.method is None)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([r for r in load_regions() if r.code.startswith("62")]), st.text(max_size=12)
)
def test_gansu_names_with_any_tail(row, tail: str) -> None:
    """A Gansu region's full name with 甘肃省 in front is placed inside that region, whatever
    follows (a tail cannot pull the address elsewhere) unless the tail makes the name a
    street's (兰州新区街)."""
    rest = tail.replace(" ", "").replace("\u3000", "")
    assume(rest[:1] not in _STREET_CHARS and not rest.startswith(_STREET_WORDS))
    address = row.name if row.level == 1 else "甘肃省" + row.name
    code = resolve(address + tail).code
    assert code is not None
    width = 2 * row.level
    assert code[:width] == row.code[:width], (address + tail, code)


# -- real data -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def labelled():
    if not (realdata_dir() / "cnipa-2017").is_dir():
        pytest.skip(f"real data not found at {realdata_dir()} (set IPBUREAU_REALDATA)")
    items = load_labelled()
    assert items, "labels match no real-data rows"
    return items


def test_realdata_gansu_city_level(resolver: RegionResolver, labelled) -> None:
    gansu = [x for x in labelled if x.gansu]
    assert len({x.application_number for x in gansu}) >= 890
    wrong = []
    for x in gansu:
        code = resolver.resolve(x.address, x.postcode).code
        if code is None or code[:4] + "00" != x.expected:
            wrong.append((x.application_number, x.expected, code))
    assert not wrong


def test_realdata_nothing_from_elsewhere_in_gansu(resolver: RegionResolver, labelled) -> None:
    wrong = [
        (x.application_number, x.expected, code)
        for x in labelled
        if not x.gansu
        and (code := resolver.resolve(x.address, x.postcode).code) is not None
        and code.startswith("62")
    ]
    assert not wrong


def test_realdata_province_level(resolver: RegionResolver, labelled) -> None:
    others = [x for x in labelled if not x.gansu]
    wrong = []
    for x in others:
        p = resolver.resolve(x.address, x.postcode)
        ok = (
            p.reason == "foreign" if x.expected == FOREIGN else (p.code or "")[:2] == x.expected[:2]
        )
        if not ok:
            wrong.append((x.application_number, x.expected, p))
    # 100% at the time of writing; a little slack for label noise in the random sample.
    assert len(wrong) <= len(others) // 200, wrong


# -- speed -----------------------------------------------------------------------------------
def test_throughput_distinct_addresses() -> None:
    """Far below the measured ~75k/s so that slow CI machines pass; catches accidental
    per-call regex compilation or linear scans over all names."""
    resolver = RegionResolver(load_regions(), cache_size=0)
    counties = [r for r in load_regions() if r.level == COUNTY]
    addresses = [f"{r.name}幸福路{i}号" for i in range(4) for r in counties]
    t = time.perf_counter()
    for a in addresses:
        resolver.resolve(a, "730000")
    rate = len(addresses) / (time.perf_counter() - t)
    assert rate > 10_000, rate


def test_throughput_repeated_addresses() -> None:
    """The importer sees the same applicant address many times: the LRU cache answers those."""
    resolver = RegionResolver(load_regions())
    addresses = [f"甘肃省兰州市城关区幸福路{i}号" for i in range(100)] * 200
    t = time.perf_counter()
    for a in addresses:
        resolver.resolve(a, "730000")
    rate = len(addresses) / (time.perf_counter() - t)
    assert rate > 100_000, rate
