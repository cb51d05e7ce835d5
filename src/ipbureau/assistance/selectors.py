"""Reads of the assistance centre. Every queryset of requests starts from
`requests_visible_to`, so region scope is decided here and nowhere else."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import can_edit, scope_for
from ipbureau.assistance.models import AssistanceRequest, Expert, State
from ipbureau.orgs.names import normalize_name
from ipbureau.patents.models import Patent

SUGGESTIONS = 10


def requests_visible_to(user: User) -> QuerySet[AssistanceRequest]:
    return AssistanceRequest.objects.filter(scope_for(user).region_q("region"))


def request_list(
    user: User,
    *,
    state: str | None = None,
    channel: str | None = None,
    kind: str | None = None,
    text: str | None = None,
) -> QuerySet[AssistanceRequest]:
    qs = requests_visible_to(user).select_related("region", "assigned_staff", "assigned_expert")
    if state:
        qs = qs.filter(state=state)
    if channel:
        qs = qs.filter(channel=channel)
    if kind:
        qs = qs.filter(kind=kind)
    if text:
        qs = qs.filter(
            Q(subject__contains=text) | Q(requester_name__contains=text)
            | Q(receipt_code=text.strip().upper())
        )  # fmt: skip
    return qs


def request_detail(user: User, request_id: int) -> AssistanceRequest:
    """Raises AssistanceRequest.DoesNotExist for a request outside the user's scope."""
    return (
        requests_visible_to(user)
        .select_related("region", "assigned_staff", "assigned_expert", "created_by", "case")
        .get(pk=request_id)
    )


def request_by_receipt(code: str) -> AssistanceRequest | None:
    """The one request with this receipt code, for the public tracking page."""
    code = "".join(code.split()).replace("-", "").upper()
    if not code:
        return None
    return AssistanceRequest.objects.filter(receipt_code=code).first()


# --- experts --------------------------------------------------------------------------------


def expert_list(*, available: bool | None = None, text: str | None = None) -> QuerySet[Expert]:
    """The pool with each expert's current load (open requests assigned to them). The pool
    serves the whole province, so every member of staff may read it."""
    qs = (
        Expert.objects.select_related("organization", "region")
        .annotate(load=Count("requests", filter=~Q(requests__state=State.CLOSED)))
        .order_by("name", "id")
    )  # an aggregate drops Meta.ordering
    if available is not None:
        qs = qs.filter(available=available)
    if text:
        qs = qs.filter(
            Q(name__contains=text) | Q(organization_name__contains=text)
            | Q(industries__contains=text)
        )  # fmt: skip
    return qs


def expert_conflict(expert: Expert, request: AssistanceRequest) -> str | None:
    """Which party of the request the expert's organization is ("请求人单位" or
    "被投诉方"), or None. Names are compared in normalised form (brackets, spaces, width)."""
    own = {normalize_name(expert.organization_name)} if expert.organization_name else set()
    if expert.organization is not None:
        own.add(expert.organization.normalized_name)
    own.discard("")
    if not own:
        return None
    if request.requester_organization and normalize_name(request.requester_organization) in own:
        return "请求人单位"
    if request.respondent_name and normalize_name(request.respondent_name) in own:
        return "被投诉方"
    return None


def request_ipc_section(request: AssistanceRequest) -> str | None:
    """The IPC section of the patent concerned, when it is in the database."""
    if not request.patent_number:
        return None
    ipc = (
        Patent.objects.filter(application_number=request.patent_number)
        .values_list("ipc_main", flat=True)
        .first()
    )
    return ipc[0].upper() if ipc else None


@dataclass(frozen=True)
class Suggestion:
    expert: Expert
    ipc_match: bool
    industry_match: bool
    load: int

    @property
    def score(self) -> int:
        return int(self.ipc_match) + int(self.industry_match)


def experts_suggested(request: AssistanceRequest, *, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Available experts without a conflict of interest, best first: those whose fields
    match the request (IPC section of the patent concerned, the industry) before the
    others, and among equals the one with fewest open requests."""
    section = request_ipc_section(request)
    industry = normalize_name(request.industry) if request.industry else ""
    suggestions = []
    for expert in expert_list(available=True):
        if expert_conflict(expert, request):
            continue
        industries = {normalize_name(name) for name in expert.industry_list}
        suggestions.append(
            Suggestion(
                expert=expert,
                ipc_match=bool(section and section in expert.ipc_sections),
                industry_match=bool(industry) and industry in industries,
                # Annotated by expert_list; the stubs cannot follow annotate() across a call.
                load=expert.load,  # type: ignore[attr-defined]
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.load, s.expert.name, s.expert.pk))
    return suggestions[:limit]


def staff_who_may_handle(request: AssistanceRequest) -> QuerySet[User]:
    """Active staff (not read-only leaders) whose scope covers the request's region, as a
    queryset for a form's choices."""
    users = User.objects.filter(is_active=True).select_related("region").order_by("username")
    return User.objects.filter(
        pk__in=[u.pk for u in users if can_edit(u) and scope_for(u).contains(request.region_id)]
    ).order_by("username")
