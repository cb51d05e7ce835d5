from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import can_edit, scope_for
from ipbureau.audit.services import audit_record
from ipbureau.patents.counts.services import patent_counts_following
from ipbureau.patents.models import Patent, Placement
from ipbureau.regions.models import Region


class PermissionDeniedError(PermissionDenied):
    """A refusal of permission: Django answers 403 wherever a view lets it through."""


@transaction.atomic
def patent_assign_region(*, patent: Patent, region: Region, user: User) -> Patent:
    """Staff decide a patent's region. The choice is marked manual, so later imports of the
    same application keep it."""
    scope = scope_for(user)
    if not can_edit(user):
        raise PermissionDeniedError(_("您的账号只有查看权限，不能修改专利的所属地区。"))
    if not (
        scope.contains(patent.region_id) or (patent.region_id is None and scope.is_unrestricted)
    ):
        raise PermissionDeniedError(_("这件专利不在您的管辖范围内。"))
    if not scope.contains(region.code):
        raise PermissionDeniedError(
            _("不能把专利划到您管辖范围以外的地区（%(name)s）。") % {"name": region.name}
        )
    old = f"{patent.region.name}（{patent.region_id}）" if patent.region else "未确定"
    # The statistics summaries move with the patent, in this transaction.
    with patent_counts_following(patent_ids=[patent.pk]):
        patent.region = region
        patent.placement = Placement.MANUAL
        patent.save(update_fields=["region", "placement", "updated_at"])
    audit_record(
        actor=user,
        action="patent.assign_region",
        target=patent,
        changes={"region": [old, f"{region.name}（{region.code}）"]},
        summary=f"所属地区改为{region.name}",
    )
    return patent
