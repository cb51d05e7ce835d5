from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import can_edit_everywhere
from ipbureau.audit.services import audit_record
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.patents.counts.services import patent_counts_following
from ipbureau.patents.models import Patent, PatentApplicant


class OrganizationError(Exception):
    """A refused change of an applicant. `field` names the form input it is about."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class OrganizationPermissionError(OrganizationError, PermissionDenied):
    """A refusal of permission: also PermissionDenied, so a view answers 403 with it."""


@transaction.atomic
def organization_set_kind(*, organization: Organization, kind: str, user) -> Organization:
    """Staff correct an applicant's kind; imports never overwrite it afterwards."""
    kind = OrgKind(kind)
    old = organization.get_kind_display()
    # Statistics by applicant kind follow the correction, in this transaction.
    first_of = Patent.objects.filter(first_applicant=organization).values_list("id", flat=True)
    with patent_counts_following(patent_ids=list(first_of)):
        organization.kind = kind
        organization.kind_manual = True
        organization.save(update_fields=["kind", "kind_manual"])
    audit_record(
        actor=user,
        action="organization.set_kind",
        target=organization,
        changes={"kind": [str(old), str(kind.label)]},
        summary=f"申请人类型改为{kind.label}",
    )
    return organization


def check_may_merge(user: User) -> None:
    """Merging rewrites the patents of every region: province staff and administrators."""
    if not can_edit_everywhere(user):
        raise OrganizationPermissionError(_("只有省局工作人员和系统管理员可以合并申请人。"))


@transaction.atomic
def organization_merge(*, source: Organization, target: Organization, user: User) -> int:
    """Merge `source` into `target` (the same body under two names); the number of patents
    whose first applicant moved.

    The source stays as an alias (`merged_into`), so later imports of its name land on the
    target. The target keeps its kind, unless the name did not tell it (unknown) and the
    source's kind is known: then it takes the source's, corrected-by-hand flag included.
    """
    check_may_merge(user)
    if source.pk == target.pk:
        raise OrganizationError(_("不能把申请人并入它自己。"), field="target")
    # Locked in id order, so two merges of the same pair cannot deadlock.
    pair = Organization.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
    list(pair.order_by("pk").values_list("pk"))
    source.refresh_from_db()
    target.refresh_from_db()
    if source.merged_into is not None:
        raise OrganizationError(
            _("“%(name)s”已并入“%(into)s”，不能再次合并。")
            % {"name": source.name, "into": source.merged_into.name}
        )
    if target.merged_into is not None:
        raise OrganizationError(
            _("“%(name)s”已并入“%(into)s”，请直接并入“%(into)s”。")
            % {"name": target.name, "into": target.merged_into.name},
            field="target",
        )

    moved = list(Patent.objects.filter(first_applicant=source).values_list("id", flat=True))
    old_kind = target.get_kind_display()
    takes_kind = target.kind == OrgKind.UNKNOWN and source.kind != OrgKind.UNKNOWN
    recount = moved
    if takes_kind:  # the target's own patents change applicant kind too
        recount = moved + list(
            Patent.objects.filter(first_applicant=target).values_list("id", flat=True)
        )
    # The statistics summaries follow, in this transaction (by applicant and by kind).
    with patent_counts_following(patent_ids=recount):
        Patent.objects.filter(first_applicant=source).update(
            first_applicant=target, updated_at=timezone.now()
        )
        if takes_kind:
            target.kind, target.kind_manual = source.kind, source.kind_manual
            target.save(update_fields=["kind", "kind_manual"])
    _move_links(source=source, target=target)
    _repoint_references(source=source, target=target)
    Organization.objects.filter(merged_into=source).update(merged_into=target)
    source.merged_into = target
    source.save(update_fields=["merged_into"])

    changes = {"merged_into": [source.name, target.name]}
    if takes_kind:
        changes["kind"] = [str(old_kind), str(target.get_kind_display())]
    audit_record(
        actor=user,
        action="organization.merge",
        target=target,
        changes=changes,
        summary=f"“{source.name}”并入“{target.name}”，{len(moved)}件专利的第一申请人随之改变",
    )
    return len(moved)


def _move_links(*, source: Organization, target: Organization) -> None:
    """The source's applicant links become the target's. A patent that names both keeps one
    link, at the earlier of the two positions: the order an import of the same record gives
    now that both names mean the target."""
    both = PatentApplicant.objects.filter(
        organization__in=[source, target],
        patent__in=PatentApplicant.objects.filter(organization=source).values("patent_id"),
    ).filter(patent__in=PatentApplicant.objects.filter(organization=target).values("patent_id"))
    first: dict[int, tuple[int, int]] = {}  # patent id -> (position, link id) of the first
    for link_id, patent_id, position in both.values_list("id", "patent_id", "position"):
        if patent_id not in first or position < first[patent_id][0]:
            first[patent_id] = (position, link_id)
    both.exclude(pk__in=[link_id for _, link_id in first.values()]).delete()
    PatentApplicant.objects.filter(organization=source).update(organization=target)


def _repoint_references(*, source: Organization, target: Organization) -> None:
    """Every other foreign key to the source (an expert's organisation, ...) now points to
    the target. Found through the model's relations rather than named, because the apps
    holding them sit above the records and are not imported here (DESIGN.md, layers)."""
    handled = {
        Patent._meta.get_field("first_applicant"),
        PatentApplicant._meta.get_field("organization"),
        Organization._meta.get_field("merged_into"),
    }
    for relation in Organization._meta.related_objects:
        if relation.field.many_to_one and relation.field not in handled:
            relation.field.model._base_manager.filter(**{relation.field.name: source}).update(
                **{relation.field.name: target}
            )
