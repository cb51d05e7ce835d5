from django.db import transaction

from ipbureau.audit.services import audit_record
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.patents.models import Patent
from ipbureau.stats.services import patent_buckets_of, patent_counts_refresh


@transaction.atomic
def organization_set_kind(*, organization: Organization, kind: str, user) -> Organization:
    """Staff correct an applicant's kind; imports never overwrite it afterwards."""
    kind = OrgKind(kind)
    old = organization.get_kind_display()
    organization.kind = kind
    organization.kind_manual = True
    organization.save(update_fields=["kind", "kind_manual"])
    # Statistics by applicant kind follow the correction, in this transaction.
    patent_counts_refresh(
        buckets=patent_buckets_of(Patent.objects.filter(first_applicant=organization))
    )
    audit_record(
        actor=user,
        action="organization.set_kind",
        target=organization,
        changes={"kind": [str(old), str(kind.label)]},
        summary=f"申请人类型改为{kind.label}",
    )
    return organization
