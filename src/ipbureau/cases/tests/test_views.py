from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ipbureau.accounts.tests.factories import PASSWORD
from ipbureau.cases import services
from ipbureau.cases.models import Campaign, Case, CaseState, JointAction
from ipbureau.cases.selectors import cases_due
from ipbureau.cases.services import campaign_create, joint_action_create
from ipbureau.cases.tests.factories import CaseFactory
from ipbureau.cli import main
from ipbureau.patents.tests.factories import make_patent
from ipbureau.regions.models import Region

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def listed(client: Client, query: str = "") -> str:
    """The case table of the list page (the due panels above it list cases too)."""
    page = client.get(f"/cases/{query}").content.decode()
    return page[page.index('id="cases"') :]


def test_city_officer_never_sees_another_citys_cases(users):
    own = CaseFactory(region_id="620102", number="OWN-1")
    other = CaseFactory(region_id="620500", number="OTHER-1")
    client = login(users["lanzhou"])
    page = client.get("/cases/").content.decode()
    assert "OWN-1" in page and "OTHER-1" not in page  # neither in the table nor the panels
    assert client.get(f"/cases/{own.pk}/").status_code == 200
    assert client.get(f"/cases/{other.pk}/").status_code == 404
    assert client.get("/cases/?region=620500").status_code == 200  # invalid choice: ignored
    assert "OTHER-1" not in client.get("/cases/?region=620500").content.decode()


def test_county_officer_sees_only_the_county(users):
    CaseFactory(region_id="620102", number="CG-1")
    CaseFactory(region_id="620100", number="LZ-1")
    page = login(users["chengguan"]).get("/cases/").content.decode()
    assert "CG-1" in page and "LZ-1" not in page


def test_list_filters_by_state_kind_and_due(users):
    today = timezone.localdate()
    CaseFactory(
        number="LATE-1",
        received_on=today - timedelta(days=30),
        acceptance_due=today - timedelta(days=20),
    )
    CaseFactory(number="SOON-1", received_on=today, acceptance_due=today + timedelta(days=3))
    CaseFactory(
        number="DONE-1",
        state=CaseState.CLOSED,
        closure="decision",
        closed_on=today,
        acceptance_due=today - timedelta(days=20),
    )
    client = login(users["lanzhou"])
    overdue = listed(client, "?due=overdue")
    assert "LATE-1" in overdue and "SOON-1" not in overdue and "DONE-1" not in overdue
    soon = listed(client, "?due=soon")
    assert "SOON-1" in soon and "LATE-1" not in soon
    closed = listed(client, "?state=closed")
    assert "DONE-1" in closed and "LATE-1" not in closed


def test_due_lists_for_the_officer_and_the_bureau(users):
    today = timezone.localdate()
    mine = CaseFactory(number="MINE-1", acceptance_due=today - timedelta(days=1))
    mine.officers.add(users["lanzhou"])
    CaseFactory(number="BUREAU-1", acceptance_due=today - timedelta(days=1))
    CaseFactory(number="TS-1", region_id="620500", acceptance_due=today - timedelta(days=1))

    own = cases_due(users["lanzhou"], mine=True)
    bureau = cases_due(users["lanzhou"], mine=False)
    assert [c.number for c in own["overdue"]] == ["MINE-1"]
    assert sorted(c.number for c in bureau["overdue"]) == ["BUREAU-1", "MINE-1"]
    assert cases_due(users["province"], mine=False)["overdue"].__len__() == 3


def test_receive_form_registers_a_case(users):
    client = login(users["lanzhou"])
    response = client.post("/cases/receive/", {
        "kind": "infringement", "source": "request", "region": "620102",
        "received_on": "2024-03-01", "summary": "请求处理", "requester_name": "甲公司",
        "respondent_name": "乙公司", "patent_numbers": "",
    })  # fmt: skip
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert case.region_id == "620102"


def test_receive_form_refuses_a_region_outside_the_scope(users):
    response = login(users["lanzhou"]).post("/cases/receive/", {
        "kind": "infringement", "source": "request", "region": "620500",
        "received_on": "2024-03-01", "summary": "x",
    })  # fmt: skip
    assert response.status_code == 200
    assert not Case.objects.exists()


def test_detail_shows_allowed_actions_and_acting_works(users):
    case = CaseFactory(received_on=date(2024, 3, 1))
    client = login(users["lanzhou"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "立案" in page and "不予受理" in page and "口头审理" not in page
    client.post(
        f"/cases/{case.pk}/act/officers/", {"officers": [users["lanzhou"].pk, users["lanzhou2"].pk]}
    )
    response = client.post(f"/cases/{case.pk}/act/accept/", {"on": "2024-03-04"}, follow=True)
    assert "已保存" in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED


def test_an_illegal_action_by_post_shows_the_reason(users):
    case = CaseFactory(state=CaseState.CLOSED, closure="decision", closed_on=date(2024, 5, 1))
    response = login(users["lanzhou"]).post(
        f"/cases/{case.pk}/act/transfer/",
        {"on": "2024-05-02", "transferred_to": "某局"},
        follow=True,
    )
    assert "案件已结案，不能再移交" in response.content.decode()


def test_leaders_see_no_actions_and_cannot_act(users):
    case = CaseFactory()
    client = login(users["leader"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="actions"' not in page
    assert (
        client.post(
            f"/cases/{case.pk}/act/reject/", {"on": "2024-03-02", "reason": "x"}
        ).status_code
        == 403
    )
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED


def test_other_city_cannot_act_even_by_guessing_the_url(users):
    case = CaseFactory()
    response = login(users["tianshui"]).post(
        f"/cases/{case.pk}/act/reject/", {"on": "2024-03-02", "reason": "x"}
    )
    assert response.status_code == 404


def test_figures_page_shows_the_rates(users):
    for closure in ("decision", "decision", "transfer"):
        CaseFactory(
            received_on=date(2024, 3, 1),
            closure=closure,
            closed_on=date(2024, 4, 1),
            state=CaseState.TRANSFERRED if closure == "transfer" else CaseState.CLOSED,
        )
    CaseFactory(received_on=date(2024, 3, 1)), CaseFactory(received_on=date(2024, 3, 1))
    page = login(users["province"]).get("/cases/figures/?year=2024&period=year").content.decode()
    assert "甘肃省合计" in page and "60.0" in page


def test_campaign_pages_and_summary(users):
    lanzhou = Region.objects.get(code="620100")
    campaign = campaign_create(
        user=users["province"],
        name="雷雨2024",
        region=Region.objects.get(code="620000"),
        start=date(2024, 4, 1),
        end=date(2024, 10, 31),
        regions=[lanzhou],
    )
    case = CaseFactory(campaign=campaign, number="LY-1")
    CaseFactory(campaign=campaign, number="LY-TS", region_id="620500")
    joint_action_create(
        user=users["lanzhou"],
        region=lanzhou,
        held_on=date(2024, 4, 26),
        departments=["market", "police"],
        participants=12,
        results="检查商户 30 家",
        campaign=campaign,
        cases=[case],
    )
    client = login(users["lanzhou"])
    assert "雷雨2024" in client.get("/cases/campaigns/").content.decode()
    page = client.get(f"/cases/campaigns/{campaign.pk}/").content.decode()
    assert "关联案件 1 件" in page and "LY-TS" not in page
    assert "市场监管、公安" in page and "出动 12 人次" in page
    # 天水 is neither organiser nor covered: the campaign is not visible there.
    assert login(users["tianshui"]).get(f"/cases/campaigns/{campaign.pk}/").status_code == 404


def test_pages_need_login(db):
    assert Client().get("/cases/").status_code == 302


def test_services_are_used_for_receive_via_the_12330_signature(users):
    """The assistance centre calls case_receive with an object carrying a receipt code."""

    class Request:
        receipt_code = "R2024ABC"

    case = services.case_receive(
        user=users["lanzhou"],
        kind="counterfeit",
        source="report",
        region="620100",
        received_on=date(2024, 3, 1),
        summary="12330 举报",
        assistance_request=Request(),
    )
    assert case.source_reference == "12330:R2024ABC"


def test_campaign_created_and_joint_action_recorded_through_the_pages(users):
    client = login(users["lanzhou"])
    response = client.post("/cases/campaigns/new/", {
        "name": "天网2024", "region": "620100", "start": "2024-05-01", "end": "2024-09-30",
        "regions": ["620100"], "description": "",
    })  # fmt: skip

    campaign = Campaign.objects.get()
    assert response["Location"] == f"/cases/campaigns/{campaign.pk}/"
    case = CaseFactory(number="TW-1")
    response = client.post(f"/cases/campaigns/{campaign.pk}/joint-actions/", {
        "held_on": "2024-06-01", "region": "620100", "departments": ["market", "copyright"],
        "participants": "8", "results": "查扣假冒专利产品", "case_numbers": "TW-1；NOPE-9",
    }, follow=True)  # fmt: skip
    assert "找不到案件：NOPE-9" in response.content.decode()
    assert not JointAction.objects.exists()
    client.post(f"/cases/campaigns/{campaign.pk}/joint-actions/", {
        "held_on": "2024-06-01", "region": "620100", "departments": ["market", "copyright"],
        "participants": "8", "results": "查扣假冒专利产品", "case_numbers": "TW-1",
    })  # fmt: skip
    assert list(JointAction.objects.get().cases.all()) == [case]
    client.post(f"/cases/{case.pk}/act/campaign/", {"campaign": campaign.pk})
    case.refresh_from_db()
    assert case.campaign == campaign
    assert login(users["leader"]).get("/cases/campaigns/new/").status_code == 403


def test_campaign_end_before_start_is_refused(users):
    response = login(users["lanzhou"]).post("/cases/campaigns/new/", {
        "name": "x", "region": "620100", "start": "2024-05-01", "end": "2024-04-30",
    })  # fmt: skip
    assert "早于开始日期" in response.content.decode()


def test_two_word_cli_runs_stats_cases(regions, capsys):

    CaseFactory()
    main(["ipbureau", "stats", "cases", "--year", "2024", "--format", "json", "--by", "none"])
    import json

    assert json.loads(capsys.readouterr().out)["total"]["received"] == 1


def test_figures_page_without_parameters_shows_this_year_for_the_users_region(users):
    page = login(users["lanzhou"]).get("/cases/figures/").content.decode()
    assert "兰州市合计" in page and "城关区" in page


def test_figures_page_opens_on_the_latest_year_with_filings_when_none_this_year(users):
    make_patent(1, "620102", year=2015)
    CaseFactory(received_on=date(2015, 3, 1))
    response = login(users["province"]).get("/cases/figures/")
    assert response.context["form"]["year"].value() == 2015
    assert response.context["result"]["period"]["label"] == "2015年"
    assert response.context["result"]["total"]["received"] == 1


def test_detail_marks_a_passed_limit_as_overdue(users):
    case = CaseFactory(acceptance_due=timezone.localdate() - timedelta(days=1))
    page = login(users["lanzhou"]).get(f"/cases/{case.pk}/").content.decode()
    assert "（已超期）" in page
