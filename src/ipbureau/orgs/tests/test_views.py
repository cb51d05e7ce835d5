import pytest
from django.urls import reverse

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import PASSWORD, UserFactory, local_user
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.patents.importer import patents_import
from ipbureau.patents.tests.factories import canonical_row, write_canonical

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cities(regions, tmp_path):
    rows = [
        canonical_row(1, applicants="兰州某某中心"),
        canonical_row(
            2, applicants="天水某某中心", address="甘肃省天水市秦州区解放路1号", postcode="741000"
        ),
    ]
    patents_import(path=write_canonical(tmp_path / "a.csv", rows))
    return {o.name: o for o in Organization.objects.all()}


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_city_staff_correct_the_kind_of_a_local_applicant_and_it_is_recorded(client, two_cities):
    clerk = local_user("620100")
    login(client, clerk)
    org = two_cities["兰州某某中心"]
    response = client.post(reverse("orgs:detail", args=[org.pk]), {"kind": OrgKind.ENTERPRISE})
    assert response.status_code == 302
    page = client.get(reverse("orgs:detail", args=[org.pk])).content.decode()
    assert "已人工校正" in page and clerk.username in page
    org.refresh_from_db()
    assert (org.kind, org.kind_manual) == (OrgKind.ENTERPRISE, True)


def test_city_staff_cannot_reach_another_citys_applicant(client, two_cities):
    login(client, local_user("620100"))
    org = two_cities["天水某某中心"]
    assert client.get(reverse("orgs:detail", args=[org.pk])).status_code == 404
    response = client.post(reverse("orgs:detail", args=[org.pk]), {"kind": OrgKind.ENTERPRISE})
    assert response.status_code == 404
    org.refresh_from_db()
    assert not org.kind_manual


def test_leaders_see_applicants_but_cannot_change_them(client, two_cities):
    login(client, UserFactory(role=Role.LEADER, region_id="620000"))
    org = two_cities["兰州某某中心"]
    assert "校正类型" not in client.get(reverse("orgs:detail", args=[org.pk])).content.decode()
    client.post(reverse("orgs:detail", args=[org.pk]), {"kind": OrgKind.ENTERPRISE})
    org.refresh_from_db()
    assert not org.kind_manual
