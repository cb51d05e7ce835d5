import io
import json
from datetime import date
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from ipbureau.accounts.selectors import Scope
from ipbureau.stats.errors import StatsError
from ipbureau.stats.exports import figures_csv, figures_table, figures_workbook
from ipbureau.stats.narrative import narrative
from ipbureau.stats.periods import KINDS_HELP, period_for
from ipbureau.stats.selectors import BREAKDOWNS, figures

FORMATS = ("table", "json", "csv", "xlsx")


class Command(BaseCommand):
    help = (
        "Patent statistics of a region and period from the records: applications, grants, "
        "growth, targets, by city, county, type, applicant kind, IPC section or agency."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True, help="统计年度，如 2008")
        parser.add_argument("--period", default="year", help=f"统计期间：{KINDS_HELP}（默认 year）")
        parser.add_argument("--until", type=_iso_date, help="截止日期 YYYY-MM-DD（须在该年度内）")
        parser.add_argument("--region", help="地区代码（默认本部署的省）")
        parser.add_argument(
            "--by", default="city", choices=[*BREAKDOWNS, "none"], help="分组方式（默认 city）"
        )
        parser.add_argument("--format", default="table", choices=FORMATS, help="输出格式")
        parser.add_argument("--output", type=Path, help="写入文件（xlsx 必须指定）")
        parser.add_argument(
            "--narrative", action="store_true", help="输出工作报告用的文字表述（而非表格）"
        )

    def handle(self, *args, **opts) -> None:
        fmt, output = opts["format"], opts["output"]
        if fmt == "xlsx" and output is None:
            raise CommandError("xlsx 格式需要用 --output 指定文件名")
        if opts["narrative"] and fmt != "table" and output is None:
            raise CommandError(
                "--narrative 输出文字；同时要导出 json/csv/xlsx 时请用 --output 指定文件"
            )
        try:
            period = period_for(opts["year"], opts["period"], opts["until"])
            # The command line is the operator's: every region is in scope.
            result = figures(
                scope=Scope(prefix=None), region_code=opts["region"], period=period,
                by=None if opts["by"] == "none" else opts["by"],
            )  # fmt: skip
        except StatsError as exc:
            raise CommandError(str(exc)) from exc

        if fmt == "xlsx":
            output.write_bytes(figures_workbook(result))
        elif fmt != "table" or not opts["narrative"]:
            self._write(fmt, result, output)
        if opts["narrative"]:
            self.stdout.write("\n".join(narrative(result)))

    def _write(self, fmt: str, result: dict, output: Path | None) -> None:
        if fmt == "csv":
            buffer = io.StringIO()
            figures_csv(result, buffer)
            text = buffer.getvalue()
        elif fmt == "json":
            text = json.dumps(result, ensure_ascii=False) + "\n"
        else:
            text = figures_table(result) + "\n"
        if output is None:
            self.stdout.write(text, ending="")
        else:
            # Excel reads a UTF-8 CSV file as UTF-8 only with a byte-order mark.
            encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
            output.write_text(text, encoding=encoding, newline="")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"日期“{text}”无效，应为 YYYY-MM-DD") from None
