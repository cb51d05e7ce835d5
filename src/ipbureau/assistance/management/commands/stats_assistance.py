from django.core.management import BaseCommand

from ipbureau.assistance.exports import layout
from ipbureau.assistance.figures import assistance_figures
from ipbureau.figures.arguments import (
    add_figures_arguments,
    check_output,
    command_figures,
    write_figures,
)


class Command(BaseCommand):
    help = (
        "12330 assistance figures of a region and period: requests by channel and kind, "
        "answered, referred to cases, hours to first response and closure, satisfaction."
    )

    def add_arguments(self, parser) -> None:
        add_figures_arguments(parser, breakdowns=["city"])

    def handle(self, *args, **opts) -> None:
        check_output(opts)
        write_figures(self.stdout, command_figures(assistance_figures, opts), layout(), opts)
