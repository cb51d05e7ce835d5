from datetime import date

import pytest
from django.utils import timezone

from ipbureau.figures.periods import PATENT_LAW_START, PeriodError, period_for, year_earlier


def span(period) -> tuple[date, date, date, date]:
    return period.start, period.end, period.base_start, period.base_end


def test_year_runs_from_1_january_to_31_december():
    period = period_for(2008)
    assert period.label == "2008年"
    assert span(period) == (
        date(2008, 1, 1),
        date(2008, 12, 31),
        date(2007, 1, 1),
        date(2007, 12, 31),
    )


@pytest.mark.parametrize(
    ("kind", "label", "start", "end"),
    [
        ("H1", "2008年上半年", date(2008, 1, 1), date(2008, 6, 30)),
        ("H2", "2008年下半年", date(2008, 7, 1), date(2008, 12, 31)),
        ("Q1", "2008年第一季度", date(2008, 1, 1), date(2008, 3, 31)),
        ("Q4", "2008年第四季度", date(2008, 10, 1), date(2008, 12, 31)),
        ("M03", "2008年3月", date(2008, 3, 1), date(2008, 3, 31)),
        ("m2", "2008年2月", date(2008, 2, 1), date(2008, 2, 29)),
    ],
)
def test_named_periods_have_chinese_labels_and_exact_ranges(kind, label, start, end):
    period = period_for(2008, kind)
    assert (period.label, period.start, period.end) == (label, start, end)


def test_base_of_february_after_a_leap_year_is_the_whole_leap_february():
    period = period_for(2009, "M02")
    assert span(period) == (
        date(2009, 2, 1),
        date(2009, 2, 28),
        date(2008, 2, 1),
        date(2008, 2, 29),
    )


def test_base_of_leap_february_ends_on_28_february():
    period = period_for(2008, "M02")
    assert (period.base_start, period.base_end) == (date(2007, 2, 1), date(2007, 2, 28))


def test_year_to_date_until_leap_day_compares_with_28_february():
    period = period_for(2008, "YTD", until=date(2008, 2, 29))
    assert period.label == "2008年1月1日至2月29日"
    assert span(period) == (
        date(2008, 1, 1),
        date(2008, 2, 29),
        date(2007, 1, 1),
        date(2007, 2, 28),
    )


def test_year_to_date_of_a_past_year_defaults_to_its_end():
    period = period_for(2008, "YTD")
    assert (period.end, period.label) == (date(2008, 12, 31), "2008年1月1日至12月31日")


def test_year_to_date_of_the_current_year_defaults_to_today():
    today = timezone.localdate()
    assert period_for(today.year, "ytd").end == today


def test_cumulative_counts_everything_up_to_the_end_and_compares_a_year_earlier():
    period = period_for(2008, "cumulative", until=date(2008, 6, 30))
    assert period.label == "截至2008年6月30日累计"
    assert span(period) == (
        PATENT_LAW_START,
        date(2008, 6, 30),
        PATENT_LAW_START,
        date(2007, 6, 30),
    )
    assert period.is_cumulative and not period.from_new_year


def test_until_cuts_a_named_period_and_its_base_to_the_same_dates():
    period = period_for(2008, "Q2", until=date(2008, 5, 15))
    assert period.label == "2008年4月1日至5月15日"
    assert span(period) == (
        date(2008, 4, 1),
        date(2008, 5, 15),
        date(2007, 4, 1),
        date(2007, 5, 15),
    )


def test_until_after_a_named_period_leaves_it_whole():
    assert period_for(2008, "H1", until=date(2008, 9, 1)) == period_for(2008, "H1")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((2008, "Q5"), "统计期间“Q5”无法识别"),
        ((2008, "week"), "统计期间“week”无法识别"),
        ((1900, "year"), "年份“1900”无效"),
        ((2008, "YTD", date(2009, 1, 1)), "不在 2008 年内"),
        ((2008, "H2", date(2008, 3, 1)), "早于2008年下半年的开始日期"),
    ],
)
def test_impossible_periods_are_refused_with_a_chinese_message(args, message):
    with pytest.raises(PeriodError, match=message):
        period_for(*args)


def test_a_year_earlier_of_31_december_and_1_january_stay_in_their_years():
    assert year_earlier(date(2008, 12, 31)) == date(2007, 12, 31)
    assert year_earlier(date(2009, 1, 1)) == date(2008, 1, 1)
