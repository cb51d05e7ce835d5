"""A complaint becomes an enforcement case in one step, keeping the link both ways."""

import pytest
from django.test import Client

from ipbureau.accounts.selectors import Scope
from ipbureau.assistance import services
from ipbureau.assistance.figures import assistance_figures
from ipbureau.assistance.models import Kind, State
from ipbureau.assistance.tests.factories import RequestFactory
from ipbureau.audit.models import AuditEntry
from ipbureau.cases.models import Case, CaseKind, CaseSource, CaseState
from ipbureau.figures.periods import period_for
from ipbureau.patents.tests.factories import app_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(regions):
    return RequestFactory(
        kind=Kind.COMPLAINT, subject="商场销售假冒专利产品", description="产品标注的专利号不存在。",
        requester_name="李四", requester_organization="兰州某某机械有限公司",
        requester_contact="0931-8888888", respondent_name="某某商贸有限公司",
        patent_number=app_number(2014, 2, 55),
    )  # fmt: skip


def test_a_complaint_becomes_a_case_with_its_parties_and_patent(complaint, lanzhou_user):
    request = services.assistance_request_to_case(
        request=complaint, user=lanzhou_user, case_kind=CaseKind.COUNTERFEIT
    )
    case = Case.objects.get()
    assert request.case == case and request.state == State.ASSIGNED
    assert (case.kind, case.source, case.state) == (
        CaseKind.COUNTERFEIT, CaseSource.REPORT, CaseState.RECEIVED,
    )  # fmt: skip
    assert case.source_reference == f"12330:{complaint.receipt_code}"
    assert case.region_id == "620102"
    assert "商场销售假冒专利产品" in case.summary
    parties = {p.role: p.name for p in case.parties.all()}
    assert parties == {"requester": "兰州某某机械有限公司", "respondent": "某某商贸有限公司"}
    assert [p.number for p in case.patents.all()] == [complaint.patent_number]
    assert AuditEntry.objects.filter(action="assistance.to_case").count() == 1
    assert AuditEntry.objects.filter(action="case.receive").count() == 1


def test_a_request_becomes_a_case_only_once(complaint, lanzhou_user):
    services.assistance_request_to_case(request=complaint, user=lanzhou_user,
                                        case_kind=CaseKind.COUNTERFEIT)  # fmt: skip
    with pytest.raises(services.AssistanceError, match="已转为案件，不能重复转办"):
        services.assistance_request_to_case(request=complaint, user=lanzhou_user,
                                            case_kind=CaseKind.COUNTERFEIT)  # fmt: skip
    assert Case.objects.count() == 1


def test_a_consultation_cannot_become_a_case(regions, lanzhou_user):
    with pytest.raises(services.AssistanceError, match="咨询不能转为执法案件"):
        services.assistance_request_to_case(
            request=RequestFactory(kind=Kind.CONSULTATION), user=lanzhou_user,
            case_kind=CaseKind.INFRINGEMENT,
        )  # fmt: skip
    assert not Case.objects.exists()


def test_another_city_cannot_turn_the_complaint_into_a_case(complaint, tianshui_user):
    with pytest.raises(services.AssistancePermissionError):
        services.assistance_request_to_case(request=complaint, user=tianshui_user,
                                            case_kind=CaseKind.COUNTERFEIT)  # fmt: skip
    assert not Case.objects.exists()


def test_a_refused_case_leaves_the_request_unchanged(complaint, lanzhou_user):
    with pytest.raises(services.AssistanceError, match="案件类型"):
        services.assistance_request_to_case(request=complaint, user=lanzhou_user,
                                            case_kind="nonsense")  # fmt: skip
    complaint.refresh_from_db()
    assert complaint.case is None and complaint.state == State.RECEIVED
    assert not AuditEntry.objects.filter(action="assistance.to_case").exists()


def test_staff_refer_a_complaint_from_the_detail_page(complaint, lanzhou_user):
    client = Client()
    client.force_login(lanzhou_user)
    assert "转为执法案件" in client.get(f"/assistance/{complaint.pk}/").content.decode()
    response = client.post(f"/assistance/{complaint.pk}/to-case/",
                           {"case_kind": "infringement"}, follow=True)  # fmt: skip
    case = Case.objects.get()
    page = response.content.decode()
    assert f"已转为执法案件 {case.number}" in page and f"/cases/{case.pk}/" in page


def test_referrals_count_in_the_figures(complaint, lanzhou_user):
    services.assistance_request_to_case(request=complaint, user=lanzhou_user,
                                        case_kind=CaseKind.COUNTERFEIT)  # fmt: skip
    RequestFactory(kind=Kind.COMPLAINT)
    result = assistance_figures(scope=Scope(prefix=None), region_code="620100",
                                period=period_for(2015), by=None)  # fmt: skip
    assert result["total"]["kind_complaint"] == 2
    assert result["total"]["referred_to_cases"] == 1
