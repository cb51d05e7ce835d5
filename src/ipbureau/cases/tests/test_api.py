import pytest
import yaml
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ipbureau.cases.models import CaseState
from ipbureau.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_case_figures_api_gives_the_stats_envelope(users):
    CaseFactory(closure="decision", closed_on="2024-04-01", state=CaseState.CLOSED)
    CaseFactory(region_id="620500")
    data = token_client(users["province"]).get("/api/v1/stats/cases/?year=2024").json()
    assert data["total"]["received"] == 2
    assert data["total"]["closed_share_pct"] == 50.0
    assert {row["code"]: row["received"] for row in data["rows"]}["620500"] == 1


def test_case_figures_api_keeps_a_city_in_its_scope(users):
    client = token_client(users["lanzhou"])
    assert client.get("/api/v1/stats/cases/?year=2024&region=620500").status_code == 403
    own = client.get("/api/v1/stats/cases/?year=2024").json()
    assert own["region"]["code"] == "620100"
    assert client.get("/api/v1/stats/cases/?year=2024&period=Q9").status_code == 400
    assert APIClient().get("/api/v1/stats/cases/?year=2024").status_code in (401, 403)


def test_case_list_api_is_scoped(users):
    CaseFactory(number="LZ-1")
    CaseFactory(number="TS-1", region_id="620500")
    client = token_client(users["lanzhou"])
    numbers = [c["number"] for c in client.get("/api/v1/cases/").json()["results"]]
    assert numbers == ["LZ-1"]
    ts = CaseFactory(number="TS-2", region_id="620500")
    assert client.get(f"/api/v1/cases/{ts.pk}/").status_code == 404


def test_schema_describes_the_case_endpoints(users):
    response = token_client(users["province"]).get("/api/v1/schema/")
    document = yaml.safe_load(response.content)
    assert "/api/v1/stats/cases/" in document["paths"]
    assert "/api/v1/cases/" in document["paths"]
    assert "closure_rate_pct" in document["components"]["schemas"]["CaseMetrics"]["properties"]
