import io
import json

from django.core.management import BaseCommand

from ipbureau.cases.exports import figures_csv, figures_table
from ipbureau.cases.figures import BREAKDOWNS, case_figures
from ipbureau.stats.command_args import add_figures_arguments, command_figures


class Command(BaseCommand):
    help = (
        "Enforcement case figures of a region and period (cases counted in the period they "
        "were received): received, closed, transferred, pending, overdue, closure rates."
    )

    def add_arguments(self, parser) -> None:
        add_figures_arguments(parser, breakdowns=BREAKDOWNS)
        parser.add_argument("--format", default="table", choices=("table", "json", "csv"))

    def handle(self, *args, **opts) -> None:
        result = command_figures(case_figures, opts)
        if opts["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        elif opts["format"] == "csv":
            buffer = io.StringIO()
            figures_csv(result, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            self.stdout.write(figures_table(result))
