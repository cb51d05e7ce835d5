from django.db.models import Exists, OuterRef, QuerySet

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import scope_for
from ipbureau.orgs.models import Organization
from ipbureau.patents.models import PatentApplicant


def organizations_visible_to(user: User) -> QuerySet[Organization]:
    """Applicants with at least one patent the user may see (all, for unrestricted users)."""
    scope = scope_for(user)
    if scope.is_unrestricted:
        return Organization.objects.all()
    in_scope = PatentApplicant.objects.filter(
        organization=OuterRef("pk"),
    ).filter(scope.region_q("patent__region"))
    return Organization.objects.filter(Exists(in_scope))
