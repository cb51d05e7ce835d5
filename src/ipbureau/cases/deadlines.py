"""Statutory time limits of enforcement cases and the working-day calendar they run on.

Defaults follow 《专利行政执法办法》 (国家知识产权局令第60号, amended by 令第71号 of 2015).
The article numbers below are quoted from memory of the 2015 text and were NOT verified
against an authoritative copy on this machine (no copy was available offline):

* 第十条: a request for handling an infringement dispute is filed, or refused with reasons,
  within 5 working days of receipt (收到请求书之日起5个工作日内立案 / 通知不予受理).
* 第二十一条: an infringement dispute is closed within 3 months of filing (自立案之日起3个月
  内结案); a particularly complex case may be extended with the approval of the head of the
  department, by at most 1 month.
* 假冒专利 (第四章, 查处假冒专利行为; article number unverified, believed 第三十一条 or near):
  closed within 1 month of filing, extension with approval by at most 15 days.

Other patent disputes (ownership, inventor, remuneration; handled by mediation) have no limit
of their own in those rules; the infringement limits are used as the default. Newer rules
(国家知识产权局《专利纠纷行政裁决和调解办法》, 2024) may change these numbers: every limit is
a setting (IPBUREAU_CASE_DEADLINES), so a bureau can follow the rules in force without code.

Working days follow the official calendar (chinese_calendar: Spring Festival, National Day
and the make-up working days on weekends). A limit counted in months or days that ends on a
non-working day moves to the next working day, the general rule for legal periods (民事诉讼
法 期间 article; applied here by analogy, also unverified for administrative enforcement).
"""

import calendar
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.conf import settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    acceptance_workdays: int  # from receipt to the acceptance decision
    close_months: int  # from filing to closure
    close_days: int  # added to the months (0 by default)
    extension_max_days: int  # one extension, at most this long
    extension_max_months: int


DEFAULT_LIMITS: dict[str, dict[str, int]] = {
    "infringement": {"acceptance_workdays": 5, "close_months": 3, "close_days": 0,
                     "extension_max_days": 0, "extension_max_months": 1},
    "counterfeit": {"acceptance_workdays": 5, "close_months": 1, "close_days": 0,
                    "extension_max_days": 15, "extension_max_months": 0},
    "other_dispute": {"acceptance_workdays": 5, "close_months": 3, "close_days": 0,
                      "extension_max_days": 0, "extension_max_months": 1},
}  # fmt: skip


def limits_for(kind: str) -> Limits:
    """The limits of a case kind: the defaults above, overridden per kind and key by
    settings.IPBUREAU_CASE_DEADLINES (e.g. {"counterfeit": {"close_months": 2}})."""
    values = dict(DEFAULT_LIMITS[kind])
    values.update(getattr(settings, "IPBUREAU_CASE_DEADLINES", {}).get(kind, {}))
    return Limits(**values)


def is_workday(day: date) -> bool:
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # The package knows the years the State Council has published; beyond them only
        # weekends are known. Keep the package updated every December.
        _warn_unknown_year(day.year)
        return day.weekday() < 5


@cache
def _warn_unknown_year(year: int) -> None:
    """Once per year and process: a limit is counted over many days of the same year."""
    logger.warning("chinese_calendar has no holidays for %s; using weekdays", year)


def add_workdays(start: date, days: int) -> date:
    """The `days`-th working day after `start` (the day of receipt itself not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_workday(day):
            counted += 1
    return day


def next_workday(day: date) -> date:
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def add_months(start: date, months: int) -> date:
    """Same day `months` later; the 31st becomes the month's last day when shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def acceptance_due(*, kind: str, received_on: date) -> date:
    return add_workdays(received_on, limits_for(kind).acceptance_workdays)


def close_due(*, kind: str, accepted_on: date) -> date:
    limits = limits_for(kind)
    end = add_months(accepted_on, limits.close_months) + timedelta(days=limits.close_days)
    return next_workday(end)


def extension_limit(*, kind: str, close_due: date) -> date:
    """The latest date one approved extension may reach."""
    limits = limits_for(kind)
    end = add_months(close_due, limits.extension_max_months)
    return next_workday(end + timedelta(days=limits.extension_max_days))
