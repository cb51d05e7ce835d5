"""Valid invention patents held (有效发明专利拥有量) and per 10,000 people.

What counts as valid at a date D: an invention patent granted on or before D, filed less
than 20 years before D (the term of an invention patent), whose current legal status does
not say it has ended: 失效, 终止 (incl. 未缴年费专利权终止), 无效 (but 部分无效 leaves a valid
patent), 放弃, 撤回, 驳回, 届满, 撤销. An empty or unrecognised status of a granted patent
counts as valid. Not counted correctly: the records keep only the latest legal status, not
when it changed, so for a past D a patent that lapsed after D is wrongly left out; a
status not refreshed by a later export may keep a lapsed patent in.

High-value invention patents (高价值发明专利) as CNIPA defines them are valid inventions that
(1) belong to a strategic emerging industry, (2) have a patent family member granted abroad,
(3) have been maintained for more than 10 years, (4) secured a large pledge loan, or
(5) won a China Patent Award or a national science and technology award. The records allow
only (3) (`maintained_over_10_years`, counted from the filing date); (1) needs CNIPA's
IPC–industry concordance, (2) foreign family data (PCT national-phase entry does not show
a granted family member), (4) pledge registrations and (5) award lists, none of which are
imported. So the high-value figure itself is None and the partial count is given apart.
"""

from datetime import date
from typing import Any

from django.db.models import Count, Q

from ipbureau.accounts.selectors import Scope
from ipbureau.figures.periods import year_earlier
from ipbureau.figures.ratios import per_ten_thousand
from ipbureau.patents.models import Patent, PatentType
from ipbureau.regions.selectors import child_regions, region_for
from ipbureau.targets.selectors import population_for

ENDED_WORDS = ("失效", "终止", "放弃", "撤回", "驳回", "届满", "撤销")
INVENTION_TERM_YEARS = 20
MAINTAINED_YEARS = 10
HIGH_VALUE_NOT_COUNTED = (
    "战略性新兴产业发明专利（需国家知识产权局IPC与产业分类参照关系表）",
    "在海外有同族专利权的发明专利（记录中没有同族专利数据）",
    "实现较高质押融资金额的发明专利（记录中没有质押登记）",
    "获得国家科学技术奖、中国专利奖的发明专利（记录中没有获奖信息）",
)


def ended_q() -> Q:
    """Legal statuses saying the patent right has ended."""
    q = Q(legal_status__contains="无效") & ~Q(legal_status__contains="部分无效")
    for word in ENDED_WORDS:
        q |= Q(legal_status__contains=word)
    return q


def valid_inventions(
    *, scope: Scope, region_code: str | None, at: date, by: str | None = "city"
) -> dict[str, Any]:
    """Valid invention patents held at `at` in a region (and by child region when `by` is
    city or county), per 10,000 people of the year of `at` (population entered in the
    targets app; None where there is no figure for that region and year)."""
    region = region_for(scope, region_code)
    children = child_regions(region, by, scope) if by in ("city", "county") else []
    maintained_since = _years_before(at, MAINTAINED_YEARS)
    rows = (
        Patent.objects.filter(
            Scope(prefix=region.prefix).region_q("region"),
            patent_type=PatentType.INVENTION,
            grant_date__lte=at,
            filing_date__gt=_years_before(at, INVENTION_TERM_YEARS),
        )
        .exclude(ended_q())
        .values_list("region_id")
        .annotate(n=Count("id"), old=Count("id", filter=Q(filing_date__lte=maintained_since)))
        .order_by()
    )
    width = len(children[0].prefix) if children else 0
    prefixes = {child.prefix: child.code for child in children}
    total, per_row = [0, 0], {child.code: [0, 0] for child in children}
    for region_id, n, old in rows:
        total[0] += n
        total[1] += old
        code = prefixes.get((region_id or "")[:width])
        if code:
            per_row[code][0] += n
            per_row[code][1] += old
    population = population_for(
        year=at.year, region_codes=[region.code, *(child.code for child in children)]
    )
    return {
        "region": {"code": region.code, "name": region.name},
        "at": at.isoformat(),
        "total": _figures(total[0], total[1], population.get(region.code)),
        "rows": [
            {
                "code": child.code,
                "name": child.name,
                **_figures(*_pair(per_row[child.code]), population.get(child.code)),
            }
            for child in children
        ],  # fmt: skip
        "high_value_not_counted": list(HIGH_VALUE_NOT_COUNTED),
    }


def _pair(values: list[int]) -> tuple[int, int]:
    return values[0], values[1]


def _figures(valid: int, maintained: int, population: int | None) -> dict[str, Any]:
    return {
        "valid_inventions": valid,
        "population": population,
        "valid_inventions_per_10k": per_ten_thousand(valid, population),
        "maintained_over_10_years": maintained,
        "high_value_inventions": None,
    }


def _years_before(day: date, years: int) -> date:
    for _ in range(years):
        day = year_earlier(day)
    return day
