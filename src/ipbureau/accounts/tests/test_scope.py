import pytest

from ipbureau.accounts.models import Role
from ipbureau.accounts.selectors import Scope, scope_for
from ipbureau.accounts.tests.factories import UserFactory, local_user


def test_scope_range_covers_exactly_the_subtree():
    scope = Scope(prefix="6201")
    assert scope.contains("620102")
    assert scope.contains("620100")
    assert not scope.contains("620200")
    assert not scope.contains("630102")
    assert not scope.contains(None)


def test_scope_upper_bound_carries_into_the_next_digit():
    q = Scope(prefix="6209").region_q("code")
    assert dict(q.children) == {"code__gte": "6209", "code__lt": "6210"}


@pytest.mark.django_db
def test_province_staff_and_admins_are_unrestricted(regions):
    assert scope_for(UserFactory(role=Role.PROVINCE)).is_unrestricted
    assert scope_for(UserFactory(role=Role.ADMIN)).is_unrestricted


@pytest.mark.django_db
def test_city_staff_are_limited_to_their_city(regions):
    scope = scope_for(local_user("620100"))
    assert scope.prefix == "6201"
    assert not scope.is_unrestricted


@pytest.mark.django_db
def test_county_staff_are_limited_to_their_county(regions):
    assert scope_for(local_user("620102")).prefix == "620102"


@pytest.mark.django_db
def test_local_user_without_region_sees_nothing(regions):
    scope = scope_for(UserFactory(role=Role.LOCAL, region=None))
    assert scope.nothing
    assert not scope.contains("620100")


@pytest.mark.django_db
def test_inactive_user_sees_nothing(regions):
    assert scope_for(UserFactory(role=Role.PROVINCE, is_active=False)).nothing
