"""Writing targets and population: one function per change, each checks who may make it
(permissions.py), records the audit entry in the same transaction and raises TargetError
with a Chinese message otherwise. File imports are in imports.py and use the same writers.

`user=None` is the system (the CLI run without --user): no permission check, no actor.
"""

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ipbureau.accounts.models import User
from ipbureau.audit.services import audit_record
from ipbureau.regions.models import Region
from ipbureau.regions.selectors import deployment_province
from ipbureau.targets.models import Metric, Population, Target
from ipbureau.targets.permissions import (
    in_deployment,
    population_denial,
    region_label,
    target_denial,
)
from ipbureau.targets.values import (
    metric_label,
    parse_metric,
    parse_population,
    parse_region_code,
    parse_target_value,
    parse_year,
)

T = TypeVar("T")


class TargetError(Exception):
    """A refused change. `field` names the input it is about (for forms and the API)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class TargetPermissionError(TargetError, PermissionDenied):
    """A refusal of permission: also PermissionDenied, so a view answers 403 with the message."""


def _parsed(field: str, parse: Callable[[Any], T], value: object) -> T:
    """`parse(value)`, its ValueError turned into a TargetError about `field`."""
    try:
        return parse(value)
    except ValueError as exc:
        raise TargetError(str(exc), field=field) from None


def resolve_region(region: Region | str) -> Region:
    """A Region of the deployment province, given as a Region or its code."""
    if not isinstance(region, Region):
        code = _parsed("region", parse_region_code, region)
        found = Region.objects.select_related("parent").filter(code=code).first()
        if found is None:
            raise TargetError(f"地区代码 {code} 不存在", field="region")
        region = found
    if not in_deployment(region):
        province = deployment_province().name
        raise TargetError(
            f"{region.name}（{region.code}）不属于{province}，只能设定{province}各地区的目标和人口",
            field="region",
        )
    return region


def format_value(metric: str, value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}" if metric == Metric.VALID_INVENTION_PER_10K else f"{value:.0f}"


# --- targets ------------------------------------------------------------------------------


def write_target(
    *,
    target: Target | None,
    year: int,
    region: Region,
    metric: str,
    value: Decimal,
    user: User | None,
    note: str = "",
) -> Target:
    """Create or change one target and audit it. Checked values only; the caller holds the
    transaction and has checked permission."""
    what = f"{region_label(region)}{year}年{metric_label(metric)}目标"
    old = target.value if target else None
    if target is None:
        target = Target.objects.create(year=year, region=region, metric=metric, value=value)
        summary = f"设定{what}：{format_value(metric, value)}"
    else:
        target.value = value
        target.save(update_fields=["value", "updated_at"])
        summary = f"修改{what}：{format_value(metric, old)} → {format_value(metric, value)}"
    audit_record(
        actor=user,
        action="target.set",
        target=target,
        summary=summary + note,
        changes={"value": [format_value(metric, old), format_value(metric, value)]},
    )
    return target


def _check_target_permission(user: User | None, region: Region) -> None:
    denial = target_denial(user, region)
    if denial:
        raise TargetPermissionError(denial, field="region")


def _existing_target(year: int, region: Region, metric: str) -> Target | None:
    return (
        Target.objects.select_for_update().filter(year=year, region=region, metric=metric).first()
    )


@transaction.atomic
def target_set(
    *,
    year: int | str,
    region: Region | str,
    metric: str,
    value: Decimal | int | str,
    user: User | None,
) -> Target:
    """Set one target (create, or change the value). Setting the same value again changes
    nothing and records nothing. `metric` may be the code or the Chinese label."""
    year = _parsed("year", parse_year, year)
    region = resolve_region(region)
    metric = _parsed("metric", parse_metric, metric)
    value = _parsed("value", lambda v: parse_target_value(metric, v), value)
    _check_target_permission(user, region)
    target = _existing_target(year, region, metric)
    if target is not None and target.value == value:
        return target
    return write_target(
        target=target, year=year, region=region, metric=metric, value=value, user=user
    )


@transaction.atomic
def target_delete(*, year: int | str, region: Region | str, metric: str, user: User | None) -> bool:
    """Remove one target; False when there was none."""
    year = _parsed("year", parse_year, year)
    region = resolve_region(region)
    metric = _parsed("metric", parse_metric, metric)
    _check_target_permission(user, region)
    target = _existing_target(year, region, metric)
    if target is None:
        return False
    old = format_value(metric, target.value)
    audit_record(
        actor=user,
        action="target.delete",
        target=target,
        changes={"value": [old, ""]},
        summary=f"删除{region_label(region)}{year}年{metric_label(metric)}目标（原为{old}）",
    )
    target.delete()
    return True


@transaction.atomic
def target_row_set(
    *, year: int, region: Region, values: Mapping[str, Decimal | None], user: User | None
) -> int:
    """Set several metrics of one region and year at once, as the staff page's row form
    does; a None value removes that target. All or nothing. Returns how many changed."""
    region = resolve_region(region)
    _check_target_permission(user, region)
    changed = 0
    for metric, raw in values.items():
        metric = _parsed("metric", parse_metric, metric)
        target = _existing_target(year, region, metric)
        if raw is None:
            if target is not None:
                target_delete(year=year, region=region, metric=metric, user=user)
                changed += 1
            continue
        value = _parsed(metric, partial(parse_target_value, metric), raw)
        if target is None or target.value != value:
            write_target(
                target=target, year=year, region=region, metric=metric, value=value, user=user
            )
            changed += 1
    return changed


# --- population ---------------------------------------------------------------------------


def write_population(
    *,
    entry: Population | None,
    year: int,
    region: Region,
    population: int,
    user: User | None,
    note: str = "",
) -> Population:
    what = f"{region_label(region)}{year}年人口"
    old = entry.population if entry else None
    if entry is None:
        entry = Population.objects.create(year=year, region=region, population=population)
        summary = f"填报{what}：{population}人"
    else:
        entry.population = population
        entry.save(update_fields=["population", "updated_at"])
        summary = f"修改{what}：{old}人 → {population}人"
    audit_record(
        actor=user,
        action="population.set",
        target=entry,
        summary=summary + note,
        changes={"population": ["" if old is None else str(old), str(population)]},
    )
    return entry


def _check_population_permission(user: User | None, region: Region) -> None:
    denial = population_denial(user, region)
    if denial:
        raise TargetPermissionError(denial, field="region")


@transaction.atomic
def population_set(
    *, year: int | str, region: Region | str, population: int | str, user: User | None
) -> Population:
    """Set a region's population for a year, in persons (see values.py for 万人)."""
    year = _parsed("year", parse_year, year)
    region = resolve_region(region)
    population = _parsed("population", parse_population, population)
    _check_population_permission(user, region)
    entry = Population.objects.select_for_update().filter(year=year, region=region).first()
    if entry is not None and entry.population == population:
        return entry
    return write_population(entry=entry, year=year, region=region, population=population, user=user)


@transaction.atomic
def population_delete(*, year: int | str, region: Region | str, user: User | None) -> bool:
    year = _parsed("year", parse_year, year)
    region = resolve_region(region)
    _check_population_permission(user, region)
    entry = Population.objects.select_for_update().filter(year=year, region=region).first()
    if entry is None:
        return False
    audit_record(
        actor=user,
        action="population.delete",
        target=entry,
        changes={"population": [str(entry.population), ""]},
        summary=f"删除{region_label(region)}{year}年人口（原为{entry.population}人）",
    )
    entry.delete()
    return True
