"""The REST API: the same region scope and filters as the staff pages."""

import json

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import UserFactory, local_user
from ipbureau.patents.models import Patent
from ipbureau.patents.tests.factories import make_patent

pytestmark = pytest.mark.django_db

LIST = "/api/v1/patents/"


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def numbers(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["application_number"] for row in response.json()["results"]}


def test_anonymous_callers_are_refused(patents):
    assert APIClient().get(LIST).status_code in (401, 403)
    assert APIClient().get(f"{LIST}{patents['lanzhou'].pk}/").status_code in (401, 403)


def test_a_wrong_token_is_refused(patents):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = client.get(LIST)
    # 403 rather than 401 because session authentication comes first in the settings.
    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_token_of_an_inactive_user_is_refused(regions, patents):
    user = UserFactory(role=Role.PROVINCE, is_active=False)
    response = token_client(user).get(LIST)
    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_city_staff_get_only_their_city_by_token(regions, patents):
    client = token_client(local_user("620100"))
    assert numbers(client.get(LIST)) == {
        patents["lanzhou"].application_number,
        patents["lanzhou_county"].application_number,
    }


def test_city_staff_get_404_for_another_citys_patent_by_id(regions, patents):
    client = token_client(local_user("620100"))
    assert client.get(f"{LIST}{patents['lanzhou'].pk}/").status_code == 200
    for other in ("tianshui", "unplaced", "shanghai"):
        response = client.get(f"{LIST}{patents[other].pk}/")
        assert response.status_code == 404
        assert patents[other].title not in response.content.decode()


def test_session_login_gives_the_same_scope_as_the_pages(regions, patents):
    user = local_user("620500")
    client = APIClient()
    client.force_login(user)
    assert numbers(client.get(LIST)) == {patents["tianshui"].application_number}
    pages = client.get(reverse("patents:list"))
    assert {p.application_number for p in pages.context["page"].object_list} == {
        patents["tianshui"].application_number
    }
    assert client.get(f"{LIST}{patents['lanzhou'].pk}/").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"region": "620500"},
        {"region": "620502"},
        {"region": "62"},
        {"region": "310105"},
        {"region": "abc"},
        {"applicant": "天水星火"},
        {"agency": "天水专利"},
        {"filing_year": "2015"},
        {"grant_year": "2016"},
        {"patent_type": "utility"},
        {"legal_status": "有效"},
        {"placement": "unplaced"},
        {"page": "1"},
    ],
)
def test_no_filter_widens_a_city_users_scope(regions, patents, params):
    response = token_client(local_user("620100")).get(LIST, params)
    if "region" in params and not params["region"].startswith("6201"):
        # A region outside the scope is refused, as on the page.
        assert response.status_code == 400
        assert "region" in response.json()
        return
    found = numbers(response)
    assert found <= {
        patents["lanzhou"].application_number,
        patents["lanzhou_county"].application_number,
    }


def test_province_staff_get_everything(regions, patents):
    client = token_client(UserFactory(role=Role.PROVINCE))
    response = client.get(LIST)
    assert numbers(response) == {p.application_number for p in patents.values()}
    assert response.json()["count"] == 5
    assert client.get(f"{LIST}{patents['shanghai'].pk}/").status_code == 200


def test_leader_reads_but_cannot_write(regions, patents):
    client = token_client(UserFactory(role=Role.LEADER, region_id="620000"))
    assert patents["tianshui"].application_number in numbers(client.get(LIST))
    url = f"{LIST}{patents['tianshui'].pk}/"
    assert client.patch(url, {"region": "620102"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405
    assert client.post(LIST, {"title": "x"}, format="json").status_code == 405
    patents["tianshui"].refresh_from_db()
    assert patents["tianshui"].region_id == "620502"


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"region": "620100"}, {"lanzhou", "lanzhou_county"}),
        ({"region": "620103"}, {"lanzhou_county"}),
        ({"patent_type": "utility"}, {"lanzhou_county", "tianshui"}),
        ({"filing_year": "2015"}, {"lanzhou_county", "tianshui"}),
        ({"grant_year": "2016"}, {"lanzhou_county", "tianshui"}),
        ({"applicant": "星火"}, {"tianshui"}),
        ({"agency": "振华"}, {"lanzhou", "lanzhou_county", "unplaced", "shanghai"}),
        ({"legal_status": "有效"}, {"lanzhou_county", "tianshui"}),
        ({"placement": "unplaced"}, {"unplaced"}),
        ({"region": "620500", "filing_year": "2008"}, set()),
        ({"region": "310105"}, {"shanghai"}),
        ({"text": "测试装置5"}, {"shanghai"}),
        ({"granted": "no"}, {"lanzhou", "unplaced", "shanghai"}),
        ({"granted": "true"}, {"lanzhou_county", "tianshui"}),
    ],
)
def test_filters_narrow_the_list(regions, patents, params, expected):
    response = token_client(UserFactory(role=Role.PROVINCE)).get(LIST, params)
    assert numbers(response) == {patents[key].application_number for key in expected}


def test_a_year_that_is_not_a_number_is_a_chinese_400(regions, patents):
    response = token_client(UserFactory(role=Role.PROVINCE)).get(LIST, {"filing_year": "去年"})
    assert response.status_code == 400
    assert "年份" in response.json()["filing_year"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"region": "abc"}, "六位行政区划代码"),
        ({"region": "62"}, "六位行政区划代码"),
        ({"filing_year": "0"}, "年份不应早于 1985"),
        ({"grant_year": "99999"}, "年份不应晚于 2100"),
        ({"filed_from": "2015/01/01"}, "YYYY-MM-DD"),
        ({"granted_to": "2015-02-30"}, "YYYY-MM-DD"),
        ({"is_pct": "maybe"}, "yes 或 no"),
        ({"agency_id": "x"}, "整数"),
        ({"patent_type": "plant"}, "plant"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_field_in_chinese(regions, patents, params, message):
    response = token_client(UserFactory(role=Role.PROVINCE)).get(LIST, params)
    assert response.status_code == 400
    [(field, text)] = response.json().items()
    assert field == next(iter(params))
    assert message in text


def test_a_city_user_asking_for_another_city_is_told_so(regions, patents):
    response = token_client(local_user("620100")).get(LIST, {"region": "620500"})
    assert response.status_code == 400
    assert "620500 不在您可以查看的范围内" in response.json()["region"]


def test_detail_fields(regions, patents):
    patent = patents["tianshui"]
    row = token_client(UserFactory(role=Role.PROVINCE)).get(f"{LIST}{patent.pk}/").json()
    assert row["application_number"] == patent.application_number
    assert row["region"] == "620502" and row["region_name"] == "秦州区"
    assert row["first_applicant"] == "天水星火机床有限责任公司"
    assert row["agency"] == "天水专利代理事务所"
    assert row["patent_type"] == "utility"
    assert row["filing_date"] == "2015-03-15" and row["grant_date"] == "2016-06-01"


def test_list_is_paged(regions):
    for serial in range(1, 56):
        make_patent(serial, "620102")
    client = token_client(local_user("620100"))
    first = client.get(LIST).json()
    assert first["count"] == 55 and len(first["results"]) == 50 and first["next"]
    second = client.get(LIST, {"page": 2}).json()
    assert len(second["results"]) == 5 and second["next"] is None
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    assert Patent.objects.count() == 55


def test_schema_is_an_openapi_document_with_the_patent_paths(regions):
    response = token_client(UserFactory(role=Role.PROVINCE)).get("/api/v1/schema/")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/patents/", "/api/v1/patents/{id}/"} <= set(document["paths"])
    assert "get" in document["paths"]["/api/v1/patents/"]
    schema = document["components"]["schemas"]
    assert "Patent" in schema and "region_name" in schema["Patent"]["properties"]


def test_schema_as_json_parses(regions):
    client = token_client(UserFactory(role=Role.PROVINCE))
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    assert "/api/v1/patents/" in json.loads(response.content)["paths"]


def test_schema_generator_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/api/v1/patents/" in yaml.safe_load(out.read_text(encoding="utf-8"))["paths"]
