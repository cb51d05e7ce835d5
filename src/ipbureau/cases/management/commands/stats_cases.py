import io
import json
from datetime import date

from django.core.management import BaseCommand, CommandError

from ipbureau.accounts.selectors import Scope
from ipbureau.cases.exports import figures_csv, figures_table
from ipbureau.cases.figures import BREAKDOWNS, case_figures
from ipbureau.stats.errors import StatsError
from ipbureau.stats.periods import KINDS_HELP, period_for


class Command(BaseCommand):
    help = (
        "Enforcement case figures of a region and period (cases counted in the period they "
        "were received): received, closed, transferred, pending, overdue, closure rates."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True, help="统计年度，如 2008")
        parser.add_argument("--period", default="year", help=f"统计期间：{KINDS_HELP}（默认 year）")
        parser.add_argument("--until", type=_iso_date, help="截止日期 YYYY-MM-DD（须在该年度内）")
        parser.add_argument("--region", help="地区代码（默认本部署的省）")
        parser.add_argument(
            "--by", default="city", choices=[*BREAKDOWNS, "none"], help="分组方式（默认 city）"
        )
        parser.add_argument("--format", default="table", choices=("table", "json", "csv"))

    def handle(self, *args, **opts) -> None:
        try:
            period = period_for(opts["year"], opts["period"], opts["until"])
            # The command line is the operator's: every region is in scope.
            result = case_figures(
                scope=Scope(prefix=None), region_code=opts["region"], period=period,
                by=None if opts["by"] == "none" else opts["by"],
            )  # fmt: skip
        except StatsError as exc:
            raise CommandError(str(exc)) from exc
        if opts["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        elif opts["format"] == "csv":
            buffer = io.StringIO()
            figures_csv(result, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            self.stdout.write(figures_table(result))


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"日期“{text}”无效，应为 YYYY-MM-DD") from None
