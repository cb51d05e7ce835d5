from django.core.management import CommandError

from ipbureau.figures.arguments import (
    FiguresCommand,
    check_output,
    command_figures,
    write_figures,
)
from ipbureau.figures.formats import Layout
from ipbureau.patents.figures import BREAKDOWNS, figures
from ipbureau.patents.figures.exports import LAYOUT
from ipbureau.patents.figures.narrative import narrative


class Command(FiguresCommand):
    help = (
        "Patent statistics of a region and period from the records: applications, grants, "
        "growth, targets, by city, county, type, applicant kind, IPC section or agency."
    )

    selector = figures
    breakdowns = BREAKDOWNS

    def layout(self) -> Layout:
        return LAYOUT

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--narrative", action="store_true", help="输出工作报告用的文字表述（而非表格）"
        )

    def handle(self, *args, **opts) -> None:
        check_output(opts)
        if opts["narrative"] and opts["format"] != "table" and opts["output"] is None:
            raise CommandError(
                "--narrative 输出文字；同时要导出 json/csv/xlsx 时请用 --output 指定文件"
            )
        result = command_figures(figures, opts)
        # With --narrative the sentences replace the table; another format still goes to
        # its file.
        if opts["format"] != "table" or not opts["narrative"]:
            write_figures(self.stdout, result, LAYOUT, opts)
        if opts["narrative"]:
            self.stdout.write("\n".join(narrative(result)))
