"""The patent list's filters that statistics count by: a list opened from a figure has
exactly that figure's count (the dashboard links are tested in dashboard/tests)."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from ipbureau.accounts.models import Role
from ipbureau.accounts.selectors import Scope
from ipbureau.accounts.tests.factories import UserFactory, local_user
from ipbureau.figures.periods import period_for
from ipbureau.orgs.models import OrgKind
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import add_patents, agency, applicant
from ipbureau.patents.figures import figures
from ipbureau.patents.models import PatentType
from ipbureau.patents.selectors import patent_list

pytestmark = pytest.mark.django_db
EVERYTHING = Scope(prefix=None)


@pytest.fixture
def records(regions):
    office = agency("甲专利代理事务所")
    add_patents(3, region="620102", filed=date(2010, 6, 30), kind=OrgKind.UNIVERSITY,
                through_agency=office, patent_type=PatentType.INVENTION, pct=True,
                granted=date(2011, 1, 4))  # fmt: skip
    add_patents(2, region="620103", filed=date(2010, 7, 1), kind=OrgKind.INDIVIDUAL)
    add_patents(4, region="620502", filed=date(2010, 2, 28), kind=OrgKind.UNKNOWN,
                through_agency=office, granted=date(2010, 12, 31))  # fmt: skip
    add_patents(1, region="620102", filed=date(2009, 12, 31), first_applicant=None,
                kind=OrgKind.UNKNOWN)  # fmt: skip
    patent_counts_rebuild()


def test_applicant_kind_lists_match_the_figures_by_applicant_kind(records):
    user = UserFactory(role=Role.PROVINCE)
    period = period_for(2010, "H1")
    result = figures(scope=EVERYTHING, region_code="620000", period=period, by="applicant_kind")
    for row in result["rows"]:
        listed = patent_list(
            user, region="620000", applicant_kind=row["code"],
            filed_from=period.start, filed_to=period.end,
        )  # fmt: skip
        assert listed.count() == row["applications"], row["code"]
    assert sum(row["applications"] for row in result["rows"]) == 7


def test_date_ranges_agency_and_pct_filters_match_the_figures(records):
    user = UserFactory(role=Role.PROVINCE)
    for period in (period_for(2010, "H1"), period_for(2010, "H2"), period_for(2010)):
        total = figures(scope=EVERYTHING, region_code="620000", period=period, by=None)["total"]
        dates = {"filed_from": period.start, "filed_to": period.end}
        assert patent_list(user, **dates).count() == total["applications"]
        assert patent_list(user, agency_filed=True, **dates).count() == total["agency_filed"]
        assert patent_list(user, is_pct=True, **dates).count() == total["pct_applications"]
        granted = patent_list(user, granted_from=period.start, granted_to=period.end)
        assert granted.count() == total["grants"]


def test_first_applicant_and_agency_ids_narrow_to_one_party(records):
    user = UserFactory(role=Role.PROVINCE)
    university = applicant(OrgKind.UNIVERSITY)
    office = agency("甲专利代理事务所")
    assert patent_list(user, first_applicant_id=university.pk).count() == 3
    assert patent_list(user, agency_id=office.pk, region="620100").count() == 3
    assert patent_list(user, agency_id=office.pk).count() == 7


def test_the_api_takes_the_same_filters_and_keeps_the_scope(records):
    client = APIClient()
    client.force_authenticate(local_user("620100"))
    url = "/api/v1/patents/"
    response = client.get(url, {"filed_from": "2010-06-01", "agency_filed": "yes"})
    assert response.status_code == 200
    assert response.json()["count"] == 3  # 天水's four are outside the scope
    bad = client.get(url, {"filed_from": "2010-13-01"})
    assert bad.status_code == 400 and "filed_from" in bad.json()
