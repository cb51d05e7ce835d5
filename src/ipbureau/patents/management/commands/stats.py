import io
import json
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from ipbureau.patents.figures import BREAKDOWNS, figures
from ipbureau.patents.figures.exports import figures_csv, figures_table, figures_workbook
from ipbureau.patents.figures.narrative import narrative
from ipbureau.stats.command_args import add_figures_arguments, command_figures

FORMATS = ("table", "json", "csv", "xlsx")


class Command(BaseCommand):
    help = (
        "Patent statistics of a region and period from the records: applications, grants, "
        "growth, targets, by city, county, type, applicant kind, IPC section or agency."
    )

    def add_arguments(self, parser) -> None:
        add_figures_arguments(parser, breakdowns=BREAKDOWNS)
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
        result = command_figures(figures, opts)

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
