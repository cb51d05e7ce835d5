"""Reads of patents. Every queryset starts from `patents_visible_to`, so region scope is
applied here and nowhere else."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import scope_for
from ipbureau.patents.filters import PatentFilter
from ipbureau.patents.models import ImportRun, Patent, Placement


def patents_visible_to(user: User) -> QuerySet[Patent]:
    return Patent.objects.filter(scope_for(user).region_q("region"))


def default_year(user: User) -> int:
    """The year every page opens on: the current year, or the latest year with a filing the
    user can see when there is none this year (early January, or an archive of old
    records); never a future year."""
    today = timezone.localdate()
    latest = (
        patents_visible_to(user)
        .filter(filing_date__isnull=False, filing_date__lte=today)
        .order_by("-filing_date")
        .values_list("filing_date", flat=True)
        .first()
    )
    return latest.year if latest else today.year


def patents_listed(user: User) -> QuerySet[Patent]:
    """The patents a user may see, with what a list row shows."""
    return patents_visible_to(user).select_related("region", "agency", "first_applicant")


def patent_filter(user: User, data: Mapping[str, Any] | None) -> PatentFilter:
    """The patent list as a bound filter set over the patents the user may see: `.qs` is
    the list, `.form` the filters with their errors. The page and its export read the list
    through this; the API applies the same PatentFilter to `patents_listed` through its
    filter backend, so the same query string gives the same patents."""
    return PatentFilter(data, patents_listed(user), user=user)


def patent_list(user: User, **filters: Any) -> QuerySet[Patent]:
    """The patents a user may see, narrowed by the filters of `PatentFilter` (typed values
    such as dates, ints and True/False are accepted), for callers in Python. A bad value is
    an error rather than a silently wider list."""
    bound = patent_filter(user, filters)
    if not bound.is_valid():
        raise ValidationError(bound.errors)
    return bound.qs


def review_queue(user: User) -> QuerySet[Patent]:
    """Patents no rule could place. Without a region they belong to no city, so only users
    with an unrestricted scope see them."""
    if not scope_for(user).is_unrestricted:
        return Patent.objects.none()
    return (
        Patent.objects.filter(placement=Placement.UNPLACED)
        .select_related("first_applicant")
        .order_by("address", "id")
    )


def patent_detail(user: User, patent_id: int) -> Patent:
    return (
        patents_visible_to(user)
        .select_related(
            "region",
            "region__parent",
            "agency",
            "first_applicant",
            "last_import",
            "last_import__user",
        )
        .prefetch_related("applicant_links__organization", "publications")
        .get(pk=patent_id)
    )


def import_runs_visible_to(user: User) -> QuerySet[ImportRun]:
    """Import runs: unrestricted users see all, others their own."""
    qs = ImportRun.objects.select_related("user")
    if scope_for(user).is_unrestricted:
        return qs
    return qs.filter(user=user)
