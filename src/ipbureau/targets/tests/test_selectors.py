"""Reading targets and population: for the statistics and within a user's scope."""

from decimal import Decimal

import pytest

from ipbureau.regions.models import Region
from ipbureau.targets.models import Metric
from ipbureau.targets.selectors import (
    population_for,
    population_visible_to,
    target_table,
    target_value,
    targets_for,
    targets_visible_to,
)
from ipbureau.targets.tests.factories import PopulationFactory, TargetFactory

pytestmark = pytest.mark.django_db


def _region(code: str) -> Region:
    return Region.objects.get(code=code)


def test_targets_for_gives_the_regions_that_have_a_target_and_omits_the_others(regions):
    TargetFactory(region_id="620100", value=Decimal("1100"))
    TargetFactory(region_id="620800", value=Decimal("45"))
    TargetFactory(region_id="620800", metric=Metric.GRANTS, value=Decimal("20"))
    TargetFactory(region_id="620800", year=2023, value=Decimal("40"))
    found = targets_for(
        year=2024, metric=Metric.APPLICATIONS, region_codes=["620100", "620800", "620400"]
    )
    assert found == {"620100": Decimal("1100"), "620800": Decimal("45")}


def test_target_value_is_none_without_a_target(regions):
    TargetFactory(region_id="620100", value=Decimal("1100"))
    assert target_value(2024, "620100", Metric.APPLICATIONS) == Decimal("1100")
    assert target_value(2024, "620100", Metric.GRANTS) is None
    assert target_value(2025, "620100", Metric.APPLICATIONS) is None


def test_population_is_never_summed_from_sub_regions(regions):
    PopulationFactory(region_id="620102", population=1_300_000)
    PopulationFactory(region_id="620103", population=600_000)
    PopulationFactory(region_id="620500", population=2_950_000, year=2023)
    assert population_for(year=2024, region_codes=["620100", "620102", "620500"]) == {
        "620102": 1_300_000
    }


def test_city_staff_see_only_the_targets_of_their_own_subtree(users):
    TargetFactory(region_id="620000")
    TargetFactory(region_id="620100")
    TargetFactory(region_id="620102")
    TargetFactory(region_id="620500")
    TargetFactory(region_id="620503")
    seen = set(targets_visible_to(users["lanzhou"]).values_list("region_id", flat=True))
    assert seen == {"620100", "620102"}
    assert targets_visible_to(users["province"]).count() == 5
    assert set(targets_visible_to(users["chengguan"]).values_list("region_id", flat=True)) == {
        "620102"
    }


def test_visible_targets_filter_by_year_region_and_metric(users):
    TargetFactory(region_id="620100")
    TargetFactory(region_id="620100", year=2023)
    TargetFactory(region_id="620100", metric=Metric.GRANTS)
    assert targets_visible_to(users["province"], 2024).count() == 2
    assert targets_visible_to(users["province"], 2024, metric=Metric.GRANTS).count() == 1
    assert targets_visible_to(users["province"], region="620500").count() == 0


def test_population_is_scoped_like_targets(users):
    PopulationFactory(region_id="620100")
    PopulationFactory(region_id="620500")
    assert [p.region_id for p in population_visible_to(users["lanzhou"])] == ["620100"]


def test_the_province_table_lists_the_province_then_its_cities(users):
    TargetFactory(region_id="620800", value=Decimal("45"))
    rows = target_table(users["province"], year=2024, root=_region("620000"))
    assert [r.region.code for r in rows[:3]] == ["620000", "620100", "620200"]
    assert len(rows) == 15  # the province and its 14 cities and prefectures
    pingliang = next(r for r in rows if r.region.code == "620800")
    assert pingliang.values[0] == Decimal("45") and pingliang.values[1] is None
    assert all(r.editable for r in rows)


def test_the_city_table_lets_city_staff_edit_only_the_counties(users):
    rows = target_table(users["lanzhou"], year=2024, root=_region("620100"))
    assert rows[0].region.code == "620100" and not rows[0].editable
    assert all(r.editable for r in rows[1:]) and len(rows) > 1
