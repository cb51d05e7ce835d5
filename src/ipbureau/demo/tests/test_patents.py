"""The demo data set: deterministic, valid, shaped like Gansu, and idempotent to load."""

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from ipbureau.accounts.models import User
from ipbureau.demo.build import demo_build
from ipbureau.demo.patents import demo_rows, write_demo_csv
from ipbureau.demo.tables import DEMO_PASSWORD, DEMO_USERS
from ipbureau.orgs.models import Organization
from ipbureau.patents.models import Patent, Placement
from ipbureau.patents.numbers import (
    parse_application_number,
    parse_publication_number,
    patent_type_from_publication,
)
from ipbureau.regions.models import Region
from ipbureau.regions.resolver import RegionResolver
from ipbureau.regions.services import regions_load
from ipbureau.targets.models import Population, Target

SMALL = 2000
UNTIL = date(2025, 9, 15)  # records to the end of August 2025
GANSU_CITIES = (
    "620100", "620200", "620300", "620400", "620500", "620600", "620700", "620800", "620900",
    "621000", "621100", "621200", "622900", "623000",
)  # fmt: skip


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return demo_rows(count=SMALL, until=UNTIL)


@pytest.fixture
def regions() -> None:
    regions_load()


# --- the generator, without a database ----------------------------------------------------


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    assert write_demo_csv(first, count=SMALL, until=UNTIL) == SMALL
    write_demo_csv(second, count=SMALL, until=UNTIL)
    write_demo_csv(other, count=SMALL, seed=7, until=UNTIL)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_csv_is_canonical(tmp_path: Path) -> None:
    path = tmp_path / "demo.csv"
    write_demo_csv(path, count=50, until=UNTIL)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames
        assert header is not None and header[0] == "application_number"
        assert len(list(reader)) == 50


def test_every_application_number_is_valid_and_unique(rows: list[dict[str, str]]) -> None:
    numbers = [r["application_number"] for r in rows]
    assert len(set(numbers)) == len(numbers)
    for r in rows:
        app = parse_application_number(r["application_number"])  # raises on a bad check digit
        assert app.canonical == r["application_number"]
        assert app.patent_type == r["patent_type"]
        assert app.year == int(r["filing_date"][:4])


def test_documents_are_consistent(rows: list[dict[str, str]]) -> None:
    end = date(2025, 8, 31)
    documents = Counter()
    for r in rows:
        filing = date.fromisoformat(r["filing_date"])
        for number_field, date_field in (
            ("publication_number", "publication_date"),
            ("grant_number", "grant_date"),
        ):
            if not r[number_field]:
                assert not r[date_field]
                continue
            day = date.fromisoformat(r[date_field])
            assert filing < day <= end
            assert day.weekday() == 2  # the gazette appears on Wednesdays
            assert (
                patent_type_from_publication(parse_publication_number(r[number_field]))
                == (r["patent_type"])
            )
        if r["patent_type"] == "invention":
            if r["grant_number"]:
                assert r["publication_date"] < r["grant_date"]
                documents[r["grant_number"]] += 1
            if r["publication_number"]:
                documents[r["publication_number"]] += 1
        elif r["grant_number"]:
            # Utility models and designs: one announcement, which is the grant.
            assert r["publication_number"] == r["grant_number"]
            documents[r["grant_number"]] += 1
        granted = bool(r["grant_number"])
        assert (r["legal_status"] in ("有效", "失效")) == granted
    assert max(documents.values()) == 1  # no document number is used twice


def test_shape_of_the_data(rows: list[dict[str, str]]) -> None:
    types = Counter(r["patent_type"] for r in rows)
    assert types["utility"] > types["invention"] > types["design"]
    assert 0.4 < types["utility"] / len(rows) < 0.6
    years = Counter(int(r["filing_date"][:4]) for r in rows)
    assert sorted(years) == list(range(2005, 2026))
    assert all(years[y + 1] > years[y] for y in range(2005, 2024))
    # The export is taken at the end of the last full month before the end date.
    assert max(r["filing_date"] for r in rows) <= "2025-08-31"
    assert max(r["grant_date"] or r["publication_date"] for r in rows) <= "2025-08-31"
    assert {r["filing_date"][5:7] for r in rows if r["filing_date"] < "2025"} == {
        f"{m:02d}" for m in range(1, 13)
    }
    through_agency = sum(1 for r in rows if r["agency"]) / len(rows)
    assert 0.5 < through_agency < 0.7
    assert all(bool(r["agency"]) == bool(r["agents"]) for r in rows)
    assert any(r["application_number"][4] in "89" for r in rows)  # a few PCT entries


def test_span_is_a_parameter() -> None:
    rows = demo_rows(count=300, first_year=2009, until=date(2011, 1, 20))
    assert {r["filing_date"][:4] for r in rows} == {"2009", "2010"}
    # The export is taken at the end of the span: nothing granted or published after it.
    assert max(r["grant_date"] or r["publication_date"] for r in rows) <= "2010-12-31"


def test_resolver_places_the_addresses_as_intended(rows: list[dict[str, str]]) -> None:
    resolver = RegionResolver.default()
    cities: Counter[str] = Counter()
    outside = 0
    for r in rows:
        placement = resolver.resolve(r["address"], r["postcode"] or None)
        if placement.code is None:
            continue
        if placement.code.startswith("62"):
            cities[placement.code[:4] + "00"] += 1
        else:
            outside += 1
    assert set(cities) == set(GANSU_CITIES)
    assert cities.most_common(1)[0][0] == "620100"
    assert 0.5 < cities["620100"] / sum(cities.values()) < 0.65
    assert cities["620500"] == cities.most_common(2)[1][1]  # Tianshui second
    assert outside > 0


# --- the demo database ---------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_build_places_patents_and_is_idempotent(regions: None) -> None:
    result = demo_build(count=SMALL, until=UNTIL)
    assert result["inserted"] == SMALL
    assert result["rejected"] == 0
    cities = {
        code: Patent.objects.filter(region__code__startswith=code[:4]).count()
        for code in GANSU_CITIES
    }
    assert all(n > 0 for n in cities.values()), cities
    assert max(cities, key=cities.__getitem__) == "620100"
    assert sorted(result["cities"].values(), reverse=True) == list(result["cities"].values())
    assert result["in_province"] == sum(cities.values())

    # Out-of-province addresses that carry Gansu place names stay out of Gansu.
    for prefix, province in (("上海市长宁区定西路", "31"), ("黑龙江省齐齐哈尔市甘南县", "23")):
        placed = Patent.objects.filter(address__startswith=prefix)
        assert placed.exists()
        assert all(code.startswith(province) for code in placed.values_list("region_id", flat=True))
    assert result["other_provinces"] > 0
    assert Patent.objects.filter(placement=Placement.FOREIGN, region__isnull=True).exists()
    assert result["unplaced"] > 0
    assert Patent.objects.filter(placement=Placement.UNPLACED).count() == result["unplaced"]

    # Targets and population for every demo year, the province, each city and county.
    regions = Region.objects.filter(code__startswith="62").count()
    assert regions > 100
    assert Target.objects.filter(metric="applications").count() == 21 * regions
    assert Population.objects.count() == 21 * regions
    assert set(Target.objects.values_list("year", flat=True)) == set(range(2005, 2026))
    # 平凉 is given an easy target, 兰州 a hard one (the first speech's story).
    last = Counter(
        p.region_id[:4] for p in Patent.objects.filter(filing_date__year=2024, region__isnull=False)
    )
    targets = dict(
        Target.objects.filter(year=2025, region__in=["620800", "620100"]).values_list(
            "region_id", "value"
        )
    )
    assert targets["620800"] < last["6208"] * 1.2 < last["6201"] * 1.2 < targets["620100"]

    counts = (Patent.objects.count(), Organization.objects.count(), User.objects.count())
    # Built again without a date (as `python3 run.py demo` does on every start, maybe months
    # later): the demo stays on the date it was built for.
    again = demo_build(count=SMALL)
    assert again["until"] == UNTIL
    assert again["inserted"] == 0
    assert again["updated"] == 0
    assert again["unchanged"] == SMALL
    assert again["users_created"] == []
    assert (again["targets"]["targets_changed"], again["targets"]["population_changed"]) == (0, 0)
    assert (Patent.objects.count(), Organization.objects.count(), User.objects.count()) == counts


@pytest.mark.django_db
def test_demo_users_log_in_with_their_role_and_region(regions: None) -> None:
    result = demo_build(count=100, until=UNTIL)
    assert sorted(result["users_created"]) == sorted(u.username for u in DEMO_USERS)
    expected = {
        "admin": ("admin", None),
        "sheng": ("province", "620000"),
        "lanzhou": ("local", "620100"),
        "tianshui": ("local", "620500"),
        "chengguan": ("local", "620102"),
        "lingdao": ("leader", "620000"),
    }
    for username, (role, region) in expected.items():
        assert Client().login(username=username, password=DEMO_PASSWORD), username
        user = User.objects.get(username=username)
        assert (user.role, user.region_id) == (role, region)
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.get(username="lingdao").is_superuser


def test_the_file_for_a_seed_is_byte_for_byte_the_one_it_always_was(tmp_path):
    # Pinned again when the records came to run up to the month before an end date: editing
    # a table or the generator changes the demo, and this digest says so.
    import hashlib

    path = tmp_path / "demo.csv"
    write_demo_csv(path, count=500, seed=7, until=UNTIL)
    assert hashlib.sha256(path.read_bytes()).hexdigest().startswith("70f71e783355dae2")
