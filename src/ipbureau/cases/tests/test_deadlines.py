from datetime import date

import chinese_calendar
import pytest

from ipbureau.cases import deadlines
from ipbureau.cases.models import CaseKind


def test_calendar_knows_the_2024_spring_festival_make_up_days():
    # Sanity check of the package the limits rely on (State Council notice for 2024).
    assert chinese_calendar.is_workday(date(2024, 2, 4))  # Sunday, make-up working day
    assert chinese_calendar.is_workday(date(2024, 2, 18))  # Sunday, make-up working day
    assert not chinese_calendar.is_workday(date(2024, 2, 12))  # Monday in the holiday


def test_acceptance_limit_skips_the_2024_spring_festival_and_counts_make_up_sundays():
    # Received Thursday 1 Feb: Fri 2, Sun 4 (make-up), Mon 5, Tue 6, Wed 7.
    assert deadlines.acceptance_due(
        kind=CaseKind.INFRINGEMENT, received_on=date(2024, 2, 1)
    ) == date(2024, 2, 7)
    # Received Thu 8 Feb, the day before the holiday (10-17 Feb): Fri 9, Sun 18 (make-up),
    # Mon 19, Tue 20, Wed 21.
    assert deadlines.acceptance_due(
        kind=CaseKind.INFRINGEMENT, received_on=date(2024, 2, 8)
    ) == date(2024, 2, 21)


def test_acceptance_limit_across_the_2025_spring_festival():
    # 2025 holiday 28 Jan-4 Feb; Sun 26 Jan and Sat 8 Feb are working days.
    # Received Fri 24 Jan: Sun 26 (make-up), Mon 27, Wed 5, Thu 6, Fri 7 Feb.
    assert deadlines.acceptance_due(
        kind=CaseKind.COUNTERFEIT, received_on=date(2025, 1, 24)
    ) == date(2025, 2, 7)
    # Mon 27 Jan; then Wed 5, Thu 6, Fri 7, Sat 8 Feb.
    assert deadlines.acceptance_due(
        kind=CaseKind.COUNTERFEIT, received_on=date(2025, 1, 26)
    ) == date(2025, 2, 8)


def test_acceptance_limit_across_national_day_2024():
    # Holiday 1-7 Oct; Sun 29 Sep and Sat 12 Oct are working days.
    # Received Fri 27 Sep: Sun 29, Mon 30, Tue 8, Wed 9, Thu 10 Oct.
    assert deadlines.acceptance_due(
        kind=CaseKind.INFRINGEMENT, received_on=date(2024, 9, 27)
    ) == date(2024, 10, 10)
    # Received Wed 9 Oct: Thu 10, Fri 11, Sat 12 (make-up), Mon 14, Tue 15.
    assert deadlines.acceptance_due(
        kind=CaseKind.INFRINGEMENT, received_on=date(2024, 10, 9)
    ) == date(2024, 10, 15)


def test_closure_limit_is_three_months_for_disputes_and_one_for_counterfeit():
    assert deadlines.close_due(kind=CaseKind.INFRINGEMENT, accepted_on=date(2024, 3, 12)) == date(
        2024, 6, 12
    )
    assert deadlines.close_due(kind=CaseKind.COUNTERFEIT, accepted_on=date(2024, 3, 12)) == date(
        2024, 4, 12
    )


def test_closure_limit_ending_in_a_holiday_moves_to_the_next_working_day():
    # One month after 1 Sep 2024 is 1 Oct, National Day: the limit is Tue 8 Oct.
    assert deadlines.close_due(kind=CaseKind.COUNTERFEIT, accepted_on=date(2024, 9, 1)) == date(
        2024, 10, 8
    )
    # Three months after 10 Nov 2024 is Mon 10 Feb 2025, an ordinary working day.
    assert deadlines.close_due(kind=CaseKind.INFRINGEMENT, accepted_on=date(2024, 11, 10)) == date(
        2025, 2, 10
    )
    # Three months after 31 Oct 2024 is 31 Jan 2025, in the Spring Festival: Wed 5 Feb.
    assert deadlines.close_due(kind=CaseKind.INFRINGEMENT, accepted_on=date(2024, 10, 31)) == date(
        2025, 2, 5
    )


def test_limits_are_configurable_per_kind(settings):
    settings.IPBUREAU_CASE_DEADLINES = {"counterfeit": {"close_months": 2}}
    assert deadlines.close_due(kind=CaseKind.COUNTERFEIT, accepted_on=date(2024, 3, 12)) == date(
        2024, 5, 13
    )
    assert deadlines.limits_for(CaseKind.COUNTERFEIT).extension_max_days == 15


@pytest.mark.parametrize(("start", "months", "end"), [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2023, 11, 30), 3, date(2024, 2, 29)),
    (date(2024, 12, 15), 1, date(2025, 1, 15)),
])  # fmt: skip
def test_months_are_calendar_months_clamped_to_the_month_end(start, months, end):
    assert deadlines.add_months(start, months) == end
