"""The demo's enforcement cases and 12330 centre: the speeches' figures, every workflow state,
built through the services, idempotent, and seen through the demo users' scope."""

import random
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from ipbureau.accounts.models import User
from ipbureau.accounts.selectors import scope_for
from ipbureau.assistance.models import AssistanceRequest, Channel, Expert, Kind, State
from ipbureau.assistance.selectors import requests_visible_to
from ipbureau.audit.models import AuditEntry
from ipbureau.cases.figures import case_figures
from ipbureau.cases.models import (
    Campaign,
    Case,
    CaseKind,
    CasePatent,
    CaseState,
    Closure,
    Department,
    JointAction,
    Penalty,
)
from ipbureau.cases.selectors import case_list, visible_cases
from ipbureau.demo.build import _ensure_demo_users
from ipbureau.demo.cases import (
    REPORT_YEAR,
    SPEECH_YEAR,
    YEAR_PLAN,
    _specs,
    demo_enforcement_build,
)
from ipbureau.demo.patents import write_demo_csv
from ipbureau.figures.periods import period_for
from ipbureau.patents.importer import patents_import

SEED = 2008
# The cases' "due soon" and "overdue" lists are about today, so this demo ends today.
TODAY = timezone.localdate()


def _counts() -> tuple[int, ...]:
    return (
        Case.objects.count(), CasePatent.objects.count(), Penalty.objects.count(),
        Campaign.objects.count(), JointAction.objects.count(), Expert.objects.count(),
        AssistanceRequest.objects.count(), AuditEntry.objects.count(),
    )  # fmt: skip


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[dict]:
    """Built once for the module (through the services it takes some seconds), inside a
    transaction rolled back at the end; each test runs in a savepoint within it. The
    minimum the cases need: the demo accounts and a small patent set to link."""
    path = tmp_path_factory.mktemp("demo-cases") / "patents.csv"
    write_demo_csv(path, count=300, seed=SEED, until=TODAY)
    with django_db_blocker.unblock(), transaction.atomic():
        patents_import(path=path, file_name=path.name)
        _ensure_demo_users()
        yield demo_enforcement_build(seed=SEED, until=TODAY)
        transaction.set_rollback(True)


@pytest.fixture
def demo(built: dict, db) -> dict:
    return built


def test_the_case_plan_depends_on_the_seed_and_the_end_date_alone() -> None:
    until = date(2025, 9, 15)
    first, again, other = (_specs(random.Random(s), until) for s in ("a", "a", "b"))
    assert first == again
    assert first != other
    per_year = Counter(spec.received.year for spec in first)
    assert {y: n for y, n in per_year.items() if y in YEAR_PLAN} == {
        year: sum(plan.values()) for year, plan in YEAR_PLAN.items()
    }
    assert set(per_year) == set(range(min(YEAR_PLAN), 2026))
    assert per_year[2024] > per_year[2013] > per_year[2012]
    assert max(spec.received for spec in first) <= until - timedelta(days=10)


def test_nothing_is_dated_after_the_end_date(demo: dict) -> None:
    for field in ("received_on", "accepted_on", "closed_on"):
        latest = Case.objects.exclude(**{f"{field}__isnull": True}).order_by(f"-{field}")
        day = latest.values_list(field, flat=True).first()
        assert day is None or day <= TODAY, field
    moments = AssistanceRequest.objects.values_list("received_at", "first_response_at", "closed_at")
    assert all(m is None or m <= timezone.now() for row in moments for m in row)


def _province_figures(year: int) -> dict:
    sheng = User.objects.get(username="sheng")
    return case_figures(
        scope=scope_for(sheng), region_code="620000", period=period_for(year), by=None
    )["total"]


def test_the_speech_years_give_the_speeches_figures(demo: dict) -> None:
    first = _province_figures(SPEECH_YEAR)
    assert (first["received"], first["closed"], first["transferred"], first["pending"]) == (
        5, 2, 1, 2,
    )  # fmt: skip
    assert first["closure_rate_pct"] == 60.0
    assert (
        Case.objects.filter(received_on__year=SPEECH_YEAR)
        .exclude(kind=CaseKind.INFRINGEMENT)
        .count()
        == 0
    )
    transferred = Case.objects.get(received_on__year=SPEECH_YEAR, closure=Closure.TRANSFER)
    assert transferred.transferred_to.startswith("黑龙江省")

    report = _province_figures(REPORT_YEAR)
    assert (report["received"], report["closed"]) == (41, 35)
    assert report["closed_share_pct"] == 85.4


def test_every_state_and_closure_appears_and_open_cases_have_deadlines(demo: dict) -> None:
    assert set(Case.objects.values_list("state", flat=True)) == set(CaseState.values)
    closures = set(Case.objects.exclude(closure="").values_list("closure", flat=True))
    assert closures == set(Closure.values)
    assert set(Case.objects.values_list("kind", flat=True)) == set(CaseKind.values)
    sheng = User.objects.get(username="sheng")
    assert case_list(sheng, due="overdue").exists()
    assert case_list(sheng, due="soon").exists()
    assert Case.objects.filter(extended_due__isnull=False, closed_on__isnull=True).exists()
    for case in Case.objects.filter(accepted_on__isnull=False).prefetch_related("officers"):
        assert case.officers.count() == 2, case.number
    assert all(c.parties.exists() for c in Case.objects.all())


def test_cases_are_linked_to_demo_patents_campaigns_and_a_penalty(demo: dict) -> None:
    assert CasePatent.objects.filter(patent__isnull=False).exists()
    assert CasePatent.objects.filter(patent__isnull=True).exists()
    penalty = Penalty.objects.select_related("case").first()
    assert penalty is not None and penalty.case.kind == CaseKind.COUNTERFEIT
    assert penalty.fine > 0
    assert set(Campaign.objects.values_list("name", flat=True)) == {"雷雨", "天网"}
    leiyu = Campaign.objects.get(name="雷雨")
    assert leiyu.cases.exists()
    action = JointAction.objects.get(campaign=leiyu)
    assert set(action.departments) == {Department.MARKET, Department.POLICE}
    assert action.cases.exists()


def test_everything_went_through_the_services_with_demo_staff(demo: dict) -> None:
    received = AuditEntry.objects.filter(action="case.receive")
    assert received.count() == Case.objects.count()
    actors = set(received.values_list("actor__username", flat=True))
    assert actors <= {"sheng", "lanzhou", "tianshui", "chengguan"}
    assert (
        AuditEntry.objects.filter(action="case.accept").count()
        == Case.objects.filter(accepted_on__isnull=False).count()
    )


def test_the_assistance_centre_has_experts_and_requests_in_every_stage(demo: dict) -> None:
    assert Expert.objects.count() == 12
    assert Expert.objects.filter(available=False).count() == 1
    requests = AssistanceRequest.objects.all()
    assert 330 <= requests.count() <= 450
    assert set(requests.values_list("channel", flat=True)) == set(Channel.values)
    assert set(requests.values_list("kind", flat=True)) == set(Kind.values)
    assert set(requests.values_list("state", flat=True)) == set(State.values)
    assert requests.values("region").distinct().count() >= 8
    assert requests.filter(assigned_expert__isnull=False).exists()
    assert not requests.filter(assigned_expert__available=False).exists()
    assert requests.filter(state=State.CLOSED, satisfaction__isnull=False).count() >= 20
    complaint = requests.get(case__isnull=False)
    assert complaint.kind == Kind.COMPLAINT
    assert complaint.case.source_reference == f"12330:{complaint.receipt_code}"
    recent = timezone.now() - timedelta(days=30)
    assert requests.filter(received_at__gte=recent).exclude(state=State.CLOSED).count() >= 8


def test_a_second_run_changes_nothing(demo: dict) -> None:
    before = _counts()
    again = demo_enforcement_build(seed=SEED, until=TODAY)
    assert (again["cases_created"], again["requests_created"]) == (0, 0)
    assert _counts() == before


def test_the_demo_users_see_only_their_region(demo: dict) -> None:
    everything = Case.objects.count()
    tianshui = User.objects.get(username="tianshui")
    seen = visible_cases(tianshui)
    assert 0 < seen.count() < everything
    assert all(code.startswith("6205") for code in seen.values_list("region_id", flat=True))
    assert all(
        code.startswith("6205")
        for code in requests_visible_to(tianshui).values_list("region_id", flat=True)
    )
    chengguan = User.objects.get(username="chengguan")
    assert set(visible_cases(chengguan).values_list("region_id", flat=True)) == {"620102"}
    lanzhou = visible_cases(User.objects.get(username="lanzhou"))
    assert lanzhou.count() > visible_cases(chengguan).count()
    assert visible_cases(User.objects.get(username="lingdao")).count() == everything
