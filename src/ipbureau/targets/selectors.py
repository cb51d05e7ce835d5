"""Reading targets and population: for the statistics (by explicit region codes) and for
people (through their region scope, see accounts.selectors.scope_for)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import scope_for
from ipbureau.regions.models import Region
from ipbureau.regions.selectors import deployment_province, regions_in_scope
from ipbureau.targets.models import Metric, Population, Target
from ipbureau.targets.permissions import population_denial, target_denial
from ipbureau.targets.values import population_wan

# --- for the statistics -------------------------------------------------------------------


def targets_for(*, year: int, metric: str, region_codes: Iterable[str]) -> dict[str, Decimal]:
    """{region code: target} for the regions that have one; a region without a target is
    absent (never 0), so completion can say "no target" instead of dividing by zero."""
    rows = Target.objects.filter(year=year, metric=metric, region__in=list(region_codes))
    return dict(rows.values_list("region_id", "value"))


def target_value(year: int, region_code: str, metric: str) -> Decimal | None:
    return targets_for(year=year, metric=metric, region_codes=[region_code]).get(region_code)


def targets_of(*, year: int, region_code: str) -> dict[str, Decimal]:
    """{metric: target} of one region and year."""
    rows = Target.objects.filter(year=year, region_id=region_code)
    return dict(rows.values_list("metric", "value"))


def population_for(*, year: int, region_codes: Iterable[str]) -> dict[str, int]:
    """{region code: persons} for the regions with a figure for exactly that year. Not summed
    from sub-regions and not carried over from other years: a missing figure stays missing
    (the per-10k figure is then null rather than quietly based on partial data)."""
    rows = Population.objects.filter(year=year, region__in=list(region_codes))
    return dict(rows.values_list("region_id", "population"))


# --- for people ---------------------------------------------------------------------------


def targets_visible_to(
    user: User,
    year: int | None = None,
    *,
    region: str | None = None,
    metric: str | None = None,
) -> QuerySet[Target]:
    """Targets of the regions in the user's scope, optionally of one year, region code and
    metric."""
    rows = Target.objects.filter(scope_for(user).region_q("region")).select_related("region")
    if year is not None:
        rows = rows.filter(year=year)
    if region:
        rows = rows.filter(region_id=region)
    if metric:
        rows = rows.filter(metric=metric)
    return rows.order_by("year", "region_id", "metric")


def population_visible_to(
    user: User, year: int | None = None, *, region: str | None = None
) -> QuerySet[Population]:
    rows = Population.objects.filter(scope_for(user).region_q("region")).select_related("region")
    if year is not None:
        rows = rows.filter(year=year)
    if region:
        rows = rows.filter(region_id=region)
    return rows.order_by("year", "region_id")


def table_root(user: User, code: str | None = None) -> Region:
    """The region whose breakdown a page shows: the one asked for if the user may see it,
    else the user's own region (the deployment province for province staff). Raises
    Region.DoesNotExist for a region outside the user's scope."""
    visible = regions_in_scope(scope_for(user))
    if code:
        return visible.get(code=code)
    scope = scope_for(user)
    if scope.is_unrestricted:
        return deployment_province()
    return visible.get(code=user.region_id)


def parent_choices(user: User) -> QuerySet[Region]:
    """Regions with sub-regions in the user's scope, for the page's region picker."""
    return regions_in_scope(scope_for(user)).filter(level__lt=Region.Level.COUNTY)


@dataclass
class TableRow:
    region: Region
    values: list[Decimal | int | None]  # targets in the order of Metric; population: [persons]
    editable: bool
    has_children: bool

    @property
    def wan(self) -> Decimal | None:
        return None if self.values[0] is None else population_wan(int(self.values[0]))


def _rows(root: Region) -> list[Region]:
    """The root and its children; the root of the province table is the province itself."""
    children = list(Region.objects.filter(parent=root).select_related("parent").order_by("code"))
    return [root, *children]


def _parents(regions: list[Region]) -> set[str]:
    codes = [r.code for r in regions]
    return set(Region.objects.filter(parent__in=codes).values_list("parent_id", flat=True))


def target_table(user: User, *, year: int, root: Region) -> list[TableRow]:
    """One row per region (root, then its children), one value per Metric."""
    regions = _rows(root)
    found = Target.objects.filter(year=year, region__in=[r.code for r in regions])
    values = {(t.region_id, t.metric): t.value for t in found}
    parents = _parents(regions)
    return [
        TableRow(
            region=region,
            values=[values.get((region.code, m.value)) for m in Metric],
            editable=target_denial(user, region) is None,
            has_children=region.code in parents and region != root,
        )
        for region in regions
    ]


def population_table(user: User, *, year: int, root: Region) -> list[TableRow]:
    regions = _rows(root)
    found = population_for(year=year, region_codes=[r.code for r in regions])
    parents = _parents(regions)
    return [
        TableRow(
            region=region,
            values=[found.get(region.code)],
            editable=population_denial(user, region) is None,
            has_children=region.code in parents and region != root,
        )
        for region in regions
    ]
