"""One set of patent filters (PatentFilter) behind the list page, its export and the API."""

import datetime
import re
from io import BytesIO

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import UserFactory, local_user
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.patents.filters import PatentFilter
from ipbureau.patents.models import Patent, PatentType
from ipbureau.patents.selectors import patent_list
from ipbureau.patents.tests.factories import make_patent
from ipbureau.patents.tests.test_views import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(patents):
    """The shared patents plus the attributes the statistics count by."""
    university = make_patent(
        6, "620103", year=2016, grant_year=2017, applicant="兰州理工大学", agency="甲代理所"
    )
    Organization.objects.filter(pk=university.first_applicant_id).update(kind=OrgKind.UNIVERSITY)
    pct = make_patent(7, "620502", patent_type=PatentType.INVENTION, year=2016)
    own = make_patent(8, "620102", patent_type=PatentType.DESIGN, year=2016)
    Patent.objects.filter(pk=pct.pk).update(is_pct=True)
    Patent.objects.filter(pk=own.pk).update(agency=None)
    Patent.objects.filter(pk=university.pk).update(filing_date=datetime.date(2016, 8, 1))
    return {**patents, "university": university, "pct": pct, "own": own}


def on_page(client, query: str) -> set[str]:
    response = client.get(f"{reverse('patents:list')}?{query}")
    assert response.status_code == 200
    assert not response.context["form"].errors
    return {p.application_number for p in response.context["page"].paginator.object_list}


def in_export(client, query: str) -> set[str]:
    response = client.get(f"{reverse('patents:export')}?{query}")
    assert response.status_code == 200
    rows = load_workbook(BytesIO(response.content), read_only=True).active.iter_rows(
        values_only=True
    )
    next(rows)
    return {row[0] for row in rows}


def in_api(user, query: str) -> set[str]:
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(f"/api/v1/patents/?{query}")
    assert response.status_code == 200, response.content
    return {row["application_number"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "who, query, expected",
    [
        ("province", "", None),
        ("province", "region=620100", {"lanzhou", "lanzhou_county", "university", "own"}),
        ("province", "region=620100&patent_type=invention", {"lanzhou", "university"}),
        ("province", "region=310105", {"shanghai"}),
        ("province", "filing_year=2016&is_pct=yes", {"pct"}),
        ("province", "filed_from=2016-03-15&filed_to=2016-07-31", {"pct", "own"}),
        (
            "province",
            "granted_from=2016-01-01&granted_to=2016-12-31",
            {"lanzhou_county", "tianshui"},
        ),
        ("province", "grant_year=2017&applicant_kind=university", {"university"}),
        ("province", "agency_filed=no", {"own"}),
        ("province", "agency_filed=yes&region=620500", {"tianshui", "pct"}),
        ("province", "applicant_kind=unknown&filing_year=2016", {"pct", "own"}),
        ("province", "granted=no&placement=unplaced", {"unplaced"}),
        ("province", "text=测试装置3&legal_status=有效", {"tianshui"}),
        ("province", "applicant=兰州理工&agency=甲代理", {"university"}),
        ("lanzhou", "", {"lanzhou", "lanzhou_county", "university", "own"}),
        ("lanzhou", "region=620103&granted=yes", {"lanzhou_county", "university"}),
        ("lanzhou", "is_pct=yes", set()),
        ("lanzhou", "patent_type=design&page=1", {"own"}),
    ],
)
def test_page_export_and_api_list_the_same_patents(records, who, query, expected):
    user = UserFactory(role=Role.PROVINCE) if who == "province" else local_user("620100")
    if expected is None:
        expected = set(records)
    numbers = {records[key].application_number for key in expected}
    assert on_page(client_for(user), query) == numbers
    assert in_export(client_for(user), query) == numbers
    assert in_api(user, query) == numbers


def test_ids_from_a_dashboard_link_narrow_the_same_on_every_surface(records):
    user = UserFactory(role=Role.PROVINCE)
    university = records["university"]
    query = f"first_applicant_id={university.first_applicant_id}&agency_id={university.agency_id}"
    expected = {university.application_number}
    assert on_page(client_for(user), query) == expected
    assert in_export(client_for(user), query) == expected
    assert in_api(user, query) == expected


def test_a_region_outside_the_scope_is_a_chinese_error_on_the_page(records):
    response = client_for(local_user("620100")).get(reverse("patents:list"), {"region": "620500"})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'class="error">[^<]*地区：地区 620500 不在您可以查看的范围内', html)
    assert records["tianshui"].application_number not in html


def test_the_page_offers_the_scopes_regions_and_keeps_the_chosen_one(records):
    response = client_for(local_user("620100")).get(reverse("patents:list"), {"region": "620103"})
    html = response.content.decode()
    assert '<option value="620103" selected>' in html
    assert 'value="620500"' not in html


def test_the_selector_refuses_a_bad_value_rather_than_listing_more(records):
    with pytest.raises(ValidationError, match="不在您可以查看的范围内"):
        patent_list(local_user("620100"), region="620500")
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        patent_list(UserFactory(role=Role.PROVINCE), filed_from="2016-02-30")


def test_the_schema_lists_every_filter_with_its_type_and_a_bilingual_description(regions):
    client = APIClient()
    client.force_authenticate(UserFactory(role=Role.PROVINCE))
    document = yaml.safe_load(client.get("/api/v1/schema/").content)
    parameters = {p["name"]: p for p in document["paths"]["/api/v1/patents/"]["get"]["parameters"]}
    assert set(PatentFilter.base_filters) <= set(parameters)
    for name in PatentFilter.base_filters:
        parameter = parameters[name]
        assert parameter["in"] == "query"
        assert re.search(r"[\u4e00-\u9fff].* / [A-Za-z]", parameter["description"]), name
    types = {name: parameters[name]["schema"] for name in PatentFilter.base_filters}
    assert types["filed_from"] == {"type": "string", "format": "date"}
    assert types["filing_year"] == {"type": "integer"}
    assert types["agency_id"] == {"type": "integer"}
    assert types["is_pct"]["enum"] == ["no", "yes"]
    assert "utility" in types["patent_type"]["enum"]
    assert types["region"]["type"] == "string"
