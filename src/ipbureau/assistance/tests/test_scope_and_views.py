"""Staff pages and region scope: a city user never sees another city's requests, not in the
queue, not by URL, not by attachment; triage through the pages."""

import pytest
from django.test import Client

from ipbureau.accounts.tests.factories import local_user
from ipbureau.assistance import services
from ipbureau.assistance.models import AssistanceRequest, Channel, Kind, State
from ipbureau.assistance.selectors import request_list, requests_visible_to
from ipbureau.assistance.services import AssistancePermissionError
from ipbureau.assistance.tests.factories import ExpertFactory, RequestFactory
from ipbureau.cases.errors import CasePermissionError
from ipbureau.patents.services import PermissionDeniedError
from ipbureau.targets.services import TargetPermissionError

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_in_two_cities(regions):
    return {
        "chengguan": RequestFactory(region_id="620102", subject="城关区的咨询"),
        "qilihe": RequestFactory(
            region_id="620103",
            subject="七里河区的投诉",
            kind=Kind.COMPLAINT,
            channel=Channel.ONLINE,
        ),  # fmt: skip
        "tianshui": RequestFactory(region_id="620502", subject="天水的投诉", kind=Kind.COMPLAINT),
    }


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_city_user_sees_only_requests_of_their_region(requests_in_two_cities, lanzhou_user):
    subjects = set(requests_visible_to(lanzhou_user).values_list("subject", flat=True))
    assert subjects == {"城关区的咨询", "七里河区的投诉"}
    assert not request_list(lanzhou_user, text=requests_in_two_cities["tianshui"].receipt_code)


def test_province_staff_see_every_request(requests_in_two_cities, province_user):
    assert requests_visible_to(province_user).count() == 3


def test_the_queue_filters_by_state_channel_and_kind(requests_in_two_cities, lanzhou_user):
    client = logged_in(lanzhou_user)
    page = client.get("/assistance/").content.decode()
    assert "城关区的咨询" in page and "七里河区的投诉" in page and "天水的投诉" not in page
    page = client.get("/assistance/", {"kind": "complaint", "channel": "online"}).content.decode()
    assert "七里河区的投诉" in page and "城关区的咨询" not in page
    page = client.get("/assistance/", {"state": "closed"}).content.decode()
    assert "没有符合条件的请求" in page


def test_city_user_cannot_open_or_act_on_another_citys_request(
    requests_in_two_cities, lanzhou_user
):
    client = logged_in(lanzhou_user)
    other = requests_in_two_cities["tianshui"]
    assert client.get(f"/assistance/{other.pk}/").status_code == 404
    response = client.post(f"/assistance/{other.pk}/answer/", {"answer": "越权答复"})
    assert response.status_code == 404
    assert client.get(f"/assistance/{other.pk}/attachment/").status_code == 404
    other.refresh_from_db()
    assert other.answer == "" and other.state == State.RECEIVED


def test_staff_answer_then_close_through_the_detail_page(requests_in_two_cities, lanzhou_user):
    item = requests_in_two_cities["chengguan"]
    client = logged_in(lanzhou_user)
    page = client.get(f"/assistance/{item.pk}/").content.decode()
    assert "记录答复" in page and "办结" in page
    response = client.post(f"/assistance/{item.pk}/answer/", {"answer": "请携带专利证书来访。"})
    assert response.status_code == 302
    response = client.post(f"/assistance/{item.pk}/close/", {"satisfaction": "4"}, follow=True)
    assert "已办结" in response.content.decode()
    item.refresh_from_db()
    assert (item.state, item.satisfaction, item.answer) == (State.CLOSED, 4, "请携带专利证书来访。")


def test_a_conflicted_expert_is_refused_on_the_page_with_the_reason(
    requests_in_two_cities, lanzhou_user
):
    item = requests_in_two_cities["qilihe"]
    item.respondent_name = "甲公司"
    item.save()
    expert = ExpertFactory(name="钱七", organization_name="甲公司")
    ExpertFactory(name="孙八")
    client = logged_in(lanzhou_user)
    page = client.get(f"/assistance/{item.pk}/").content.decode()
    assert "孙八" in page and "钱七" not in page  # not suggested
    response = client.post(f"/assistance/{item.pk}/assign-expert/", {"expert": expert.pk},
                           follow=True)  # fmt: skip
    assert "存在利益冲突，不能指派" in response.content.decode()
    item.refresh_from_db()
    assert item.assigned_expert is None


def test_staff_register_a_hotline_call(lanzhou_user):
    client = logged_in(lanzhou_user)
    response = client.post("/assistance/new/", {
        "channel": "hotline", "kind": "consultation", "requester_name": "周九",
        "requester_contact": "13912345678", "subject": "如何申请专利", "description": "想了解流程",
        "region": "620102",
    }, follow=True)  # fmt: skip
    assert response.status_code == 200
    item = AssistanceRequest.objects.get()
    assert (item.channel, item.region_id, item.created_by) == ("hotline", "620102", lanzhou_user)
    assert f"受理编号 {item.receipt_code}" in response.content.decode()


def test_city_staff_cannot_register_for_a_region_outside_their_scope(lanzhou_user):
    response = logged_in(lanzhou_user).post("/assistance/new/", {
        "channel": "hotline", "kind": "consultation", "requester_name": "周九",
        "requester_contact": "13912345678", "subject": "如何申请专利", "description": "想了解流程",
        "region": "620502",
    })  # fmt: skip
    assert response.status_code == 200
    assert not AssistanceRequest.objects.exists()


def test_leaders_read_the_queue_but_see_no_triage_actions(requests_in_two_cities, leader):
    client = logged_in(leader)
    item = requests_in_two_cities["chengguan"]
    page = client.get(f"/assistance/{item.pk}/").content.decode()
    assert "城关区的咨询" in page and "记录答复" not in page
    assert client.post(f"/assistance/{item.pk}/answer/", {"answer": "x"}).status_code == 403
    assert client.get("/assistance/new/").status_code == 403


def test_only_province_staff_edit_the_pool(province_user, lanzhou_user):
    assert logged_in(lanzhou_user).get("/assistance/experts/new/").status_code == 403
    client = logged_in(province_user)
    response = client.post("/assistance/experts/new/", {
        "name": "吴十", "organization_name": "兰州理工大学", "ipc_sections": ["B", "F"],
        "industries": "装备制造", "available": "on",
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get("/assistance/experts/").content.decode()
    assert "吴十" in page and "BF" in page


def test_the_queue_needs_a_login(regions):
    response = Client().get("/assistance/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_nav_links_the_assistance_queue(lanzhou_user):
    assert 'href="/assistance/"' in logged_in(lanzhou_user).get("/patents/").content.decode()


def test_staff_are_assigned_on_the_page_only_from_those_who_may_handle_the_request(
    requests_in_two_cities, lanzhou_user, tianshui_user
):

    item = requests_in_two_cities["chengguan"]
    clerk = local_user("620102", username="chengguan_clerk", first_name="王五")
    client = logged_in(lanzhou_user)
    page = client.get(f"/assistance/{item.pk}/").content.decode()
    assert "chengguan_clerk" in page and tianshui_user.username not in page
    response = client.post(f"/assistance/{item.pk}/assign-staff/", {"staff": tianshui_user.pk},
                           follow=True)  # fmt: skip
    assert "所选人员无权办理该地区的请求" in response.content.decode()
    item.refresh_from_db()
    assert item.assigned_staff is None
    response = client.post(f"/assistance/{item.pk}/assign-staff/", {"staff": clerk.pk},
                           follow=True)  # fmt: skip
    assert "已指派给 王五。" in response.content.decode()
    item.refresh_from_db()
    assert item.assigned_staff == clerk


def test_a_refusal_from_the_service_answers_403_with_its_message(
    requests_in_two_cities, lanzhou_user, monkeypatch
):
    # The page's own checks pass; the service, which decides, refuses (e.g. the user's role
    # changed since the page was shown): the answer is the 403 page with the clerk's message.

    def refuse(**kwargs):
        raise services.AssistancePermissionError("您的账号没有办理维权援助请求的权限。")

    monkeypatch.setattr(services, "request_answer", refuse)
    item = requests_in_two_cities["chengguan"]
    response = logged_in(lanzhou_user).post(f"/assistance/{item.pk}/answer/", {"answer": "x"})
    assert response.status_code == 403
    assert "您的账号没有办理维权援助请求的权限。" in response.content.decode()


def test_every_refusal_of_permission_is_a_permission_denied():
    from django.core.exceptions import PermissionDenied

    for refusal in (
        AssistancePermissionError,
        CasePermissionError,
        PermissionDeniedError,
        TargetPermissionError,
    ):
        assert issubclass(refusal, PermissionDenied), refusal
