"""The dashboard's enforcement and 12330 cards: the case and request figures of the region
and period on screen, in the user's scope."""

from datetime import date

import pytest

from ipbureau.assistance.models import AssistanceRequest
from ipbureau.assistance.tests.factories import RequestFactory, at
from ipbureau.cases.models import CaseState, Closure
from ipbureau.cases.tests.factories import CaseFactory
from ipbureau.dashboard.tests.test_views import get, text_of

pytestmark = pytest.mark.django_db


def case(region: str, closure: str | None = None, **kwargs):
    state = {
        None: CaseState.ACCEPTED,
        Closure.TRANSFER: CaseState.TRANSFERRED,
    }.get(closure, CaseState.CLOSED)
    closed_on = date(2015, 4, 10) if closure else None
    return CaseFactory(
        region_id=region, state=state, closure=closure or "", received_on=date(2015, 3, 2),
        accepted_on=date(2015, 3, 5), acceptance_due=date(2015, 3, 9),
        close_due=date(2099, 6, 5), closed_on=closed_on, **kwargs,
    )  # fmt: skip


@pytest.fixture
def first_speech_cases(records):
    """The first speech: 5 infringement cases received, 2 closed, 1 transferred (60%); all in
    兰州 but one pending in 天水."""
    case("620102", Closure.DECISION)
    case("620103", Closure.MEDIATION)
    case("620102", Closure.TRANSFER, transferred_to="黑龙江省知识产权局")
    case("620102")
    case("620502")
    RequestFactory(region_id="620102", received_at=at(2015, 3, 2))
    RequestFactory(region_id="620502", received_at=at(2015, 5, 6))
    RequestFactory(region_id="620502", received_at=at(2014, 5, 6))  # another year


def test_the_province_sees_the_speech_closure_rate(client, first_speech_cases, province_user):
    page = get(client, province_user, region="620000", year=2015, period="year")
    assert text_of(page, "kpi-cases") == "5"
    assert text_of(page, "kpi-closure-rate") == "60.0%"
    assert text_of(page, "kpi-closed-share") == "40.0%"
    assert text_of(page, "kpi-pending") == "2"
    assert text_of(page, "kpi-requests") == "2"
    assert AssistanceRequest.objects.count() == 3


def test_a_city_user_sees_only_their_citys_cases_and_requests(
    client, first_speech_cases, lanzhou_user
):
    page = get(client, lanzhou_user, year=2015, period="year")
    assert text_of(page, "kpi-cases") == "4"
    assert text_of(page, "kpi-closure-rate") == "75.0%"  # 2 closed + 1 transferred of 4
    assert text_of(page, "kpi-pending") == "1"
    assert text_of(page, "kpi-requests") == "1"


def test_a_period_without_cases_says_so_instead_of_dividing(client, records, province_user):
    page = get(client, province_user, region="620000", year=2015, period="year")
    assert text_of(page, "kpi-cases") == "0"
    assert text_of(page, "kpi-closure-rate") == "—"
