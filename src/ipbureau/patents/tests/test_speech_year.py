"""The second seed speech's year figures, reproduced from records built here: 2676
applications (+22.9%), 1275 grants (+21.8%), 1660 filed through agencies = 62% of
applications (+32.2%)."""

from datetime import date

import pytest

from ipbureau.accounts.selectors import Scope
from ipbureau.figures.periods import period_for
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import add_patents
from ipbureau.patents.figures import figures
from ipbureau.patents.figures.narrative import narrative

pytestmark = pytest.mark.django_db
EVERYTHING = Scope(prefix=None)


@pytest.fixture(scope="module")
def year_2008(module_data):
    """2008: 2676 applications (1660 through agencies) and 1275 grants; 2007: 2177
    applications (1256 through agencies) and 1047 grants."""
    for n, filed, granted, agency in [
        (1047, date(2007, 2, 10), date(2007, 11, 21), True),
        (209, date(2007, 5, 10), date(2008, 4, 16), True),
        (921, date(2007, 5, 10), date(2008, 4, 16), False),
        (145, date(2008, 1, 1), date(2008, 12, 31), True),
        (1515, date(2008, 8, 8), None, True),
        (1016, date(2008, 8, 8), None, False),
        (10, date(2009, 1, 1), date(2009, 1, 1), True),  # next year and the one before last
        (10, date(2006, 12, 31), date(2006, 12, 31), True),
    ]:
        add_patents(n, region="620102", filed=filed, granted=granted, through_agency=agency)
    patent_counts_rebuild()
    yield


def test_second_speech_year_figures(year_2008):
    total = figures(scope=EVERYTHING, region_code=None, period=period_for(2008), by=None)["total"]
    assert (total["applications"], total["applications_base"]) == (2676, 2177)
    assert total["applications_growth_pct"] == 22.9
    assert (total["grants"], total["grants_base"]) == (1275, 1047)
    assert total["grants_growth_pct"] == 21.8
    assert total["agency_filed"] == 1660
    assert total["agency_share_pct"] == 62.0
    assert total["agency_filed_growth_pct"] == 32.2


def test_second_speech_narrative(year_2008):
    text = narrative(figures(scope=EVERYTHING, region_code=None, period=period_for(2008)))
    assert text[:2] == [
        "2008年，全省专利申请量2676件，比上年增长22.9%；专利授权量1275件，比上年增长21.8%。",
        "专利代理量1660件，占专利申请量的62.0%，比上年增长32.2%。",
    ]
