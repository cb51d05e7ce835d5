"""Demo enforcement cases, campaigns and joint actions, written through the cases services
with the demo staff as actors, so the audit trail reads like a real bureau's.

Shape: a handful of cases a year in the early demo years, growing with the patents; two years
carry the figures the work reports quote for the province: 2007 gets the first speech's
(5 infringement cases received, 2 closed, 1 transferred to Heilongjiang, 2 pending: closure
rate 60%) and 2011 the later report's (41 received, 35 closed: 85.4%). The speeches do not
date these figures to a demo year; the years are chosen inside the demo's patent span. The
years after 2012, up to the demo's end date (`until`, the command's default: today), follow
2012's plan with a few more cases each year, the current one for the part of it that has
passed; a case that could not have been closed by the end date stays open. A few open cases
are dated relative to the end date so the "due soon" and "overdue" lists have something to
show. Everything depends on `seed` and `until` alone, and nothing is dated after `until`.

Idempotent: when the demo's 雷雨 campaign exists the cases were built and nothing is written.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from ipbureau.accounts.models import User
from ipbureau.cases import deadlines
from ipbureau.cases import services as svc
from ipbureau.cases.models import Campaign, Case, CaseKind, CaseSource, Closure, Department
from ipbureau.cases.models import Outcome as Out
from ipbureau.cases.models import Party as P
from ipbureau.demo.assistance import demo_assistance_build
from ipbureau.demo.people import DEMO_STAFF, Names, demo_staff
from ipbureau.demo.tables import CITIES, FIELDS
from ipbureau.patents.models import Patent
from ipbureau.patents.numbers import check_character
from ipbureau.regions.models import Region

SPEECH_YEAR = 2007  # 5 infringement cases: 2 closed, 1 transferred, 2 pending → 60%
REPORT_YEAR = 2011  # 41 received, 35 closed → closed share 85.4%
LEIYU = ("雷雨", date(2011, 4, 1), date(2011, 10, 31))
TIANWANG = ("天网", date(2012, 3, 1), date(2012, 11, 30))

# Outcomes per year, as counts. "open_<state>" stays pending in that state.
YEAR_PLAN: dict[int, dict[str, int]] = {
    2005: {"decision_yes": 1, "mediation": 1},
    2006: {"decision_yes": 1, "mediation": 1, "not_accepted": 1},
    SPEECH_YEAR: {"decision_yes": 1, "mediation": 1, "transfer": 1, "open_investigating": 1,
                  "open_hearing": 1},
    2008: {"decision_yes": 3, "decision_no": 1, "mediation": 2, "withdrawal": 1, "transfer": 1},
    2009: {"decision_yes": 4, "decision_no": 1, "mediation": 3, "withdrawal": 2,
           "not_accepted": 1, "transfer": 1},
    2010: {"decision_yes": 6, "decision_no": 2, "mediation": 5, "withdrawal": 2,
           "withdrawal_early": 1, "not_accepted": 1, "transfer": 1},
    REPORT_YEAR: {"decision_yes": 14, "decision_no": 4, "mediation": 9, "withdrawal": 4,
                  "withdrawal_early": 1, "not_accepted": 3, "transfer": 4, "open_mediating": 1,
                  "open_investigating": 1},
    2012: {"decision_yes": 9, "decision_no": 3, "mediation": 7, "withdrawal": 3,
           "not_accepted": 2, "transfer": 2},
}  # fmt: skip
# Where cases are handled (region code → weight). 620000: the provincial bureau itself.
REGION_WEIGHTS = {
    "620000": 8, "620100": 24, "620102": 14, "620103": 5, "620105": 3, "620500": 10,
    "620502": 5, "620503": 4, "620400": 6, "620300": 5, "620200": 3, "620900": 4, "620600": 3,
    "620800": 3, "621000": 2,
}  # fmt: skip
TRANSFER_TO = ("陕西省知识产权局", "青海省知识产权局", "宁夏回族自治区知识产权局",
               "四川省知识产权局", "新疆维吾尔自治区知识产权局")  # fmt: skip
DISPUTES = ("专利申请权权属", "发明人资格", "职务发明报酬", "专利实施许可合同")


@dataclass
class Spec:
    """One case to build: what happens to it and when."""

    kind: str
    outcome: str
    region: str
    received: date
    transfer_to: str = ""
    recent: bool = False  # one of _recent_specs: `received` is the filing day when filed


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _kind_for(rng: random.Random, outcome: str, year: int) -> str:
    if year == SPEECH_YEAR:
        return CaseKind.INFRINGEMENT
    inf, cft, oth = CaseKind.INFRINGEMENT, CaseKind.COUNTERFEIT, CaseKind.OTHER_DISPUTE
    if outcome in ("decision_yes", "decision_no"):
        return rng.choice((inf, inf, inf, cft, cft))
    if outcome in ("mediation", "withdrawal", "withdrawal_early", "not_accepted"):
        return rng.choice((inf, inf, inf, oth))
    return rng.choice((inf, inf, cft, oth))


# Days a closed case of the later years needs at most from receipt to closure.
CLOSING_DAYS = 150


def _year_plans(until: date) -> dict[int, dict[str, int]]:
    """YEAR_PLAN, then 2012's plan with 8% more cases a year for each later year up to
    `until`; the current year's scaled to the part of it that has passed."""
    plans = {year: plan for year, plan in YEAR_PLAN.items() if year <= until.year}
    last = max(YEAR_PLAN)
    for year in range(last + 1, until.year + 1):
        scale = 1 + 0.08 * (year - last)
        if year == until.year:
            scale *= (until - date(year, 1, 1)).days / 365
        plans[year] = {k: round(n * scale) for k, n in YEAR_PLAN[last].items()}
    return plans


def _specs(rng: random.Random, until: date) -> list[Spec]:
    specs = []
    for year, plan in _year_plans(until).items():
        # The latest day of the year a case can have arrived, ten days before the end date.
        last_day = min(300, (until - date(year, 1, 1)).days - 10)
        if last_day < 1:
            continue
        for outcome, n in plan.items():
            for _ in range(n):
                kind = _kind_for(rng, outcome, year)
                region = _pick(rng, REGION_WEIGHTS)
                # Pending cases of the report years arrived late in the year.
                first = min(250, last_day) if outcome.startswith("open_") else 1
                received = date(year, 1, 1) + timedelta(days=rng.randint(first, last_day))
                if until - received < timedelta(days=CLOSING_DAYS) and year > max(YEAR_PLAN):
                    outcome = outcome if outcome.startswith("open_") else "open_investigating"
                target = "" if outcome != "transfer" else rng.choice(TRANSFER_TO)
                if outcome == "transfer" and kind == CaseKind.COUNTERFEIT:
                    target = f"{CITIES.get(region[:4], ('甘肃省',))[0]}公安局"
                specs.append(Spec(kind, outcome, region, received, target))
    # The speech's transfer went to Heilongjiang; the report year's counterfeit case with a
    # penalty is found in the 雷雨 campaign in Lanzhou.
    next(s for s in specs if s.received.year == SPEECH_YEAR and s.outcome == "transfer"
         ).transfer_to = "黑龙江省知识产权局"  # fmt: skip
    marked = next(
        s for s in specs if s.received.year == REPORT_YEAR and s.outcome == "decision_yes"
    )
    marked.kind, marked.region, marked.received = CaseKind.COUNTERFEIT, "620102", date(2011, 5, 17)
    specs.sort(key=lambda s: (s.received, s.region))
    return specs


def _recent_specs(today: date) -> list[Spec]:
    """Open cases against today's date: due soon, overdue, one extended (`received` here is
    the day of filing for the filed ones; see _Builder.build)."""
    inf, cft, oth = CaseKind.INFRINGEMENT, CaseKind.COUNTERFEIT, CaseKind.OTHER_DISPUTE
    specs = [
        Spec(inf, "open_received", "620102", today - timedelta(days=1)),
        Spec(inf, "open_received", "620500", today - timedelta(days=15)),
        Spec(inf, "open_investigating", "620100", _filed_for_due_soon(inf, today)),
        Spec(inf, "open_hearing", "620502", today - timedelta(days=110)),
        Spec(cft, "open_accepted", "620100", today - timedelta(days=12)),
        Spec(cft, "open_extended", "620102", today - timedelta(days=36)),
        Spec(oth, "open_mediating", "620400", today - timedelta(days=30)),
        Spec(inf, "open_mediating", "620503", today - timedelta(days=55)),
    ]
    for spec in specs:
        spec.recent = True
    return specs


def _filed_for_due_soon(kind: str, today: date) -> date:
    """A filing date whose closure limit falls within the next few days."""
    for ahead in range(1, 30):
        filed = deadlines.add_months(today + timedelta(days=ahead), -3)
        if today <= deadlines.close_due(kind=kind, accepted_on=filed) <= today + timedelta(days=6):
            return filed
    return deadlines.add_months(today + timedelta(days=3), -3)


class _Builder:
    def __init__(self, rng: random.Random, users: dict[str, User], until: date):
        self.rng, self.users, self.names, self.until = rng, users, Names(rng), until
        self.patents = list(
            Patent.objects.exclude(grant_number="")
            .filter(region__code__startswith="62", filing_date__isnull=False)
            .order_by("application_number")
            .values_list("application_number", "title", "filing_date")
        )
        self.counts: dict[str, int] = {"cases": 0, "penalties": 0, "patents_linked": 0}

    def patent_for(self, year: int) -> tuple[str, str, bool]:
        """(number, product, linked): a demo patent granted before the case when there is
        one, two times in three; otherwise a valid number of a patent from elsewhere."""
        older = [p for p in self.patents if p[2].year < year - 1]
        if older and self.rng.random() < 0.67:
            number, title, _ = older[self.rng.randrange(len(older))]
            return number, title.removeprefix("一种"), True
        digits = f"{max(2003, year - self.rng.randint(1, 3))}2{self.rng.randint(2000000, 2999999)}"
        field = FIELDS[self.rng.choice(sorted(FIELDS))]
        return f"{digits}.{check_character(digits)}", self.rng.choice(field.devices), False

    def build(self, spec: Spec, campaigns: dict[str, Campaign]) -> Case:
        rng, names = self.rng, self.names
        actor, officers = demo_staff(self.users, spec.region)
        filed = spec.received if spec.recent and spec.outcome != "open_received" else None
        received = filed - timedelta(days=3) if filed else spec.received
        number, product, linked = self.patent_for(received.year)
        campaign = next((c for c in campaigns.values()
                         if c.start <= received <= c.end), None)  # fmt: skip
        if spec.kind == CaseKind.COUNTERFEIT:
            respondent = names.shop(spec.region)
            requester = "" if rng.random() < 0.5 else names.person()
            source = (
                CaseSource.CAMPAIGN
                if campaign
                else rng.choice((CaseSource.REPORT, CaseSource.REPORT, CaseSource.EXHIBITION))
            )
            summary = (
                f"举报{respondent}销售的{product}及其包装上标注专利号 {number}，"
                "该专利已终止或与产品不符，涉嫌假冒专利。"
            )
            numbers: tuple[str, ...] = ()
        else:
            respondent = names.company(spec.region)
            requester = names.company(spec.region) if rng.random() < 0.7 else names.person()
            source = CaseSource.REQUEST if rng.random() < 0.85 else CaseSource.REFERRAL
            numbers = (number,)
            if spec.kind == CaseKind.INFRINGEMENT:
                summary = (
                    f"请求人称被请求人未经许可制造、销售的{product}落入其专利（{number}）的"
                    "保护范围，请求责令停止侵权。"
                )
            else:
                topic = rng.choice(DISPUTES)
                summary = f"双方就{product}相关专利（{number}）的{topic}发生纠纷，请求调解。"
        case = svc.case_receive(
            user=actor, kind=spec.kind, source=source, region=spec.region, received_on=received,
            summary=summary, requester_name=requester, requester_contact=names.phone(),
            respondent_name=respondent, patent_numbers=numbers,
        )  # fmt: skip
        self.counts["cases"] += 1
        self.counts["patents_linked"] += int(linked and bool(numbers))
        if spec.kind != CaseKind.COUNTERFEIT and rng.random() < 0.3:
            svc.party_add(case=case, user=actor, role=P.Role.RESPONDENT, name=names.shop(spec.region),
                          agent=f"{names.person()}（律师）")  # fmt: skip
        if campaign is not None and spec.kind == CaseKind.COUNTERFEIT:
            svc.case_set_campaign(case=case, user=actor, campaign=campaign)
        self._workflow(case, spec, actor, officers, received, filed)
        return case

    def _workflow(self, case: Case, spec: Spec, actor: User, officers: list[User],
                  received: date, filed: date | None) -> None:  # fmt: skip
        rng, outcome = self.rng, spec.outcome
        if outcome == "open_received":
            return
        if outcome == "not_accepted":
            svc.case_reject(case=case, user=actor, decided_on=received + timedelta(days=3),
                            reason=rng.choice(("请求人不是专利权人或利害关系人", "涉案专利已被宣告无效",
                                               "已就同一纠纷向人民法院起诉")))  # fmt: skip
            return
        if outcome == "withdrawal_early":
            svc.case_close(case=case, user=actor, closure=Closure.WITHDRAWAL,
                           closed_on=received + timedelta(days=2), note="请求人撤回请求")  # fmt: skip
            return
        svc.case_assign_officers(case=case, user=actor, officers=officers)
        filed = filed or deadlines.add_workdays(received, rng.randint(1, 4))
        svc.case_accept(case=case, user=actor, accepted_on=filed)
        limit = deadlines.close_due(kind=spec.kind, accepted_on=filed)
        closed_on = filed + timedelta(days=rng.randint(10, max(11, (limit - filed).days - 3)))
        closed_on = min(closed_on, self.until)
        if outcome == "transfer":
            svc.case_transfer(case=case, user=actor, transferred_to=spec.transfer_to,
                              transferred_on=filed + timedelta(days=rng.randint(5, 20)))  # fmt: skip
        elif outcome in ("decision_yes", "decision_no"):
            svc.case_start_investigation(case=case, user=actor, note="现场勘验，调取销售记录")
            if spec.kind != CaseKind.COUNTERFEIT:
                svc.case_hold_hearing(case=case, user=actor, note="双方到场陈述")
            yes = outcome == "decision_yes"
            svc.case_close(case=case, user=actor, closure=Closure.DECISION, closed_on=closed_on,
                           outcome=Out.ESTABLISHED if yes else Out.NOT_ESTABLISHED)  # fmt: skip
            if yes and spec.kind == CaseKind.COUNTERFEIT:
                fine = Decimal(rng.choice((5000, 10000, 20000, 30000, 50000)))
                svc.penalty_add(case=case, user=actor, decided_on=closed_on, fine=fine,
                                illegal_gains=Decimal(rng.randint(8, 60) * 100),
                                confiscation=f"没收假冒专利产品 {rng.randint(20, 400)} 件",
                                note="责令改正并予公告")  # fmt: skip
                self.counts["penalties"] += 1
        elif outcome in ("mediation", "open_mediating"):
            svc.case_start_investigation(case=case, user=actor)
            svc.case_mediate(case=case, user=actor, note="双方同意调解")
            if outcome == "mediation":
                svc.case_close(case=case, user=actor, closure=Closure.MEDIATION,
                               closed_on=closed_on, note="达成调解协议")  # fmt: skip
        elif outcome == "withdrawal":
            svc.case_start_investigation(case=case, user=actor)
            svc.case_close(case=case, user=actor, closure=Closure.WITHDRAWAL,
                           closed_on=closed_on, note="双方和解，请求人撤回请求")  # fmt: skip
        elif outcome in ("open_investigating", "open_extended"):
            svc.case_start_investigation(case=case, user=actor)
            if outcome == "open_extended":
                today = self.until
                latest = deadlines.extension_limit(kind=spec.kind, close_due=limit)
                until = max(limit + timedelta(days=1), min(today + timedelta(days=4), latest))
                svc.case_extend(case=case, user=actor, until=until, reason="案情复杂，需补充鉴定",
                                approved_by="分管局长")  # fmt: skip
        elif outcome == "open_hearing":
            svc.case_start_investigation(case=case, user=actor)
            svc.case_hold_hearing(case=case, user=actor, note="定于近期口头审理")


def _campaigns(actor: User) -> dict[str, Campaign]:
    cities = list(Region.objects.filter(code__in=["620100", "620500", "620400", "620300"]))
    province = Region.objects.get(code="620000")
    made = {}
    for name, start, end in (LEIYU, TIANWANG):
        made[name] = svc.campaign_create(
            user=actor, name=name, region=province, start=start, end=end, regions=cities,
            description=f"{start.year}年全省专利执法“{name}”专项行动（演示数据）",
        )  # fmt: skip
    return made


def _joint_actions(actor: User, campaigns: dict[str, Campaign]) -> int:
    lanzhou = Region.objects.get(code="620100")
    for i, campaign in enumerate(campaigns.values()):
        cases = Case.objects.filter(campaign=campaign, region__code__startswith="6201")
        svc.joint_action_create(
            user=actor, region=lanzhou, held_on=campaign.start + timedelta(days=40 + 30 * i),
            departments=[Department.MARKET, Department.POLICE], participants=36 + 12 * i,
            results=f"检查商场、批发市场 {14 + 5 * i} 处，查处假冒专利产品 {5 + 3 * i} 批次",
            campaign=campaign, cases=cases,
        )  # fmt: skip
    return len(campaigns)


def demo_enforcement_build(*, seed: int, until: date | None = None) -> dict[str, Any]:
    """Cases, campaigns and the 12330 centre of the demo up to `until` (default today), each
    built once (see the modules' docstrings). Needs the demo accounts
    (demo._ensure_demo_users)."""
    until = until or timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_STAFF)}
    missing = [name for name in DEMO_STAFF if name not in users]
    if missing:
        raise RuntimeError(f"demo accounts missing: {', '.join(missing)}")
    before = Case.objects.count()
    result = demo_cases_build(seed=seed, users=users, until=until)
    result.update(
        demo_assistance_build(seed=seed, staff_for=partial(demo_staff, users), until=until)
    )
    # With the case a 12330 complaint became.
    result["cases"] = Case.objects.count()
    result["cases_created"] = result["cases"] - before
    return result


def demo_cases_build(*, seed: int, users: dict[str, User], until: date) -> dict[str, Any]:
    """Build the demo cases up to `until` once; `users` are the demo accounts by username."""
    if Campaign.objects.filter(name=LEIYU[0], start=LEIYU[1]).exists():
        return {"cases_created": 0, "cases": Case.objects.count()}
    rng = random.Random(f"cases-{seed}")
    builder = _Builder(rng, users, until)
    with transaction.atomic():
        campaigns = _campaigns(users["sheng"])
        for spec in _specs(rng, until) + _recent_specs(until):
            builder.build(spec, campaigns)
        joint = _joint_actions(users["sheng"], campaigns)
    return {
        "cases_created": builder.counts["cases"],
        "cases": Case.objects.count(),
        "penalties": builder.counts["penalties"],
        "patents_linked": builder.counts["patents_linked"],
        "campaigns": len(campaigns),
        "joint_actions": joint,
    }
