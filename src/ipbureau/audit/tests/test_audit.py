import pytest

from ipbureau.accounts.tests.factories import UserFactory
from ipbureau.audit.selectors import audit_history
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.orgs.services import organization_set_kind


@pytest.mark.django_db
def test_correcting_an_applicant_kind_is_recorded_with_who_and_what(regions):
    clerk = UserFactory()
    org = Organization.objects.create(
        name="兰州某某中心", normalized_name="兰州某某中心", kind=OrgKind.PUBLIC_BODY
    )
    organization_set_kind(organization=org, kind=OrgKind.ENTERPRISE, user=clerk)
    (entry,) = audit_history(org)
    assert entry.actor == clerk
    assert entry.action == "organization.set_kind"
    assert entry.changes == {"kind": ["机关团体", "企业"]}
    org.refresh_from_db()
    assert org.kind_manual
