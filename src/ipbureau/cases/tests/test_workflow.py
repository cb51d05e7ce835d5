from datetime import date, timedelta

import pytest
from django.utils import timezone

from ipbureau.audit.models import AuditEntry
from ipbureau.cases import services
from ipbureau.cases.errors import CaseError, CasePermissionError
from ipbureau.cases.models import CaseKind, CaseState, Closure, Outcome
from ipbureau.cases.selectors import case_actions
from ipbureau.cases.tests.factories import CaseFactory
from ipbureau.cases.workflow import TRANSITIONS, TransitionError

pytestmark = pytest.mark.django_db

DAY = date(2024, 6, 3)


def run(action: str, case, user):
    """Perform `action` through its service with valid arguments."""
    calls = {
        "accept": lambda: services.case_accept(case=case, user=user, accepted_on=DAY),
        "reject": lambda: services.case_reject(case=case, user=user, reason="不属于受案范围",
                                               decided_on=DAY),
        "start_investigation": lambda: services.case_start_investigation(case=case, user=user),
        "hold_hearing": lambda: services.case_hold_hearing(case=case, user=user),
        "mediate": lambda: services.case_mediate(case=case, user=user),
        "close_decision": lambda: services.case_close(
            case=case, user=user, closure=Closure.DECISION, outcome=Outcome.ESTABLISHED,
            closed_on=DAY),
        "close_mediation": lambda: services.case_close(case=case, user=user,
                                                       closure=Closure.MEDIATION, closed_on=DAY),
        "close_withdrawal": lambda: services.case_close(case=case, user=user,
                                                        closure=Closure.WITHDRAWAL, closed_on=DAY),
        "transfer": lambda: services.case_transfer(case=case, user=user,
                                                   transferred_to="黑龙江省知识产权局",
                                                   transferred_on=DAY),
        "extend": lambda: services.case_extend(case=case, user=user, until=date(2024, 9, 20),
                                               reason="案情复杂", approved_by="局长"),
    }  # fmt: skip
    return calls[action]()


def case_in(state: str, users):
    case = CaseFactory(
        state=state, received_on=date(2024, 6, 1), acceptance_due=date(2024, 6, 7),
        accepted_on=None if state == CaseState.RECEIVED else date(2024, 6, 3),
        close_due=None if state == CaseState.RECEIVED else date(2024, 9, 3),
        closed_on=date(2024, 6, 3) if state in (CaseState.CLOSED, CaseState.TRANSFERRED,
                                                CaseState.NOT_ACCEPTED) else None,
    )  # fmt: skip
    case.officers.set([users["lanzhou"], users["lanzhou2"]])
    return case


LEGAL = [(a, s) for a, t in TRANSITIONS.items() for s in CaseState.values if s in t.sources]
ILLEGAL = [(a, s) for a, t in TRANSITIONS.items() for s in CaseState.values if s not in t.sources]


@pytest.mark.parametrize(("action", "state"), LEGAL)
def test_every_allowed_transition_moves_the_case_and_is_audited(users, action, state):
    case = case_in(state, users)
    result = run(action, case, users["lanzhou"])
    expected = TRANSITIONS[action].target or state
    assert result.state == expected
    case.refresh_from_db()
    assert case.state == expected
    assert AuditEntry.objects.filter(action=f"case.{action}", target_id=str(case.pk)).count() == 1


@pytest.mark.parametrize(("action", "state"), ILLEGAL)
def test_every_other_transition_is_refused_with_a_reason_and_changes_nothing(users, action, state):
    case = case_in(state, users)
    with pytest.raises(TransitionError) as raised:
        run(action, case, users["lanzhou"])
    assert "不能" in str(raised.value)
    case.refresh_from_db()
    assert case.state == state
    assert not AuditEntry.objects.filter(action=f"case.{action}").exists()


def test_a_closed_case_cannot_be_transferred_and_the_message_says_so(users):
    case = case_in(CaseState.CLOSED, users)
    with pytest.raises(TransitionError, match="^案件已结案，不能再移交$"):
        run("transfer", case, users["lanzhou"])


def test_mediation_agreement_needs_mediation_first(users):
    case = case_in(CaseState.ACCEPTED, users)
    with pytest.raises(TransitionError, match="只有处于调解状态的案件可以"):
        run("close_mediation", case, users["lanzhou"])


def test_filing_needs_two_officers(users):
    case = CaseFactory(received_on=date(2024, 6, 1))
    case.officers.set([users["lanzhou"]])
    with pytest.raises(CaseError, match="至少 2 名承办人员"):
        services.case_accept(case=case, user=users["lanzhou"], accepted_on=DAY)


def test_filing_sets_the_closure_limit_from_the_filing_date(users):
    case = case_in(CaseState.RECEIVED, users)
    services.case_accept(case=case, user=users["lanzhou"], accepted_on=date(2024, 6, 3))
    case.refresh_from_db()
    assert case.accepted_on == date(2024, 6, 3)
    assert case.close_due == date(2024, 9, 3)


def test_a_decision_needs_its_outcome(users):
    case = case_in(CaseState.INVESTIGATING, users)
    with pytest.raises(CaseError, match="处理结果"):
        services.case_close(case=case, user=users["lanzhou"], closure=Closure.DECISION)


def test_closing_before_filing_date_is_refused(users):
    case = case_in(CaseState.ACCEPTED, users)
    with pytest.raises(CaseError, match="早于立案日期"):
        services.case_close(
            case=case, user=users["lanzhou"], closure=Closure.WITHDRAWAL, closed_on=date(2024, 6, 2)
        )


def test_extension_is_allowed_once_and_only_up_to_one_month(users):
    case = case_in(CaseState.INVESTIGATING, users)
    with pytest.raises(CaseError, match="不能晚于 2024-10-08"):
        services.case_extend(
            case=case,
            user=users["lanzhou"],
            until=date(2024, 10, 9),
            reason="复杂",
            approved_by="局长",
        )
    # 3 October is in the National Day holiday: the month ends on the next working day.
    services.case_extend(
        case=case, user=users["lanzhou"], until=date(2024, 10, 8), reason="复杂", approved_by="局长"
    )
    with pytest.raises(CaseError, match="已延长过一次"):
        services.case_extend(
            case=case,
            user=users["lanzhou"],
            until=date(2024, 10, 8),
            reason="复杂",
            approved_by="局长",
        )


def test_counterfeit_extension_is_at_most_fifteen_days(users):
    case = case_in(CaseState.INVESTIGATING, users)
    case.kind = CaseKind.COUNTERFEIT
    case.close_due = date(2024, 7, 3)
    case.save()
    with pytest.raises(CaseError, match="最多可延长15日"):
        services.case_extend(
            case=case,
            user=users["lanzhou"],
            until=date(2024, 7, 19),
            reason="复杂",
            approved_by="局长",
        )
    services.case_extend(
        case=case, user=users["lanzhou"], until=date(2024, 7, 18), reason="复杂", approved_by="局长"
    )


@pytest.mark.parametrize("who", ["tianshui", "leader"])
def test_other_city_staff_and_leaders_cannot_act_on_a_case(users, who):
    case = case_in(CaseState.RECEIVED, users)
    with pytest.raises(CasePermissionError):
        run("accept", case, users[who])
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED


@pytest.mark.parametrize("who", ["province", "admin", "lanzhou"])
def test_province_staff_and_the_cases_own_bureau_may_act(users, who):
    case = case_in(CaseState.RECEIVED, users)
    assert run("accept", case, users[who]).state == CaseState.ACCEPTED


def test_county_staff_cannot_act_on_their_citys_own_cases(users):
    case = case_in(CaseState.RECEIVED, users)  # 620100: the city bureau's case
    with pytest.raises(CasePermissionError):
        run("accept", case, users["chengguan"])


def test_officers_must_be_able_to_handle_the_cases_region(users):
    case = CaseFactory()
    with pytest.raises(CaseError, match="不能承办此案件"):
        services.case_assign_officers(
            case=case, user=users["lanzhou"], officers=[users["lanzhou"], users["tianshui"]]
        )


def test_penalty_only_for_established_counterfeit_cases(users):
    from decimal import Decimal

    case = case_in(CaseState.INVESTIGATING, users)
    case.kind = CaseKind.COUNTERFEIT
    case.save()
    with pytest.raises(CaseError, match="须先以处理决定结案"):
        services.penalty_add(case=case, user=users["lanzhou"], decided_on=DAY, fine=Decimal("5000"))
    run("close_decision", case, users["lanzhou"])
    case.refresh_from_db()
    penalty = services.penalty_add(
        case=case,
        user=users["lanzhou"],
        decided_on=DAY,
        fine=Decimal("5000.50"),
        confiscation="假冒专利标识产品 200 件",
    )
    assert penalty.fine == Decimal("5000.50")
    assert AuditEntry.objects.filter(action="case.penalty_add").count() == 1


def test_the_audit_trail_names_states_in_chinese(users):
    case = case_in(CaseState.ACCEPTED, users)
    run("mediate", case, users["lanzhou"])
    entry = AuditEntry.objects.get(action="case.mediate")
    assert entry.changes["state"] == ["已立案", "调解"]


def test_a_leader_is_refused_for_the_role_before_any_other_check(users):
    case = case_in(CaseState.CLOSED, users)
    with pytest.raises(CasePermissionError, match="查看权限"):
        services.case_extend(
            case=case, user=users["leader"], until=date(2030, 1, 1), reason="", approved_by=""
        )


def test_the_state_is_checked_before_the_actions_own_rules(users):
    case = case_in(CaseState.CLOSED, users)
    with pytest.raises(TransitionError, match="案件已结案，不能再延长办案期限"):
        services.case_extend(
            case=case, user=users["lanzhou"], until=date(2030, 1, 1), reason="", approved_by=""
        )


@pytest.mark.parametrize("state", CaseState.values)
def test_the_actions_offered_are_those_the_services_allow(users, state):

    case = case_in(state, users)
    offered = case_actions(users["lanzhou"], case)
    transitions = [a for a, t in TRANSITIONS.items() if state in t.sources]
    expected = [a for a in transitions if not a.startswith("close_")]
    expected += ["close"] if any(a.startswith("close_") for a in transitions) else []
    expected += ["officers", "party", "patent"] if case.is_open else []
    assert offered == expected
    assert case_actions(users["leader"], case) == []
    assert case_actions(users["tianshui"], case) == []


def test_extension_is_offered_once_and_a_penalty_only_for_an_established_counterfeit(users):

    case = case_in(CaseState.INVESTIGATING, users)
    assert "extend" in case_actions(users["lanzhou"], case)
    run("extend", case, users["lanzhou"])
    case.refresh_from_db()
    assert "extend" not in case_actions(users["lanzhou"], case)
    with pytest.raises(CaseError):
        run("extend", case, users["lanzhou"])
    counterfeit = case_in(CaseState.INVESTIGATING, users)
    counterfeit.kind = CaseKind.COUNTERFEIT
    counterfeit.save()
    assert "penalty" not in case_actions(users["lanzhou"], counterfeit)
    run("close_decision", counterfeit, users["lanzhou"])
    counterfeit.refresh_from_db()
    assert case_actions(users["lanzhou"], counterfeit)[-1] == "penalty"


@pytest.mark.parametrize(
    ("state", "step", "label"),
    [
        (CaseState.RECEIVED, "accept", "立案日期"),
        (CaseState.RECEIVED, "reject", "决定日期"),
        (CaseState.INVESTIGATING, "close", "结案日期"),
        (CaseState.ACCEPTED, "transfer", "移交日期"),
    ],
)
def test_a_filing_or_closure_after_today_is_refused_and_changes_nothing(users, state, step, label):
    case = case_in(state, users)
    tomorrow = timezone.localdate() + timedelta(days=1)
    user = users["lanzhou"]
    calls = {
        "accept": lambda: services.case_accept(case=case, user=user, accepted_on=tomorrow),
        "reject": lambda: services.case_reject(
            case=case, user=user, reason="不属于受案范围", decided_on=tomorrow
        ),
        "close": lambda: services.case_close(
            case=case, user=user, closure=Closure.WITHDRAWAL, closed_on=tomorrow
        ),
        "transfer": lambda: services.case_transfer(
            case=case, user=user, transferred_to="黑龙江省知识产权局", transferred_on=tomorrow
        ),
    }
    with pytest.raises(CaseError, match=f"{label} {tomorrow.isoformat()} 晚于今天"):
        calls[step]()
    case.refresh_from_db()
    assert (case.state, case.closed_on) == (state, None)
