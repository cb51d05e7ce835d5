from datetime import date

import pytest

from ipbureau.accounts.tests.factories import local_user
from ipbureau.orgs.models import OrgKind
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import add_patents, agency, applicant
from ipbureau.patents.models import PatentType
from ipbureau.targets.services import target_set

YEAR = 2015


@pytest.fixture
def records(regions):
    """Patents in two cities over two years, targets for some regions, the summary table
    rebuilt from them: what an import leaves behind."""
    lzu = applicant(OrgKind.UNIVERSITY, "兰州大学")
    firm = applicant(OrgKind.ENTERPRISE, "天水星火机床有限责任公司")
    office = agency("兰州振华专利代理有限责任公司")
    # 兰州 2015: 城关区 12 (5 inventions granted in 2015), 七里河区 6; 2014: 城关区 8 (one
    # design granted in 2015), 七里河区 6.
    add_patents(
        7, region="620102", filed=date(YEAR, 3, 15), first_applicant=lzu, through_agency=office
    )
    add_patents(
        5,
        region="620102",
        filed=date(YEAR, 8, 1),
        patent_type=PatentType.INVENTION,
        granted=date(YEAR, 11, 20),
        first_applicant=lzu,
    )
    add_patents(
        1,
        region="620102",
        filed=date(YEAR - 1, 1, 1),
        granted=date(YEAR, 1, 5),
        patent_type=PatentType.DESIGN,
    )
    add_patents(6, region="620103", filed=date(YEAR, 7, 1), through_agency=office)
    add_patents(7, region="620102", filed=date(YEAR - 1, 5, 5))
    add_patents(6, region="620103", filed=date(YEAR - 1, 9, 9))
    # 天水 2015: 9 in 秦州区, all filed by one firm.
    add_patents(9, region="620502", filed=date(YEAR, 4, 4), first_applicant=firm)
    add_patents(3, region="620502", filed=date(YEAR - 1, 4, 4), first_applicant=firm)
    patent_counts_rebuild()
    for code, value in (("620000", 100), ("620100", 20), ("620500", 30), ("620102", 10)):
        target_set(year=YEAR, region=code, metric="applications", value=value, user=None)


@pytest.fixture
def county_user(regions):
    return local_user("620102", username="chengguan")
