"""Requests and experts as the centre's records leave them, written straight to the database
for set-up; the behaviour under test goes through the services."""

from datetime import datetime
from zoneinfo import ZoneInfo

import factory

from ipbureau.assistance.models import AssistanceRequest, Channel, Expert, Kind

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    name = factory.Sequence(lambda n: f"专家{n}")
    organization_name = factory.Sequence(lambda n: f"某某研究院{n}")
    ipc_sections = ""
    industries = ""
    available = True


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssistanceRequest

    channel = Channel.HOTLINE
    kind = Kind.CONSULTATION
    requester_name = "张三"
    requester_contact = "13800000000"
    subject = factory.Sequence(lambda n: f"咨询事项{n}")
    description = "请问专利侵权如何维权？"
    region_id = "620102"
    received_at = factory.LazyFunction(lambda: at(2015, 3, 2))
