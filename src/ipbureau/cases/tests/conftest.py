import pytest

from ipbureau.accounts.tests.factories import local_user


@pytest.fixture
def users(users):
    """The shared users (src/ipbureau/conftest.py) and a second officer of Lanzhou."""
    return {**users, "lanzhou2": local_user("620100", username="lanzhou2")}
