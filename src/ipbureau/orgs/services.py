from django.db import transaction

from ipbureau.audit.services import audit_record
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.patents.counts.services import patent_counts_following
from ipbureau.patents.models import Patent


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
