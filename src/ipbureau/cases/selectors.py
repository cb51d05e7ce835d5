"""Reads of the cases app. Every function takes the acting user (or an explicit Scope), so
a view cannot forget region isolation."""

from datetime import date, timedelta

from django.db.models import Case as When_
from django.db.models import F, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import Scope, scope_for
from ipbureau.cases.models import (
    Campaign,
    Case,
    CaseKind,
    CaseState,
    Closure,
    Document,
    JointAction,
    Outcome,
)
from ipbureau.cases.permissions import STAFF_ROLES, can_act
from ipbureau.cases.workflow import allowed_actions
from ipbureau.regions.models import code_prefix

OPEN_STATES = (
    CaseState.RECEIVED, CaseState.ACCEPTED, CaseState.INVESTIGATING, CaseState.HEARING,
    CaseState.MEDIATING,
)  # fmt: skip
DUE_SOON_DAYS = 7


def with_due(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate `due_on`: the limit an open case works against (acceptance decision while
    received, closure, extended if approved, once filed); None once finished."""
    return cases.annotate(
        due_on=When_(
            When(closed_on__isnull=False, then=Value(None)),
            When(state=CaseState.RECEIVED, then=F("acceptance_due")),
            default=Coalesce("extended_due", "close_due"),
        )
    )


def cases_in_scope(scope: Scope) -> QuerySet[Case]:
    return Case.objects.filter(scope.region_q("region"))


def visible_cases(user: User) -> QuerySet[Case]:
    return cases_in_scope(scope_for(user))


def case_list(
    user: User,
    *,
    state: str = "",
    kind: str = "",
    region: str = "",
    due: str = "",
    mine: bool = False,
    campaign: Campaign | None = None,
    today: date | None = None,
) -> QuerySet[Case]:
    """Cases the user may see, filtered. `due`: "soon" (open, limit within the next
    DUE_SOON_DAYS days) or "overdue" (open, limit passed); `region`: a code, its subtree."""
    cases = with_due(visible_cases(user)).select_related("region")
    if state:
        cases = cases.filter(state=state)
    if kind:
        cases = cases.filter(kind=kind)
    if region:
        cases = cases.filter(Scope(prefix=code_prefix(region)).region_q("region"))
    if mine:
        cases = cases.filter(officers=user)
    if campaign is not None:
        cases = cases.filter(campaign=campaign)
    today = today or timezone.localdate()
    if due == "overdue":
        # due_on is annotated by with_due; the plugin cannot follow annotate() across a call.
        cases = cases.filter(due_on__lt=today).order_by("due_on", "id")  # type: ignore[misc]
    elif due == "soon":
        cases = cases.filter(  # type: ignore[misc]  # due_on: see above
            due_on__gte=today, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
        ).order_by("due_on", "id")
    return cases


def cases_due(user: User, *, mine: bool, today: date | None = None) -> dict[str, list[Case]]:
    """Open cases whose limit has passed and those due within DUE_SOON_DAYS days: the user's
    own (`mine`) or their whole bureau's (everything in their scope)."""
    return {
        "overdue": list(case_list(user, due="overdue", mine=mine, today=today)),
        "soon": list(case_list(user, due="soon", mine=mine, today=today)),
    }


def case_detail(user: User, case_id: int) -> Case:
    """Raises Case.DoesNotExist for a case outside the user's scope, as for a missing one."""
    return (
        with_due(visible_cases(user))
        .select_related("region", "campaign")
        .prefetch_related("parties", "patents", "documents", "officers", "penalties")
        .get(pk=case_id)
    )


def document_for_download(user: User, case_id: int, document_id: int) -> Document:
    """A document of a case the user may see; Document.DoesNotExist otherwise."""
    return Document.objects.get(
        pk=document_id, case_id=case_id, case__in=visible_cases(user).values("pk")
    )


def visible_campaigns(user: User) -> QuerySet[Campaign]:
    """Campaigns organised in the user's scope or covering a region in it."""
    scope = scope_for(user)
    return (
        Campaign.objects.filter(scope.region_q("region") | scope.region_q("regions"))
        .distinct()
        .select_related("region")
    )


def campaign_detail(user: User, campaign_id: int) -> Campaign:
    return visible_campaigns(user).prefetch_related("regions").get(pk=campaign_id)


def campaign_summary(user: User, campaign: Campaign) -> dict[str, object]:
    """What a campaign achieved, from the cases and joint actions the user may see."""
    cases = visible_cases(user).filter(campaign=campaign)
    actions = JointAction.objects.filter(campaign=campaign).filter(
        scope_for(user).region_q("region")
    )
    by_kind: dict[str, int] = {}
    for case in cases:
        label = str(case.get_kind_display())
        by_kind[label] = by_kind.get(label, 0) + 1
    return {
        "cases": cases.count(),
        "cases_by_kind": by_kind,
        "closed": cases.filter(closed_on__isnull=False).exclude(closure=Closure.TRANSFER).count(),
        "transferred": cases.filter(closure=Closure.TRANSFER).count(),
        "joint_actions": list(actions.prefetch_related("cases")),
        "participants": sum(a.participants for a in actions),
    }


def officers_for(user: User, region_code: str) -> QuerySet[User]:
    """Staff who may be assigned to a case of the region: active, not leaders, with the
    region in their scope (province staff, the region's own bureau and those above it)."""
    candidates = User.objects.filter(is_active=True, role__in=STAFF_ROLES).select_related("region")
    return candidates.filter(
        pk__in=[u.pk for u in candidates if scope_for(u).contains(region_code)]
    ).order_by("username")


def cases_by_numbers(user: User, numbers: list[str]) -> tuple[list[Case], list[str]]:
    """The visible cases with these numbers, and the numbers not found among them."""
    found = {c.number: c for c in visible_cases(user).filter(number__in=numbers)}
    return [found[n] for n in numbers if n in found], [n for n in numbers if n not in found]


def case_actions(user: User, case: Case) -> list[str]:
    """What the user may do to the case now, in the order the page offers them: the state's
    transitions (the closing ones as one "close"; "extend" once), then while it is open
    the officers, parties and patents, and a penalty for an established counterfeit. The
    services refuse anything else, whatever the page sent."""
    if not can_act(user, case.region_id):
        return []
    transitions = allowed_actions(case.state)
    actions = [
        action for action in transitions
        if not action.startswith("close_")
        and not (action == "extend" and case.extended_due is not None)
    ]  # fmt: skip
    if any(action.startswith("close_") for action in transitions):
        actions.append("close")
    if case.is_open:
        actions += ["officers", "party", "patent"]
    if case.kind == CaseKind.COUNTERFEIT and case.outcome == Outcome.ESTABLISHED:
        actions.append("penalty")
    return actions
