"""Demo 12330 centre: an expert pool and requests across channels, kinds and cities, handled
through the assistance services by the demo staff (portal requests arrive with no user, as
they do from the public form).

Requests from 2010 to a month before the demo's end date (`until`, the command's default:
today) are finished: answered, many assigned to an expert, closed, most with the requester's
satisfaction; a few more each year. A dozen recent ones (the last four weeks before `until`)
are still in work, and one recent complaint is turned into an enforcement case. Depends on
`seed` and `until` alone, apart from receipt codes (random by design); nothing is dated after
`until`.

Idempotent: when the pool's first demo expert exists, nothing is written.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ipbureau.accounts.models import User
from ipbureau.assistance import services as svc
from ipbureau.assistance.models import AssistanceRequest, Channel, Expert, Kind
from ipbureau.assistance.selectors import experts_suggested
from ipbureau.cases.models import CaseKind
from ipbureau.demo.people import Names
from ipbureau.orgs.models import Organization
from ipbureau.patents.models import Patent
from ipbureau.regions.models import Region

# name, organization, IPC sections, industries, qualifications, region, available
EXPERTS = (
    ("王建华", "兰州大学", "BC", "化工、新材料", "教授，博士生导师", "620100", True),
    ("李秀兰", "中国科学院兰州化学物理研究所", "BC", "化工、润滑材料", "研究员", "620100", True),
    ("张志刚", "兰州理工大学", "BF", "机械制造、石油装备", "教授，高级工程师", "620100", True),
    ("刘晓东", "金川集团股份有限公司", "C", "有色冶金", "教授级高级工程师", "620300", True),
    ("陈丽娟", "甘肃农业大学", "A", "农业、食品", "教授", "620100", True),
    ("赵永强", "甘肃陇正律师事务所", "", "知识产权诉讼、法律服务", "律师，执业十五年", "620100",
     True),
    ("杨海燕", "兰州交通大学", "EG", "铁路、建筑", "副教授", "620100", True),
    ("马福荣", "天水星火机床有限责任公司", "B", "机床、机械制造", "高级工程师", "620500", True),
    ("周文斌", "甘肃中医药大学", "A", "中医药、生物医药", "教授，执业药师", "620100", True),
    ("孙立新", "甘肃省科学院", "GH", "电子信息、自动化", "研究员", "620100", True),
    ("郭建国", "甘肃金城专利代理有限公司", "ABCDEFGH", "专利代理、海外维权", "专利代理师",
     "620100", True),
    ("何雪梅", "西北师范大学", "GH", "教育、信息技术", "教授（出国访学，暂停指派）", "620100",
     False),
)  # fmt: skip
INDUSTRIES = ("化工", "机械制造", "有色冶金", "农业", "食品", "中医药", "电子信息", "建筑",
              "铁路", "石油装备")  # fmt: skip
CHANNELS = {Channel.HOTLINE: 40, Channel.ONLINE: 25, Channel.WALK_IN: 15, Channel.LETTER: 10,
            Channel.REFERRAL: 10}  # fmt: skip
KINDS = {Kind.CONSULTATION: 50, Kind.COMPLAINT: 25, Kind.ASSISTANCE: 15, Kind.OVERSEAS: 10}
REGIONS = {"620100": 25, "620102": 15, "620103": 6, "620500": 10, "620502": 4, "620400": 6,
           "620300": 5, "620900": 4, "620200": 3, "620700": 3, "621000": 3, "620600": 3,
           "622900": 2}  # fmt: skip
SUBJECTS = {
    Kind.CONSULTATION: ("专利申请流程咨询", "实用新型与发明如何选择", "专利年费缴纳咨询",
                        "职务发明归属咨询", "专利资助政策咨询", "专利权转让手续咨询"),
    Kind.COMPLAINT: ("举报商场销售假冒专利产品", "投诉他人仿冒我公司专利产品", "举报网店标注虚假专利号",
                     "展会上发现侵权产品"),
    Kind.ASSISTANCE: ("专利侵权纠纷维权援助申请", "请求协助进行侵权比对", "申请专家出具维权意见"),
    Kind.OVERSEAS: ("产品出口中亚遭遇专利诉讼", "海外参展被指侵权", "申请海外专利布局指导"),
}  # fmt: skip
DETAILS = {
    Kind.CONSULTATION: ("第一次申请专利，不清楚需要准备哪些材料。", "想了解申请费用和审查周期。",
                        "单位的技术成果想申请专利，询问权利归属。"),
    Kind.COMPLAINT: ("发现市场上有产品与本公司专利产品外观、结构基本相同。",
                     "产品包装上标注的专利号查询不到，怀疑假冒。"),
    Kind.ASSISTANCE: ("对方仿制本公司专利产品，希望中心协助判断是否构成侵权。",
                      "准备请求行政处理，需要专家意见。"),
    Kind.OVERSEAS: ("产品拟出口，担心侵犯当地专利，希望得到指导。", "收到境外企业律师函，指控侵权。"),
}  # fmt: skip
# The recent requests: (kind or None for any, steps handled); steps -1: turned into a case.
# A consultation answered stays 已答复; other kinds go to an expert first (已分派).
RECENT = (
    (None, 0), (None, 0), (None, 0), (Kind.CONSULTATION, 1), (Kind.CONSULTATION, 1),
    (Kind.COMPLAINT, 1), (Kind.ASSISTANCE, 1), (None, 2), (Kind.OVERSEAS, 1),
    (Kind.CONSULTATION, 1), (None, 0), (Kind.COMPLAINT, -1),
)  # fmt: skip
ANSWERS = {
    Kind.CONSULTATION: "已电话答复，告知办理流程及所需材料，并推荐相关指南。",
    Kind.COMPLAINT: "已登记并核实线索，转执法人员调查处理，结果将另行告知。",
    Kind.ASSISTANCE: "已指派专家进行侵权比对分析，出具维权意见并告知可选择的维权途径。",
    Kind.OVERSEAS: "已组织专家分析风险，提供应诉及海外维权指引。",
}


def _when(rng: random.Random, day: datetime) -> datetime:
    """A moment in working hours of `day` (local time)."""
    moment = day.replace(hour=rng.randint(8, 17), minute=rng.randint(0, 59), second=0,
                         microsecond=0)  # fmt: skip
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _experts(actor: User) -> list[Expert]:
    made = []
    for name, org, ipc, industries, qualifications, region, available in EXPERTS:
        made.append(svc.expert_create(
            user=actor, name=name, organization=Organization.objects.filter(name=org).first(),
            organization_name=org, ipc_sections=ipc, industries=industries,
            qualifications=qualifications, available=available,
            region=Region.objects.get(code=region),
        ))  # fmt: skip
    return made


class _Requests:
    def __init__(self, rng: random.Random, staff_for, names: Names):
        self.rng, self.staff_for, self.names = rng, staff_for, names
        self.patents = list(
            Patent.objects.filter(region__code__startswith="62").exclude(grant_number="")
            .order_by("application_number").values_list("application_number", flat=True)[:2000]
        )  # fmt: skip
        self.regions = {r.code: r for r in Region.objects.filter(code__in=list(REGIONS))}

    def receive(self, received_at: datetime, kind: str | None = None, region: str | None = None):
        rng, names = self.rng, self.names
        kind = kind or rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
        channel = rng.choices(list(CHANNELS), weights=list(CHANNELS.values()))[0]
        region = region or rng.choices(list(REGIONS), weights=list(REGIONS.values()))[0]
        actor, _ = self.staff_for(region)
        party = kind in (Kind.COMPLAINT, Kind.ASSISTANCE, Kind.OVERSEAS)
        patent = rng.choice(self.patents) if self.patents and party and rng.random() < 0.6 else ""
        return svc.request_receive(
            user=None if channel == Channel.ONLINE else actor, channel=channel, kind=kind,
            requester_name=names.person(), requester_contact=names.phone(),
            requester_organization=names.company(region) if party and rng.random() < 0.7 else "",
            respondent_name=names.company(region) if kind == Kind.COMPLAINT else "",
            subject=rng.choice(SUBJECTS[kind]), region=self.regions[region],
            description=rng.choice(DETAILS[kind]),
            patent_number=patent, industry=rng.choice(INDUSTRIES), received_at=received_at,
        )  # fmt: skip

    def handle(self, request: AssistanceRequest, *, steps: int, now: datetime) -> None:
        """Apply the first `steps` of: answer (or assign an expert), close."""
        rng = self.rng
        actor, _ = self.staff_for(request.region_id)
        at = min(request.received_at + timedelta(hours=rng.randint(1, 40)), now)
        if steps >= 1:
            if request.kind == Kind.CONSULTATION:
                svc.request_answer(request=request, user=actor, answer=ANSWERS[request.kind], at=at)
            else:
                suggested = experts_suggested(request, limit=1)
                if suggested:
                    svc.request_assign_expert(request=request, user=actor,
                                              expert=suggested[0].expert)  # fmt: skip
                svc.request_answer(request=request, user=actor, answer=ANSWERS[request.kind], at=at)
        if steps >= 2:
            later = min(at + timedelta(hours=rng.randint(2, 200)), now)
            satisfaction = rng.choice((5, 5, 5, 4, 4, 3, None))
            svc.request_close(request=request, user=actor, satisfaction=satisfaction, at=later)


FIRST_YEAR = 2010


def _finished_days(rng: random.Random, until: date) -> list[datetime]:
    """Receipt days of the finished requests: 16 a year in 2010–2012, one more each later
    year, the current year's for the part of it before the last month."""
    last = until - timedelta(days=30)
    days = []
    for year in range(FIRST_YEAR, last.year + 1):
        start = date(year, 1, 4)
        end = min(date(year, 12, 28), last)
        if end <= start:
            continue
        n = 16 + max(0, year - 2012)
        n = round(n * min(1.0, (end - start).days / 358))
        for _ in range(n):
            day = start + timedelta(days=rng.randint(0, (end - start).days))
            days.append(datetime.combine(day, time()))
    return days


def demo_assistance_build(*, seed: int, staff_for, until: date) -> dict[str, Any]:
    """Build the demo 12330 data up to `until` once. `staff_for(region_code)` → (acting
    user, officers)."""
    first = EXPERTS[0]
    if Expert.objects.filter(name=first[0], organization_name=first[1]).exists():
        return {"requests_created": 0, "requests": AssistanceRequest.objects.count(),
                "experts": Expert.objects.count()}  # fmt: skip
    rng = random.Random(f"assistance-{seed}")
    # The start of the demo's last day: before now, and the same whenever the demo is built.
    now = timezone.make_aware(datetime.combine(until, time()))
    sheng, _ = staff_for("620000")
    with transaction.atomic():
        experts = _experts(sheng)
        requests = _Requests(rng, staff_for, Names(rng))
        created = 0
        for day in _finished_days(rng, until):
            request = requests.receive(_when(rng, day))
            requests.handle(request, steps=2, now=now)
            created += 1
        for i, (kind, steps) in enumerate(RECENT):  # the last four weeks, in work
            day = timezone.localtime(now) - timedelta(days=28 - 2 * i)
            received_at = min(_when(rng, day), now)
            if steps < 0:  # a complaint that becomes an enforcement case
                request = requests.receive(received_at, kind, "620102")
                actor, _ = staff_for("620102")
                svc.assistance_request_to_case(request=request, user=actor,
                                               case_kind=CaseKind.INFRINGEMENT)  # fmt: skip
            else:
                request = requests.receive(received_at, kind)
                requests.handle(request, steps=steps, now=now)
            created += 1
    return {"requests_created": created, "requests": AssistanceRequest.objects.count(),
            "experts": len(experts)}  # fmt: skip
