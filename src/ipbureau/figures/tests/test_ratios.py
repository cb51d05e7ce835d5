from decimal import Decimal

from ipbureau.figures.ratios import (
    growth_percent,
    per_ten_thousand,
    percent,
    projected,
    whole_number,
)


def test_percent_rounds_half_up_to_one_decimal():
    assert percent(39, 45) == 86.7
    assert percent(1, 8) == 12.5
    assert percent(3, 0) is None


def test_growth_divides_by_the_base_not_by_this_year():
    assert growth_percent(960, 760) == 26.3
    assert growth_percent(5, 0) is None


def test_per_ten_thousand_keeps_two_decimals():
    assert per_ten_thousand(1234, 26_000_000) == 0.47
    assert per_ten_thousand(3, None) is None


def test_whole_targets_are_ints_and_projection_needs_history():
    assert whole_number(Decimal("12")) == 12 and isinstance(whole_number(Decimal("12")), int)
    assert whole_number(Decimal("1.5")) == 1.5
    assert projected(6, 1, 2) == 12
    assert projected(6, 0, 2) is None
