from ipbureau.assistance.exports import layout
from ipbureau.assistance.figures import assistance_figures
from ipbureau.figures.arguments import FiguresCommand
from ipbureau.figures.formats import Layout


class Command(FiguresCommand):
    help = (
        "12330 assistance figures of a region and period: requests by channel and kind, "
        "answered, referred to cases, hours to first response and closure, satisfaction."
    )
    selector = assistance_figures
    breakdowns = ["city"]

    def layout(self) -> Layout:
        return layout()
