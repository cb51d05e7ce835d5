from django.db.models import Exists, OuterRef, Q, QuerySet

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import scope_for
from ipbureau.orgs.models import Organization
from ipbureau.orgs.names import normalize_name
from ipbureau.patents.models import PatentApplicant


def organizations_visible_to(user: User, *, include_merged: bool = False) -> QuerySet[Organization]:
    """Applicants with at least one patent the user may see (all, for unrestricted users).

    Merged applicants are left out unless `include_merged` (their own page, which points on
    to the applicant they were merged into): such a one is visible to whoever sees that one.
    """
    scope = scope_for(user)
    organizations = Organization.objects.all()
    if not include_merged:
        organizations = organizations.filter(merged_into__isnull=True)
    if scope.is_unrestricted:
        return organizations
    in_scope = PatentApplicant.objects.filter(scope.region_q("patent__region"))
    visible = Q(Exists(in_scope.filter(organization=OuterRef("pk"))))
    if include_merged:
        visible |= Q(Exists(in_scope.filter(organization=OuterRef("merged_into"))))
    return organizations.filter(visible)


def organization_by_name(name: str) -> Organization | None:
    """The applicant of this name, found as imports find it (orgs.names.normalize_name)."""
    return (
        Organization.objects.select_related("merged_into")
        .filter(normalized_name=normalize_name(name))
        .first()
    )
