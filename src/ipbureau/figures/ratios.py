"""Percentages and ratios as reports print them.

Every percentage is computed in Decimal and rounded half up to one decimal (39/45 = 86.666…
→ 86.7, where a spreadsheet that truncates prints 86.6), then given out as a float, the
type JSON, CSV and Excel all take as a number. Undefined ratios (nothing to divide by) are
None, printed as null or a dash, never 0 and never an error.
"""

from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")
TWO_DECIMALS = Decimal("0.01")
HUNDRED = Decimal(100)


def rounded(value: Decimal, places: Decimal = ONE_DECIMAL) -> float:
    return float(value.quantize(places, rounding=ROUND_HALF_UP))


def percent(part: int | Decimal, whole: int | Decimal | None) -> float | None:
    """part / whole in %, one decimal; None when whole is 0 or missing."""
    if not whole:
        return None
    return rounded(Decimal(part) * HUNDRED / Decimal(whole))


def growth_percent(now: int, base: int | None) -> float | None:
    """(now − base) / base in %, one decimal; None when there is no base to grow from.
    The divisor is the base: the first seed speech divides by the current figure
    (+200 on 760 printed as 20.8% instead of 26.3%)."""
    if not base:
        return None
    return rounded(Decimal(now - base) * HUNDRED / Decimal(base))


def per_ten_thousand(count: int, population: int | None) -> float | None:
    """Count per 10,000 people, two decimals (Gansu held well under one valid invention
    patent per 10,000 people in 2008; one decimal would print most cities as 0.0)."""
    if not population:
        return None
    return rounded(Decimal(count) * 10_000 / Decimal(population), TWO_DECIMALS)


def whole_number(value: Decimal | None) -> int | float | None:
    """A target value as a JSON number: an int when whole (counts), else a float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def projected(so_far: int, share_part: int, share_whole: int) -> int | None:
    """A year-end figure from the part of the year gone: so_far × whole / part, rounded half
    up; None without history for the part."""
    if not share_part or not share_whole:
        return None
    value = Decimal(so_far) * Decimal(share_whole) / Decimal(share_part)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
