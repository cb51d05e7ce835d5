"""Regions a user may see: the ones offered in pickers, and the one a figure is about."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
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


class RegionNotFound(LookupError):
    """No region has the code asked for."""


class RegionOutOfScope(PermissionDenied):
    """A region the acting user may not see. A PermissionDenied, so Django and DRF answer
    403 without further handling."""


def default_region_code(scope: Scope) -> str:
    """The deployment province for unrestricted users, otherwise the user's own region
    (a city user lands on their city, not on a province they may not see)."""
    if scope.prefix is None:
        return settings.IPBUREAU_PROVINCE.ljust(6, "0")
    return scope.prefix.ljust(6, "0")


def region_for(scope: Scope, region_code: str | None) -> Region:
    """The region asked for, or the default one; refused when outside the scope."""
    if scope.nothing:
        raise RegionOutOfScope("您的账号没有可查看的地区，请联系管理员设置所属地区。")
    code = (region_code or default_region_code(scope)).strip()
    region = Region.objects.filter(code=code).first() if code.isdigit() else None
    if region is None:
        raise RegionNotFound(f"没有区划代码为“{code}”的地区，请使用六位行政区划代码（如 620100）。")
    if not scope.contains(region.code):
        raise RegionOutOfScope(
            f"{region.name}（{region.code}）不在您的管辖范围内，不能查看其统计数据。"
        )
    return region


def child_regions(region: Region, level: str, scope: Scope) -> list[Region]:
    """Rows of a regional breakdown, every one even when it has no records.

    "city" lists the next level down (a province's cities, a city's counties); "county"
    lists every county under the region. A county has no rows. Only regions in scope."""
    if region.level == Region.Level.COUNTY:
        return []
    if level == "county" and region.level == Region.Level.PROVINCE:
        rows = Region.objects.filter(
            Scope(prefix=region.prefix).region_q("code"), level=Region.Level.COUNTY
        )
    else:
        rows = Region.objects.filter(parent=region)
    return [r for r in rows.order_by("code") if scope.contains(r.code)]
