import pytest
from django.core.cache import cache

from ipbureau.accounts.tests.factories import local_user


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The portal's rate limits live in the cache: each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tianshui_user(regions):
    return local_user("620500", username="tianshui")
