"""Trend, type mix, top lists and valid inventions: the other figures a dashboard shows."""

from datetime import date

import pytest
from django.utils import timezone

from ipbureau.accounts.selectors import Scope, scope_for
from ipbureau.accounts.tests.factories import local_user
from ipbureau.figures.errors import RegionOutOfScope, StatsError
from ipbureau.figures.periods import period_for
from ipbureau.orgs.models import OrgKind
from ipbureau.patents.counts.models import PartyYearCount
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import add_patents, agency, applicant
from ipbureau.patents.figures import (
    counts,
    monthly_trend,
    top_agencies,
    top_applicants,
    type_mix,
    valid_inventions,
)
from ipbureau.patents.models import PatentType
from ipbureau.targets.models import Population

pytestmark = pytest.mark.django_db
EVERYTHING = Scope(prefix=None)
INVENTION = PatentType.INVENTION


def test_monthly_trend_puts_this_year_against_last_year(regions):
    add_patents(2, filed=date(2008, 1, 31), granted=date(2008, 12, 1))
    add_patents(3, filed=date(2007, 12, 1))
    add_patents(4, region="620502", filed=date(2008, 1, 5))
    patent_counts_rebuild()
    trend = monthly_trend(scope=EVERYTHING, region_code="620100", year=2008)
    assert trend == {
        "months": list(range(1, 13)),
        "this_year": [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        "last_year": [0] * 11 + [3],
    }
    grants = monthly_trend(scope=EVERYTHING, region_code=None, year=2008, metric="grants")
    assert grants["this_year"][11] == 2


def test_monthly_trend_stops_at_the_current_month(regions):
    today = timezone.localdate()
    trend = monthly_trend(scope=EVERYTHING, region_code=None, year=today.year)
    assert trend["this_year"][: today.month] == [0] * today.month
    assert trend["this_year"][today.month :] == [None] * (12 - today.month)
    with pytest.raises(StatsError):
        monthly_trend(scope=EVERYTHING, region_code=None, year=2008, metric="deals")


def test_type_mix_gives_counts_and_shares(regions):
    add_patents(1, filed=date(2008, 3, 3), patent_type=INVENTION)
    add_patents(3, filed=date(2008, 3, 3), patent_type=PatentType.UTILITY)
    patent_counts_rebuild()
    mix = type_mix(scope=EVERYTHING, region_code=None, period=period_for(2008))
    assert [(r["code"], r["applications"], r["applications_share_pct"]) for r in mix["rows"]] == [
        ("invention", 1, 25.0), ("utility", 3, 75.0), ("design", 0, 0.0),
    ]  # fmt: skip
    assert mix["rows"][0]["grants_share_pct"] is None


def test_top_applicants_count_first_applicants_in_the_region_and_period(regions):
    lzu = applicant(OrgKind.UNIVERSITY, "兰州大学")
    jinchuan = applicant(OrgKind.ENTERPRISE, "金川集团股份有限公司")
    add_patents(3, filed=date(2008, 3, 3), first_applicant=lzu, patent_type=INVENTION,
                granted=date(2008, 11, 11))  # fmt: skip
    add_patents(3, region="620302", filed=date(2008, 3, 3), first_applicant=jinchuan)
    add_patents(1, filed=date(2008, 3, 3), first_applicant=jinchuan)
    add_patents(9, filed=date(2009, 3, 3), first_applicant=jinchuan)
    patent_counts_rebuild()
    result = top_applicants(scope=EVERYTHING, region_code=None, period=period_for(2008))
    assert [(r["name"], r["kind_name"], r["applications"], r["rank"]) for r in result["rows"]] == [
        ("金川集团股份有限公司", "企业", 4, 1), ("兰州大学", "高校", 3, 2),
    ]  # fmt: skip
    lanzhou = top_applicants(scope=EVERYTHING, region_code="620100", period=period_for(2008))
    assert [(r["name"], r["applications"], r["invention_applications"], r["grants"], r["rank"])
            for r in lanzhou["rows"]] == [
        ("兰州大学", 3, 3, 3, 1), ("金川集团股份有限公司", 1, 0, 0, 2),
    ]  # fmt: skip


def test_top_lists_outside_the_home_province_are_counted_from_the_records(regions):
    """The party summaries keep the home province only; a top list of another province's
    region is as exact, from the records."""
    fudan = applicant(OrgKind.UNIVERSITY, "复旦大学")
    add_patents(2, region="310104", filed=date(2008, 3, 3), first_applicant=fudan,
                granted=date(2008, 9, 9), through_agency=agency("上海专利事务所"))  # fmt: skip
    add_patents(1, region="310105", filed=date(2008, 5, 3))
    add_patents(4, region="620102", filed=date(2008, 3, 3), first_applicant=fudan)
    patent_counts_rebuild()
    assert not PartyYearCount.objects.exclude(region_code__startswith="62").exists()
    shanghai = top_applicants(scope=EVERYTHING, region_code="310000", period=period_for(2008))
    assert [(r["name"], r["applications"], r["grants"]) for r in shanghai["rows"]] == [
        ("复旦大学", 2, 2),
        ("测试enterprise申请人", 1, 0),
    ]
    agencies = top_agencies(scope=EVERYTHING, region_code="310000", period=period_for(2008))
    assert [(r["name"], r["applications"]) for r in agencies["rows"]] == [("上海专利事务所", 2)]
    home = top_applicants(scope=EVERYTHING, region_code=None, period=period_for(2008))
    assert [(r["name"], r["applications"]) for r in home["rows"]] == [("复旦大学", 4)]


def test_top_agencies_share_is_of_the_applications_filed_through_agencies(regions):
    add_patents(3, filed=date(2008, 3, 3), through_agency=agency("甲专利代理事务所"))
    add_patents(1, filed=date(2008, 3, 3), through_agency=agency("乙专利代理事务所"))
    add_patents(6, filed=date(2008, 3, 3))
    patent_counts_rebuild()
    result = top_agencies(scope=EVERYTHING, region_code=None, period=period_for(2008), limit=5)
    assert [(r["name"], r["applications"], r["share_pct"], r["rank"]) for r in result["rows"]] == [
        ("甲专利代理事务所", 3, 75.0, 1), ("乙专利代理事务所", 1, 25.0, 2),
    ]  # fmt: skip


def test_top_lists_respect_the_scope(regions):
    with pytest.raises(RegionOutOfScope):
        top_agencies(scope=scope_for(local_user("620500")), region_code="620100",
                     period=period_for(2008))  # fmt: skip


def test_valid_inventions_count_granted_inventions_not_ended(regions):
    at = date(2012, 12, 31)
    add_patents(4, filed=date(2001, 1, 1), granted=date(2004, 5, 5), patent_type=INVENTION,
                legal_status="有效")  # maintained over 10 years  # fmt: skip
    add_patents(2, filed=date(2008, 1, 1), granted=date(2011, 5, 5), patent_type=INVENTION)
    add_patents(1, filed=date(2008, 1, 1), granted=date(2011, 5, 5), patent_type=INVENTION,
                legal_status="部分无效")  # still valid  # fmt: skip
    for status in ("未缴年费专利权终止", "全部无效", "专利权届满", "放弃专利权"):
        add_patents(1, filed=date(2008, 1, 1), granted=date(2011, 5, 5), patent_type=INVENTION,
                    legal_status=status)  # fmt: skip
    add_patents(1, filed=date(1992, 1, 1), granted=date(1995, 5, 5), patent_type=INVENTION)
    add_patents(1, filed=date(2010, 1, 1), granted=date(2013, 1, 1), patent_type=INVENTION)
    add_patents(3, filed=date(2008, 1, 1), granted=date(2009, 1, 1), patent_type=PatentType.UTILITY)
    add_patents(2, region="620502", filed=date(2008, 1, 1), granted=date(2011, 5, 5),
                patent_type=INVENTION)  # fmt: skip
    Population.objects.create(year=2012, region_id="620000", population=25_780_000)
    Population.objects.create(year=2012, region_id="620100", population=3_640_000)
    result = valid_inventions(scope=EVERYTHING, region_code=None, at=at)
    assert result["total"] == {
        "valid_inventions": 9,
        "population": 25_780_000,
        "valid_inventions_per_10k": 0.0,
        "maintained_over_10_years": 4,
        "high_value_inventions": None,
    }
    rows = {row["code"]: row for row in result["rows"]}
    assert rows["620100"]["valid_inventions"] == 7
    assert rows["620100"]["valid_inventions_per_10k"] == 0.02  # 7 / 364 万人
    assert (
        rows["620500"]["population"] is None and rows["620500"]["valid_inventions_per_10k"] is None
    )
    assert len(result["high_value_not_counted"]) == 4


def brute_top(patents, prefix: str, start: date, end: date, column: str, limit: int):
    """The top list counted one patent at a time in Python."""
    counts: dict[int, list[int]] = {}
    for p in patents:
        key = getattr(p, column)
        if key is None or not (p.region_id or "").startswith(prefix):
            continue
        row = counts.setdefault(key, [0, 0, 0])
        if p.filing_date and start <= p.filing_date <= end:
            row[0] += 1
            row[1] += p.patent_type == INVENTION
        if p.grant_date and start <= p.grant_date <= end:
            row[2] += 1
    ranked = sorted((k for k, v in counts.items() if v[0]), key=lambda k: (-counts[k][0], k))
    return [(k, *counts[k]) for k in ranked[:limit]]


# 0: every date condition as ranges; 100: short periods listed day by day (counts.py).
@pytest.mark.parametrize("in_list_max", [0, 100])
def test_top_lists_of_part_of_a_year_equal_counting_the_records(regions, monkeypatch, in_list_max):
    """Year leaders are only candidates: an applicant busy in the autumn must not crowd out
    the leaders of a year-to-date ending mid-month, and ties are broken by id."""
    monkeypatch.setattr(counts, "IN_LIST_MAX", in_list_max)
    orgs = [applicant(OrgKind.ENTERPRISE, f"申请人{i:02d}") for i in range(14)]
    agencies = [agency(f"代理机构{i:02d}") for i in range(6)]
    patents = []
    for i, org in enumerate(orgs):
        # Early filers: a few each before the cut-off (some on the leftover days 1–14 June).
        patents += add_patents(
            i % 4 + 1,
            filed=date(2008, 6, 1 + i),
            first_applicant=org,
            through_agency=agencies[i % 6],
            granted=date(2008, 6, 10),
        )
        patents += add_patents(
            1, region="620502", filed=date(2008, 2, 2), first_applicant=org, patent_type=INVENTION
        )
        if i >= 9:  # the autumn: these lead the year, not the YTD
            patents += add_patents(
                30, filed=date(2008, 10, 1), first_applicant=org, through_agency=agencies[5]
            )
    patent_counts_rebuild()
    for until in (date(2008, 6, 14), date(2008, 6, 30), date(2008, 3, 31)):
        period = period_for(2008, "YTD", until)
        for code, prefix in (("620000", "62"), ("620100", "6201")):
            got = top_applicants(scope=EVERYTHING, region_code=code, period=period, limit=2)
            rows = [(r["id"], r["applications"], r["invention_applications"], r["grants"])
                    for r in got["rows"]]  # fmt: skip
            assert rows == brute_top(patents, prefix, period.start, until, "first_applicant_id", 2)
            got = top_agencies(scope=EVERYTHING, region_code=code, period=period, limit=3)
            expected = brute_top(patents, prefix, period.start, until, "agency_id", 3)
            assert [(r["id"], r["applications"]) for r in got["rows"]] == [
                row[:2] for row in expected
            ]
    year = top_applicants(scope=EVERYTHING, region_code="620000", period=period_for(2008), limit=3)
    assert [r["id"] for r in year["rows"]] == [orgs[11].pk, orgs[10].pk, orgs[9].pk]
    whole = brute_top(patents, "62", date(2008, 1, 1), date(2008, 12, 31), "first_applicant_id", 3)
    assert [(r["id"], r["applications"], r["grants"]) for r in year["rows"]] == [
        (k, n, g) for k, n, _, g in whole
    ]
