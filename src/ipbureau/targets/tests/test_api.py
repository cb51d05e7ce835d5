"""/api/v1/targets/: the same scope and rules as the staff pages."""

from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ipbureau.audit.models import AuditEntry
from ipbureau.targets.models import Metric
from ipbureau.targets.selectors import target_value
from ipbureau.targets.tests.factories import PopulationFactory, TargetFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/targets/"
POPULATION = "/api/v1/targets/population/"


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def regions_listed(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["region"] for row in response.json()["results"]]


@pytest.fixture
def targets(regions):
    for code in ("620000", "620100", "620102", "620500", "620503"):
        TargetFactory(region_id=code)


def test_anonymous_callers_are_refused(targets):
    assert APIClient().get(LIST).status_code in (401, 403)
    assert APIClient().post(LIST, {}).status_code in (401, 403)


def test_city_staff_see_only_their_own_subtree(users, targets):
    assert regions_listed(token_client(users["lanzhou"]).get(LIST)) == ["620100", "620102"]


def test_province_staff_see_every_region(users, targets):
    assert len(regions_listed(token_client(users["province"]).get(LIST))) == 5


def test_the_list_filters_by_year_region_and_metric(users, targets):
    TargetFactory(region_id="620100", metric=Metric.GRANTS, value=Decimal("500"))
    client = token_client(users["province"])
    response = client.get(LIST, {"year": 2024, "region": "620100", "metric": "grants"})
    rows = response.json()["results"]
    assert [(r["region"], r["metric"], r["metric_label"], r["value"]) for r in rows] == [
        ("620100", "grants", "专利授权量", "500.00")
    ]
    assert client.get(LIST, {"year": 2023}).json()["count"] == 0


def test_a_bad_filter_is_a_400_not_an_empty_list(users):
    response = token_client(users["province"]).get(LIST, {"metric": "nonsense"})
    assert response.status_code == 400


def test_province_staff_set_a_city_target_by_post(users):
    client = token_client(users["province"])
    body = {"year": 2024, "region": "620100", "metric": "applications", "value": "1100"}
    response = client.post(LIST, body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["region_name"] == "兰州市"
    assert target_value(2024, "620100", Metric.APPLICATIONS) == Decimal("1100")
    assert AuditEntry.objects.get().actor == users["province"]


def test_city_staff_set_their_county_but_not_their_city(users):
    client = token_client(users["lanzhou"])
    body = {"year": 2024, "region": "620102", "metric": "applications", "value": "80"}
    assert client.post(LIST, body, format="json").status_code == 200
    response = client.post(LIST, {**body, "region": "620100"}, format="json")
    assert response.status_code == 403
    assert "您无权设定兰州市的目标" in response.json()["detail"]


def test_leaders_cannot_post_targets(users):
    body = {"year": 2024, "region": "620100", "metric": "applications", "value": "1"}
    response = token_client(users["leader"]).post(LIST, body, format="json")
    assert response.status_code == 403
    assert not AuditEntry.objects.exists()


def test_invalid_values_are_400_with_the_field(users):
    client = token_client(users["province"])
    body = {"year": 2024, "region": "629999", "metric": "applications", "value": "1"}
    response = client.post(LIST, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"region": ["地区代码 629999 不存在"]}
    response = client.post(LIST, {**body, "region": "620100", "value": "1.5"}, format="json")
    assert response.status_code == 400
    assert "应为整数" in response.json()["value"][0]


def test_population_is_listed_in_persons_within_scope(users):
    PopulationFactory(region_id="620100", population=4_384_300)
    PopulationFactory(region_id="620500")
    response = token_client(users["lanzhou"]).get(POPULATION, {"year": 2024})
    rows = response.json()["results"]
    assert [(r["region"], r["population"]) for r in rows] == [("620100", 4_384_300)]


def test_the_schema_describes_the_targets_endpoints(users, regions):
    client = APIClient()
    client.force_authenticate(users["province"])  # the schema needs a login
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/targets/:" in text and "/api/v1/targets/population/:" in text
    assert "TargetWrite" in text
