from ipbureau.cases.exports import LAYOUT
from ipbureau.cases.figures import BREAKDOWNS, case_figures
from ipbureau.figures.arguments import FiguresCommand
from ipbureau.figures.formats import Layout


class Command(FiguresCommand):
    help = (
        "Enforcement case figures of a region and period (cases counted in the period they "
        "were received): received, closed, transferred, pending, overdue, closure rates."
    )
    selector = case_figures
    breakdowns = BREAKDOWNS

    def layout(self) -> Layout:
        return LAYOUT
