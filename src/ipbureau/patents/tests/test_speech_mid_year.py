"""The first seed speech, section 二(一), reproduced from records built here: 960
applications by the end of June, about 48% of the year's target of 2000; 平凉, 白银, 兰州 at
39, 28, 647 against targets 45, 35, 1100; growth on the base, not on this year."""

from datetime import date

import pytest

from ipbureau.accounts.selectors import Scope
from ipbureau.figures.periods import period_for
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import add_patents
from ipbureau.patents.figures import figures
from ipbureau.patents.figures.narrative import narrative
from ipbureau.targets.models import Target

pytestmark = pytest.mark.django_db
EVERYTHING = Scope(prefix=None)


@pytest.fixture(scope="module")
def mid_year_2008(module_data):
    """First half of 2008: 960 applications, 760 in the first half of 2007."""
    for n, region, filed in [
        (300, "620102", date(2008, 1, 1)),  # 兰州 647, some filed at city level only
        (300, "620102", date(2008, 4, 9)),
        (40, "620103", date(2008, 6, 30)),
        (7, "620100", date(2008, 5, 5)),
        (39, "620802", date(2008, 3, 3)),  # 平凉
        (28, "620402", date(2008, 6, 1)),  # 白银
        (246, "620502", date(2008, 2, 14)),  # 天水
        # Outside the half year, inside its year or its base year.
        (50, "620102", date(2008, 7, 1)),
        (30, "620102", date(2007, 12, 31)),
        (500, "620102", date(2007, 1, 1)),  # the base: 760
        (260, "620502", date(2007, 6, 30)),
        (40, "620502", date(2007, 7, 1)),
    ]:
        add_patents(n, region=region, filed=filed)
    for code, value in [("620000", 2000), ("620800", 45), ("620400", 35), ("620100", 1100)]:
        Target.objects.create(year=2008, region_id=code, metric="applications", value=value)
    patent_counts_rebuild()
    yield


def test_first_speech_960_applications_are_48_percent_of_the_target(mid_year_2008):
    total = figures(scope=EVERYTHING, region_code=None, period=period_for(2008, "H1"))["total"]
    assert total["applications"] == 960
    assert total["target_applications"] == 2000
    assert total["completion_pct"] == 48.0


def test_first_speech_growth_is_divided_by_the_base_not_by_this_year(mid_year_2008):
    total = figures(scope=EVERYTHING, region_code=None, period=period_for(2008, "H1"))["total"]
    assert total["applications_base"] == 760
    # +200 on 760 is 26.3%; the speech printed 200 / 960 = 20.8%.
    assert total["applications_growth_pct"] == 26.3
    assert total["applications_growth_pct"] != 20.8


def test_first_speech_city_completion(mid_year_2008):
    result = figures(scope=EVERYTHING, region_code="620000", period=period_for(2008, "H1"))
    rows = {row["name"]: row for row in result["rows"]}
    got = {
        name: (rows[name]["applications"], rows[name]["target_applications"],
               rows[name]["completion_pct"])
        for name in ("平凉市", "白银市", "兰州市")
    }  # fmt: skip
    # 39/45 = 86.666…: rounded half up it is 86.7; the speech's 86.6 is truncated.
    assert got == {
        "平凉市": (39, 45, 86.7),
        "白银市": (28, 35, 80.0),
        "兰州市": (647, 1100, 58.8),
    }
    assert rows["天水市"]["completion_pct"] is None  # no target set
    assert len(result["rows"]) == 14 and rows["甘南藏族自治州"]["applications"] == 0


def test_year_to_date_until_30_june_equals_the_first_half(mid_year_2008):
    ytd = figures(
        scope=EVERYTHING, region_code=None, period=period_for(2008, "YTD", date(2008, 6, 30))
    )
    half = figures(scope=EVERYTHING, region_code=None, period=period_for(2008, "H1"))
    assert ytd["total"] == half["total"] and ytd["rows"] == half["rows"]


def test_first_speech_narrative(mid_year_2008):
    text = narrative(figures(scope=EVERYTHING, region_code=None, period=period_for(2008, "H1")))
    assert text[0].startswith(
        "截至6月底，全省专利申请量960件，占全年目标任务2000件的48.0%，同比增长26.3%"
    )
    assert text[-1] == (
        "平凉、白银、兰州已分别申请专利39件、28件、647件（三市全年任务分别为45件、35件、"
        "1100件），已完成当年工作任务的86.7%、80.0%、58.8%。"
    )
