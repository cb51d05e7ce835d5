from django.core.management import BaseCommand

from ipbureau.cases.exports import LAYOUT
from ipbureau.cases.figures import BREAKDOWNS, case_figures
from ipbureau.figures.arguments import (
    add_figures_arguments,
    check_output,
    command_figures,
    write_figures,
)


class Command(BaseCommand):
    help = (
        "Enforcement case figures of a region and period (cases counted in the period they "
        "were received): received, closed, transferred, pending, overdue, closure rates."
    )

    def add_arguments(self, parser) -> None:
        add_figures_arguments(parser, breakdowns=BREAKDOWNS)

    def handle(self, *args, **opts) -> None:
        check_output(opts)
        write_figures(self.stdout, command_figures(case_figures, opts), LAYOUT, opts)
