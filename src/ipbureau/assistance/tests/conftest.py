import pytest
from django.core.cache import cache

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import UserFactory, local_user


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The portal's rate limits live in the cache: each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def province_user(regions):
    return UserFactory(username="sheng", role=Role.PROVINCE)


@pytest.fixture
def lanzhou_user(regions):
    return local_user("620100", username="lanzhou")


@pytest.fixture
def tianshui_user(regions):
    return local_user("620500", username="tianshui")


@pytest.fixture
def leader(regions):
    return UserFactory(username="lingdao", role=Role.LEADER, region_id="620000")
