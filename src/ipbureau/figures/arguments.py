"""What the figures commands (`stats`, `stats_cases`, `stats_assistance`) share: the
arguments that choose a region, a period and a breakdown, turning them into a selector's
answer, and writing that answer in the format asked for. The command line is the
operator's: every region is in scope."""

import argparse
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management import BaseCommand, CommandError
from django.core.management.base import OutputWrapper

from ipbureau.accounts.selectors import Scope
from ipbureau.figures.errors import FIGURES_ERRORS
from ipbureau.figures.formats import FORMATS, Layout, render
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
    parser.add_argument("--format", default="table", choices=FORMATS, help="输出格式（默认 table）")
    parser.add_argument("--output", type=Path, help="写入文件（xlsx 必须指定）")


def check_output(opts: dict[str, Any]) -> None:
    """Refuse what cannot be written before any figure is computed."""
    if opts["format"] == "xlsx" and opts["output"] is None:
        raise CommandError("xlsx 格式需要用 --output 指定文件名")


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


def write_figures(
    stdout: OutputWrapper, figures: dict[str, Any], layout: Layout, opts: dict[str, Any]
) -> None:
    """The figures in the format asked for, to --output or else to the command's output."""
    fmt, output = opts["format"], opts["output"]
    content = render(figures, layout, fmt)
    if isinstance(content, bytes):
        output.write_bytes(content)
    elif output is None:
        stdout.write(content, ending="")
    else:
        # Excel reads a UTF-8 CSV file as UTF-8 only with a byte-order mark.
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        output.write_text(content, encoding=encoding, newline="")


class FiguresCommand(BaseCommand):
    """`ipbureau stats <module>`: a module's figures selector, its breakdowns and its column
    layout are all a command needs; the arguments, checks and formats are the same for all."""

    selector: Callable[..., dict[str, Any]]
    breakdowns: Iterable[str] = ()

    def layout(self) -> Layout:
        raise NotImplementedError

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_figures_arguments(parser, breakdowns=self.breakdowns)

    def handle(self, *args: Any, **opts: Any) -> None:
        check_output(opts)
        write_figures(self.stdout, command_figures(type(self).selector, opts), self.layout(), opts)
