import pytest
from django.core.cache import cache
from django.urls import reverse

from ipbureau.accounts.tests.factories import PASSWORD, UserFactory
from ipbureau.accounts.throttle import MAX_FAILURES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_repeated_wrong_passwords_block_even_the_right_one(client, regions):
    user = UserFactory()
    for _ in range(MAX_FAILURES):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_few_wrong_passwords_do_not_block(client, regions):
    user = UserFactory()
    for _ in range(MAX_FAILURES - 1):
        response = client.post(reverse("login"), {"username": user.username, "password": "x"})
        assert "用户名或密码不正确" in response.content.decode()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_blocking_one_user_name_leaves_others_alone(client, regions):
    victim, colleague = UserFactory(), UserFactory()
    for _ in range(MAX_FAILURES):
        client.post(reverse("login"), {"username": victim.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": colleague.username, "password": PASSWORD})
    assert response.status_code == 302
