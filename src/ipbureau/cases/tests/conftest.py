import pytest

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import UserFactory, local_user


@pytest.fixture
def users(regions):
    return {
        "admin": UserFactory(username="admin", role=Role.ADMIN),
        "province": UserFactory(username="province", role=Role.PROVINCE),
        "lanzhou": local_user("620100", username="lanzhou"),
        "lanzhou2": local_user("620100", username="lanzhou2"),
        "tianshui": local_user("620500", username="tianshui"),
        "chengguan": local_user("620102", username="chengguan"),
        "leader": UserFactory(username="leader", role=Role.LEADER, region_id="620000"),
    }
