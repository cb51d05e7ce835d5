from datetime import date, timedelta

import pytest

from ipbureau.accounts.models import Role
from ipbureau.accounts.selectors import Scope, scope_for
from ipbureau.accounts.tests.factories import UserFactory, local_user
from ipbureau.figures.errors import RegionNotFound, RegionOutOfScope, StatsError
from ipbureau.figures.periods import period_for
from ipbureau.orgs.models import OrgKind
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import add_patents, agency
from ipbureau.patents.figures import counts, figures
from ipbureau.patents.figures.counts import COUNT_METRICS
from ipbureau.patents.models import PatentType
from ipbureau.targets.models import Target

pytestmark = pytest.mark.django_db
EVERYTHING = Scope(prefix=None)


def total(period, region=None, scope=EVERYTHING):
    return figures(scope=scope, region_code=region, period=period, by=None)["total"]


def rows(period, region=None, by="city", scope=EVERYTHING):
    result = figures(scope=scope, region_code=region, period=period, by=by)
    return {row["code"]: row for row in result["rows"]}


def test_envelope_has_the_documented_shape(regions):
    result = figures(scope=EVERYTHING, region_code=None, period=period_for(2008, "H1"))
    assert list(result) == ["region", "period", "total", "rows"]
    assert result["region"] == {"code": "620000", "name": "甘肃省"}
    assert result["period"] == {
        "label": "2008年上半年", "start": "2008-01-01", "end": "2008-06-30",
        "base_start": "2007-01-01", "base_end": "2007-06-30",
    }  # fmt: skip
    metrics = set(result["total"])
    assert {"applications", "pct_applications", "agency_share_pct", "applications_growth_pct",
            "grants_growth_pct", "completion_pct", "projected_applications", "on_track",
            "rank", "high_value_inventions"} <= metrics  # fmt: skip
    assert result["total"]["rank"] is None and result["total"]["high_value_inventions"] is None


def test_every_city_is_a_row_with_zeros_when_nothing_was_filed(regions):
    found = rows(period_for(2008))
    assert len(found) == 14
    empty = found["623000"]
    assert (empty["name"], empty["applications"], empty["grants"]) == ("甘南藏族自治州", 0, 0)
    assert empty["agency_share_pct"] is None and empty["applications_growth_pct"] is None
    assert {row["rank"] for row in found.values()} == {1}  # all tied at zero


def test_31_december_and_1_january_count_in_their_own_years(regions):
    add_patents(2, filed=date(2007, 12, 31), granted=date(2008, 12, 31))
    add_patents(3, filed=date(2008, 1, 1), granted=date(2009, 1, 1))
    patent_counts_rebuild()
    figures_2008 = total(period_for(2008))
    assert (figures_2008["applications"], figures_2008["applications_base"]) == (3, 2)
    assert (figures_2008["grants"], figures_2008["grants_base"]) == (2, 0)
    assert figures_2008["grants_growth_pct"] is None  # zero base: no growth, no error
    assert total(period_for(2007, "Q4"))["applications"] == 2
    assert total(period_for(2008, "M01"))["applications"] == 3


def test_leap_day_counts_in_february_and_in_a_year_to_date_ending_on_it(regions):
    add_patents(1, filed=date(2008, 2, 29))
    add_patents(1, filed=date(2008, 3, 1))
    add_patents(4, filed=date(2007, 2, 28))
    patent_counts_rebuild()
    assert total(period_for(2008, "M02"))["applications"] == 1
    ytd = total(period_for(2008, "YTD", until=date(2008, 2, 29)))
    assert (ytd["applications"], ytd["applications_base"], ytd["applications_growth_pct"]) == (
        1,
        4,
        -75.0,
    )


def test_a_partial_month_is_counted_from_the_records_to_the_day(regions):
    add_patents(2, filed=date(2008, 6, 15))
    add_patents(5, filed=date(2008, 6, 16))
    patent_counts_rebuild()
    assert total(period_for(2008, "YTD", until=date(2008, 6, 15)))["applications"] == 2
    assert total(period_for(2008, "cumulative", until=date(2008, 6, 16)))["applications"] == 7


def test_cumulative_counts_all_years_and_compares_with_a_year_earlier(regions):
    add_patents(3, filed=date(1999, 5, 5))
    add_patents(4, filed=date(2007, 12, 31))
    add_patents(5, filed=date(2008, 6, 30))
    patent_counts_rebuild()
    figures_ = total(period_for(2008, "cumulative", until=date(2008, 6, 30)))
    assert (figures_["applications"], figures_["applications_base"]) == (12, 3)
    assert figures_["target_applications"] is None and figures_["projected_applications"] is None


def test_patents_placed_in_a_county_or_only_in_the_city_both_count_for_the_city(regions):
    add_patents(2, region="620102", filed=date(2008, 3, 3))
    add_patents(1, region="620100", filed=date(2008, 3, 3))
    add_patents(7, region="310105", filed=date(2008, 3, 3))  # Shanghai: not Gansu's
    add_patents(9, region=None, filed=date(2008, 3, 3))  # waiting for review
    patent_counts_rebuild()
    assert rows(period_for(2008))["620100"]["applications"] == 3
    by_county = rows(period_for(2008), region="620100")
    assert by_county["620102"]["applications"] == 2 and "620100" not in by_county
    assert sum(row["applications"] for row in by_county.values()) == 2
    assert total(period_for(2008), region="620100")["applications"] == 3
    assert total(period_for(2008))["applications"] == 3


def test_county_breakdown_of_the_province_lists_every_county(regions):
    add_patents(2, region="620502", filed=date(2008, 3, 3))
    patent_counts_rebuild()
    found = rows(period_for(2008), by="county")
    assert len(found) > 80 and all(len(code) == 6 and not code.endswith("00") for code in found)
    assert found["620502"]["applications"] == 2 and found["620502"]["rank"] == 1


def test_missing_target_leaves_completion_and_on_track_null(regions):
    add_patents(2, region="620102", filed=date(2008, 3, 3))
    Target.objects.create(year=2008, region_id="620500", metric="applications", value=10)
    Target.objects.create(year=2008, region_id="620200", metric="applications", value=0)
    patent_counts_rebuild()
    found = rows(period_for(2008))
    assert found["620100"]["target_applications"] is None
    assert found["620100"]["completion_pct"] is None and found["620100"]["on_track"] is None
    assert (found["620500"]["target_applications"], found["620500"]["completion_pct"]) == (10, 0.0)
    assert found["620200"]["completion_pct"] is None  # a zero target is not divided by


def test_ties_share_a_rank(regions):
    add_patents(3, region="620102", filed=date(2008, 3, 3))
    add_patents(3, region="620502", filed=date(2008, 3, 3))
    add_patents(1, region="620402", filed=date(2008, 3, 3))
    patent_counts_rebuild()
    found = rows(period_for(2008))
    assert [found[c]["rank"] for c in ("620100", "620500", "620400", "620200")] == [1, 1, 3, 4]


def test_projection_uses_the_seasonal_share_of_the_three_previous_years(regions):
    for year in (2005, 2006, 2007):  # each year: 30 in the first half, 70 in the second
        add_patents(30, filed=date(year, 3, 1))
        add_patents(70, filed=date(year, 9, 1))
    add_patents(10, filed=date(2004, 3, 1))  # four years back: not used
    add_patents(45, filed=date(2008, 2, 2))
    Target.objects.create(year=2008, region_id="620000", metric="applications", value=150)
    Target.objects.create(year=2008, region_id="620100", metric="applications", value=151)
    patent_counts_rebuild()
    result = figures(scope=EVERYTHING, region_code=None, period=period_for(2008, "H1"))
    assert result["total"]["projected_applications"] == 150  # 45 / 0.3
    assert result["total"]["on_track"] is True
    lanzhou = {row["code"]: row for row in result["rows"]}["620100"]
    assert (lanzhou["projected_applications"], lanzhou["on_track"]) == (150, False)


def test_projection_of_a_partial_month_reads_the_same_days_of_past_years(regions):
    for year in (2006, 2007):
        add_patents(10, filed=date(year, 1, 10))
        add_patents(10, filed=date(year, 1, 20))
        add_patents(20, filed=date(year, 7, 7))
    add_patents(5, filed=date(2008, 1, 10))
    patent_counts_rebuild()
    ytd = total(period_for(2008, "YTD", until=date(2008, 1, 15)))
    assert ytd["projected_applications"] == 20  # 5 / (20 / 80)


def test_projection_is_null_without_history_and_the_figure_itself_for_a_whole_year(regions):
    add_patents(5, filed=date(2008, 2, 2))
    patent_counts_rebuild()
    assert total(period_for(2008, "H1"))["projected_applications"] is None
    assert total(period_for(2008))["projected_applications"] == 5
    assert total(period_for(2008, "Q2"))["projected_applications"] is None


def test_breakdown_by_type_applicant_kind_and_ipc_section(regions):
    add_patents(
        2,
        filed=date(2008, 3, 3),
        patent_type=PatentType.INVENTION,
        kind=OrgKind.UNIVERSITY,
        ipc="H01M10/00",
        pct=True,
        granted=date(2008, 9, 9),
    )
    add_patents(3, filed=date(2008, 3, 3), patent_type=PatentType.DESIGN, kind=OrgKind.INDIVIDUAL,
                ipc="")  # fmt: skip
    patent_counts_rebuild()
    period = period_for(2008)
    by_type = rows(period, by="type")
    assert list(by_type) == ["invention", "utility", "design"]
    assert by_type["invention"]["name"] == "发明"
    assert (by_type["invention"]["applications"], by_type["invention"]["invention_grants"]) == (
        2,
        2,
    )
    assert by_type["invention"]["pct_applications"] == 2 and by_type["utility"]["applications"] == 0
    by_kind = rows(period, by="applicant_kind")
    assert (by_kind["university"]["applications"], by_kind["individual"]["applications"]) == (2, 3)
    assert by_kind["enterprise"]["applications"] == 0 and by_kind["university"]["name"] == "高校"
    by_section = rows(period, by="ipc_section")
    assert (by_section["H"]["applications"], by_section[""]["applications"]) == (2, 3)
    assert len(by_section) == 9


def test_breakdown_by_agency_lists_the_top_agencies(regions):
    big, small = agency("甲专利代理事务所"), agency("乙专利代理事务所")
    add_patents(4, filed=date(2008, 3, 3), through_agency=big)
    add_patents(2, filed=date(2008, 6, 15), through_agency=small)
    add_patents(1, filed=date(2007, 3, 3), through_agency=small)
    add_patents(4, filed=date(2008, 3, 3))  # filed directly
    patent_counts_rebuild()
    result = figures(scope=EVERYTHING, region_code=None, period=period_for(2008), by="agency")
    assert [(r["name"], r["applications"], r["rank"]) for r in result["rows"]] == [
        ("甲专利代理事务所", 4, 1), ("乙专利代理事务所", 2, 2),
    ]  # fmt: skip
    assert result["rows"][1]["applications_growth_pct"] == 100.0
    assert (result["total"]["agency_filed"], result["total"]["agency_share_pct"]) == (6, 60.0)
    limited = figures(
        scope=EVERYTHING, region_code=None, period=period_for(2008), by="agency", limit=1
    )
    assert [r["name"] for r in limited["rows"]] == ["甲专利代理事务所"]


def test_city_staff_cannot_see_the_province_or_another_city(regions):
    scope = scope_for(local_user("620100"))
    with pytest.raises(RegionOutOfScope, match="甘肃省（620000）不在您的管辖范围内"):
        figures(scope=scope, region_code="620000", period=period_for(2008))
    with pytest.raises(RegionOutOfScope, match="天水市"):
        figures(scope=scope, region_code="620500", period=period_for(2008))


def test_city_staff_land_on_their_city_and_get_its_counties(regions):
    add_patents(2, region="620102", filed=date(2008, 3, 3))
    add_patents(3, region="620502", filed=date(2008, 3, 3))
    patent_counts_rebuild()
    result = figures(
        scope=scope_for(local_user("620100")), region_code=None, period=period_for(2008)
    )
    assert result["region"]["code"] == "620100" and result["total"]["applications"] == 2
    assert all(row["code"].startswith("6201") for row in result["rows"])


def test_county_staff_get_only_their_county_and_no_rows(regions):
    scope = scope_for(local_user("620102"))
    result = figures(scope=scope, region_code=None, period=period_for(2008))
    assert result["region"]["code"] == "620102" and result["rows"] == []
    with pytest.raises(RegionOutOfScope):
        figures(scope=scope, region_code="620100", period=period_for(2008))


def test_a_user_without_region_sees_nothing(regions):
    user = UserFactory(role=Role.LOCAL, region=None)
    with pytest.raises(RegionOutOfScope):
        figures(scope=scope_for(user), region_code=None, period=period_for(2008))


def test_unknown_region_and_breakdown_are_refused(regions):
    with pytest.raises(RegionNotFound, match="没有区划代码为“629999”的地区"):
        figures(scope=EVERYTHING, region_code="629999", period=period_for(2008))
    with pytest.raises(StatsError, match="分组方式“week”无法识别"):
        figures(scope=EVERYTHING, region_code=None, period=period_for(2008), by="week")


# 0: every date condition as ranges; 100: short periods listed day by day (counts.py).
@pytest.mark.parametrize("in_list_max", [0, 100])
def test_figures_from_years_months_and_days_equal_counting_the_records(
    regions, monkeypatch, in_list_max
):
    """Whole years, leftover months and leftover days come from three summary tables; any
    period must still give what counting the patents one by one gives."""
    monkeypatch.setattr(counts, "IN_LIST_MAX", in_list_max)
    import random

    rng = random.Random(7)
    codes = ["620102", "620103", "620100", "620502", "620200", "310105", None]
    patents = []
    for _ in range(120):
        filed = date(2006, 1, 1) + timedelta(days=rng.randrange(4 * 365))
        granted = filed + timedelta(days=rng.randrange(30, 500)) if rng.random() < 0.6 else None
        patents += add_patents(
            1, region=rng.choice(codes), filed=filed, granted=granted,
            patent_type=rng.choice(list(PatentType.values)), pct=rng.random() < 0.2,
            through_agency=rng.random() < 0.5,
        )  # fmt: skip
    patent_counts_rebuild()

    def brute(prefix: str, start: date, end: date) -> dict[str, int]:
        counts = dict.fromkeys(COUNT_METRICS, 0)
        for p in patents:
            if not (p.region_id or "").startswith(prefix):
                continue
            if p.filing_date and start <= p.filing_date <= end:
                counts["applications"] += 1
                counts[f"{p.patent_type}_applications"] += 1
                counts["pct_applications"] += p.is_pct
                counts["agency_filed"] += p.agency_id is not None
            if p.grant_date and start <= p.grant_date <= end:
                counts["grants"] += 1
                counts[f"{p.patent_type}_grants"] += 1
        return counts

    periods = [
        period_for(2008), period_for(2008, "H2"), period_for(2009, "Q3"),
        period_for(2008, "YTD", until=date(2008, 6, 17)),
        period_for(2009, "YTD", until=date(2009, 2, 28)),
        period_for(2008, "cumulative", until=date(2008, 6, 16)),
        period_for(2009, "cumulative"), period_for(2009, "year", until=date(2009, 10, 3)),
    ]  # fmt: skip
    for period in periods:
        result = figures(scope=EVERYTHING, region_code="620000", period=period, by="city")
        expected = brute("62", period.start, period.end)
        assert {k: result["total"][k] for k in COUNT_METRICS} == expected, period.label
        assert (
            result["total"]["applications_base"]
            == brute("62", period.base_start, period.base_end)["applications"]
        )
        rows = {row["code"]: row for row in result["rows"]}
        for code in ("620100", "620500", "620200"):
            expected = brute(code[:4], period.start, period.end)
            assert {k: rows[code][k] for k in COUNT_METRICS} == expected, (period.label, code)
