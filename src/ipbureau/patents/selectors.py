"""Reads of patents. Every queryset starts from `patents_visible_to`, so region scope is
applied here and nowhere else."""

import datetime

from django.db.models import Q, QuerySet

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import Scope, scope_for
from ipbureau.orgs.models import OrgKind
from ipbureau.patents.models import ImportRun, Patent, Placement
from ipbureau.regions.models import code_prefix


def patents_visible_to(user: User) -> QuerySet[Patent]:
    return Patent.objects.filter(scope_for(user).region_q("region"))


def patent_list(
    user: User,
    *,
    region: str | None = None,
    patent_type: str | None = None,
    filing_year: int | None = None,
    grant_year: int | None = None,
    granted: bool | None = None,
    legal_status: str | None = None,
    applicant: str | None = None,
    agency: str | None = None,
    placement: str | None = None,
    text: str | None = None,
    filed_from: datetime.date | None = None,
    filed_to: datetime.date | None = None,
    granted_from: datetime.date | None = None,
    granted_to: datetime.date | None = None,
    agency_filed: bool | None = None,
    is_pct: bool | None = None,
    applicant_kind: str | None = None,
    first_applicant_id: int | None = None,
    agency_id: int | None = None,
) -> QuerySet[Patent]:
    """The patents a user may see, narrowed by the filters. The date ranges, type, PCT,
    agency_filed, applicant_kind (of the first applicant; none counts as unknown),
    first_applicant_id and agency_id are the attributes statistics count by, so a list
    opened from a dashboard figure has exactly that figure's count."""
    qs = patents_visible_to(user)
    if region:
        # Narrows within the user's scope, never widens it; a code that is not a GB/T 2260
        # code (e.g. typed into an API query) matches nothing rather than failing.
        if not region.strip().isdigit():
            return qs.none()
        qs = qs.filter(Scope(prefix=code_prefix(region)).region_q("region"))
    if patent_type:
        qs = qs.filter(patent_type=patent_type)
    for field, year in (("filing_date", filing_year), ("grant_date", grant_year)):
        if year is not None:
            if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
                return qs.none()
            qs = qs.filter(
                **{
                    f"{field}__gte": datetime.date(year, 1, 1),
                    f"{field}__lte": datetime.date(year, 12, 31),
                }
            )
    for field, first, last in (
        ("filing_date", filed_from, filed_to),
        ("grant_date", granted_from, granted_to),
    ):
        if first is not None:
            qs = qs.filter(**{f"{field}__gte": first})
        if last is not None:
            qs = qs.filter(**{f"{field}__lte": last})
    if agency_filed is not None:
        qs = qs.filter(agency__isnull=not agency_filed)
    if is_pct is not None:
        qs = qs.filter(is_pct=is_pct)
    if applicant_kind == OrgKind.UNKNOWN:
        qs = qs.filter(Q(first_applicant__isnull=True) | Q(first_applicant__kind=applicant_kind))
    elif applicant_kind:
        qs = qs.filter(first_applicant__kind=applicant_kind)
    if first_applicant_id is not None:
        qs = qs.filter(first_applicant_id=first_applicant_id)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if granted is not None:
        qs = qs.filter(grant_date__isnull=not granted)
    if legal_status:
        qs = qs.filter(legal_status__contains=legal_status)
    if applicant:
        qs = qs.filter(applicants__name__contains=applicant).distinct()
    if agency:
        qs = qs.filter(agency__name__contains=agency)
    if placement:
        qs = qs.filter(placement=placement)
    if text:
        qs = qs.filter(
            Q(title__contains=text)
            | Q(application_number__contains=text)
            | Q(publication_number__contains=text)
        )
    return qs.select_related("region", "agency", "first_applicant")


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
