from django.conf import settings
from django.db.models import QuerySet

from ipbureau.accounts.selectors import Scope
from ipbureau.regions.models import Region


def deployment_province() -> Region:
    return Region.objects.get(code=settings.IPBUREAU_PROVINCE.ljust(6, "0"))


def regions_in_scope(scope: Scope) -> QuerySet[Region]:
    """Regions a user may choose: their own subtree, or the deployment province's for
    unrestricted users (other provinces stay reachable by code, not in pickers)."""
    if scope.nothing:
        return Region.objects.none()
    prefix = scope.prefix or settings.IPBUREAU_PROVINCE
    return Region.objects.filter(Scope(prefix=prefix).region_q("code"))
