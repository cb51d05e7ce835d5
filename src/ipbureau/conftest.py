from pathlib import Path

import pytest

# Browser tests' fixtures (playwright, page, browser_viewport, shots), shared by every app.
from ipbureau_testing.browser import browser_viewport, page, playwright, shots  # noqa: F401


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Django's default hasher takes a good part of a second per user, by design; tests
    create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Production names static files after their content, from the manifest `collectstatic`
    writes; the tests render pages without collecting (test_serve covers the real thing).
    The empty folder only spares every test whitenoise's warning that it is missing."""
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference regions are loaded once into the test database."""
    from ipbureau.regions.services import regions_load

    with django_db_blocker.unblock():
        regions_load()


@pytest.fixture
def regions(db):
    """The GB/T 2260 tree. Tests with a live server flush the database afterwards, so it is
    loaded again when missing."""
    from ipbureau.regions.models import Region
    from ipbureau.regions.services import regions_load

    if not Region.objects.filter(code="620000").exists():
        regions_load()
    return Region.objects


# Users of every role, shared by the apps' tests (an app's conftest may add its own).


@pytest.fixture
def users(regions):
    """One user of each role, and local officers of two cities and a county."""
    from ipbureau.accounts.models import Role
    from ipbureau.accounts.tests.factories import UserFactory, local_user

    return {
        "admin": UserFactory(username="admin", role=Role.ADMIN),
        "province": UserFactory(username="province", role=Role.PROVINCE),
        "lanzhou": local_user("620100", username="lanzhou"),
        "tianshui": local_user("620500", username="tianshui"),
        "chengguan": local_user("620102", username="chengguan"),
        "leader": UserFactory(username="leader", role=Role.LEADER, region_id="620000"),
    }


@pytest.fixture
def province_user(regions):
    from ipbureau.accounts.models import Role
    from ipbureau.accounts.tests.factories import UserFactory

    return UserFactory(username="sheng", role=Role.PROVINCE)


@pytest.fixture
def lanzhou_user(regions):
    from ipbureau.accounts.tests.factories import local_user

    return local_user("620100", username="lanzhou")


@pytest.fixture
def leader(regions):
    from ipbureau.accounts.models import Role
    from ipbureau.accounts.tests.factories import UserFactory

    return UserFactory(username="lingdao", role=Role.LEADER, region_id="620000")
