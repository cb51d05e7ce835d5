"""Reporting periods: which filing or grant dates a figure counts, and its base (同期).

A period is a closed date range [start, end] plus the range it is compared with. For a named
period (year, half, quarter, month) the base is the same named period of the year before, so
February 2009 is compared with all of February 2008, 29th included. A period cut off at a
date (year-to-date, `until`) is compared with the same dates a year earlier, 29 February
becoming 28 February.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from ipbureau.figures.errors import StatsError

# The Patent Law took effect on 1 April 1985: no Chinese filing is older.
PATENT_LAW_START = date(1985, 4, 1)
YEAR_MIN, YEAR_MAX = 1985, 2100

QUARTER_NAMES = ("一", "二", "三", "四")
KINDS_HELP = "year、H1、H2、Q1—Q4、M01—M12、YTD、cumulative"


class PeriodError(StatsError):
    """A period that cannot be built; the message says what to type instead."""


@dataclass(frozen=True)
class Period:
    kind: str  # year | H1 | H2 | Q1..Q4 | M01..M12 | YTD | cumulative
    year: int
    label: str
    start: date
    end: date
    base_start: date
    base_end: date

    @property
    def is_cumulative(self) -> bool:
        return self.kind == "cumulative"

    @property
    def from_new_year(self) -> bool:
        """Counts from 1 January of its year: its figure is the year's figure so far, the
        one a year-end projection and a year's target apply to."""
        return not self.is_cumulative and self.start == date(self.year, 1, 1)

    @property
    def whole_year(self) -> bool:
        return self.from_new_year and self.end == date(self.year, 12, 31)

    def as_dict(self) -> dict[str, str]:
        return {
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "base_start": self.base_start.isoformat(),
            "base_end": self.base_end.isoformat(),
        }


def period_for(year: int, period: str = "year", until: date | None = None) -> Period:
    """The period `period` of `year`, optionally cut off at `until` (a date in that year).

    YTD runs from 1 January to `until`, by default the end of the year, or today while the
    year is current. Cumulative counts everything filed up to the end (31 December, `until`,
    or today for the current year); its base is everything up to one year earlier.
    """
    if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise PeriodError(f"年份“{year}”无效，应为 {YEAR_MIN}—{YEAR_MAX} 之间的四位年份")
    kind = normalize_kind(period)
    if until is not None and until.year != year:
        raise PeriodError(f"截止日期 {until.isoformat()} 不在 {year} 年内")
    if kind in ("YTD", "cumulative"):
        end = until or _default_end(year)
        start = date(year, 1, 1) if kind == "YTD" else PATENT_LAW_START
        base_end = year_earlier(end)
        base_start = year_earlier(start) if kind == "YTD" else PATENT_LAW_START
        label = _cut_label(start, end) if kind == "YTD" else _cumulative_label(end)
        return Period(kind, year, label, start, end, base_start, base_end)

    start, end, label = _named(kind, year)
    base_start, base_end, _ = _named(kind, year - 1)
    if until is not None and until < end:
        if until < start:
            raise PeriodError(
                f"截止日期 {until.isoformat()} 早于{label}的开始日期 {start.isoformat()}"
            )
        end, base_start, base_end = until, year_earlier(start), year_earlier(until)
        label = _cut_label(start, end)
    return Period(kind, year, label, start, end, base_start, base_end)


def normalize_kind(period: str) -> str:
    """'year', 'h1', 'Q3', 'm3', 'M03', 'ytd', 'cumulative' → the canonical spelling."""
    text = (period or "year").strip()
    lowered = text.lower()
    if lowered in ("year", "cumulative"):
        return lowered
    if lowered == "ytd":
        return "YTD"
    if match := re.fullmatch(r"([hqm])(\d{1,2})", lowered):
        letter, number = match[1].upper(), int(match[2])
        top = {"H": 2, "Q": 4, "M": 12}[letter]
        if 1 <= number <= top:
            return f"M{number:02d}" if letter == "M" else f"{letter}{number}"
    raise PeriodError(f"统计期间“{period}”无法识别，可用：{KINDS_HELP}")


def year_earlier(day: date) -> date:
    """The same day one year earlier; 29 February becomes 28 February."""
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return month_end(day) + timedelta(days=1)


def _default_end(year: int) -> date:
    today = timezone.localdate()
    return today if today.year == year else date(year, 12, 31)


def _named(kind: str, year: int) -> tuple[date, date, str]:
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31), f"{year}年"
    number = int(kind[1:])
    if kind[0] == "H":
        first = 1 if number == 1 else 7
        half = "上" if number == 1 else "下"
        return date(year, first, 1), month_end(date(year, first + 5, 1)), f"{year}年{half}半年"
    if kind[0] == "Q":
        first = 3 * number - 2
        label = f"{year}年第{QUARTER_NAMES[number - 1]}季度"
        return date(year, first, 1), month_end(date(year, first + 2, 1)), label
    return date(year, number, 1), month_end(date(year, number, 1)), f"{year}年{number}月"


def _cut_label(start: date, end: date) -> str:
    return f"{start.year}年{start.month}月{start.day}日至{end.month}月{end.day}日"


def _cumulative_label(end: date) -> str:
    return f"截至{end.year}年{end.month}月{end.day}日累计"
