"""The statistics API: the selectors' envelopes, the caller's region scope, Chinese errors."""

from datetime import date

import pytest
import yaml
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import UserFactory, local_user
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import add_patents, agency, applicant

pytestmark = pytest.mark.django_db
BASE = "/api/v1/stats"


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def filed(regions):
    add_patents(3, region="620102", filed=date(2008, 3, 3), through_agency=agency(),
                first_applicant=applicant(name="兰州大学"))  # fmt: skip
    add_patents(2, region="620502", filed=date(2008, 5, 3))
    patent_counts_rebuild()


def test_province_staff_get_the_figures_envelope(filed):
    response = token_client(UserFactory(role=Role.PROVINCE)).get(
        f"{BASE}/figures/", {"year": 2008, "period": "H1"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["region"]["code"] == "620000" and body["period"]["label"] == "2008年上半年"
    assert body["total"]["applications"] == 5 and len(body["rows"]) == 14


def test_city_staff_default_to_their_city_and_are_refused_the_province(filed):
    client = token_client(local_user("620100"))
    own = client.get(f"{BASE}/figures/", {"year": 2008, "by": "county"}).json()
    assert own["region"]["code"] == "620100" and own["total"]["applications"] == 3
    refused = client.get(f"{BASE}/figures/", {"year": 2008, "region": "620000"})
    assert refused.status_code == 403
    assert "不在您的管辖范围内" in refused.json()["detail"]
    other = client.get(f"{BASE}/top-applicants/", {"year": 2008, "region": "620500"})
    assert other.status_code == 403


def test_bad_parameters_are_answered_400_or_404_in_chinese(filed):
    client = token_client(UserFactory(role=Role.PROVINCE))
    bad_period = client.get(f"{BASE}/figures/", {"year": 2008, "period": "Q7"})
    assert bad_period.status_code == 400 and "无法识别" in bad_period.json()["detail"]
    assert client.get(f"{BASE}/figures/", {"period": "H1"}).status_code == 400  # no year
    unknown = client.get(f"{BASE}/figures/", {"year": 2008, "region": "629999"})
    assert unknown.status_code == 404 and "629999" in unknown.json()["detail"]


def test_anonymous_callers_are_refused(filed):
    assert APIClient().get(f"{BASE}/figures/", {"year": 2008}).status_code in (401, 403)


def test_trend_top_lists_type_mix_and_valid_inventions(filed):
    client = token_client(UserFactory(role=Role.PROVINCE))
    trend = client.get(f"{BASE}/trend/", {"year": 2008}).json()
    assert trend["this_year"][2] == 3 and trend["this_year"][4] == 2
    top = client.get(f"{BASE}/top-applicants/", {"year": 2008, "limit": 1}).json()
    assert [row["name"] for row in top["rows"]] == ["兰州大学"]
    agencies = client.get(f"{BASE}/top-agencies/", {"year": 2008}).json()
    assert agencies["rows"][0]["share_pct"] == 100.0
    mix = client.get(f"{BASE}/type-mix/", {"year": 2008}).json()
    assert [row["applications"] for row in mix["rows"]] == [0, 5, 0]
    held = client.get(f"{BASE}/valid-inventions/", {"at": "2012-12-31"}).json()
    assert held["total"]["valid_inventions"] == 0 and held["total"]["high_value_inventions"] is None


def test_schema_describes_the_statistics_endpoints(regions):
    response = token_client(UserFactory(role=Role.PROVINCE)).get("/api/v1/schema/")
    document = yaml.safe_load(response.content)
    for path in ("figures", "trend", "type-mix", "top-applicants", "top-agencies",
                 "valid-inventions"):  # fmt: skip
        assert f"{BASE}/{path}/" in document["paths"]
    metrics = document["components"]["schemas"]["Metrics"]["properties"]
    assert metrics["completion_pct"]["nullable"] is True
