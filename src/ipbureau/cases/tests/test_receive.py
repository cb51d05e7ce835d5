from datetime import date, timedelta

import pytest
from django.utils import timezone

from ipbureau.audit.models import AuditEntry
from ipbureau.cases.errors import CaseError, CasePermissionError
from ipbureau.cases.models import CaseKind, CaseSource, CaseState, Party
from ipbureau.cases.services import case_receive
from ipbureau.patents.tests.factories import app_number, make_patent

pytestmark = pytest.mark.django_db


def receive(user, **kwargs):
    values = dict(
        kind=CaseKind.INFRINGEMENT,
        source=CaseSource.REQUEST,
        region="620100",
        received_on=date(2024, 3, 1),
        summary="某公司请求处理侵权纠纷",
    )
    values.update(kwargs)
    return case_receive(user=user, **values)


def test_receive_creates_case_with_parties_patents_deadline_and_audit(users):
    patent = make_patent(1, "620102")
    case = receive(
        users["lanzhou"],
        requester_name="兰州大学",
        requester_contact="0931-1234567",
        respondent_name="某贸易公司",
        patent_numbers=[patent.application_number, app_number(2010, 2, 5)],
        assistance_request="12330:ABCD1234",
    )
    assert case.state == CaseState.RECEIVED
    assert case.number == "2024-620100-0001"
    assert case.source_reference == "12330:ABCD1234"
    # 2024-03-01 is a Friday: five working days later is Friday 8 March.
    assert case.acceptance_due == date(2024, 3, 8)
    assert {p.role for p in case.parties.all()} == {Party.Role.REQUESTER, Party.Role.RESPONDENT}
    links = {link.number: link.patent for link in case.patents.all()}
    assert links == {patent.application_number: patent, app_number(2010, 2, 5): None}
    assert AuditEntry.objects.filter(action="case.receive", target_id=str(case.pk)).exists()


def test_case_numbers_count_up_per_region_and_year(users):
    receive(users["lanzhou"])
    second = receive(users["lanzhou"])
    other = receive(users["tianshui"], region="620500")
    assert second.number == "2024-620100-0002"
    assert other.number == "2024-620500-0001"


def test_receive_refuses_a_wrong_check_digit_and_writes_nothing(users):
    good = app_number(2010, 2, 5)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(CaseError, match="涉案专利号"):
        receive(users["lanzhou"], patent_numbers=[bad])
    assert not AuditEntry.objects.filter(action="case.receive").exists()


def test_city_staff_cannot_receive_a_case_for_another_city(users):
    with pytest.raises(CasePermissionError, match="管辖范围"):
        receive(users["tianshui"], region="620100")


def test_leader_cannot_receive_cases(users):
    with pytest.raises(CasePermissionError, match="查看权限"):
        receive(users["leader"])


def test_receipt_after_today_is_refused(users):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(CaseError, match="晚于今天"):
        receive(users["lanzhou"], received_on=tomorrow)
    assert not AuditEntry.objects.filter(action="case.receive").exists()
