"""Triage services: receiving, answering, assigning, closing, the expert pool and its
conflicts of interest, suggestions by field and load. Real database, no mocks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ipbureau.accounts.tests.factories import local_user
from ipbureau.assistance import services
from ipbureau.assistance.models import Kind, State
from ipbureau.assistance.selectors import experts_suggested
from ipbureau.assistance.tests.factories import ExpertFactory, RequestFactory, at
from ipbureau.audit.models import AuditEntry
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.patents.tests.factories import app_number, make_patent
from ipbureau.regions.models import Region

pytestmark = pytest.mark.django_db


def receive(user, **overrides):
    values = {
        "channel": "hotline", "kind": Kind.COMPLAINT, "requester_name": "李四",
        "requester_contact": "0931-8888888", "subject": "展会上发现仿冒产品",
        "description": "某公司在展会上销售与我公司专利相同的产品。",
        "region": Region.objects.get(code="620102"),
        "requester_organization": "兰州某某机械有限公司",
        "respondent_name": "天水某某制造有限公司",
    }  # fmt: skip
    values.update(overrides)
    return services.request_receive(user=user, **values)


def audit_actions(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(target_id=str(obj.pk), target_type="assistance.assistancerequest")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_staff_receive_a_request_with_a_random_receipt_code_and_an_audit_entry(lanzhou_user):
    first = receive(lanzhou_user)
    second = receive(lanzhou_user)
    assert first.state == State.RECEIVED and first.created_by == lanzhou_user
    assert len(first.receipt_code) == 12 and first.receipt_code != second.receipt_code
    assert audit_actions(first) == ["assistance.receive"]


def test_the_patent_concerned_is_validated_and_stored_in_canonical_form(lanzhou_user):
    number = app_number(2015, 1, 123)
    request = receive(lanzhou_user, patent_number=f"ZL {number}")
    assert request.patent_number == number
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    with pytest.raises(services.AssistanceError) as err:
        receive(lanzhou_user, patent_number=wrong)
    assert err.value.field == "patent_number" and "校验位" in str(err.value)


def test_city_staff_cannot_receive_a_request_for_another_city(lanzhou_user):
    with pytest.raises(services.AssistancePermissionError, match="不在您的管辖范围内"):
        receive(lanzhou_user, region=Region.objects.get(code="620502"))


def test_a_receipt_after_now_is_refused_and_writes_nothing(lanzhou_user):
    later = timezone.now() + timedelta(hours=2)
    with pytest.raises(services.AssistanceError, match="受理时间 .* 晚于现在") as err:
        receive(lanzhou_user, received_at=later)
    assert err.value.field == "received_at"
    assert not AuditEntry.objects.filter(action="assistance.receive").exists()


def test_an_answer_or_closure_after_now_is_refused(lanzhou_user):
    request = RequestFactory(received_at=at(2015, 3, 2, 9))
    later = timezone.now() + timedelta(days=1)
    with pytest.raises(services.AssistanceError, match="答复时间 .* 晚于现在"):
        services.request_answer(request=request, user=lanzhou_user, answer="答复", at=later)
    with pytest.raises(services.AssistanceError, match="办结时间 .* 晚于现在"):
        services.request_close(request=request, user=lanzhou_user, satisfaction=5, at=later)
    request.refresh_from_db()
    assert request.state == State.RECEIVED


def test_the_portal_always_receives_through_the_online_channel(regions):
    request = receive(None, channel="hotline")
    assert request.channel == "online" and request.created_by is None


def test_answering_sets_the_first_response_once(lanzhou_user):
    request = RequestFactory(received_at=at(2015, 3, 2, 9))
    services.request_answer(request=request, user=lanzhou_user, answer="可以请求行政裁决。",
                            at=at(2015, 3, 2, 11))  # fmt: skip
    request.refresh_from_db()
    assert request.state == State.ANSWERED
    assert request.first_response_at == at(2015, 3, 2, 11)
    services.request_answer(request=request, user=lanzhou_user, answer="补充：需提供证据。",
                            at=at(2015, 3, 3, 9))  # fmt: skip
    request.refresh_from_db()
    assert request.first_response_at == at(2015, 3, 2, 11)
    assert request.answer == "补充：需提供证据。"
    assert audit_actions(request) == ["assistance.answer", "assistance.answer"]


def test_an_empty_answer_is_refused(lanzhou_user):
    with pytest.raises(services.AssistanceError, match="请填写答复内容"):
        services.request_answer(request=RequestFactory(), user=lanzhou_user, answer="  ")


def test_staff_are_assigned_only_when_their_scope_covers_the_request(
    lanzhou_user, tianshui_user, regions
):

    request = RequestFactory()
    with pytest.raises(services.AssistanceError, match="无权办理该地区"):
        services.request_assign_staff(request=request, user=lanzhou_user, staff=tianshui_user)
    clerk = local_user("620102", username="chengguan")
    services.request_assign_staff(request=request, user=lanzhou_user, staff=clerk)
    request.refresh_from_db()
    assert (request.state, request.assigned_staff) == (State.ASSIGNED, clerk)


def test_an_expert_is_assigned(lanzhou_user):
    expert = ExpertFactory()
    request = RequestFactory()
    services.request_assign_expert(request=request, user=lanzhou_user, expert=expert)
    request.refresh_from_db()
    assert (request.state, request.assigned_expert) == (State.ASSIGNED, expert)
    assert audit_actions(request) == ["assistance.assign_expert"]


def test_an_expert_from_the_requesters_organization_is_refused(lanzhou_user):
    # Full-width brackets and spaces do not hide the conflict.
    expert = ExpertFactory(name="王工", organization_name="兰州某某(集团)有限公司")
    request = RequestFactory(requester_organization="兰州某某（集团） 有限公司")
    with pytest.raises(services.AssistanceError) as err:
        services.request_assign_expert(request=request, user=lanzhou_user, expert=expert)
    assert str(err.value) == (
        "专家 王工 所在单位（兰州某某(集团)有限公司）是本请求的请求人单位，存在利益冲突，不能指派。"
    )
    request.refresh_from_db()
    assert request.assigned_expert is None and request.state == State.RECEIVED
    assert audit_actions(request) == []


def test_an_expert_from_the_respondent_is_refused_also_through_the_applicant_record(
    lanzhou_user,
):
    org = Organization.objects.create(
        name="天水星火机床有限责任公司", normalized_name="天水星火机床有限责任公司",
        kind=OrgKind.ENTERPRISE,
    )  # fmt: skip
    expert = ExpertFactory(organization=org, organization_name="")
    request = RequestFactory(kind=Kind.COMPLAINT, respondent_name="天水星火机床有限责任公司")
    with pytest.raises(services.AssistanceError, match="被投诉方，存在利益冲突"):
        services.request_assign_expert(request=request, user=lanzhou_user, expert=expert)


def test_an_unavailable_expert_is_refused(lanzhou_user):
    with pytest.raises(services.AssistanceError, match="目前不接受指派"):
        services.request_assign_expert(
            request=RequestFactory(), user=lanzhou_user, expert=ExpertFactory(available=False)
        )


def test_closing_records_time_and_satisfaction_and_ends_the_triage(lanzhou_user):
    request = RequestFactory(received_at=at(2015, 3, 2, 9))
    services.request_close(request=request, user=lanzhou_user, satisfaction=5,
                           at=at(2015, 3, 4, 9))  # fmt: skip
    request.refresh_from_db()
    assert (request.state, request.satisfaction) == (State.CLOSED, 5)
    assert request.closed_at - request.received_at == timedelta(days=2)
    with pytest.raises(services.AssistanceError, match="已办结，不能再办理"):
        services.request_answer(request=request, user=lanzhou_user, answer="再答复")
    with pytest.raises(services.AssistanceError, match="已办结"):
        services.request_close(request=request, user=lanzhou_user)


def test_a_satisfaction_outside_one_to_five_is_refused(lanzhou_user):
    with pytest.raises(services.AssistanceError, match="1—5"):
        services.request_close(request=RequestFactory(), user=lanzhou_user, satisfaction=6)


def test_leaders_and_other_cities_cannot_act_on_a_request(leader, tianshui_user):
    request = RequestFactory()
    with pytest.raises(services.AssistancePermissionError, match="没有办理"):
        services.request_answer(request=request, user=leader, answer="答复")
    with pytest.raises(services.AssistancePermissionError, match="不在您的管辖范围内"):
        services.request_close(request=request, user=tianshui_user)


# --- suggestions -----------------------------------------------------------------------------


def test_suggestions_put_field_matches_first_then_the_lowest_load(regions):
    patent = make_patent(7, "620102", year=2015)
    patent.ipc_main = "G01N33/00"
    patent.save()
    request = RequestFactory(patent_number=patent.application_number, industry="装备制造")
    busy_physicist = ExpertFactory(name="甲", ipc_sections="G")
    idle_physicist = ExpertFactory(name="乙", ipc_sections="GH", industries="装备制造、新能源")
    ExpertFactory(name="丙", ipc_sections="C")
    both_but_busy = ExpertFactory(name="丁", ipc_sections="G", industries="装备制造")
    RequestFactory.create_batch(2, assigned_expert=busy_physicist, state=State.ASSIGNED)
    RequestFactory(assigned_expert=both_but_busy, state=State.ASSIGNED)
    # Closed requests are no load.
    RequestFactory.create_batch(3, assigned_expert=idle_physicist, state=State.CLOSED)

    suggestions = experts_suggested(request)
    assert [s.expert.name for s in suggestions] == ["乙", "丁", "甲", "丙"]
    assert [(s.ipc_match, s.industry_match, s.load) for s in suggestions] == [
        (True, True, 0), (True, True, 1), (True, False, 2), (False, False, 0),
    ]  # fmt: skip


def test_suggestions_leave_out_conflicted_and_unavailable_experts(regions):
    request = RequestFactory(requester_organization="兰州大学", respondent_name="甲公司")
    ExpertFactory(name="本单位", organization_name="兰州大学")
    ExpertFactory(name="对方", organization_name="甲公司")
    ExpertFactory(name="休假", available=False)
    ExpertFactory(name="可用")
    assert [s.expert.name for s in experts_suggested(request)] == ["可用"]


# --- the pool --------------------------------------------------------------------------------


def test_province_staff_keep_the_pool_and_every_change_is_audited(province_user):
    expert = services.expert_create(user=province_user, name="赵六", ipc_sections="hA g",
                                    industries="新材料", organization_name="兰州理工大学")  # fmt: skip
    assert expert.ipc_sections == "AGH"
    services.expert_update(expert=expert, user=province_user, available=False)
    expert.refresh_from_db()
    assert expert.available is False
    entries = AuditEntry.objects.filter(target_type="assistance.expert", target_id=str(expert.pk))
    assert sorted(entries.values_list("action", flat=True)) == ["expert.create", "expert.update"]
    assert entries.get(action="expert.update").changes == {"available": ["True", "False"]}


def test_city_staff_cannot_change_the_province_pool(lanzhou_user):
    with pytest.raises(services.AssistancePermissionError, match="只有省局"):
        services.expert_create(user=lanzhou_user, name="赵六")


def test_an_ipc_section_outside_a_to_h_is_refused(province_user):
    with pytest.raises(services.AssistanceError, match="A—H"):
        services.expert_create(user=province_user, name="赵六", ipc_sections="Z")
