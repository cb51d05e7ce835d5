"""What the figures commands (`stats`, `stats_cases`, `stats_assistance`) share: the
arguments that choose a region, a period and a breakdown, and turning them into a selector's
answer. The command line is the operator's: every region is in scope."""

import argparse
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.core.management import CommandError

from ipbureau.accounts.selectors import Scope
from ipbureau.figures.errors import FIGURES_ERRORS
from ipbureau.figures.periods import KINDS_HELP, Period, period_for


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”无效，应为 YYYY-MM-DD") from None


def add_figures_arguments(parser: argparse.ArgumentParser, *, breakdowns: Iterable[str]) -> None:
    """--year, --period, --until, --region and --by (one of `breakdowns` or none)."""
    parser.add_argument("--year", type=int, required=True, help="统计年度，如 2008")
    parser.add_argument("--period", default="year", help=f"统计期间：{KINDS_HELP}（默认 year）")
    parser.add_argument("--until", type=iso_date, help="截止日期 YYYY-MM-DD（须在该年度内）")
    parser.add_argument("--region", help="地区代码（默认本部署的省）")
    parser.add_argument(
        "--by", default="city", choices=[*breakdowns, "none"], help="分组方式（默认 city）"
    )


def period_region(opts: dict[str, Any]) -> tuple[Period, str | None]:
    """The period and the region code (None: the deployment's province) the options name."""
    try:
        return period_for(opts["year"], opts["period"], opts["until"]), opts["region"]
    except FIGURES_ERRORS as exc:
        raise CommandError(str(exc)) from exc


def command_figures(selector: Callable[..., dict[str, Any]], opts: dict[str, Any]) -> dict:
    """The selector's answer for the options, over every region; its errors as CommandError."""
    period, region_code = period_region(opts)
    try:
        return selector(
            scope=Scope(prefix=None), region_code=region_code, period=period,
            by=None if opts["by"] == "none" else opts["by"],
        )  # fmt: skip
    except FIGURES_ERRORS as exc:
        raise CommandError(str(exc)) from exc
