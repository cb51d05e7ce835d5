"""Who may set the targets, and enter the population, of which region.

Targets are handed down one level at a time: the province bureau sets the province's and the
cities' targets, a city bureau splits its own target over its counties. Hence: province staff
and administrators may set every region of the deployment province; other staff only the
regions strictly below their own (a city's counties; a county has none); leaders nobody.
Population follows the same rule so that one person keeps both inputs of a region.

`user=None` is the system itself (the CLI run without --user): no check, as with a database
administrator; the audit entry then has no actor.
"""

from django.conf import settings

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import can_edit, scope_for
from ipbureau.regions.models import Region


def in_deployment(region: Region) -> bool:
    return region.code.startswith(settings.IPBUREAU_PROVINCE)


def region_label(region: Region) -> str:
    """兰州市城关区 rather than 城关区: county names repeat across cities."""
    if region.level == Region.Level.COUNTY and region.parent_id:
        return f"{region.parent.name}{region.name}"
    return region.name


def _reason(user: User, region: Region) -> str | None:
    """Why `user` may not set `region`'s inputs, or None when allowed."""
    if not can_edit(user):
        return "您的账号只有查看权限"
    if not in_deployment(region):
        return "该地区不属于本平台所在的省份"
    scope = scope_for(user)
    if scope.is_unrestricted:
        return None
    if user.region_id is None or scope.nothing:
        return "您的账号没有设置所属地区"
    own: Region = user.region
    if own.level == Region.Level.COUNTY:
        return "县区局工作人员不能设定目标"
    if region.code == own.code:
        return f"{own.name}本级的目标由上级设定，您可以设定所辖县区的目标"
    if not scope.contains(region.code):
        return f"您只能设定{own.name}所辖县区的目标"
    return None


def target_denial(user: User | None, region: Region) -> str | None:
    """The Chinese message refusing `user` the targets of `region`, or None when allowed."""
    if user is None:
        return None
    reason = _reason(user, region)
    return None if reason is None else f"您无权设定{region_label(region)}的目标：{reason}"


def population_denial(user: User | None, region: Region) -> str | None:
    if user is None:
        return None
    reason = _reason(user, region)
    if reason is None:
        return None
    reason = reason.replace("目标", "人口").replace("设定", "填报")
    return f"您无权填报{region_label(region)}的人口：{reason}"


def can_set_some(user: User | None) -> bool:
    """Whether to offer `user` the edit and upload forms at all."""
    if user is None:
        return True
    if not can_edit(user) or scope_for(user).nothing:
        return False
    if scope_for(user).is_unrestricted:
        return True
    return user.region is not None and Region.objects.filter(parent_id=user.region_id).exists()
