import pytest
from django.test import Client

from ipbureau.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_api_schema_needs_a_login(regions):
    assert Client().get("/api/v1/schema/").status_code in (401, 403)
    client = Client()
    client.force_login(UserFactory())
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200 and b"/api/v1/patents/" in response.content
